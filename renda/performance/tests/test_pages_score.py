"""The score page: the breakdown as score() computes it (the worked example of test_scoring),
the cap marked where it bites, the explanation in words, and the annual report download."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from renda.performance.actions import RuleInput, scoring_rules_set
from renda.performance.models import ActKind
from renda.performance.scoring import score

from .conftest import html, text
from .test_scoring import worked_year

D = datetime.date
K = ActKind
MY_SCORE = reverse("performance:my_score")


def score_url(deputy, year=2024):
    return reverse("performance:score", args=[deputy.pk]) + f"?year={year}"


def report_url(deputy, year=2024):
    return reverse("performance:report", args=[deputy.pk]) + f"?year={year}"


@pytest.fixture
def worked(acts, org, cast, congress):
    """The worked example: its rules configured, its year acted."""
    scoring_rules_set(
        actor=cast["staff"],
        congress=congress,
        rules=[
            RuleInput(K.SUGGESTION, "5", cap="8"),
            RuleInput(K.COSIGNED, "2"),
            RuleInput(K.ACTIVITY, "3", cap="20", weight="1.5"),
            RuleInput(K.TRAINING, "4"),
            RuleInput(K.SESSION, "10", weight="2"),
        ],
    )
    worked_year(acts, org["deputy"])
    return org["deputy"]


def cells(row):
    return {
        name: text(row.xpath(f".//td[@data-{name}]")[0])
        for name in ("count", "points", "capped", "weighted")
    }


def test_the_breakdown_is_the_worked_example(in_2024, login, worked):
    page = html(login("deputy").get(MY_SCORE))

    rows = {row.get("data-line"): row for row in page.xpath("//table//tr[@data-line]")}
    # Kinds with acts, in the order of ActKind.
    assert list(rows) == [K.SESSION, K.SUGGESTION, K.COSIGNED, K.ACTIVITY, K.TRAINING]
    assert cells(rows[K.SUGGESTION]) == {
        "count": "2",
        "points": "10",
        "capped": "8 cap reached",
        "weighted": "8",
    }
    assert cells(rows[K.ACTIVITY]) == {
        "count": "3",
        "points": "9",
        "capped": "9",
        "weighted": "13.5",
    }
    assert cells(rows[K.SESSION])["weighted"] == "20"
    # The cap bites on suggestions only, and the row says so.
    assert [k for k, row in rows.items() if "cap-bites" in (row.get("class") or "")] == [
        K.SUGGESTION
    ]
    assert text(page.xpath("//*[@data-score-total]")[0]) == "47.5"
    # The same numbers as score().
    result = score(worked, 2024)
    for line in result.lines:
        if line.count:
            assert cells(rows[line.kind])["weighted"] == f"{line.weighted.normalize():f}"
    assert result.total == Decimal("47.5")


def test_the_page_explains_the_computation_in_words(in_2024, login, worked):
    page = html(login("deputy").get(MY_SCORE))
    how = text(page.xpath("//section[@id='how']")[0])
    assert "By the scoring rules of 晋中市人民代表大会, as last set on 2024-12-20." in how
    assert "count × points each" in how
    steps = [text(li) for li in page.xpath("//ol[@class='how-list']/li")]
    assert steps[1].endswith(": 2 × 5 = 10 points, above the cap of 8, so 8 count; × weight 1 = 8.")
    assert steps[3].endswith(
        ": 3 × 3 = 9 points (the cap of 20 is not reached); × weight 1.5 = 13.5."
    )
    assert "20 + 8 + 2 + 13.5 + 4 = 47.5" in text(page.xpath("//p[@class='sum-line']")[0])
    # Kinds without a rule are named as not scored.
    assert "Not scored by these rules:" in how


def test_without_rules_of_its_own_the_congress_is_scored_by_the_defaults(in_2024, login, acts, org):
    acts.suggestion(org["deputy"], D(2024, 3, 1))
    page = html(login("deputy").get(MY_SCORE))
    assert "has not set its own scoring rules yet" in text(page.xpath("//section[@id='how']")[0])
    assert text(page.xpath("//*[@data-score-total]")[0]) == "5"
    assert "No acts yet this year of:" in text(page)


def test_an_empty_year_scores_zero(in_2024, login, org):
    page = html(login("deputy").get(MY_SCORE + "?year=2023"))
    assert text(page.xpath("//*[@data-score-total]")[0]) == "0"
    assert "No scored acts in 2023 yet" in text(page)


def test_the_score_stacks_on_a_phone_with_a_formula_per_kind(in_2024, login, worked):
    page = html(login("deputy").get(MY_SCORE))
    table = page.xpath("//table[contains(@class, 'score-table')]")[0]
    assert "table-stack" in table.get("class")
    formula = text(table.xpath(".//tr[@data-line='suggestion']/td[@class='formula']")[0])
    assert formula == "2 × 5 = 10 → cap 8 cap reached"


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_staff_and_leaders_see_any_deputys_score(in_2024, login, worked, who):
    page = html(login(who).get(score_url(worked)))
    assert text(page.xpath("//h1")[0]) == "Score of 李秀兰"
    assert text(page.xpath("//*[@data-score-total]")[0]) == "47.5"


@pytest.mark.parametrize(
    "who, status", [("deputy2", 403), ("handler", 403), ("station", 403), ("stranger", 404)]
)
def test_others_may_not_see_a_deputys_score(login, worked, who, status):
    assert login(who).get(score_url(worked)).status_code == status


@pytest.mark.parametrize("who", ["staff", "leader", "handler"])
def test_my_score_is_for_deputies(login, who):
    assert login(who).get(MY_SCORE).status_code == 403


def test_the_score_page_costs_the_same_for_few_or_many_acts(
    in_2024, login, worked, acts, org, django_assert_max_num_queries
):
    client = login("deputy")
    with django_assert_max_num_queries(24) as few:
        client.get(MY_SCORE)
    for day in range(1, 20):
        acts.activity([worked], D(2024, 8, day))
        acts.suggestion(worked, D(2024, 8, day))
    with django_assert_max_num_queries(24) as many:
        assert client.get(MY_SCORE).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# --- the annual report ------------------------------------------------------------------------


def paragraphs(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    return [p.text for p in Document(io.BytesIO(response.content)).paragraphs]


@pytest.mark.parametrize("who", ["deputy", "staff"])
def test_the_annual_report_downloads_as_word_naming_the_deputy(in_2024, login, worked, who):
    response = login(who).get(report_url(worked))
    text_ = paragraphs(response)
    assert text_[0] == "李秀兰代表2024年度履职情况报告"
    assert "领衔提出建议2件" in "\n".join(text_)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "annual-report-050001-2024.docx" in disposition
    assert "%E6%9D%8E%E7%A7%80%E5%85%B0" in disposition  # 李秀兰, RFC 5987


def test_the_deputy_finds_the_report_on_their_pages(in_2024, login, worked):
    page = html(login("deputy").get(MY_SCORE))
    link = page.xpath("//a[@data-report]")[0]
    assert text(link) == "Report to my electoral unit (.docx)"
    assert link.get("href") == report_url(worked)


@pytest.mark.parametrize(
    "who, status",
    [("deputy2", 403), ("leader", 403), ("handler", 403), ("station", 403), ("stranger", 404)],
)
def test_others_may_not_download_a_deputys_report(login, worked, who, status):
    assert login(who).get(report_url(worked)).status_code == status


def test_a_report_for_a_bad_year_is_404(login, worked):
    assert login("deputy").get(report_url(worked, year="abc")).status_code == 404


def test_exactly_at_the_cap_the_words_say_it_is_reached(in_2024, login, acts, org, cast, congress):
    """2 suggestions × 5 = 10 with a cap of 10: all count, and the cap is reached, not "not
    reached"."""
    scoring_rules_set(
        actor=cast["staff"], congress=congress, rules=[RuleInput(K.SUGGESTION, "5", cap="10")]
    )
    worked_year(acts, org["deputy"])
    line = score(org["deputy"], 2024).line(K.SUGGESTION)
    assert line is not None and line.at_cap and not line.cap_bites
    page = html(login("deputy").get(MY_SCORE))
    steps = [text(li) for li in page.xpath("//ol[@class='how-list']/li")]
    step = next(s for s in steps if "2 × 5 = 10 points" in s)
    assert step.endswith(": 2 × 5 = 10 points (the cap of 10 is reached); × weight 1 = 10.")
    assert "cap reached" in text(page.xpath("//tr[@data-line='suggestion']//td[@data-capped]")[0])
