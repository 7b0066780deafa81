"""码上见代表: a station's and a deputy's A4 poster carries a QR code that a phone decodes to the
public opinion form, pre-filled with that station (and deputy); what is sent that way lands in
the station's queue, names the deputy, and is counted as scanned. Who may download which poster."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from PIL import Image

from renda.core.models import Event
from renda.core.stats import compute_breakdown
from renda.opinions.models import ConstituentOpinion
from renda.opinions.qrlinks import poster_url, read_token, token_for
from renda.opinions.queries import opinions_visible_to

FORM = {"category": "roads", "content": "锦纶路路灯坏了一个月，晚上很黑。", "place": "锦纶路"}


def docx_of(response: Any) -> Any:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].endswith("wordprocessingml.document")
    return Document(io.BytesIO(response.content))


def decoded_urls(doc: Any) -> list[str]:
    """Every QR code of the document, decoded from its picture as a phone would."""
    found = []
    for shape in doc.inline_shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        image = Image.open(io.BytesIO(doc.part.related_parts[rid].blob))
        codes = zxingcpp.read_barcodes(image)
        assert len(codes) == 1 and codes[0].format == zxingcpp.BarcodeFormat.QRCode
        found.append(codes[0].text)
    return found


def mark_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["qr"][0]


def text_of(doc: Any) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def path_of(url: str) -> str:
    assert url.startswith(settings.SITE_URL)
    return url[len(settings.SITE_URL) :]


@pytest.fixture
def station(org):
    s = org["station"]
    s.address, s.reception_day, s.phone = "榆次区锦纶路88号", "每月15日上午", "0354-3012345"
    s.save()
    return s


def logged_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_station_poster_decodes_to_the_form_prefilled_and_lands_in_its_queue(cast, org, station):
    url = reverse("opinions:station_poster", args=[station.pk])
    doc = docx_of(logged_in(cast["staff"]).get(url))
    text = text_of(doc)
    for expected in ("晋中市人民代表大会", station.name, "扫码反映意见建议", "每月15日上午"):
        assert expected in text
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    [scanned] = decoded_urls(doc)
    assert scanned in text  # the address is printed under the code too

    public = Client()
    page = public.get(path_of(scanned)).content.decode()
    assert "data-scanned" in page and station.name in page
    assert f'<option value="{station.pk}" selected>' in page
    assert 'enctype="multipart/form-data"' in page

    token = read_token(mark_of(scanned))
    assert token is not None
    r = public.post(
        path_of(scanned),
        {**FORM, "congress": station.congress_id, "station": station.pk, "qr": mark_of(scanned)},
    )
    assert r.status_code == 302
    opinion = ConstituentOpinion.objects.get()
    assert (opinion.station, opinion.deputy, opinion.source) == (station, None, "qr")
    assert opinion in opinions_visible_to(cast["station"])  # the station's queue
    assert opinion not in opinions_visible_to(cast["other_station"])
    assert Event.objects.get(action="record").data["source"] == "qr"


def test_a_deputy_poster_prefills_the_deputy_and_names_them_on_the_opinion(cast, org, station):
    deputy = org["deputy"]
    doc = docx_of(
        logged_in(cast["deputy"]).get(reverse("opinions:deputy_poster", args=[deputy.pk]))
    )
    assert "李秀兰 代表" in text_of(doc) and "13835412345" not in text_of(doc)
    [scanned] = decoded_urls(doc)
    public = Client()
    page = public.get(path_of(scanned)).content.decode()
    assert f'<option value="{deputy.pk}" selected>李秀兰</option>' in page
    assert f'<option value="{station.pk}" selected>' in page
    qr = mark_of(scanned)
    r = public.post(
        path_of(scanned),
        {
            **FORM,
            "congress": station.congress_id,
            "qr": qr,
            "station": station.pk,
            "deputy": deputy.pk,
        },
    )
    assert r.status_code == 302
    opinion = ConstituentOpinion.objects.get()
    assert (opinion.station, opinion.deputy, opinion.source) == (station, deputy, "qr")

    # The staff's page names the deputy; the channel counts in the year's figures.
    staff_page = logged_in(cast["staff"]).get(reverse("opinions:opinion", args=[opinion.pk]))
    assert 'data-field="deputy">李秀兰<' in staff_page.content.decode()
    year = timezone.localdate().year
    buckets = compute_breakdown("constituent_opinions", "source", opinion.congress, year) or []
    assert {b.key: b.value for b in buckets} == {"qr": 1}


def test_a_deputy_chosen_from_another_station_is_refused_beside_the_field(cast, org, station):
    deputy = org["deputy"]
    qr = token_for(deputy=deputy)
    r = Client().post(
        reverse("opinions:public_opinion_submit") + f"?qr={qr}",
        {
            **FORM,
            "congress": station.congress_id,
            "qr": qr,
            "station": org["other_station"].pk,
            "deputy": deputy.pk,
        },
    )
    assert r.status_code == 422 and 'id="id_deputy_errors"' in r.content.decode()
    assert FORM["content"] in r.content.decode()  # what was typed stays
    assert not ConstituentOpinion.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["", "s1", "x", "s1.", "s999999.abcdef012345", "a" * 500, "s1." + "0" * 12],
)
def test_a_forged_or_malformed_mark_opens_the_plain_form_and_counts_as_online(congress, org, token):
    url = reverse("opinions:public_opinion_submit")
    page = Client().get(url, {"qr": token})
    assert page.status_code == 200 and "data-scanned" not in page.content.decode()
    r = Client().post(url, {**FORM, "congress": congress.pk, "qr": token})
    assert r.status_code == 302
    assert ConstituentOpinion.objects.get().source == "online"


def test_a_closed_station_or_an_ended_deputy_no_longer_prefills(org, station):
    deputy = org["deputy"]
    deputy.status = "ended"
    deputy.save()
    assert read_token(token_for(deputy=deputy)) is None
    assert read_token(token_for(station=station)) is not None
    station.closed_on = station.established_on
    station.save()
    assert read_token(token_for(station=station)) is None


def test_the_printed_address_is_the_site_url(settings, station):
    settings.SITE_URL = "https://rd.jinzhong.example"
    assert poster_url(station=station).startswith(
        "https://rd.jinzhong.example/stations/public/opinions/new/?qr="
    )


# --- who may download which poster ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "station_poster", "deputy_poster", "other_deputy_poster"),
    [
        ("staff", 200, 200, 200),
        ("station", 200, 200, 200),  # the station's operator: its deputies' too
        ("other_station", 403, 403, 403),
        ("deputy", 403, 200, 403),  # a deputy: their own only
        ("leader", 403, 403, 403),
        ("handler", 403, 403, 403),
        ("stranger", 404, 404, 404),  # another congress's staff
    ],
)
def test_who_may_download_a_poster(
    cast, org, station, who, station_poster, deputy_poster, other_deputy_poster
):
    c = logged_in(cast[who])
    got = [
        c.get(reverse("opinions:station_poster", args=[station.pk])).status_code,
        c.get(reverse("opinions:deputy_poster", args=[org["deputy"].pk])).status_code,
        c.get(reverse("opinions:deputy_poster", args=[org["deputy2"].pk])).status_code,
    ]
    assert got == [station_poster, deputy_poster, other_deputy_poster]


def test_the_public_is_sent_to_log_in(station):
    r = Client().get(reverse("opinions:station_poster", args=[station.pk]))
    assert r.status_code == 302 and "login" in r["Location"]


def test_staff_print_every_poster_of_a_county_in_one_file(cast, org, station):
    doc = docx_of(
        logged_in(cast["staff"]).get(reverse("opinions:posters"), {"area": org["county"].pk})
    )
    urls = decoded_urls(doc)
    # Two stations, the first with its two deputies: four posters, each its own mark.
    assert len(urls) == 4 and len(set(urls)) == 4
    scanned = [read_token(mark_of(u)) for u in urls]
    got = [(s.station.pk, s.deputy.pk if s.deputy else None) for s in scanned if s]
    assert set(got) == {
        (station.pk, None),
        (station.pk, org["deputy"].pk),
        (station.pk, org["deputy2"].pk),
        (org["other_station"].pk, None),
    }
    # A station's deputies follow its own poster.
    first = got.index((station.pk, None))
    assert {d for _s, d in got[first + 1 : first + 3]} == {org["deputy"].pk, org["deputy2"].pk}


def test_an_operator_prints_their_station_and_its_deputies_only(cast, org, station):
    c = logged_in(cast["station"])
    # Whatever station is asked for, an operator gets their own.
    doc = docx_of(c.get(reverse("opinions:posters"), {"station": org["other_station"].pk}))
    stations = {read_token(mark_of(u)).station.pk for u in decoded_urls(doc)}  # type: ignore[union-attr]
    assert stations == {station.pk} and len(doc.inline_shapes) == 3
    assert logged_in(cast["deputy"]).get(reverse("opinions:posters")).status_code == 403
    assert logged_in(cast["leader"]).get(reverse("opinions:posters")).status_code == 403
    assert (
        logged_in(cast["staff"]).get(reverse("opinions:posters"), {"area": "x"}).status_code == 404
    )


def test_the_download_buttons_show_where_allowed(cast, org, station):
    deputy_page = reverse("org:deputy", args=[org["deputy"].pk])
    poster = reverse("opinions:deputy_poster", args=[org["deputy"].pk])
    assert poster in logged_in(cast["deputy"]).get(deputy_page).content.decode()
    assert poster in logged_in(cast["staff"]).get(deputy_page).content.decode()
    assert poster not in logged_in(cast["deputy2"]).get(deputy_page).content.decode()

    stations = reverse("org:stations")
    staff_list = logged_in(cast["staff"]).get(stations, {"area": org["county"].pk}).content.decode()
    assert f"{reverse('opinions:posters')}?area={org['county'].pk}" in staff_list
    assert reverse("opinions:station_poster", args=[station.pk]) in staff_list
    leader_list = logged_in(cast["leader"]).get(stations).content.decode()
    assert "data-poster" not in leader_list and "data-posters" not in leader_list

    own = logged_in(cast["station"]).get(reverse("opinions:opinion_station")).content.decode()
    assert reverse("opinions:posters") in own


def test_a_download_is_audited(cast, station):
    from renda.audit.models import Record

    logged_in(cast["staff"]).get(reverse("opinions:station_poster", args=[station.pk]))
    assert Record.objects.filter(kind="download", target__contains=station.name).exists()


def test_a_bundle_costs_the_same_queries_whatever_the_number_of_posters(cast, org, station):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.org.models import ContactStation

    c = logged_in(cast["staff"])
    url = reverse("opinions:posters")
    with CaptureQueriesContext(connection) as few:
        docx_of(c.get(url, {"area": org["county"].pk}))
    for i in range(5):
        ContactStation.objects.create(
            congress=station.congress,
            name=f"第{i}联络站",
            area=org["county"],
            established_on=station.established_on,
        )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        doc = docx_of(c.get(url, {"area": org["county"].pk}))
    assert len(doc.inline_shapes) == 9
    assert len(many) == len(few)
