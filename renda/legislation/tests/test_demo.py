"""The demo year's legislation: the work report's 2024 figures, the drafts, and work waiting now."""

from __future__ import annotations

import datetime
import io
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from renda.accounts.models import User
from renda.core.deadlines import waiting_for
from renda.core.models import Deadline, Event
from renda.core.workflow import ActionConflict, history
from renda.legislation.actions.consultations import STATION_DEADLINE
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.drafts.akn import validate_akn
from renda.legislation.drafts.parser import parse_text
from renda.legislation.models import (
    Consultation,
    DraftNode,
    DraftVersion,
    Opinion,
    OpinionSource,
    Regulation,
    TopicAnswer,
    TopicSolicitation,
)
from renda.legislation.queries import (
    awaiting_moderation,
    compare_versions,
    consultation_report,
    version_akn,
    version_text,
)
from renda.legislation.rules import accepts, operates_contact_point
from renda.legislation.schemas import BATCH_SOURCES
from renda.legislation.workflow import AWAITING_HANDLING, COUNTED_OPINIONS
from renda.org.models import LegislativeContactPoint

MODULES = ["org", "legislation"]
TITLES_2024 = {
    "晋中市左权县红色文化遗址保护利用条例": "new",
    "晋中市集中式饮用水水源地保护条例": "new",
    "晋中市生活垃圾分类管理条例": "new",
    "晋中市地方立法条例": "revision",
}
MASKS = "晋中市餐饮从业人员佩戴口罩规定"
BEEF = "晋中市平遥牛肉传统加工技艺传承保护条例"
STAGES = ("planned_on", "drafting_on", "first_reading_on", "second_reading_on", "adopted_on")
LATER = ("approved_on", "promulgated_on", "in_force_on")


def build() -> None:
    call_command("demo", only=MODULES, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        build()
    yield
    with django_db_blocker.unblock():
        from renda.demo import clear

        clear()


pytestmark = [pytest.mark.usefixtures("demo"), pytest.mark.django_db]


def regulations_2024() -> list[Regulation]:
    return list(Regulation.objects.filter(adopted_on__year=2024).order_by("adopted_on"))


def consultations_2024() -> list[Consultation]:
    return list(Consultation.objects.filter(opens_on__year=2024).order_by("opens_on"))


def open_consultation() -> Consultation:
    return Consultation.objects.get(version__regulation__title=MASKS)


def user(username: str) -> User:
    return User.objects.get(username=username)


# --- the 2024 figures ---------------------------------------------------------------------------


def test_stats_for_2024_show_three_made_one_revised_400_opinions_and_20_adopted():
    out = io.StringIO()
    call_command("stats", year=2024, json=True, stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["regulations_made"] == 3
    assert figures["regulations_revised"] == 1
    assert 400 < figures["draft_opinions"] < 500
    assert 20 < figures["draft_opinions_adopted"] < 30
    # Counted from rows: what moderation kept out is no opinion.
    counted = Opinion.objects.filter(submitted_at__year=2024, state__in=COUNTED_OPINIONS)
    assert figures["draft_opinions"] == counted.count()
    assert Opinion.objects.filter(submitted_at__year=2024, state="rejected").exists()


def test_the_four_regulations_of_2024_went_through_every_stage_in_order():
    rows = regulations_2024()
    assert {r.title: r.kind for r in rows} == TITLES_2024
    for r in rows:
        assert r.state == "in_force" and r.plan_year == 2024
        days = [getattr(r, name) for name in STAGES + LATER]
        assert days == sorted(days), r.title
        assert r.second_reading_on == r.adopted_on  # voted at the second reading's meeting
        assert 25 <= (r.approved_on - r.adopted_on).days <= 65  # the province approves
        assert r.drafting_body is not None
        stage_events = [e for e in history(r) if e.data.get("date")]
        assert [e.action for e in stage_events] == [
            "create", "start_drafting", "first_reading", "second_reading", "adopt", "approve",
            "promulgate", "enter_into_force",
        ]  # fmt: skip
        for e in stage_events[1:]:
            assert e.at.date() >= datetime.date.fromisoformat(e.data["date"])
            assert e.to_state and e.from_state and e.actor.username == "staff"


def test_the_revision_revises_the_original_lawmaking_regulation():
    revision = Regulation.objects.get(kind="revision")
    assert revision.of_regulation.title == revision.title == "晋中市地方立法条例"
    assert revision.of_regulation.adopted_on.year == 2016
    assert "80%" in revision.summary


def test_every_2024_draft_version_parses_cleanly_and_exports_valid_akoma_ntoso():
    versions = DraftVersion.objects.filter(regulation__in=regulations_2024())
    assert Counter(v.regulation_id for v in versions) == {r.pk: 2 for r in regulations_2024()}
    for v in versions:
        assert v.problems == [] and parse_text(v.source_text).is_clean
        assert 20 <= v.articles <= 50 and v.chapters >= 6
        assert parse_text(version_text(v)).counts()["articles"] == v.articles
        assert validate_akn(version_akn(v)) == []


def test_each_second_reading_draft_changes_adds_or_removes_articles_of_the_first():
    for r in regulations_2024():
        first, second = r.versions.order_by("number")
        assert first.stage == "drafting" and second.stage == "first_reading"
        kinds = Counter(diff.kind for diff in compare_versions(first, second))
        assert kinds["changed"] >= 3 and kinds["added"] + kinds["removed"] >= 1
        assert kinds["unchanged"] > kinds["changed"]


def test_several_adopted_opinions_are_linked_to_the_article_they_changed():
    for c in consultations_2024():
        report = consultation_report(c)
        linked = [o for o in report.links if o.led_to_node_id]
        assert len(linked) >= 3
        for o in linked:
            assert o.led_to_node.version == report.next_version
            assert o.state in ("adopted", "partly_adopted") and o.article is not None
            assert "link_change" in [e.action for e in history(o)]
        assert report.overall.total > 90 and report.pending_moderation == 0


def test_opinions_not_adopted_or_partly_adopted_give_the_reason():
    handled = Opinion.objects.filter(state__in=("not_adopted", "partly_adopted"))
    assert handled.count() > 300
    assert not handled.filter(handling_reason="").exists()
    assert not Opinion.objects.filter(submitted_at__year=2024, state__in=AWAITING_HANDLING).exists()


# --- the contact points ------------------------------------------------------------------------


def test_most_2024_opinions_came_in_batches_from_the_eleven_contact_points():
    counted = Opinion.objects.filter(submitted_at__year=2024, state__in=COUNTED_OPINIONS)
    sources = Counter(counted.values_list("source", flat=True))
    gathered = sum(sources[s] for s in BATCH_SOURCES)
    assert gathered > 0.75 * counted.count()
    assert sources["deputy"] >= 20 and sources["public"] >= 20
    assert {"seminar", "collection_point", "contact_point", "letter"} <= set(sources)
    per_point = counted.exclude(contact_point=None).values("consultation", "contact_point")
    assert per_point.distinct().count() == 4 * 11  # every point answered every consultation


def test_each_contact_points_opinions_keep_their_source_and_its_own_collection_points():
    points = LegislativeContactPoint.objects.select_related("station")
    assert points.count() == 11
    for point in points:
        opinions = Opinion.objects.filter(contact_point=point).select_related(
            "collection_point", "submitted_by"
        )
        assert opinions.exists()
        for o in opinions:
            assert o.source in BATCH_SOURCES
            assert operates_contact_point(o.submitted_by, point)
            assert o.gathered_on is not None and o.gathered_on <= o.submitted_at.date()
            if o.source == OpinionSource.COLLECTION_POINT:
                assert o.collection_point.contact_point_id == point.pk
                assert o.collection_point.established_on <= o.gathered_on
            else:
                assert o.collection_point is None


def test_a_batch_closed_its_stations_deadline_and_the_window_closed_the_rest():
    ct = ContentType.objects.get_for_model(Consultation)
    for c in consultations_2024():
        deadlines = Deadline.objects.filter(content_type=ct, object_id=c.pk)
        assert deadlines.count() == 11
        assert not deadlines.filter(closed_at=None).exists()
        assert all(d.kind.startswith(f"{STATION_DEADLINE}:") for d in deadlines)


# --- now ---------------------------------------------------------------------------------------


def test_the_mask_rules_are_open_for_comment_from_ten_days_ago_for_thirty_days():
    c = open_consultation()
    today = timezone.localdate()
    assert c.state == "open" and c.version.regulation.state == "first_reading"
    assert c.opens_on == today - datetime.timedelta(days=10)
    assert c.closes_on == today + datetime.timedelta(days=20)
    assert Regulation.objects.get(title=BEEF).state == "drafting"
    assert DraftVersion.objects.get(regulation__title=BEEF).chapters == 6


def test_only_the_open_consultation_accepts_comments_today():
    for c in Consultation.objects.all():
        is_open = c.version.regulation.title == MASKS
        assert all(
            accepts(c, audience) == is_open for audience in ("public", "deputies", "contact_points")
        )


def test_the_deputy_and_the_public_can_comment_on_the_open_draft_but_not_on_a_closed_one():
    c = open_consultation()
    article = DraftNode.objects.get(version=c.version, kind="article", number=6)
    o = opinion_submit_deputy(consultation=c, actor=user("deputy"), text="建议明确口罩更换频次。")
    assert o.state == "received" and o.article is None
    p = opinion_submit_public(consultation=c, text="赞成。", client_ip="10.0.0.9", article=article)
    assert p.state == "pending_moderation"
    with pytest.raises(ActionConflict):
        opinion_submit_deputy(consultation=consultations_2024()[0], actor=user("deputy"), text="迟")


def test_the_station_operator_can_submit_its_contact_points_batch_today():
    station = user("station")
    point = LegislativeContactPoint.objects.get(station=station.station)
    c = open_consultation()
    assert not Opinion.objects.filter(consultation=c, contact_point=point).exists()
    made = opinion_batch_submit(
        consultation=c,
        actor=station,
        contact_point=point,
        opinions=[GatheredOpinion(text="座谈会意见", source="seminar")],
    )
    assert len(made) == 1
    assert not waiting_for(station).filter(kind__startswith=STATION_DEADLINE).exists()


def test_the_open_consultation_already_has_a_batch_deputies_and_public_posts():
    c = open_consultation()
    states = Counter(c.opinions.values_list("state", flat=True))
    sources = Counter(c.opinions.values_list("source", flat=True))
    assert states["pending_moderation"] >= 3 and states["published"] >= 2
    assert states["received"] >= 8 and states["rejected"] == 1
    assert sources["deputy"] >= 3
    assert c.opinions.exclude(contact_point=None).values("contact_point").distinct().count() == 1
    assert not c.opinions.filter(state__in=("adopted", "partly_adopted", "not_adopted")).exists()


def test_staff_have_posts_to_moderate_and_opinions_to_handle():
    congress_id = user("staff").congress_id
    assert awaiting_moderation(congress_id).count() >= 3
    assert open_consultation().opinions.filter(state__in=AWAITING_HANDLING).count() >= 10


def test_the_station_operator_and_the_deputies_have_legislation_work_waiting():
    consultation = ContentType.objects.get_for_model(Consultation)
    topics = ContentType.objects.get_for_model(TopicSolicitation)
    station = waiting_for(user("station"))
    assert station.filter(content_type=consultation, kind__startswith=STATION_DEADLINE).exists()
    for username in ("deputy", "deputy2"):
        assert waiting_for(user(username)).filter(content_type=topics, kind="answers").exists()
    open_deadlines = Deadline.objects.filter(
        content_type=consultation, object_id=open_consultation().pk, closed_at=None
    )
    assert open_deadlines.count() == 10  # one contact point has submitted already


def test_agenda_topics_one_open_until_next_week_and_one_closed_with_a_summary():
    today = timezone.localdate()
    open_one = TopicSolicitation.objects.get(state="open")
    assert open_one.deadline == today + datetime.timedelta(days=7)
    assert not TopicAnswer.objects.filter(
        topic__solicitation=open_one, deputy=user("deputy").deputy
    ).exists()
    closed = TopicSolicitation.objects.annotate(n=Count("topics__answers")).get(state="closed")
    assert closed.n >= 22 and closed.summary and closed.closed_at
    assert [e.action for e in history(closed)][-1] == "close"


def test_every_event_is_in_the_past_and_each_opinion_starts_with_its_submission():
    types = ContentType.objects.get_for_models(
        Regulation, Consultation, Opinion, TopicSolicitation
    ).values()
    assert not Event.objects.filter(content_type__in=types, at__gt=timezone.now()).exists()
    sample = Opinion.objects.order_by("?")[:40]
    for o in sample:
        events = list(history(o))
        assert events[0].action == "submit" and events[-1].to_state == o.state
        assert [e.at for e in events] == sorted(e.at for e in events)


def test_building_again_gives_the_same_rows():
    def counts() -> dict[str, Any]:
        return {
            "regulations": sorted(Regulation.objects.values_list("title", "state")),
            "versions": DraftVersion.objects.count(),
            "nodes": DraftNode.objects.count(),
            "opinions": Counter(Opinion.objects.values_list("source", "state")),
            "events": Counter(Event.objects.values_list("action", flat=True)),
            "deadlines": Deadline.objects.filter(closed_at=None).count(),
            "answers": TopicAnswer.objects.count(),
        }

    before = counts()
    build()
    assert counts() == before


def test_demo_deadlines_store_the_message_and_its_values_not_a_translation():
    from django.utils import translation

    ct = ContentType.objects.get_for_models(Consultation, TopicSolicitation).values()
    deadlines = Deadline.objects.filter(content_type__in=ct)
    assert {d.what for d in deadlines} == {
        "Submit the opinions gathered on %(title)s",
        "Opinions on the topics of %(meeting)s",
    }
    sample = deadlines.first()
    assert sample is not None and sample.params
    with translation.override("en"):
        english = sample.label
    with translation.override("zh-hans"):
        assert sample.label != english and next(iter(sample.params.values())) in sample.label


def test_each_2024_regulation_has_its_stage_documents_as_word_files():
    from docx import Document

    for regulation in Regulation.objects.filter(adopted_on__year=2024):
        documents = {d.stage: d for d in regulation.documents.all()}
        assert {"first_reading", "second_reading", "promulgated"} <= set(documents)
        note = documents["first_reading"]
        assert note.title.startswith("关于《") and note.title.endswith("（草案）》的说明")
        text = "\n".join(p.text for p in Document(note.file.open("rb")).paragraphs)
        assert note.title in text and regulation.summary in text
        assert note.size == note.file.size > 0
