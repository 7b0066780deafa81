"""What legislation's actions share: the day, links for notifications and deadlines, the users
told, and the staff check for what is made before it is a case."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.predicates import staff_of_congress
from renda.core.workflow import ActionForbidden


def today() -> datetime.date:
    return timezone.localdate()


def case_url(name: str, pk: int) -> str:
    """A link for notifications and deadlines, once the pages define the URL; else none."""
    try:
        return reverse(f"legislation:{name}", args=[pk])
    except NoReverseMatch:
        return ""


def users(congress_id: int, role: str, **filters: Any) -> list[Any]:
    """The active accounts of a role in a congress (those a notification tells)."""
    from renda.accounts.models import User

    return list(User.objects.filter(congress_id=congress_id, role=role, is_active=True, **filters))


@dataclass(frozen=True)
class Owned:
    """Something of a congress, for the rules' same_congress before the row exists."""

    congress_id: int


def require_staff(actor: Any, congress_id: int) -> None:
    if not staff_of_congress(actor, Owned(congress_id)):
        raise ActionForbidden(_("Only the standing committee's staff may do this."))
