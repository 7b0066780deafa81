"""What every API router shares (the bearer token, page numbers, the caller's congress, one
route per workflow action built from the declaration) and the caller's own endpoints:
GET /api/v1/me and GET /api/v1/notifications."""

# No `from __future__ import annotations` here: the action routes are built in a loop, and
# django-ninja reads each one's payload class from its (evaluated) annotation.

import datetime
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body as RequestBody
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from renda.accounts.models import ApiToken, User
from renda.core.http import AuthedRequest
from renda.core.models import Notification
from renda.core.pages import MAX_ROWS_PAGED, deep_page_message
from renda.core.predicates import has_role
from renda.core.schemas import MAX_ID
from renda.core.workflow import ActionInvalid, Workflow, history
from renda.org.models import Congress


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` from POST /api/v1/auth/token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = (
            ApiToken.objects.select_related("user", "user__congress")
            .filter(digest=ApiToken.digest_of(token), expires_at__gt=timezone.now())
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        request.api_token = row  # type: ignore[attr-defined] # DELETE /auth/token revokes it
        return row.user


class BearerTokenFor(BearerToken):
    """A bearer token whose user must also pass `check` (which raises PermissionDenied): ninja
    authenticates before it reads the body, so a caller without the role is refused with a
    403 before their body is validated, and learns nothing of what a valid one is."""

    def __init__(self, check: Callable[[Any], None]) -> None:
        super().__init__()
        self.check = check

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = super().authenticate(request, token)
        if user is not None:
            self.check(user)
        return user


# A row id as a filter: Django guards `pk=` lookups against numbers the database cannot hold,
# but not foreign-key ones, so such numbers are refused here as bad input.
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]

# Beyond this the offset no longer fits the database's integer: refuse it as bad input.
MAX_PAGE = 1_000_000


def unknown_path(request: HttpRequest) -> JsonResponse:
    """Any path under /api/v1/ that no route matches: JSON like the routes' own 404."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


class Pages(PageNumberPagination):
    """`?page=1&page_size=50` (at most 200) → {"items": [...], "count": n}."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

    class Output(PageNumberPagination.Output):
        def __init_subclass__(cls, **kwargs: Any) -> None:
            # ninja makes one `Paged<Item>` class per list, in its own module: place it in the
            # item's, so that the OpenAPI document names it by the item's app (renda.api).
            super().__init_subclass__(**kwargs)
            item = typing.get_args(cls.__annotations__.get("items"))
            if item:
                cls.__module__ = item[0].__module__

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        """A page deeper than MAX_ROWS_PAGED rows is refused (422), as the pages cap it."""
        if (pagination.page - 1) * self._get_page_size(pagination.page_size) >= MAX_ROWS_PAGED:
            raise ActionInvalid(deep_page_message(MAX_ROWS_PAGED), field="page")
        return super().paginate_queryset(queryset, pagination, request, **params)


class CappedPages(Pages):
    """The pages of a list with a `q=` filter: {"items": [...], "count": n, "capped": bool}.
    The view returns an engine.Filtered; `capped` says that more than the bound matched the
    words (renda.search.engine.listed), so the list holds the newest years' matches."""

    class Output(Pages.Output):
        capped: bool = Field(
            False,
            description="More than 1,000 objects hold the words of `q`: the list holds the"
            " 1,000 of the newest years (add a word or choose a year to narrow it).",
        )

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        capped = bool(getattr(queryset, "capped", False))
        rows = getattr(queryset, "rows", queryset)  # an engine.Filtered, or a queryset
        return {**super().paginate_queryset(rows, pagination, request, **params), "capped": capped}


def congress_of(request: HttpRequest) -> int:
    """The id of the congress the caller acts in; a user with no role there sees nothing."""
    user = request.user
    congress_id = getattr(user, "congress_id", None)
    if not has_role(user) or not congress_id:
        raise PermissionDenied(_("Your account has no role in a congress."))
    return int(congress_id)


router = Router(tags=["me"])


def caller(request: HttpRequest) -> User:
    """The token's user, who must have a role in a congress (403 otherwise)."""
    congress_of(request)
    user = request.user
    if not isinstance(user, User):  # has a role, so never AnonymousUser: this tells mypy
        raise PermissionDenied(_("Your account has no role in a congress."))
    return user


def caller_congress(user: User) -> Congress:
    """The congress row of a caller() (who has one: this tells mypy, and refuses if not)."""
    if user.congress is None:
        raise PermissionDenied(_("Your account has no role in a congress."))
    return user.congress


def payload_row(qs: QuerySet[Any], pk: int | None, field: str, message: str) -> Any:
    """A row named by id in a payload, from a queryset already limited to the caller's reach:
    an id outside it is bad input naming its field (422), never a leak."""
    row = qs.filter(pk=pk).first() if pk is not None else None
    if row is None:
        raise ActionInvalid(message, field=field)
    return row


class EventOut(Schema):
    """One event of a case's history (renda.core.workflow.history), for every case API."""

    action: str
    actor: str | None = Field(description="Who acted; null for the system")
    at: datetime.datetime
    from_state: str
    to_state: str
    comment: str

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.display_name if obj.actor_id else None


class Link(Schema):
    id: int
    name: str


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    role: str
    role_label: str
    title: str
    congress: Link | None
    unit: Link | None
    station: Link | None
    deputy: Link | None
    unread_notifications: int

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return str(obj.get_role_display()) if obj.role else ""


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationFilters(Schema):
    unread: bool | None = None


@router.get("/me", response=MeOut, summary="The caller's account, role and congress")
def me(request: AuthedRequest) -> Any:
    user = User.objects.select_related("congress", "unit", "station", "deputy__person").get(
        pk=request.user.pk
    )
    user.unread_notifications = Notification.objects.filter(  # type: ignore[attr-defined]
        recipient=user, read_at__isnull=True
    ).count()
    return user


@router.get(
    "/notifications",
    response=list[NotificationOut],
    summary="The caller's notifications, newest first",
)
@paginate(Pages)
def notifications(request: AuthedRequest, filters: Query[NotificationFilters]) -> Any:
    qs = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    if filters.unread is not None:
        qs = qs.filter(read_at__isnull=filters.unread)
    return qs


# --- one route per action of a case type ------------------------------------------------------

PkPath = PathEx[int, P(ge=1, le=MAX_ID)]


@dataclass(frozen=True)
class CaseRoutes:
    """How a kind of case is reached in the API: its path, declaration, lookup and answer."""

    path: str  # "/suggestions"
    name: str  # "suggestion": operation ids are suggestion_action_<action>
    workflow: Workflow
    load: Callable[[Any, int], Any]  # the case the caller may see, else Http404
    show: Callable[[Any, int], Any]  # what an action answers: the updated case
    response: Any
    tag: str
    id_name: str = "case_id"  # the path parameter
    # Actions not taken by id (a constituent rates by receipt code): their reason, a 403.
    elsewhere: dict[str, Any] | None = None


def _body(payload_class: type[Schema]) -> Any:
    """The request body: required, unless every field of the payload has a default."""
    optional = not any(f.is_required() for f in payload_class.model_fields.values())
    return RequestBody(None if optional else ...)


def _description(workflow: Workflow, action: str) -> str:
    states = ", ".join(sorted(workflow.transition(action).sources))
    return f"Allowed while the case is: {states}. Answers the updated case."


def _add_action_route(router: Router, case: CaseRoutes, action: str) -> None:
    payload_class = case.workflow.binding(action).payload
    if payload_class is None:
        from renda.core.schemas import NoPayload

        payload_class = NoPayload
    body = _body(payload_class)

    def take_action(request: HttpRequest, **kwargs: Any) -> Any:
        user = caller(request)
        case_id = kwargs[case.id_name]
        payload = kwargs.get("payload") or payload_class()
        row = case.load(user, case_id)
        case.workflow.take(action, case=row, actor=user, payload=payload)
        try:
            return case.show(user, case_id)
        except Http404:
            # The action took the case out of the caller's sight (a handling unit returning a
            # constituent's opinion): answer with the case as the action left it, which the
            # caller has just seen; the answer's schema still masks what the caller may not see.
            row.events = list(history(row))
            return row

    # django-ninja reads the parameters from the signature: the path's id and the payload.
    take_action.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter(
                case.id_name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=PkPath
            ),
            inspect.Parameter(
                "payload",
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=payload_class,
                default=body,
            ),
        ]
    )
    take_action.__name__ = f"{case.name}_action_{action}"
    router.post(
        f"{case.path}/{{{case.id_name}}}/actions/{action}",
        response=case.response,
        operation_id=f"{case.name}_action_{action}",
        # A lazy label: the OpenAPI document is built per request, in the caller's language.
        summary=case.workflow.transition(action).label,  # type: ignore[arg-type]
        description=_description(case.workflow, action),
        tags=[case.tag],
    )(take_action)


def add_case_routes(router: Router, case: CaseRoutes) -> None:
    """One route per action the declaration binds, each with its own payload in the OpenAPI
    document, then a catch-all that answers other names with a 422 and a message rather than
    a bare 404. Every user action must be bound (raises at import time otherwise)."""
    elsewhere = case.elsewhere or {}
    for t in case.workflow.transitions:
        if t.system or t.action in elsewhere:
            continue
        _add_action_route(router, case, t.action)

    def unknown_action(request: HttpRequest, case_id: str, action: str) -> Any:
        caller(request)
        case.workflow.transition(action[:60])  # raises ActionInvalid: "Unknown action: …"
        reason = elsewhere.get(action)
        if reason is not None:
            raise PermissionDenied(str(reason))
        raise Http404  # pragma: no cover - a known action has its own route

    router.post(f"{case.path}/{{case_id}}/actions/{{action}}", include_in_schema=False)(
        unknown_action
    )
