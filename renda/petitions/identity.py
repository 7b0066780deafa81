"""Who petitioned, as each viewer may read it: in full for the petitions office, masked for
everyone else (leaders, units, deputies): a name's given name, a phone's middle digits and an
ID number's birth date are starred, the address left out."""

from __future__ import annotations

from typing import Any

from renda.audit.records import shown
from renda.core.privacy import mask_id_number, mask_phone


def mask_name(name: str) -> str:
    """张** : the family name and a star for each other character."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def people_shown(petition: Any, user: Any) -> tuple[bool, list[dict[str, str]]]:
    """(whether the user reads them in full, the petitioners as the user reads them)."""
    identity = bool(user.has_perm("petitions.view_petitioner", petition))
    people = [
        {
            "name": x.name if identity else mask_name(x.name),
            "phone": x.phone if identity else mask_phone(x.phone),
            "id_number": x.id_number if identity else mask_id_number(x.id_number),
            "address": x.address if identity else "",
        }
        for x in petition.petitioners.all()
    ]
    if identity and people:
        shown(petition, "petitioners")  # the audit trail notes who read who petitioned
    return identity, people
