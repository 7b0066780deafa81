"""The supervision API: reports heard, deliberation opinions with their points (a unit's
officers see and answer only theirs), special inquiries with their departments; one route per
workflow action; opening the polls (voting and closing are core's /polls routes)."""

# No `from __future__ import annotations`: django-ninja reads the annotations at run time.

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import CaseRoutes, Pages, PkPath, add_case_routes, caller
from renda.core.api_polls import PollOut, poll_out
from renda.core.schemas import Title
from renda.core.workflow import Workflow
from renda.supervision import actions as A
from renda.supervision import payloads  # noqa: F401  (the actions' payloads, for the routes)
from renda.supervision.models import OpinionState, ReportKind, ReportState
from renda.supervision.queries import (
    filter_inquiries,
    filter_opinions,
    filter_reports,
    inquiries_visible_to,
    inquiry_units,
    opinions_visible_to,
    reports_visible_to,
    with_inquiry_data,
    with_opinion_data,
    with_report_data,
)
from renda.supervision.workflow import INQUIRY, OPINION, REPORT

router = Router(tags=["supervision"])


class Ref(Schema):
    id: int
    name: str


def _available(workflow: Workflow) -> Any:
    """A detail's `available_actions` resolver: what the caller may do now, by the declaration."""

    def resolve(obj: Any, context: Any) -> list[str]:
        return [t.action for t in workflow.available(context["request"].user, obj)]

    return staticmethod(resolve)


class ReportFilters(Schema):
    q: str = Field("", max_length=100)
    year: int | None = Field(None, ge=2000, le=2100)
    kind: ReportKind | None = None
    state: ReportState | None = None


class ReportOut(Schema):
    id: int
    year: int
    kind: str
    title: str
    state: str
    unit: Ref | None
    presenter: str
    heard_on: datetime.date | None
    meeting: str
    opinions: int = Field(alias="n_opinions")


class FigureOut(Schema):
    category: str
    assets: float
    liabilities: float
    note: str


class ReportDetailOut(ReportOut):
    summary: str
    researched_on: datetime.date | None
    findings: str
    figures: list[FigureOut]
    available_actions: list[str]

    @staticmethod
    def resolve_figures(obj: Any) -> list[Any]:
        return list(obj.asset_figures.all())

    resolve_available_actions = _available(REPORT)


@router.get("/supervision/reports", response=list[ReportOut], summary="Reports heard")
@paginate(Pages)
def report_list(request: HttpRequest, filters: Query[ReportFilters]) -> Any:
    qs = filter_reports(reports_visible_to(caller(request)), **filters.dict())
    return with_report_data(qs).order_by("-year", "heard_on", "id")


def _report(user: Any, pk: int) -> Any:
    return get_object_or_404(with_report_data(reports_visible_to(user)), pk=pk)


@router.get("/supervision/reports/{report_id}", response=ReportDetailOut)
def report_detail(request: HttpRequest, report_id: PkPath) -> Any:
    return _report(caller(request), report_id)


class FigureIn(Schema):
    category: str = Field(..., max_length=20)
    assets: Decimal = Field(..., ge=0, max_digits=12, decimal_places=2)
    liabilities: Decimal = Field(Decimal(0), ge=0, max_digits=12, decimal_places=2)
    note: str = Field("", max_length=200)


class FiguresIn(Schema):
    figures: list[FigureIn] = Field(..., max_length=4)


@router.post(
    "/supervision/reports/{report_id}/figures",
    response=ReportDetailOut,
    summary="Staff record the state-assets figures by category (100 million yuan)",
)
def report_figures(request: HttpRequest, report_id: PkPath, payload: FiguresIn) -> Any:
    user = caller(request)
    A.report_set_figures(
        report=_report(user, report_id),
        actor=user,
        figures={f.category: (f.assets, f.liabilities, f.note) for f in payload.figures},
    )
    return _report(user, report_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/supervision/reports",
        name="supervision_report",
        workflow=REPORT,
        load=_report,
        show=_report,
        response=ReportDetailOut,
        tag="supervision report actions",
        id_name="report_id",
    ),
)


class OpinionFilters(Schema):
    q: str = Field("", max_length=100)
    year: int | None = Field(None, ge=2000, le=2100)
    state: OpinionState | None = None
    overdue: bool = False


class PointOut(Schema):
    id: int
    number: int
    text: str
    done_on: datetime.date | None
    done_note: str


class OpinionOut(Schema):
    id: int
    report: int = Field(alias="report_id")
    title: str
    state: str
    unit: Ref
    sent_on: datetime.date | None
    due_date: datetime.date | None
    answered_on: datetime.date | None
    assessment: str
    points: int = Field(alias="n_points")
    points_done: int = Field(alias="n_done")
    poll: int | None = Field(alias="poll_id")


class OpinionDetailOut(OpinionOut):
    text: str
    answer: str
    point_list: list[PointOut]
    available_actions: list[str]

    @staticmethod
    def resolve_point_list(obj: Any) -> list[Any]:
        return list(obj.points.order_by("number"))

    resolve_available_actions = _available(OPINION)


@router.get(
    "/supervision/opinions",
    response=list[OpinionOut],
    summary="Deliberation opinions (a unit's officers: those sent to their unit)",
)
@paginate(Pages)
def opinion_list(request: HttpRequest, filters: Query[OpinionFilters]) -> Any:
    qs = filter_opinions(opinions_visible_to(caller(request)), **filters.dict())
    return with_opinion_data(qs).order_by("due_date", "id")


def _opinion(user: Any, pk: int) -> Any:
    return get_object_or_404(with_opinion_data(opinions_visible_to(user)), pk=pk)


@router.get("/supervision/opinions/{opinion_id}", response=OpinionDetailOut)
def opinion_detail(request: HttpRequest, opinion_id: PkPath) -> Any:
    return _opinion(caller(request), opinion_id)


class PointDoneIn(Schema):
    note: str = Field(..., max_length=5000)


@router.post(
    "/supervision/opinions/{opinion_id}/points/{point_id}/done",
    response=OpinionDetailOut,
    summary="A point is done (the unit's officer, or staff)",
)
def point_done(
    request: HttpRequest, opinion_id: PkPath, point_id: PkPath, payload: PointDoneIn
) -> Any:
    user = caller(request)
    opinion = _opinion(user, opinion_id)
    point = get_object_or_404(opinion.points, pk=point_id)
    A.point_done(point=point, actor=user, note=payload.note)
    return _opinion(user, opinion_id)


class PollOpenIn(Schema):
    title: Title = ""


@router.post(
    "/supervision/opinions/{opinion_id}/poll",
    response={201: PollOut},
    summary="Staff open a satisfaction poll on the report on what was done",
    tags=["polls"],
)
def opinion_poll(request: HttpRequest, opinion_id: PkPath, payload: PollOpenIn) -> Any:
    user = caller(request)
    poll = A.opinion_open_poll(opinion=_opinion(user, opinion_id), actor=user, title=payload.title)
    return Status(201, poll_out(user, poll.pk))


add_case_routes(
    router,
    CaseRoutes(
        path="/supervision/opinions",
        name="deliberation_opinion",
        workflow=OPINION,
        load=_opinion,
        show=_opinion,
        response=OpinionDetailOut,
        tag="deliberation opinion actions",
        id_name="opinion_id",
    ),
)


class InquiryUnitOut(Schema):
    id: int
    unit: Ref
    mode: str
    respondent: str
    questions: int
    answered: int
    poll: int | None = Field(alias="poll_id")

    @staticmethod
    def resolve_questions(obj: Any) -> int:
        return len(obj.questions.all())

    @staticmethod
    def resolve_answered(obj: Any) -> int:
        return sum(1 for q in obj.questions.all() if q.answered_at)


class InquiryOut(Schema):
    id: int
    year: int
    title: str
    state: str
    held_on: datetime.date | None
    meeting: str
    units: int = Field(alias="n_units")
    units_polled: int = Field(alias="n_polled")


class InquiryDetailOut(InquiryOut):
    topic: str
    results: str
    departments: list[InquiryUnitOut]
    available_actions: list[str]

    @staticmethod
    def resolve_departments(obj: Any) -> list[Any]:
        return inquiry_units(obj)

    resolve_available_actions = _available(INQUIRY)


class InquiryFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


@router.get("/supervision/inquiries", response=list[InquiryOut], summary="Special inquiries")
@paginate(Pages)
def inquiry_list(request: HttpRequest, filters: Query[InquiryFilters]) -> Any:
    qs = filter_inquiries(inquiries_visible_to(caller(request)), **filters.dict())
    return with_inquiry_data(qs).order_by("-year", "-id")


def _inquiry(user: Any, pk: int) -> Any:
    return get_object_or_404(with_inquiry_data(inquiries_visible_to(user)), pk=pk)


@router.get("/supervision/inquiries/{inquiry_id}", response=InquiryDetailOut)
def inquiry_detail(request: HttpRequest, inquiry_id: PkPath) -> Any:
    return _inquiry(caller(request), inquiry_id)


@router.post(
    "/supervision/inquiries/{inquiry_id}/departments/{department_id}/poll",
    response={201: PollOut},
    summary="Staff open a satisfaction poll on a department questioned",
    tags=["polls"],
)
def inquiry_poll(
    request: HttpRequest, inquiry_id: PkPath, department_id: PkPath, payload: PollOpenIn
) -> Any:
    user = caller(request)
    row = get_object_or_404(_inquiry(user, inquiry_id).units, pk=department_id)
    poll = A.inquiry_unit_open_poll(inquiry_unit=row, actor=user, title=payload.title)
    return Status(201, poll_out(user, poll.pk))


add_case_routes(
    router,
    CaseRoutes(
        path="/supervision/inquiries",
        name="special_inquiry",
        workflow=INQUIRY,
        load=_inquiry,
        show=_inquiry,
        response=InquiryDetailOut,
        tag="special inquiry actions",
        id_name="inquiry_id",
    ),
)
