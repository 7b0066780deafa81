"""The public's pages: drafts open for comment, a draft's structure and comment forms, the
receipt code and its lookup, closed consultations, the rate limit, published opinions."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from renda.legislation.actions.consultations import consultation_close
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import opinion_handle, opinion_moderate
from renda.legislation.models import Opinion, OpinionState

from .conftest import DRAFT_V2, SAMPLES, D, on


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def today():
    with on(D(2024, 3, 10)):
        yield


def draft_url(consultation) -> str:
    return reverse("legislation:draft", args=[consultation.version_id])


def comment(client, consultation, text="建议增加分装环节。", **extra):
    return client.post(draft_url(consultation), {"text": text, **extra})


def test_the_public_list_shows_drafts_open_for_comment_only(client, consultation, cast, today):
    hidden = import_draft(actor=cast["staff"], congress=consultation.congress, text=DRAFT_V2)
    html = client.get(reverse("legislation:public")).content.decode()
    assert f'data-draft="{consultation.version_id}"' in html
    assert f'data-draft="{hidden.pk}"' not in html
    assert "2024-03-30" in html


def test_a_draft_page_shows_chapters_articles_paragraphs_items_and_contents(client, cast, congress):
    text = (SAMPLES / "chapters_sections_city.txt").read_text(encoding="utf-8")
    with on(D(2024, 3, 1)):
        version = import_draft(actor=cast["staff"], congress=congress, text=text)
    client.force_login(cast["staff"])
    html = client.get(reverse("legislation:draft", args=[version.pk])).content.decode()
    chapter = version.nodes.filter(kind="chapter").first()
    item = version.nodes.filter(kind="item").first()
    assert f'href="#d{chapter.pk}"' in html  # the table of contents
    assert f'id="d{chapter.pk}"' in html
    assert html.count("data-article=") == version.articles
    if item is not None:
        assert item.text in html


def test_the_public_comments_on_an_article_and_gets_a_receipt(client, consultation, article, today):
    page = client.get(draft_url(consultation), {"article": article.pk}).content.decode()
    form_at = page.index('id="comment"')
    assert page.index(f'id="a{article.pk}"') < form_at  # the form sits under the article
    assert 'class="privacy-note"' in page

    response = comment(client, consultation, article=article.pk, name="王女士", contact="139")

    opinion = Opinion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("legislation:submitted", args=[article.version_id])
    assert (opinion.article, opinion.state) == (article, OpinionState.PENDING)
    assert opinion.author_name == "王女士"
    shown = client.get(response["Location"]).content.decode()
    assert opinion.receipt_code in shown


def test_the_public_draft_page_states_the_closing_date_once_and_offers_no_xml(
    client, consultation, cast, today
):
    """The demo's notice no longer repeats the date the page states ("征求意见截止日期：
    2024年3月30日" beside "2024-03-30"); the Akoma Ntoso export is offered to staff only."""
    from renda.demo.legislation_texts import CONSULTATION_NOTICE

    consultation.description = CONSULTATION_NOTICE.format(title=consultation.version.title)
    consultation.save(update_fields=["description"])
    html = client.get(draft_url(consultation)).content.decode()
    assert html.count("2024-03-30") == 1
    assert "2024年3月30日" not in html
    assert 'data-export="akn"' not in html and "Akoma Ntoso" not in html
    client.force_login(cast["staff"])
    assert 'data-export="akn"' in client.get(draft_url(consultation)).content.decode()


def test_the_per_article_button_opens_the_form_at_the_article_without_javascript_too(
    client, consultation, article, today
):
    page = client.get(draft_url(consultation)).content.decode()
    assert f'href="?article={article.pk}#comment"' in page  # no JS: the page, form there
    assert "legislation/comment_here.js" in page  # JS: the form opens in place
    there = client.get(draft_url(consultation), {"article": article.pk}).content.decode()
    assert there.index(f'id="a{article.pk}"') < there.index('id="comment"')


def test_the_receipt_page_copies_the_code_and_carries_it_to_the_lookup(
    client, consultation, article, today
):
    from django.test import Client

    response = comment(client, consultation, article=article.pk)
    code = Opinion.objects.get().receipt_code
    shown = client.get(response["Location"]).content.decode()
    # A copy button (hidden without JavaScript: the code beside it is selectable whole).
    assert f'data-copy="{code}"' in shown and "renda/js/copy.js" in shown
    assert f'<code class="receipt-code" data-receipt>{code}</code>' in shown
    # "Follow my opinion" opens the lookup already filled in and answered, for this browser
    # only: the code travels in the session, never in an address.
    assert f"?code={code}" not in shown
    follow = client.get(reverse("legislation:receipt")).content.decode()
    assert f'value="{code}"' in follow
    assert 'data-receipt-result="pending_moderation"' in follow
    stranger = Client().get(reverse("legislation:receipt")).content.decode()
    assert code not in stranger and "data-receipt-result" not in stranger


def test_the_receipt_lookup_shows_the_outcome_and_never_the_author(
    client, consultation, article, cast, today
):
    comment(client, consultation, article=article.pk, name="王女士", contact="13900001111")
    opinion = Opinion.objects.get()
    opinion_moderate(opinion=opinion, actor=cast["staff"], publish=True)
    opinion_handle(opinion=opinion, actor=cast["staff"], outcome="not_adopted", reason="已有规定")

    html = client.post(reverse("legislation:receipt"), {"code": opinion.receipt_code}).content
    html = html.decode()
    assert 'data-receipt-result="not_adopted"' in html
    assert "已有规定" in html
    assert "王女士" not in html and "13900001111" not in html


def test_a_wrong_receipt_code_reveals_nothing(client, consultation, article, today):
    comment(client, consultation, article=article.pk)
    code = Opinion.objects.get().receipt_code
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    response = client.post(reverse("legislation:receipt"), {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 404
    assert 'data-receipt-result="none"' in html
    assert consultation.version.title not in html


def test_a_closed_consultation_shows_closed_without_a_form_and_refuses_a_post(
    client, consultation, cast, today
):
    consultation_close(consultation=consultation, actor=cast["staff"])
    response = client.get(draft_url(consultation))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-consultation-state="closed"' in html
    assert 'id="comment"' not in html and "Comment on this article" not in html

    refused = comment(client, consultation)
    assert refused.status_code == 409
    assert not Opinion.objects.exists()


def test_a_consultation_past_its_window_takes_no_comment(client, consultation):
    with on(D(2024, 4, 2)):
        html = client.get(draft_url(consultation)).content.decode()
        assert 'id="comment"' not in html
        assert comment(client, consultation).status_code == 409
    assert not Opinion.objects.exists()


def test_the_sixth_comment_in_an_hour_is_refused_clearly(client, consultation, today):
    for _ in range(5):
        assert comment(client, consultation).status_code == 302
    response = comment(client, consultation)
    assert response.status_code == 429
    assert Opinion.objects.count() == 5
    html = response.content.decode()
    assert '<div class="alert alert-danger" role="alert"><p>' in html  # the refusal, on top
    assert "建议增加分装环节。" in html  # what they wrote is kept for later


def test_errors_are_shown_beside_the_field(client, consultation, article, today):
    response = comment(client, consultation, text="", article=article.pk)
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_text_errors"' in html
    assert html.index(f'id="a{article.pk}"') < html.index('id="comment"')  # still under it


def test_published_opinions_show_under_their_article_without_personal_data(
    client, consultation, article, cast, today
):
    comment(client, consultation, text="公开的意见", article=article.pk, name="王女士")
    comment(client, consultation, text="待审核的意见", article=article.pk)
    published, pending = Opinion.objects.order_by("pk")
    opinion_moderate(opinion=published, actor=cast["staff"], publish=True)

    html = client.get(draft_url(consultation)).content.decode()
    assert f'data-public-opinion="{published.pk}"' in html
    assert "公开的意见" in html and "王女士" not in html
    assert "待审核的意见" not in html


def test_a_logged_in_handler_cannot_post_as_the_public(client, consultation, cast, today):
    client.force_login(cast["handler"])
    assert comment(client, consultation).status_code == 403
    assert not Opinion.objects.exists()


def test_a_draft_never_opened_to_the_public_is_not_found(client, cast, congress, today):
    version = import_draft(actor=cast["staff"], congress=congress, text=DRAFT_V2)
    assert client.get(reverse("legislation:draft", args=[version.pk])).status_code == 404


def test_the_public_exports_an_open_draft_as_text_and_akoma_ntoso(client, consultation, today):
    text = client.get(reverse("legislation:export", args=[consultation.version_id, "text"]))
    akn = client.get(reverse("legislation:export", args=[consultation.version_id, "akn"]))
    assert "第二条" in text.content.decode()
    assert akn["Content-Type"] == "application/akn+xml"
