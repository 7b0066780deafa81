"""Draft versions (草案): importing a regulation's text, pasted or uploaded, parsed into parts,
chapters, sections, articles, paragraphs and items."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_text
from renda.core.workflow import ActionConflict, ActionInvalid, record_event
from renda.legislation.actions.common import require_staff
from renda.legislation.actions.regulations import regulation_create
from renda.legislation.drafts.docx_import import parse_upload
from renda.legislation.drafts.parser import (
    Article,
    Division,
    Draft,
    DraftError,
    decode,
    parse_text,
    to_text,
)
from renda.legislation.models import DraftNode, DraftVersion, NodeKind, Regulation
from renda.legislation.workflow import DRAFTING_OVER
from renda.org.models import Congress


def parse_input(*, text: str | None = None, data: bytes | None = None) -> tuple[Draft, str]:
    """Parse pasted text or an uploaded file (.docx or plain text) into a Draft and its format.

    Raises ActionInvalid, on field "file", for input that is no draft at all.
    """
    try:
        if data is not None:
            fmt = DraftVersion.SourceFormat.DOCX if data[:4] == b"PK\x03\x04" else "text"
            return parse_upload(data), fmt
        return parse_text(text or ""), DraftVersion.SourceFormat.TEXT
    except DraftError as error:
        raise ActionInvalid(error.message, field="file") from error


def import_draft(
    *,
    actor: Any,
    regulation: Regulation | None = None,
    congress: Congress | None = None,
    title: str = "",
    text: str | None = None,
    data: bytes | None = None,
    filename: str = "",
    label: str = "",
) -> DraftVersion:
    """Store a new version of a regulation's draft, parsed into parts … items.

    Without a regulation, one is created (a new regulation, being drafted) in `congress`,
    titled `title` or the draft's own title. Input that is no draft (empty, binary, no
    article) is refused and nothing is stored; a draft the parser could read only with
    doubts is stored with its problems listed, for staff to check.
    `actor` None is the command line (`renda import-draft`), run by the operator.
    """
    congress_id = regulation.congress_id if regulation is not None else getattr(congress, "pk", 0)
    if not congress_id:
        raise ActionInvalid(_("Say which congress the draft belongs to."), field="congress")
    if actor is not None:
        require_staff(actor, congress_id)
    if regulation is not None and regulation.state in DRAFTING_OVER:
        raise ActionConflict(_("This regulation is no longer being drafted."), field="regulation")
    draft, fmt = parse_input(text=text, data=data)
    title = (title or "").strip() or draft.title or filename.rsplit(".", 1)[0]
    title = require_text(title, "title", _("Title"), max_length=200)
    source = text if text is not None and fmt == DraftVersion.SourceFormat.TEXT else None
    if source is None and data is not None and fmt == DraftVersion.SourceFormat.TEXT:
        source = decode(data)
    if source is None:  # a .docx: its paragraphs as the parser read them
        source = to_text(draft)
    with transaction.atomic():
        if regulation is None:
            assert congress is not None
            regulation = regulation_create(
                congress=congress, actor=actor, title=title, drafting=True
            )
        else:
            regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
        number = (regulation.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        counts = draft.counts()
        version = DraftVersion.objects.create(
            congress_id=regulation.congress_id,
            regulation=regulation,
            number=number,
            title=title,
            label=(label or "").strip()[:60],
            stage=regulation.state,
            preamble=list(draft.preamble),
            source_text=source,
            source_name=(filename or "")[:200],
            source_format=fmt,
            problems=[
                {"line_no": p.line_no, "text": p.text, "code": p.code, "params": p.params}
                for p in draft.problems
            ],
            imported_by=actor if getattr(actor, "pk", None) else None,
            imported_at=timezone.now(),
            **counts,
        )
        store_nodes(version, draft)
        record_event(
            case=regulation,
            action="import_draft",
            actor=actor,
            comment=title,
            data={"version": version.pk, "number": number, **counts},
        )
    return version


def store_nodes(version: DraftVersion, draft: Draft) -> None:
    """The tree as rows, level by level so that each parent has its id before its children."""
    by_depth: dict[int, list[DraftNode]] = {}
    order = 0

    def add(kind: str, number: int, parent: DraftNode | None, depth: int, **fields: str) -> Any:
        nonlocal order
        order += 1
        node = DraftNode(
            version=version, parent=parent, kind=kind, number=number, order=order, **fields
        )
        by_depth.setdefault(depth, []).append(node)
        return node

    def walk(children: list[Division | Article], parent: DraftNode | None, depth: int) -> None:
        for child in children:
            node = add(
                child.kind, child.number, parent, depth, label=child.label, heading=child.heading
            )
            if isinstance(child, Division):
                walk(child.children, node, depth + 1)
                continue
            for index, paragraph in enumerate(child.paragraphs, start=1):
                para = add(NodeKind.PARAGRAPH, index, node, depth + 1, text=paragraph.text)
                for item in paragraph.items:
                    add(
                        NodeKind.ITEM,
                        item.number,
                        para,
                        depth + 2,
                        label=item.label,
                        text=item.text,
                    )

    walk(draft.children, None, 0)
    for depth in sorted(by_depth):
        DraftNode.objects.bulk_create(by_depth[depth])
