"""Every text that names a suggestion's number names it: the deputy's notice of acceptance
(立案，编号 N), the staff's deadline to assign it and the units' deadline to reply. The number is
given in the same action as the notice, under the lock; the notice is written from the
action's event, so it never goes out without it."""

from __future__ import annotations

import pytest
from django.utils import translation

from renda.core.models import Deadline, Event, Notification
from renda.suggestions import actions as A
from renda.suggestions.actions._common import tell_deputy

pytestmark = pytest.mark.django_db


def _accept(s, staff, django_capture_on_commit_callbacks, language="en"):
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        A.suggestion_accept(suggestion=s, actor=staff)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_acceptance_notice_names_the_number_given(
    cast, submit, django_capture_on_commit_callbacks, language
):
    submit(title="先立案的建议")  # numbers count per congress and year
    first = submit(title="关于公交线路的建议")
    _accept(first, cast["staff"], django_capture_on_commit_callbacks)
    s = submit(title="关于路灯的建议")
    Notification.objects.all().delete()
    _accept(s, cast["staff"], django_capture_on_commit_callbacks, language)
    s.refresh_from_db()
    assert s.number == 2
    with translation.override(language):
        want = translation.gettext("Your suggestion was accepted as No. %(number)s: %(title)s")
    title = Notification.objects.get(recipient=cast["deputy"]).title
    assert title == want % {"number": 2, "title": "关于路灯的建议"}
    assert Event.objects.get(object_id=s.pk, action="accept").data["number"] == 2


def test_the_notice_is_written_from_the_event_not_from_the_callers_copy(
    cast, submit, django_capture_on_commit_callbacks
):
    """A copy of the suggestion read before it was numbered (another request's) still gets a
    notice with the number."""
    s = submit(title="关于路灯的建议")
    stale = type(s).objects.get(pk=s.pk)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        A.suggestion_accept(suggestion=s, actor=cast["staff"])
        stale.number = None  # what a copy read before the number was given holds
        tell_deputy(stale, "No. %(number)s: %(title)s", number=s.number)
    titles = list(Notification.objects.values_list("title", flat=True))
    assert f"No. {s.number}: 关于路灯的建议" in titles


def test_a_text_naming_a_number_is_never_written_without_one(cast, submit):
    s = submit(title="未立案的建议")
    with pytest.raises(ValueError):
        tell_deputy(s, "No. %(number)s: %(title)s")
    assert not Notification.objects.exists()


def test_the_deadlines_that_name_the_number_name_it(cast, org, submit):
    s = submit(title="关于路灯的建议")
    with translation.override("en"):
        A.suggestion_accept(suggestion=s, actor=cast["staff"])
        s.refresh_from_db()
        review = Deadline.objects.filter(object_id=s.pk, kind="review").latest("id")
        assert review.label == f"Assign suggestion No. {s.number}"
        A.suggestion_assign(
            suggestion=s,
            actor=cast["staff"],
            mode="sole",
            parts=[A.UnitPart(unit=org["unit"], role="sole")],
        )
        reply = Deadline.objects.filter(object_id=s.pk, kind=f"reply:{org['unit'].pk}").latest("id")
        assert reply.label == f"Reply to suggestion No. {s.number}: 关于路灯的建议"
