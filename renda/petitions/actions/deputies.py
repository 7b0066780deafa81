"""Deputies and petitions: a petition concerning a constituency is passed to the deputies of
its contact station, and a deputy's follow-up lands in their performance record (acts.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import not_future, require_text
from renda.core.workflow import ActionConflict, perform
from renda.petitions.actions._common import tell
from renda.petitions.models import DeputyFollowUp, Petition, StationReferral
from renda.petitions.payloads import DeputyFollowUpIn, PassToDeputiesIn
from renda.petitions.workflow import PETITION


def _station_deputies(station: Any) -> list[Any]:
    from renda.accounts.models import User
    from renda.org.models import Deputy

    serving = Deputy.objects.filter(station=station, status=Deputy.Status.ACTIVE)
    return list(User.objects.filter(deputy__in=serving, is_active=True))


@PETITION.action("pass_to_deputies", payload=PassToDeputiesIn)
def petition_pass_to_deputies(
    *, petition: Petition, actor: Any, station: Any, comment: str = ""
) -> Petition:
    PETITION.check(actor, petition, "pass_to_deputies")

    def apply(p: Petition) -> None:
        if StationReferral.objects.filter(petition=p, station=station).exists():
            raise ActionConflict(_("It is passed to this station's deputies already."))
        StationReferral.objects.create(
            petition=p, station=station, referred_at=timezone.now(), referred_by=actor
        )

    perform(
        PETITION,
        case=petition,
        action="pass_to_deputies",
        actor=actor,
        comment=comment,
        data={"station": station.pk},
        apply=apply,
        notify=lambda e: tell(
            _station_deputies(station),
            petition,
            _("A petition from your constituency is passed to you: %(title)s"),
        ),
    )
    return petition


@PETITION.action("deputy_follow_up", payload=DeputyFollowUpIn)
def petition_deputy_follow_up(
    *, petition: Petition, actor: Any, date: datetime.date, notes: str
) -> DeputyFollowUp:
    """代表跟进: what the deputy did (met the petitioner, asked the body…), on a given day."""
    PETITION.check(actor, petition, "deputy_follow_up")
    not_future(date, "date")
    notes = require_text(notes, "notes", _("What you did"))

    def apply(p: Petition) -> DeputyFollowUp:
        return DeputyFollowUp.objects.create(
            petition=p, deputy_id=actor.deputy_id, date=date, notes=notes, recorded_by=actor
        )

    return perform(
        PETITION,
        case=petition,
        action="deputy_follow_up",
        actor=actor,
        comment=notes,
        data={"date": date.isoformat()},
        apply=apply,
    )
