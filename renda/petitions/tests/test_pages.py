"""The petition pages and API: who reaches which, actions posted from the petition's page, the
overdue board, the public's online petition and receipt code (a wrong code reveals nothing),
and lists whose query count does not grow with their rows."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.petitions import actions as A
from renda.petitions.models import Petition
from renda.suggestions.tests.test_api import Caller

from .conftest import ANSWER, D, answered, on

pytestmark = pytest.mark.django_db


def _many(register, office, org, cast, n: int) -> None:
    """n petitions forwarded to the handler's unit, key, passed to the deputy's station."""
    for _ in range(n):
        p = register(petitioners=[A.Person(name="张三"), A.Person(name="李四")], people=2)
        A.petition_accept(petition=p, actor=office, mode="forward", unit=org["unit"], note="转送。")
        A.petition_mark_key(petition=p, actor=office, leader=cast["leader"])
        A.petition_instruct(petition=p, actor=cast["leader"], text="请抓紧办理。")
        A.petition_pass_to_deputies(petition=p, actor=office, station=org["station"])


PAGES = [
    ("staff", "petitions:register"),
    ("staff", "petitions:overdue"),
    ("staff", "petitions:key"),
    ("leader", "petitions:key"),
    ("leader", "petitions:overdue"),
    ("handler", "petitions:unit"),
    ("deputy", "petitions:station"),
]


@pytest.mark.parametrize("who, name", PAGES)
def test_list_pages_cost_the_same_queries_for_few_and_many_rows(
    client, cast, register, office, org, who, name
):
    client.force_login(cast[who])
    url = reverse(name)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _many(register, office, org, cast, 2)
    client.get(url)  # warm up
    few = queries()
    _many(register, office, org, cast, 10)
    assert queries() == few <= 20


@pytest.mark.parametrize("who", ["staff", "handler", "leader", "deputy"])
def test_the_api_list_costs_the_same_queries_for_few_and_many_rows(
    cast, register, office, org, who
):
    caller = Caller(cast[who])

    def queries(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            r = caller.get("/petitions", page_size=100)
        assert r.status_code == 200 and r.json()["count"] == n
        return len(ctx.captured_queries)

    _many(register, office, org, cast, 2)
    caller.get("/petitions")
    few = queries(2)
    _many(register, office, org, cast, 10)
    assert queries(12) == few <= 10


@pytest.mark.parametrize(
    "who, name",
    [("handler", "petitions:register"), ("deputy", "petitions:unit"),
     ("handler", "petitions:key"), ("staff2", "petitions:new"),
     ("handler", "petitions:overdue"), ("leader", "petitions:station")],
)  # fmt: skip
def test_pages_refuse_who_has_no_business_there(client, cast, office, who, name):
    client.force_login(cast[who])
    assert client.get(reverse(name)).status_code == 403


def test_the_office_registers_a_visit_on_the_page(client, cast, office, org):
    client.force_login(cast["staff"])
    data = {
        "channel": "visit",
        "received_at": "2026-12-01T09:30",
        "title": "反映村道损毁问题",
        "category": "transport",
        "content": "村道被重车压坏，雨天无法通行。",
        "area": org["county"].pk,
        "people": 6,
        "petitioners-TOTAL_FORMS": 3,
        "petitioners-INITIAL_FORMS": 0,
        "petitioners-0-name": "赵大勇",
        "petitioners-0-phone": "13700001111",
        "petitioners-1-name": "钱二虎",
    }
    response = client.post(reverse("petitions:new"), data)
    p = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "petitions:petition", args=[p.pk]
    )
    assert p.collective and p.petitioners.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "赵大勇" in page and p.receipt_code in page and 'id="action-accept"' in page


def test_the_unit_answers_on_the_page_and_a_stray_unit_cannot(client, cast, handling):
    url = reverse("petitions:act", args=[handling.pk, "answer"])
    client.force_login(cast["other_handler"])
    assert client.post(url, {"answer-result": "supported", "answer-text": "x"}).status_code == 404
    client.force_login(cast["handler"])
    page = client.get(reverse("petitions:petition", args=[handling.pk])).content.decode()
    assert 'id="action-answer"' in page and 'id="action-extend"' in page
    invalid = client.post(url, {"answer-result": "supported", "answer-text": ""})
    assert invalid.status_code == 422
    assert (
        client.post(url, {"answer-result": "supported", "answer-text": ANSWER}).status_code == 302
    )
    handling.refresh_from_db()
    assert handling.state == "answered"


def test_the_overdue_board_shows_what_is_late_and_what_is_due_soon(client, cast, register, office):
    late = register(day=D(2026, 11, 2))  # decide by 11-17
    register(day=D(2026, 12, 1))  # decide by 12-16: not soon on 12-06
    with on(D(2026, 12, 6)):
        client.force_login(cast["staff"])
        html = client.get(reverse("petitions:overdue")).content.decode()
    assert f'data-petition="{late.pk}"' in html and html.count("data-petition=") == 1


def test_the_days_past_a_petitions_date_are_working_days_as_everywhere(
    client, cast, register, office
):
    late = register(day=D(2026, 11, 2))  # decide by 11-17 (the 条例's 15 days)
    with on(D(2026, 12, 6)):  # a Sunday: 13 working days after Tuesday 17 Nov, 19 calendar days
        client.force_login(cast["staff"])
        response = client.get(reverse("petitions:overdue"), HTTP_ACCEPT_LANGUAGE="en")
    late.refresh_from_db()
    assert late.accept_due == D(2026, 11, 17)
    html = response.content.decode()
    assert "13 working days overdue" in html
    assert "19 days overdue" not in html


def test_the_public_petitions_online_and_follows_the_answer_by_the_receipt_code(
    client, office, org, cast
):
    cache.clear()
    page = client.get(reverse("petitions:public_new"))
    assert page.status_code == 200
    response = client.post(
        reverse("petitions:public_new"),
        {
            "title": "反映公交站台被占",
            "category": "transport",
            "content": "站台长期被摊贩占用。",
            "name": "孙悦",
            "phone": "13612345678",
        },
    )
    assert response.status_code == 302
    p = Petition.objects.get()
    assert p.receipt_code in client.get(reverse("petitions:public_submitted")).content.decode()
    A.petition_accept(petition=p, actor=office, mode="forward", unit=org["unit"], note="已转送。")
    answered(p, cast["handler"], day=None)
    other = client.__class__()
    found = other.post(reverse("petitions:public_track"), {"code": p.receipt_code})
    html = found.content.decode()
    assert found.status_code == 200 and ANSWER in html and 'id="rate"' in html
    assert "孙悦" not in html and "13612345678" not in html
    rated = other.post(reverse("petitions:public_rate"), {"rating": "satisfied"})
    assert rated.status_code == 302
    p.refresh_from_db()
    assert p.rating == "satisfied"
    again = other.post(reverse("petitions:public_rate"), {"rating": "dissatisfied"})
    assert again.status_code == 302
    p.refresh_from_db()
    assert p.rating == "satisfied"


def test_the_petitioner_asks_for_a_review_online_within_the_window_only(client, handling, cast):
    p = answered(handling, cast["handler"])  # until 2024-05-20
    client.post(reverse("petitions:public_track"), {"code": p.receipt_code})
    with on(D(2024, 5, 21)):
        late = client.post(reverse("petitions:public_review"), {"reason": "不满意。"})
    assert late.status_code == 302
    p.refresh_from_db()
    assert p.state == "answered"
    with on(D(2024, 5, 20)):
        client.post(reverse("petitions:public_track"), {"code": p.receipt_code})
        asked = client.post(reverse("petitions:public_review"), {"reason": "对答复不满意。"})
    assert asked.status_code == 302
    p.refresh_from_db()
    assert p.state == "review_requested"
    from renda.core.timeline import timeline

    assert timeline(p)[-1].who != timeline(p)[0].who  # the petitioner, not the office


def test_a_wrong_receipt_code_reveals_nothing(client, register):
    p = register()
    wrong = p.receipt_code[:-1] + ("A" if p.receipt_code[-1] != "A" else "B")
    response = client.post(reverse("petitions:public_track"), {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 404 and p.title not in html
    assert 'data-receipt-result="none"' in html
    assert Caller().get(f"/public/petitions/receipt/{wrong}").status_code == 404
    assert (
        Caller().get(f"/public/petitions/receipt/{p.receipt_code}").json()["number"] == "2024-001"
    )


def test_the_api_registers_for_the_office_and_takes_actions(cast, office, org):
    staff = Caller(cast["staff"])
    r = staff.post(
        "/petitions",
        {
            "channel": "letter",
            "received_at": "2026-12-01T09:00:00+08:00",
            "title": "反映公交线路调整",
            "content": "新线路绕行过远。",
            "category": "transport",
            "petitioners": [{"name": "周敏", "phone": "13511112222"}],
        },
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["petitioners"][0]["name"] == "周敏"
    accepted = staff.post(
        f"/petitions/{pk}/actions/accept",
        {"mode": "forward", "unit": org["unit"].pk, "note": "已转送。"},
    )
    assert accepted.status_code == 200 and accepted.json()["state"] == "handling"
    stray = Caller(cast["other_handler"]).post(
        f"/petitions/{pk}/actions/answer", {"result": "supported", "text": "x"}
    )
    assert stray.status_code == 404
    rate = staff.post(f"/petitions/{pk}/actions/rate", {"rating": "satisfied"})
    assert rate.status_code == 403
    assert Caller(cast["staff2"]).post("/petitions", {}).status_code == 422  # input first


# The rows as register.html wrote them with a template (and petitions/_due.html), before
# rows.register_rows() wrote them in Python (issue 18): the page must not change by a character.
REGISTER_ROWS_BEFORE = (Path(__file__).parent / "register_rows_before.html").read_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_register_rows_written_in_python_are_the_templates_rows(
    register, office, org, cast, language
):
    from django.template import Context, Template
    from django.utils import translation

    from renda.petitions.queries import with_register_data
    from renda.petitions.rows import register_rows
    from renda.petitions.views import Due

    first = register()
    unnamed = register(title='<b>"停车"</b> & 噪音', channel="letter")
    unnamed.petitioners.all().delete()  # none shown: no name
    register(petitioners=[A.Person(name="<i>张三</i>"), A.Person(name="李四")], people=7)
    forwarded = register(category="environment")
    A.petition_accept(
        petition=forwarded, actor=office, mode="forward", unit=org["unit"], note="转。"
    )
    A.petition_mark_key(petition=forwarded, actor=office, leader=cast["leader"])
    rows = list(with_register_data(Petition.objects.all()).order_by("id"))
    rows[1].repeat_of_id = first.pk
    rows[2].state = "review_requested"
    dues = [
        Due("To decide", D(2024, 3, 20), False, 0),
        Due("<To answer>", D(2024, 3, 1), True, 1),
        Due("Review to answer", D(2024, 2, 1), True, 12),
        None,
    ]
    for p, due in zip(rows, dues, strict=True):
        p.due = due
    assert any(p.is_key for p in rows) and any(p.collective for p in rows)
    with translation.override(language):
        expected = Template(REGISTER_ROWS_BEFORE).render(
            Context({"page_obj": SimpleNamespace(object_list=rows)})
        )
        assert register_rows(rows) == expected
    # One left, two left: the plurals.
    rows[0].due, rows[1].due = Due("x", D(2024, 3, 20), False, 1), Due("y", D(2024, 3, 2), False, 2)
    rows[2].people = 2
    with translation.override(language):
        expected = Template(REGISTER_ROWS_BEFORE).render(
            Context({"page_obj": SimpleNamespace(object_list=rows)})
        )
        assert register_rows(rows) == expected
