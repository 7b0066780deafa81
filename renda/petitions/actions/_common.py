"""What the petition actions share: today, pages, the office's officers, deadlines, who to tell."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.notifications import notify
from renda.petitions.models import Petition

# What each deadline asks, untranslated (each viewer reads it in their language); the demo
# writes its deadlines with the same labels.
LABEL_ACCEPT = gettext_noop("Decide whether to accept petition %(number)s: %(title)s")
LABEL_ANSWER = gettext_noop("Answer petition %(number)s: %(title)s")
LABEL_REVIEW = gettext_noop("Record the review of petition %(number)s: %(title)s")
LABEL_FOLLOW_UP = gettext_noop("Act on the leader's instruction, petition %(number)s: %(title)s")


def today() -> datetime.date:
    return timezone.localdate()


def url_of(petition: Petition) -> str:
    return reverse("petitions:petition", args=[petition.pk])


def label_params(petition: Petition) -> dict[str, Any]:
    return {"number": petition_number(petition), "title": petition.title}


def petition_number(petition: Petition) -> str:
    """信访〔2024〕第12号 style, as the office files it: 2024-012."""
    return f"{petition.year}-{petition.number:03d}"


def officers(congress_id: int) -> list[Any]:
    from renda.accounts.models import User

    return list(
        User.objects.filter(
            petitions_officer__congress_id=congress_id, role="staff", is_active=True
        ).order_by("pk")
    )


def office_deadline(petition: Petition, kind: str, label: str, due: datetime.date) -> None:
    """A deadline of the petitions office: one for each of its officers (a deadline names one
    user, a unit, a station or a whole role, and the office is part of the staff)."""
    close_deadlines(case=petition, kind_prefix=f"{kind}:")
    for officer in officers(petition.congress_id):
        set_deadline(
            case=petition,
            kind=f"{kind}:{officer.pk}",
            user=officer,
            due_date=due,
            url=url_of(petition),
            label=label,
            params=label_params(petition),
        )


def answer_deadline(petition: Petition) -> None:
    """The answer is owed by the unit it went to, or by the office for its own."""
    assert petition.answer_due is not None
    if petition.unit_id is None:
        office_deadline(petition, "answer", LABEL_ANSWER, petition.answer_due)
        return
    set_deadline(
        case=petition,
        kind="answer",
        unit=petition.unit,
        due_date=petition.answer_due,
        url=url_of(petition),
        label=LABEL_ANSWER,
        params=label_params(petition),
    )


def close_answer_deadlines(petition: Petition) -> None:
    close_deadlines(case=petition, kind="answer")
    close_deadlines(case=petition, kind_prefix="answer:")


def tell(users: list[Any], petition: Petition, title: str) -> None:
    """Notify (after the commit: call it from perform's notify)."""
    notify(users, title=title % label_params(petition), url=url_of(petition))


def tell_office(petition: Petition, title: str) -> None:
    tell(officers(petition.congress_id), petition, title)


def tell_unit(petition: Petition, title: str) -> None:
    from renda.accounts.models import User

    users = list(User.objects.filter(role="handler", unit_id=petition.unit_id, is_active=True))
    tell(users, petition, title)
