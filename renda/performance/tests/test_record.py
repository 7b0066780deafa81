"""The performance record: a deputy's year assembled from every module, never copied."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.core.acts import sources
from renda.performance.models import ActKind
from renda.performance.record import counts_by_deputy, record_for

D = datetime.date
K = ActKind


def fill_year(acts, deputy, other, *, times: int = 1) -> None:
    """One act of every kind for `deputy` in 2024 (`times` over), and some noise around it."""
    for i in range(times):
        day = D(2024, 3, 1 + i)
        s = acts.suggestion(deputy, day)
        acts.cosign(acts.suggestion(other, day), deputy, day)
        acts.motion([other, deputy], day)
        acts.draft_opinion(deputy, day)
        acts.topic_answer(deputy, day)
        acts.meeting([deputy], day, forum=True)
        acts.activity([deputy, other], day)
        acts.activity([deputy], day, kind="reception", constituents=12)
        acts.activity([deputy], day, kind="inspection")
        acts.duty_record(deputy, day)
        acts.training([deputy], day)
        acts.manual(deputy, day)
        assert s.pk


def test_record_assembles_every_module_for_the_deputy_and_year(acts, org):
    deputy, other = org["deputy"], org["deputy2"]
    fill_year(acts, deputy, other)
    # Not in the record: other years, other deputies, acts not (yet) made.
    acts.suggestion(deputy, D(2023, 12, 31))
    acts.suggestion(deputy, D(2024, 5, 1), state="withdrawn")
    acts.suggestion(deputy, D(2024, 5, 1), state="cosigning")
    acts.cosign(acts.suggestion(other, D(2024, 5, 1)), deputy, None)  # not confirmed
    acts.draft_opinion(deputy, D(2024, 5, 1), state="rejected")  # moderated away
    acts.training([other], D(2024, 5, 1))

    record = record_for(deputy, 2024)

    assert record.counts() == {
        K.SESSION: 1,
        K.MEETING: 1,
        K.SUGGESTION: 1,
        K.COSIGNED: 1,
        K.MOTION: 1,
        K.DRAFT_OPINION: 1,
        K.TOPIC_ANSWER: 1,
        K.FORUM_OPINION: 1,
        K.ACTIVITY: 1,
        K.RECEPTION: 1,
        K.INSPECTION: 1,
        K.DUTY_RECORD: 1,
        K.TRAINING: 1,
    }
    assert record.constituents_received == 12
    suggestion = record.by_kind()[K.SUGGESTION][0]
    assert suggestion.source == "suggestions.suggestion"
    assert suggestion.url == f"/suggestions/{suggestion.pk}/"
    assert suggestion.date == D(2024, 3, 1)


def test_record_items_are_in_date_order(acts, org):
    deputy = org["deputy"]
    acts.training([deputy], D(2024, 9, 1))
    acts.suggestion(deputy, D(2024, 2, 1))
    acts.manual(deputy, D(2024, 6, 1), kind="inspection")
    record = record_for(deputy, 2024)
    assert [i.kind for i in record.items] == [K.SUGGESTION, K.INSPECTION, K.TRAINING]


def test_record_takes_a_fixed_number_of_queries_whatever_the_rows(acts, org):
    deputy, other = org["deputy"], org["deputy2"]
    fill_year(acts, deputy, other, times=1)
    with CaptureQueriesContext(connection) as one:
        record_for(deputy, 2024)
    fill_year(acts, deputy, other, times=4)
    with CaptureQueriesContext(connection) as five:
        record = record_for(deputy, 2024)
    assert len(record.items) == 5 * 13
    assert len(five) == len(one) == len(sources())  # one per source, whatever the rows


def test_counts_for_all_deputies_agree_with_each_record(acts, org):
    deputy, other = org["deputy"], org["deputy2"]
    fill_year(acts, deputy, other, times=2)
    with CaptureQueriesContext(connection) as queries:
        counts = counts_by_deputy(deputy.congress_id, 2024)
    assert len(queries) == len(sources())  # one per source
    assert counts[deputy.pk] == record_for(deputy, 2024).counts()
    assert counts[other.pk] == record_for(other, 2024).counts()
    assert counts[other.pk][K.SUGGESTION] == 2 and counts[other.pk][K.MOTION] == 2


def test_the_years_with_acts_come_from_every_source_in_one_query(acts, org):
    from renda.performance.record import years_of_congress, years_with_acts

    deputy, other = org["deputy"], org["deputy2"]
    assert years_with_acts(deputy) == []
    acts.suggestion(deputy, D(2022, 3, 1))
    acts.training([deputy], D(2023, 5, 1))
    acts.meeting([deputy], D(2024, 12, 31), forum=True)
    acts.manual(deputy, D(2021, 12, 1))
    acts.duty_record(other, D(2020, 1, 1))  # another deputy's year
    with CaptureQueriesContext(connection) as queries:
        years = years_with_acts(deputy)
    assert years == [2024, 2023, 2022, 2021]
    assert len(queries) == 1
    assert years_of_congress(deputy.congress_id) == [2024, 2023, 2022, 2021, 2020]
