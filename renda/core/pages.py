"""What the case pages of every app share when a user takes an action through its form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from renda.core.workflow import ActionConflict, ActionError, ActionForbidden, ActionInvalid


class ActionFormLike(Protocol):
    success: Any  # the message once done

    def is_valid(self) -> bool: ...
    def run(self) -> Any: ...
    def add_action_error(self, error: ActionError) -> None: ...


def run_action_form(
    request: HttpRequest,
    form: ActionFormLike,
    *,
    done: str,
    conflict: Callable[[ActionError], HttpResponse],
) -> HttpResponse | None:
    """Run a bound action form. Done: the success message and a redirect to `done`. Someone
    acted first (or the state no longer allows it): `conflict(error)`. Not allowed: 403.
    Otherwise None, and the form carries the errors (its own, or the action's refusal beside
    the field it names) for the page to show again; nothing was changed."""
    if not form.is_valid():
        return None
    try:
        form.run()
    except ActionForbidden:
        raise PermissionDenied from None
    except ActionConflict as error:
        return conflict(error)
    except ActionInvalid as error:
        form.add_action_error(error)
        return None
    messages.success(request, str(form.success))
    return redirect(done)
