"""Reads the performance pages and the API share: whose record the caller may open, and the
scoring rules in force."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from renda.core.models import Event
from renda.org.models import Deputy
from renda.org.rules import is_this_deputy
from renda.performance.models import ScoringRule
from renda.performance.scoring import rules_for


def deputy_for(user: Any, pk: int) -> Deputy:
    """The deputy whose record `user` asks for: 404 outside their congress (unless it is
    themself at another level), 403 when they may not see it."""
    deputy = (
        Deputy.objects.select_related("person", "delegation", "station", "electoral_unit")
        .filter(pk=pk)
        .first()
    )
    if deputy is None:
        raise Http404(_("No such deputy in your congress."))
    if deputy.congress_id != user.congress_id and not is_this_deputy(user, deputy):
        raise Http404(_("No such deputy in your congress."))
    if not user.has_perm("performance.view_record", deputy):
        raise PermissionDenied(_("You may see only your own performance record."))
    return deputy


def rules_in_force(congress_id: int) -> tuple[list[ScoringRule], Event | None]:
    """The congress's rules (or the defaults) and the event of their last change (None while
    the defaults are in force)."""
    # By kind: the default ordering (congress, kind) joins the congress to sort by its name.
    configured = list(ScoringRule.objects.filter(congress_id=congress_id).order_by("kind"))
    if not configured:
        return rules_for(congress_id), None
    changed = (
        Event.objects.filter(
            congress_id=congress_id,
            content_type=ContentType.objects.get_for_model(ScoringRule),
            action="configure",
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return configured, changed or Event(action="configure")
