"""Standing committee meetings (常委会会议) and chair's council meetings (主任会议): the members
expected and who attended, the agenda items with their materials, and the votes (表决)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    STANDING_COMMITTEE = "standing_committee", _("Standing committee meeting")  # 常委会会议
    CHAIR_COUNCIL = "chair_council", _("Chair's council meeting")  # 主任会议


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Being prepared")  # 筹备中
    FIXED = "fixed", _("Agenda fixed")  # 议程已确定
    IN_SESSION = "in_session", _("In session")  # 会议进行中
    CLOSED = "closed", _("Closed")  # 已闭会


class Meeting(models.Model):  # 第N次会议
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(
        "org.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))  # within the term and kind
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("first day"), db_index=True)
    end_date = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    convener = models.CharField(_("convened by"), max_length=60, blank=True)  # 主持
    state = models.CharField(
        _("state"), max_length=12, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    notice = models.TextField(_("notice"), blank=True)  # 会议通知, published when fixed
    minutes = models.TextField(_("minutes"), blank=True)  # 会议纪要
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    current_item = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("item under discussion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "term", "kind", "number"], name="meeting_number_once"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="meeting_dates_ordered"
            ),
        ]
        indexes = [models.Index(fields=["congress", "kind", "start_date"])]

    def __str__(self) -> str:
        return self.title


class Presence(models.TextChoices):
    EXPECTED = "expected", _("Expected")  # 应到
    PRESENT = "present", _("Present")  # 出席
    LEAVE = "leave", _("On leave")  # 请假
    ABSENT = "absent", _("Absent")  # 缺席


class MemberAttendance(
    models.Model
):  # a member (组成人员) expected at a meeting, and whether they came
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    member = models.ForeignKey(
        "org.Deputy", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    presence = models.CharField(
        _("attendance"), max_length=10, choices=Presence.choices, default=Presence.EXPECTED
    )
    leave_reason = models.CharField(_("reason for leave"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("member's attendance")
        verbose_name_plural = _("members' attendance")
        ordering = ["meeting", "member__card_number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="meeting_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.member_id} {self.presence}"


class ItemKind(models.TextChoices):
    READING = "reading", _("Reading of a draft regulation")  # 审议法规草案
    REPORT = "report", _("Report to hear and deliberate")  # 听取审议报告
    DECISION = "decision", _("Decision or resolution")  # 决定、决议
    APPOINTMENTS = "appointments", _("Appointments and removals")  # 人事任免
    BUDGET = "budget", _("Budget adjustment plan")  # 预算调整方案
    FILING_REPORT = "filing_report", _("Filing-review report")  # 备案审查工作报告
    KEY_SUGGESTIONS = "key_suggestions", _("Report on handling key suggestions")  # 重点建议办理
    OTHER = "other", _("Other business")


class AgendaItem(models.Model):  # 议程: one item of a meeting
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presented by"), max_length=100, blank=True)  # 报告人/说明人
    summary = models.TextField(_("summary"), blank=True)
    # The case the item is about (a regulation's reading, a report, a decision…), if any.
    case_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT
    )
    case_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order_once")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


def material_path(instance: models.Model, filename: str) -> str:
    return f"meetings/{instance.item.meeting_id}/{filename}"  # type: ignore[attr-defined]


class Material(models.Model):  # 会议材料: a document of an agenda item, in its versions
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to=material_path)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("meeting material")
        verbose_name_plural = _("meeting materials")
        ordering = ["item", "title", "-version"]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class VoteMethod(models.TextChoices):
    NAMED = "named", _("By name (electronic voter)")  # 记名按表决器
    SECRET = "secret", _("Secret (electronic voter)")  # 无记名按表决器
    HANDS = "hands", _("Show of hands, counted by staff")  # 举手表决


class VoteState(models.TextChoices):
    PREPARED = "prepared", _("Prepared")
    OPEN = "open", _("Open for voting")
    CLOSED = "closed", _("Closed")


class Choice(models.TextChoices):
    FOR = "for", _("For")  # 赞成
    AGAINST = "against", _("Against")  # 反对
    ABSTAIN = "abstain", _("Abstain")  # 弃权


class Vote(models.Model):  # 表决: one question put to the members
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    subject = models.CharField(_("question"), max_length=300)
    method = models.CharField(_("method"), max_length=10, choices=VoteMethod.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=VoteState.choices, default=VoteState.PREPARED
    )
    # What a vote is about beyond its item (one person of a list of appointments…), if any.
    case_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT
    )
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    members_total = models.PositiveSmallIntegerField(_("members"), default=0)  # 组成人员总数
    present = models.PositiveSmallIntegerField(_("present"), default=0)  # 出席
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstain"), default=0)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["item", "id"]
        indexes = [models.Index(fields=["congress", "state"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def not_voting(self) -> int:
        """Present members who pressed nothing (未按表决器)."""
        return max(0, self.present - self.votes_for - self.votes_against - self.votes_abstain)


class Ballot(models.Model):  # one member's vote; its choice is kept only for a named vote
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey(
        "org.Deputy", verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    # Blank for a secret vote: the counts on the vote say how many chose what, nothing says
    # who chose what, not even to staff.
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["vote", "member__card_number"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="ballot_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.member_id}"
