"""The meeting pages: staff plan a meeting and prepare its agenda, materials and votes;
members read and vote from their phones; the projector shows the result; the public reads
the notices. Refusals beside their field, nothing changed."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.meetings import actions as A
from renda.meetings.models import AgendaItem, Material, Meeting, Vote

pytestmark = pytest.mark.django_db


def test_staff_plan_a_meeting_from_the_page_and_land_on_it(client, cast, org, members, on_day):
    client.force_login(cast["staff"])
    data = {
        "kind": "standing_committee",
        "term": org["term"].pk,
        "start_date": "2024-06-24",
        "end_date": "2024-06-25",
        "place": "市人大常委会会议室",
    }
    response = client.post(reverse("meetings:plan"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:detail", args=[meeting.pk]
    )
    assert meeting.members.count() == 5


def test_a_plan_with_its_days_reversed_is_refused_beside_the_field(client, cast, org, members):
    client.force_login(cast["staff"])
    data = {
        "kind": "standing_committee",
        "term": org["term"].pk,
        "start_date": "2024-06-24",
        "end_date": "2024-06-20",
    }
    response = client.post(reverse("meetings:plan"), data)
    assert response.status_code == 422
    assert "end_date" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_staff_add_an_item_a_material_and_a_vote(client, cast, meeting):
    client.force_login(cast["staff"])
    url = reverse("meetings:item_add", args=[meeting.pk])
    response = client.post(url, {"item-kind": "report", "item-title": "关于全市防汛工作情况的报告"})
    assert response.status_code == 302
    item = AgendaItem.objects.get(order=2)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    url = reverse("meetings:material_add", args=[meeting.pk, item.pk])
    prefix = f"material-{item.pk}"
    assert client.post(url, {f"{prefix}-title": "报告", f"{prefix}-file": pdf}).status_code == 302
    fake = SimpleUploadedFile("evil.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url, {f"{prefix}-title": "报告", f"{prefix}-file": fake})
    assert response.status_code == 422 and Material.objects.count() == 1
    url = reverse("meetings:vote_add", args=[meeting.pk, item.pk])
    prefix = f"vote-{item.pk}"
    response = client.post(url, {f"{prefix}-subject": "表决报告", f"{prefix}-method": "secret"})
    assert response.status_code == 302 and Vote.objects.get().method == "secret"
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "关于全市防汛工作情况的报告" in page and "表决报告" in page


def test_fixing_a_past_meeting_from_the_page_is_refused(client, cast, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(start_date=datetime.date(2024, 6, 1))
    client.force_login(cast["staff"])
    response = client.post(reverse("meetings:act", args=[meeting.pk, "fix_agenda"]), {})
    assert response.status_code == 422
    assert Meeting.objects.get().state == "planned"


def test_attendance_is_recorded_from_one_form_per_member(client, cast, members, meeting):
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    client.force_login(cast["staff"])
    data = {f"record_attendance-m{u.deputy_id}": "present" for u in members}
    data[f"record_attendance-m{members[4].deputy_id}"] = "leave"
    url = reverse("meetings:act", args=[meeting.pk, "record_attendance"])
    response = client.post(url, data)
    assert response.status_code == 422  # a leave needs its reason
    data[f"record_attendance-m{members[4].deputy_id}_reason"] = "出差"
    assert client.post(url, data).status_code == 302
    assert meeting.members.filter(presence="present").count() == 4


def test_a_member_votes_from_the_vote_page_and_sees_their_vote(client, cast, members, in_session):
    vote = A.vote_prepare(
        item=in_session.items.get(), actor=cast["staff"], subject="表决", method="named"
    )
    A.vote_open(vote=vote, actor=cast["staff"])
    client.force_login(members[0])
    assert client.get(reverse("meetings:vote_now", args=[in_session.pk]))["Location"] == reverse(
        "meetings:vote", args=[vote.pk]
    )
    page = client.get(reverse("meetings:vote", args=[vote.pk]))
    assert [f.action for f in page.context["action_forms"]] == ["cast"]
    response = client.post(
        reverse("meetings:vote_act", args=[vote.pk, "cast"]), {"cast-choice": "for"}
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:vote", args=[vote.pk]))
    assert page.context["my_ballot"].choice == "for" and page.context["action_forms"] == []
    again = client.post(
        reverse("meetings:vote_act", args=[vote.pk, "cast"]), {"cast-choice": "for"}
    )
    assert again.status_code in (403, 409)


def test_a_member_on_leave_gets_no_vote_button(client, cast, members, in_session):
    vote = A.vote_prepare(
        item=in_session.items.get(), actor=cast["staff"], subject="表决", method="named"
    )
    A.vote_open(vote=vote, actor=cast["staff"])
    client.force_login(members[4])
    assert client.get(reverse("meetings:vote", args=[vote.pk])).context["action_forms"] == []
    response = client.post(
        reverse("meetings:vote_act", args=[vote.pk, "cast"]), {"cast-choice": "for"}
    )
    assert response.status_code == 403


def test_a_closed_secret_vote_shows_counts_and_never_who_chose_what(
    client, cast, members, in_session
):
    vote = A.vote_prepare(
        item=in_session.items.get(), actor=cast["staff"], subject="表决", method="secret"
    )
    A.vote_open(vote=vote, actor=cast["staff"])
    A.vote_cast(vote=vote, actor=members[0], choice="against")
    A.vote_close(vote=vote, actor=cast["staff"])
    client.force_login(cast["staff"])
    page = client.get(reverse("meetings:vote", args=[vote.pk]))
    assert page.context["ballots"] == []
    html = page.content.decode()
    assert "data-against>1<" in html and "赵一" not in html


def test_the_projector_shows_the_item_and_then_the_result(client, cast, members, in_session):
    client.force_login(cast["staff"])
    url = reverse("meetings:projector_json", args=[in_session.pk])
    state = client.get(url).json()
    assert state["item"]["title"] == "关于推进节水型城市建设的决定" and state["vote"] is None
    vote = A.vote_prepare(
        item=in_session.items.get(), actor=cast["staff"], subject="表决决定", method="named"
    )
    A.vote_open(vote=vote, actor=cast["staff"])
    A.vote_cast(vote=vote, actor=members[0], choice="for")
    assert client.get(url).json()["vote"] | {} == {
        **client.get(url).json()["vote"],
        "state": "open",
        "voted": 1,
        "present": 4,
    }
    for user in members[1:3]:
        A.vote_cast(vote=vote, actor=user, choice="for")
    A.vote_close(vote=vote, actor=cast["staff"])
    shown = client.get(url).json()["vote"]
    assert (shown["for"], shown["not_voting"], shown["passed"]) == (3, 1, True)
    assert (
        "data-projector"
        in client.get(reverse("meetings:projector", args=[in_session.pk])).content.decode()
    )


@pytest.mark.parametrize("who", ["deputy", "handler", "station", "stranger"])
def test_those_not_at_the_meeting_do_not_see_it(client, cast, meeting, who):
    client.force_login(cast[who])
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code in (403, 404)


def test_members_see_their_meeting_and_its_materials_but_no_staff_forms(client, members, meeting):
    client.force_login(members[0])
    page = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert page.status_code == 200
    assert page.context["item_form"] is None and page.context["action_forms"] == []
    assert page.context["my_attendance"] is not None


def test_the_minutes_download_as_word(client, cast, members, in_session):
    A.meeting_close(meeting=in_session, actor=cast["staff"], minutes="会议审议了决定草案。")
    client.force_login(cast["staff"])
    response = client.get(reverse("meetings:minutes_docx", args=[in_session.pk]))
    assert response.status_code == 200
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "晋中市第五届人大常委会第一次会议" in text and "会议审议了决定草案。" in text
    assert "应出席组成人员5人，实际出席4人，1人请假（周五）" in text


def test_the_public_reads_the_notices_of_fixed_meetings_only(client, cast, meeting, org, on_day):
    A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
    )  # planned, not announced
    A.meeting_fix_agenda(meeting=meeting, actor=cast["staff"])
    page = client.get(reverse("meetings:public"))
    assert list(page.context["page_obj"]) == [Meeting.objects.get(pk=meeting.pk)]


def test_the_list_costs_the_same_for_few_and_many_meetings(client, cast, org, members, on_day):
    client.force_login(cast["staff"])
    url = reverse("meetings:list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
    )
    few = queries()
    for _ in range(8):
        A.meeting_plan(
            actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
        )
    assert queries() == few <= 12


def test_a_meeting_page_costs_the_same_for_a_short_and_a_long_agenda(client, cast, meeting):
    client.force_login(cast["staff"])
    url = reverse("meetings:detail", args=[meeting.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(6):
        item = A.item_add(meeting=meeting, actor=cast["staff"], kind="report", title=f"报告{i}")
        A.vote_prepare(item=item, actor=cast["staff"], subject="表决", method="named")
    assert queries() == few <= 40


def test_the_list_finds_a_meeting_by_a_word_of_its_agenda(client, cast, meeting, org, on_day):
    A.meeting_plan(
        actor=cast["staff"], term=org["term"], kind="standing_committee", start_date=on_day
    )
    client.force_login(cast["staff"])
    url = reverse("meetings:list")
    assert len(client.get(url).context["page_obj"]) == 2
    found = client.get(url, {"q": "节水型"}).context["page_obj"]  # the item's title
    assert list(found) == [Meeting.objects.get(pk=meeting.pk)]
    assert list(client.get(url, {"q": "没有这个词"}).context["page_obj"]) == []
    assert client.get(url, {"q": "x" * 500}).status_code == 200  # too long: ignored, no 500
