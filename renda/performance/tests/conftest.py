"""Fixtures for performance: a maker of acts in every module, for any deputy and day."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo
from collections.abc import Sequence
from typing import Any

import pytest

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=SH)


class Acts:
    """Rows of the other modules as their actions leave them, made directly for speed."""

    def __init__(self, congress: Any, org: dict[str, Any], staff: Any) -> None:
        self.congress, self.org, self.staff = congress, org, staff
        self._n = itertools.count(1)

    def suggestion(self, deputy: Any, day: datetime.date, state: str = "submitted") -> Any:
        from renda.suggestions.models import Suggestion

        n = next(self._n)
        return Suggestion.objects.create(
            congress=self.congress,
            year=day.year,
            period="recess",
            title=f"关于改善锦纶路交通的建议{n}",
            body="……",
            category="transport",
            lead_deputy=deputy,
            state=state,
            submitted_at=at(day),
        )

    def cosign(self, suggestion: Any, deputy: Any, day: datetime.date | None) -> Any:
        from renda.suggestions.models import CoSigner

        return CoSigner.objects.create(
            suggestion=suggestion, deputy=deputy, confirmed_at=at(day) if day else None
        )

    def motion(self, deputies: Sequence[Any], day: datetime.date) -> Any:
        from renda.org.models import Session
        from renda.suggestions.models import Motion

        session, _ = Session.objects.get_or_create(
            congress=self.congress,
            term=self.org["term"],
            number=day.year - 2020,
            defaults={"start_date": day, "end_date": day},
        )
        motion = Motion.objects.create(
            congress=self.congress,
            year=day.year,
            session=session,
            title="关于制定晋中市物业管理条例的议案",
            body="……",
            category="urban",
            lead_deputy=deputies[0],
            submitted_at=at(day),
        )
        motion.deputies.set(deputies)
        return motion

    def draft_opinion(self, deputy: Any, day: datetime.date, state: str = "received") -> Any:
        from renda.legislation.models import Consultation, DraftVersion, Opinion, Regulation

        regulation, _ = Regulation.objects.get_or_create(
            congress=self.congress, title="晋中市餐饮从业人员佩戴口罩规定"
        )
        version, _ = DraftVersion.objects.get_or_create(
            congress=self.congress,
            regulation=regulation,
            number=1,
            defaults={"title": regulation.title, "source_text": "…", "imported_at": at(day)},
        )
        consultation, _ = Consultation.objects.get_or_create(
            congress=self.congress,
            version=version,
            title="《晋中市餐饮从业人员佩戴口罩规定（草案）》征求意见",
            defaults={"opens_on": day, "closes_on": day, "state": "open"},
        )
        return Opinion.objects.create(
            congress=self.congress,
            consultation=consultation,
            text="建议明确口罩更换频次。",
            source="deputy",
            deputy=deputy,
            receipt_code=f"R{next(self._n):06d}",
            state=state,
            submitted_at=at(day),
        )

    def topic_answer(self, deputy: Any, day: datetime.date) -> Any:
        from renda.legislation.models import AgendaTopic, TopicAnswer, TopicSolicitation

        solicitation = TopicSolicitation.objects.create(
            congress=self.congress,
            meeting_title="市人大常委会第十五次会议",
            meeting_date=day + datetime.timedelta(days=10),
            deadline=day,
        )
        topic = AgendaTopic.objects.create(
            solicitation=solicitation, order=1, title="审议市政府关于营商环境的报告"
        )
        return TopicAnswer.objects.create(
            topic=topic, deputy=deputy, text="建议压缩审批时限。", answered_at=at(day)
        )

    def meeting(self, deputies: Sequence[Any], day: datetime.date, forum: bool = False) -> Any:
        """A standing committee meeting held that day, attended without a vote (列席)."""
        from renda.meetings.models import AttendeeForum, ForumOpinion, Meeting, MeetingAttendance

        n = next(self._n)
        meeting = Meeting.objects.create(
            congress=self.congress,
            term=self.org["term"],
            kind="standing_committee",
            number=n,
            title=f"市人大常委会第{n}次会议",
            start_date=day,
            end_date=day,
            state="closed",
        )
        for d in deputies:
            MeetingAttendance.objects.create(meeting=meeting, deputy=d)
        if forum:
            f = AttendeeForum.objects.create(meeting=meeting, held_on=day)
            for d in deputies:
                ForumOpinion.objects.create(forum=f, deputy=d, text="建议加强执法检查。")
        return meeting

    def activity(
        self,
        deputies: Sequence[Any],
        day: datetime.date,
        kind: str = "study",
        constituents: int = 0,
    ) -> Any:
        from renda.stations.models import Activity, ActivityAttendance

        activity = Activity.objects.create(
            congress=self.congress,
            station=self.org["station"],
            kind=kind,
            date=day,
            title=f"联络站活动{next(self._n)}",
            constituents_received=constituents,
            recorded_by=self.staff,
        )
        for d in deputies:
            ActivityAttendance.objects.create(activity=activity, deputy=d)
        return activity

    def duty_record(self, deputy: Any, day: datetime.date) -> Any:
        from renda.stations.models import DutyRecord

        return DutyRecord.objects.create(
            congress=self.congress,
            deputy=deputy,
            date=day,
            title="走访锦纶社区",
            text="……",
            uploaded_by=self.staff,
        )

    def training(self, deputies: Sequence[Any], day: datetime.date) -> Any:
        from renda.stations.models import Training, TrainingAttendance

        training = Training.objects.create(
            congress=self.congress,
            title=f"代表履职培训班{next(self._n)}",
            start_date=day,
            end_date=day,
            created_by=self.staff,
        )
        for d in deputies:
            TrainingAttendance.objects.create(training=training, deputy=d)
        return training

    def manual(self, deputy: Any, day: datetime.date, kind: str = "session") -> Any:
        from renda.performance.models import ManualEntry

        return ManualEntry.objects.create(
            congress=self.congress,
            deputy=deputy,
            year=day.year,
            kind=kind,
            date=day,
            title="出席市五届人大四次会议",
            entered_by=self.staff,
        )


@pytest.fixture
def acts(congress, org, cast) -> Acts:
    return Acts(congress, org, cast["staff"])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- pages and API ------------------------------------------------------------------------------


@pytest.fixture
def in_2024():
    """Today is 2024-12-20 (Asia/Shanghai): "this year" is 2024, the acts' year."""
    import time_machine

    with time_machine.travel(datetime.datetime(2024, 12, 20, 10, tzinfo=SH), tick=False):
        yield


def html(response: Any) -> Any:
    """The page as an lxml tree, for XPath."""
    from lxml import html as lxml_html

    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode())


def text(node: Any) -> str:
    """A node's text, white space folded."""
    return " ".join(node.text_content().split())


@pytest.fixture
def login(cast):
    """`login("deputy")`: a test client logged in as that member of the cast, reading English
    (the pages' words are asserted as written, whatever the catalogue translates)."""
    from django.test import Client

    def _login(who: str) -> Any:
        client = Client(headers={"Accept-Language": "en"})
        client.force_login(cast[who])
        return client

    return _login


@pytest.fixture
def api(cast):
    """`api("staff")`: an API caller with that member of the cast's token, in English."""
    from renda.suggestions.tests.test_api import Caller

    def _api(who: str | None) -> Any:
        caller = Caller(cast[who] if who else None)
        caller.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return caller

    return _api
