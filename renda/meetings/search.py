"""The standing committee's decisions and resolutions in the one search (renda.search): all of
them for staff and leaders, the published ones for everyone."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import is_leader, is_staff
from renda.meetings.models import Decision
from renda.meetings.rules import SEE_DECISION
from renda.meetings.views_decisions import PUBLISHED
from renda.search.registry import Source, Text, register


def _text(d: Decision) -> Text:
    year = d.year or (d.adopted_on.year if d.adopted_on else None)
    return Text(d.title, d.text, d.congress_id, year, public=d.state in PUBLISHED)


register(
    Source(
        kind="decision",
        label=_("Decision or resolution"),
        model=Decision,
        text=_text,
        rows=lambda: Decision.objects.order_by("pk").iterator(),
        visible=lambda user: SEE_DECISION.rows(user, Decision.objects.all()),
        sees_congress=is_staff | is_leader,
        url=lambda pk: reverse("meetings:decision", args=[pk]),
        public_url=lambda pk: reverse("meetings:public_decision", args=[pk]),
        order=40,
    )
)
