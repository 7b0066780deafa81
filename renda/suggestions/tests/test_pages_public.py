"""The public's pages: published suggestions and replies only, no personal data, no
confidential or unpublished suggestion, search and paging, and the query cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.core.navigation import menu_for
from renda.suggestions import actions as A

from .handling import assigned, evaluated, replied

URL = reverse("suggestions:public")
PHONES = ("13835412345", "138****2345", "13935467890", "0354-3326575")
ID_PARTS = ("140702", "********")


def rows_of(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-suggestion="')[1:]]


def answered(cast, org, submit, **kw):
    day = timezone.localdate()
    s = assigned(submit, cast["staff"], day, [A.UnitPart(unit=org["unit"], role="sole")], **kw)
    replied(s, cast["handler"], day, "A", contact_person="刘洋", contact_phone="0354-3326575")
    return s


@pytest.fixture
def published(cast, org, submit):
    s = answered(cast, org, submit, title="关于公交线路的建议")
    evaluated(s, cast["deputy"], timezone.localdate(), "satisfied")
    return s


@pytest.fixture
def confidential(cast, org, submit):
    return answered(cast, org, submit, title="保密的建议", confidential=True)


def test_anyone_reads_the_list_and_a_published_suggestion(client, published):
    html = client.get(URL).content.decode()
    assert rows_of(html) == [str(published.pk)]
    response = client.get(reverse("suggestions:public_detail", args=[published.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert published.title in html and "经研究，答复如下。" in html
    assert "李秀兰" in html and "榆次区代表团" in html  # lead deputy and delegation


def test_no_phone_id_number_or_file_appears_on_the_public_pages(client, published, confidential):
    for url in (URL, reverse("suggestions:public_detail", args=[published.pk])):
        html = client.get(url).content.decode()
        for phone in PHONES:
            assert phone not in html
        for part in ID_PARTS:
            assert part not in html
        assert "/files/" not in html and "letter" not in html


def test_a_confidential_suggestion_is_never_shown(client, published, confidential):
    html = client.get(URL).content.decode()
    assert str(confidential.pk) not in rows_of(html) and "保密的建议" not in html
    assert client.get(URL, {"q": "保密"}).content.decode().count("data-suggestion=") == 0
    url = reverse("suggestions:public_detail", args=[confidential.pk])
    assert client.get(url).status_code == 404


def test_an_unanswered_or_unpublished_suggestion_is_not_found(client, cast, org, submit):
    waiting = submit(title="尚未答复的建议")
    hidden = answered(cast, org, submit, title="不公开的答复")
    type(hidden).objects.filter(pk=hidden.pk).update(published=False)
    html = client.get(URL).content.decode()
    assert rows_of(html) == []
    for s in (waiting, hidden):
        assert client.get(reverse("suggestions:public_detail", args=[s.pk])).status_code == 404


def test_search_by_words_year_category_and_unit(client, cast, org, submit, published):
    school = answered(
        cast, org, submit, title="关于学校食堂的建议", body="改善食堂。", category="education"
    )
    assert rows_of(client.get(URL, {"q": "食堂"}).content.decode()) == [str(school.pk)]
    assert rows_of(client.get(URL, {"category": "transport"}).content.decode()) == [
        str(published.pk)
    ]
    assert len(rows_of(client.get(URL, {"unit": org["unit"].pk}).content.decode())) == 2
    # A unit with an assignment still being handled: a valid choice, with nothing published.
    assigned(submit, cast["staff"], timezone.localdate(), [A.UnitPart(org["other_unit"], "sole")])
    assert rows_of(client.get(URL, {"unit": org["other_unit"].pk}).content.decode()) == []
    year = timezone.localdate().year
    assert len(rows_of(client.get(URL, {"year": year}).content.decode())) == 2


def test_bad_search_values_are_ignored(client, published):
    response = client.get(URL, {"year": "x", "unit": "abc", "category": "?", "page": "0"})
    assert response.status_code == 200
    assert rows_of(response.content.decode()) == [str(published.pk)]


def test_the_public_landing_page_links_to_it(client, db):
    assert URL in [item["url"] for item in menu_for(None)]
    assert URL in client.get(reverse("core:home")).content.decode()


def test_the_list_costs_the_same_for_few_and_many_rows(client, cast, org, submit):
    client.get(URL)  # warm up

    def queries(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(URL).content.decode()
        assert len(rows_of(html)) == n
        return len(ctx.captured_queries)

    for _ in range(2):
        answered(cast, org, submit)
    few = queries(2)
    for _ in range(10):
        answered(cast, org, submit)
    assert queries(12) == few <= 10


def test_the_public_page_costs_a_fixed_number_of_queries(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get(reverse("suggestions:public_detail", args=[published.pk]))
