"""Writing a suggestion and a motion through the pages: valid input, errors beside fields."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renda.suggestions.models import Attachment, Motion, Suggestion

URL = reverse("suggestions:write")
MOTION_URL = reverse("suggestions:motion_write")


def errors_of(html: str, field_id: str) -> str:
    match = re.search(rf'id="{re.escape(field_id)}_errors"[^>]*>(.*?)</div>', html, re.S)
    return match.group(1) if match else ""


def picker_errors(html: str) -> str:
    """The errors shown under the co-signer or proposer picker."""
    match = re.search(r"data-picker-errors[^>]*>(.*?)</div>", html, re.S)
    return match.group(1) if match else ""


VALID = {"title": "关于改善公交线路的建议", "body": "建议增开公交线路。", "category": "transport"}


@pytest.mark.parametrize("url", [URL, MOTION_URL])
@pytest.mark.parametrize("role", ["staff", "leader", "handler", "station"])
def test_only_deputies_write_suggestions_and_motions(client, cast, role, url):
    client.force_login(cast[role])
    assert client.get(url).status_code == 403
    assert client.post(url, VALID).status_code == 403
    assert not Suggestion.objects.exists()


def test_the_form_offers_serving_deputies_of_the_congress_as_cosigners(client, cast, org):
    client.force_login(cast["deputy"])
    html = client.get(URL).content.decode()
    assert f'value="{org["deputy2"].pk}"' in html and "王建国" in html
    assert f'name="cosigner_ids" value="{org["deputy"].pk}"' not in html  # not oneself
    assert "榆次区代表团" in html


def test_a_deputy_submits_with_a_cosigner_and_a_file(client, cast, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["deputy"])
    data = {
        **VALID,
        "cosigner_ids": [str(org["deputy2"].pk)],
        "attachments": [SimpleUploadedFile("调研.txt", "调研材料".encode())],
    }
    response = client.post(URL, data)
    s = Suggestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("suggestions:detail", args=[s.pk])
    assert s.state == "cosigning" and s.lead_deputy == org["deputy"]
    assert list(s.cosigners.values_list("deputy", flat=True)) == [org["deputy2"].pk]
    assert Attachment.objects.get(suggestion=s).name == "调研.txt"


def test_a_confidential_suggestion_without_cosigners_goes_straight_to_review(client, cast):
    client.force_login(cast["deputy"])
    client.post(URL, {**VALID, "confidential": "on"})
    s = Suggestion.objects.get()
    assert s.state == "submitted" and s.confidential


def test_a_missing_title_shows_beside_it_and_nothing_is_created(client, cast):
    client.force_login(cast["deputy"])
    response = client.post(URL, {**VALID, "title": ""})
    assert response.status_code == 200
    assert errors_of(response.content.decode(), "id_title")
    assert not Suggestion.objects.exists()


def test_a_file_of_a_refused_type_shows_beside_the_files(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["deputy"])
    data = {**VALID, "attachments": [SimpleUploadedFile("工具.exe", b"MZ\x90\x00")]}
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "工具.exe" in errors_of(response.content.decode(), "id_attachments")
    assert not Suggestion.objects.exists() and not Attachment.objects.exists()


def test_a_cosigner_of_another_congress_is_refused(client, cast, org, other_congress):
    from renda.org.models import Deputy, Person, Term

    term = Term.objects.create(
        congress=other_congress, number=1, start_date=datetime.date(2021, 1, 1)
    )
    person = Person.objects.create(congress=other_congress, name="外市代表", gender="M")
    foreign = Deputy.objects.create(
        congress=other_congress,
        term=term,
        person=person,
        card_number="990001",
        electoral_unit=org["electoral_unit"],
        elected_on=datetime.date(2021, 1, 1),
    )
    client.force_login(cast["deputy"])
    response = client.post(URL, {**VALID, "cosigner_ids": [str(foreign.pk)]})
    assert response.status_code == 200
    assert picker_errors(response.content.decode())
    assert not Suggestion.objects.exists()


# --- motions -----------------------------------------------------------------------------


@pytest.fixture
def motion_data(during_session):
    return {**VALID, "session": str(during_session.pk)}


def test_a_deputy_proposes_a_motion_for_their_delegation(client, cast, org, motion_data):
    client.force_login(cast["deputy"])
    response = client.post(MOTION_URL, {**motion_data, "delegation": str(org["delegation"].pk)})
    assert response.status_code == 302
    motion = Motion.objects.get()
    assert motion.delegation == org["delegation"] and motion.number == 1


def test_a_motion_of_too_few_deputies_is_refused_beside_the_proposers(
    client, cast, org, motion_data
):
    client.force_login(cast["deputy"])
    response = client.post(MOTION_URL, {**motion_data, "deputy_ids": [str(org["deputy2"].pk)]})
    assert response.status_code == 200
    assert picker_errors(response.content.decode())
    assert not Motion.objects.exists()
