"""The printable receipt slip of an opinion recorded at a station: the receipt code, the day,
what was raised in short and how to follow it; no personal data; for the station and staff."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone


def slip_url(opinion):
    return reverse("opinions:opinion_slip", args=[opinion.pk])


def test_the_station_prints_the_slip_with_the_code_and_how_to_follow_it(client, cast, opinion):
    client.force_login(cast["station"])
    page = client.get(slip_url(opinion), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert opinion.receipt_code in html
    assert f"{timezone.localtime(opinion.received_at):%Y-%m-%d}" in html  # the day received
    assert "锦纶路与迎宾街交叉口红绿灯时间太短" in html
    assert "http://testserver" + reverse("opinions:public_opinion_track") in html
    assert "within 15 working days" in html
    assert "赵大妈" not in html and "13812345678" not in html and "zhao@" not in html
    assert 'class="a6"' in html
    assert 'class="a4"' in client.get(slip_url(opinion) + "?size=a4").content.decode()


def test_a_long_opinion_is_shortened_on_the_slip(client, cast, record):
    from .conftest import MONDAY, on

    with on(MONDAY):
        long = record(content="路灯" * 100)
    client.force_login(cast["station"])
    html = client.get(slip_url(long)).content.decode()
    assert "路灯" * 40 + "…" in html and "路灯" * 41 not in html


def test_the_record_page_links_to_the_slip(client, cast, opinion):
    client.force_login(cast["station"])
    page = client.get(reverse("opinions:opinion_record") + f"?done={opinion.pk}")
    assert slip_url(opinion) in page.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("other_station", 404), ("handler", 403), ("staff", 200)]
)
def test_who_prints_a_slip(client, cast, opinion, who, status):
    client.force_login(cast[who])
    assert client.get(slip_url(opinion)).status_code == status
