"""The inspections API: the items the caller may see with their figures (sites, problems, how
many rectified, recommendations), their sites and problems, recording a site or a problem
(with photos, multipart), and one endpoint per problem action (built by core from the
declaration). Thin: each endpoint looks rows up among what the caller may see (404 otherwise)
and calls one function of actions (403, 409, 422 from there)."""

from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import CaseRoutes, Pages, PkPath, add_case_routes, caller, payload_row
from renda.core.workflow import history
from renda.inspections import actions as A
from renda.inspections import payloads  # noqa: F401  (the actions' payloads, for the routes)
from renda.inspections.models import Aspect, InspectionKind, Problem, ProblemState
from renda.inspections.queries import (
    filter_list,
    overdue_filter,
    problem_detail_data,
    problem_list_data,
    problems_visible_to,
    sites_visible_to,
    visible_to,
    with_list_data,
)
from renda.inspections.schemas import (
    InspectionDetailOut,
    InspectionOut,
    ProblemDetailOut,
    ProblemIn,
    ProblemOut,
    SiteIn,
    SiteOut,
)
from renda.inspections.workflow import OPEN, PROBLEM
from renda.org.models import Congress

router = Router(tags=["inspections"])


class InspectionFilters(Schema):
    year: int | None = Field(None, ge=1900, le=9999)
    kind: InspectionKind | None = None
    q: str | None = Field(None, min_length=1, max_length=100)


def _item(user: Any, pk: int) -> Any:
    found = with_list_data(visible_to(user), user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@router.get(
    "/inspections",
    response=list[InspectionOut],
    summary="Inspections, research items and deputies' visits the caller may see",
)
@paginate(Pages)
def inspection_list(request: HttpRequest, filters: Query[InspectionFilters]) -> Any:
    user = caller(request)
    qs = filter_list(visible_to(user), **filters.dict())
    return with_list_data(qs, user).order_by("-starts_on", "-id")


@router.get(
    "/inspections/{inspection_id}",
    response=InspectionDetailOut,
    summary="One item with its figures: sites, problems (how many rectified), recommendations",
)
def inspection_detail(request: HttpRequest, inspection_id: PkPath) -> Any:
    user = caller(request)
    found = (
        with_list_data(visible_to(user), user)
        .prefetch_related(
            "members",
            "parts__congress",
            "phases",
            Prefetch("aspects", queryset=Aspect.objects.prefetch_related("recommendations")),
        )
        .filter(pk=inspection_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


@router.get("/inspections/{inspection_id}/sites", response=list[SiteOut])
@paginate(Pages)
def site_list(request: HttpRequest, inspection_id: PkPath) -> Any:
    user = caller(request)
    inspection = _item(user, inspection_id)
    qs = sites_visible_to(user).filter(inspection=inspection).select_related("area")
    return qs.order_by("visited_on", "id")


@router.post("/inspections/{inspection_id}/sites", response={201: SiteOut})
def site_create(request: HttpRequest, inspection_id: PkPath, payload: SiteIn) -> Any:
    user = caller(request)
    inspection = _item(user, inspection_id)
    area = None
    if payload.area is not None:
        area = payload_row(
            Congress.objects.filter(parent_id=inspection.congress_id),
            payload.area,
            "area",
            _("No such county-level area."),
        )
    site = A.site_add(
        inspection=inspection,
        actor=user,
        name=payload.name,
        kind=payload.kind,
        mode=payload.mode,
        visited_on=payload.visited_on,
        area=area,
    )
    return Status(201, site)


class ProblemFilters(Schema):
    state: ProblemState | None = None
    overdue: bool | None = None
    open: bool | None = None


def _problems(qs: Any, filters: ProblemFilters) -> Any:
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.overdue:
        qs = qs.filter(overdue_filter(timezone.localdate()))
    if filters.open:
        qs = qs.filter(state__in=OPEN)
    return problem_list_data(qs)


@router.get("/inspections/{inspection_id}/problems", response=list[ProblemOut])
@paginate(Pages)
def inspection_problems(
    request: HttpRequest, inspection_id: PkPath, filters: Query[ProblemFilters]
) -> Any:
    user = caller(request)
    inspection = _item(user, inspection_id)
    qs = problems_visible_to(user).filter(inspection=inspection)
    return _problems(qs, filters).order_by("number")


@router.post(
    "/inspections/{inspection_id}/problems",
    response={201: ProblemDetailOut},
    summary="Record a problem found at a site (multipart form: the fields, and photos)",
)
def problem_create(
    request: HttpRequest,
    inspection_id: PkPath,
    payload: Form[ProblemIn],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    inspection = _item(user, inspection_id)
    site = None
    if payload.site is not None:
        site = payload_row(
            sites_visible_to(user).filter(inspection=inspection),
            payload.site,
            "site",
            _("No such site in this inspection."),
        )
    unit = None
    if payload.unit is not None:
        unit = payload_row(
            A.units_for(user.congress_id or 0, inspection),
            payload.unit,
            "unit",
            _("No such handling unit."),
        )
    problem = A.problem_record(
        actor=user,
        inspection=inspection,
        site=site,
        unit=unit,
        description=payload.description,
        found_on=payload.found_on,
        photos=photos or [],
    )
    return Status(201, _problem_detail(user, problem.pk))


@router.get(
    "/inspection-problems",
    response=list[ProblemOut],
    summary="Problems the caller may see: a unit's to rectify, the staff's to verify",
)
@paginate(Pages)
def problem_list(request: HttpRequest, filters: Query[ProblemFilters]) -> Any:
    user = caller(request)
    return _problems(problems_visible_to(user), filters).order_by("due_on", "id")


def _problem(user: Any, pk: int) -> Problem:
    found = problems_visible_to(user).select_related("inspection", "congress").filter(pk=pk)
    problem = found.first()
    if problem is None:
        raise Http404
    return problem


def _problem_detail(user: Any, pk: int) -> Any:
    problem: Any = problem_detail_data(problems_visible_to(user)).filter(pk=pk).first()
    if problem is None:
        raise Http404
    problem.available_actions = [t.action for t in PROBLEM.available(user, problem)]
    problem.events = list(history(problem))
    return problem


@router.get("/inspection-problems/{problem_id}", response=ProblemDetailOut)
def problem_detail(request: HttpRequest, problem_id: PkPath) -> Any:
    return _problem_detail(caller(request), problem_id)


@router.post(
    "/inspection-problems/{problem_id}/rectification",
    response=ProblemDetailOut,
    summary="The unit reports its rectification with photos (multipart form: text, photos)",
)
def problem_report_with_photos(
    request: HttpRequest,
    problem_id: PkPath,
    text: Form[str],
    photos: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    A.problem_report(problem=_problem(user, problem_id), actor=user, text=text, photos=photos or [])
    return _problem_detail(user, problem_id)


add_case_routes(
    router,
    CaseRoutes(
        path="/inspection-problems",
        name="inspection_problem",
        workflow=PROBLEM,
        load=_problem,
        show=_problem_detail,
        response=ProblemDetailOut,
        tag="inspection problem actions",
        id_name="problem_id",
    ),
)
