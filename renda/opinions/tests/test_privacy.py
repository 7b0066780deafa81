"""A constituent's contact details (and receipt code) reach staff and the station that keeps
the case, never another role: not through the API, the receipt lookup, nor Open311."""

from __future__ import annotations

import json

import pytest
from django.test import Client

import renda.suggestions.tests.test_api as suggestions_api

PRIVATE = ("赵大妈", "13812345678", "zhao@example.cn")


def caller(cast, who):
    return suggestions_api.Caller(cast[who])


@pytest.mark.parametrize("who", ["staff", "station"])
def test_those_who_keep_the_case_see_the_contact_details(cast, referred, who):
    body = caller(cast, who).get(f"/constituent-opinions/{referred.pk}").json()
    assert (body["contact_name"], body["contact_phone"], body["contact_email"]) == PRIVATE
    assert body["receipt_code"] == referred.receipt_code and body["contact_masked"] is False


@pytest.mark.parametrize("who", ["leader", "handler"])
def test_other_roles_that_see_the_case_get_no_contact_details(cast, referred, who):
    for path in (f"/constituent-opinions/{referred.pk}", "/constituent-opinions"):
        text = caller(cast, who).get(path).content.decode()
        for value in (*PRIVATE, referred.receipt_code):
            assert value not in text
    body = caller(cast, who).get(f"/constituent-opinions/{referred.pk}").json()
    assert body["contact_phone"] is None and body["contact_masked"] is True


def test_the_receipt_lookup_never_shows_contact_details(cast, referred):
    text = Client().get(f"/api/v1/constituent-opinions/receipt/{referred.receipt_code}").content
    for value in PRIVATE:
        assert value not in text.decode()


def test_open311_never_shows_contact_details_nor_the_receipt(cast, referred):
    for path in ("requests.json", f"requests/{referred.pk}.json", f"requests/{referred.pk}.xml"):
        text = Client().get(f"/open311/v2/{path}", {"jurisdiction_id": "jz"}).content.decode()
        for value in (*PRIVATE, referred.receipt_code):
            assert value not in text


def test_the_admin_is_not_a_way_round(cast, referred):
    # No admin is registered for opinions: its pages do not exist for anyone.
    client = Client()
    client.force_login(cast["staff"])
    assert client.get("/admin/opinions/constituentopinion/").status_code in (302, 403, 404)


def test_openapi_documents_the_nullable_contact_fields(db):
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    schema = document["components"]["schemas"]["opinions.OpinionOut"]["properties"]
    assert "contact_phone" in schema and "receipt_code" in schema
