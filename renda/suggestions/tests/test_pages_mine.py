"""A deputy's "My suggestions": led and co-signed ones, what waits for them, refusals, cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.suggestions import actions as A

from .handling import assigned, replied

URL = reverse("suggestions:mine")


def rows_of(html: str) -> int:
    return html.count("data-suggestion=")


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["staff", "leader", "handler", "station"])
def test_only_deputies_have_this_page(client, cast, role):
    client.force_login(cast[role])
    assert client.get(URL).status_code == 403


def test_a_deputy_sees_what_they_lead_and_cosigned_but_not_others(client, cast, org, submit):
    led = submit(title="我领衔的建议")
    cosigned = submit(author=cast["deputy2"], title="我联名的建议", cosigner_ids=[org["deputy"].pk])
    other = submit(author=cast["deputy2"], title="别人的建议")
    client.force_login(cast["deputy"])
    html = client.get(URL).content.decode()
    assert f'data-suggestion="{led.pk}"' in html
    assert f'data-suggestion="{cosigned.pk}"' in html
    assert f'data-suggestion="{other.pk}"' not in html and "别人的建议" not in html


def test_a_pending_cosigner_sees_it_waits_for_their_confirmation(client, cast, org, submit):
    s = submit(cosigner_ids=[org["deputy2"].pk])
    client.force_login(cast["deputy2"])
    html = client.get(URL).content.decode()
    row = html[html.index(f'data-suggestion="{s.pk}"') :]
    assert f'data-waiting="cosign:{org["deputy2"].pk}"' in row.split("</tr>")[0]


def test_the_lead_deputy_sees_a_reply_waiting_for_evaluation(client, cast, org, submit):
    s = assigned(submit, cast["staff"], timezone.localdate(), [A.UnitPart(org["unit"], "sole")])
    replied(s, cast["handler"], timezone.localdate(), "A")
    waiting_only = submit(title="不等我处理")
    client.force_login(cast["deputy"])
    html = client.get(URL, {"waiting": "me"}).content.decode()
    assert 'data-waiting="evaluate"' in html
    assert f'data-suggestion="{s.pk}"' in html
    assert f'data-suggestion="{waiting_only.pk}"' not in html


def test_filters_by_state_and_words(client, cast, submit):
    bus = submit(title="关于公交线路的建议")
    school = submit(title="关于学校食堂的建议", body="建议改善学校食堂。")
    A.suggestion_accept(suggestion=school, actor=cast["staff"])
    client.force_login(cast["deputy"])
    html = client.get(URL, {"state": "accepted"}).content.decode()
    assert rows_of(html) == 1 and f'data-suggestion="{school.pk}"' in html
    html = client.get(URL, {"q": "公交"}).content.decode()
    assert rows_of(html) == 1 and f'data-suggestion="{bus.pk}"' in html
    html = client.get(URL, {"q": "食堂", "state": "submitted"}).content.decode()
    assert rows_of(html) == 0


def test_a_bad_filter_value_is_ignored(client, cast, submit):
    submit()
    client.force_login(cast["deputy"])
    response = client.get(URL, {"state": "nonsense", "year": "abc", "page": "99"})
    assert response.status_code == 200
    assert rows_of(response.content.decode()) == 1


def test_the_list_costs_the_same_for_few_and_many_suggestions(client, cast, org, submit):
    client.force_login(cast["deputy"])
    client.get(URL)  # warm up

    def queries(n: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(URL).content.decode()
        assert rows_of(html) == n
        return len(ctx.captured_queries)

    def some(n: int) -> None:
        for _ in range(n):
            assigned(submit, cast["staff"], timezone.localdate(), [A.UnitPart(org["unit"], "sole")])

    some(2)
    few = queries(2)
    some(10)
    assert queries(12) == few <= 16
