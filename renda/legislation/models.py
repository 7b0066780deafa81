"""Local legislation (地方性法规) and opinion solicitation (意见征集): tables only.

The rules (stages, moderation, handling) and the named groups of states are in workflow.py,
the writes in actions.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegulationKind(models.TextChoices):
    NEW = "new", _("New regulation")  # 制定
    REVISION = "revision", _("Revision")  # 修订: the whole text anew
    AMENDMENT = "amendment", _("Amendment")  # 修正: some articles changed


class RegulationState(models.TextChoices):
    PLAN = "plan", _("In the legislative plan")  # 立法计划
    DRAFTING = "drafting", _("Drafting")  # 起草
    FIRST_READING = "first_reading", _("First reading")  # 一审
    SECOND_READING = "second_reading", _("Second reading")  # 二审
    THIRD_READING = "third_reading", _("Third reading")  # 三审
    ADOPTED = "adopted", pgettext_lazy("regulation", "Adopted")  # 表决通过
    APPROVED = "approved", _("Approved by the province")  # 省人大常委会批准
    PROMULGATED = "promulgated", _("Promulgated")  # 公布
    IN_FORCE = "in_force", _("In force")  # 施行
    WITHDRAWN = "withdrawn", _("Withdrawn")  # 撤回, 搁置


# The date column of each stage: a stage happens on a meeting day, which staff enter.
STAGE_DATE_FIELDS: dict[str, str] = {
    RegulationState.PLAN: "planned_on",
    RegulationState.DRAFTING: "drafting_on",
    RegulationState.FIRST_READING: "first_reading_on",
    RegulationState.SECOND_READING: "second_reading_on",
    RegulationState.THIRD_READING: "third_reading_on",
    RegulationState.ADOPTED: "adopted_on",
    RegulationState.APPROVED: "approved_on",
    RegulationState.PROMULGATED: "promulgated_on",
    RegulationState.IN_FORCE: "in_force_on",
    RegulationState.WITHDRAWN: "withdrawn_on",
}


class Regulation(models.Model):  # 地方性法规, or its revision
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=RegulationKind.choices, default=RegulationKind.NEW
    )
    of_regulation = models.ForeignKey(
        "self",
        verbose_name=_("regulation revised"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    plan_year = models.PositiveSmallIntegerField(_("plan year"), null=True, blank=True)
    drafting_body = models.ForeignKey(
        "org.Body",
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    state = models.CharField(
        _("stage"),
        max_length=20,
        choices=RegulationState.choices,
        default=RegulationState.PLAN,
        db_index=True,
    )
    planned_on = models.DateField(_("listed in the plan on"), null=True, blank=True)
    drafting_on = models.DateField(_("drafting started on"), null=True, blank=True)
    first_reading_on = models.DateField(_("first reading on"), null=True, blank=True)
    second_reading_on = models.DateField(_("second reading on"), null=True, blank=True)
    third_reading_on = models.DateField(_("third reading on"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    promulgated_on = models.DateField(_("promulgated on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force from"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        ordering = ["-plan_year", "title", "id"]
        indexes = [
            models.Index(fields=["congress", "state"]),
            models.Index(fields=["congress", "adopted_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    def stage_date(self, state: str) -> datetime.date | None:
        return getattr(self, STAGE_DATE_FIELDS[state])


def stage_document_path(instance: models.Model, filename: str) -> str:
    return f"legislation/{instance.regulation_id}/{filename}"  # type: ignore[attr-defined]


class StageDocument(models.Model):  # 审议材料: a document of one stage (说明, 审议报告, 公告)
    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="documents")
    stage = models.CharField(_("stage"), max_length=20, choices=RegulationState.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=stage_document_path)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stage document")
        verbose_name_plural = _("stage documents")
        ordering = ["regulation", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class DraftVersion(models.Model):  # 草案 (一审稿, 二审稿, 修改稿…): one version of the text
    class SourceFormat(models.TextChoices):
        TEXT = "text", _("Plain text")
        DOCX = "docx", _("Word document")

    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("e.g. 草案, 草案修改稿, 二审稿")
    )
    stage = models.CharField(
        _("made at stage"), max_length=20, choices=RegulationState.choices, blank=True
    )
    preamble = models.JSONField(_("front matter"), default=list, blank=True)
    source_text = models.TextField(_("text as imported"))
    source_name = models.CharField(_("file name"), max_length=200, blank=True)
    source_format = models.CharField(
        _("format"), max_length=10, choices=SourceFormat.choices, default=SourceFormat.TEXT
    )
    # The parser's ParseProblems as {line_no, text, code, params}; shown translated.
    problems = models.JSONField(_("problems found on import"), default=list, blank=True)
    parts = models.PositiveIntegerField(_("parts"), default=0)
    chapters = models.PositiveIntegerField(_("chapters"), default=0)
    sections = models.PositiveIntegerField(_("sections"), default=0)
    articles = models.PositiveIntegerField(_("articles"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        ordering = ["regulation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "number"], name="draft_version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.label or self.number})"


class NodeKind(models.TextChoices):
    PART = "part", _("Part")  # 编
    CHAPTER = "chapter", _("Chapter")  # 章
    SECTION = "section", _("Section")  # 节
    ARTICLE = "article", _("Article")  # 条
    PARAGRAPH = "paragraph", _("Paragraph")  # 款
    ITEM = "item", _("Item")  # 项


class DraftNode(models.Model):
    """One part, chapter, section, article, paragraph or item of a version, in reading order."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind.choices)
    number = models.PositiveIntegerField(_("number"))  # a paragraph's: its place in the article
    label = models.CharField(_("label"), max_length=40, blank=True)  # 第十条, （一）
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)  # a paragraph's or item's own wording
    order = models.PositiveIntegerField(_("order"))

    class Meta:
        verbose_name = _("draft node")
        verbose_name_plural = _("draft nodes")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="draft_node_unique_order"),
        ]
        indexes = [models.Index(fields=["version", "kind", "number"])]

    def __str__(self) -> str:
        return self.label or f"{self.get_kind_display()} {self.number}"


class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open for comment")
    CLOSED = "closed", _("Closed")


class Consultation(models.Model):  # 征求意见: a version opened for comment for a window
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        DraftVersion, on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("notice"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    for_public = models.BooleanField(_("the public"), default=True)
    for_deputies = models.BooleanField(_("deputies"), default=True)
    for_contact_points = models.BooleanField(_("legislative contact points"), default=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ConsultationState.choices,
        default=ConsultationState.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["congress", "state", "closes_on"])]

    def __str__(self) -> str:
        return self.title


class OpinionSource(models.TextChoices):
    PUBLIC = "public", _("The public (online)")  # 社会公众
    DEPUTY = "deputy", _("Deputy")  # 人大代表
    CONTACT_POINT = "contact_point", _("Legislative contact point")  # 基层立法联系点
    SEMINAR = "seminar", _("Seminar at a contact point")  # 座谈会
    COLLECTION_POINT = "collection_point", _("Information collection point")  # 信息采集点
    LETTER = "letter", _("Letter or written opinion")  # 书面意见


class OpinionState(models.TextChoices):
    PENDING = "pending_moderation", _("Awaiting moderation")
    REJECTED = "rejected", _("Not published")
    PUBLISHED = "published", _("Published, awaiting handling")
    RECEIVED = "received", _("Received, awaiting handling")
    ADOPTED = "adopted", pgettext_lazy("opinion", "Adopted")  # 采纳
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")  # 部分采纳
    NOT_ADOPTED = "not_adopted", _("Not adopted")  # 未采纳


class Opinion(models.Model):  # 意见: one opinion on a draft, or on one of its articles
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="opinions"
    )
    article = models.ForeignKey(
        DraftNode,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
        help_text=_("Empty: an opinion on the whole draft."),
    )
    text = models.TextField(_("opinion"))
    source = models.CharField(_("source"), max_length=20, choices=OpinionSource.choices)
    deputy = models.ForeignKey(
        "org.Deputy", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_point = models.ForeignKey(
        "org.LegislativeContactPoint",
        verbose_name=_("legislative contact point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collection_point = models.ForeignKey(
        "org.CollectionPoint",
        verbose_name=_("information collection point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who gave it, when not a deputy: optional for the public; personal data, staff only.
    author_name = models.CharField(_("name"), max_length=40, blank=True)
    author_contact = models.CharField(_("contact"), max_length=100, blank=True)
    gathered_on = models.DateField(_("gathered on"), null=True, blank=True)  # seminar day
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True)
    state = models.CharField(_("state"), max_length=20, choices=OpinionState.choices, db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    moderation_reason = models.TextField(_("reason not published"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    handling_reason = models.TextField(_("handling explanation"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    # What the opinion changed: an article of a later version, or a note when no article says it.
    led_to_node = models.ForeignKey(
        DraftNode,
        verbose_name=_("led to this article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions_adopted",
    )
    led_to_note = models.TextField(_("change made"), blank=True)

    class Meta:
        verbose_name = _("opinion on a draft")
        verbose_name_plural = _("opinions on drafts")
        ordering = ["consultation", "submitted_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "state"]),
            models.Index(fields=["congress", "submitted_at"]),
            models.Index(fields=["deputy", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.receipt_code


class TopicSolicitationState(models.TextChoices):
    OPEN = "open", _("Collecting opinions")
    CLOSED = "closed", _("Closed")


class TopicSolicitation(models.Model):  # 议题征集: deputies' opinions on a meeting's topics
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    meeting_title = models.CharField(_("meeting"), max_length=200)
    meeting_date = models.DateField(_("meeting date"))
    description = models.TextField(_("notice"), blank=True)
    deadline = models.DateField(_("answers due"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=TopicSolicitationState.choices,
        default=TopicSolicitationState.OPEN,
        db_index=True,
    )
    summary = models.TextField(_("summary of the answers"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda topic solicitation")
        verbose_name_plural = _("agenda topic solicitations")
        ordering = ["-meeting_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_date__gte=models.F("deadline")),
                name="topic_solicitation_due_before_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.meeting_title


class AgendaTopic(models.Model):  # 议题: one topic on the meeting's agenda
    solicitation = models.ForeignKey(
        TopicSolicitation, on_delete=models.CASCADE, related_name="topics"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda topic")
        verbose_name_plural = _("agenda topics")
        ordering = ["solicitation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["solicitation", "order"], name="agenda_topic_order"),
        ]

    def __str__(self) -> str:
        return self.title


class TopicAnswer(models.Model):  # a deputy's opinion on one topic (answering again replaces it)
    topic = models.ForeignKey(AgendaTopic, on_delete=models.CASCADE, related_name="answers")
    deputy = models.ForeignKey("org.Deputy", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("opinion"))
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("answer on an agenda topic")
        verbose_name_plural = _("answers on agenda topics")
        ordering = ["topic", "answered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "deputy"], name="topic_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.deputy_id}"
