"""The reply check in the pages: a unit checks its draft before sending (never refused), sees
the check of its own replies only; the deputy sees it beside the replies to their suggestion,
staff beside every reply; the language model's second opinion, when one is set up."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.core.tests.llm_stub import StubModel

from .conftest import FULL, SKIPS_TWO

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _check(client: Client, s: Any, text: str, **extra: Any) -> Any:
    url = reverse("reading:check_draft", args=["suggestion", s.pk])
    return client.post(url, {"check_field": "reply-text", "reply-text": text}, **extra)


def _marks(html: str) -> dict[int, str]:
    return {
        int(point): mark
        for mark, point in re.findall(r'data-mark="(\w+)" data-point="(\d+)"', html)
    }


def test_the_replying_unit_checks_its_draft_and_sees_the_skipped_point(cast, suggestion):
    response = _check(_client(cast["handler"]), suggestion, SKIPS_TWO)
    assert response.status_code == 200
    html = response.content.decode()
    assert _marks(html) == {1: "answered", 2: "missing", 3: "answered"}
    assert 'data-check-summary="missing"' in html
    assert "<html" in html  # without JavaScript: a page of its own
    assert not suggestion.replies.exists()  # nothing sent or stored


def test_the_check_button_gets_a_fragment(cast, suggestion):
    response = _check(
        _client(cast["handler"]), suggestion, FULL, headers={"X-Requested-With": "fetch"}
    )
    html = response.content.decode()
    assert "<html" not in html and _marks(html) == {1: "answered", 2: "answered", 3: "answered"}
    assert 'data-check-summary="ok"' in html


def test_an_empty_draft_asks_for_the_reply_first(cast, suggestion):
    response = _check(_client(cast["handler"]), suggestion, "  ")
    assert "data-check-empty" in response.content.decode()


@pytest.mark.parametrize("who", ["deputy", "deputy2", "station", "stranger", "leader"])
def test_only_the_replying_units_and_staff_check_a_draft(cast, suggestion, who):
    assert _check(_client(cast[who]), suggestion, FULL).status_code == 404


def test_staff_may_check_a_draft_and_a_stranger_kind_is_not_found(cast, suggestion):
    assert _check(_client(cast["staff"]), suggestion, FULL).status_code == 200
    url = reverse("reading:check_draft", args=["nothing", suggestion.pk])
    assert _client(cast["staff"]).post(url, {"text": "x"}).status_code == 404


def test_logged_out_and_get_are_refused(cast, suggestion):
    url = reverse("reading:check_draft", args=["suggestion", suggestion.pk])
    assert Client().post(url, {"text": FULL}).status_code == 302
    assert _client(cast["handler"]).get(url).status_code == 405


def test_the_reply_form_has_the_check_button(cast, suggestion):
    page = _client(cast["handler"]).get(reverse("suggestions:detail", args=[suggestion.pk]))
    html = page.content.decode()
    assert "data-reading-check-button" in html
    assert reverse("reading:check_draft", args=["suggestion", suggestion.pk]) in html
    assert 'data-field="reply-text"' in html


def _checks_shown(user: Any, s: Any) -> list[str]:
    html = _client(user).get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    return re.findall(r'data-reading-check data-missing="(\d+)"', html)


def test_a_unit_sees_the_check_of_its_own_reply_only(cast, suggestion, reply):
    reply(suggestion, cast["handler"], SKIPS_TWO)
    reply(suggestion, cast["other_handler"], FULL)
    assert _checks_shown(cast["handler"], suggestion) == ["1"]  # its own: point 2 missing
    assert _checks_shown(cast["other_handler"], suggestion) == ["0"]  # its own: all answered
    assert _checks_shown(cast["staff"], suggestion) == ["1", "0"]
    assert _checks_shown(cast["deputy"], suggestion) == ["1", "0"]  # the lead deputy: both


def test_a_deputy_sees_the_check_for_their_own_suggestion_only(cast, suggestion, reply):
    reply(suggestion, cast["handler"], SKIPS_TWO)
    page = _client(cast["deputy2"]).get(reverse("suggestions:detail", args=[suggestion.pk]))
    assert page.status_code == 404  # not theirs: not even the suggestion
    assert "data-reading-check" not in page.content.decode()


def test_the_page_costs_the_same_queries_with_more_previous_replies(cast, org, suggestion, reply):
    from renda.suggestions import actions as A

    def others(n: int) -> None:
        for i in range(n):
            s = A.suggestion_submit(
                author=cast["deputy"],
                title=f"其他建议{i}",
                body=f"建议：一是修路{i}；二是架桥。",
                category="transport",
            )
            A.suggestion_accept(suggestion=s, actor=cast["staff"])
            A.suggestion_assign(
                suggestion=s,
                actor=cast["staff"],
                mode="sole",
                parts=[A.UnitPart(org["unit"], "sole")],
            )
            reply(s, cast["handler"], f"关于修路{i}，已完成。关于架桥，已列入计划。")

    def count() -> int:
        cache.clear()
        client = _client(cast["staff"])
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get(reverse("suggestions:detail", args=[suggestion.pk])).status_code == 200
            )
        return len(ctx.captured_queries)

    others(1)
    reply(suggestion, cast["handler"], SKIPS_TWO)
    few = count()
    others(4)
    assert count() == few


def test_a_second_opinion_from_the_model_is_masked_and_marked(cast, suggestion):
    with StubModel(reply="第2条未回应。") as stub, stub.configured():
        client = _client(cast["handler"])
        html = _check(client, suggestion, SKIPS_TWO).content.decode()
        assert "data-ask-second-opinion" in html  # offered, not asked
        assert not stub.received
        url = reverse("reading:check_draft", args=["suggestion", suggestion.pk])
        text = SKIPS_TWO + "\n联系人：李秀兰，电话13835412345。"
        html = client.post(
            url, {"check_field": "text", "text": text, "second_opinion": "1"}
        ).content.decode()
    assert "data-second-opinion" in html and "第2条未回应。" in html
    assert _marks(html)[2] == "missing"  # the classical marks beside it
    sent = "\n".join(stub.prompts())
    assert "13835412345" not in sent and "李秀兰" not in sent and "偏远村庄" in sent


def test_a_failing_model_leaves_the_check_working(cast, suggestion):
    with StubModel(mode="error") as stub, stub.configured():
        url = reverse("reading:check_draft", args=["suggestion", suggestion.pk])
        response = _client(cast["handler"]).post(
            url, {"check_field": "text", "text": SKIPS_TWO, "second_opinion": "1"}
        )
    html = response.content.decode()
    assert response.status_code == 200 and "data-second-opinion-error" in html
    assert _marks(html)[2] == "missing"


def test_without_a_model_no_second_opinion_is_offered(cast, suggestion):
    html = _check(_client(cast["handler"]), suggestion, SKIPS_TWO).content.decode()
    assert "data-ask-second-opinion" not in html


# --- a unit's answer to a constituent's opinion: the same check ------------------------------

OPINION = "小区门口路灯坏了一个月，晚上很黑。希望尽快修好路灯。另外小区旁边的水沟堵了，夏天很臭。"
ANSWER_SKIPS = "经现场查看，小区门口路灯已于本周更换灯具，恢复照明。"


@pytest.fixture
def opinion(cast: dict[str, Any], org: dict[str, Any]) -> Any:
    from renda.opinions import actions as O

    o = O.opinion_record(
        actor=cast["station"], station=org["station"], category="housing", content=OPINION
    )
    return O.opinion_refer(opinion=o, actor=cast["station"], unit=org["unit"])


def test_the_unit_checks_its_answer_to_an_opinion(cast, opinion):
    url = reverse("reading:check_draft", args=["opinion", opinion.pk])
    data = {"check_field": "answer-answer", "answer-answer": ANSWER_SKIPS}
    html = _client(cast["handler"]).post(url, data).content.decode()
    marks = _marks(html)
    assert marks[3] == "missing" and marks[1] != "missing"  # the ditch is not answered
    assert _client(cast["other_handler"]).post(url, data).status_code == 404
    page = _client(cast["handler"]).get(reverse("opinions:opinion", args=[opinion.pk]))
    assert 'data-field="answer-answer"' in page.content.decode()  # the button in the answer form


def test_the_answer_check_is_shown_to_the_unit_and_staff(cast, opinion):
    from renda.opinions import actions as O

    O.opinion_answer(opinion=opinion, actor=cast["handler"], answer=ANSWER_SKIPS, kind="solved")
    for who in ("handler", "staff", "station"):
        page = _client(cast[who]).get(reverse("opinions:opinion", args=[opinion.pk]))
        assert "data-reading-check " in page.content.decode(), who
    page = _client(cast["other_handler"]).get(reverse("opinions:opinion", args=[opinion.pk]))
    assert "data-reading-check " not in page.content.decode()


def test_the_previous_replies_are_read_as_values_with_their_labels(cast, org, suggestion, reply):
    """Issue 18: a case's page reads up to PREVIOUS_LIMIT of the unit's earlier replies for
    each reply it shows the check of; they are read as values (no Reply or Suggestion object
    each: 600 objects a reply at scale), labelled as before: the number and title, the number
    alone for a confidential suggestion, a dash for a suggestion without a number."""
    from django.db.models.signals import post_init
    from django.utils import translation

    from renda.suggestions import actions as A
    from renda.suggestions.models import Reply, Suggestion
    from renda.suggestions.reading import previous_replies

    made = []
    for i, confidential in enumerate((False, True)):
        s = A.suggestion_submit(
            author=cast["deputy"], title=f"其他建议{i}", body="建议：修路。", category="transport"
        )
        A.suggestion_accept(suggestion=s, actor=cast["staff"])
        A.suggestion_assign(
            suggestion=s, actor=cast["staff"], mode="sole", parts=[A.UnitPart(org["unit"], "sole")]
        )
        Suggestion.objects.filter(pk=s.pk).update(confidential=confidential)
        reply(s, cast["handler"], f"第{i}件已办理。")
        made.append(Suggestion.objects.get(pk=s.pk))
    Suggestion.objects.filter(pk=made[1].pk).update(number=None)
    built: list[str] = []

    def count(sender: Any, **kwargs: Any) -> None:
        built.append(sender.__name__)

    for model in (Reply, Suggestion):
        post_init.connect(count, sender=model)
    try:
        with translation.override("en"):
            english = previous_replies(org["unit"].pk, exclude=suggestion.pk)
        chinese = previous_replies(org["unit"].pk, exclude=suggestion.pk)
    finally:
        for model in (Reply, Suggestion):
            post_init.disconnect(count, sender=model)
    first = made[0]
    assert [p.label for p in english] == [
        f"{made[1].year} No. —",  # confidential: no title; no number: a dash
        f"{first.year} No. {first.number} 《其他建议0》",
    ]
    assert [p.text for p in chinese] == ["第1件已办理。", "第0件已办理。"]  # newest first
    assert chinese[1].label.endswith(" 《其他建议0》") and chinese[1].label != english[1].label
    assert not built
