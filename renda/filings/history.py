"""The register's own history: a normative document has no states, but its entry (入库) and
each change of status (amended, repealed, revoked) are events on its timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.models import Event
from renda.core.timeline import RecordHistory
from renda.core.workflow import EventKind
from renda.filings.models import DocumentStatus, NormativeDocument


def _status(event: Event, names: Mapping[str, Mapping[Any, str]]) -> str:
    data = event.data or {}
    status = data.get("status")
    label = str(DocumentStatus(status).label) if status in DocumentStatus.values else ""
    by = names.get("by", {}).get(data.get("by"))
    return f"{label} · {by}" if by else label


DOCUMENT_HISTORY = RecordHistory(
    NormativeDocument,
    events=[
        EventKind("register", _("Entered in the register")),
        EventKind("status", _("Status changed"), describe=_status),
    ],
    refs={"by": NormativeDocument},
)
