"""What the API shows of the organisation: congresses, units, stations, points and deputies."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from ninja import Field, Schema

from renda.audit.records import shown
from renda.core.privacy import mask_id_number, mask_phone


class Ref(Schema):
    """A link to another row: its id and name."""

    id: int
    name: str


class CongressOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    level: str
    level_label: str
    region: str
    parent: Ref | None

    @staticmethod
    def resolve_level_label(obj: Any) -> str:
        return str(obj.get_level_display())


class CongressDetailOut(CongressOut):
    children: list[Ref]

    @staticmethod
    def resolve_children(obj: Any) -> list[Any]:
        return list(obj.children.all())


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: Ref | None
    head: str
    phone: str  # an office phone, not personal data
    address: str
    active: bool

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())


class UnitDetailOut(UnitOut):
    officer_count: int

    @staticmethod
    def resolve_officer_count(obj: Any) -> int:
        return int(obj.officers_count)


class StationOut(Schema):
    id: int
    name: str
    area: Ref | None
    centre: Ref | None
    township: str
    address: str
    phone: str  # the station's office phone
    reception_day: str
    established_on: datetime.date
    closed_on: datetime.date | None
    deputy_count: int

    @staticmethod
    def resolve_deputy_count(obj: Any) -> int:
        return int(obj.deputies_count)


class CollectionPointOut(Schema):
    id: int
    name: str
    contact_point: Ref
    established_on: datetime.date
    closed_on: datetime.date | None


class CollectionPointBrief(Schema):
    id: int
    name: str
    established_on: datetime.date
    closed_on: datetime.date | None


class ContactPointOut(Schema):
    id: int
    name: str
    station: Ref | None
    area: Ref | None
    established_on: datetime.date
    closed_on: datetime.date | None
    collection_point_count: int


class ContactPointWithCollectionOut(Schema):
    id: int
    name: str
    area: Ref | None
    established_on: datetime.date
    closed_on: datetime.date | None
    collection_points: list[CollectionPointBrief]

    @staticmethod
    def resolve_collection_points(obj: Any) -> list[Any]:
        return list(obj.collection_points.all())


class StationDetailOut(StationOut):
    contact_points: list[ContactPointWithCollectionOut]

    @staticmethod
    def resolve_contact_points(obj: Any) -> list[Any]:
        return list(obj.contact_points.all())


def _user(context: Any) -> Any:
    return context["request"].user


def _unless_allowed(
    context: Any, perm: str, deputy: Any, value: str, mask: Callable[[str], str]
) -> str:
    """`value` masked unless the caller holds `perm` on this deputy (then the audit trail
    notes who saw it)."""
    if not _user(context).has_perm(perm, deputy):
        return mask(value)
    if value:
        shown(deputy, perm.removeprefix("org.view_deputy_"))
    return value


class DeputyOut(Schema):
    """A deputy. Phone and ID number are masked unless the rules let this user see them."""

    id: int
    name: str
    gender: str = Field(alias="person.gender")
    ethnicity: str = Field(alias="person.ethnicity")
    party: str = Field(alias="person.party")
    occupation: str = Field(alias="person.occupation")
    card_number: str
    term: int = Field(alias="term.number")
    electoral_unit: Ref
    delegation: Ref | None
    station: Ref | None
    is_standing_committee_member: bool
    status: str
    elected_on: datetime.date
    ended_on: datetime.date | None
    phone: str
    id_number: str
    personal_data_masked: bool

    @staticmethod
    def resolve_phone(obj: Any, context: Any) -> str:
        return _unless_allowed(context, "org.view_deputy_phone", obj, obj.person.phone, mask_phone)

    @staticmethod
    def resolve_id_number(obj: Any, context: Any) -> str:
        return _unless_allowed(
            context, "org.view_deputy_personal_data", obj, obj.person.id_number, mask_id_number
        )

    @staticmethod
    def resolve_personal_data_masked(obj: Any, context: Any) -> bool:
        return not _user(context).has_perm("org.view_deputy_personal_data", obj)


class DeputyDetailOut(DeputyOut):
    education: str = Field(alias="person.education")
    birth_date: datetime.date | None  # personal data: only with the ID number

    @staticmethod
    def resolve_birth_date(obj: Any, context: Any) -> datetime.date | None:
        if _user(context).has_perm("org.view_deputy_personal_data", obj):
            return obj.person.birth_date
        return None
