"""Idle sessions expire without writing the session on every request.

`SESSION_SAVE_EVERY_REQUEST` would restart the idle clock with an `UPDATE django_session` on
every GET. Instead a signed-in session is saved again only when its last save is older than
`SESSION_REFRESH_EVERY` seconds: the idle timeout is then between `SESSION_COOKIE_AGE` minus
that interval and `SESSION_COOKIE_AGE`, for one write per interval instead of one per page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

REFRESHED = "_renda_refreshed"  # when the session was last saved, in seconds since the epoch


class SessionRefreshMiddleware:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.modified:
            now = int(time.time())
            if now - session.get(REFRESHED, 0) >= settings.SESSION_REFRESH_EVERY:
                session[REFRESHED] = now  # marks it modified: SessionMiddleware saves it
        return response


def mark_refreshed(sender: Any, request: Any, **kwargs: Any) -> None:
    """Signing in saves the session: its idle clock starts now (user_logged_in)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED] = int(time.time())
