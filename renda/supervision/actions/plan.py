"""The year's supervision plan (年度监督工作计划): staff draft it with its items, record its
adoption by the chair's council, and add items during the year (marked as added, with why)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionConflict, ActionInvalid, perform, record_event
from renda.supervision.actions._common import not_in_future, require_staff, today
from renda.supervision.models import PlanItem, PlanKind, PlanState, SupervisionPlan
from renda.supervision.payloads import AdoptIn
from renda.supervision.workflow import PLAN


@transaction.atomic
def plan_create(*, congress: Any, year: int, actor: Any, title: str = "") -> SupervisionPlan:
    require_staff(actor, congress.pk)
    if not 2000 <= year <= today().year + 1:
        raise ActionInvalid(_("Choose this year or the next."), field="year")
    title = require_text(title, "title", _("Title"), required=False, max_length=200)
    if SupervisionPlan.objects.filter(congress=congress, year=year).exists():
        raise ActionInvalid(
            _("The plan for %(year)s exists already.") % {"year": year}, field="year"
        )
    plan = SupervisionPlan.objects.create(
        congress=congress,
        year=year,
        title=title or f"{congress.name}常务委员会{year}年度监督工作计划",
        created_at=timezone.now(),
    )
    record_event(case=plan, action="create", actor=actor, to_state=PlanState.DRAFT)
    return plan


@transaction.atomic
def plan_item_add(
    *,
    plan: SupervisionPlan,
    actor: Any,
    kind: str,
    title: str,
    month: int,
    body: Any = None,
    meeting: str = "",
    reason: str = "",
) -> PlanItem:
    """An item of the plan; once the plan is adopted, an item added during the year, which
    says why (e.g. on the party committee's request)."""
    require_staff(actor, plan.congress_id)
    kind = require_choice(kind, PlanKind, "kind")
    title = require_text(title, "title", _("Title"), max_length=200)
    meeting = require_text(meeting, "meeting", _("Meeting"), required=False, max_length=200)
    if not 1 <= month <= 12:
        raise ActionInvalid(_("Choose a month from 1 to 12."), field="month")
    if body is not None and body.congress_id != plan.congress_id:
        raise ActionInvalid(_("Choose a committee of this congress."), field="body")
    locked = SupervisionPlan.objects.select_for_update().get(pk=plan.pk)
    added = locked.state == PlanState.ADOPTED
    reason = require_text(reason, "reason", _("Why it was added"), required=added, max_length=200)
    number = (locked.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = PlanItem.objects.create(
        plan=locked,
        congress_id=locked.congress_id,
        number=number,
        kind=kind,
        title=title,
        body=body,
        month=month,
        meeting=meeting,
        added_during_year=added,
        added_reason=reason if added else "",
        created_at=timezone.now(),
    )
    record_event(
        case=locked,
        action="add_item",
        actor=actor,
        comment=title,
        data={"item": item.pk, "added": added},
    )
    return item


@transaction.atomic
def plan_item_drop(*, item: PlanItem, actor: Any, reason: str) -> PlanItem:
    require_staff(actor, item.congress_id)
    reason = require_text(reason, "reason", _("Reason"), max_length=200)
    if item.dropped:
        raise ActionConflict(_("This item is dropped already."))
    PlanItem.objects.filter(pk=item.pk).update(dropped=True)
    item.dropped = True
    record_event(
        case=item.plan, action="drop_item", actor=actor, comment=reason, data={"item": item.pk}
    )
    return item


@PLAN.action("adopt", payload=AdoptIn)
def plan_adopt(
    *, plan: SupervisionPlan, actor: Any, adopted_on: datetime.date, meeting: str
) -> SupervisionPlan:
    """主任会议通过: staff record the chair's council's adoption."""
    PLAN.check(actor, plan, "adopt")
    not_in_future(adopted_on, "adopted_on")
    meeting = require_text(meeting, "meeting", _("Meeting"), max_length=200)
    if not plan.items.exists():
        raise ActionInvalid(_("Add the plan's items before it is adopted."), field="meeting")

    def apply(p: SupervisionPlan) -> None:
        p.adopted_on = adopted_on
        p.adopted_at_meeting = meeting

    perform(
        PLAN,
        case=plan,
        action="adopt",
        actor=actor,
        data={"meeting": meeting, "adopted_on": adopted_on.isoformat()},
        apply=apply,
    )
    return plan
