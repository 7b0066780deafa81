"""core.pages.sort_heads writes what a `_sort_head.html` include wrote with `{% querystring %}`,
character for character (the activity list's and the opinion register's heads: issue 18)."""

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
