"""The year's petition figures, counted from rows (`renda stats`)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.stats import statistic
from renda.petitions.models import Petition, PetitionState


def petitions_of(congress: Any, year: int) -> QuerySet[Petition]:
    """The petitions received in the year."""
    return Petition.objects.filter(congress=congress, year=year)


@statistic("petitions", label=_("Petitions handled"))
def petitions(congress: Any, year: int) -> int:
    """依法处理信访事项…件次: every petition received and dealt with, accepted or not."""
    return petitions_of(congress, year).count()


@statistic("petitions_key", label=_("Key petitions supervised"))
def petitions_key(congress: Any, year: int) -> int:
    """督办重点信访事件…件."""
    return petitions_of(congress, year).filter(is_key=True).count()


@statistic("petitions_answered_on_time", label=_("Petitions answered on time"))
def petitions_answered_on_time(congress: Any, year: int) -> int:
    """Answered by their due date (an extension counted in it)."""
    return (
        petitions_of(congress, year)
        .filter(answered_at__isnull=False, answered_at__date__lte=F("answer_due"))
        .count()
    )


@statistic("petitions_not_accepted", label=_("Petitions not accepted"))
def petitions_not_accepted(congress: Any, year: int) -> int:
    return petitions_of(congress, year).filter(state=PetitionState.NOT_ACCEPTED).count()


@statistic("petitions_collective", label=_("Collective petitions"))
def petitions_collective(congress: Any, year: int) -> int:
    """集体访: five people or more."""
    return petitions_of(congress, year).filter(people__gte=5).count()


@statistic("petitions_repeated", label=_("Repeated petitions"))
def petitions_repeated(congress: Any, year: int) -> int:
    """重复信访: linked to an earlier petition on the same matter."""
    return petitions_of(congress, year).filter(repeat_of__isnull=False).count()
