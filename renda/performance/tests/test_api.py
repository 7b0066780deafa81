"""The performance API: records and scores by the pages' rules, rankings paged and filtered,
scoring rules read and replaced by staff, manual entries with evidence; refusals as JSON."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.performance.actions import manual_entry_create
from renda.performance.models import ActKind, ManualEntry, ScoringRule

from .test_pages_rankings import more_deputies
from .test_pages_score import worked  # noqa: F401  (fixture)
from .test_scoring import delegations  # noqa: F401  (fixture)

D = datetime.date
K = ActKind
API = "/api/v1"
PDF = b"%PDF-1.4 sign-in sheet"


def test_a_deputy_reads_their_record(in_2024, api, acts, org):
    deputy = org["deputy"]
    acts.suggestion(deputy, D(2024, 3, 1))
    acts.activity([deputy], D(2024, 4, 1), kind="reception", constituents=12)
    acts.training([deputy], D(2023, 5, 1))
    r = api("deputy").get(f"/performance/records/{deputy.pk}")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["deputy"] == {"id": deputy.pk, "name": "李秀兰"}
    assert (body["year"], body["years"], body["total_acts"]) == (2024, [2024, 2023], 2)
    assert body["constituents_received"] == 12
    assert body["counts"] == {"suggestion": 1, "reception": 1}
    first = body["items"][0]
    assert first["kind"] == "suggestion" and first["url"].startswith("/suggestions/")
    assert first["source"] == "suggestions.suggestion" and first["date"] == "2024-03-01"
    r = api("deputy").get(f"/performance/records/{deputy.pk}", year=2023)
    assert r.json()["counts"] == {"training": 1}


def test_a_score_is_the_worked_example(in_2024, api, worked):  # noqa: F811
    r = api("deputy").get(f"/performance/scores/{worked.pk}", year=2024)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["total"] == 47.5 and body["default_rules"] is False
    lines = {line["kind"]: line for line in body["lines"]}
    assert list(lines) == ["session", "suggestion", "cosigned", "activity", "training"]
    assert lines["suggestion"] == {
        "kind": "suggestion",
        "kind_label": "Suggestion submitted",
        "count": 2,
        "points_each": 5.0,
        "points": 10.0,
        "cap": 8.0,
        "capped": 8.0,
        "cap_bites": True,
        "weight": 1.0,
        "weighted": 8.0,
    }
    assert lines["activity"]["weighted"] == 13.5 and lines["activity"]["cap_bites"] is False


@pytest.mark.parametrize("path", ["records", "scores"])
@pytest.mark.parametrize(
    "who, status",
    [
        ("staff", 200),
        ("leader", 200),
        ("deputy", 403),
        ("handler", 403),
        ("station", 403),
        ("stranger", 404),
        (None, 401),
    ],
)
def test_who_reads_another_deputys_record_and_score(api, org, path, who, status):
    r = api(who).get(f"/performance/{path}/{org['deputy2'].pk}")
    assert r.status_code == status
    assert ("detail" in r.json()) is (status != 200)


def test_bad_input_is_422_or_404(api, org):
    staff = api("staff")
    assert staff.get(f"/performance/records/{org['deputy'].pk}", year="x").status_code == 422
    assert staff.get(f"/performance/records/{org['deputy'].pk}", year=1000).status_code == 422
    assert staff.get("/performance/records/999999").status_code == 404
    assert staff.get("/performance/scores/0").status_code == 422


# --- rankings -----------------------------------------------------------------------------------


def test_rankings_are_paged_and_filtered(in_2024, api, delegations):  # noqa: F811
    staff = api("staff")
    r = staff.get("/performance/rankings", year=2024)
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["count"] == 5
    assert [
        (i["group"] and i["group"]["name"], i["rank"], i["deputy"]["name"], i["total"])
        for i in body["items"]
    ] == [
        ("太谷区代表团", 1, "赵敏", 4.0),
        ("榆次区代表团", 1, "李秀兰", 5.0),
        ("榆次区代表团", 1, "王建国", 5.0),
        ("榆次区代表团", 3, "孙立", 4.0),
        (None, 1, "钱进", 0.0),
    ]
    assert body["items"][1]["counts"] == {"suggestion": 1}
    assert body["items"][1]["points"] == {"suggestion": 5.0}
    page2 = staff.get("/performance/rankings", year=2024, page=2, page_size=2).json()
    assert [i["deputy"]["name"] for i in page2["items"]] == ["王建国", "孙立"]
    by_station = staff.get("/performance/rankings", year=2024, by="station").json()
    assert {i["group"]["name"] for i in by_station["items"]} == {
        "锦纶街道人大代表联络站",
        "郭家堡乡人大代表联络站",
    }
    one = staff.get("/performance/rankings", group=delegations["other"].pk).json()
    assert [i["deputy"]["name"] for i in one["items"]] == ["赵敏"]
    assert staff.get("/performance/rankings", by="party").status_code == 422


@pytest.mark.parametrize(
    "who, status", [("leader", 200), ("deputy", 403), ("handler", 403), ("station", 403)]
)
def test_who_sees_the_rankings(api, org, who, status):
    assert api(who).get("/performance/rankings").status_code == status


def test_the_rankings_cost_the_same_for_few_or_many(
    in_2024, api, congress, org, acts, django_assert_max_num_queries
):
    """Computed and read from the cache, the same queries for 5 or 45 deputies (rows made
    directly leave no event: the cache is emptied after them, as a real change would)."""
    staff = api("staff")
    more_deputies(congress, org, acts, 3, 0)
    cache.clear()
    with django_assert_max_num_queries(20) as few:
        assert staff.get("/performance/rankings").json()["count"] == 5
    with django_assert_max_num_queries(6) as few_cached:
        assert staff.get("/performance/rankings").json()["count"] == 5
    more_deputies(congress, org, acts, 40, 3)
    cache.clear()
    with django_assert_max_num_queries(20) as many:
        assert staff.get("/performance/rankings", page_size=100).json()["count"] == 45
    with django_assert_max_num_queries(6) as many_cached:
        assert staff.get("/performance/rankings", page_size=100).json()["count"] == 45
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many_cached.captured_queries) == len(few_cached.captured_queries)


# --- scoring rules -----------------------------------------------------------------------------


def test_staff_read_and_replace_the_rules(api, congress):
    staff = api("staff")
    body = staff.get("/performance/scoring-rules").json()
    assert body["default_rules"] is True and len(body["rules"]) == len(K.values)
    r = staff.client.put(
        API + "/performance/scoring-rules",
        {
            "rules": [
                {"kind": "suggestion", "points": 6, "cap": 30},
                {"kind": "training", "points": "4.5", "weight": 2},
            ]
        },
        content_type="application/json",
        headers=staff.headers,
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["default_rules"] is False
    assert body["rules"] == [
        {
            "kind": "suggestion",
            "kind_label": "Suggestion submitted",
            "points": 6.0,
            "cap": 30.0,
            "weight": 1.0,
        },
        {
            "kind": "training",
            "kind_label": "Training attended",
            "points": 4.5,
            "cap": None,
            "weight": 2.0,
        },
    ]
    assert ScoringRule.objects.filter(congress=congress).count() == 2


def put_rules(caller, rules):
    return caller.client.put(
        API + "/performance/scoring-rules",
        {"rules": rules},
        content_type="application/json",
        headers=caller.headers,
    )


@pytest.mark.parametrize(
    "rules, status",
    [
        ([], 422),
        ([{"kind": "nonsense", "points": 1}], 422),
        ([{"kind": "suggestion", "points": -1}], 422),
        ([{"kind": "suggestion", "points": 1, "weight": 100}], 422),
        ([{"kind": "suggestion", "points": 1.001}], 422),
        ([{"kind": "suggestion", "points": 1}, {"kind": "suggestion", "points": 2}], 422),
    ],
)
def test_bad_rules_are_refused_and_nothing_changes(api, congress, rules, status):
    r = put_rules(api("staff"), rules)
    assert r.status_code == status and "detail" in r.json()
    assert not ScoringRule.objects.exists()


@pytest.mark.parametrize(
    "who, status", [("leader", 403), ("deputy", 403), ("handler", 403), (None, 401)]
)
def test_only_staff_read_and_set_the_rules(api, congress, who, status):
    caller = api(who)
    assert caller.get("/performance/scoring-rules").status_code == status
    assert put_rules(caller, [{"kind": "suggestion", "points": 1}]).status_code == status
    # The role is checked before the body (issue 15: a bad body got a 422 that taught its shape).
    assert put_rules(caller, "not rules").status_code == status
    assert not ScoringRule.objects.exists()


# --- manual entries ----------------------------------------------------------------------------


def post_entry(caller, data, evidence=None):
    files = {"evidence": evidence} if evidence is not None else {}
    return caller.client.post(
        API + "/performance/entries", {**data, **files}, headers=caller.headers
    )


def test_staff_enter_an_act_with_evidence_and_delete_it(in_2024, api, org, media):
    staff = api("staff")
    r = post_entry(
        staff,
        {"deputy": org["deputy"].pk, "kind": "session", "date": "2024-01-23", "title": "出席大会"},
        SimpleUploadedFile("签到表.pdf", PDF, content_type="application/pdf"),
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["deputy"]["name"] == "李秀兰" and body["year"] == 2024
    assert body["evidence_name"] == "签到表.pdf"
    assert body["evidence_url"] == f"/api/v1/performance/entries/{body['id']}/evidence"
    file = staff.client.get(body["evidence_url"], headers=staff.headers)
    assert file.status_code == 200 and b"".join(file.streaming_content) == PDF
    own = api("deputy")
    assert own.client.get(body["evidence_url"], headers=own.headers).status_code == 200
    other = api("deputy2")
    assert other.client.get(body["evidence_url"], headers=other.headers).status_code == 404

    listed = staff.get("/performance/entries", deputy=org["deputy"].pk).json()
    assert [e["id"] for e in listed["items"]] == [body["id"]]
    r = staff.client.delete(API + f"/performance/entries/{body['id']}", headers=staff.headers)
    assert r.status_code == 204
    assert not ManualEntry.objects.exists()
    assert staff.get(f"/performance/entries/{body['id']}").status_code == 404


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kind": "suggestion"}, "kind"),
        ({"date": "2030-01-01"}, "date"),
        ({"title": " "}, "title"),
        ({"deputy": 999999}, "deputy"),
    ],
)
def test_bad_entries_are_422_naming_the_field(in_2024, api, org, change, field):
    data = {
        "deputy": org["deputy"].pk,
        "kind": "session",
        "date": "2024-01-23",
        "title": "出席大会",
    }
    r = post_entry(api("staff"), {**data, **change})
    assert r.status_code == 422 and r.json()["field"] == field
    assert not ManualEntry.objects.exists()


def test_bad_evidence_is_422(in_2024, api, org, media):
    data = {
        "deputy": org["deputy"].pk,
        "kind": "session",
        "date": "2024-01-23",
        "title": "出席大会",
    }
    r = post_entry(api("staff"), data, SimpleUploadedFile("x.exe", b"MZ"))
    assert r.status_code == 422 and r.json()["field"] == "evidence"
    assert not ManualEntry.objects.exists()


@pytest.mark.parametrize("who", ["leader", "deputy", "handler", "station"])
def test_only_staff_list_enter_and_delete_entries(in_2024, api, cast, org, who):
    entry = manual_entry_create(
        actor=cast["staff"], deputy=org["deputy"], kind="other", date=D(2024, 2, 1), title="x"
    )
    caller = api(who)
    assert caller.get("/performance/entries").status_code == 403
    assert caller.get(f"/performance/entries/{entry.pk}").status_code == 403
    data = {"deputy": org["deputy"].pk, "kind": "session", "date": "2024-01-23", "title": "t"}
    assert post_entry(caller, data).status_code == 403
    r = caller.client.delete(API + f"/performance/entries/{entry.pk}", headers=caller.headers)
    assert r.status_code == 403
    assert ManualEntry.objects.count() == 1


def test_staff_of_another_congress_do_not_see_our_entries(in_2024, api, cast, org):
    entry = manual_entry_create(
        actor=cast["staff"], deputy=org["deputy"], kind="other", date=D(2024, 2, 1), title="x"
    )
    stranger = api("stranger")
    assert stranger.get("/performance/entries").json()["count"] == 0
    assert stranger.get(f"/performance/entries/{entry.pk}").status_code == 404
    r = stranger.client.delete(API + f"/performance/entries/{entry.pk}", headers=stranger.headers)
    assert r.status_code == 404


def test_the_entry_list_filters_and_costs_the_same_for_few_or_many(
    in_2024, api, cast, org, django_assert_max_num_queries
):
    staff = api("staff")

    def add(n, kind="other"):
        for i in range(n):
            manual_entry_create(
                actor=cast["staff"],
                deputy=org["deputy"] if i % 2 else org["deputy2"],
                kind=kind,
                date=D(2024, 2, 1 + i % 20),
                title=f"履职{i}",
            )

    add(2)
    with django_assert_max_num_queries(6) as few:
        assert staff.get("/performance/entries").json()["count"] == 2
    add(30, kind="inspection")
    with django_assert_max_num_queries(6) as many:
        assert staff.get("/performance/entries", page_size=50).json()["count"] == 32
    assert len(many.captured_queries) == len(few.captured_queries)
    assert staff.get("/performance/entries", kind="inspection").json()["count"] == 30
    assert staff.get("/performance/entries", year=2023).json()["count"] == 0
    assert staff.get("/performance/entries", kind="nonsense").status_code == 422


@pytest.mark.parametrize("path", ["records", "scores"])
def test_a_record_and_a_score_cost_the_same_for_few_or_many_acts(
    in_2024, api, acts, org, path, django_assert_max_num_queries
):
    deputy = org["deputy"]
    caller = api("deputy")

    def act(n):
        for day in range(1, n + 1):
            acts.suggestion(deputy, D(2024, 3, day))
            acts.activity([deputy], D(2024, 4, day), kind="reception", constituents=2)
            acts.training([deputy], D(2024, 5, day))

    act(1)
    with django_assert_max_num_queries(18) as few:
        assert caller.get(f"/performance/{path}/{deputy.pk}").status_code == 200
    act(20)
    with django_assert_max_num_queries(18) as many:
        assert caller.get(f"/performance/{path}/{deputy.pk}").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
