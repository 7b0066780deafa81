"""The item itself: staff of the city congress open an inspection, research item or deputies'
visit with its team, the county congresses that join it (上下联动) and its phases, its
recommendations in aspects and its report; the staff of each congress add the sites of their
part (点位). Each change leaves an event on the item."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import rules
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.inputs import require_choice, require_text
from renda.core.workflow import ActionForbidden, ActionInvalid, record_event
from renda.inspections.models import (
    Aspect,
    Inspection,
    InspectionKind,
    Member,
    MemberRole,
    Part,
    Phase,
    Recommendation,
    Site,
    SiteKind,
    VisitMode,
)
from renda.org.models import Body, Congress, Deputy
from renda.supervision.actions import report_create
from renda.supervision.models import PlanItem, PlanKind, Report, ReportKind

# The plan's items an inspection carries out: inspections and research.
PLAN_KINDS = (PlanKind.INSPECT, PlanKind.RESEARCH)


def _manage(actor: Any, inspection: Inspection) -> None:
    if not rules.has_perm("inspections.change_inspection", actor, inspection):
        raise ActionForbidden(_("Only the staff of the congress that runs it may change it."))


def inspection_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    subject: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    committee: Body | None = None,
    joint: bool = False,
    plan_item: PlanItem | None = None,
) -> Inspection:
    """Staff open an item of their congress's year, carrying out an item of its supervision
    plan where there is one."""
    if not rules.has_perm("inspections.add_inspection", actor):
        raise ActionForbidden(_("Only staff open inspections."))
    kind = require_choice(kind, InspectionKind, "kind")
    title = require_text(title, "title", _("Title"), max_length=200)
    subject = require_text(subject, "subject", _("Law or topic"), max_length=200)
    if ends_on is not None and ends_on < starts_on:
        raise ActionInvalid(_("It cannot end before it starts."), field="ends_on")
    if committee is not None and committee.congress_id != actor.congress_id:
        raise ActionInvalid(_("No such committee."), field="committee")
    if plan_item is not None and (
        plan_item.congress_id != actor.congress_id or plan_item.kind not in PLAN_KINDS
    ):
        raise ActionInvalid(
            _("No such inspection or research item in the plan."), field="plan_item"
        )
    with transaction.atomic():
        Congress.objects.select_for_update().get(pk=actor.congress_id)
        year = starts_on.year
        last = Inspection.objects.filter(congress_id=actor.congress_id, year=year).aggregate(
            n=Max("number")
        )["n"]
        inspection = Inspection.objects.create(
            congress_id=actor.congress_id,
            year=year,
            number=(last or 0) + 1,
            kind=kind,
            title=title,
            subject=subject,
            committee=committee,
            starts_on=starts_on,
            ends_on=ends_on,
            joint=joint,
            plan_item=plan_item,
            created_by=actor,
            created_at=timezone.now(),
        )
        record_event(case=inspection, action="create", actor=actor, comment=title)
    return inspection


def inspection_add_members(
    *,
    inspection: Inspection,
    actor: Any,
    deputies: Sequence[Deputy] = (),
    users: Sequence[Any] = (),
    role: str = MemberRole.STAFF,
) -> list[Member]:
    """The team: deputies (their participation lands in their performance record) and the
    standing committee's members and staff."""
    _manage(actor, inspection)
    role = require_choice(role, MemberRole, "role")
    for d in deputies:
        if d.congress_id != inspection.congress_id:
            raise ActionInvalid(_("No such deputy of this congress."), field="deputies")
    for u in users:
        if u.congress_id != inspection.congress_id:
            raise ActionInvalid(_("No such person of this congress."), field="users")
    with transaction.atomic():
        taken = set(inspection.members.values_list("deputy_id", flat=True))
        rows = [
            Member(
                inspection=inspection,
                role=MemberRole.DEPUTY,
                deputy=d,
                name=d.person.name,
            )
            for d in deputies
            if d.pk not in taken
        ]
        rows += [
            Member(
                inspection=inspection, role=role, user=u, deputy_id=u.deputy_id, name=u.display_name
            )
            for u in users
            if not u.deputy_id or u.deputy_id not in taken
        ]
        created = Member.objects.bulk_create(rows)
        record_event(
            case=inspection,
            action="team",
            actor=actor,
            data={"deputies": [d.pk for d in deputies], "users": [u.pk for u in users]},
        )
    return created


def inspection_join(
    *, inspection: Inspection, actor: Any, congress: Congress, joined_on: datetime.date
) -> Part:
    """上下联动: a county congress under the city joins the item and works its own part."""
    _manage(actor, inspection)
    if not inspection.joint:
        raise ActionInvalid(_("This is not a joint item."), field="congress")
    if congress.parent_id != inspection.congress_id:
        raise ActionInvalid(_("Only a county congress under this one can join."), field="congress")
    with transaction.atomic():
        part, created = Part.objects.get_or_create(
            inspection=inspection, congress=congress, defaults={"joined_on": joined_on}
        )
        if not created:
            raise ActionInvalid(_("This congress has joined already."), field="congress")
        record_event(case=inspection, action="join", actor=actor, data={"congress": congress.pk})
    return part


def inspection_add_phase(
    *,
    inspection: Inspection,
    actor: Any,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> Phase:
    """分阶段: the next phase of the item, with its dates."""
    _manage(actor, inspection)
    title = require_text(title, "title", _("Phase"), max_length=200)
    if ends_on < starts_on:
        raise ActionInvalid(_("A phase cannot end before it starts."), field="ends_on")
    with transaction.atomic():
        last = inspection.phases.aggregate(n=Max("number"))["n"] or 0
        phase = Phase.objects.create(
            inspection=inspection,
            number=last + 1,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        record_event(case=inspection, action="phase", actor=actor, comment=title)
    return phase


def site_add(
    *,
    inspection: Inspection,
    actor: Any,
    name: str,
    kind: str,
    mode: str,
    visited_on: datetime.date,
    area: Congress | None = None,
) -> Site:
    """点位: a site of the actor's part (the city's own, or their county's in a joint item)."""
    if not rules.has_perm("inspections.record", actor, inspection):
        raise ActionForbidden(_("You may not add sites to this inspection."))
    name = require_text(name, "name", _("Site"), max_length=200)
    kind = require_choice(kind, SiteKind, "kind")
    mode = require_choice(mode, VisitMode, "mode")
    if visited_on > timezone.localdate():
        raise ActionInvalid(_("The date cannot be in the future."), field="visited_on")
    county = actor.congress_id != inspection.congress_id
    if county:
        # A county's staff record sites in their own county only.
        area = Congress.objects.get(pk=actor.congress_id)
    elif area is not None and area.parent_id != inspection.congress_id:
        raise ActionInvalid(_("No such county-level area."), field="area")
    with transaction.atomic():
        site = Site.objects.create(
            inspection=inspection,
            congress_id=actor.congress_id,
            area=area,
            name=name,
            kind=kind,
            mode=mode,
            visited_on=visited_on,
            created_by=actor,
        )
        record_event(case=inspection, action="site", actor=actor, comment=name)
    return site


def aspect_add(
    *, inspection: Inspection, actor: Any, title: str, recommendations: Sequence[str]
) -> Aspect:
    """建议: one aspect with its recommendations (4 aspects, 10 recommendations)."""
    if not rules.has_perm("inspections.record", actor, inspection):
        raise ActionForbidden(_("You may not add recommendations to this inspection."))
    title = require_text(title, "title", _("Aspect"), max_length=200)
    texts = [t.strip() for t in recommendations if t and t.strip()]
    if not texts:
        raise ActionInvalid(_("Write at least one recommendation."), field="recommendations")
    with transaction.atomic():
        Inspection.objects.select_for_update().get(pk=inspection.pk)
        last = inspection.aspects.aggregate(n=Max("number"))["n"] or 0
        aspect = Aspect.objects.create(
            inspection=inspection, congress_id=actor.congress_id, number=last + 1, title=title
        )
        Recommendation.objects.bulk_create(
            Recommendation(aspect=aspect, number=i, text=t) for i, t in enumerate(texts, 1)
        )
        record_event(
            case=inspection, action="aspect", actor=actor, comment=title, data={"n": len(texts)}
        )
    return aspect


def inspection_report(
    *, inspection: Inspection, actor: Any, title: str, text: str, dated: datetime.date
) -> Inspection:
    """The inspection report (检查报告/调研报告), written from what the team found."""
    _manage(actor, inspection)
    title = require_text(title, "report_title", _("Report title"), max_length=200)
    text = require_text(text, "report_text", _("Inspection report"))
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        locked.report_title, locked.report_text, locked.report_on = title, text, dated
        locked.save(update_fields=["report_title", "report_text", "report_on"])
        record_event(case=locked, action="report", actor=actor, comment=title)
    inspection.report_title, inspection.report_text, inspection.report_on = title, text, dated
    return inspection


def inspection_to_hearing(*, inspection: Inspection, actor: Any) -> Report:
    """The report goes to the standing committee: it becomes a supervision report of kind
    "inspection report" (through supervision's own action), heard at a meeting; its
    deliberation opinions then follow supervision's workflow."""
    _manage(actor, inspection)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.heard_as_id is not None:
            raise ActionInvalid(_("The report is on the hearing list already."), field="report")
        if not locked.report_text:
            raise ActionInvalid(_("Write the report first."), field="report_text")
        report = report_create(
            congress=locked.congress,
            kind=ReportKind.INSPECTION,
            title=locked.report_title,
            actor=actor,
            year=locked.year,
            body=locked.committee,
            plan_item=locked.plan_item,
            summary=locked.report_text[:2000],
        )
        locked.heard_as = report
        locked.save(update_fields=["heard_as"])
        record_event(case=locked, action="to_hearing", actor=actor, data={"report": report.pk})
    inspection.heard_as = report
    return report
