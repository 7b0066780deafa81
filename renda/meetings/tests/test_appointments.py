"""Appointments and removals: a proposal's persons, each voted on; the register follows the
votes; an office held is not filled twice; statement, law exam and oath; the letter, the
announcement and the register as documents; the register as Popolo JSON."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse

from renda.core.workflow import ActionConflict, ActionInvalid
from renda.meetings import actions as A
from renda.meetings import actions_decisions as D
from renda.meetings.models import Appointee, Office, Tenure, Vote
from renda.meetings.tests.conftest import mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices(congress):
    return {
        "vice_mayor": Office.objects.create(
            congress=congress, organization="government", organization_name="晋中市人民政府",
            title="副市长",
        ),
        "judge": Office.objects.create(
            congress=congress, organization="court", organization_name="晋中市中级人民法院",
            title="审判员", seats=3,
        ),
    }  # fmt: skip


def _person(congress, name):
    return Appointee.objects.create(congress=congress, name=name, gender="M")


@pytest.fixture
def proposal(cast, congress, offices, on_day):
    p = D.proposal_receive(
        actor=cast["staff"], proposer="mayor", title="市长提请任免名单", received_on=on_day
    )
    D.nomination_add(
        proposal=p, actor=cast["staff"], appointee=_person(congress, "王明"), action="appoint",
        office=offices["vice_mayor"], current_office="市发改委主任",
    )  # fmt: skip
    D.nomination_add(
        proposal=p, actor=cast["staff"], appointee=_person(congress, "赵刚"), action="appoint",
        office=offices["judge"],
    )  # fmt: skip
    return p


def _decide(proposal, meeting, staff, members, yes=4):
    D.proposal_review(proposal=proposal, actor=staff, note="同意提请常委会审议。")
    D.proposal_table(proposal=proposal, actor=staff, meeting=meeting, method="secret")
    A.meeting_fix_agenda(meeting=meeting, actor=staff)
    mark(meeting, staff, members, present=set(range(len(members))))
    A.meeting_open(meeting=meeting, actor=staff)
    for vote in Vote.objects.filter(item__meeting=meeting).order_by("id"):
        A.vote_open(vote=vote, actor=staff)
        for user in members[:yes]:
            A.vote_cast(vote=vote, actor=user, choice="for")
        A.vote_close(vote=vote, actor=staff)


def test_each_person_is_voted_on_and_the_register_follows(cast, members, meeting, proposal):
    _decide(proposal, meeting, cast["staff"], members)
    proposal.refresh_from_db()
    assert proposal.state == "decided"
    assert sorted(proposal.nominations.values_list("outcome", flat=True)) == ["passed", "passed"]
    assert Vote.objects.filter(item__meeting=meeting).count() == 2
    held = Tenure.objects.get(appointee__name="王明")
    voted = proposal.nominations.get(appointee__name="王明")
    assert (
        held.end_date is None and held.start_date == voted.decided_on and held.appointed_by == voted
    )


def test_an_office_held_by_someone_is_not_filled_again(
    cast, congress, offices, proposal, members, meeting
):
    _decide(proposal, meeting, cast["staff"], members)
    second = D.proposal_receive(
        actor=cast["staff"],
        proposer="mayor",
        title="再次提请",
        received_on=datetime.date(2024, 6, 17),
    )
    with pytest.raises(ActionInvalid) as refused:
        D.nomination_add(
            proposal=second, actor=cast["staff"], appointee=_person(congress, "李强"),
            action="appoint", office=offices["vice_mayor"],
        )  # fmt: skip
    assert refused.value.field == "office" and "王明" in str(refused.value.message)


def test_removing_someone_who_does_not_hold_the_office_is_refused(cast, congress, offices, on_day):
    p = D.proposal_receive(actor=cast["staff"], proposer="mayor", title="免职", received_on=on_day)
    with pytest.raises(ActionInvalid):
        D.nomination_add(
            proposal=p, actor=cast["staff"], appointee=_person(congress, "孙亮"), action="remove",
            office=offices["vice_mayor"],
        )  # fmt: skip


def test_a_removal_ends_the_tenure_and_frees_the_office(
    cast, congress, offices, members, meeting, proposal, org, on_day
):
    _decide(proposal, meeting, cast["staff"], members)
    holder = Appointee.objects.get(name="王明")
    removal = D.proposal_receive(
        actor=cast["staff"], proposer="mayor", title="免职", received_on=on_day
    )
    D.nomination_add(
        proposal=removal,
        actor=cast["staff"],
        appointee=holder,
        action="remove",
        office=offices["vice_mayor"],
    )
    D.nomination_add(
        proposal=removal,
        actor=cast["staff"],
        appointee=_person(congress, "李强"),
        action="appoint",
        office=offices["vice_mayor"],
    )  # fmt: skip  (the office is freed by the removal in the same proposal)
    later = A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee",
        start_date=on_day + datetime.timedelta(days=20),
    )  # fmt: skip
    _decide(removal, later, cast["staff"], members)
    assert Tenure.objects.get(appointee=holder).end_date is not None
    assert Tenure.objects.filter(appointee__name="李强", end_date__isnull=True).exists()


def test_a_failed_vote_appoints_nobody(cast, members, meeting, proposal):
    _decide(proposal, meeting, cast["staff"], members, yes=2)
    assert not Tenure.objects.exists()
    assert set(proposal.nominations.values_list("outcome", flat=True)) == {"failed"}


def test_the_oath_is_taken_by_a_person_appointed_after_the_vote(
    cast, members, meeting, proposal, on_day
):
    person = proposal.nominations.get(appointee__name="王明")
    with pytest.raises(ActionConflict):  # the proposal is not decided yet
        D.nomination_oath(proposal=proposal, actor=cast["staff"], nomination=person, on=on_day)
    _decide(proposal, meeting, cast["staff"], members)
    proposal.refresh_from_db()
    person.refresh_from_db()
    with pytest.raises(ActionInvalid):
        D.nomination_oath(
            proposal=proposal, actor=cast["staff"], nomination=person,
            on=person.decided_on - datetime.timedelta(days=1),
        )  # fmt: skip
    D.nomination_oath(
        proposal=proposal, actor=cast["staff"], nomination=person, on=person.decided_on
    )
    person.refresh_from_db()
    assert person.oath_on == person.decided_on


def test_the_letter_and_the_announcement_say_who_holds_what(
    client, cast, members, meeting, proposal
):
    from docx import Document

    _decide(proposal, meeting, cast["staff"], members)
    client.force_login(cast["staff"])
    person = proposal.nominations.get(appointee__name="王明")
    letter = client.get(reverse("meetings:appointment_letter", args=[person.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs)
    assert "任命王明为晋中市人民政府副市长。" in text and "晋中市人民代表大会常务委员会" in text
    notice = client.get(reverse("meetings:announcement", args=[proposal.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(notice.content)).paragraphs)
    assert "公" in text and "任命王明为晋中市人民政府副市长；" in text and "现予公告。" in text
    sheet = client.get(reverse("meetings:offices_xlsx"))
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd")


def test_the_register_as_popolo_json_validates_against_the_popolo_schemas(
    client, cast, members, meeting, proposal
):
    import jsonschema

    from renda.meetings.popolo import SCHEMAS

    _decide(proposal, meeting, cast["staff"], members)
    data = client.get("/api/v1/popolo/appointments").json()  # no token: published data
    assert {len(data[k]) for k in ("persons", "memberships")} == {2}
    for kind, plural in (
        ("person", "persons"), ("organization", "organizations"), ("post", "posts"),
        ("membership", "memberships"),
    ):  # fmt: skip
        for row in data[plural]:
            jsonschema.validate(row, SCHEMAS[kind])
    ids = {p["id"] for p in data["persons"]} | {o["id"] for o in data["organizations"]}
    ids |= {p["id"] for p in data["posts"]}
    for m in data["memberships"]:
        assert {m["person_id"], m["organization_id"], m["post_id"]} <= ids
    with pytest.raises(jsonschema.ValidationError):  # the schemas do refuse what is wrong
        jsonschema.validate({"id": "x", "start_date": "6/17/2024"}, SCHEMAS["membership"])
    assert "出生" not in str(data) and "birth_date" not in str(data)
