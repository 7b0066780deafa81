"""A page of one action form (core.pages.submit_form): shown on GET; posted, done with its
message, shown again with its errors, or shown again with why nothing changed."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from renda.core.pages import submit_form
from renda.core.workflow import ActionConflict, ActionError, ActionInvalid


class _Form:
    success = "Done."

    def __init__(self, *, valid: bool = True, raises: ActionError | None = None) -> None:
        self.valid, self.raises, self.errors = valid, raises, []

    def is_valid(self) -> bool:
        return self.valid

    def run(self) -> Any:
        if self.raises is not None:
            raise self.raises
        return 7

    def add_action_error(self, error: ActionError) -> None:
        self.errors.append(error.message)


def _request(method: str) -> Any:
    request = getattr(RequestFactory(), method)("/somewhere/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _page() -> HttpResponse:
    return HttpResponse("the form", status=200)


def _submit(method: str, form: _Form) -> tuple[HttpResponse, list[str]]:
    request = _request(method)
    response = submit_form(request, form, done=lambda n: f"/made/{n}/", page=_page)
    return response, [str(m) for m in get_messages(request)]


def test_a_get_shows_the_page():
    response, said = _submit("get", _Form())
    assert response.content == b"the form" and said == []


def test_a_post_done_goes_on_to_what_it_made_with_its_message():
    response, said = _submit("post", _Form())
    assert response.status_code == 302 and response["Location"] == "/made/7/"
    assert said == ["Done."]


def test_a_refusal_shows_the_form_again_with_it():
    form = _Form(raises=ActionInvalid("Not a date.", field="date"))
    response, said = _submit("post", form)
    assert response.content == b"the form" and form.errors == ["Not a date."] and said == []


def test_a_conflict_shows_the_page_again_saying_nothing_changed():
    with translation.override("en"):
        response, said = _submit("post", _Form(raises=ActionConflict("Someone acted first.")))
    assert response.content == b"the form"
    assert said == ["Nothing was changed: Someone acted first."]


def test_an_invalid_form_shows_the_page_again():
    response, said = _submit("post", _Form(valid=False))
    assert response.content == b"the form" and said == []
