"""The activity list at a province's scale (issue 18): its cost follows the 50 rows shown, not
the deputies of each activity or of the congress. A row names the first six deputies and says
how many more; the filter's deputies are (id, name) values; the rows are written in Python."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.db.models.signals import post_init
from django.urls import reverse

from renda.org.models import Deputy, Person
from renda.stations.models import ActivityAttendance

from .work import log, more_deputies

LIST = reverse("stations:activity_list")


@contextlib.contextmanager
def objects_built() -> Iterator[Counter[str]]:
    """How many deputies, persons and attendances are made into model objects meanwhile."""
    built: Counter[str] = Counter()

    def count(sender: Any, **kwargs: Any) -> None:
        built[sender.__name__] += 1

    for model in (Deputy, Person, ActivityAttendance):
        post_init.connect(count, sender=model)
    try:
        yield built
    finally:
        for model in (Deputy, Person, ActivityAttendance):
            post_init.disconnect(count, sender=model)


def cells(html: str, title: str) -> str:
    """The deputies' cell of the row whose title is `title`, tags and spaces removed."""
    row = next(r for r in html.split("<tr>") if f">{title}</a>" in r)
    cell = re.findall(r'<td data-label="Deputies">(.*?)</td>', row, re.S)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


def test_a_row_names_the_first_six_deputies_by_card_number_then_how_many_more(client, cast, org):
    many = more_deputies(org, 8)
    log(cast, org, title="八位代表", deputies=list(reversed(many)))
    log(cast, org, title="两位代表", deputies=[org["deputy2"], org["deputy"]])
    log(cast, org, title="无代表", deputies=[])
    client.force_login(cast["staff"])
    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert cells(html, "八位代表") == "代表00、代表01、代表02、代表03、代表04、代表05 and 2 more"
    assert cells(html, "两位代表") == "李秀兰、王建国"
    assert cells(html, "无代表") == "—"
    # The rest of a row, as the template wrote it.
    assert '<td class="nowrap" data-label="Kind"><span class="badge badge-info">' in html
    assert '<td data-label="Contact station">锦纶街道人大代表联络站</td>' in html


def test_the_list_builds_no_deputy_or_attendance_objects(client, cast, org):
    """The filter's hundreds of deputies are (id, name) values, a row's names one query of
    names: no Deputy, Person or ActivityAttendance object a row or an option."""
    deputies = more_deputies(org, 30)
    for i in range(5):
        log(cast, org, title=f"活动{i}", deputies=deputies)
    client.force_login(cast["staff"])
    with objects_built() as built:
        response = client.get(LIST)
    assert response.status_code == 200
    assert built == Counter()
    html = response.content.decode()
    assert f'<option value="{deputies[0].pk}">代表00</option>' in html


def test_the_list_costs_the_same_for_few_or_many_deputies_an_activity(
    client, cast, org, django_assert_max_num_queries
):
    client.force_login(cast["staff"])
    for i in range(3):
        log(cast, org, title=f"少{i}")
    with django_assert_max_num_queries(13) as few:
        assert client.get(LIST).status_code == 200
    deputies = more_deputies(org, 40)
    for i in range(3):
        log(cast, org, title=f"多{i}", deputies=deputies)
    with django_assert_max_num_queries(13) as many:
        assert client.get(LIST).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_filter_by_deputy_still_finds_their_activities(client, cast, org):
    [deputy] = more_deputies(org, 1)
    log(cast, org, title="有他", deputies=[deputy])
    log(cast, org, title="没有他")
    client.force_login(cast["staff"])
    response = client.get(LIST, {"deputy": deputy.pk})
    assert [a.title for a in response.context["page_obj"].object_list] == ["有他"]
    assert f'<option value="{deputy.pk}" selected>代表00</option>' in response.content.decode()
