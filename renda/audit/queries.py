"""Reads of the audit trail that the page and its export share."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.audit.models import Record


def visible(user: Any) -> QuerySet[Record]:
    """The auditor's congress's records, and those that name none (a failed login of an
    unknown name); a superuser's: every record."""
    qs = Record.objects.all()
    if user.is_superuser:
        return qs
    return qs.filter(Q(congress_id=user.congress_id) | Q(congress__isnull=True))


def chosen(qs: QuerySet[Record], values: dict[str, Any]) -> QuerySet[Record]:
    """The records the filter bar asks for, newest first."""
    if values.get("kind"):
        qs = qs.filter(kind=values["kind"])
    if values.get("q"):
        words = values["q"].strip()
        qs = qs.filter(Q(username__icontains=words) | Q(target__icontains=words))
    if values.get("ip"):
        qs = qs.filter(ip=values["ip"])
    zone = timezone.get_current_timezone()
    if values.get("since"):
        qs = qs.filter(at__gte=datetime.datetime.combine(values["since"], datetime.time(), zone))
    if values.get("until"):
        end = values["until"] + datetime.timedelta(days=1)
        qs = qs.filter(at__lt=datetime.datetime.combine(end, datetime.time(), zone))
    return qs.order_by("-at", "-id")
