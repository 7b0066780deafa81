"""What the petitions API answers and takes beyond the actions' payloads."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Field, Schema

from renda.core.api import EventOut
from renda.core.schemas import Id, Name, Phone, Text, Title
from renda.petitions.models import Channel, PetitionCategory


class PetitionOut(Schema):
    id: int
    number: str
    channel: str
    received_at: datetime.datetime
    title: str
    category: str
    state: str
    state_label: str
    unit: str | None = Field(description="The body it was forwarded or assigned to")
    answer_due: datetime.date | None
    is_key: bool
    people: int

    @staticmethod
    def resolve_number(obj: Any) -> str:
        return f"{obj.year}-{obj.number:03d}"

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_unit(obj: Any) -> str | None:
        return obj.unit.name if obj.unit_id else None


class PersonOut(Schema):
    name: str
    phone: str
    id_number: str
    address: str


class InstructionOut(Schema):
    leader: str
    text: str
    given_at: datetime.datetime
    follow_up: str
    followed_up_at: datetime.datetime | None

    @staticmethod
    def resolve_leader(obj: Any) -> str:
        return str(obj.leader.display_name)


class FollowUpOut(Schema):
    deputy: str
    date: datetime.date
    notes: str

    @staticmethod
    def resolve_deputy(obj: Any) -> str:
        return str(obj.deputy.person.name)


class PetitionDetailOut(PetitionOut):
    content: str
    decision_note: str
    mode: str
    extended_days: int
    answer: str
    answer_result: str
    answered_at: datetime.datetime | None
    window_ends: datetime.date | None
    review_round: int
    review_answer: str
    review_result: str
    petitioners: list[PersonOut]
    petitioners_masked: bool = Field(description="Names and contact masked for the caller")
    instructions: list[InstructionOut]
    stations: list[str]
    follow_ups: list[FollowUpOut]
    available_actions: list[str]
    events: list[EventOut]

    @staticmethod
    def resolve_petitioners(obj: Any) -> list[dict[str, str]]:
        return list(obj.people_shown)

    @staticmethod
    def resolve_instructions(obj: Any) -> list[Any]:
        return list(obj.instructions.all())

    @staticmethod
    def resolve_stations(obj: Any) -> list[str]:
        return [r.station.name for r in obj.referrals.all()]

    @staticmethod
    def resolve_follow_ups(obj: Any) -> list[Any]:
        return list(obj.follow_ups.all())


class PersonIn(Schema):
    name: Name
    phone: Phone = ""
    id_number: str = Field("", max_length=18)
    address: Title = ""


class PetitionIn(Schema):
    """The office registers a letter, a visit or a call."""

    channel: Channel
    received_at: datetime.datetime
    title: Title
    content: Text
    category: PetitionCategory
    area: Id | None = Field(None, description="A county-level congress below the caller's")
    place: Title = ""
    people: int = Field(1, ge=1, le=999)
    petitioners: list[PersonIn] = Field(min_length=1, max_length=5)


class PublicPetitionIn(Schema):
    title: Title
    content: Text
    category: PetitionCategory
    area: Id | None = None
    place: Title = ""
    name: Name
    phone: Phone
    id_number: str = Field("", max_length=18)
    address: Title = ""


class ReceiptOut(Schema):
    """What the petitioner reads by the receipt code: no officer, no other petitioner."""

    number: str
    state: str
    state_label: str
    received_at: datetime.datetime
    decision_note: str
    unit: str | None
    answer_due: datetime.date | None
    answer: str
    answer_result: str
    answered_at: datetime.datetime | None
    window_ends: datetime.date | None
    review_answer: str
    review_result: str
    rating: str

    @staticmethod
    def resolve_number(obj: Any) -> str:
        return f"{obj.year}-{obj.number:03d}"

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_unit(obj: Any) -> str | None:
        return obj.unit.name if obj.unit_id else None


class ReceiptCreatedOut(ReceiptOut):
    receipt_code: str
