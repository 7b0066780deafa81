"""The search page and GET /api/v1/search: filters, highlighting, pagination, bad input as a
clear 4xx, and a query count that does not grow with the hits; the top bar's search box."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.suggestions.tests.test_api import Caller


@pytest.fixture
def many(cast, submit):
    return [
        submit(title=f"关于第{i}号路段停车难的建议", body=f"第{i}个路段停车位不足，建议挖潜。")
        for i in range(25)
    ]


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_the_top_bar_has_a_search_box(cast):
    page = logged_in(cast["staff"]).get("/")
    assert 'action="/search/"' in page.content.decode()


def test_the_page_lists_ranked_marked_hits_a_page_at_a_time(
    cast, many, django_assert_max_num_queries
):
    client = logged_in(cast["staff"])
    with django_assert_max_num_queries(14):
        page = client.get("/search/", {"q": "停车 路段"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="search-hit"') == 20
    assert "<mark>停车</mark>" in html
    assert "Page 1 of 2" in html
    second = client.get("/search/", {"q": "停车 路段", "page": 2})
    assert second.content.decode().count('class="search-hit"') == 5


def test_the_page_filters_by_kind_and_a_bad_filter_is_shown_not_a_500(cast, many):
    client = logged_in(cast["staff"])
    assert (
        'class="search-hit"'
        not in client.get("/search/", {"q": "停车", "kind": "motion"}).content.decode()
    )
    bad = client.get("/search/", {"q": "停车", "kind": "nonsense", "year": "x", "page": "z"})
    assert bad.status_code == 200


def test_the_public_may_search_what_is_published(db, many):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get("/search/", {"q": "停车"})
    assert page.status_code == 200
    assert 'class="search-hit"' not in page.content.decode()


def test_the_api_answers_a_page_of_hits_with_the_count(cast, many, django_assert_max_num_queries):
    api = Caller(cast["staff"])
    with django_assert_max_num_queries(10):
        r = api.get("/search", q="停车 路段", page_size=10)
    body = r.json()
    assert r.status_code == 200, body
    assert body["count"] == 25 and len(body["items"]) == 10
    assert body["words"] == ["停车", "路段"]
    hit = body["items"][0]
    assert hit["kind"] == "suggestion" and hit["url"] == f"/suggestions/{hit['id']}/"
    assert "<mark>" in hit["snippet"]


def test_the_api_refuses_bad_input_with_a_clear_4xx(cast):
    api = Caller(cast["staff"])
    assert api.get("/search", q="x" * 101).status_code == 422
    assert api.get("/search", q="停车", page_size=500).status_code == 422
    r = api.get("/search", q="停车", kind="nonsense")
    assert r.status_code in (400, 422) and "kind" in r.content.decode()
    assert Caller(None).get("/search", q="停车").status_code == 401


def test_the_handler_finds_nothing_of_another_unit_through_the_api(cast, many):
    assert Caller(cast["handler"]).get("/search", q="停车").json()["count"] == 0


def test_the_list_q_filters_use_the_same_engine(cast, many, submit):
    """The register's `q=`: words in any order, as the search finds them."""
    submit(title="关于推进生活垃圾分类的建议", body="增设分类投放点。")
    api = Caller(cast["staff"])
    found = api.get("/suggestions", q="分类 垃圾").json()
    assert [s["title"] for s in found["items"]] == ["关于推进生活垃圾分类的建议"]
