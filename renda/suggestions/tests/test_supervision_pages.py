"""Who may open the staff and leaders' suggestion pages, their menu entries and tab bar."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from renda.core.navigation import menu_for
from renda.suggestions import supervision

# Every GET page of the supervision package: (url name, leaders may open it).
PAGES = [
    ("suggestions:supervision", True),
    ("suggestions:review_queue", False),
    ("suggestions:assign_queue", False),
    ("suggestions:adjustment_queue", False),
    ("suggestions:register", True),
    ("suggestions:export_summary", True),
    ("suggestions:export_assignments", True),
    ("suggestions:overdue_board", True),
    ("suggestions:promise_ledger", True),
    ("suggestions:key_suggestions", True),
    ("suggestions:unit_scores", True),
    ("suggestions:motion_board", True),
]


@pytest.mark.parametrize(("name", "_leader"), PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, db, name, _leader):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "leader_may"), PAGES)
def test_staff_open_every_page_and_leaders_all_but_the_work_queues(client, cast, name, leader_may):
    client.force_login(cast["staff"])
    assert client.get(reverse(name)).status_code == 200
    client.force_login(cast["leader"])
    assert client.get(reverse(name)).status_code == (200 if leader_may else 403)


@pytest.mark.parametrize("role", ["deputy", "handler", "station"])
@pytest.mark.parametrize(("name", "_leader"), PAGES)
def test_deputies_handlers_and_stations_are_refused(client, cast, role, name, _leader):
    client.force_login(cast[role])
    assert client.get(reverse(name)).status_code == 403


def test_a_user_without_a_role_is_refused(client, db):
    from renda.accounts.models import User

    client.force_login(User.objects.create_user("nobody", password="correct-horse-battery"))
    assert client.get(reverse("suggestions:register")).status_code == 403


def test_a_deactivated_staff_account_is_refused(client, cast):
    staff = cast["staff"]
    staff.is_active = False
    staff.save()
    client.force_login(staff)
    # Django logs an inactive user out on the next request: back to the login page.
    assert client.get(reverse("suggestions:register")).status_code in (302, 403)


def test_every_route_of_the_supervision_pages_resolves_to_this_package():
    """No other suggestion page takes one of these names or paths."""
    for name, _leader in PAGES:
        match = resolve(reverse(name))
        assert match.func.__module__.startswith(supervision.__name__ + "."), name


def test_the_menu_shows_supervision_to_staff_and_leaders_only(cast):
    from renda.suggestions.supervision import menu  # noqa: F401  (registers the entries)

    def names(user):
        return {item["name"] for item in menu_for(user)}

    # One entry: the overview's tabs lead to the queues, the register, key suggestions, scores.
    assert "suggestions:supervision" in names(cast["staff"])
    assert "suggestions:supervision" in names(cast["leader"])
    assert "suggestions:review_queue" not in names(cast["staff"])
    for role in ("deputy", "handler", "station"):
        assert not {n for n in names(cast[role]) if n.startswith("suggestions:supervision")}
        assert "suggestions:register" not in names(cast[role])


def test_the_tab_bar_hides_the_work_queues_from_leaders(client, cast):
    client.force_login(cast["leader"])
    html = client.get(reverse("suggestions:register")).content.decode()
    assert reverse("suggestions:overdue_board") in html
    assert reverse("suggestions:review_queue") not in html
    client.force_login(cast["staff"])
    html = client.get(reverse("suggestions:register")).content.decode()
    assert reverse("suggestions:review_queue") in html
