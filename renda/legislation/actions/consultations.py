"""Consultations (征求意见): a draft version opened for comment for a window, to the public, the
deputies and the legislative contact points, extended or closed by staff, and closed by the
system once the window ended."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_text
from renda.core.models import Deadline
from renda.core.notifications import notify_after_commit
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.legislation.actions.common import case_url, require_staff, today, users
from renda.legislation.models import Consultation, DraftVersion
from renda.legislation.schemas import ExtendIn, NoteIn
from renda.legislation.workflow import CONSULTATION
from renda.org.models import ContactStation

# Each contact point's station has until the window closes: one deadline per station.
STATION_DEADLINE = "contact_point_opinions"
STATION_DEADLINE_LABEL = gettext_noop("Submit the opinions gathered on %(title)s")


def consultation_create(
    *,
    version: DraftVersion,
    actor: Any,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    title: str = "",
    description: str = "",
    for_public: bool = True,
    for_deputies: bool = True,
    for_contact_points: bool = True,
) -> Consultation:
    """Prepare a consultation on a version; its window lasts the congress's number of days
    (30 by default: from opens_on to the 30th day, both included)."""
    require_staff(actor, version.congress_id)
    opens_on = opens_on or today()
    if closes_on is None:
        days = version.regulation.congress.setting("consultation_days")
        closes_on = opens_on + datetime.timedelta(days=days - 1)
    if closes_on < opens_on:
        raise ActionInvalid(_("The window must close after it opens."), field="closes_on")
    if not (for_public or for_deputies or for_contact_points):
        raise ActionInvalid(_("Choose at least one audience."), field="audiences")
    title = (title or "").strip() or _("Opinions sought on %(title)s") % {"title": version.title}
    with transaction.atomic():
        consultation = Consultation.objects.create(
            congress_id=version.congress_id,
            version=version,
            title=require_text(title, "title", _("Title"), max_length=200),
            description=(description or "").strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            for_public=for_public,
            for_deputies=for_deputies,
            for_contact_points=for_contact_points,
            created_by=actor,
        )
        record_event(case=consultation, action="create", actor=actor, to_state="draft")
    return consultation


@CONSULTATION.action("open", payload=NoteIn)
def consultation_open(*, consultation: Consultation, actor: Any, comment: str = "") -> Consultation:
    """Open for comment: deputies and the contact points' stations are told, and each station
    has until the window closes to submit what it gathered."""
    CONSULTATION.check(actor, consultation, "open")
    if consultation.closes_on < today():
        raise ActionInvalid(
            _("The window has already ended; set a later closing day."), field="closes_on"
        )

    def apply(locked: Consultation) -> None:
        title = _("Opinions sought: %(title)s (until %(date)s)") % {
            "title": locked.title,
            "date": locked.closes_on.isoformat(),
        }
        url = case_url("consultation", locked.pk)
        if locked.for_deputies:
            notify_after_commit(users(locked.congress_id, "deputy"), title=title, url=url)
        if locked.for_contact_points:
            for station in _contact_point_stations(locked.congress_id):
                _station_deadline(locked, station)
                notify_after_commit(
                    users(locked.congress_id, "station", station=station), title=title, url=url
                )

    perform(
        CONSULTATION, case=consultation, action="open", actor=actor, comment=comment, apply=apply
    )
    return consultation


def _contact_point_stations(congress_id: int) -> list[ContactStation]:
    """The stations merged with the congress's working legislative contact points."""
    return list(
        ContactStation.objects.filter(
            contact_points__congress_id=congress_id, contact_points__closed_on__isnull=True
        )
        .distinct()
        .order_by("pk")
    )


def _station_deadline(consultation: Consultation, station: ContactStation) -> None:
    set_deadline(
        case=consultation,
        kind=f"{STATION_DEADLINE}:{station.pk}",
        label=STATION_DEADLINE_LABEL,
        params={"title": consultation.title},
        due_date=consultation.closes_on,
        url=case_url("consultation", consultation.pk),
        station=station,
    )


@CONSULTATION.action("extend", payload=ExtendIn)
def consultation_extend(
    *, consultation: Consultation, actor: Any, closes_on: datetime.date, comment: str = ""
) -> Consultation:
    """Move the closing day later; the stations that have not submitted yet get the new day."""
    CONSULTATION.check(actor, consultation, "extend")
    if closes_on <= consultation.closes_on:
        raise ActionInvalid(_("Choose a later closing day."), field="closes_on")
    previous = consultation.closes_on

    def apply(locked: Consultation) -> None:
        locked.closes_on = closes_on
        waiting = Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultation),
            object_id=locked.pk,
            closed_at__isnull=True,
            kind__startswith=f"{STATION_DEADLINE}:",
        ).select_related("responsible_station")
        for deadline in list(waiting):
            if deadline.responsible_station is not None:
                _station_deadline(locked, deadline.responsible_station)

    perform(
        CONSULTATION,
        case=consultation,
        action="extend",
        actor=actor,
        comment=comment,
        data={"from": previous.isoformat(), "to": closes_on.isoformat()},
        apply=apply,
    )
    return consultation


@CONSULTATION.action("close", payload=NoteIn)
def consultation_close(
    *, consultation: Consultation, actor: Any, comment: str = ""
) -> Consultation:
    """Staff close a consultation before its window ends; the stations' deadlines close."""

    def apply(locked: Consultation) -> None:
        close_deadlines(case=locked)

    perform(
        CONSULTATION, case=consultation, action="close", actor=actor, comment=comment, apply=apply
    )
    return consultation


@CONSULTATION.action("expire")
def consultation_expire(*, consultation: Consultation, actor: Any) -> Consultation:
    """The system closes a consultation whose window ended (`renda remind`, daily), and the
    stations' deadlines with it. Taken only on the window it saw ended: one that staff
    extended meanwhile stays open."""
    seen = consultation.closes_on

    def apply(locked: Consultation) -> None:
        if locked.closes_on != seen:
            raise ActionConflict(_("The window was extended meanwhile."))
        close_deadlines(case=locked)

    perform(
        CONSULTATION,
        case=consultation,
        action="expire",
        actor=actor,
        data={"closes_on": seen.isoformat()},
        apply=apply,
    )
    return consultation
