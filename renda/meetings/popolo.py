"""The register of appointments as Popolo JSON (https://www.popoloproject.com): persons,
organizations, posts and memberships, for anyone to reuse (published data, no personal data
beyond what an announcement says: name, gender, office, dates).

SCHEMAS are the Popolo specification's JSON schemas for these four classes, as its
documentation states each property (types, date patterns, required properties), in JSON
Schema draft 2020-12; the tests validate every export against them."""

from __future__ import annotations

from typing import Any

from renda.meetings.models import Appointee, Office, Tenure

DATE = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}){0,2}$"}
TEXT = {"type": ["string", "null"]}
LINKS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"url": {"type": "string", "format": "uri"}, "note": TEXT},
        "required": ["url"],
    },
}
IDENTIFIERS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"identifier": {"type": "string"}, "scheme": TEXT},
        "required": ["identifier"],
    },
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "person": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Person",
        "type": "object",
        "properties": {
            "id": TEXT,
            "name": TEXT,
            "other_names": {"type": "array"},
            "identifiers": IDENTIFIERS,
            "family_name": TEXT,
            "given_name": TEXT,
            "gender": TEXT,
            "birth_date": DATE,
            "death_date": DATE,
            "summary": TEXT,
            "biography": TEXT,
            "national_identity": TEXT,
            "links": LINKS,
            "sources": LINKS,
        },
        "required": ["name"],
        "additionalProperties": False,
    },
    "organization": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Organization",
        "type": "object",
        "properties": {
            "id": TEXT,
            "name": TEXT,
            "other_names": {"type": "array"},
            "identifiers": IDENTIFIERS,
            "classification": TEXT,
            "parent_id": TEXT,
            "area_id": TEXT,
            "founding_date": DATE,
            "dissolution_date": DATE,
            "links": LINKS,
            "sources": LINKS,
        },
        "required": ["name"],
        "additionalProperties": False,
    },
    "post": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Post",
        "type": "object",
        "properties": {
            "id": TEXT,
            "label": TEXT,
            "other_label": {"type": "array", "items": {"type": "string"}},
            "role": TEXT,
            "organization_id": TEXT,
            "area_id": TEXT,
            "start_date": DATE,
            "end_date": DATE,
            "links": LINKS,
            "sources": LINKS,
        },
        "required": ["label"],
        "additionalProperties": False,
    },
    "membership": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Membership",
        "type": "object",
        "properties": {
            "id": TEXT,
            "label": TEXT,
            "role": TEXT,
            "person_id": TEXT,
            "organization_id": TEXT,
            "post_id": TEXT,
            "on_behalf_of_id": TEXT,
            "area_id": TEXT,
            "start_date": DATE,
            "end_date": DATE,
            "links": LINKS,
            "sources": LINKS,
        },
        "required": ["organization_id"],
        "additionalProperties": False,
    },
}

GENDERS = {"M": "male", "F": "female"}


def _org_id(office: Office) -> str:
    return f"organization/{office.congress.code}/{office.organization}/{office.organization_name}"


def export(congress_code: str | None = None) -> dict[str, Any]:
    """Everyone the standing committee appointed, the offices and organizations concerned,
    and each tenure as a membership (one query per class)."""
    offices = Office.objects.select_related("congress").order_by("pk")
    tenures = Tenure.objects.select_related("office__congress").order_by("pk")
    if congress_code:
        offices = offices.filter(congress__code=congress_code)
        tenures = tenures.filter(office__congress__code=congress_code)
    offices_list = list(offices)
    tenure_list = list(tenures)
    people = Appointee.objects.filter(pk__in={t.appointee_id for t in tenure_list}).order_by("pk")
    organizations: dict[str, dict[str, Any]] = {}
    for office in offices_list:
        organizations.setdefault(
            _org_id(office),
            {
                "id": _org_id(office),
                "name": office.organization_name,
                "classification": office.organization,
            },
        )
    return {
        "persons": [
            {"id": f"person/{p.pk}", "name": p.name, "gender": GENDERS.get(p.gender, p.gender)}
            for p in people
        ],
        "organizations": list(organizations.values()),
        "posts": [
            {
                "id": f"post/{o.pk}",
                "label": f"{o.organization_name}{o.title}",
                "role": o.title,
                "organization_id": _org_id(o),
            }
            for o in offices_list
        ],
        "memberships": [
            {
                "id": f"membership/{t.pk}",
                "person_id": f"person/{t.appointee_id}",
                "organization_id": _org_id(t.office),
                "post_id": f"post/{t.office_id}",
                "role": t.office.title,
                "start_date": t.start_date.isoformat(),
                **({"end_date": t.end_date.isoformat()} if t.end_date else {}),
            }
            for t in tenure_list
        ],
    }
