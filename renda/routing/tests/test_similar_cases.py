"""Similar cases (并案): scores, who sees them where, merging from there, query caps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.routing.engine import pair_precision_recall, similarities
from renda.routing.proposals import SIMILAR_THRESHOLD, similar_cases

from .conftest import ROADS, ROADS_AGAIN, SCHOOL


def _text(pair: tuple[str, str]) -> str:
    return "\n".join(pair)


def test_a_paraphrase_scores_above_the_threshold_and_another_matter_below() -> None:
    scores = similarities(_text(ROADS), [_text(ROADS_AGAIN), _text(SCHOOL)])
    assert scores[0] >= SIMILAR_THRESHOLD > scores[1]
    assert 0.0 <= scores[1] < scores[0] <= 1.0


def test_the_same_text_scores_one_and_an_empty_text_nothing() -> None:
    assert similarities(_text(ROADS), [_text(ROADS)]) == [1.0]
    assert similarities("", [_text(ROADS)]) == [0.0]
    assert similarities("，。", [_text(ROADS)]) == [0.0]
    assert similarities(_text(ROADS), []) == []


def test_traditional_characters_and_full_width_compare_as_simplified() -> None:
    traditional = "關於加快榆次區農村公路提質改造的建議 ＡＢＣ"
    assert similarities(traditional, [_text(ROADS), _text(SCHOOL)])[0] > 0.3


def test_precision_and_recall_of_pairs_against_their_matters() -> None:
    texts = [_text(ROADS), _text(ROADS_AGAIN), _text(SCHOOL)]
    [at] = pair_precision_recall(texts, ["roads", "roads", "school"], [SIMILAR_THRESHOLD])
    assert (at.true_positives, at.false_positives, at.false_negatives) == (1, 0, 0)
    assert at.precision == at.recall == 1.0
    [none] = pair_precision_recall(texts, ["a", "b", "c"], [SIMILAR_THRESHOLD])
    assert none.false_positives == 1 and none.recall == 1.0 and none.precision == 0.0


def test_similar_cases_of_the_year_best_first_without_the_case_itself(cast, write) -> None:
    roads = write(*ROADS)
    again = write(*ROADS_AGAIN, author=cast["deputy2"])
    write(*SCHOOL)
    found = similar_cases(
        user=cast["staff"],
        congress_id=roads.congress_id,
        year=roads.year,
        text=_text(ROADS),
        exclude=("suggestion", roads.pk),
    )
    assert [(f.case.kind, f.case.pk) for f in found] == [("suggestion", again.pk)]
    assert found[0].case.mergeable and found[0].case.url


def test_staff_see_similar_cases_with_a_score_and_merge_from_there(client, cast, write) -> None:
    roads = write(*ROADS)
    again = write(*ROADS_AGAIN, author=cast["deputy2"])
    client.force_login(cast["staff"])
    page = client.get(reverse("suggestions:detail", args=[again.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert f'data-similar="suggestion-{roads.pk}"' in html
    assert "% alike" in html and "Merge into this one" in html
    url = reverse("suggestions:act", args=[again.pk, "merge"])
    fields = {"merge-into": roads.pk, "merge-comment": ""}
    # Merging is irreversible: the first post asks for the confirmation, nothing changes yet.
    asked = client.post(url, fields)
    assert asked.status_code == 200
    again.refresh_from_db()
    assert again.state != "merged"
    merged = client.post(url, {**fields, "confirmed": "1"})
    assert merged.status_code == 302
    again.refresh_from_db()
    assert again.state == "merged" and again.merged_into_id == roads.pk


@pytest.mark.parametrize("role", ["deputy", "handler"])
def test_others_see_no_similar_cases_on_a_suggestion(client, cast, write, assign, org, role):
    roads = write(*ROADS)
    again = write(*ROADS_AGAIN)
    assign(again, org["unit"])
    client.force_login(cast[role])
    html = client.get(reverse("suggestions:detail", args=[again.pk])).content.decode()
    assert 'id="similar"' not in html and f"suggestion-{roads.pk}" not in html


def test_a_deputy_looks_for_similar_suggestions_before_submitting(client, cast, write) -> None:
    shown = write(*ROADS, author=cast["deputy2"])
    secret = write(ROADS[0] + "（保密）", ROADS[1], author=cast["deputy2"], confidential=True)
    client.force_login(cast["deputy"])
    page = client.post(
        reverse("suggestions:write"),
        {"title": ROADS_AGAIN[0], "body": ROADS_AGAIN[1], "check_similar": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-similar="suggestion-{shown.pk}"' in html
    assert f"suggestion-{secret.pk}" not in html  # never a confidential one
    assert ROADS_AGAIN[0] in html  # what was typed stays in the form
    assert f'href="/suggestions/{shown.pk}/"' not in html  # not theirs: no link
    from renda.suggestions.models import Suggestion

    assert Suggestion.objects.count() == 2  # nothing submitted


def test_the_detail_page_costs_the_same_queries_with_few_or_many_similar(
    client, cast, write, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    target = write(*ROADS)
    write(*ROADS_AGAIN)
    client.force_login(cast["staff"])
    url = reverse("suggestions:detail", args=[target.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(12):
        write(f"{ROADS_AGAIN[0]}{i}", ROADS_AGAIN[1])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_similar_suggestions_are_looked_for_among_the_years_latest_only(
    cast, write, monkeypatch
) -> None:
    """A province's year has 17,000 suggestions: their TF-IDF took seconds a page and once
    ran past gunicorn's timeout (an HTTP 500, issue 18). The latest MAX_CANDIDATES are read."""
    from renda.suggestions import routing

    monkeypatch.setattr(routing, "MAX_CANDIDATES", 2)
    oldest, *_middle, latest = [write(f"{ROADS[0]}{i}", ROADS[1]) for i in range(4)]
    found = routing.candidates(cast["staff"], oldest.congress_id, oldest.year, None)
    pks = sorted(s.pk for s in type(oldest).objects.all())
    assert [c.pk for c in found] == pks[-2:] and found[-1].pk == latest.pk
    assert found[-1].url == f"/suggestions/{latest.pk}/" and found[-1].state
    # A deputy opens only their own: the others are listed without a link.
    others = routing.candidates(cast["deputy2"], oldest.congress_id, oldest.year, None)
    assert others and not any(c.url for c in others)


def test_similar_cases_are_kept_until_a_case_is_written(cast, write, django_assert_num_queries):
    """A case's page shown again reads no candidates (the result is kept under the data's
    version); a new suggestion, written with its event, is found at once: never stale."""
    from django.core.cache import cache

    cache.clear()
    roads = write(*ROADS)
    ask = {
        "user": cast["staff"],
        "congress_id": roads.congress_id,
        "year": roads.year,
        "text": _text(ROADS),
        "exclude": ("suggestion", roads.pk),
    }
    assert similar_cases(**ask) == []
    with django_assert_num_queries(2):  # the data's version (newest event, admin change)
        assert similar_cases(**ask) == []
    again = write(*ROADS_AGAIN, author=cast["deputy2"])
    assert [f.case.pk for f in similar_cases(**ask)] == [again.pk]
