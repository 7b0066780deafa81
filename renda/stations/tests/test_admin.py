"""The stations admin: every model shown read-only, only the admin user's congress, photos
never by media URL."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from renda.accounts.models import User
from renda.stations import actions as A
from renda.stations import models as M

from .conftest import MONDAY, on
from .work import activity_elsewhere, log, photo, upload

MODELS = [
    M.Activity,
    M.ActivityAttendance,
    M.DutyRecord,
    M.DutyPhoto,
    M.Training,
    M.TrainingAttendance,
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def admin_user(user: User, app_label: str = "stations") -> User:
    """Let a user of the cast into the admin with an app's view permissions (the opinions'
    admin tests use these helpers too)."""
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label=app_label))
    return User.objects.get(pk=user.pk)  # a fresh object: no stale permission cache


def assert_read_only(models: list[Any]) -> None:
    for model in models:
        model_admin = admin.site._registry.get(model)
        assert model_admin is not None, model
        assert not model_admin.has_add_permission(None)
        assert not model_admin.has_change_permission(None)
        assert not model_admin.has_delete_permission(None)


def assert_opens_without(client: Any, model: Any, foreign: Any) -> None:
    """The model's list and a row's page open, without the row of another congress; no row
    is added here."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    response = client.get(reverse(f"{prefix}_changelist"))
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows and all(row.pk != foreign.pk for row in rows if isinstance(foreign, model))
    assert client.get(reverse(f"{prefix}_change", args=[rows[0].pk])).status_code == 200
    assert client.get(reverse(f"{prefix}_add")).status_code == 403


@pytest.fixture
def ours(cast, org, congress):
    """One row of every model in the cast's congress."""
    activity = log(cast, org)
    duty = upload(cast, "deputy", photos=[photo()])
    training = A.training_create(
        actor=cast["staff"], congress=congress, title="本市培训", start_date=MONDAY
    )
    with on(MONDAY):
        A.training_attendance_record(
            training=training, actor=cast["staff"], deputies=[org["deputy"]]
        )
    return {"activity": activity, "duty": duty, "training": training}


@pytest.fixture
def theirs(cast, other_congress):
    """An activity of another congress."""
    return {"activity": activity_elsewhere(cast, other_congress)}


def test_every_stations_model_is_registered_read_only():
    assert_read_only(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.model_name)
def test_each_list_and_page_opens_with_only_the_congress_rows(client, cast, ours, theirs, model):
    client.force_login(admin_user(cast["staff"]))
    assert_opens_without(client, model, theirs["activity"])


def test_another_congresss_rows_do_not_open(client, cast, ours, theirs):
    client.force_login(admin_user(cast["staff"]))
    url = reverse("admin:stations_activity_change", args=[theirs["activity"].pk])
    assert client.get(url).status_code in (302, 404)


def test_filters_and_search_work_and_stay_in_the_congress(client, cast, org, ours, theirs):
    log(cast, org, "other_station", station=org["other_station"], kind="study", title="学习")
    client.force_login(admin_user(cast["staff"]))
    url = reverse("admin:stations_activity_changelist")
    assert client.get(url, {"q": "外市"}).context["cl"].result_count == 0  # not the other's
    assert client.get(url, {"q": "学习"}).context["cl"].result_count == 1
    response = client.get(url, {"kind__exact": "reception"})
    assert response.context["cl"].result_count == 1
    station_filter = next(
        f for f in response.context["cl"].filter_specs if getattr(f, "field_path", "") == "station"
    )
    assert {label for _pk, label in station_filter.lookup_choices} == {
        "锦纶街道人大代表联络站",
        "郭家堡乡人大代表联络站",
    }
    by_station = client.get(url, {"station__id__exact": org["other_station"].pk})
    assert [a.title for a in by_station.context["cl"].result_list] == ["学习"]


def test_nobody_changes_rows_here(client, cast, ours):
    client.force_login(admin_user(cast["staff"]))
    activity = ours["activity"]
    url = reverse("admin:stations_activity_change", args=[activity.pk])
    assert client.post(url, {"title": "改过"}).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "代表接待选民日"


def test_photos_link_to_the_checked_view_never_to_media(client, cast, ours):
    client.force_login(admin_user(cast["staff"]))
    record = ours["duty"]
    p = record.photos.get()
    for url in (
        reverse("admin:stations_dutyrecord_change", args=[record.pk]),
        reverse("admin:stations_dutyphoto_change", args=[p.pk]),
    ):
        html = client.get(url).content.decode()
        assert reverse("stations:duty_photo", args=[record.pk, p.pk]) in html
        assert "/media/" not in html
