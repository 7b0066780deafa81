"""Staff's consultation pages: the list, prepare / open / extend / close, the moderation queue,
the handling list with its filters and forms, each opinion's page, and the report."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from renda.legislation.actions.consultations import consultation_create
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_handle,
    opinion_moderate,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.models import Consultation, ConsultationState, Opinion, OpinionState

from .conftest import DRAFT_V2, D, on


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def today():
    with on(D(2024, 3, 10)):
        yield


def public(consultation, text="公众意见", article=None, ip="10.0.0.1"):
    return opinion_submit_public(
        consultation=consultation, text=text, article=article, client_ip=ip, name="王女士"
    )


@pytest.mark.parametrize(
    "name",
    ["legislation:consultations", "legislation:moderation", "legislation:regulations"],
)
def test_handling_units_are_refused_the_staff_pages(client, cast, name):
    client.force_login(cast["handler"])
    assert client.get(reverse(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, consultation):
    response = client.get(reverse("legislation:opinions", args=[consultation.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["leader", "deputy", "station"])
def test_only_staff_handle_and_moderate(client, cast, consultation, role, today):
    opinion = public(consultation)
    client.force_login(cast[role])
    assert client.get(reverse("legislation:opinions", args=[consultation.pk])).status_code == 403
    assert client.get(reverse("legislation:moderation")).status_code == 403
    url = reverse("legislation:opinion_moderate", args=[opinion.pk])
    assert client.post(url, {"publish": "1"}).status_code in (403, 404)
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.PENDING


def test_staff_of_another_congress_do_not_find_the_consultation(client, cast, consultation):
    client.force_login(cast["stranger"])
    assert client.get(reverse("legislation:opinions", args=[consultation.pk])).status_code == 404
    html = client.get(reverse("legislation:consultations")).content.decode()
    assert f'data-consultation="{consultation.pk}"' not in html


def test_staff_prepare_open_extend_and_close_a_consultation(client, cast, version, today):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("legislation:consultation_new", args=[version.pk]),
        {"opens_on": "2024-03-10", "closes_on": "2024-03-20", "for_public": "on"},
    )
    c = Consultation.objects.get()
    assert response["Location"] == reverse("legislation:consultation", args=[c.pk])
    assert (c.state, c.for_deputies, c.for_public) == (ConsultationState.DRAFT, False, True)

    act = lambda action, **data: client.post(  # noqa: E731
        reverse("legislation:consultation_act", args=[c.pk, action]), data
    )
    assert act("open").status_code == 302
    earlier = act("extend", **{"extend-closes_on": "2024-03-15"})
    assert earlier.status_code == 422  # refused beside the field
    assert 'id="id_extend-closes_on_errors"' in earlier.content.decode()
    c.refresh_from_db()
    assert c.closes_on == D(2024, 3, 20)
    assert act("extend", **{"extend-closes_on": "2024-03-25"}).status_code == 302
    assert act("close").status_code == 200  # irreversible: a confirmation step first
    assert act("close", confirmed="1").status_code == 302
    c.refresh_from_db()
    assert (c.state, c.closes_on) == (ConsultationState.CLOSED, D(2024, 3, 25))
    # Closing twice is a conflict, shown as a message on the page.
    response = act(
        "close",
    )
    assert response.status_code == 409
    assert 'class="alert alert-danger"' in response.content.decode()


def test_preparing_with_no_audience_shows_the_error(client, cast, version, today):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("legislation:consultation_new", args=[version.pk]), {"opens_on": "2024-03-10"}
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_staff_publish_and_reject_from_the_moderation_queue(client, cast, consultation, today):
    good, spam = public(consultation, "好意见"), public(consultation, "广告")
    client.force_login(cast["staff"])
    html = client.get(reverse("legislation:moderation")).content.decode()
    assert f'data-opinion="{good.pk}"' in html and f'data-opinion="{spam.pk}"' in html

    url = lambda o: reverse("legislation:opinion_moderate", args=[o.pk])  # noqa: E731
    assert client.post(url(good), {"publish": "1"}).status_code == 302
    missing = client.post(url(spam), {f"m{spam.pk}-reason": ""})
    assert missing.status_code == 422 and f'id="id_m{spam.pk}-reason_errors"' in (
        missing.content.decode()
    )
    assert (
        client.post(url(spam), {f"m{spam.pk}-reason": "广告", "confirmed": "1"}).status_code == 302
    )
    good.refresh_from_db(), spam.refresh_from_db()
    assert (good.state, spam.state) == (OpinionState.PUBLISHED, OpinionState.REJECTED)
    assert "data-opinion" not in client.get(reverse("legislation:moderation")).content.decode()


def test_the_handling_list_filters_by_article_source_and_state(
    client, cast, consultation, article, contact_point, today
):
    on_article = opinion_submit_deputy(
        consultation=consultation, actor=cast["deputy"], text="代表意见", article=article
    )
    (gathered,) = opinion_batch_submit(
        consultation=consultation,
        actor=cast["station"],
        contact_point=contact_point,
        opinions=[GatheredOpinion(text="座谈会意见", source="seminar")],
    )
    client.force_login(cast["staff"])
    url = reverse("legislation:opinions", args=[consultation.pk])

    def shown(**filters) -> set[int]:
        html = client.get(url, filters).content.decode()
        return {o.pk for o in Opinion.objects.all() if f'data-opinion="{o.pk}"' in html}

    assert shown() == {on_article.pk, gathered.pk}
    assert shown(article=article.pk) == {on_article.pk}
    assert shown(article="whole") == {gathered.pk}
    assert shown(source="seminar") == {gathered.pk}
    assert shown(state="received") == {on_article.pk, gathered.pk}
    assert shown(state="adopted") == set()
    html = client.get(url).content.decode()
    assert "李秀兰" in html and "锦纶街道基层立法联系点" in html  # staff see who gave it


def test_staff_handle_an_opinion_from_the_list_and_link_the_change(
    client, cast, consultation, article, today
):
    opinion = opinion_submit_deputy(
        consultation=consultation, actor=cast["deputy"], text="改为规范佩戴", article=article
    )
    later = import_draft(
        actor=cast["staff"], regulation=consultation.version.regulation, text=DRAFT_V2
    )
    changed = later.nodes.get(kind="article", number=2)
    client.force_login(cast["staff"])
    here = reverse("legislation:opinions", args=[consultation.pk]) + "?source=deputy"
    html = client.get(here).content.decode()
    assert f'data-handle="{opinion.pk}"' in html

    p = f"h{opinion.pk}"
    response = client.post(
        reverse("legislation:opinion_handle", args=[opinion.pk]),
        {f"{p}-outcome": "adopted", f"{p}-led_to": changed.pk, "next": here},
    )
    assert response.status_code == 302 and response["Location"] == here
    opinion.refresh_from_db()
    assert (opinion.state, opinion.led_to_node) == (OpinionState.ADOPTED, changed)


def test_not_adopted_without_a_reason_shows_the_error_beside_it(client, cast, consultation, today):
    opinion = opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="意见")
    client.force_login(cast["staff"])
    p = f"h{opinion.pk}"
    response = client.post(
        reverse("legislation:opinion_handle", args=[opinion.pk]), {f"{p}-outcome": "not_adopted"}
    )
    assert response.status_code == 422
    assert f'id="id_{p}-reason_errors"' in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.RECEIVED


def test_handling_a_pending_opinion_is_a_conflict_message(client, cast, consultation, today):
    opinion = public(consultation)
    client.force_login(cast["staff"])
    p = f"h{opinion.pk}"
    response = client.post(
        reverse("legislation:opinion_handle", args=[opinion.pk]),
        {f"{p}-outcome": "adopted"},
        follow=True,
    )
    assert 'class="alert alert-danger"' in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.PENDING


def test_the_report_counts_by_article_and_source_and_links_changes(
    client, cast, consultation, article, contact_point, today
):
    staff = cast["staff"]
    a = opinion_submit_deputy(
        consultation=consultation, actor=cast["deputy"], text="一", article=article
    )
    b = opinion_submit_deputy(consultation=consultation, actor=cast["deputy2"], text="二")
    (c,) = opinion_batch_submit(
        consultation=consultation,
        actor=cast["station"],
        contact_point=contact_point,
        opinions=[GatheredOpinion(text="三", article=article, source="seminar")],
    )
    public(consultation, "待审")  # not counted
    later = import_draft(actor=staff, regulation=consultation.version.regulation, text=DRAFT_V2)
    opinion_handle(
        opinion=a, actor=staff, outcome="adopted", led_to=later.nodes.get(kind="article", number=2)
    )
    opinion_handle(opinion=b, actor=staff, outcome="not_adopted", reason="不采纳")
    opinion_handle(opinion=c, actor=staff, outcome="partly_adopted", reason="部分")

    client.force_login(cast["leader"])  # leaders read the report too
    html = client.get(reverse("legislation:report", args=[consultation.pk])).content.decode()

    def figure(name: str) -> str:
        chunk = html[html.index(f'data-figure="{name}"') :]
        return chunk[chunk.index('stat-value">') + 12 : chunk.index("</div>")]

    assert figure("total") == "3"
    assert (figure("adopted"), figure("partly_adopted"), figure("not_adopted")) == ("1", "1", "1")
    assert figure("rate") == "66.7%"
    by_article = html[html.index('data-table="by-article"') :]
    row = by_article[by_article.index(f'data-article="{article.pk}"') :].split("</tr>")[0]
    assert 'data-count="total">2<' in row and 'data-count="adopted">1<' in row
    by_source = html[html.index('data-table="by-source"') : html.index('data-table="by-article"')]
    assert by_source.count("<tr>") == 3  # the head, deputies (2), the seminar (1)
    assert 'data-count="total">2<' in by_source and 'data-count="total">1<' in by_source
    assert f'data-link="{a.pk}"' in html
    assert 'data-change="changed"' in html and "<ins>" in html


def test_the_opinion_page_shows_the_contributor_to_staff_only(client, cast, consultation, today):
    opinion = public(consultation)
    opinion_moderate(opinion=opinion, actor=cast["staff"], publish=True)
    client.force_login(cast["staff"])
    assert (
        "王女士" in client.get(reverse("legislation:opinion", args=[opinion.pk])).content.decode()
    )
    client.force_login(cast["leader"])
    html = client.get(reverse("legislation:opinion", args=[opinion.pk])).content.decode()
    assert "王女士" not in html


def test_the_consultation_link_sends_each_role_to_its_page(client, cast, consultation):
    url = reverse("legislation:consultation", args=[consultation.pk])
    assert client.get(url)["Location"] == reverse(
        "legislation:draft", args=[consultation.version_id]
    )
    client.force_login(cast["station"])
    assert client.get(url)["Location"] == reverse("legislation:batch", args=[consultation.pk])
    client.force_login(cast["staff"])
    assert client.get(url).status_code == 200


def test_consultation_create_is_reachable_only_for_staff(client, cast, version):
    client.force_login(cast["leader"])
    assert client.get(reverse("legislation:consultation_new", args=[version.pk])).status_code == 403
    assert consultation_create  # the action the page calls


def test_an_adopted_opinions_page_has_its_own_small_form_to_link_the_change(
    client, cast, consultation, article, today
):
    from renda.legislation.actions.opinions import opinion_handle

    opinion = opinion_submit_deputy(
        consultation=consultation, actor=cast["deputy"], text="改为规范佩戴", article=article
    )
    opinion_handle(opinion=opinion, actor=cast["staff"], outcome="adopted")
    later = import_draft(
        actor=cast["staff"], regulation=consultation.version.regulation, text=DRAFT_V2
    )
    changed = later.nodes.get(kind="article", number=2)
    client.force_login(cast["staff"])
    page = reverse("legislation:opinion", args=[opinion.pk])
    act = reverse("legislation:opinion_act", args=[opinion.pk, "link_change"])
    assert act in client.get(page).content.decode()

    prefix = f"l{opinion.pk}"
    bad = client.post(act, {f"{prefix}-led_to": "", f"{prefix}-note": ""})
    assert bad.status_code == 422  # nothing to link: the error beside the form, nothing changed
    opinion.refresh_from_db()
    assert opinion.led_to_node is None

    response = client.post(
        act, {f"{prefix}-led_to": changed.pk, f"{prefix}-note": "第二条改为规范佩戴"}
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.led_to_node == changed
    client.force_login(cast["deputy"])
    assert act not in client.get(page).content.decode()
