"""What the legislation pages share: the page of a form that makes something, and the way
back to the list a row's form was posted from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from renda.core.pages import conflict_message, run_action_form
from renda.core.workflow import ActionError

PER_PAGE = 50  # rows a legislation list shows on a page


def making_page(
    request: HttpRequest,
    form: Any,
    *,
    template: str,
    done: Callable[[Any], str],
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A page whose form makes something (a regulation, a consultation, a solicitation): the
    form, and once posted its action run as every action is (core.pages.run_action_form),
    then the page of what it made (`done(made)`), or the form again with why: 422 beside
    the fields, 409 above them."""
    page = {"form": form, **(context or {})}

    def refused(error: ActionError) -> HttpResponse:
        form.add_error(None, conflict_message(error))
        return render(request, template, page, status=409)

    status = 200
    if request.method == "POST":
        response = run_action_form(request, form, done=done, conflict=refused)
        if response is not None:
            return response
        status = 422
    return render(request, template, page, status=status)


def back_to(request: HttpRequest, default: str) -> str:
    """`next` when it is a page of this site (the list a row's form was on), else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return default
    return target
