"""The hot topics page (民意热点), its .docx note, the cockpit's panel and the note's prose by
the language model (against the stub server): who may see them, the filters, the note's
wording, a fixed number of queries."""

from __future__ import annotations

import datetime
import io
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.reading.themes_note import MACHINE_MARK

URL = reverse("reading:themes")
DOCX_URL = reverse("reading:themes_docx")
DRAFT_URL = reverse("reading:themes_draft")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ROAD = "{p}通村公路路面破损严重，坑洼较多，雨天积水，群众出行不便，希望尽快维修。"
BUS = "{p}至县城的公交班次太少，最后一班车下午五点就停运，建议增加班次。"
SCHOOL = "{p}幼儿园学位紧张，适龄儿童入园难，建议新建或扩建公办幼儿园。"
_codes = itertools.count(1)


@pytest.fixture
def say(congress, org):
    """Record an opinion as received on `day` (directly: the workflow is not under test)."""
    from renda.opinions.models import ConstituentOpinion

    def say(text, day, *, category="roads", station="station", place="东阳镇"):
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        return ConstituentOpinion.objects.create(
            congress=congress,
            station=org[station] if station else None,
            source="station",
            category=category,
            place=place,
            content=text.format(p=place),
            contact_name="赵六",
            contact_phone="13800001111",
            receipt_code=f"T{next(_codes):08d}",
            received_at=at,
        )

    return say


@pytest.fixture
def june(say):
    """June 2024: five on the roads at the station, four on buses at the other station, three on
    kindergartens without a station; May: two on the roads."""
    for i in range(5):
        say(ROAD, datetime.date(2024, 6, 3 + i), place=["东阳镇", "松塔镇", "来远镇"][i % 3])
    for i in range(4):
        say(BUS, datetime.date(2024, 6, 10 + i), station="other_station", place="古陶镇")
    for i in range(3):
        say(SCHOOL, datetime.date(2024, 6, 20 + i), category="education", station=None)
    for i in range(2):
        say(ROAD, datetime.date(2024, 5, 6 + i), place="平头镇")


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("leader", 200), ("handler", 403), ("station", 403), ("deputy", 403)],
)
def test_hot_topics_are_for_staff_and_leaders(client, cast, june, who, status):
    client.force_login(cast[who])
    assert client.get(URL, {"month": "2024-06"}).status_code == status
    assert client.get(DOCX_URL, {"month": "2024-06"}).status_code == status


def test_the_public_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_shows_the_themes_with_their_size_trend_places_and_examples(client, cast, june):
    client.force_login(cast["staff"])
    html = client.get(URL, {"month": "2024-06"}, **EN).content.decode()
    assert html.index("通村公路路面破损严重") < html.index("至县城的公交班次太少")
    assert "5 texts" in html and "4 texts" in html and "3 texts" in html
    assert "Up 150%" in html  # roads: 2 in May, 5 in June
    assert "New" in html
    assert "锦纶街道人大代表联络站 5" in html and "郭家堡乡人大代表联络站 4" in html
    assert "榆次区 5" in html and "榆次区 4" in html
    assert 'href="/stations/opinions/' in html
    assert "13800001111" not in html


def test_the_default_month_is_that_of_the_latest_text(client, cast, june):
    client.force_login(cast["staff"])
    response = client.get(URL, **EN)
    assert response.context["result"].filters.start == datetime.date(2024, 6, 1)


def test_filters_county_station_category_and_period(client, cast, june, org):
    client.force_login(cast["staff"])

    def sizes(**params):
        response = client.get(URL, {"month": "2024-06", **params})
        return [t.size for t in response.context["result"].themes]

    assert sizes() == [5, 4, 3]
    assert sizes(station=org["other_station"].pk) == [4]
    assert sizes(county=org["county"].pk) == [5, 4]  # the kindergartens have no station
    assert sizes(category="education") == [3]
    assert sizes(category="economy") == []  # a suggestions' category: no opinion has it
    assert sizes(**{"from": "2024-06-01", "to": "2024-06-09"}) == [5]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"month": "2024-13"}, "month"),
        ({"month": "June"}, "month"),
        ({"from": "2024-06-30", "to": "2024-06-01"}, "to"),
        ({"from": "2024-06-01"}, "to"),
        ({"from": "2023-01-01", "to": "2024-06-30"}, "to"),
        ({"station": "abc"}, "station"),
    ],
)
def test_bad_input_is_shown_beside_the_field(client, cast, june, params, field):
    client.force_login(cast["staff"])
    response = client.get(URL, params, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "result" not in response.context
    assert client.get(DOCX_URL, params, **EN).status_code == 200  # the page, not a file


def _docx_text(content: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_monthly_note_states_each_theme_in_order_with_its_trend_and_places(client, cast, june):
    client.force_login(cast["staff"])
    response = client.get(DOCX_URL, {"month": "2024-06"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "民意热点月报（2024年6月）" in text
    assert "2024年6月，全市共收集群众意见建议12件（上月2件），较上月增加10件、上升500%。" in text
    assert "形成三个相对集中的热点，涉及12件，占100%。" in text
    assert text.index("（一）通村公路路面破损严重") < text.index("（二）至县城的公交班次太少")
    assert "共5件，较上月增加3件、上升150%。主要来自榆次区（5件）" in text
    assert "上月无同类反映，为新出现的热点" in text
    assert "（由起草人根据以上情况填写。）" in text
    assert "晋中市人大常委会办公室" in text
    assert "13800001111" not in text


def test_the_note_of_a_station_names_the_station(client, cast, june, org):
    client.force_login(cast["staff"])
    response = client.get(DOCX_URL, {"month": "2024-06", "station": org["other_station"].pk})
    assert "2024年6月，郭家堡乡人大代表联络站共收集群众意见建议4件" in _docx_text(response.content)


def test_the_page_costs_a_fixed_number_of_queries(client, cast, say, org):
    client.force_login(cast["staff"])

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"month": "2024-06"}).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        say(ROAD, datetime.date(2024, 6, 3 + i))
    few = queries()
    for i in range(30):
        say([ROAD, BUS, SCHOOL][i % 3], datetime.date(2024, 6, 1 + i % 28), place=f"{i}号院")
        say(ROAD, datetime.date(2024, 5, 1 + i % 28), station="other_station")
    assert queries() == few
    assert few <= 20


def test_the_cockpit_shows_the_months_largest_themes_linking_to_them(client, cast, june):
    client.force_login(cast["leader"])
    html = client.get(reverse("figures:cockpit"), {"year": 2024}, **EN).content.decode()
    assert "Hot topics of 2024-06" in html
    assert f'href="{URL}?month=2024-06#theme-1">通村公路路面破损严重</a>' in html


def test_without_a_language_model_nothing_offers_to_draft(client, cast, june):
    client.force_login(cast["staff"])
    html = client.get(URL, {"month": "2024-06"}, **EN).content.decode()
    assert "Draft the note's prose" not in html and DRAFT_URL not in html


def test_the_language_model_drafts_the_prose_shown_editable_and_kept_only_if_chosen(
    client, cast, june
):
    from renda.audit.models import Kind, Record
    from renda.core.tests.llm_stub import StubModel

    client.force_login(cast["staff"])
    with StubModel(reply="六月群众反映集中在道路交通方面。") as stub, stub.configured():
        html = client.get(URL, {"month": "2024-06"}, **EN).content.decode()
        assert "Draft the note's prose" in html
        response = client.post(f"{DRAFT_URL}?month=2024-06", **EN)
        html = response.content.decode()
        assert "Machine-drafted" in html
        assert "<textarea" in html and "六月群众反映集中在道路交通方面。" in html
        # The facts went out, the constituents' phones never.
        sent = "\n".join(stub.prompts())
        assert "通村公路路面破损严重" in sent and "13800001111" not in sent
    assert Record.objects.filter(kind=Kind.LANGUAGE_MODEL, actor=cast["staff"]).count() == 1
    # The person edits it and chooses to put it in the note.
    edited = "六月群众反映集中在道路交通方面，建议交通部门加快维修。"
    response = client.post(f"{DOCX_URL}?month=2024-06", {"prose": edited, "include": "1"})
    text = _docx_text(response.content)
    assert edited in text and MACHINE_MARK in text
    # Without that choice the note has no machine text.
    response = client.post(f"{DOCX_URL}?month=2024-06", {"prose": edited})
    assert edited not in _docx_text(response.content)


def test_a_language_model_that_fails_is_said_and_the_page_still_works(client, cast, june):
    from renda.core.tests.llm_stub import StubModel

    client.force_login(cast["staff"])
    with StubModel(mode="error") as stub, stub.configured():
        response = client.post(f"{DRAFT_URL}?month=2024-06", **EN, follow=True)
    assert response.status_code == 200
    assert "did not answer" in response.content.decode()
    assert response.context["result"].themes
