"""The year's figures page, its .xlsx and the work report's figures as .docx; the public
figures and the open-data ZIP."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import docx
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from renda.core import opendata, stats
from renda.figures import report

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
YEAR = 2024


def _renda_stats(congress) -> dict[str, int]:
    out = io.StringIO()
    call_command("stats", "--year", str(YEAR), "--congress", congress.code, "--json", stdout=out)
    data = json.loads(out.getvalue())
    return {k: v for k, v in data.items() if k not in ("congress", "year")}


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("leader", 200), ("deputy", 403), ("handler", 403), ("station", 403)],
)
def test_the_figures_page_and_its_downloads_are_for_staff_and_leaders(client, cast, who, status):
    client.force_login(cast[who])
    for name in ("figures:stats", "figures:stats_xlsx", "figures:stats_docx"):
        assert client.get(reverse(name), {"year": YEAR}).status_code == status, name


def test_the_page_lists_every_key_of_renda_stats_with_its_label(client, cast, congress, opinions):
    client.force_login(cast["staff"])
    html = client.get(reverse("figures:stats"), {"year": YEAR}, **EN).content.decode()
    figures = _renda_stats(congress)
    for key in figures:
        assert f"<code>{key}</code>" in html
    assert "Constituents&#x27; opinions collected" in html


def test_the_xlsx_holds_every_key_and_value(client, cast, congress, opinions):
    client.force_login(cast["staff"])
    response = client.get(reverse("figures:stats_xlsx"), {"year": YEAR}, **EN)
    ws = load_workbook(io.BytesIO(response.content)).active
    values = {row[2]: row[3] for row in ws.iter_rows(min_row=4, values_only=True)}
    assert values == _renda_stats(congress)


def _sentences(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def test_the_docx_states_the_figures_of_renda_stats_in_the_reports_wording(
    client, cast, congress, opinions
):
    client.force_login(cast["staff"])
    response = client.get(reverse("figures:stats_docx"), {"year": YEAR})
    assert response["Content-Type"] == report.DOCX
    text = "\n".join(_sentences(response.content))
    f = _renda_stats(congress)
    assert f"收集群众意见建议{f['constituent_opinions']}件" in text
    assert f"解决问题{f['constituent_opinions_resolved']}件" in text
    assert "制定地方性法规" not in text  # none this year: "0 件" is not said
    for _heading, sentence in report.paragraphs(f):
        assert sentence in text
    # A figure of 0 (none of this year's rows here) is not said: nothing is invented.
    assert f["work_reports"] == 0 and "专项工作报告" not in text


def test_the_sentences_use_the_reports_own_wording():
    demo = {
        "regulations_made": 3,
        "regulations_revised": 1,
        "filings_reviewed": 8,
        "decisions": 10,
        "motions": 3,
        "suggestions": 333,
        "suggestions_session": 324,
        "suggestions_recess": 9,
        "suggestions_answered": 333,
        "petitions": 153,
        "petitions_key": 14,
        "trainings": 4,
        "deputies_trained": 230,
    }
    said = dict(report.paragraphs(demo))
    assert said["总体情况"] == (
        "全年共制定地方性法规3件、修订1件，备案审查规范性文件8件，作出决定决议10项，"
        "办理代表议案3件，督办代表建议333件。"
    )
    assert said["监督"] == "依法处理信访事项153件次，督办重点信访事件14件。"
    assert "324件代表建议和闭会期间提交的9件直通车建议已全部答复或办理完毕" in said["代表建议"]
    assert said["代表培训"] == "分四期举办市人大代表培训班，230名代表参加培训。"


def test_a_paragraph_follows_the_keys_that_exist(monkeypatch, congress):
    monkeypatch.setattr(stats, "_REGISTRY", dict(stats._REGISTRY))
    figures = {k: 5 for k in stats.compute(congress, YEAR)}
    assert "信访" in "".join(s for _h, s in report.paragraphs(figures))
    figures.pop("petitions")
    figures.pop("petitions_key")
    said = "".join(s for _h, s in report.paragraphs(figures))
    assert "信访" not in said
    # A key arriving from another module slots in.
    stats._REGISTRY.pop("work_reports", None)
    stats.statistic("work_reports")(lambda c, y: 27)
    said = "".join(s for _h, s in report.paragraphs(stats.compute(congress, YEAR)))
    assert "听取审议专项工作报告27个" in said


def test_the_public_page_shows_the_published_figures_to_anyone(client, congress, cast, opinions):
    response = client.get(reverse("figures:public"), {"year": YEAR}, **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Constituents&#x27; opinions resolved" in html
    assert "50.0%" in html  # 2 of the 4 counted opinions resolved


def test_the_open_data_zip_holds_csvs_safe_against_formulas(
    client, congress, opinions, monkeypatch
):
    monkeypatch.setattr(opendata, "_DATASETS", dict(opendata.datasets()))

    @opendata.dataset("hostile-for-a-test")
    def hostile(c, y):
        return opendata.Table(["title"], [['=HYPERLINK("http://x")'], ["-1+2"], ["普通"]])

    response = client.get(reverse("figures:open_data"), {"year": YEAR})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(z.namelist())
    assert {
        f"figures-{YEAR}.csv",
        f"suggestions-{YEAR}.csv",
        f"hostile-for-a-test-{YEAR}.csv",
    } <= names
    figures = list(csv.reader(io.StringIO(z.read(f"figures-{YEAR}.csv").decode("utf-8-sig"))))
    assert ["constituent_opinions", figures[1][1], "4"] in figures or any(
        r[0] == "constituent_opinions" and r[2] == "4" for r in figures
    )
    rows = list(
        csv.reader(io.StringIO(z.read(f"hostile-for-a-test-{YEAR}.csv").decode("utf-8-sig")))
    )
    assert rows[1:] == [['\'=HYPERLINK("http://x")'], ["'-1+2"], ["普通"]]
    # Nothing personal: no phone, no content of an opinion.
    assert not any(re.search(r"1[3-9]\d{9}", z.read(n).decode("utf-8-sig")) for n in names)
    assert not any('HYPERLINK("x")' in z.read(n).decode("utf-8-sig") for n in names)


def test_the_public_pages_query_count_does_not_grow_with_rows(client, congress, opinions):
    def queries(name: str) -> int:
        cache.clear()  # scores are cached until the next event: measure the computing
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name), {"year": YEAR}).status_code == 200
        return len(ctx.captured_queries)

    few = (
        queries("figures:public"),
        queries("figures:open_data"),
    )
    base = opinions[0]
    for i in range(15):
        base.pk = None
        base.receipt_code = f"Y{i:05}"
        base.save()
    assert (queries("figures:public"), queries("figures:open_data")) == few


def test_a_bad_year_is_a_clear_404(client, congress):
    response = client.get(reverse("figures:public"), {"year": "20x4"}, **EN)
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["figures:stats", "figures:stats_xlsx", "figures:stats_docx"])
def test_the_figures_pages_query_count_does_not_grow_with_rows(client, cast, opinions, name):
    client.force_login(cast["staff"])

    def queries() -> int:
        cache.clear()  # scores are cached until the next event: measure the computing
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name), {"year": YEAR}).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    base = opinions[0]
    for i in range(15):
        base.pk = None
        base.receipt_code = f"Z{i:05}"
        base.save()
    assert queries() == few


def _figures_page(client) -> tuple[int, int]:
    """The page's constituent_opinions figure and its query count."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("figures:stats"), {"year": YEAR}, **EN)
    assert response.status_code == 200
    value = next(
        r.value
        for m in response.context["modules"]
        for r in m.rows
        if r.key == "constituent_opinions"
    )
    return value, len(ctx.captured_queries)


def _more_opinions(opinions, cast, n: int) -> None:
    """n more opinions, written as actions write them: with an event in the same transaction."""
    from renda.core.workflow import record_event

    base = opinions[0]
    for i in range(n):
        base.pk, base.receipt_code = None, f"M{i:05}"
        base.save()
        record_event(case=base, action="record", actor=cast["station"])


def test_the_figures_page_is_computed_once_then_read_from_the_cache(client, cast, opinions):
    """Issue 18: every key of `renda stats` (68 queries at scale) is computed on the first
    request and read from the cache (stats.figures, keyed on stats.data_version) after it; both
    query counts stay the same with many more rows."""
    client.force_login(cast["staff"])
    counted, computing = _figures_page(client)
    again, cached = _figures_page(client)
    assert again == counted == 4
    assert cached * 3 < computing
    _more_opinions(opinions, cast, 15)
    assert _figures_page(client) == (19, computing)  # computed again, as many queries
    assert _figures_page(client) == (19, cached)  # then from the cache again


def test_the_cached_figures_are_never_stale(client, cast, congress, opinions):
    """A new event or a change made in the admin (stats.data_version) is read at once by the
    figures page, its downloads, `renda stats` and the cockpit."""
    from django.contrib.admin.models import CHANGE, LogEntry

    client.force_login(cast["staff"])
    assert _figures_page(client)[0] == 4
    _more_opinions(opinions, cast, 1)
    assert _figures_page(client)[0] == 5
    xlsx = client.get(reverse("figures:stats_xlsx"), {"year": YEAR}, **EN)
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[2]: row[3] for row in ws.iter_rows(min_row=4, values_only=True)}
    assert values["constituent_opinions"] == 5 == _renda_stats(congress)["constituent_opinions"]
    cached = _figures_page(client)[1]
    LogEntry.objects.create(user=cast["staff"], object_repr="a station", action_flag=CHANGE)
    assert _figures_page(client)[1] > cached  # computed again after a change in the admin


def test_one_reading_counts_shared_rows_once_and_nothing_outside_it(congress, opinions):
    """Figures that split the same rows (the opinions collected and resolved) ask the database
    once within a reading (stats.compute); outside one every call counts again."""
    from renda.opinions.stats import constituent_opinions, constituent_opinions_resolved

    with CaptureQueriesContext(connection) as ctx, stats.one_reading():
        assert constituent_opinions(congress, YEAR) == 4
        assert constituent_opinions_resolved(congress, YEAR) == 2
    assert len(ctx.captured_queries) == 1
    opinions[1].state = "resolved"
    opinions[1].save()
    assert constituent_opinions_resolved(congress, YEAR) == 3  # no reading: counted again
