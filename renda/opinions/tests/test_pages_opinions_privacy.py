"""A constituent's name, phone, e-mail and receipt code reach, in the pages, only staff and the
station that keeps the case: never the handling unit, leaders or the public tracking page.
And every list costs the same few queries however many rows it has."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from renda.opinions import actions as A

from .conftest import MONDAY, on
from .test_pages_opinions_station import client_for

PRIVATE = ("赵大妈", "13812345678", "zhao@example.cn")
# A phone masked as elsewhere in the platform would still give away its first and last digits:
# these pages show none of it.
FRAGMENTS = ("138****5678", "5678")


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["staff", "station"])
def test_staff_and_the_own_operator_see_the_contact_details(cast, referred, who):
    page = html(client_for(cast[who]), reverse("opinions:opinion", args=[referred.pk]))
    for value in (*PRIVATE, referred.receipt_code):
        assert value in page


@pytest.mark.parametrize("who", ["handler", "leader"])
def test_the_unit_and_leaders_never_see_them(cast, referred, who):
    client = client_for(cast[who])
    pages = [html(client, reverse("opinions:opinion", args=[referred.pk]))]
    pages.append(
        html(client, reverse("opinions:opinion_unit" if who == "handler" else "opinions:opinions"))
    )
    for page in pages:
        for value in (*PRIVATE, *FRAGMENTS, referred.receipt_code):
            assert value not in page
    assert "data-contact-masked" in pages[0]


def test_not_even_once_answered_and_closed(cast, answered):
    A.opinion_close(opinion=answered, actor=cast["station"], told_by="phone")
    page = html(client_for(cast["handler"]), reverse("opinions:opinion", args=[answered.pk]))
    for value in (*PRIVATE, answered.receipt_code):
        assert value not in page


def test_the_public_tracking_page_shows_no_contact_details_nor_staff_names(cast, answered):
    A.opinion_close(opinion=answered, actor=cast["station"], told_by="phone", outcome="已答复")
    client = Client()
    page = client.post(
        reverse("opinions:public_opinion_track"), {"code": answered.receipt_code}
    ).content.decode()
    assert "已答复" in page and answered.unit.name in page
    for value in (*PRIVATE, *FRAGMENTS):
        assert value not in page
    for user in ("staff", "station", "handler"):  # who handled it stays unnamed
        assert f">{cast[user].display_name}<" not in page
        assert f"{cast[user].display_name} (" not in page


# --- query caps ---------------------------------------------------------------------------------


def add(record, cast, org, n):
    with on(MONDAY):
        for i in range(n):
            o = record(content=f"第{i}条意见")
            if i % 3 == 0:
                A.opinion_refer(opinion=o, actor=cast["station"], unit=org["unit"])
            if i % 3 == 1:
                A.opinion_resolve(opinion=o, actor=cast["station"], outcome="好")


@pytest.mark.parametrize(
    "who, name, cap",
    [
        ("station", "opinions:opinion_station", 13),
        ("handler", "opinions:opinion_unit", 13),
        ("staff", "opinions:opinions", 15),
        ("leader", "opinions:opinions", 15),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    cast, org, record, django_assert_max_num_queries, who, name, cap
):
    client = client_for(cast[who])
    client.get(reverse(name))  # warm the content-type cache
    for more in (3, 60):
        add(record, cast, org, more)
        with on(MONDAY), django_assert_max_num_queries(cap):
            response = client.get(reverse(name), {"show": "all"})
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) >= 21


def test_export_query_count_does_not_grow_with_rows(
    cast, org, record, django_assert_max_num_queries
):
    client = client_for(cast["staff"])
    for more in (3, 60):
        add(record, cast, org, more)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("opinions:opinion_export")).status_code == 200


def test_the_keys_list_query_count_is_flat(cast, org, django_assert_max_num_queries):
    client = client_for(cast["staff"])
    for n in (1, 30):
        for i in range(n):
            A.client_key_issue(actor=cast["staff"], congress=org["station"].congress, name=f"k{i}")
        with django_assert_max_num_queries(9):
            assert client.get(reverse("opinions:keys")).status_code == 200


def test_an_opinions_page_query_count_is_flat(
    cast, answered, django_assert_max_num_queries, record
):
    client = client_for(cast["station"])
    with on(MONDAY), django_assert_max_num_queries(16):
        assert client.get(reverse("opinions:opinion", args=[answered.pk])).status_code == 200
