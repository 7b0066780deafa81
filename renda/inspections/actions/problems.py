"""问题 and 整改: staff record a problem at a site of their part, with the unit responsible and
photos; refer it with a date to rectify by; the unit alone reports what it did, with evidence;
the staff verify: rectified, or partly or not and back to the unit with a new date."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import rules
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.deadlines import close_deadlines
from renda.core.inputs import require_choice, require_text
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    Goto,
    perform,
    record_event,
)
from renda.inspections.actions._common import (
    check_photos,
    future_due,
    rectify_deadline,
    staff_of,
    store_photos,
    tell,
    today,
    unit_officers,
    verify_deadline,
)
from renda.inspections.models import (
    Inspection,
    Problem,
    ProblemState,
    Rectification,
    Site,
    Verdict,
)
from renda.inspections.payloads import ReferIn, ReportIn, VerifyIn
from renda.inspections.workflow import PROBLEM
from renda.org.models import HandlingUnit

S = ProblemState


def units_for(problem_congress_id: int, inspection: Inspection) -> Any:
    """The units a problem may be referred to: of the congress whose part it is, or of the
    item's (city) congress."""
    ids = {problem_congress_id, inspection.congress_id}
    return HandlingUnit.objects.filter(congress_id__in=ids, active=True)


def problem_record(
    *,
    actor: Any,
    inspection: Inspection,
    site: Site | None,
    unit: HandlingUnit | None,
    description: str,
    found_on: datetime.date | None = None,
    photos: Sequence[Any] = (),
) -> Problem:
    """A problem found at a site of the actor's part (the city's, or their county's)."""
    if not rules.has_perm("inspections.record", actor, inspection):
        raise ActionForbidden(_("You may not record problems in this inspection."))
    if site is None:
        raise ActionInvalid(_("Name the site where the problem was found."), field="site")
    if site.inspection_id != inspection.pk:
        raise ActionInvalid(_("No such site in this inspection."), field="site")
    if site.congress_id != actor.congress_id:
        raise ActionForbidden(_("This site is another congress's part of the inspection."))
    if unit is None:
        raise ActionInvalid(_("Name the unit responsible for the problem."), field="unit")
    if not units_for(actor.congress_id, inspection).filter(pk=unit.pk).exists():
        raise ActionInvalid(_("No such handling unit."), field="unit")
    description = require_text(description, "description", _("Problem found"))
    found_on = found_on or site.visited_on
    if found_on > today():
        raise ActionInvalid(_("The date cannot be in the future."), field="found_on")
    checked = check_photos(photos)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        last = locked.problems.aggregate(n=Max("number"))["n"] or 0
        problem = Problem.objects.create(
            congress_id=site.congress_id,
            inspection=locked,
            site=site,
            number=last + 1,
            description=description,
            unit=unit,
            found_on=found_on,
            created_by=actor,
            created_at=timezone.now(),
        )
        store_photos(problem, checked, actor=actor)
        record_event(
            case=problem,
            action="record",
            actor=actor,
            comment=description,
            data={"site": site.pk, "unit": unit.pk, "photos": len(checked)},
        )
    return problem


@PROBLEM.action("refer", payload=ReferIn)
def problem_refer(
    *, problem: Problem, actor: Any, due_on: datetime.date | None, comment: str = ""
) -> Problem:
    """交办: the unit is told and owes its report by the date."""
    PROBLEM.check(actor, problem, "refer")
    due = future_due(due_on)

    def apply(p: Problem) -> None:
        p.due_on = due
        p.referred_at = timezone.now()
        rectify_deadline(p)

    perform(
        PROBLEM,
        case=problem,
        action="refer",
        actor=actor,
        comment=comment,
        data={"unit": problem.unit_id, "due": due.isoformat()},
        apply=apply,
        notify=lambda e: tell(
            unit_officers(problem), problem, _("Problem %(number)s of %(inspection)s to rectify")
        ),
    )
    return problem


@PROBLEM.action("report", payload=ReportIn)
def problem_report(
    *, problem: Problem, actor: Any, text: str, photos: Sequence[Any] = ()
) -> Problem:
    """整改情况: only the unit the problem was referred to reports, with its evidence."""
    if not PROBLEM.transition("report").allowed(actor, problem) and getattr(actor, "unit_id", None):
        raise ActionForbidden(
            _("Only the unit responsible for this problem reports its rectification.")
        )
    PROBLEM.check(actor, problem, "report")
    text = require_text(text, "text", _("What the unit did to rectify it"))
    checked = check_photos(photos)

    def apply(p: Problem) -> None:
        now = timezone.now()
        report = Rectification.objects.create(
            problem=p, unit_id=p.unit_id, text=text, reported_by=actor, reported_at=now
        )
        store_photos(p, checked, actor=actor, rectification=report)
        p.reported_at = now
        close_deadlines(case=p, kind="rectify")
        verify_deadline(p)

    perform(
        PROBLEM,
        case=problem,
        action="report",
        actor=actor,
        comment=text,
        data={"photos": len(checked)},
        apply=apply,
        notify=lambda e: tell(
            staff_of(problem),
            problem,
            _("Problem %(number)s of %(inspection)s: rectification reported"),
        ),
    )
    return problem


@PROBLEM.action("verify", payload=VerifyIn)
def problem_verify(
    *,
    problem: Problem,
    actor: Any,
    verdict: str,
    comment: str = "",
    due_on: datetime.date | None = None,
) -> Problem:
    """核查: rectified closes it; partly or not rectified sends it back to the unit with a new
    date to rectify by."""
    if problem.state in (S.FOUND, S.RECTIFYING) and PROBLEM.transition("verify").allowed(
        actor, problem
    ):
        raise ActionConflict(
            _("Nothing to verify yet: the unit has not reported its rectification.")
        )
    PROBLEM.check(actor, problem, "verify")
    verdict = require_choice(verdict, Verdict, "verdict")
    again = verdict != Verdict.RECTIFIED
    if again:
        due = future_due(due_on)
    elif due_on is not None:
        raise ActionInvalid(_("A rectified problem needs no new date."), field="due_on")

    def apply(p: Problem) -> Goto:
        p.verdict = verdict
        p.verified_at = timezone.now()
        close_deadlines(case=p, kind="verify")
        if again:
            p.due_on = due
            rectify_deadline(p)
            return Goto(S.RECTIFYING)
        return Goto(S.RECTIFIED)

    data: dict[str, Any] = {"verdict": verdict}
    if again:
        data["due"] = due.isoformat()
    perform(
        PROBLEM,
        case=problem,
        action="verify",
        actor=actor,
        comment=comment,
        data=data,
        apply=apply,
        notify=None
        if not again
        else lambda e: tell(
            unit_officers(problem),
            problem,
            _("Problem %(number)s of %(inspection)s: rectify it further"),
        ),
    )
    return problem
