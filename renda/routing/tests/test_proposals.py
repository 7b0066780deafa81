"""Routing (智能交办): keyword fallback, learned proposals, the record of what staff chose, the
page of proposals accepted per month, role by role, with its query cap."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.routing import proposals as P
from renda.routing.actions import train
from renda.routing.models import Method, Proposal, TrainedModel

from .conftest import ROADS, ROADS_AGAIN, SCHOOL

BUS = ("关于优化榆次区城乡公交线路的建议", "榆次区城乡公交线路覆盖不足，部分村庄每天仅有一两班车。")
TEACHERS = ("关于补充榆次区乡村教师的建议", "榆次区乡村学校教师年龄偏大，音体美教师缺乏。")


def test_without_history_units_and_category_come_from_keywords(cast, congress, org) -> None:
    p = P.propose(congress_id=congress.pk, kind="suggestion", text="\n".join(ROADS))
    assert p.method == Method.KEYWORDS
    assert p.unit_ids[0] == org["unit"].pk  # 交通运输局: 公路, 道路, 出行
    assert p.category == "transport"
    school = P.propose(congress_id=congress.pk, kind="suggestion", text="\n".join(SCHOOL))
    assert school.unit_ids[0] == org["other_unit"].pk and school.category == "education"


def test_a_text_no_rule_knows_gets_no_proposal(cast, congress) -> None:
    p = P.propose(congress_id=congress.pk, kind="suggestion", text="你好")
    assert p.units == [] and p.categories == []


@pytest.fixture
def history(write, assign, org):
    """Four past assignments per unit, worded so that keywords alone would not tell them."""
    for i in range(4):
        assign(write(f"{BUS[0]}{i}", BUS[1] + "车站"), org["unit"])
        assign(write(f"{TEACHERS[0]}{i}", TEACHERS[1], category="education"), org["other_unit"])


def test_trained_on_past_assignments_proposals_are_learned(
    cast, congress, org, history, monkeypatch
) -> None:
    monkeypatch.setattr(P, "MIN_HISTORY", 4)
    rows = train(congress=congress)
    assert {(r.kind, r.target, r.samples) for r in rows} >= {
        ("suggestion", "unit", 8),
        ("suggestion", "category", 8),
    }
    p = P.propose(congress_id=congress.pk, kind="suggestion", text="建议增开公交班次，方便村民出行")
    assert p.method == Method.MODEL
    assert p.unit_ids[0] == org["unit"].pk and p.category == "transport"
    assert 0.5 < p.units[0].confidence <= 1.0 and p.units[0].confidence >= p.units[1].confidence


def test_too_little_history_falls_back_to_keywords(cast, congress, org, history) -> None:
    train(congress=congress)  # 8 examples: fewer than MIN_HISTORY
    assert TrainedModel.objects.filter(congress=congress, kind="suggestion").count() == 2
    p = P.propose(congress_id=congress.pk, kind="suggestion", text="\n".join(ROADS))
    assert p.method == Method.KEYWORDS


def test_what_staff_choose_is_recorded_against_the_proposal(write, assign, org) -> None:
    kept = assign(write(*ROADS), org["unit"])
    changed = assign(write(*ROADS_AGAIN), org["other_unit"])
    rows = {p.object_id: p for p in Proposal.objects.filter(kind="suggestion")}
    assert rows[kept.pk].unit_accepted and rows[kept.pk].category_accepted
    assert rows[kept.pk].proposed_units[0][0] == org["unit"].pk
    assert not rows[changed.pk].unit_accepted
    assert rows[changed.pk].chosen_units == [org["other_unit"].pk]


def test_the_assign_form_shows_the_proposal_and_fills_in_its_unit(client, cast, write, org):
    s = write(*ROADS)
    client.force_login(cast["staff"])
    html = client.get(
        reverse("suggestions:detail", args=[s.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'data-proposal="keywords"' in html
    assert f'data-unit="{org["unit"].pk}"' in html
    assert f'<option value="{org["unit"].pk}" selected>' in html


def test_a_referred_opinion_is_recorded_and_its_form_proposes_a_unit(client, cast, org):
    from renda.opinions.actions import opinion_record, opinion_refer

    o = opinion_record(
        actor=cast["station"],
        station=org["station"],
        category="roads",
        content="村口道路坑洼不平，雨天积水，公交车绕行，出行不便。",
    )
    client.force_login(cast["staff"])
    html = client.get(reverse("opinions:opinion", args=[o.pk])).content.decode()
    assert f'<option value="{org["unit"].pk}" selected>' in html
    opinion_refer(opinion=o, actor=cast["staff"], unit=org["unit"])
    record = Proposal.objects.get(kind="opinion", object_id=o.pk)
    assert record.unit_accepted and record.chosen_units == [org["unit"].pk]


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 200), ("leader", 200), ("deputy", 403), ("handler", 403), ("station", 403)],
)
def test_the_page_of_accepted_proposals_role_by_role(client, cast, role, status) -> None:
    client.force_login(cast[role])
    assert client.get(reverse("routing:accepted")).status_code == status


def test_the_page_asks_a_logged_out_visitor_to_log_in(client) -> None:
    page = client.get(reverse("routing:accepted"))
    assert page.status_code == 302 and "login" in page["Location"]


def test_the_page_counts_proposals_accepted_per_month_in_its_congress(
    client, cast, write, assign, org, django_assert_max_num_queries
) -> None:
    assign(write(*ROADS), org["unit"])
    assign(write(*ROADS_AGAIN), org["other_unit"])
    client.force_login(cast["staff"])
    with django_assert_max_num_queries(12):
        html = client.get(reverse("routing:accepted"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-kind="suggestion"' in html
    row = html.split('data-kind="suggestion"')[1].split("</tr>")[0]
    assert ">2<" in row and "1 <small>(50%)</small>" in row
    client.force_login(cast["stranger"])  # another congress's staff sees none of it
    other = client.get(reverse("routing:accepted")).content.decode()
    assert 'data-kind="suggestion"' not in other


def test_the_page_costs_the_same_queries_with_many_months(
    client, cast, congress, django_assert_max_num_queries
) -> None:
    import datetime
    import zoneinfo

    for month in range(1, 13):
        Proposal.objects.create(
            congress=congress, kind="suggestion", object_id=month, method="keywords",
            unit_accepted=month % 2 == 0, category_accepted=True,
            decided_at=datetime.datetime(2024, month, 3, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
        )  # fmt: skip
    client.force_login(cast["staff"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("routing:accepted")).content.decode().count("data-month=") == 12


def test_a_stored_model_that_cannot_be_read_falls_back_to_keywords(cast, congress, org) -> None:
    from django.utils import timezone

    TrainedModel.objects.create(
        congress=congress, kind="suggestion", target="unit", pipeline="both-svm",
        samples=500, labels=2, blob=b"not a model", trained_at=timezone.now(),
    )  # fmt: skip
    p = P.propose(congress_id=congress.pk, kind="suggestion", text="\n".join(ROADS))
    assert p.method == Method.KEYWORDS and p.unit_ids[0] == org["unit"].pk
