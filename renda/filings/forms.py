"""Forms of the filing-review pages: filing a document, entering one in the register, opening
a review, drafting the annual report, the public's review proposal and receipt code, list
filters, and the action forms whose input needs more than their payload (files, choices of
documents). Every other action's form is derived from its payload (core.actionforms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import DATE_INPUT, ActionForm, check_forms
from renda.core.forms import ActionErrorsMixin, FilterForm, recent_years_field, search_field
from renda.filings import payloads as P
from renda.filings.models import (
    EFFECTIVE,
    DocumentStatus,
    FilePurpose,
    FilingState,
    Issuer,
    NormativeDocument,
    ProposalState,
    ReviewKind,
    ReviewState,
)
from renda.filings.workflow import FILING, PROPOSAL, REPORT, REVIEW

FILE_HELP: dict[str, Any] = {
    FilePurpose.REPORT: _("The filing report (备案报告), signed: PDF, Word or a scan."),
    FilePurpose.OFFICIAL: _("The official text as published (正式文本)."),
    FilePurpose.EXPLANATION: _("The drafting explanation (起草说明) with its legal basis."),
    FilePurpose.ELECTRONIC: _(
        "The electronic text (.docx, .pdf or .txt): its text is kept for the search."
    ),
}


def file_fields(required: tuple[str, ...] = ()) -> dict[str, forms.FileField]:
    return {
        purpose: forms.FileField(
            label=label, required=purpose in required, help_text=FILE_HELP[purpose]
        )
        for purpose, label in FilePurpose.choices
    }


def document_choices(congress_id: int, *, in_force: bool = True) -> list[tuple[Any, Any]]:
    """The register's documents grouped by issuing body (for amends, repeals, a proposal)."""
    qs = NormativeDocument.objects.filter(congress_id=congress_id).select_related("issuer")
    if in_force:
        qs = qs.filter(status__in=EFFECTIVE)
    groups: dict[str, list[tuple[int, str]]] = {}
    for d in qs.order_by("issuer__kind", "issuer__name", "-published_on"):
        groups.setdefault(d.issuer.name, []).append((d.pk, f"{d.number} {d.title}"))
    return list(groups.items())


class DocumentFieldsForm(ActionErrorsMixin, forms.Form):
    """A document's own data, as a filing or an entry of the register gives it."""

    issuer = forms.TypedChoiceField(label=_("Issuing body"), coerce=int)
    number = forms.CharField(
        label=_("Document number"), max_length=60, help_text=_("e.g. 晋中政发〔2024〕3号")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_INPUT)
    published_on = forms.DateField(label=_("Published on"), widget=DATE_INPUT)
    effective_on = forms.DateField(label=_("In force from"), widget=DATE_INPUT, required=False)
    amends = forms.TypedMultipleChoiceField(
        label=_("Amends"), coerce=int, required=False, help_text=_("Documents it amends.")
    )
    repeals = forms.TypedMultipleChoiceField(
        label=_("Repeals"), coerce=int, required=False, help_text=_("Documents it repeals.")
    )

    def __init__(self, *args: Any, issuers: list[Issuer], congress_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.issuers = {i.pk: i for i in issuers}
        self.fields["issuer"].choices = [(i.pk, i.name) for i in issuers]  # type: ignore[attr-defined]
        if len(issuers) == 1:
            self.fields["issuer"].initial = issuers[0].pk
        documents = document_choices(congress_id) if congress_id else []
        for name in ("amends", "repeals"):
            self.fields[name].choices = documents  # type: ignore[attr-defined]
            self.fields[name].widget.attrs["size"] = 6

    def chosen_issuer(self) -> Issuer:
        return self.issuers[self.cleaned_data["issuer"]]

    def document_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "issuer": self.chosen_issuer(),
            "number": d["number"],
            "title": d["title"],
            "issued_on": d["issued_on"],
            "published_on": d["published_on"],
            "effective_on": d["effective_on"],
            "amends": d["amends"],
            "repeals": d["repeals"],
        }


class FilingForm(DocumentFieldsForm):
    """报备: the document and its four files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(file_fields(required=(FilePurpose.OFFICIAL,)))

    def files_given(self) -> dict[str, Any]:
        return {p: self.cleaned_data[p] for p in FilePurpose.values if self.cleaned_data.get(p)}


class DocumentForm(DocumentFieldsForm):
    """入库: a document in force without a filing on the platform, with its text."""

    text = forms.CharField(
        label=_("Full text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paste the text, or give the electronic text below."),
    )
    electronic = forms.FileField(
        label=_("Electronic text"), required=False, help_text=FILE_HELP[FilePurpose.ELECTRONIC]
    )


class OpenReviewForm(ActionErrorsMixin, forms.Form):
    document = forms.TypedChoiceField(label=_("Document"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Kind of review"),
        choices=[
            (ReviewKind.SPECIAL, ReviewKind.SPECIAL.label),
            (ReviewKind.TRANSFERRED, ReviewKind.TRANSFERRED.label),
        ],  # fmt: skip
        widget=forms.RadioSelect,
    )
    topic = forms.CharField(
        label=_("Topic or origin"),
        max_length=200,
        help_text=_("A special review's topic, or the body that transferred it."),
    )

    def __init__(self, *args: Any, congress_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = document_choices(congress_id)  # type: ignore[attr-defined]


class ReportForm(ActionErrorsMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Empty: the usual title.")
    )
    foreword = forms.CharField(
        label=_("Opening paragraphs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The figures and cases of the year follow them in the document."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = list(range(this_year, this_year - 6, -1))
        self.fields["year"].choices = [(y, y) for y in years]  # type: ignore[attr-defined]
        self.fields["year"].initial = this_year - 1


class ProposalForm(ActionErrorsMixin, forms.Form):
    """审查建议, for anyone: who proposes (private), the document, the provisions and reasons."""

    ACTION_FIELDS = {"document_named": "document_named"}

    document = forms.TypedChoiceField(
        label=_("Document"), coerce=int, required=False, empty_value=None
    )
    document_named = forms.CharField(
        label=_("Or name the document"),
        max_length=200,
        required=False,
        help_text=_("Its title and number, if it is not in the list."),
    )
    reasons = forms.CharField(
        label=_("Provisions and reasons"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Which provisions, and why you think they conflict with the law or are not appropriate."
        ),
    )
    proposer_name = forms.CharField(label=_("Your name"), max_length=40)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=100,
        required=False,
        help_text=_("If you write for one."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args: Any, congress_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = document_choices(congress_id) if congress_id else []
        self.fields["document"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


# --- list filters ----------------------------------------------------------------------------


class FilingFilterForm(FilterForm):
    q = search_field(_("Title or number"))
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *FilingState.choices]
    )
    year = recent_years_field(10)
    late = forms.BooleanField(label=_("Filed late"), required=False)


class ReviewFilterForm(FilterForm):
    q = search_field(_("Title or number"))
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *ReviewState.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind of review"), required=False, choices=[("", _("All")), *ReviewKind.choices]
    )
    year = recent_years_field(10)


class ProposalFilterForm(FilterForm):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *ProposalState.choices]
    )
    year = recent_years_field(10)


class DocumentFilterForm(FilterForm):
    q = search_field(_("Words in the title, number or text"))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DocumentStatus.choices]
    )
    issuer = forms.TypedChoiceField(
        label=_("Issuing body"), coerce=int, required=False, empty_value=None
    )
    year = recent_years_field(10)

    def __init__(self, *args: Any, issuers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].choices = [("", _("All")), *issuers]  # type: ignore[attr-defined]


class PublicDocumentFilterForm(DocumentFilterForm):
    status = None  # type: ignore[assignment]  # the public reads the documents in force


# --- action forms that need more than their payload -------------------------------------------


class RefileForm(ActionForm):
    """File again: the corrected data, and the files that were missing or wrong."""

    workflow = FILING
    action = "refile"
    payload_class = P.RefileIn

    def setup(self) -> None:
        self.fields.update(file_fields())

    def extra(self) -> dict[str, Any]:
        return {
            "files": {
                p: self.cleaned_data[p] for p in FilePurpose.values if self.cleaned_data.get(p)
            }
        }


class AcceptProposalForm(ActionForm):
    workflow = PROPOSAL
    action = "accept"
    payload_class = P.AcceptProposalIn
    document = forms.TypedChoiceField(label=_("Document"), coerce=int)

    def setup(self) -> None:
        choices = document_choices(self.case.congress_id, in_force=False)
        self.fields["document"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


check_forms(FILING)
check_forms(REVIEW)
check_forms(PROPOSAL)
check_forms(REPORT)
