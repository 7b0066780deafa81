"""Staff's regulation pages: the list with stage badges, listing one, recording stages with
their dates, stage documents, importing versions (problems listed), export and comparison."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.regulations import regulation_advance
from renda.legislation.models import DraftVersion, Regulation, RegulationState, StageDocument

from .conftest import DRAFT_V2, SAMPLES, D, on


@pytest.fixture
def regulation(version):
    return version.regulation


def test_staff_and_leaders_see_the_regulations_with_their_stage(client, cast, regulation):
    for role in ("staff", "leader"):
        client.force_login(cast[role])
        html = client.get(reverse("legislation:regulations")).content.decode()
        assert f'data-regulation="{regulation.pk}"' in html
        assert 'data-stage="drafting"' in html
    assert "regulation_new" not in html and reverse("legislation:regulation_new") not in html


@pytest.mark.parametrize("role", ["deputy", "station", "handler"])
def test_other_roles_are_refused_the_regulation_pages(client, cast, regulation, role):
    client.force_login(cast[role])
    assert client.get(reverse("legislation:regulations")).status_code == 403
    assert client.get(reverse("legislation:regulation", args=[regulation.pk])).status_code == 403


def test_staff_list_a_regulation_in_the_plan(client, cast, congress):
    client.force_login(cast["staff"])
    with on(D(2024, 2, 1)):
        response = client.post(
            reverse("legislation:regulation_new"),
            {"title": "晋中市物业管理条例", "kind": "new", "planned_on": "2024-01-15"},
        )
    regulation = Regulation.objects.get()
    assert response["Location"] == reverse("legislation:regulation", args=[regulation.pk])
    assert (regulation.state, regulation.planned_on) == (RegulationState.PLAN, D(2024, 1, 15))


def test_a_leader_cannot_list_a_regulation(client, cast):
    client.force_login(cast["leader"])
    assert client.get(reverse("legislation:regulation_new")).status_code == 403


def test_staff_record_the_first_reading_with_its_date(client, cast, regulation):
    client.force_login(cast["staff"])
    url = reverse("legislation:regulation_advance", args=[regulation.pk])
    with on(D(2024, 4, 20)):
        future = client.post(url, {"action": "first_reading", "on": "2024-05-01"})
        assert future.status_code == 422 and 'id="id_on_errors"' in future.content.decode()
        assert client.post(url, {"action": "first_reading", "on": "2024-04-18"}).status_code == 302
        html = client.get(reverse("legislation:regulation", args=[regulation.pk])).content.decode()
    regulation.refresh_from_db()
    assert (regulation.state, regulation.first_reading_on) == ("first_reading", D(2024, 4, 18))
    timeline = html[html.index("data-stages") :]
    assert 'class="reached current" data-stage="first_reading"' in timeline
    assert "2024-04-18" in timeline


def test_an_action_not_available_is_refused_beside_the_field(client, cast, regulation):
    client.force_login(cast["staff"])
    response = client.post(
        reverse("legislation:regulation_advance", args=[regulation.pk]),
        {"action": "promulgate", "on": "2024-03-01"},
    )
    assert response.status_code == 422 and 'id="id_action_errors"' in response.content.decode()


def test_a_leader_cannot_record_a_stage(client, cast, regulation):
    client.force_login(cast["leader"])
    url = reverse("legislation:regulation_advance", args=[regulation.pk])
    assert client.post(url, {"action": "first_reading", "on": "2024-03-01"}).status_code == 403


def test_staff_upload_a_stage_document_and_download_it(
    client, cast, regulation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["staff"])
    upload = SimpleUploadedFile("说明.txt", "关于草案的说明".encode(), content_type="text/plain")
    response = client.post(
        reverse("legislation:document_add", args=[regulation.pk]),
        {"stage": "drafting", "title": "起草说明", "file": upload},
    )
    assert response.status_code == 302
    document = StageDocument.objects.get()
    html = client.get(reverse("legislation:regulation", args=[regulation.pk])).content.decode()
    assert "起草说明" in html
    download = client.get(reverse("legislation:document", args=[regulation.pk, document.pk]))
    assert b"".join(download.streaming_content) == "关于草案的说明".encode()


def test_a_refused_upload_is_shown_beside_the_file(client, cast, regulation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast["staff"])
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("legislation:document_add", args=[regulation.pk]),
        {"stage": "drafting", "title": "程序", "file": upload},
    )
    assert response.status_code == 422 and 'id="id_file_errors"' in response.content.decode()
    assert not StageDocument.objects.exists()


def test_staff_import_pasted_text_and_see_the_problems_listed(client, cast, regulation):
    client.force_login(cast["staff"])
    text = (SAMPLES / "broken_skipped_article.txt").read_text(encoding="utf-8")
    response = client.post(
        reverse("legislation:import", args=[regulation.pk]), {"text": text, "label": "修改稿"}
    )
    version = DraftVersion.objects.get(number=2)
    assert response["Location"] == reverse("legislation:draft", args=[version.pk])
    html = client.get(response["Location"]).content.decode()
    assert "data-problems" in html
    assert version.problems[0]["text"][:10] in html


def test_staff_import_an_uploaded_text_file(client, cast, regulation):
    client.force_login(cast["staff"])
    upload = SimpleUploadedFile("v2.txt", DRAFT_V2.encode("utf-8"), content_type="text/plain")
    response = client.post(reverse("legislation:import", args=[regulation.pk]), {"file": upload})
    assert response.status_code == 302
    assert DraftVersion.objects.get(number=2).source_name == "v2.txt"


def test_input_that_is_no_draft_is_refused_beside_the_file(client, cast, regulation):
    client.force_login(cast["staff"])
    response = client.post(reverse("legislation:import", args=[regulation.pk]), {"text": "你好"})
    assert response.status_code == 422 and 'id="id_file_errors"' in response.content.decode()
    empty = client.post(reverse("legislation:import", args=[regulation.pk]), {"text": ""})
    assert empty.status_code == 422 and 'role="alert"' in empty.content.decode()
    assert DraftVersion.objects.count() == 1


def test_staff_compare_two_versions_article_by_article(client, cast, regulation):
    later = import_draft(actor=cast["staff"], regulation=regulation, text=DRAFT_V2)
    first = regulation.versions.get(number=1)
    client.force_login(cast["leader"])
    url = reverse("legislation:compare", args=[regulation.pk])
    html = client.get(url, {"old": first.pk, "new": later.pk}).content.decode()
    assert html.count('data-change="changed"') == 2
    assert 'data-change="unchanged"' not in html
    assert "<ins>" in html and "<del>" in html and "white-space: pre-line" in html
    everything = client.get(url, {"old": first.pk, "new": later.pk, "all": "1"}).content.decode()
    assert everything.count('data-change="unchanged"') == 2


def test_the_regulation_page_offers_export_and_compare(client, cast, regulation):
    later = import_draft(actor=cast["staff"], regulation=regulation, text=DRAFT_V2)
    client.force_login(cast["staff"])
    html = client.get(reverse("legislation:regulation", args=[regulation.pk])).content.decode()
    assert reverse("legislation:export", args=[later.pk, "akn"]) in html
    assert reverse("legislation:compare", args=[regulation.pk]) in html
    text = client.get(reverse("legislation:export", args=[later.pk, "text"])).content.decode()
    assert "规范佩戴口罩" in text


def test_stages_list_their_dates_in_order(client, cast, regulation):
    with on(D(2024, 5, 1)):
        regulation_advance(
            regulation=regulation, action="first_reading", actor=cast["staff"], on=D(2024, 4, 25)
        )
    client.force_login(cast["staff"])
    html = client.get(reverse("legislation:regulation", args=[regulation.pk])).content.decode()
    order = [
        html.index(f'data-stage="{s}"') for s in ("plan", "drafting", "first_reading", "adopted")
    ]
    assert order == sorted(order)
