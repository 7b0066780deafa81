"""What every API router shares (page numbers, the caller's congress) and the caller's own
endpoints: GET /api/v1/me and GET /api/v1/notifications."""

import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from renda.accounts.models import User
from renda.core.http import AuthedRequest
from renda.core.models import Notification
from renda.core.predicates import has_role
from renda.core.workflow import ActionInvalid
from renda.org.models import Congress

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

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)


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
