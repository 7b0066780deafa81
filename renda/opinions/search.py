"""Constituents' opinions in the one search (renda.search): what was said and answered, seen
as the lists show it; the constituent's name, phone and e-mail are never indexed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import has_station, has_unit, is_leader, is_staff
from renda.opinions.models import ConstituentOpinion
from renda.opinions.queries import opinions_visible_to
from renda.search.registry import Seers, Source, Text, register

FIELDS = (
    "congress_id",
    "place",
    "content",
    "answer",
    "outcome",
    "received_at",
    "station",
    "unit",
)


def _text(o: ConstituentOpinion) -> Text:
    return Text(
        title=o.place,
        body="\n".join(t for t in (o.content, o.answer, o.outcome) if t),
        congress_id=o.congress_id,
        year=timezone.localtime(o.received_at).year,
        heading=" · ".join(
            t for t in (o.place, Truncator(" ".join(o.content.split())).chars(40)) if t
        ),
    )


def _seers(o: ConstituentOpinion) -> list[str]:
    """Who sees the opinion through its index row (rules.OPINIONS): the unit it is referred
    to now and the station it belongs to."""
    keys = [f"u:{o.unit_id}"] if o.unit_id else []
    return keys + ([f"s:{o.station_id}"] if o.station_id else [])


def _key(user: Any) -> str | None:
    if has_unit(user):
        return f"u:{user.unit_id}"
    if has_station(user):
        return f"s:{user.station_id}"
    return None


register(
    Source(
        kind="opinion",
        label=_("Constituent's opinion"),
        model=ConstituentOpinion,
        text=_text,
        rows=lambda: (
            ConstituentOpinion.objects.only(*FIELDS).order_by("pk").iterator(chunk_size=2000)
        ),
        visible=opinions_visible_to,
        sees_congress=is_staff | is_leader,
        by_year=True,
        seers=Seers(keys=_seers, key=_key, in_congress=False),
        url=lambda pk: reverse("opinions:opinion", args=[pk]),
        order=20,
    )
)
