"""The action forms on a suggestion's page: each step through the pages, bad input beside its
field with nothing changed, a conflict reported with nothing changed, refusals as 403/404."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from renda.core.models import Event
from renda.suggestions import actions as A
from renda.suggestions.models import Assignment, Extension, Promise, Reply, Suggestion

from .handling import assigned, replied

TODAY = timezone.localdate


def act(client, user, s, action, data=None, **extra):
    client.force_login(user)
    return client.post(reverse("suggestions:act", args=[s.pk, action]), data or {}, **extra)


def errors_of(html: str, field_id: str) -> str:
    """The error text shown beside one field (empty if none)."""
    match = re.search(rf'id="{re.escape(field_id)}_errors"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


def events(s) -> int:
    return Event.objects.filter(object_id=s.pk).count()


def succeeded(response, s) -> None:
    assert response.status_code == 302
    assert response["Location"] == reverse("suggestions:detail", args=[s.pk])
    assert list(get_messages(response.wsgi_request))


def rows(prefix: str, items: list[dict], total: int = 4) -> dict:
    """A formset's POST data: the management form and `items` in the first rows."""
    data = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}
    for i, item in enumerate(items):
        for key, value in item.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def reply_form(category: str = "A", promises: list[dict] | None = None, **fields) -> dict:
    """The reply form's POST data: a letter, its result, promise rows and other fields."""
    data = {
        "reply-text": "经研究，答复如下。",
        "reply-category": category,
        "reply-signer": "赵局长",
    }
    data.update({f"reply-{key}": value for key, value in fields.items()})
    return {**data, **rows("reply-promises", promises or [], total=3)}


@pytest.fixture
def accepted(cast, submit):
    s = submit()
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    return s


@pytest.fixture
def handled(cast, org, submit):
    return assigned(submit, cast["staff"], TODAY(), [A.UnitPart(unit=org["unit"], role="sole")])


def contact(s, handler) -> None:
    A.suggestion_communicate(
        suggestion=s,
        actor=handler,
        method="phone",
        date=TODAY(),
        people="李秀兰代表",
        notes="电话沟通。",
    )


# --- review ------------------------------------------------------------------------------


def test_staff_accept_a_suggestion_and_it_gets_a_number(client, cast, submit):
    s = submit()
    response = act(client, cast["staff"], s, "accept", {"accept-comment": "符合要求。"})
    succeeded(response, s)
    s.refresh_from_db()
    assert s.state == "accepted" and s.number == 1


def test_returning_without_a_reason_shows_the_error_beside_it_and_changes_nothing(
    client, cast, submit
):
    s = submit()
    before = events(s)
    response = act(client, cast["staff"], s, "return", {"return-reason": "  "})
    assert response.status_code == 422  # nothing changed: the form again
    assert errors_of(response.content.decode(), "id_return-reason")
    s.refresh_from_db()
    assert s.state == "submitted" and events(s) == before


def test_staff_return_a_suggestion_with_reasons_for_the_deputy(client, cast, submit):
    s = submit()
    succeeded(act(client, cast["staff"], s, "return", {"return-reason": "请补充调研数据。"}), s)
    s.refresh_from_db()
    assert s.state == "returned" and s.return_reason == "请补充调研数据。"


def test_the_deputy_resubmits_an_edited_suggestion(client, cast, submit):
    s = submit()
    A.suggestion_return(suggestion=s, actor=cast["staff"], reason="请补充。")
    data = {
        "resubmit-title": "新标题",
        "resubmit-body": "补充后的正文。",
        "resubmit-category": "urban",
    }
    succeeded(act(client, cast["deputy"], s, "resubmit", data), s)
    s.refresh_from_db()
    assert (s.state, s.title, s.category) == ("submitted", "新标题", "urban")


def test_staff_convert_a_suggestion_to_a_letter(client, cast, submit):
    s = submit()
    data = {"convert-to": "letter", "convert-reason": "属个人诉求。", "confirmed": "1"}
    succeeded(act(client, cast["staff"], s, "convert", data), s)
    s.refresh_from_db()
    assert s.state == "converted" and s.converted_to == "letter"


def test_staff_merge_a_suggestion_into_one_of_the_same_year(client, cast, submit):
    into = submit(title="关于公交线路的建议")
    s = submit()
    client.force_login(cast["staff"])
    html = client.get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert "关于公交线路的建议" in html  # offered as a target
    succeeded(
        act(client, cast["staff"], s, "merge", {"merge-into": str(into.pk), "confirmed": "1"}), s
    )
    s.refresh_from_db()
    assert s.state == "merged" and s.merged_into == into


def test_merging_into_a_suggestion_not_offered_is_refused_beside_the_field(client, cast, submit):
    s = submit()
    response = act(client, cast["staff"], s, "merge", {"merge-into": str(s.pk)})
    assert response.status_code == 422  # nothing changed: the form again
    assert errors_of(response.content.decode(), "id_merge-into")
    s.refresh_from_db()
    assert s.state == "submitted"


# --- assign ------------------------------------------------------------------------------


def test_staff_assign_to_one_unit(client, cast, org, accepted):
    data = {"assign-mode": "sole", **rows("assign-units", [{"unit": org["unit"].pk}])}
    succeeded(act(client, cast["staff"], accepted, "assign", data), accepted)
    accepted.refresh_from_db()
    assert accepted.state == "assigned" and accepted.reply_due
    assert list(accepted.assignments.values_list("unit", "role")) == [(org["unit"].pk, "sole")]


def test_in_joint_handling_a_blank_role_makes_the_first_unit_lead(client, cast, org, accepted):
    units = [{"unit": org["unit"].pk}, {"unit": org["other_unit"].pk}]
    data = {"assign-mode": "joint", **rows("assign-units", units)}
    succeeded(act(client, cast["staff"], accepted, "assign", data), accepted)
    roles = dict(accepted.assignments.values_list("unit", "role"))
    assert roles == {org["unit"].pk: "lead", org["other_unit"].pk: "co"}


def test_separate_handling_keeps_each_units_part(client, cast, org, accepted):
    units = [
        {"unit": org["unit"].pk, "part": "线路调整"},
        {"unit": org["other_unit"].pk, "part": "学生出行"},
    ]
    data = {"assign-mode": "separate", **rows("assign-units", units)}
    succeeded(act(client, cast["staff"], accepted, "assign", data), accepted)
    parts = dict(accepted.assignments.values_list("unit", "part"))
    assert parts == {org["unit"].pk: "线路调整", org["other_unit"].pk: "学生出行"}


def test_assigning_without_units_shows_the_error_beside_the_units(client, cast, accepted):
    before = events(accepted)
    data = {"assign-mode": "sole", **rows("assign-units", [])}
    response = act(client, cast["staff"], accepted, "assign", data)
    assert response.status_code == 422  # nothing changed: the form again
    html = response.content.decode()
    assert escape(gettext("Choose at least one handling unit.")) in errors_of(
        html, "id_assign-units"
    )
    accepted.refresh_from_db()
    assert accepted.state == "accepted" and events(accepted) == before
    assert not Assignment.objects.filter(suggestion=accepted).exists()


def test_assigning_without_units_marks_no_row_only_the_one_message(client, cast, accepted):
    data = {"assign-mode": "sole", **rows("assign-units", [])}
    html = act(client, cast["staff"], accepted, "assign", data).content.decode()
    start = html.index("data-rows")
    group = html[html.rindex("<div", 0, start) : html.index("</table>", start)]
    assert "has-error" not in group  # the stylesheet turns every field below it red
    assert "group-error" in group
    assert html.count('role="alert"', start, html.index("</details>", start)) == 1


def test_joint_handling_with_one_unit_is_refused_beside_the_units(client, cast, org, accepted):
    data = {"assign-mode": "joint", **rows("assign-units", [{"unit": org["unit"].pk}])}
    response = act(client, cast["staff"], accepted, "assign", data)
    assert errors_of(response.content.decode(), "id_assign-units")
    accepted.refresh_from_db()
    assert accepted.state == "accepted"


def test_a_unit_of_another_congress_is_not_a_choice(client, cast, other_congress, accepted):
    from renda.org.models import HandlingUnit

    foreign = HandlingUnit.objects.create(
        congress=other_congress, name="太原市交通局", kind="department"
    )
    data = {"assign-mode": "sole", **rows("assign-units", [{"unit": foreign.pk}])}
    response = act(client, cast["staff"], accepted, "assign", data)
    assert response.status_code == 422  # nothing changed: the form again
    assert errors_of(response.content.decode(), "id_assign-units-0-unit")
    assert not Assignment.objects.filter(suggestion=accepted).exists()


def test_a_handler_contests_and_staff_reassign(client, cast, org, handled):
    succeeded(
        act(client, cast["handler"], handled, "contest", {"contest-reason": "不属我局职责。"}),
        handled,
    )
    a = handled.assignments.get()
    assert a.contest_state == "pending"
    client.force_login(cast["staff"])
    html = client.get(reverse("suggestions:detail", args=[handled.pk])).content.decode()
    assert 'id="action-reassign"' in html and 'id="action-refuse_contest"' in html
    data = {"reassign-assignment": str(a.pk), "reassign-unit": str(org["other_unit"].pk)}
    succeeded(act(client, cast["staff"], handled, "reassign", data), handled)
    active = handled.assignments.get(active=True)
    assert active.unit == org["other_unit"]


def test_staff_refuse_an_adjustment_request(client, cast, handled):
    A.suggestion_contest(suggestion=handled, actor=cast["handler"], reason="不属我局职责。")
    a = handled.assignments.get()
    data = {"refuse_contest-assignment": str(a.pk), "refuse_contest-reason": "属职责范围。"}
    succeeded(act(client, cast["staff"], handled, "refuse_contest", data), handled)
    a.refresh_from_db()
    assert a.contest_state == "refused" and a.active


def test_a_leader_marks_a_key_suggestion_supervised_by_a_committee(client, cast, handled):
    from renda.org.models import Body

    body = Body.objects.create(
        congress=handled.congress, name="城乡建设环境保护工作委员会", kind="working_body"
    )
    succeeded(
        act(client, cast["leader"], handled, "mark_key", {"mark_key-body": str(body.pk)}), handled
    )
    handled.refresh_from_db()
    assert handled.is_key and handled.supervising_body == body


def test_marking_key_without_a_supervisor_is_refused_beside_the_field(client, cast, handled):
    response = act(client, cast["staff"], handled, "mark_key", {})
    assert errors_of(response.content.decode(), "id_mark_key-body")
    handled.refresh_from_db()
    assert not handled.is_key


# --- communicate and reply ----------------------------------------------------------------


def test_the_handler_records_a_contact_and_replies_with_category_a(client, cast, handled):
    data = {
        "communicate-method": "meeting",
        "communicate-date": TODAY().isoformat(),
        "communicate-people": "李秀兰代表；王科长",
        "communicate-notes": "当面沟通办理思路。",
    }
    succeeded(act(client, cast["handler"], handled, "communicate", data), handled)
    assert handled.contacts.count() == 1
    data = reply_form("A", contact_person="刘洋", contact_phone="0354-3326575")
    succeeded(act(client, cast["handler"], handled, "reply", data), handled)
    handled.refresh_from_db()
    assert handled.state == "replied"
    assert Reply.objects.get(suggestion=handled).category == "A"


def test_a_contact_in_the_future_is_refused_beside_the_date(client, cast, handled):
    data = {
        "communicate-method": "phone",
        "communicate-date": (TODAY() + datetime.timedelta(days=3)).isoformat(),
        "communicate-people": "李秀兰代表",
        "communicate-notes": "电话沟通。",
    }
    response = act(client, cast["handler"], handled, "communicate", data)
    assert response.status_code == 422  # nothing changed: the form again
    assert errors_of(response.content.decode(), "id_communicate-date")
    assert not handled.contacts.exists()


def test_replying_before_any_contact_is_a_conflict_and_changes_nothing(client, cast, handled):
    before = events(handled)
    data = reply_form("A")
    response = act(client, cast["handler"], handled, "reply", data)
    assert response.status_code == 409
    reply = next(f for f in response.context["action_forms"] if f.action == "reply")
    assert reply.non_field_errors()  # the refusal is on the form, which keeps what was typed
    handled.refresh_from_db()
    assert handled.state == "assigned" and events(handled) == before


def test_a_b_reply_without_promises_is_refused_beside_the_promises(client, cast, handled):
    contact(handled, cast["handler"])
    data = reply_form("B")
    response = act(client, cast["handler"], handled, "reply", data)
    assert response.status_code == 422  # nothing changed: the form again
    assert errors_of(response.content.decode(), "id_reply-promises")
    assert not Reply.objects.filter(suggestion=handled).exists()


def test_a_b_reply_keeps_its_promises_and_files(client, cast, handled, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contact(handled, cast["handler"])
    due = TODAY() + datetime.timedelta(days=90)
    data = reply_form(
        "B",
        [{"text": "年内开通新线路", "due_date": due.isoformat()}],
        attachments=[SimpleUploadedFile("方案.txt", "线路方案".encode())],
    )
    succeeded(act(client, cast["handler"], handled, "reply", data), handled)
    promise = Promise.objects.get(suggestion=handled)
    assert (promise.text, promise.due_date) == ("年内开通新线路", due)
    assert handled.attachments.get().purpose == "reply"


def test_a_promise_without_a_date_is_refused_beside_its_date(client, cast, handled):
    contact(handled, cast["handler"])
    data = reply_form("B", [{"text": "年内开通新线路"}])
    response = act(client, cast["handler"], handled, "reply", data)
    assert errors_of(response.content.decode(), "id_reply-promises-0-due_date")
    assert not Reply.objects.exists()


def test_a_bad_reply_attachment_is_refused_beside_the_field(client, cast, handled):
    contact(handled, cast["handler"])
    data = reply_form("A", attachments=[SimpleUploadedFile("病毒.exe", b"MZ\x90\x00")])
    response = act(client, cast["handler"], handled, "reply", data)
    assert errors_of(response.content.decode(), "id_reply-attachments")
    assert not Reply.objects.exists()


def test_the_handler_marks_a_promise_delivered(client, cast, handled):
    due = TODAY() + datetime.timedelta(days=30)
    replied(handled, cast["handler"], TODAY(), "B", promises=[("年内开通新线路", due)])
    promise = Promise.objects.get()
    data = {"promise_done-promise": str(promise.pk), "promise_done-evidence": "已开通。"}
    succeeded(act(client, cast["handler"], handled, "promise_done", data), handled)
    promise.refresh_from_db()
    assert promise.done_at and promise.evidence == "已开通。"


def test_a_co_handler_sends_its_input(client, cast, org, accepted):
    A.suggestion_assign(
        suggestion=accepted,
        actor=cast["staff"],
        mode="joint",
        parts=[
            A.UnitPart(unit=org["unit"], role="lead"),
            A.UnitPart(unit=org["other_unit"], role="co"),
        ],
    )
    data = {"co_input-text": "教育局意见：配合调整校车线路。"}
    succeeded(act(client, cast["other_handler"], accepted, "co_input", data), accepted)
    assert accepted.assignments.get(role="co").input_text.startswith("教育局意见")


def test_an_extension_is_requested_by_the_unit_and_approved_by_staff(client, cast, handled):
    new_due = handled.reply_due + datetime.timedelta(days=30)
    data = {
        "request_extension-new_due": new_due.isoformat(),
        "request_extension-reason": "需纳入预算。",
    }
    succeeded(act(client, cast["handler"], handled, "request_extension", data), handled)
    ext = Extension.objects.get()
    data = {"extend-extension": str(ext.pk), "extend-decision": "approve"}
    succeeded(act(client, cast["staff"], handled, "extend", data), handled)
    handled.refresh_from_db()
    assert handled.reply_due == new_due


def test_an_extension_beyond_six_months_is_refused_beside_the_date(client, cast, handled):
    too_late = handled.reply_due + datetime.timedelta(days=400)
    data = {
        "request_extension-new_due": too_late.isoformat(),
        "request_extension-reason": "需纳入预算。",
    }
    response = act(client, cast["handler"], handled, "request_extension", data)
    assert errors_of(response.content.decode(), "id_request_extension-new_due")
    assert not Extension.objects.exists()


# --- evaluate, co-sign, withdraw ----------------------------------------------------------


def test_the_deputy_evaluates_a_reply_as_satisfied(client, cast, handled):
    replied(handled, cast["handler"], TODAY(), "A")
    succeeded(
        act(client, cast["deputy"], handled, "evaluate", {"evaluate-result": "satisfied"}), handled
    )
    handled.refresh_from_db()
    assert handled.state == "evaluated"


def test_dissatisfied_without_a_comment_is_refused_beside_the_comment(client, cast, handled):
    replied(handled, cast["handler"], TODAY(), "A")
    response = act(client, cast["deputy"], handled, "evaluate", {"evaluate-result": "dissatisfied"})
    assert response.status_code == 422  # nothing changed: the form again
    assert escape(gettext("Say why you are not satisfied.")) in errors_of(
        response.content.decode(), "id_evaluate-comment"
    )
    handled.refresh_from_db()
    assert handled.state == "replied"


def test_a_cosigner_confirms_and_the_suggestion_goes_to_review(client, cast, org, submit):
    s = submit(cosigner_ids=[org["deputy2"].pk])
    succeeded(act(client, cast["deputy2"], s, "confirm"), s)
    s.refresh_from_db()
    assert s.state == "submitted"


def test_a_cosigner_declines(client, cast, org, submit):
    s = submit(cosigner_ids=[org["deputy2"].pk])
    succeeded(act(client, cast["deputy2"], s, "decline", {"confirmed": "1"}), s)
    assert s.cosigners.get().declined_at


def test_the_lead_deputy_withdraws_with_a_reason(client, cast, handled):
    succeeded(
        act(
            client,
            cast["deputy"],
            handled,
            "withdraw",
            {"withdraw-reason": "问题已解决。", "confirmed": "1"},
        ),
        handled,
    )
    handled.refresh_from_db()
    assert handled.state == "withdrawn"


# --- conflicts and refusals ---------------------------------------------------------------


def test_an_action_the_state_does_not_allow_is_a_conflict_and_changes_nothing(
    client, cast, accepted
):
    before = (accepted.number, events(accepted))
    response = act(client, cast["staff"], accepted, "accept")
    assert response.status_code == 409
    html = response.content.decode()
    assert "data-conflict" in html and accepted.title in html
    accepted.refresh_from_db()
    assert (accepted.number, events(accepted)) == before


def test_a_second_reply_after_someone_replied_first_is_a_conflict(client, cast, handled):
    replied(handled, cast["handler"], TODAY(), "A")
    data = reply_form("A")
    response = act(client, cast["handler"], handled, "reply", data)
    assert response.status_code == 409
    assert Reply.objects.filter(suggestion=handled).count() == 1


@pytest.mark.parametrize(
    ("role", "action", "status"),
    [
        ("deputy", "accept", 403),
        ("handler", "evaluate", 403),
        ("leader", "withdraw", 403),
        ("staff", "reply", 403),
        ("deputy2", "reply", 404),  # neither leads nor co-signed: cannot even see it
    ],
)
def test_an_action_of_another_role_is_refused(client, cast, handled, role, action, status):
    before = events(handled)
    assert act(client, cast[role], handled, action).status_code == status
    handled.refresh_from_db()
    assert handled.state == "assigned" and events(handled) == before


def test_the_lead_deputy_may_not_accept_their_own_suggestion(client, cast, submit):
    s = submit()
    assert act(client, cast["deputy"], s, "accept").status_code == 403
    assert Suggestion.objects.get(pk=s.pk).state == "submitted"


def test_a_handler_of_another_unit_gets_not_found(client, cast, handled):
    response = act(client, cast["other_handler"], handled, "communicate")
    assert response.status_code == 404


def test_an_unknown_action_is_not_found(client, cast, submit):
    assert act(client, cast["staff"], submit(), "publish").status_code == 404


def test_actions_take_posts_only(client, cast, submit):
    s = submit()
    client.force_login(cast["staff"])
    assert client.get(reverse("suggestions:act", args=[s.pk, "accept"])).status_code == 405


def test_anonymous_posts_are_sent_to_log_in(client, submit):
    s = submit()
    response = client.post(reverse("suggestions:act", args=[s.pk, "accept"]))
    assert response.status_code == 302
    assert Suggestion.objects.get(pk=s.pk).state == "submitted"
