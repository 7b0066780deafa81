"""登记: the petitions office registers a letter, a visit or a call, with its petitioners (a
collective visit's representatives, 集体访), or anyone petitions online without an account
(rate-limited); each petition gets its number and a receipt code to follow it, and must be
decided within the congress's days (15 by default)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_choice, require_text
from renda.core.receipts import new_receipt_code, rate_limit
from renda.core.schemas import MAX_TEXT
from renda.core.workflow import ActionForbidden, ActionInvalid, record_event
from renda.org.models import Congress
from renda.petitions.actions._common import LABEL_ACCEPT, office_deadline
from renda.petitions.models import Channel, Petition, PetitionCategory, Petitioner, PetitionState
from renda.petitions.rules import officer_of_congress

PUBLIC_PETITIONS_PER_HOUR = 3
RATE_WINDOW_SECONDS = 3600
MAX_PETITIONERS = 5  # a collective visit chooses at most five representatives


@dataclass(frozen=True)
class Person:
    """One petitioner, as the actions take them."""

    name: str
    phone: str = ""
    id_number: str = ""
    address: str = ""


def _people(petitioners: Sequence[Person]) -> list[Person]:
    if not petitioners:
        raise ActionInvalid(_("Name at least one petitioner."), field="petitioners")
    if len(petitioners) > MAX_PETITIONERS:
        raise ActionInvalid(
            _("A collective petition names at most %(n)s representatives.")
            % {"n": MAX_PETITIONERS},
            field="petitioners",
        )
    return [
        Person(
            name=require_text(p.name, "petitioners", _("Name"), max_length=40),
            phone=require_text(p.phone, "petitioners", _("Phone"), required=False, max_length=30),
            id_number=require_text(
                p.id_number, "petitioners", _("ID number"), required=False, max_length=18
            ),
            address=require_text(
                p.address, "petitioners", _("Address"), required=False, max_length=200
            ),
        )
        for p in petitioners
    ]


def _create(
    *,
    congress: Congress,
    actor: Any,
    channel: str,
    received_at: datetime.datetime,
    title: str,
    content: str,
    category: str,
    petitioners: Sequence[Person],
    people: int,
    area: Congress | None,
    place: str,
    repeat_of: Petition | None,
) -> Petition:
    day = timezone.localdate(received_at)
    with transaction.atomic():
        # Lock the congress row so that two officers registering at once never share a number.
        Congress.objects.select_for_update().get(pk=congress.pk)
        last = Petition.objects.filter(congress=congress, year=day.year).aggregate(n=Max("number"))[
            "n"
        ]
        petition = Petition.objects.create(
            congress=congress,
            year=day.year,
            number=(last or 0) + 1,
            receipt_code=new_receipt_code(),
            channel=channel,
            received_at=received_at,
            registered_by=actor,
            title=title,
            content=content,
            category=category,
            area=area,
            place=place,
            people=people,
            repeat_of=repeat_of,
            accept_due=day + datetime.timedelta(days=congress.setting("petition_accept_days")),
        )
        Petitioner.objects.bulk_create(
            Petitioner(petition=petition, **vars(p)) for p in petitioners
        )
        record_event(
            case=petition,
            action="receive",
            actor=actor,
            to_state=PetitionState.RECEIVED,
            data={
                "channel": channel,
                "people": people,
                "repeat_of": repeat_of.pk if repeat_of else None,
            },
        )
        office_deadline(petition, "accept", LABEL_ACCEPT, petition.accept_due)
    return petition


def _fields(title: str, content: str, category: str, place: str) -> dict[str, str]:
    return {
        "title": require_text(title, "title", _("Matter"), max_length=200),
        "content": require_text(content, "content", _("What you ask"), max_length=MAX_TEXT),
        "category": require_choice(category, PetitionCategory, "category"),
        "place": require_text(place, "place", _("Place"), required=False, max_length=200),
    }


def _area(congress: Congress, area: Congress | None) -> Congress | None:
    if area is not None and area.parent_id != congress.pk:
        raise ActionInvalid(_("No such county-level area."), field="area")
    return area


def petition_register(
    *,
    actor: Any,
    channel: str,
    received_at: datetime.datetime,
    title: str,
    content: str,
    category: str,
    petitioners: Sequence[Person],
    people: int = 1,
    area: Congress | None = None,
    place: str = "",
    repeat_of: Petition | None = None,
) -> Petition:
    """The office registers what came by letter, visit or phone (or online by other means)."""
    congress = getattr(actor, "congress", None)
    if congress is None or not officer_of_congress(actor, None):
        raise ActionForbidden(_("Only the petitions office registers petitions."))
    channel = require_choice(channel, Channel, "channel")
    if received_at > timezone.now():
        raise ActionInvalid(_("The date cannot be in the future."), field="received_at")
    people_named = _people(petitioners)
    if people < len(people_named):
        raise ActionInvalid(_("At least as many people came as are named."), field="people")
    if repeat_of is not None and repeat_of.congress_id != congress.pk:
        raise ActionInvalid(_("No such earlier petition."), field="repeat_of")
    return _create(
        congress=congress,
        actor=actor,
        channel=channel,
        received_at=received_at,
        petitioners=people_named,
        people=people,
        area=_area(congress, area),
        repeat_of=repeat_of,
        **_fields(title, content, category, place),
    )


def petition_submit_online(
    *,
    congress: Congress,
    petitioner: Person,
    title: str,
    content: str,
    category: str,
    client_ip: str,
    area: Congress | None = None,
    place: str = "",
) -> Petition:
    """网上信访: anyone, without an account, a few an hour from one address; the receipt code
    follows it. A petition names who petitions (the 条例 asks for the petitioner's name)."""
    people = _people([petitioner])
    fields = _fields(title, content, category, place)
    area = _area(congress, area)
    rate_limit(
        scope="petitions:online",
        client_ip=client_ip,
        limit=PUBLIC_PETITIONS_PER_HOUR,
        window_seconds=RATE_WINDOW_SECONDS,
        message=_("Too many petitions from your address; try again in an hour."),
        field="content",
    )
    return _create(
        congress=congress,
        actor=None,
        channel=Channel.ONLINE,
        received_at=timezone.now(),
        petitioners=people,
        people=1,
        area=area,
        repeat_of=None,
        **fields,
    )
