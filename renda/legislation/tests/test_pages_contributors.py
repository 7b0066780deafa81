"""Deputies' and contact points' pages: the consultations open to them, a deputy's comment,
"my opinions" with outcomes, a station's batch form, and the contact points' pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.legislation.actions.consultations import (
    consultation_close,
    consultation_create,
    consultation_open,
)
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_handle,
    opinion_submit_deputy,
)
from renda.legislation.models import Opinion, OpinionSource

from .conftest import D, on


@pytest.fixture
def today():
    with on(D(2024, 3, 10)):
        yield


def test_a_deputy_sees_the_consultations_open_to_deputies(client, cast, consultation, today):
    client.force_login(cast["deputy"])
    html = client.get(reverse("legislation:consultations")).content.decode()
    assert f'data-consultation="{consultation.pk}"' in html


def test_a_consultation_not_for_deputies_is_not_listed_for_them(client, cast, version, today):
    staff = cast["staff"]
    c = consultation_create(version=version, actor=staff, for_deputies=False)
    consultation_open(consultation=c, actor=staff)
    client.force_login(cast["deputy"])
    html = client.get(reverse("legislation:consultations")).content.decode()
    assert f'data-consultation="{c.pk}"' not in html
    assert (
        'id="comment"'
        not in client.get(reverse("legislation:draft", args=[version.pk])).content.decode()
    )


def test_a_deputy_comments_logged_in_and_sees_the_outcome(
    client, cast, consultation, article, today
):
    client.force_login(cast["deputy"])
    url = reverse("legislation:draft", args=[consultation.version_id])
    page = client.get(url, {"article": article.pk}).content.decode()
    assert 'id="comment"' in page and 'name="contact"' not in page  # no name or contact asked

    response = client.post(url, {"text": "代表意见", "article": article.pk})
    opinion = Opinion.objects.get()
    assert response["Location"] == reverse("legislation:opinion", args=[opinion.pk])
    assert (opinion.source, opinion.deputy_id) == (OpinionSource.DEPUTY, cast["deputy"].deputy_id)

    opinion_handle(
        opinion=opinion, actor=cast["staff"], outcome="partly_adopted", reason="部分吸收"
    )
    html = client.get(reverse("legislation:mine")).content.decode()
    assert f'data-opinion="{opinion.pk}"' in html and "部分吸收" in html
    assert 'data-state="partly_adopted"' in html
    assert client.get(reverse("legislation:opinion", args=[opinion.pk])).status_code == 200


def test_a_deputy_sees_neither_others_opinions_nor_their_pages(client, cast, consultation, today):
    other = opinion_submit_deputy(consultation=consultation, actor=cast["deputy2"], text="别人的")
    client.force_login(cast["deputy"])
    assert "别人的" not in client.get(reverse("legislation:mine")).content.decode()
    assert client.get(reverse("legislation:opinion", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("role", ["staff", "leader", "handler"])
def test_my_opinions_is_for_deputies_and_stations(client, cast, role):
    client.force_login(cast[role])
    assert client.get(reverse("legislation:mine")).status_code == 403


def batch_data(consultation, contact_point, rows):
    data = {
        "contact_point": contact_point.pk,
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "200",
    }
    for i, row in enumerate(rows):
        data.update({f"rows-{i}-{k}": v for k, v in row.items()})
    return data


def test_a_station_submits_a_batch_each_keeping_its_source(
    client, cast, consultation, article, contact_point, today
):
    point = contact_point.collection_points.order_by("name").first()
    client.force_login(cast["station"])
    url = reverse("legislation:batch", args=[consultation.pk])
    page = client.get(url).content.decode()
    assert 'name="rows-0-text"' in page and point.name in page

    rows = [
        {
            "text": "座谈会意见",
            "source": "seminar",
            "article": article.pk,
            "gathered_on": "2024-03-08",
        },
        {"text": "采集点意见", "source": "collection_point", "collection_point": point.pk},
        {"text": "", "source": "seminar"},  # an empty row is skipped
    ]
    response = client.post(url, batch_data(consultation, contact_point, rows))
    assert response.status_code == 302
    seminar, collected = Opinion.objects.order_by("pk")
    assert (seminar.source, seminar.article, seminar.gathered_on) == (
        "seminar",
        article,
        D(2024, 3, 8),
    )
    assert (collected.source, collected.collection_point) == ("collection_point", point)
    assert {seminar.contact_point, collected.contact_point} == {contact_point}

    html = client.get(reverse("legislation:mine")).content.decode()
    assert f'data-opinion="{seminar.pk}"' in html and point.name in html


def test_a_batch_error_is_shown_on_its_row_and_nothing_is_stored(
    client, cast, consultation, contact_point, today
):
    client.force_login(cast["station"])
    rows = [
        {"text": "第一条意见", "source": "seminar"},
        {"text": "没有说哪个采集点", "source": "collection_point"},
    ]
    response = client.post(
        reverse("legislation:batch", args=[consultation.pk]),
        batch_data(consultation, contact_point, rows),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_rows-1-collection_point_errors"' in html
    assert not Opinion.objects.exists()


def test_a_closed_consultation_takes_no_batch(client, cast, consultation, contact_point, today):
    consultation_close(consultation=consultation, actor=cast["staff"])
    client.force_login(cast["station"])
    url = reverse("legislation:batch", args=[consultation.pk])
    assert 'name="rows-0-text"' not in client.get(url).content.decode()
    response = client.post(
        url, batch_data(consultation, contact_point, [{"text": "x", "source": "seminar"}])
    )
    assert response.status_code == 409
    assert not Opinion.objects.exists()


@pytest.mark.parametrize("role", ["deputy", "staff"])
def test_only_a_contact_points_operator_has_the_batch_form(
    client, cast, consultation, contact_point, role
):
    client.force_login(cast[role])
    assert client.get(reverse("legislation:batch", args=[consultation.pk])).status_code == 403


def test_a_station_without_a_contact_point_is_refused(client, cast, consultation, contact_point):
    contact_point.station = None
    contact_point.save()
    client.force_login(cast["station"])
    assert client.get(reverse("legislation:batch", args=[consultation.pk])).status_code == 403


def gathered(consultation, actor, point, n, **kw):
    return opinion_batch_submit(
        consultation=consultation,
        actor=actor,
        contact_point=point,
        opinions=[GatheredOpinion(text=f"意见{i}", **kw) for i in range(n)],
    )


def test_the_contact_points_list_counts_their_work(
    client, cast, consultation, contact_point, other_contact_point, today
):
    mine = gathered(consultation, cast["station"], contact_point, 3)
    gathered(consultation, cast["other_station"], other_contact_point, 1)
    opinion_handle(opinion=mine[0], actor=cast["staff"], outcome="adopted")
    opinion_handle(opinion=mine[1], actor=cast["staff"], outcome="partly_adopted", reason="部分")
    client.force_login(cast["leader"])
    html = client.get(reverse("legislation:points")).content.decode()
    row = html[html.index(f'data-point="{contact_point.pk}"') :].split("</tr>")[0]
    cells = [c.split("</td>")[0].rsplit(">", 1)[-1] for c in row.split('class="num"')[1:]]
    assert cells == ["2", "1", "3", "2"]  # collection points, consultations, submitted, adopted
    assert f'data-point="{other_contact_point.pk}"' in html


def test_a_station_operator_sees_only_their_own_point(
    client, cast, consultation, contact_point, other_contact_point, today
):
    client.force_login(cast["station"])
    response = client.get(reverse("legislation:points"))
    assert response["Location"] == reverse("legislation:point", args=[contact_point.pk])
    page = client.get(response["Location"]).content.decode()
    assert "锦纶社区信息采集点" in page
    assert f'href="{reverse("legislation:batch", args=[consultation.pk])}"' in page
    other = reverse("legislation:point", args=[other_contact_point.pk])
    assert client.get(other).status_code == 404


def test_a_points_page_lists_its_opinions_with_outcomes(
    client, cast, consultation, contact_point, today
):
    (opinion,) = gathered(consultation, cast["station"], contact_point, 1, source="seminar")
    opinion_handle(opinion=opinion, actor=cast["staff"], outcome="not_adopted", reason="另有规定")
    client.force_login(cast["staff"])
    html = client.get(reverse("legislation:point", args=[contact_point.pk])).content.decode()
    assert f'data-opinion="{opinion.pk}"' in html
    assert html.count("badge-danger") >= 1  # the outcome, not adopted


@pytest.mark.parametrize("role", ["deputy", "handler"])
def test_contact_points_pages_are_refused_to_other_roles(client, cast, contact_point, role):
    client.force_login(cast[role])
    assert client.get(reverse("legislation:points")).status_code == 403
    assert client.get(reverse("legislation:point", args=[contact_point.pk])).status_code == 403
