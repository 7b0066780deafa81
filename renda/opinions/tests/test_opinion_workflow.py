"""A constituent's opinion through its states: every step, every refusal, every deadline."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from renda.core.deadlines import waiting_for
from renda.core.models import Deadline, Event, Notification
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid, history
from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion

from .conftest import MONDAY, D, on

ROLES = [
    "staff",
    "leader",
    "deputy",
    "handler",
    "other_handler",
    "station",
    "other_station",
    "stranger",
]


def _fresh(opinion):
    return ConstituentOpinion.objects.get(pk=opinion.pk)


def test_an_opinion_recorded_at_a_station_keeps_its_contact_details_and_gets_a_receipt(
    opinion, cast, org
):
    assert opinion.state == "recorded" and opinion.source == "station"
    assert opinion.station == org["station"] and opinion.recorded_by == cast["station"]
    assert opinion.contact_phone == "13812345678" and opinion.contact_name == "赵大妈"
    assert len(opinion.receipt_code) == 16 and opinion.receipt_code.isalnum()
    assert [e.action for e in history(opinion)] == ["record"]


def test_the_full_path_referred_answered_told_and_rated(answered, cast):
    with on(D(2024, 3, 8)):
        A.opinion_close(opinion=answered, actor=cast["station"], told_by="phone")
    A.opinion_rate(opinion=answered, rating="satisfied", comment="谢谢")

    o = _fresh(answered)
    assert o.state == "closed" and o.outcome == "已延长行人绿灯至35秒。" and o.told_by == "phone"
    assert o.rating == "satisfied" and o.rated_at is not None
    events = list(history(o))
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("record", "", "recorded"),
        ("refer", "recorded", "referred"),
        ("answer", "referred", "answered"),
        ("close", "answered", "closed"),
        ("rate", "closed", "closed"),
    ]
    assert events[-1].actor is None and events[2].actor == cast["handler"]


def test_resolved_on_the_spot_needs_no_unit_and_can_be_rated(opinion, cast):
    A.opinion_resolve(opinion=opinion, actor=cast["station"], outcome="当场联系交警调整了配时。")
    A.opinion_rate(opinion=opinion, rating="basic")

    o = _fresh(opinion)
    assert o.state == "resolved" and o.told_by == "in_person" and o.unit is None
    assert o.rating == "basic"


def test_staff_keep_any_opinion_of_their_congress(opinion, cast, org):
    A.opinion_refer(opinion=opinion, actor=cast["staff"], unit=org["other_unit"])
    assert _fresh(opinion).unit == org["other_unit"]


def test_a_unit_returns_what_is_not_its_matter_and_the_station_refers_it_again(
    referred, cast, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        A.opinion_return(opinion=referred, actor=cast["handler"], reason="信号灯归交警支队管理。")
    o = _fresh(referred)
    assert o.state == "recorded" and o.unit is None and o.answer_due is None
    assert Notification.objects.filter(recipient=cast["station"]).exists()
    assert not Deadline.objects.filter(object_id=o.pk, closed_at__isnull=True).exists()

    A.opinion_refer(opinion=o, actor=cast["station"], unit=org["other_unit"])
    assert _fresh(o).state == "referred"


def test_dismissed_with_a_reason_the_constituent_reads(opinion, cast):
    A.opinion_dismiss(opinion=opinion, actor=cast["staff"], reason="内容为广告。")
    o = _fresh(opinion)
    assert o.state == "dismissed" and o.outcome == "内容为广告。"


# --- refusals -----------------------------------------------------------------------------------

KEEPER_STEPS = {
    "resolve": lambda o, u, org: A.opinion_resolve(opinion=o, actor=u, outcome="已解决"),
    "refer": lambda o, u, org: A.opinion_refer(opinion=o, actor=u, unit=org["unit"]),
    "dismiss": lambda o, u, org: A.opinion_dismiss(opinion=o, actor=u, reason="重复"),
}


@pytest.mark.parametrize("step", sorted(KEEPER_STEPS))
@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "other_station", "stranger"])
def test_only_staff_and_the_station_take_up_a_recorded_opinion(opinion, cast, org, step, who):
    with pytest.raises(ActionForbidden):
        KEEPER_STEPS[step](opinion, cast[who], org)
    assert _fresh(opinion).state == "recorded"


UNIT_STEPS = {
    "answer": lambda o, u: A.opinion_answer(opinion=o, actor=u, answer="已处理", kind="solved"),
    "return": lambda o, u: A.opinion_return(opinion=o, actor=u, reason="非本单位职责"),
}


@pytest.mark.parametrize("step", sorted(UNIT_STEPS))
@pytest.mark.parametrize("who", [r for r in ROLES if r != "handler"])
def test_only_the_unit_referred_to_answers_or_returns(referred, cast, step, who):
    with pytest.raises(ActionForbidden):
        UNIT_STEPS[step](referred, cast[who])
    assert _fresh(referred).state == "referred"


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "other_station", "stranger"])
def test_only_staff_and_the_station_tell_the_constituent_and_close(answered, cast, who):
    with pytest.raises(ActionForbidden):
        A.opinion_close(opinion=answered, actor=cast[who], told_by="phone")


def test_an_online_opinion_without_a_station_is_kept_by_staff_only(congress, cast):
    o = A.opinion_submit_online(
        congress=congress, category="water", content="小区冬季暖气不热。", client_ip="10.0.0.9"
    )
    with pytest.raises(ActionForbidden):
        A.opinion_resolve(opinion=o, actor=cast["station"], outcome="已解决")
    A.opinion_resolve(opinion=o, actor=cast["staff"], outcome="已协调供热公司。")
    assert _fresh(o).told_by == "receipt"


@pytest.mark.parametrize(
    "state_fixture, step",
    [
        ("referred", "resolve"),
        ("referred", "refer"),
        ("referred", "dismiss"),
        ("answered", "refer"),
    ],
)
def test_a_case_taken_up_cannot_be_taken_up_again(request, cast, org, state_fixture, step):
    o = request.getfixturevalue(state_fixture)
    with pytest.raises(ActionConflict):
        KEEPER_STEPS[step](o, cast["staff"], org)


def test_a_recorded_opinion_is_not_answered_nor_closed(opinion, cast):
    with pytest.raises(ActionForbidden):  # no unit yet: nobody is its handler
        A.opinion_answer(opinion=opinion, actor=cast["handler"], answer="x", kind="solved")
    with pytest.raises(ActionConflict):
        A.opinion_close(opinion=opinion, actor=cast["station"], told_by="phone")


def test_an_answered_opinion_is_not_answered_twice(answered, cast):
    with pytest.raises(ActionConflict):
        A.opinion_answer(opinion=answered, actor=cast["handler"], answer="再次答复", kind="solved")


def test_rating_waits_for_the_outcome_and_happens_once(referred, answered, cast):
    with pytest.raises(ActionConflict):
        A.opinion_rate(opinion=answered, rating="satisfied")
    A.opinion_close(opinion=answered, actor=cast["station"], told_by="visit")
    A.opinion_rate(opinion=answered, rating="dissatisfied")
    with pytest.raises(ActionConflict):
        A.opinion_rate(opinion=_fresh(answered), rating="satisfied")
    assert _fresh(answered).rating == "dissatisfied"


def test_a_logged_in_user_does_not_rate_for_the_constituent(opinion, cast):
    from renda.opinions.workflow import OPINION

    A.opinion_resolve(opinion=opinion, actor=cast["station"], outcome="已解决")
    assert "rate" not in [t.action for t in OPINION.available(cast["staff"], _fresh(opinion))]
    with pytest.raises(ActionForbidden):
        OPINION.check(cast["staff"], _fresh(opinion), "rate")


@pytest.mark.parametrize(
    "call, field",
    [
        (
            lambda o, c, org: A.opinion_resolve(opinion=o, actor=c["station"], outcome=" "),
            "outcome",
        ),
        (lambda o, c, org: A.opinion_dismiss(opinion=o, actor=c["station"], reason=""), "reason"),
        (lambda o, c, org: A.opinion_rate(opinion=o, rating="great"), None),
    ],
)
def test_missing_or_wrong_input_is_refused_and_nothing_changes(opinion, cast, org, call, field):
    with pytest.raises((ActionInvalid, ActionConflict)) as info:
        call(opinion, cast, org)
    if field:
        assert info.value.field == field
    assert _fresh(opinion).state == "recorded"


def test_a_unit_of_another_congress_cannot_be_referred_to(opinion, cast, other_congress):
    from renda.org.models import HandlingUnit

    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市交通局", kind="department"
    )
    with pytest.raises(ActionInvalid):
        A.opinion_refer(opinion=opinion, actor=cast["station"], unit=foreign)


def test_answer_and_close_need_their_text_and_manner(referred, answered, cast):
    with pytest.raises(ActionInvalid):
        A.opinion_close(opinion=answered, actor=cast["station"], told_by="pigeon")
    assert _fresh(answered).state == "answered"


@pytest.mark.parametrize(
    "kw, field",
    [
        ({"content": ""}, "content"),
        ({"category": "weather"}, "category"),
        ({"constituent": A.Constituent(phone="call me")}, "phone"),
        ({"constituent": A.Constituent(email="not-an-address")}, "email"),
        ({"place": A.Place(lat="37.7")}, "long"),
        ({"place": A.Place(lat="97", long="112.7")}, "lat"),
    ],
)
def test_recording_refuses_bad_input(record, kw, field):
    with pytest.raises(ActionInvalid) as info:
        record(**kw)
    assert info.value.field == field
    assert not ConstituentOpinion.objects.exists()


@pytest.mark.parametrize("who", ["other_station", "deputy", "handler", "leader", "stranger"])
def test_only_the_station_or_staff_record_at_a_station(record, cast, who):
    with pytest.raises(ActionForbidden):
        record(actor=cast[who])


# --- deadlines ----------------------------------------------------------------------------------


def test_referring_gives_the_unit_and_staff_fifteen_working_days(referred, cast):
    # Monday 2024-03-04 + 15 working days = Monday 2024-03-25.
    assert referred.answer_due == D(2024, 3, 25)
    deadline = Deadline.objects.get(object_id=referred.pk, kind="answer", closed_at__isnull=True)
    assert deadline.responsible_unit == referred.unit and deadline.responsible_role == "staff"
    with on(MONDAY):
        assert deadline in waiting_for(cast["handler"])
        assert deadline in waiting_for(cast["staff"])
        assert deadline not in waiting_for(cast["other_handler"])


def test_the_answer_days_are_a_setting_of_the_congress(opinion, cast, org, congress):
    congress.settings = {"opinion_answer_working_days": 5}
    congress.save()
    with on(MONDAY):
        A.opinion_refer(opinion=_fresh(opinion), actor=cast["station"], unit=org["unit"])
    assert _fresh(opinion).answer_due == D(2024, 3, 11)


def test_answering_closes_the_units_deadline_and_gives_the_station_one_to_tell(answered, cast):
    open_ = Deadline.objects.filter(object_id=answered.pk, closed_at__isnull=True)
    assert [(d.kind, d.responsible_station_id) for d in open_] == [("tell", answered.station_id)]
    assert open_.get().due_date == D(2024, 3, 14)  # Thursday 7th + 5 working days

    A.opinion_close(opinion=answered, actor=cast["station"], told_by="message")
    assert not Deadline.objects.filter(object_id=answered.pk, closed_at__isnull=True).exists()


def test_an_answer_after_the_day_due_is_marked_late(referred, cast):
    with on(D(2024, 3, 27)):
        A.opinion_answer(opinion=referred, actor=cast["handler"], answer="已处理", kind="solved")
    assert Event.objects.get(object_id=referred.pk, action="answer").data["late"] is True


def test_remind_warns_the_unit_and_staff_of_an_overdue_opinion(
    referred, cast, django_capture_on_commit_callbacks
):
    with on(D(2024, 3, 26), hour=8), django_capture_on_commit_callbacks(execute=True):
        call_command("remind", stdout=io.StringIO())
    warned = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {"handler", "staff"} <= warned
    assert "other_handler" not in warned
    assert Event.objects.filter(object_id=referred.pk, action="remind.overdue").exists()


def test_the_unit_is_told_when_an_opinion_is_referred_to_it(
    opinion, cast, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        A.opinion_refer(opinion=opinion, actor=cast["station"], unit=org["unit"])
    assert Notification.objects.filter(recipient=cast["handler"]).exists()
    assert not Notification.objects.filter(recipient=cast["other_handler"]).exists()


@pytest.mark.parametrize(
    ("kind", "resolved"), [("solved", True), ("planned", False), ("explained", False)]
)
def test_only_a_solved_answer_counts_as_resolved_once_closed(cast, referred, kind, resolved):
    from renda.opinions.models import ConstituentOpinion, resolved_q

    A.opinion_answer(opinion=referred, actor=cast["handler"], answer="答复", kind=kind)
    A.opinion_close(opinion=referred, actor=cast["station"], told_by="phone")

    assert ConstituentOpinion.objects.filter(resolved_q(), pk=referred.pk).exists() is resolved
    assert Event.objects.get(object_id=referred.pk, action="answer").data["kind"] == kind


def test_an_answer_without_a_known_kind_is_refused_and_changes_nothing(cast, referred):
    with pytest.raises(ActionInvalid) as info:
        A.opinion_answer(opinion=referred, actor=cast["handler"], answer="答复", kind="maybe")
    assert info.value.field == "kind"
    referred.refresh_from_db()
    assert referred.state == "referred" and referred.answer == ""


def test_an_opinions_label_is_cut_cleanly():
    from renda.opinions.models import ConstituentOpinion

    at_comma = ConstituentOpinion(pk=7, content="路" * 29 + "，希望增加班次。")
    lines = ConstituentOpinion(pk=8, content="第一行\n第二行" + "字" * 40)
    short = ConstituentOpinion(pk=9, content="路灯不亮。")

    assert A.opinion_label(at_comma).endswith("：" + "路" * 29 + "…") or A.opinion_label(
        at_comma
    ).endswith(": " + "路" * 29 + "…")
    assert "\n" not in A.opinion_label(lines) and A.opinion_label(lines).endswith("…")
    # A label is set inside sentences ("…路灯不亮，期限…"): no closing full stop of its own.
    assert A.opinion_label(short).endswith("路灯不亮")
