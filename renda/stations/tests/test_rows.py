"""The activity list written in Python (issue 18): core.pages.sort_heads writes what a
`_sort_head.html` include wrote with `{% querystring %}`, character for character (the
activity list's and the opinion register's heads), and rows.py escapes each value."""

from __future__ import annotations

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from renda.core.pages import sort_heads

QUERIES = ["", "page=3", "sort=date&page=2", "sort=-date&q=红绿灯 & 路", "kind=a&kind=b&sort=kind"]
INCLUDE = Template(
    '{% include "stations/work/_sort_head.html" with key=key label=label sort=sort %}'
)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sort", ["-date", "date", "kind", "-kind", "received"])
def test_the_heads_are_the_includes(query, sort):
    request = RequestFactory().get(f"/stations/activities/?{query}")
    labels = {"date": "Date", "kind": "Kind <&>", "received": "收到"}
    heads = sort_heads(request, sort, labels)
    for key, label in labels.items():
        context = RequestContext(request, {"key": key, "label": label, "sort": sort})
        assert heads[key] + "\n" == INCLUDE.render(context)


def test_an_activity_row_escapes_its_values_and_marks_no_deputies():
    """rows.py writes with escape() per value (issue 18): a title's markup is text, and an
    activity without deputies shows the dash the template row showed."""
    import datetime
    from types import SimpleNamespace

    from django.utils import translation

    from renda.stations.rows import activity_rows_html

    activity = SimpleNamespace(
        pk=5,
        kind="reception",
        date=datetime.date(2024, 5, 6),
        title='<b>接待日</b> & "议事"',
        station=SimpleNamespace(name="站<1>"),
        first_names=[],
        deputy_count=0,
        constituents_received=3,
    )
    with translation.override("en"):
        [row] = activity_rows_html([activity], names_shown=6, show_station=True)
    assert "&lt;b&gt;接待日&lt;/b&gt; &amp; &quot;议事&quot;</a>" in row
    assert '<td data-label="Contact station">站&lt;1&gt;</td>' in row
    assert '<span class="names"></span><span class="muted">—</span></td>' in row
    assert '<td class="num" data-label="Constituents received">3</td></tr>' in row
