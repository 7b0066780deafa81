"""Filing review of normative documents (备案审查): the bodies that file, the register of
normative documents (规范性文件数据库), filings (报备), reviews (审查) with their checks, the
public's review proposals (审查建议) and the annual report; the rules are in workflow.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext.db.models.manager import RelatedManager


class IssuerKind(models.TextChoices):
    GOVERNMENT = "government", _("City people's government")
    DEPARTMENT = "department", _("Government department")
    SUPERVISORY = "supervisory", _("Supervisory commission")
    COURT = "court", _("Intermediate people's court")
    PROCURATORATE = "procuratorate", _("People's procuratorate")
    COUNTY_CONGRESS = "county_congress", _("County-level people's congress")
    COUNTY_COMMITTEE = "county_committee", _("Standing committee of a county-level congress")


class Issuer(models.Model):  # 制定机关: a body that files its normative documents with us
    congress = models.ForeignKey(
        "org.Congress",
        verbose_name=_("files with"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=IssuerKind.choices)
    # Who files for it: the officers of a handling unit (the government, a department, the
    # court…), or the staff of a county-level congress (for it and its standing committee).
    unit = models.ForeignKey(
        "org.HandlingUnit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lower_congress = models.ForeignKey(
        "org.Congress",
        verbose_name=_("county-level congress"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["congress", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "name"], name="issuer_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")
    REVOKED = "revoked", _("Revoked by the standing committee")


# In force: as issued, or as amended (an amended document stays in force in its new wording).
EFFECTIVE = (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED)


class NormativeDocument(models.Model):  # 规范性文件, as the register (数据库) keeps it
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.CharField(_("document number"), max_length=60)  # 文号
    title = models.CharField(_("title"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    published_on = models.DateField(_("published on"))
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    text = models.TextField(_("full text"), blank=True)  # extracted, for the search
    amends: models.ManyToManyField[NormativeDocument, models.Model] = models.ManyToManyField(
        "self", verbose_name=_("amends"), symmetrical=False, blank=True, related_name="amended_by"
    )
    repeals: models.ManyToManyField[NormativeDocument, models.Model] = models.ManyToManyField(
        "self", verbose_name=_("repeals"), symmetrical=False, blank=True, related_name="repealed_by"
    )
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("normative document")
        verbose_name_plural = _("normative documents")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="document_unique_number")
        ]
        indexes = [models.Index(fields=["congress", "status", "published_on"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"


class FilingState(models.TextChoices):
    FILED = "filed", _("Filed, to register")
    RETURNED = "returned", _("Returned for completion")
    REGISTERED = "registered", _("Registered")


class Filing(models.Model):  # 报备: an issuing body files a document with the congress
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    issuer = models.ForeignKey(
        Issuer, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="filings"
    )
    # The document as filed; it enters the register (document) once staff register it.
    number = models.CharField(_("document number"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    published_on = models.DateField(_("published on"))
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    text = models.TextField(_("full text"), blank=True)  # from the electronic text
    amends: models.ManyToManyField[NormativeDocument, models.Model] = models.ManyToManyField(
        NormativeDocument, verbose_name=_("amends"), blank=True, related_name="+"
    )
    repeals: models.ManyToManyField[NormativeDocument, models.Model] = models.ManyToManyField(
        NormativeDocument, verbose_name=_("repeals"), blank=True, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=FilingState.choices, default=FilingState.FILED
    )
    filed_at = models.DateTimeField(_("filed at"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("to file by"))  # publication + the congress's filing days
    late = models.BooleanField(_("filed late"), default=False)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    document = models.OneToOneField(
        NormativeDocument,
        verbose_name=_("registered document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filing",
    )

    if TYPE_CHECKING:
        files: RelatedManager[FilingFile]

    class Meta:
        verbose_name = _("filing")
        verbose_name_plural = _("filings")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["congress", "state", "filed_at"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"


class FilePurpose(models.TextChoices):
    """What a filing must hold (报备材料): staff register it only when all four are there."""

    REPORT = "report", _("Filing report")  # 备案报告
    OFFICIAL = "official", _("Official text")  # 正式文本
    EXPLANATION = "explanation", _("Drafting explanation")  # 起草说明
    ELECTRONIC = "electronic", _("Electronic text")  # 电子文本 (.docx, .pdf or .txt)


def filing_file_path(instance: models.Model, filename: str) -> str:
    return f"filings/{instance.filing_id}/{filename}"  # type: ignore[attr-defined]


class FilingFile(models.Model):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(_("what it is"), max_length=20, choices=FilePurpose.choices)
    file = models.FileField(_("file"), upload_to=filing_file_path)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("filed file")
        verbose_name_plural = _("filed files")
        ordering = ["filing", "purpose"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "purpose"], name="filing_file_once")
        ]

    def __str__(self) -> str:
        return self.name


class ReviewKind(models.TextChoices):
    ACTIVE = "active", _("Active review of a filing")  # 主动审查
    REQUEST = "request", _("Review on request")  # 依申请审查
    SPECIAL = "special", _("Special review")  # 专项审查
    TRANSFERRED = "transferred", _("Transferred review")  # 移送审查


class ReviewState(models.TextChoices):
    REVIEWING = "reviewing", _("Under review")
    NO_PROBLEM = "no_problem", _("No problem found")
    PROBLEM = "problem", _("Problem found")
    CORRECTING = "correcting", _("Correction requested")
    VERIFYING = "verifying", _("Correction to verify")
    CORRECTED = "corrected", _("Corrected")
    REFERRED = "referred", _("Referred to the chair's council")
    REVOCATION_PROPOSED = "revocation_proposed", _("Revocation put to the standing committee")
    REVOKED = "revoked", _("Ended in revocation")


class CorrectionKind(models.TextChoices):
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")


class Review(models.Model):  # 审查 of one document in the register
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        NormativeDocument,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    kind = models.CharField(_("kind of review"), max_length=20, choices=ReviewKind.choices)
    filing = models.ForeignKey(
        Filing, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    # A special review's topic (专项审查), or who transferred it (移送).
    topic = models.CharField(_("topic or origin"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReviewState.choices, default=ReviewState.REVIEWING
    )
    opened_at = models.DateTimeField(_("opened at"))
    due_date = models.DateField(pgettext_lazy("filing review", "review due"), null=True, blank=True)
    summary = models.TextField(_("conclusion"), blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    opinion = models.TextField(_("written review opinion"), blank=True)  # 审查意见
    opinion_sent_at = models.DateTimeField(_("opinion sent at"), null=True, blank=True)
    correction_due = models.DateField(_("to correct by"), null=True, blank=True)
    correction_kind = models.CharField(
        _("correction"), max_length=20, choices=CorrectionKind.choices, blank=True
    )
    correction_text = models.TextField(_("what the issuing body did"), blank=True)
    correction_number = models.CharField(
        _("number of the correcting document"), max_length=60, blank=True
    )
    correction_reported_at = models.DateTimeField(null=True, blank=True)
    # The steps a later meetings app will link to: the chair's council (主任会议) and the
    # standing committee meeting that decides a revocation (撤销).
    council_note = models.TextField(_("referral to the chair's council"), blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)
    revocation_note = models.TextField(_("revocation proposal"), blank=True)
    revocation_proposed_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("the meeting's decision"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    if TYPE_CHECKING:
        checks: RelatedManager[ReviewCheck]

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["congress", "state", "opened_at"])]

    def __str__(self) -> str:
        return str(self.document)


class Aspect(models.TextChoices):
    """What a review checks (审查重点)."""

    LEGALITY = "legality", _("Legality")  # 合法性
    CONSISTENCY = "consistency", _("Consistency with higher law")  # 与上位法一致
    APPROPRIATENESS = "appropriateness", _("Appropriateness")  # 适当性


class CheckResult(models.TextChoices):
    OK = "ok", _("No problem")
    PROBLEM = "problem", _("Problem")


class ReviewCheck(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="checks")
    aspect = models.CharField(_("aspect"), max_length=20, choices=Aspect.choices)
    result = models.CharField(_("check result"), max_length=10, choices=CheckResult.choices)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("review check")
        verbose_name_plural = _("review checks")
        ordering = ["review", "aspect"]
        constraints = [
            models.UniqueConstraint(fields=["review", "aspect"], name="review_check_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_result_display()}"


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted for review")
    DECLINED = "declined", _("Not accepted")
    ANSWERED = "answered", _("Answered")


class ReviewProposal(models.Model):  # 审查建议: a citizen's or organisation's proposal
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    receipt_code = models.CharField(_("receipt code"), max_length=20, unique=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.SUBMITTED
    )
    # Who proposes: private, shown to staff only.
    proposer_name = models.CharField(_("name"), max_length=40)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The document: picked from the register, or named when the proposer did not find it.
    document = models.ForeignKey(
        NormativeDocument,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    document_named = models.CharField(_("document as named"), max_length=200, blank=True)
    reasons = models.TextField(_("provisions and reasons"))
    submitted_at = models.DateTimeField(_("submitted at"))
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    answer = models.TextField(_("answer to the proposer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review proposal")
        verbose_name_plural = _("review proposals")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["congress", "state", "submitted_at"])]

    def __str__(self) -> str:
        subject = self.document.title if self.document else self.document_named
        return f"{subject} ({self.submitted_at:%Y-%m-%d})"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Drafted")
    SUBMITTED = "submitted", _("Submitted for the standing committee's agenda")
    HEARD = "heard", _("Heard by the standing committee")


class AnnualReport(models.Model):  # 年度备案审查工作情况报告
    congress = models.ForeignKey("org.Congress", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    foreword = models.TextField(_("opening paragraphs"), blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    created_at = models.DateTimeField(_("drafted at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The agenda item that heard it: a note now, a link once the meetings app exists.
    heard_on = models.DateField(_("heard on"), null=True, blank=True)
    meeting_note = models.CharField(_("meeting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("annual filing-review report")
        verbose_name_plural = _("annual filing-review reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "year"], name="filing_report_once_a_year")
        ]

    def __str__(self) -> str:
        return self.title
