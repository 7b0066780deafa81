"""Deputies' suggestions (代表建议) and motions (议案): tables; the rules are in workflow.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core.models import Satisfaction

__all__ = ["Satisfaction"]  # the evaluation's answers are the poll's (core.models)


class Category(models.TextChoices):
    ECONOMY = "economy", _("Economy and development")  # 经济发展
    INDUSTRY = "industry", _("Industry and energy")  # 工业能源
    URBAN = "urban", _("Urban and rural construction")  # 城乡建设
    TRANSPORT = "transport", _("Transport")  # 交通运输
    ENVIRONMENT = "environment", _("Ecology and environment")  # 生态环境
    AGRICULTURE = "agriculture", _("Agriculture and rural revitalisation")  # 农业农村
    EDUCATION = "education", _("Education, science and culture")  # 教科文
    HEALTH = "health", _("Health and medical care")  # 卫生健康
    SOCIAL = "social", _("Social security and employment")  # 社会保障
    GOVERNANCE = "governance", _("Law, safety and governance")  # 政法与治理
    OTHER = "other", _("Other")


class Period(models.TextChoices):
    SESSION = "session", _("During the session")  # 大会期间
    RECESS = "recess", _("During the recess (direct)")  # 闭会期间 直通车


class SuggestionState(models.TextChoices):
    COSIGNING = "cosigning", _("Awaiting co-signers")  # 联名确认中
    SUBMITTED = "submitted", _("Submitted")  # 已提交, 待审查
    RETURNED = "returned", _("Returned for revision")  # 退回修改
    ACCEPTED = "accepted", _("Accepted")  # 已立案, 待交办
    ASSIGNED = "assigned", _("Being handled")  # 已交办, 办理中
    REPLIED = "replied", _("Replied")  # 已答复, 待评价
    REHANDLING = "rehandling", _("Handled again")  # 重新办理
    EVALUATED = "evaluated", _("Evaluated")  # 已评价, 办结
    WITHDRAWN = "withdrawn", _("Withdrawn")  # 已撤回
    CONVERTED = "converted", _("Converted")  # 转来信/参阅件
    MERGED = "merged", _("Merged")  # 已并案


class HandlingMode(models.TextChoices):
    SOLE = "sole", _("Sole handling")  # 单独办理
    JOINT = "joint", _("Lead and co-handlers")  # 主办/协办
    SEPARATE = "separate", _("Separate handling")  # 分办


class ConvertedTo(models.TextChoices):
    LETTER = "letter", _("Letter from a deputy")  # 转来信
    REFERENCE = "reference", _("Reference item")  # 参阅件


class Suggestion(models.Model):  # 代表建议
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)  # 第N号, on acceptance
    period = models.CharField(_("submitted"), max_length=10, choices=Period.choices)
    session = models.ForeignKey(
        "org.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    lead_deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("lead deputy"),
        on_delete=models.PROTECT,
        related_name="suggestions_led",
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("A confidential suggestion and its submitter are never published."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SuggestionState.choices,
        default=SuggestionState.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    handling_mode = models.CharField(
        _("handling mode"), max_length=10, choices=HandlingMode.choices, blank=True
    )
    reply_due = models.DateField(_("reply due"), null=True, blank=True)
    handling_round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    return_reason = models.TextField(_("reason for return"), blank=True)
    converted_to = models.CharField(
        _("converted to"), max_length=10, choices=ConvertedTo.choices, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    is_key = models.BooleanField(_("key suggestion"), default=False)  # 重点建议
    supervising_body = models.ForeignKey(
        "org.Body",
        verbose_name=_("supervising committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervising_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervising leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The satisfaction poll (满意度测评) on a key suggestion's handling: core's poll engine.
    poll = models.OneToOneField(
        "core.Poll",
        verbose_name=_("satisfaction poll"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_motion = models.OneToOneField(
        "Motion",
        verbose_name=_("from motion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="as_suggestion",
    )
    published = models.BooleanField(_("reply published"), default=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-year", "number", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "year", "number"],
                condition=Q(number__isnull=False),
                name="suggestion_unique_number",
            ),
        ]
        indexes = [
            models.Index(fields=["congress", "year", "state"]),
            models.Index(fields=["congress", "state", "reply_due"]),
        ]

    def __str__(self) -> str:
        return self.title


class CoSigner(models.Model):  # 联名代表
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="cosigners")
    deputy = models.ForeignKey("org.Deputy", on_delete=models.PROTECT, related_name="cosigned")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-signer")
        verbose_name_plural = _("co-signers")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "deputy"], name="cosigner_once"),
        ]

    def __str__(self) -> str:
        return str(self.deputy)


def attachment_path(instance: models.Model, filename: str) -> str:
    return f"suggestions/{instance.suggestion_id}/{filename}"  # type: ignore[attr-defined]


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        REPLY = "reply", _("Reply")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="attachments")
    reply = models.ForeignKey(
        "Reply", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):  # 交办: one unit's part in handling a suggestion
    class Role(models.TextChoices):
        SOLE = "sole", _("Sole handler")  # 单独办理
        LEAD = "lead", _("Lead unit")  # 主办
        CO = "co", _("Co-handler")  # 协办
        SEPARATE = "separate", _("Separate handler")  # 分办

    class ContestState(models.TextChoices):
        NONE = "", _("None")
        PENDING = "pending", _("Adjustment requested")
        GRANTED = "granted", _("Reassigned")
        REFUSED = "refused", _("Refused")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "org.HandlingUnit", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    part = models.TextField(_("part to handle"), blank=True)  # separate handling
    assigned_at = models.DateTimeField(_("assigned at"))
    contest_due = models.DateField(_("adjustment request due"))
    contest_state = models.CharField(
        _("adjustment"), max_length=10, choices=ContestState.choices, blank=True, default=""
    )
    contest_reason = models.TextField(_("reason for adjustment"), blank=True)
    input_due = models.DateField(_("co-handler input due"), null=True, blank=True)
    input_text = models.TextField(_("co-handler input"), blank=True)
    input_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)  # False once reassigned away

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["suggestion", "id"]
        indexes = [
            models.Index(fields=["unit", "active"]),
            # The adjustment requests waiting for staff (the queues' count): a few rows among
            # every assignment of the history (a scan of 250,000 took 94 ms; issue 18).
            models.Index(
                fields=["suggestion"],
                condition=models.Q(active=True, contest_state="pending"),
                name="assignment_adjustment_asked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion_id} → {self.unit}"

    @property
    def is_co(self) -> bool:
        """A co-handler (协办): sends its input to the lead unit rather than replying."""
        return self.role == self.Role.CO

    @property
    def is_lead(self) -> bool:
        return self.role == self.Role.LEAD


class Contact(models.Model):  # 沟通: one contact between a unit and the deputy
    class Method(models.TextChoices):
        MEETING = "meeting", _("Face to face")  # 面商
        PHONE = "phone", _("Telephone")  # 电话
        FORUM = "forum", _("Forum")  # 座谈
        VISIT = "visit", _("Visit")  # 走访
        SITE = "site", _("On-site inspection")  # 实地察看

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="contacts")
    unit = models.ForeignKey("org.HandlingUnit", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    date = models.DateField(_("date"))
    people = models.CharField(_("people"), max_length=200)
    notes = models.TextField(_("notes"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.date}"


class ReplyCategory(models.TextChoices):
    A = "A", _("A: solved or basically solved")  # 已解决或基本解决
    B = "B", _("B: being solved or scheduled")  # 正在解决或列入计划
    C = "C", _("C: later, or kept for reference")  # 因条件限制需以后解决/留作参考


class Reply(models.Model):  # 答复意见书
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey("org.HandlingUnit", on_delete=models.PROTECT, related_name="+")
    handling_round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    text = models.TextField(_("reply"))
    category = models.CharField(_("result"), max_length=1, choices=ReplyCategory.choices)
    signer = models.CharField(_("signed by"), max_length=40)
    contact_person = models.CharField(_("contact person"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    replied_at = models.DateTimeField(_("replied at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["replied_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "unit", "handling_round"], name="reply_once_per_unit_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.category}"


class Promise(models.Model):  # 承诺事项, kept in a ledger (台账) until delivered
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="promises")
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="promises")
    unit = models.ForeignKey("org.HandlingUnit", on_delete=models.PROTECT, related_name="promises")
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("promise"))
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    evidence = models.TextField(_("how it was delivered"), blank=True)

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["congress", "done_at", "due_date"])]

    def __str__(self) -> str:
        return self.text[:40]


class Evaluation(models.Model):  # 评价
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="evaluations")
    handling_round = models.PositiveSmallIntegerField(_("handling round"))
    result = models.CharField(_("evaluation"), max_length=15, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"))
    deputy = models.ForeignKey("org.Deputy", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["evaluated_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "handling_round"], name="evaluation_once_per_round"
            ),
        ]

    def __str__(self) -> str:
        return self.get_result_display()


class Extension(models.Model):  # 延期: asked by the unit, approved by staff, 6 months at most
    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="extensions")
    unit = models.ForeignKey("org.HandlingUnit", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    reason = models.TextField(_("reason"))
    old_due = models.DateField(_("old due date"))
    new_due = models.DateField(_("new due date"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_due} → {self.new_due}"


class MotionState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REFERRED = "referred", _("Referred to a special committee")  # 交专门委员会审议
    LISTED = "listed", _("Listed on the agenda")  # 列入议程
    NOT_LISTED = "not_listed", _("Handled as a suggestion")  # 不列入, 作为建议处理


class Motion(models.Model):  # 议案: by a delegation or at least 10 deputies
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    session = models.ForeignKey("org.Session", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    delegation = models.ForeignKey(
        "org.Delegation",
        verbose_name=_("proposing delegation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_deputy = models.ForeignKey(
        "org.Deputy", verbose_name=_("lead deputy"), on_delete=models.PROTECT, related_name="+"
    )
    deputies = models.ManyToManyField(
        "org.Deputy", verbose_name=_("proposing deputies"), related_name="motions", blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MotionState.choices, default=MotionState.SUBMITTED
    )
    committee = models.ForeignKey(
        "org.Body",
        verbose_name=_("special committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("decision"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["-year", "number"]

    def __str__(self) -> str:
        return self.title
