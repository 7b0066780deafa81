"""What the supervision actions share: today, pages, deadline labels, who must be staff."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.workflow import ActionForbidden, ActionInvalid

# What each deadline asks, untranslated (each viewer reads it in their language); the demo
# writes its deadlines with the same labels.
LABEL_ANSWER = gettext_noop("Report what was done about the deliberation opinions: %(title)s")
LABEL_ASSESS = gettext_noop("Assess the report on what was done: %(title)s")


def opinion_title(report_title: str) -> str:
    """关于…报告的审议意见, from the report's title (its issuer and "关于" left out)."""
    _issuer, found, rest = report_title.partition("关于")
    rest = (rest if found else report_title).removesuffix("的报告").removesuffix("报告")
    return f"关于{rest}报告的审议意见"


def today() -> datetime.date:
    return timezone.localdate()


def opinion_url(opinion: Any) -> str:
    return reverse("supervision:opinion", args=[opinion.pk])


def report_url(report: Any) -> str:
    return reverse("supervision:report", args=[report.pk])


def inquiry_url(inquiry: Any) -> str:
    return reverse("supervision:inquiry", args=[inquiry.pk])


def require_staff(actor: Any, congress_id: int) -> None:
    if not actor.has_perm("supervision.manage") or actor.congress_id != congress_id:
        raise ActionForbidden(_("Only the standing committee's staff of this congress do this."))


def not_in_future(day: datetime.date, field: str) -> datetime.date:
    if day > today():
        raise ActionInvalid(_("The date cannot be in the future."), field=field)
    return day


def in_future(day: datetime.date, field: str) -> datetime.date:
    if day <= today():
        raise ActionInvalid(_("The deadline must be after today."), field=field)
    return day
