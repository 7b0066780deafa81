"""Regulations (地方性法规): listing one in the plan, recording its stages on the day they
happened, and the documents of each stage."""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from renda.core.inputs import not_future, require_text
from renda.core.uploads import check_upload
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.legislation.actions.common import require_staff, today
from renda.legislation.models import (
    STAGE_DATE_FIELDS,
    Regulation,
    RegulationKind,
    RegulationState,
    StageDocument,
)
from renda.legislation.schemas import StageIn
from renda.legislation.workflow import REGULATION
from renda.org.models import Congress, Level

R = RegulationState


def regulation_create(
    *,
    congress: Congress,
    actor: Any,
    title: str,
    kind: str = RegulationKind.NEW,
    of_regulation: Regulation | None = None,
    plan_year: int | None = None,
    drafting_body: Any = None,
    summary: str = "",
    planned_on: datetime.date | None = None,
    drafting: bool = False,
) -> Regulation:
    """Staff list a regulation (or a revision of one) in the legislative plan (立法计划);
    `drafting`: it is being drafted already (a draft imported for a regulation not listed).
    `actor` None is the operator at the command line (`renda import-draft`)."""
    if actor is not None:
        require_staff(actor, congress.pk)
    state = R.DRAFTING if drafting else R.PLAN
    title = require_text(title, "title", _("Title"), max_length=200)
    if kind not in RegulationKind.values:
        raise ActionInvalid(_("Choose a kind of regulation."), field="kind")
    if of_regulation is not None:
        if kind == RegulationKind.NEW:
            raise ActionInvalid(_("A new regulation revises no other."), field="of_regulation")
        if of_regulation.congress_id != congress.pk:
            raise ActionInvalid(_("No such regulation in your congress."), field="of_regulation")
    if drafting_body is not None and drafting_body.congress_id != congress.pk:
        raise ActionInvalid(_("No such body in your congress."), field="drafting_body")
    planned_on = not_future(planned_on or today(), "planned_on")
    with transaction.atomic():
        regulation = Regulation.objects.create(
            congress=congress,
            title=title,
            kind=kind,
            of_regulation=of_regulation,
            plan_year=plan_year or planned_on.year,
            drafting_body=drafting_body,
            summary=(summary or "").strip(),
            state=state,
            planned_on=planned_on,
            drafting_on=planned_on if state == R.DRAFTING else None,
        )
        record_event(
            case=regulation,
            action="create",
            actor=actor,
            to_state=state,
            data={"date": planned_on.isoformat(), "kind": kind},
        )
    return regulation


def regulation_advance(
    *,
    regulation: Regulation,
    action: str,
    actor: Any,
    on: datetime.date | None = None,
    comment: str = "",
) -> Regulation:
    """Record a stage (一审, 表决通过, 批准, 公布, 施行…) on the day it happened.

    Stages happen on meeting days, so staff give the date; it may not be in the future nor
    before the regulation's previous stage.
    """
    REGULATION.check(actor, regulation, action)
    day = not_future(on or today(), "on")
    previous = [d for d in (regulation.stage_date(s) for s in STAGE_DATE_FIELDS) if d is not None]
    if previous and day < max(previous):
        raise ActionInvalid(
            _("The date cannot be before the previous stage (%(date)s).") % {"date": max(previous)},
            field="on",
        )
    state = regulation.state
    if action == "adopt" and state == R.FIRST_READING and regulation.kind != "amendment":
        raise ActionConflict(
            _("Only an amendment (修正) may be adopted after a single reading."), field="action"
        )
    needs_approval = regulation.congress.level not in (Level.PROVINCE, Level.NATIONAL)
    if action == "promulgate" and state == R.ADOPTED and needs_approval:
        raise ActionConflict(
            _("A regulation of this congress is promulgated after the province approves it."),
            field="action",
        )
    target = REGULATION.transition(action).target
    assert isinstance(target, str)

    def apply(locked: Regulation) -> None:
        setattr(locked, STAGE_DATE_FIELDS[target], day)

    perform(
        REGULATION,
        case=regulation,
        action=action,
        actor=actor,
        comment=(comment or "").strip(),
        data={"date": day.isoformat()},
        apply=apply,
    )
    return regulation


# Every stage (and the withdrawal) is the same function, told which transition it takes.
for _action in REGULATION.actions:
    REGULATION.action(_action, payload=StageIn)(partial(regulation_advance, action=_action))


def stage_document_add(
    *, regulation: Regulation, actor: Any, stage: str, title: str, file: Any
) -> StageDocument:
    """A document of one stage: the drafting note (说明), a committee report, the notice (公告)."""
    require_staff(actor, regulation.congress_id)
    if stage not in STAGE_DATE_FIELDS:
        raise ActionInvalid(_("Choose a stage."), field="stage")
    title = require_text(title, "title", _("Title"), max_length=200)
    checked = check_upload(file, field="file")
    with transaction.atomic():
        document = StageDocument.objects.create(
            regulation=regulation,
            stage=stage,
            title=title,
            file=checked.file,
            name=checked.name,
            size=checked.size,
            content_type=checked.content_type,
            uploaded_by=actor,
        )
        record_event(
            case=regulation,
            action="add_document",
            actor=actor,
            comment=title,
            data={"document": document.pk, "stage": stage},
        )
    return document
