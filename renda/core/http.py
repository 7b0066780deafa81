"""The request of a page or API route that only a logged-in user reaches, as the type checker
should see it: `request.user` is a User, never AnonymousUser."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from renda.accounts.models import User
    from renda.org.models import Congress


class AuthedRequest(HttpRequest):
    """Annotate views behind `login_required` (and API routes behind the bearer token) with this
    instead of HttpRequest; Django still passes a plain HttpRequest, this only types `user`
    (the pattern django-stubs recommends)."""

    user: User


def is_authenticated(request: HttpRequest) -> TypeGuard[AuthedRequest]:
    """Whether someone is logged in: for a view that serves both, after this it may treat the
    request as an AuthedRequest."""
    return request.user.is_authenticated


def acting_congress_id(request: AuthedRequest) -> int:
    """The id of the congress the user acts in. Pages check it before the view runs; a user
    without one who gets this far is refused (403) rather than shown every congress's rows."""
    congress_id = request.user.congress_id
    if congress_id is None:
        raise PermissionDenied
    return congress_id


def acting_congress(request: AuthedRequest) -> Congress:
    """The congress the user acts in (see acting_congress_id)."""
    congress = request.user.congress
    if congress is None:
        raise PermissionDenied
    return congress
