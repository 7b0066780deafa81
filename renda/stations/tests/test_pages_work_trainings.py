"""Trainings: staff list a training and record who attended (one by one or whole
delegations); leaders read; everyone else is refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.org.models import Deputy, Person
from renda.stations import actions as A
from renda.stations.models import Training, TrainingAttendance

from . import test_trainings as backend
from .conftest import D

# The backend tests' training (2024-05-20 to 22, at the party school).
training = backend.training


def make_deputies(org, n: int, *, delegation=None) -> list[Deputy]:
    congress = org["term"].congress
    rows = []
    for i in range(n):
        person = Person.objects.create(congress=congress, name=f"代表{i}", gender="M")
        rows.append(
            Deputy.objects.create(
                congress=congress,
                term=org["term"],
                person=person,
                card_number=f"08{i:04d}",
                electoral_unit=org["electoral_unit"],
                delegation=delegation,
                elected_on=D(2021, 9, 1),
            )
        )
    return rows


# --- trainings -------------------------------------------------------------------------------


def test_staff_list_a_training(client, cast):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("stations:training_create"),
        {"title": "代表履职培训", "start_date": "2024-06-01", "end_date": "", "place": "市人大"},
    )
    training = Training.objects.get()
    assert response["Location"] == reverse("stations:training_detail", args=[training.pk])
    assert training.end_date == D(2024, 6, 1)  # a one-day training


@pytest.mark.parametrize(
    "data, field",
    [
        ({"end_date": "2024-05-01"}, "end_date"),
        ({"title": ""}, "title"),
        ({"start_date": "someday"}, "start_date"),
        ({"place": "x" * 201}, "place"),
    ],
)
def test_bad_training_input_shows_beside_its_field(client, cast, data, field):
    client.force_login(cast["staff"])
    post = {"title": "培训", "start_date": "2024-06-01", "end_date": "", "place": ""} | data
    response = client.post(reverse("stations:training_create"), post)
    assert response.status_code == 200
    assert field in response.context["form"].errors and not Training.objects.exists()


def test_attendance_by_deputy_and_by_whole_delegation(client, cast, org, training):
    other = org["delegation"].__class__.objects.create(
        congress=org["term"].congress, name="太谷区代表团", electoral_unit=org["electoral_unit"]
    )
    taigu = make_deputies(org, 3, delegation=other)
    client.force_login(cast["staff"])
    url = reverse("stations:training_attendance", args=[training.pk])
    page = client.get(url)
    assert page.status_code == 200
    groups = dict(page.context["form"].fields["deputies"].groups)
    assert set(groups) == {"榆次区代表团", "太谷区代表团"}
    response = client.post(url, {"deputies": [org["deputy"].pk], "delegations": [other.pk]})
    assert response.status_code == 302
    present = set(TrainingAttendance.objects.values_list("deputy_id", flat=True))
    assert present == {org["deputy"].pk, *(d.pk for d in taigu)}
    # The page shows the list and its count; the form starts from it.
    detail = client.get(reverse("stations:training_detail", args=[training.pk]))
    assert len(detail.context["attendees"]) == 4
    assert dict(detail.context["by_delegation"]) == {"太谷区代表团": 3, "榆次区代表团": 1}
    again = client.get(url).context["form"]
    assert set(again.initial["deputies"]) == present
    # Saving again replaces the list.
    client.post(url, {"deputies": [org["deputy2"].pk]})
    assert list(TrainingAttendance.objects.values_list("deputy_id", flat=True)) == [
        org["deputy2"].pk
    ]


def test_a_training_not_yet_started_takes_no_attendance(client, cast, congress, org):
    later = timezone.localdate() + datetime.timedelta(days=10)
    training = A.training_create(
        actor=cast["staff"], congress=congress, title="下月培训", start_date=later
    )
    client.force_login(cast["staff"])
    detail = client.get(reverse("stations:training_detail", args=[training.pk]))
    assert not detail.context["started"]
    assert reverse("stations:training_attendance", args=[training.pk]) not in (
        detail.content.decode()
    )
    response = client.post(
        reverse("stations:training_attendance", args=[training.pk]),
        {"deputies": [org["deputy"].pk]},
    )
    assert "deputies" in response.context["form"].errors
    assert not TrainingAttendance.objects.exists()


def test_an_unknown_deputy_is_not_a_choice(client, cast, training):
    client.force_login(cast["staff"])
    url = reverse("stations:training_attendance", args=[training.pk])
    response = client.post(url, {"deputies": ["999999"]})
    assert "deputies" in response.context["form"].errors


@pytest.mark.parametrize(
    "who, status",
    [("leader", 200), ("station", 403), ("deputy", 403), ("handler", 403), ("stranger", 404)],
)
def test_who_may_read_a_training(client, cast, training, who, status):
    client.force_login(cast[who])
    assert client.get(reverse("stations:training_detail", args=[training.pk])).status_code == status


@pytest.mark.parametrize("who", ["leader", "station", "deputy"])
def test_only_staff_list_trainings_and_record_attendance(client, cast, org, training, who):
    client.force_login(cast[who])
    assert client.get(reverse("stations:training_create")).status_code == 403
    url = reverse("stations:training_attendance", args=[training.pk])
    assert client.post(url, {"deputies": [org["deputy"].pk]}).status_code == 403
    assert not TrainingAttendance.objects.exists() and Training.objects.count() == 1


def test_the_training_list_with_counts_and_filters(client, cast, org, congress, training):
    A.training_attendance_record(training=training, actor=cast["staff"], deputies=[org["deputy"]])
    A.training_create(
        actor=cast["staff"], congress=congress, title="宪法学习", start_date=D(2023, 3, 1)
    )
    client.force_login(cast["leader"])
    url = reverse("stations:training_list")
    response = client.get(url)
    rows = {t.title: t.attendee_count for t in response.context["page_obj"].object_list}
    assert rows == {"新任代表履职培训": 1, "宪法学习": 0}
    assert response.context["deputies"] == 1
    assert 'data-total="trainings">2<' in response.content.decode()
    assert reverse("stations:training_create") not in response.content.decode()  # read only
    assert [t.title for t in client.get(url, {"year": "2023"}).context["page_obj"]] == ["宪法学习"]
    assert [t.title for t in client.get(url, {"q": "党校"}).context["page_obj"]] == [
        "新任代表履职培训"
    ]


# --- query counts ----------------------------------------------------------------------------


def test_training_list_query_count_does_not_grow(
    client, cast, org, congress, django_assert_max_num_queries
):
    client.force_login(cast["staff"])
    deputies = make_deputies(org, 5, delegation=org["delegation"])
    for more in (1, 60):
        for i in range(more):
            t = A.training_create(
                actor=cast["staff"], congress=congress, title=f"培训{i}", start_date=D(2024, 1, 2)
            )
            A.training_attendance_record(training=t, actor=cast["staff"], deputies=deputies)
        with django_assert_max_num_queries(11):
            response = client.get(reverse("stations:training_list"))
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50


# --- exports -----------------------------------------------------------------------------------


def _sheet_rows(response, sheet=0):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in book.worksheets[sheet].iter_rows(min_row=4, values_only=True)]


def test_a_trainings_attendance_export(client, cast, org, training):
    A.training_attendance_record(
        training=training, actor=cast["staff"], deputies=[org["deputy"], org["deputy2"]]
    )
    client.force_login(cast["leader"])
    response = client.get(reverse("stations:training_export", args=[training.pk]))

    assert response.status_code == 200
    names = {r[1] for r in _sheet_rows(response)}
    assert names == {org["deputy"].person.name, org["deputy2"].person.name}
    client.force_login(cast["station"])
    assert client.get(reverse("stations:training_export", args=[training.pk])).status_code == 403


@pytest.mark.parametrize("who, may", [("staff", True), ("leader", False), ("station", False)])
def test_only_who_may_record_attendance_is_offered_to(client, cast, training, who, may):
    user = cast[who]
    assert user.has_perm("stations.record_attendance", training) is may
    assert not cast["stranger"].has_perm("stations.record_attendance", training)  # other congress

    if who == "station":
        return  # cannot open these pages at all (tested above)
    client.force_login(user)
    pages = {
        reverse("stations:training_list"): reverse("stations:training_create"),
        reverse("stations:training_detail", args=[training.pk]): reverse(
            "stations:training_attendance", args=[training.pk]
        ),
    }
    for page, action in pages.items():
        assert (action in client.get(page).content.decode()) is may, page
