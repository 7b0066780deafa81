"""A consultation's window: 30 days by default, and closed means closed, by its dates and by
its state, judged on the congress's calendar day."""

from __future__ import annotations

import pytest

from renda.core.deadlines import waiting_for
from renda.core.models import Notification
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.legislation.actions.consultations import (
    consultation_close,
    consultation_create,
    consultation_extend,
    consultation_open,
)
from renda.legislation.actions.opinions import opinion_submit_deputy, opinion_submit_public
from renda.legislation.models import Opinion
from renda.legislation.rules import accepts
from renda.legislation.workflow import CONSULTATION

from .conftest import D, on


def comment(consultation, **kw):
    return opinion_submit_public(
        consultation=consultation, text="建议明确口罩类型。", client_ip="10.0.0.1", **kw
    )


def test_the_window_lasts_thirty_days_by_default(consultation):
    assert (consultation.opens_on, consultation.closes_on) == (D(2024, 3, 1), D(2024, 3, 30))
    assert consultation.state == "open"


def test_the_congress_may_set_another_number_of_days(cast, congress, version):
    congress.settings = {"consultation_days": 15}
    congress.save()
    version.regulation.congress.refresh_from_db()
    with on(D(2024, 3, 1)):
        c = consultation_create(version=version, actor=cast["staff"])
    assert c.closes_on == D(2024, 3, 15)


def test_comments_are_taken_on_the_last_day_until_midnight_in_shanghai(consultation):
    with on(D(2024, 3, 30), hour=23):  # 15:00 UTC: still the 30th in Shanghai
        comment(consultation)
    with on(D(2024, 3, 31), hour=0), pytest.raises(ActionConflict):
        comment(consultation)
    assert Opinion.objects.count() == 1


def test_no_comment_before_the_window_opens(cast, version):
    with on(D(2024, 3, 1)):
        c = consultation_create(version=version, actor=cast["staff"], opens_on=D(2024, 3, 5))
        consultation_open(consultation=c, actor=cast["staff"])
        assert not accepts(c, "public")
        with pytest.raises(ActionConflict):
            comment(c)


def test_a_consultation_being_prepared_takes_no_comment(cast, version):
    with on(D(2024, 3, 1)):
        c = consultation_create(version=version, actor=cast["staff"])
        with pytest.raises(ActionConflict):
            comment(c)
        with pytest.raises(ActionConflict):
            opinion_submit_deputy(consultation=c, actor=cast["deputy"], text="意见")


def test_a_closed_consultation_refuses_comments_even_inside_its_dates(cast, consultation):
    with on(D(2024, 3, 10)):
        consultation_close(consultation=consultation, actor=cast["staff"])
        with pytest.raises(ActionConflict):
            comment(consultation)
        with pytest.raises(ActionConflict):
            opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="意见")
    assert not Opinion.objects.exists()


def test_extending_the_window_takes_comments_again_and_moves_the_stations_deadline(
    cast, consultation
):
    with on(D(2024, 3, 20)):
        consultation_extend(
            consultation=consultation, actor=cast["staff"], closes_on=D(2024, 4, 10)
        )
    with on(D(2024, 4, 5)):
        comment(consultation)
        assert [d.due_date for d in waiting_for(cast["station"])] == [D(2024, 4, 10)]
    with pytest.raises(ActionInvalid):
        consultation_extend(consultation=consultation, actor=cast["staff"], closes_on=D(2024, 4, 1))


def test_a_consultation_for_deputies_only_refuses_the_public(cast, version):
    with on(D(2024, 3, 1)):
        c = consultation_create(
            version=version, actor=cast["staff"], for_public=False, for_contact_points=False
        )
        consultation_open(consultation=c, actor=cast["staff"])
        with pytest.raises(ActionForbidden):
            comment(c)
        opinion_submit_deputy(consultation=c, actor=cast["deputy"], text="意见")


def test_opening_tells_the_deputies_and_gives_each_contact_points_station_a_deadline(
    cast, version, contact_point, django_capture_on_commit_callbacks
):
    with on(D(2024, 3, 1)), django_capture_on_commit_callbacks(execute=True):
        c = consultation_create(version=version, actor=cast["staff"])
        consultation_open(consultation=c, actor=cast["staff"])

    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"deputy", "deputy2", "station", "other_station"}
    with on(D(2024, 3, 2)):
        assert [d.due_date for d in waiting_for(cast["station"])] == [D(2024, 3, 30)]
        assert [d.due_date for d in waiting_for(cast["other_station"])] == [D(2024, 3, 30)]


def test_the_daily_run_closes_ended_windows_once(cast, consultation):
    assert CONSULTATION.run_scheduled(D(2024, 3, 30)) == 0
    assert CONSULTATION.run_scheduled(D(2024, 3, 31)) == 1
    assert CONSULTATION.run_scheduled(D(2024, 3, 31)) == 0
    consultation.refresh_from_db()
    assert consultation.state == "closed"
    with on(D(2024, 4, 1)):
        assert list(waiting_for(cast["station"])) == []


def test_a_window_must_close_after_it_opens_and_have_an_audience(cast, version):
    with pytest.raises(ActionInvalid):
        consultation_create(
            version=version, actor=cast["staff"], opens_on=D(2024, 3, 5), closes_on=D(2024, 3, 1)
        )
    with pytest.raises(ActionInvalid):
        consultation_create(
            version=version,
            actor=cast["staff"],
            for_public=False,
            for_deputies=False,
            for_contact_points=False,
        )


@pytest.mark.parametrize("who", ["leader", "deputy", "station", "stranger"])
def test_only_staff_of_the_congress_open_and_close(cast, version, who):
    with pytest.raises(ActionForbidden):
        consultation_create(version=version, actor=cast[who])
    c = consultation_create(version=version, actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        consultation_open(consultation=c, actor=cast[who])
    consultation_open(consultation=c, actor=cast["staff"])
    with pytest.raises(ActionForbidden):
        consultation_close(consultation=c, actor=cast[who])


def test_a_stations_deadline_is_stored_untranslated_and_read_in_the_viewers_language(
    cast, consultation
):
    from django.utils import translation

    with on(D(2024, 3, 2)):
        (deadline,) = waiting_for(cast["station"])
    assert deadline.what == "Submit the opinions gathered on %(title)s"
    assert deadline.params == {"title": consultation.title}
    with translation.override("en"):
        assert deadline.label == f"Submit the opinions gathered on {consultation.title}"
    with translation.override("zh-hans"):
        assert consultation.title in deadline.label and "Submit" not in deadline.label
