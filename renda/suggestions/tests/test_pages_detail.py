"""A suggestion's own page: who may open it, what it shows (timeline, masking, replies), its
files and reply letter, the forms each role gets, and its query cost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.suggestions import actions as A
from renda.suggestions.models import Attachment

from .handling import replied

FULL_PHONE = "13835412345"
MASKED_PHONE = "138****2345"


def page(client, user, s):
    client.force_login(user)
    return client.get(reverse("suggestions:detail", args=[s.pk]))


@pytest.fixture
def handled_confirmed(cast, org, submit):
    """Co-signed by deputy2, accepted and assigned to the handler's unit alone, today."""
    s = submit(cosigner_ids=[org["deputy2"].pk])
    A.suggestion_cosign(suggestion=s, actor=cast["deputy2"], confirm=True)
    A.suggestion_accept(suggestion=s, actor=cast["staff"])
    A.suggestion_assign(
        suggestion=s,
        actor=cast["staff"],
        mode="sole",
        parts=[A.UnitPart(unit=org["unit"], role="sole")],
    )
    return s


def test_anonymous_visitors_are_sent_to_log_in(client, cast, submit):
    s = submit()
    response = client.get(reverse("suggestions:detail", args=[s.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["staff", "leader", "deputy", "deputy2", "handler"])
def test_everyone_concerned_opens_the_page(client, cast, handled_confirmed, role):
    response = page(client, cast[role], handled_confirmed)
    assert response.status_code == 200
    assert handled_confirmed.title in response.content.decode()


@pytest.mark.parametrize("role", ["other_handler", "station", "stranger"])
def test_others_get_not_found(client, cast, handled_confirmed, role):
    assert page(client, cast[role], handled_confirmed).status_code == 404


def test_a_deputy_who_neither_leads_nor_cosigned_gets_not_found(client, cast, submit):
    assert page(client, cast["deputy2"], submit()).status_code == 404


def test_the_timeline_shows_every_step_with_its_actor_and_states(client, cast, handled_confirmed):
    html = page(client, cast["deputy"], handled_confirmed).content.decode()
    timeline = html[html.index('id="timeline"') :]
    for action in ("submit", "confirm", "accept", "assign"):
        assert f'data-action="{action}"' in timeline
    assert "张伟" in timeline  # the staff member who accepted
    assert "已提交 → 已立案" in timeline


@pytest.mark.parametrize("role", ["staff", "handler"])
def test_staff_and_the_assigned_unit_see_the_deputys_phone(client, cast, handled_confirmed, role):
    html = page(client, cast[role], handled_confirmed).content.decode()
    assert FULL_PHONE in html and MASKED_PHONE not in html


@pytest.mark.parametrize("role", ["leader", "deputy", "deputy2"])
def test_other_readers_see_the_phone_masked(client, cast, handled_confirmed, role):
    html = page(client, cast[role], handled_confirmed).content.decode()
    assert FULL_PHONE not in html and MASKED_PHONE in html


def test_cosigners_show_as_confirmed_or_pending(client, cast, submit, org):
    s = submit(cosigner_ids=[org["deputy2"].pk])
    html = page(client, cast["deputy"], s).content.decode()
    assert 'data-cosigner="pending">王建国' in html
    A.suggestion_cosign(suggestion=s, actor=cast["deputy2"], confirm=True)
    html = page(client, cast["deputy"], s).content.decode()
    assert 'data-cosigner="confirmed">王建国' in html


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("handler", ["communicate", "reply", "contest"], ["accept", "evaluate", "withdraw"]),
        ("staff", ["mark_key"], ["reply", "evaluate", "communicate"]),
        ("deputy", ["withdraw"], ["reply", "mark_key"]),
        ("leader", ["mark_key"], ["withdraw", "reply"]),
        ("deputy2", [], ["withdraw", "evaluate", "reply"]),
    ],
)
def test_each_role_gets_the_forms_of_the_actions_it_may_take(
    client, cast, handled_confirmed, role, present, absent
):
    html = page(client, cast[role], handled_confirmed).content.decode()
    for action in present:
        assert f'id="action-{action}"' in html
        assert reverse("suggestions:act", args=[handled_confirmed.pk, action]) in html
    for action in absent:
        assert f'id="action-{action}"' not in html


def test_the_reply_due_date_shows_the_working_days_left(client, cast, handled_confirmed):
    html = page(client, cast["handler"], handled_confirmed).content.decode()
    assert f'data-reply-due="{handled_confirmed.reply_due.isoformat()}" data-overdue="no"' in html


def test_replies_show_their_category_promises_and_the_letter_link(client, cast, handled_confirmed):
    due = timezone.localdate().replace(year=timezone.localdate().year + 1)
    reply = replied(
        handled_confirmed,
        cast["handler"],
        timezone.localdate(),
        "B",
        promises=[("年底前完成线路调整", due)],
    )
    html = page(client, cast["deputy"], handled_confirmed).content.decode()
    assert "经研究，答复如下。" in html
    assert "年底前完成线路调整" in html and due.isoformat() in html
    assert reverse("suggestions:reply_letter", args=[handled_confirmed.pk, reply.pk]) in html
    assert 'id="action-evaluate"' in html


def test_the_reply_letter_downloads_as_word_for_readers_only(client, cast, handled_confirmed):
    reply = replied(handled_confirmed, cast["handler"], timezone.localdate(), "A")
    url = reverse("suggestions:reply_letter", args=[handled_confirmed.pk, reply.pk])
    client.force_login(cast["deputy"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    client.force_login(cast["other_handler"])
    assert client.get(url).status_code == 404


def test_attachments_download_only_for_who_may_see_the_suggestion(
    client, cast, org, submit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    s = submit(attachments=[SimpleUploadedFile("调研报告.txt", "公交线路调研。".encode())])
    file = Attachment.objects.get(suggestion=s)
    url = reverse("suggestions:attachment", args=[s.pk, file.pk])
    html = page(client, cast["staff"], s).content.decode()
    assert url in html and "调研报告.txt" in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "公交线路调研。".encode()
    client.force_login(cast["handler"])  # not assigned
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_file_of_another_suggestion_is_not_served_through_this_one(
    client, cast, submit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    hidden = submit(
        author=cast["deputy2"], attachments=[SimpleUploadedFile("私人.txt", b"private")]
    )
    mine = submit()
    other = Attachment.objects.get(suggestion=hidden)
    client.force_login(cast["deputy"])
    assert (
        client.get(reverse("suggestions:attachment", args=[mine.pk, other.pk])).status_code == 404
    )


def test_the_page_costs_the_same_however_long_its_history(client, cast, handled_confirmed):
    s = handled_confirmed
    client.force_login(cast["handler"])
    url = reverse("suggestions:detail", args=[s.pk])
    client.get(url)  # warm up: content types, translations

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def contact() -> None:
        A.suggestion_communicate(
            suggestion=s,
            actor=cast["handler"],
            method="phone",
            date=timezone.localdate(),
            people="李秀兰代表",
            notes="电话沟通。",
        )

    contact()
    one = queries()
    for _ in range(8):
        contact()
    assert queries() == one <= 31  # 30, and the audit record of the deputy's phone shown
