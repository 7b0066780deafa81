"""The directory pages: who sees them, what is masked, filters, and their query cost."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from renda.org.models import (
    Congress,
    ContactStation,
    Deputy,
    HandlingUnit,
    LegislativeContactPoint,
    Person,
)

FULL_PHONE = "13835412345"
MASKED_PHONE = "138****2345"
FULL_ID = "140702198001010001"
MASKED_ID = "140702********0001"


@pytest.mark.parametrize("name", ["org:deputies", "org:units", "org:stations"])
def test_directory_requires_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_user_without_a_role_may_not_read_the_directory(client, db):
    from renda.accounts.models import User

    client.force_login(User.objects.create_user("nobody", password="correct-horse-battery"))
    assert client.get(reverse("org:deputies")).status_code == 403


@pytest.mark.parametrize("role", ["staff", "leader", "deputy", "handler", "station"])
@pytest.mark.parametrize("name", ["org:deputies", "org:units", "org:stations"])
def test_every_role_reads_the_directory(client, cast, role, name):
    client.force_login(cast[role])
    assert client.get(reverse(name)).status_code == 200


def deputy_page(client, user, deputy):
    client.force_login(user)
    return client.get(reverse("org:deputy", args=[deputy.pk]))


def test_staff_sees_the_full_phone_and_id_number(client, cast, org):
    html = deputy_page(client, cast["staff"], org["deputy"]).content.decode()
    assert FULL_PHONE in html and FULL_ID in html
    assert MASKED_PHONE not in html


def test_the_deputy_sees_their_own_phone_and_id_number(client, cast, org):
    html = deputy_page(client, cast["deputy"], org["deputy"]).content.decode()
    assert FULL_PHONE in html and FULL_ID in html


def test_a_leader_sees_the_phone_but_not_the_id_number(client, cast, org):
    html = deputy_page(client, cast["leader"], org["deputy"]).content.decode()
    assert FULL_PHONE in html
    assert FULL_ID not in html and MASKED_ID in html


@pytest.mark.parametrize("role", ["handler", "station", "deputy2"])
def test_other_roles_see_phone_and_id_number_masked(client, cast, org, role):
    response = deputy_page(client, cast[role], org["deputy"])
    assert response.status_code == 200
    html = response.content.decode()
    assert FULL_PHONE not in html and FULL_ID not in html
    assert MASKED_PHONE in html and MASKED_ID in html


@pytest.mark.parametrize("role", ["handler", "station", "deputy2"])
def test_the_list_shows_no_phone_column_to_roles_that_do_not_need_it(client, cast, role):
    client.force_login(cast[role])
    html = client.get(reverse("org:deputies")).content.decode()
    assert FULL_PHONE not in html


def test_staff_list_shows_phones(client, cast):
    client.force_login(cast["staff"])
    assert FULL_PHONE in client.get(reverse("org:deputies")).content.decode()


def test_a_user_of_another_congress_gets_404_on_a_deputy_page(client, cast, org):
    assert deputy_page(client, cast["stranger"], org["deputy"]).status_code == 404


def test_a_user_of_another_congress_sees_none_of_our_deputies(client, cast):
    client.force_login(cast["stranger"])
    response = client.get(reverse("org:deputies"))
    assert response.context["page_obj"].paginator.count == 0


def test_deputy_page_lists_the_same_persons_deputyships_at_other_levels(client, cast, org):
    deputy = org["deputy"]
    province = Congress.objects.get(code="sx")
    from renda.org.models import ElectoralUnit, Term

    term = Term.objects.create(congress=province, number=14, start_date=datetime.date(2023, 1, 1))
    eu = ElectoralUnit.objects.create(congress=province, name="晋中市")
    Deputy.objects.create(
        congress=province,
        term=term,
        person=deputy.person,
        card_number="140001",
        electoral_unit=eu,
        elected_on=datetime.date(2023, 1, 1),
    )
    response = deputy_page(client, cast["handler"], deputy)
    assert "山西省人民代表大会" in response.content.decode()
    # and the filter "also a deputy at province level" finds her alone
    listed = client.get(reverse("org:deputies"), {"level": "province"}).context["page_obj"]
    assert [d.pk for d in listed] == [deputy.pk]


def test_search_finds_by_name_card_number_and_occupation(client, cast, org):
    Person.objects.filter(pk=org["deputy2"].person_id).update(occupation="榆次区某中学校长")
    client.force_login(cast["staff"])

    def found(q: str) -> list[str]:
        page = client.get(reverse("org:deputies"), {"q": q}).context["page_obj"]
        return [d.card_number for d in page]

    assert found("李秀") == ["050001"]
    assert found("050002") == ["050002"]
    assert found("中学") == ["050002"]
    assert found("nobody") == []


def test_filters_and_sorting(client, cast, org):
    Deputy.objects.filter(pk=org["deputy2"].pk).update(
        is_standing_committee_member=True, station=org["other_station"]
    )
    Person.objects.filter(pk=org["deputy2"].person_id).update(gender="M", party="中共")
    client.force_login(cast["staff"])

    def cards(**params: str) -> list[str]:
        page = client.get(reverse("org:deputies"), params).context["page_obj"]
        return [d.card_number for d in page]

    assert cards(standing="yes") == ["050002"]
    assert cards(standing="no") == ["050001"]
    assert cards(gender="M") == ["050002"]
    assert cards(party="中共") == ["050002"]
    assert cards(station=str(org["other_station"].pk)) == ["050002"]
    assert cards(delegation=str(org["delegation"].pk)) == ["050001", "050002"]
    assert cards(sort="-card") == ["050002", "050001"]
    by_name = sorted([("李秀兰", "050001"), ("王建国", "050002")])
    assert cards(sort="name") == [card for _name, card in by_name]


def test_a_bad_filter_value_is_reported_beside_the_field_and_ignored(client, cast):
    client.force_login(cast["staff"])
    response = client.get(
        reverse("org:deputies"), {"delegation": "abc", "sort": "drop table", "page": "x"}
    )
    assert response.status_code == 200
    assert "delegation" in response.context["form"].errors
    assert response.context["page_obj"].paginator.count == 2
    assert 'class="field-errors"' in response.content.decode()


def test_a_delegation_of_another_congress_is_not_a_valid_filter(client, cast, other_congress):
    from renda.org.models import Delegation

    theirs = Delegation.objects.create(congress=other_congress, name="小店区代表团")
    client.force_login(cast["staff"])
    response = client.get(reverse("org:deputies"), {"delegation": str(theirs.pk)})
    assert "delegation" in response.context["form"].errors


def test_units_list_counts_officers_and_filters_by_kind(client, cast, org):
    HandlingUnit.objects.create(
        congress=org["unit"].congress, name="晋中市中级人民法院", kind="court"
    )
    client.force_login(cast["staff"])
    response = client.get(reverse("org:units"))
    counts = {u.name: u.officers_count for u in response.context["page_obj"]}
    assert counts["晋中市交通运输局"] == 1 and counts["晋中市中级人民法院"] == 0
    response = client.get(reverse("org:units"), {"kind": "court"})
    assert [u.name for u in response.context["page_obj"]] == ["晋中市中级人民法院"]


def test_stations_list_shows_merged_contact_points_and_deputies(client, cast, org):
    LegislativeContactPoint.objects.create(
        congress=org["station"].congress,
        name="锦纶街道基层立法联系点",
        station=org["station"],
        established_on=datetime.date(2020, 1, 1),
    )
    client.force_login(cast["staff"])
    response = client.get(reverse("org:stations"), {"area": str(org["county"].pk)})
    html = response.content.decode()
    assert "锦纶街道基层立法联系点" in html
    counts = {s.name: s.deputies_count for s in response.context["page_obj"]}
    assert counts == {"锦纶街道人大代表联络站": 2, "郭家堡乡人大代表联络站": 0}


@pytest.mark.parametrize("role", ["staff", "station", "other_station", "deputy"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_station_rows_written_in_python_are_the_templates_rows(
    client, cast, org, role, language
):
    """org/rows.py station_rows() writes what station_list.html's row wrote (the old row kept
    in station_rows_before.html): points with their collection points (a plural), a closed
    station, a township, escaping, and the poster link only where the role may have it."""
    from pathlib import Path

    from django.template import Context, Template
    from django.utils import translation
    from django.utils.translation import ngettext

    from renda.org import queries
    from renda.org.models import CollectionPoint
    from renda.org.rows import station_rows

    station = org["station"]
    point = LegislativeContactPoint.objects.create(
        congress=station.congress,
        name="锦纶<街道>联系点",
        station=station,
        established_on=datetime.date(2020, 1, 1),
    )
    for i in range(2):
        CollectionPoint.objects.create(
            congress=station.congress,
            contact_point=point,
            name=f"采集点{i}",
            established_on=datetime.date(2020, 1, 1),
        )
    ContactStation.objects.filter(pk=station.pk).update(township="锦纶街道 & 东区")
    ContactStation.objects.exclude(pk=station.pk).update(closed_on=datetime.date(2024, 1, 1))
    user = cast[role]
    stations = list(queries.stations(station.congress))
    assert any(s.closed_on for s in stations) and any(not s.closed_on for s in stations)
    before = (Path(__file__).parent / "station_rows_before.html").read_text()
    with translation.override(language):
        expected = Template(before).render(
            Context({"page_obj": {"object_list": stations}, "user": user})
        )
        assert "".join(station_rows(stations, user)) == expected
    with translation.override(language):
        two = ngettext("%(counter)s collection point", "%(counter)s collection points", 2) % {
            "counter": 2
        }
    assert f"<small>{two}</small>" in expected  # the merged point's two open collection points
    assert "锦纶&lt;街道&gt;联系点" in expected and "&amp; 东区" in expected  # escaped
    assert ("data-poster" in expected) == (role in ("staff", "station"))


def add_rows(org, n: int) -> None:
    """n more deputies, units and stations, each with its own links, to show the cost is flat."""
    congress = org["unit"].congress
    start = Deputy.objects.count()
    for i in range(start, start + n):
        person = Person.objects.create(
            congress=congress, name=f"代表{i}", gender="M", phone="13900000000"
        )
        station = ContactStation.objects.create(
            congress=congress,
            name=f"联络站{i}",
            area=org["county"],
            established_on=datetime.date(2020, 1, 1),
        )
        LegislativeContactPoint.objects.create(
            congress=congress,
            name=f"联系点{i}",
            station=station,
            established_on=datetime.date(2020, 1, 1),
        )
        Deputy.objects.create(
            congress=congress,
            term=org["term"],
            person=person,
            card_number=f"06{i:04d}",
            electoral_unit=org["electoral_unit"],
            delegation=org["delegation"],
            station=station,
            elected_on=datetime.date(2021, 9, 1),
        )
        HandlingUnit.objects.create(congress=congress, name=f"单位{i}", kind="department")


@pytest.mark.parametrize(
    "name, cap",
    # Deputies: one more for the audit record of the phones shown.
    [("org:deputies", 12), ("org:units", 9), ("org:stations", 11)],
)
def test_list_query_count_does_not_grow_with_rows(
    client, cast, org, django_assert_max_num_queries, name, cap
):
    client.force_login(cast["staff"])
    for _more in (0, 60):
        add_rows(org, _more)
        with django_assert_max_num_queries(cap):
            response = client.get(reverse(name))
        assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 50  # a full page was rendered


def test_deputy_page_query_count_is_flat(client, cast, org, django_assert_max_num_queries):
    client.force_login(cast["staff"])
    with django_assert_max_num_queries(10):  # 9, and the audit record of what was unmasked
        assert client.get(reverse("org:deputy", args=[org["deputy"].pk])).status_code == 200


def test_the_deputy_list_reads_only_the_columns_it_shows(client, cast, org):
    """The rows read their cells' columns (never the ID number, term or electoral unit), the
    stations' and delegations' options their ids and names (issue 18); the HTML is the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast["staff"])
    add_rows(org, 3)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("org:deputies"))
    assert response.status_code == 200 and FULL_PHONE in response.content.decode()
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "id_number" not in sql and "org_electoralunit" not in sql
    assert '"org_contactstation"."address"' not in sql
