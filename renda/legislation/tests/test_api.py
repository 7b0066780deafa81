"""The legislation API: drafts public while open, structure to the items, comments from the
public, deputies and stations, the receipt lookup, handling and the report; capped queries."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.legislation.actions.consultations import consultation_close
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import opinion_submit_deputy, opinion_submit_public
from renda.legislation.drafts.akn import validate_akn
from renda.legislation.models import Opinion
from renda.suggestions.tests.test_api import Caller, as_user

from .conftest import DRAFT_V1, DRAFT_V2, SAMPLES, D, on


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def today():
    """Inside the consultation's window."""
    with on(D(2024, 3, 10)):
        yield


@pytest.fixture
def unconsulted(cast, congress):
    return import_draft(actor=cast["staff"], congress=congress, text=DRAFT_V2)


# --- reading drafts --------------------------------------------------------------------------


def test_the_public_sees_only_drafts_open_for_comment(consultation, unconsulted, today):
    r = Caller().get("/drafts")

    assert r.status_code == 200
    assert [d["id"] for d in r.json()["items"]] == [consultation.version_id]
    assert r.json()["items"][0]["consultations"][0]["open_to_public"] is True
    assert Caller().get(f"/drafts/{unconsulted.pk}").status_code == 404


@pytest.mark.parametrize("who", ["staff", "leader", "deputy", "station"])
def test_roles_of_the_congress_see_every_draft(cast, consultation, unconsulted, today, who):
    ids = {d["id"] for d in as_user(cast, who).get("/drafts").json()["items"]}
    assert ids == {consultation.version_id, unconsulted.pk}


@pytest.mark.parametrize("who", ["handler", "stranger"])
def test_other_roles_see_what_the_public_sees(cast, consultation, unconsulted, today, who):
    ids = {d["id"] for d in as_user(cast, who).get("/drafts").json()["items"]}
    assert ids == {consultation.version_id}


def test_a_closed_consultation_takes_its_draft_off_the_public_list(cast, consultation):
    with on(D(2024, 3, 31)):
        assert Caller().get("/drafts").json()["count"] == 0
    consultation_close(consultation=consultation, actor=cast["staff"])
    with on(D(2024, 3, 10)):
        assert Caller().get("/drafts").json()["count"] == 0


def test_a_bad_token_is_refused_not_treated_as_the_public(consultation, today):
    client = Caller()
    client.headers["Authorization"] = "Bearer not-a-token"
    assert client.get("/drafts").status_code == 401


def test_the_detail_has_the_structure_down_to_the_items(cast, congress):
    text = (SAMPLES / "chapters_sections_city.txt").read_text(encoding="utf-8")
    version = import_draft(actor=cast["staff"], congress=congress, text=text)

    r = as_user(cast, "deputy").get(f"/drafts/{version.pk}")

    assert r.status_code == 200
    body = r.json()
    chapter = body["structure"][1]
    assert chapter["kind"] == "chapter" and chapter["children"][0]["kind"] == "section"
    article = next(a for a in chapter["children"][0]["children"] if a["label"] == "第十条")
    paragraph = article["children"][0]
    assert paragraph["kind"] == "paragraph" and paragraph["text"].endswith("下列行为：")
    assert [i["label"] for i in paragraph["children"]][:2] == ["（一）", "（二）"]
    assert body["articles"] == version.articles and body["problems"] == []


def test_a_draft_exports_as_text_and_as_valid_akoma_ntoso(consultation, today):
    text = Caller().get(f"/drafts/{consultation.version_id}/export")
    akn = Caller().get(f"/drafts/{consultation.version_id}/export", format="akn")

    assert "".join(text.content.decode().split()) == "".join(DRAFT_V1.split())
    assert validate_akn(akn.content) == []
    assert (
        Caller().get(f"/drafts/{consultation.version_id}/export", format="pdf").status_code == 422
    )


def test_two_versions_compare_article_by_article(cast, version):
    v2 = import_draft(actor=cast["staff"], regulation=version.regulation, text=DRAFT_V2)

    r = as_user(cast, "staff").get(f"/drafts/{version.pk}/compare/{v2.pk}")

    kinds = [c["kind"] for c in r.json()]
    assert kinds[0] == "unchanged" and "changed" in kinds
    changed = next(c for c in r.json() if c["kind"] == "changed")
    assert "<ins>" in changed["html"] and changed["old_label"] == "第二条"


def test_drafts_list_takes_a_fixed_number_of_queries(cast, congress, consultation, today):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert as_user(cast, "staff").get("/drafts").status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        import_draft(actor=cast["staff"], congress=congress, text=DRAFT_V2)
    assert count() == few <= 8


def test_the_detail_takes_a_fixed_number_of_queries(cast, congress):
    small = import_draft(actor=cast["staff"], congress=congress, text=DRAFT_V1)
    big = import_draft(
        actor=cast["staff"],
        congress=congress,
        text=(SAMPLES / "chapters_toc_beef.txt").read_text(encoding="utf-8"),
    )
    caller = as_user(cast, "staff")

    def count(pk: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert caller.get(f"/drafts/{pk}").status_code == 200
        return len(queries)

    assert count(small.pk) == count(big.pk)


# --- commenting ------------------------------------------------------------------------------


def test_the_public_comments_without_a_token_and_gets_a_receipt(consultation, article, today):
    r = Caller().post(
        f"/drafts/{consultation.version_id}/opinions",
        {"text": "建议明确口罩类型。", "article": article.pk, "name": "王", "contact": "139"},
    )

    assert r.status_code == 201
    body = r.json()
    assert body["state"] == "pending_moderation" and body["article"]["label"] == "第二条"
    assert "王" not in r.content.decode() and "139" not in r.content.decode()
    looked_up = Caller().get(f"/opinions/receipt/{body['receipt_code']}")
    assert looked_up.status_code == 200 and looked_up.json() == body


@pytest.mark.parametrize("code", ["WRONGCODE1234567", "x", "%20"])
def test_a_wrong_receipt_code_reveals_nothing(consultation, today, code):
    opinion_submit_public(consultation=consultation, text="意见", client_ip="1.1.1.1")
    r = Caller().get(f"/opinions/receipt/{code}")
    assert r.status_code == 404 and set(r.json()) == {"detail"}


def test_the_sixth_public_comment_in_an_hour_is_refused_with_429(consultation, today):
    path = f"/drafts/{consultation.version_id}/opinions"
    codes = [Caller().post(path, {"text": f"意见{i}"}).status_code for i in range(6)]
    assert codes == [201] * 5 + [429]
    assert Opinion.objects.count() == 5


def test_behind_the_proxy_the_limit_is_per_client_not_per_proxy(consultation, today, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    path = f"/drafts/{consultation.version_id}/opinions"

    def post(chain: str) -> int:
        client = Caller()
        client.headers["X-Forwarded-For"] = chain
        return client.post(path, {"text": "意见"}).status_code

    assert [post("9.9.9.9, 10.0.0.1") for _ in range(6)][-1] == 429
    assert post("1.2.3.4, 10.0.0.2") == 201  # another client behind the same proxy
    assert post("10.0.0.1") == 429  # a forged first entry does not reset the count


def test_a_deputy_comments_with_a_token(cast, org, consultation, today):
    r = as_user(cast, "deputy").post(
        f"/drafts/{consultation.version_id}/opinions", {"text": "赞成"}
    )

    assert r.status_code == 201 and r.json()["state"] == "received"
    assert Opinion.objects.get().deputy == org["deputy"]


def test_a_station_submits_one_opinion_or_a_batch(
    cast, consultation, contact_point, article, today
):
    point = contact_point.collection_points.first()
    one = as_user(cast, "station").post(
        f"/drafts/{consultation.version_id}/opinions",
        {"text": "联系点意见", "contact_point": contact_point.pk},
    )
    batch = as_user(cast, "station").post(
        f"/drafts/{consultation.version_id}/opinion-batches",
        {
            "contact_point": contact_point.pk,
            "opinions": [
                {"text": "座谈会意见", "source": "seminar", "gathered_on": "2024-03-08"},
                {
                    "text": "采集点意见",
                    "article": article.pk,
                    "source": "collection_point",
                    "collection_point": point.pk,
                    "author_name": "赵",
                },
            ],
        },
    )

    assert one.status_code == 201 and batch.status_code == 201 and len(batch.json()) == 2
    assert sorted(Opinion.objects.values_list("source", flat=True)) == [
        "collection_point",
        "contact_point",
        "seminar",
    ]


def test_a_batch_with_a_collection_point_of_another_contact_point_is_refused(
    cast, consultation, contact_point, other_contact_point, today
):
    from renda.org.models import CollectionPoint

    foreign = CollectionPoint.objects.create(
        congress=consultation.congress,
        contact_point=other_contact_point,
        name="别处",
        established_on=D(2021, 1, 1),
    )
    r = as_user(cast, "station").post(
        f"/drafts/{consultation.version_id}/opinion-batches",
        {
            "contact_point": contact_point.pk,
            "opinions": [
                {"text": "a", "source": "collection_point", "collection_point": foreign.pk}
            ],
        },
    )
    assert r.status_code == 422 and r.json()["field"] == "opinions.0.collection_point"


@pytest.mark.parametrize("who, status", [("staff", 403), ("leader", 403), ("handler", 403)])
def test_other_roles_comment_without_their_token(cast, consultation, today, who, status):
    r = as_user(cast, who).post(f"/drafts/{consultation.version_id}/opinions", {"text": "x"})
    assert r.status_code == status and not Opinion.objects.exists()


def test_comments_on_a_closed_consultation_are_refused_with_409(cast, consultation):
    with on(D(2024, 4, 1)):
        public = Caller().post(f"/drafts/{consultation.version_id}/opinions", {"text": "x"})
        deputy = as_user(cast, "deputy").post(
            f"/drafts/{consultation.version_id}/opinions", {"text": "x"}
        )
    assert public.status_code == 404  # no longer public at all
    assert deputy.status_code == 409 and not Opinion.objects.exists()


def test_an_article_of_another_draft_is_refused_with_its_field(
    cast, consultation, unconsulted, today
):
    other = unconsulted.nodes.filter(kind="article").first()
    r = Caller().post(
        f"/drafts/{consultation.version_id}/opinions", {"text": "x", "article": other.pk}
    )
    assert r.status_code == 422 and r.json()["field"] == "article"


# --- handling and the report -----------------------------------------------------------------


@pytest.fixture
def public_opinion(consultation):
    with on(D(2024, 3, 5)):
        return opinion_submit_public(consultation=consultation, text="意见", client_ip="2.2.2.2")


def test_staff_moderate_and_handle_through_the_api(cast, public_opinion):
    staff = as_user(cast, "staff")

    published = staff.post(f"/opinions/{public_opinion.pk}/actions/publish")
    not_reasoned = staff.post(
        f"/opinions/{public_opinion.pk}/actions/handle", {"outcome": "not_adopted"}
    )
    handled = staff.post(
        f"/opinions/{public_opinion.pk}/actions/handle",
        {"outcome": "not_adopted", "reason": "上位法已有规定。"},
    )

    assert published.json()["state"] == "published"
    assert not_reasoned.status_code == 422 and not_reasoned.json()["field"] == "reason"
    assert handled.status_code == 200 and handled.json()["state"] == "not_adopted"
    receipt = Caller().get(f"/opinions/receipt/{public_opinion.receipt_code}").json()
    assert receipt["reason"] == "上位法已有规定。" and receipt["state_label"]


def test_staff_link_an_adopted_opinion_to_the_later_article(cast, version, consultation, today):
    deputy = opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="改第二条")
    v2 = import_draft(actor=cast["staff"], regulation=version.regulation, text=DRAFT_V2)
    new_art2 = v2.nodes.get(kind="article", number=2)
    staff = as_user(cast, "staff")

    handled = staff.post(
        f"/opinions/{deputy.pk}/actions/handle", {"outcome": "adopted", "led_to": new_art2.pk}
    )
    report = staff.get(f"/consultations/{consultation.pk}/report")

    assert handled.json()["led_to_node"]["id"] == new_art2.pk
    body = report.json()
    assert body["overall"]["adopted"] == 1 and body["adoption_rate"] == 1.0
    assert body["by_source"][0]["source"] == "deputy" and body["next_version"] == v2.pk
    changed = next(c for c in body["changes"] if c["new_article"] == new_art2.pk)
    assert changed["opinions"] == [deputy.pk]
    assert body["links"][0]["change"].endswith("第二条")


@pytest.mark.parametrize("who, status", [("deputy", 404), ("station", 404), ("stranger", 404)])
def test_only_staff_and_leaders_reach_opinions_and_reports(
    cast, consultation, public_opinion, who, status
):
    caller = as_user(cast, who)
    assert caller.post(f"/opinions/{public_opinion.pk}/actions/publish").status_code == status
    assert caller.get(f"/consultations/{consultation.pk}/report").status_code == status
    assert caller.get(f"/consultations/{consultation.pk}/opinions").status_code == status


def test_a_leader_reads_the_report_but_neither_handles_nor_sees_contributors(
    cast, consultation, public_opinion
):
    leader = as_user(cast, "leader")
    assert leader.get(f"/consultations/{consultation.pk}/report").status_code == 200
    assert leader.post(f"/opinions/{public_opinion.pk}/actions/publish").status_code == 403
    assert leader.get(f"/consultations/{consultation.pk}/opinions").status_code == 403


def test_the_handling_list_shows_contributors_to_staff_in_a_fixed_number_of_queries(
    cast, consultation, contact_point, today
):
    staff = as_user(cast, "staff")
    path = f"/consultations/{consultation.pk}/opinions"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(path).status_code == 200
        return len(queries)

    opinion_submit_deputy(consultation=consultation, actor=cast["deputy"], text="一")
    few = count()
    opinion_submit_deputy(consultation=consultation, actor=cast["deputy2"], text="二")
    opinion_submit_public(consultation=consultation, text="三", client_ip="3.3.3.3", name="钱")
    items = staff.get(path).json()["items"]
    assert count() == few
    assert [i["contributor"] for i in items] == ["李秀兰", "王建国", "钱"]
    assert staff.get(path, source="public").json()["count"] == 1
