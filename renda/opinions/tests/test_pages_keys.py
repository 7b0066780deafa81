"""Staff issue Open311 client keys (the secret shown once), list them and revoke them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from renda.accounts.models import ApiToken
from renda.opinions.models import ApiClientKey

from .test_pages_opinions_station import client_for

KEYS = reverse("opinions:keys")


def test_staff_issue_a_key_and_see_its_secret_once(cast, org):
    client = client_for(cast["staff"])
    r = client.post(KEYS, {"name": "市民通App", "station": org["station"].pk})
    assert r.status_code == 201 and r["Cache-Control"] == "no-store"
    key = ApiClientKey.objects.get()
    secret = r.context["issued"]["secret"]
    assert key.digest == ApiToken.digest_of(secret) and secret not in key.digest
    html = r.content.decode()
    assert secret in html and 'id="issued-key"' in html
    assert key.station == org["station"] and key.active and key.created_by == cast["staff"]
    # Never again: not on the list, not anywhere.
    again = client.get(KEYS).content.decode()
    assert secret not in again and "市民通App" in again


def test_the_key_works_with_open311_until_revoked(cast, org):
    client = client_for(cast["staff"])
    secret = client.post(KEYS, {"name": "站点终端"}).context["issued"]["secret"]
    key = ApiClientKey.objects.get()
    post = {
        "api_key": secret,
        "jurisdiction_id": "jz",
        "service_code": "roads",
        "description": "路面坑洼",
        "address_string": "迎宾街",
    }
    assert Client().post("/open311/v2/requests.json", post).status_code in (200, 201)

    confirm = client.get(reverse("opinions:key_revoke", args=[key.pk]))
    assert confirm.status_code == 200 and "站点终端" in confirm.content.decode()
    assert ApiClientKey.objects.get().active  # asking is not revoking
    r = client.post(reverse("opinions:key_revoke", args=[key.pk]))
    assert r.status_code == 302 and r["Location"] == KEYS
    assert not ApiClientKey.objects.get().active
    assert Client().post("/open311/v2/requests.json", post).status_code == 403
    listed = client.get(KEYS).content.decode()
    assert reverse("opinions:key_revoke", args=[key.pk]) not in listed  # no second revoke


def test_a_name_is_needed_beside_its_field(cast):
    r = client_for(cast["staff"]).post(KEYS, {"name": "  "})
    assert r.status_code == 422 and 'id="id_name_errors"' in r.content.decode()
    assert not ApiClientKey.objects.exists()


def test_the_page_links_to_the_open311_services(cast):
    html = client_for(cast["staff"]).get(KEYS).content.decode()
    assert "/open311/v2/services.json?jurisdiction_id=jz" in html


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station"])
def test_only_staff_see_and_issue_keys(cast, who):
    client = client_for(cast[who])
    assert client.get(KEYS).status_code == 403
    assert client.post(KEYS, {"name": "x"}).status_code == 403
    assert not ApiClientKey.objects.exists()


def test_staff_of_another_congress_cannot_revoke_ours(cast, org):
    client_for(cast["staff"]).post(KEYS, {"name": "市民通App"})
    key = ApiClientKey.objects.get()
    stranger = client_for(cast["stranger"])
    assert stranger.get(reverse("opinions:key_revoke", args=[key.pk])).status_code == 404
    assert stranger.post(reverse("opinions:key_revoke", args=[key.pk])).status_code == 404
    assert "市民通App" not in stranger.get(KEYS).content.decode()
    assert ApiClientKey.objects.get().active


def test_the_anonymous_visitor_is_sent_to_log_in(db):
    assert Client().get(KEYS).status_code == 302
