"""Forms of the suggestion pages: writing a suggestion or motion, list filters, and the action
forms whose input needs more than their payload says (choices from the case, rows of units or
promises, files). Every other action's form is derived from its payload (core.actionforms).

An action form builds the action's payload, which runs the action the way the API does; the
actions decide everything (who, when, what is valid). An ActionInvalid comes back to the form
and shows beside the field it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import DATE_INPUT, ActionForm, check_forms
from renda.core.forms import MultipleFileField
from renda.core.schemas import MAX_COMMENT, MAX_TEXT
from renda.core.workflow import ActionInvalid
from renda.org.models import Body, Delegation, Deputy, HandlingUnit, Session
from renda.routing.proposals import RoutingProposal, propose
from renda.suggestions import actions as A
from renda.suggestions import payloads as P
from renda.suggestions.models import (
    Assignment,
    Category,
    Extension,
    HandlingMode,
    Motion,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.rules import owns_promise
from renda.suggestions.workflow import MOTION, SUGGESTION


def _text(label: Any, *, required: bool = True, rows: int = 4, **kw: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=kw.pop("max_length", MAX_COMMENT),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def _comment() -> forms.CharField:
    return _text(_("Comment"), required=False, rows=2)


def _deputy_choices(congress_id: int, exclude: int) -> list[tuple[str, list[Any]]]:
    """Serving deputies of the congress, grouped by delegation, for the co-signer picker."""
    deputies = (
        Deputy.objects.filter(congress_id=congress_id, status=Deputy.Status.ACTIVE)
        .exclude(pk=exclude)
        .select_related("person", "delegation")
        .order_by("delegation__name", "card_number")
    )
    groups: dict[str, list[Any]] = {}
    for d in deputies:
        groups.setdefault(d.delegation.name if d.delegation else "—", []).append(
            (d.pk, d.person.name)
        )
    return list(groups.items())


# --- writing -----------------------------------------------------------------------------


class SuggestionForm(forms.Form):
    """A deputy writes a suggestion (提出建议)."""

    heading = _("Submit a suggestion")
    intro = _(
        "One matter per suggestion: the problem, its causes and what you propose. During "
        "a session it is a session suggestion; otherwise it goes straight to the staff (直通车)."
    )
    button = _("Submit")
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices])
    body = _text(_("Text"), rows=14, max_length=MAX_TEXT)
    cosigner_ids = forms.TypedMultipleChoiceField(
        label=_("Co-signers"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each co-signer is asked to confirm; the suggestion goes to review then."),
    )
    confidential = forms.BooleanField(
        label=_("Confidential: never publish this suggestion or my name"), required=False
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, Word, Excel, images or text; up to 10 MB each."),
    )

    def __init__(self, *args: Any, deputy: Deputy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cosigner_ids"].choices = _deputy_choices(deputy.congress_id, deputy.pk)  # type: ignore[attr-defined]

    def submit(self, *, author: Any) -> Suggestion:
        d = self.cleaned_data
        return A.suggestion_submit(
            author=author,
            title=d["title"],
            body=d["body"],
            category=d["category"],
            cosigner_ids=d["cosigner_ids"],
            confidential=d["confidential"],
            attachments=d["attachments"],
        )

    def done_message(self, s: Suggestion) -> str:
        if s.state == SuggestionState.COSIGNING:
            return str(_("Submitted. It goes to review once your co-signers confirm."))
        return str(_("Submitted. The staff will review it."))

    def next_url(self, s: Suggestion) -> str:
        return reverse("suggestions:detail", args=[s.pk])


class MotionForm(forms.Form):
    """议案: by the deputy's delegation, or with at least ten deputies."""

    heading = _("Submit a motion")
    intro = _(
        "A motion (议案) is proposed during a session by a delegation, or jointly by at "
        "least ten deputies. The presidium decides whether it goes on the agenda; "
        "otherwise it is handled as a suggestion."
    )
    button = _("Submit the motion")
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices])
    body = _text(_("Text"), rows=14, max_length=MAX_TEXT)
    delegation = forms.ModelChoiceField(
        label=_("On behalf of the delegation"),
        queryset=Delegation.objects.none(),
        required=False,
        empty_label=_("No: proposed by deputies jointly"),
    )
    deputy_ids = forms.TypedMultipleChoiceField(
        label=_("Proposing deputies"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a delegation, a motion needs at least ten deputies (you included)."),
    )

    def __init__(self, *args: Any, deputy: Deputy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sessions = Session.objects.filter(congress_id=deputy.congress_id).order_by("-start_date")
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]
        self.fields["session"].label_from_instance = lambda s: (  # type: ignore[attr-defined]
            _("Session %(number)s (%(start)s)") % {"number": s.number, "start": s.start_date}
        )
        if not self.is_bound:
            self.initial.setdefault("session", sessions.first())
        # The deputy's own delegation only (none if they have none).
        own = Delegation.objects.none()
        if deputy.delegation_id is not None:
            own = Delegation.objects.filter(pk=deputy.delegation_id)
        self.fields["delegation"].queryset = own  # type: ignore[attr-defined]
        self.fields["deputy_ids"].choices = _deputy_choices(deputy.congress_id, deputy.pk)  # type: ignore[attr-defined]

    def submit(self, *, author: Any) -> Motion:
        d = self.cleaned_data
        return A.motion_submit(
            author=author,
            session=d["session"],
            title=d["title"],
            body=d["body"],
            category=d["category"],
            deputy_ids=d["deputy_ids"],
            delegation=d["delegation"],
        )

    def done_message(self, motion: Motion) -> str:
        return str(
            _("Motion No. %(number)s is submitted: “%(title)s”.")
            % {"number": motion.number, "title": motion.title}
        )

    def next_url(self, motion: Motion) -> str:
        return reverse("suggestions:mine")


# --- list filters ------------------------------------------------------------------------


def _year_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)


def _years(first: int | None) -> list[tuple[Any, Any]]:
    this_year = timezone.localdate().year
    first = min(first or this_year, this_year)
    return [("", _("All")), *((y, y) for y in range(this_year, first - 1, -1))]


def _search_field(placeholder: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class FilterForm(forms.Form):
    """A list's filter bar; a bad value shows its error and is ignored."""

    def values(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class MyFilterForm(FilterForm):
    q = _search_field(_("Title or text"))
    year = _year_field()
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *SuggestionState.choices]
    )
    waiting = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All")), ("me", _("Waiting for me")), ("led", _("Led by me"))],
    )

    def __init__(self, *args: Any, first_year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years(first_year)  # type: ignore[attr-defined]


class UnitFilterForm(FilterForm):
    q = _search_field(_("Title or text"))
    year = _year_field()
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Being handled")), ("all", _("All, including closed"))],
    )

    def __init__(self, *args: Any, first_year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years(first_year)  # type: ignore[attr-defined]


class PublicFilterForm(FilterForm):
    q = _search_field(_("Words in the title, text or reply"))
    year = _year_field()
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )
    unit = forms.TypedChoiceField(
        label=_("Handling unit"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, units: list[tuple[int, str]], first_year: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years(first_year)  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", _("All")), *units]  # type: ignore[attr-defined]


# --- action forms whose input needs more than the payload ------------------------------------


@dataclass
class ActionContext:
    """What the action forms of one suggestion's page share, so that their choices cost one
    query each at most."""

    suggestion: Suggestion

    @cached_property
    def units(self) -> dict[int, HandlingUnit]:
        qs = HandlingUnit.objects.filter(congress_id=self.suggestion.congress_id, active=True)
        return {u.pk: u for u in qs.order_by("kind", "name")}

    @property
    def unit_choices(self) -> list[tuple[Any, str]]:
        return [("", "—"), *((pk, u.name) for pk, u in self.units.items())]

    @cached_property
    def routing(self) -> RoutingProposal:
        """智能交办: the units and category routing proposes for this suggestion."""
        s = self.suggestion
        return propose(congress_id=s.congress_id, kind="suggestion", text=f"{s.title}\n{s.body}")

    def pending_adjustments(self) -> list[tuple[int, str]]:
        return [
            (a.pk, f"{a.unit.name}: {a.contest_reason}")
            for a in self.suggestion.active_assignments  # type: ignore[attr-defined]
            if a.contest_state == Assignment.ContestState.PENDING
        ]


class SuggestionActionForm(ActionForm):
    workflow = SUGGESTION

    @property
    def context(self) -> ActionContext:
        return self.ctx if isinstance(self.ctx, ActionContext) else ActionContext(self.case)


class MergeForm(SuggestionActionForm):
    action = "merge"
    payload_class = P.MergeIn
    into = forms.TypedChoiceField(label=_("Merge into"), coerce=int)

    def setup(self) -> None:
        # Same year, not yet assigned: the suggestions that can still take others in.
        candidates = (
            Suggestion.objects.filter(
                congress_id=self.case.congress_id,
                year=self.case.year,
                state__in=[SuggestionState.SUBMITTED, SuggestionState.ACCEPTED],
            )
            .exclude(pk=self.case.pk)
            .only("pk", "number", "title")
            .order_by("number", "pk")
        )
        self.fields["into"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((c.pk, _suggestion_label(c)) for c in candidates),
        ]


def _suggestion_label(s: Suggestion) -> str:
    number = _("No. %(number)s") % {"number": s.number} if s.number else _("not numbered")
    return f"{number} · {s.title}"


class UnitRowForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False, empty_value=None)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("As the mode says")), *Assignment.Role.choices],
    )
    part = forms.CharField(label=_("Part to handle"), required=False, max_length=500)

    def __init__(self, *args: Any, units: list[tuple[Any, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units  # type: ignore[attr-defined]


UnitRows = forms.formset_factory(UnitRowForm, extra=4, max_num=12, absolute_max=12)


class AssignForm(SuggestionActionForm):
    """交办: the mode and one row per unit; a blank role follows the mode (in joint handling
    the first unit leads and the others co-handle)."""

    action = "assign"
    payload_class = P.AssignIn
    fields_template = "suggestions/_assign_fields.html"
    groups = ("units",)
    not_derived = ("units",)

    def setup(self) -> None:
        self.proposal = self.context.routing
        # The proposal's first unit fills the first row; staff keep it or change it.
        first = self.proposal.unit_ids[:1]
        self.rows = UnitRows(
            self.data if self.is_bound else None,
            prefix=f"{self.prefix}-units",
            form_kwargs={"units": self.context.unit_choices},
            initial=None if self.is_bound or not first else [{"unit": first[0]}],
        )

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.rows.is_valid()])

    def payload(self) -> P.AssignIn:
        mode = self.cleaned_data["mode"]
        rows = [r.cleaned_data for r in self.rows if r.cleaned_data.get("unit")]
        if not rows:
            raise ActionInvalid(_("Choose at least one handling unit."), field="units")
        default = {HandlingMode.SOLE: "sole", HandlingMode.SEPARATE: "separate"}.get(mode)
        units = [
            P.UnitPartIn(
                unit=row["unit"],
                role=Assignment.Role(row["role"] or default or ("lead" if i == 0 else "co")),
                part=row["part"],
            )
            for i, row in enumerate(rows)
        ]
        return P.AssignIn(mode=mode, units=units, comment=self.cleaned_data["comment"])


class ReassignForm(SuggestionActionForm):
    action = "reassign"
    payload_class = P.ReassignIn
    assignment = forms.TypedChoiceField(label=_("Adjustment request"), coerce=int)
    unit = forms.TypedChoiceField(label=_("New unit"), coerce=int)

    def setup(self) -> None:
        self.fields["assignment"].choices = self.context.pending_adjustments()  # type: ignore[attr-defined]
        self.fields["unit"].choices = self.context.unit_choices  # type: ignore[attr-defined]


class RefuseContestForm(SuggestionActionForm):
    action = "refuse_contest"
    payload_class = P.RefuseContestIn
    assignment = forms.TypedChoiceField(label=_("Adjustment request"), coerce=int)

    def setup(self) -> None:
        self.fields["assignment"].choices = self.context.pending_adjustments()  # type: ignore[attr-defined]


class MarkKeyForm(SuggestionActionForm):
    action = "mark_key"
    payload_class = P.MarkKeyIn
    body = forms.ModelChoiceField(
        label=_("Supervising committee"), queryset=Body.objects.none(), required=False
    )
    leader = forms.ModelChoiceField(
        label=_("Supervising leader"), queryset=Body.objects.none(), required=False
    )

    def setup(self) -> None:
        from renda.accounts.models import User

        congress = self.case.congress_id
        self.fields["body"].queryset = Body.objects.filter(congress_id=congress).order_by("name")  # type: ignore[attr-defined]
        self.fields["leader"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            congress_id=congress, role="leader", is_active=True
        ).order_by("last_name", "first_name", "username")

    def payload(self) -> P.MarkKeyIn:
        d = self.cleaned_data
        return P.MarkKeyIn(
            body=d["body"].pk if d["body"] else None,
            leader=d["leader"].pk if d["leader"] else None,
            comment=d["comment"],
        )


class ExtendForm(SuggestionActionForm):
    action = "extend"
    payload_class = P.ExtendIn
    not_derived = ("approve",)
    extension = forms.TypedChoiceField(label=_("Request"), coerce=int)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )

    def setup(self) -> None:
        self.fields["extension"].choices = [  # type: ignore[attr-defined]
            (e.pk, f"{e.unit.name}: {e.old_due} → {e.new_due} · {e.reason}")
            for e in self.case.extensions.all()
            if e.state == Extension.State.REQUESTED
        ]
        self.order_fields(["extension", "decision", "comment"])

    def payload(self) -> P.ExtendIn:
        d = self.cleaned_data
        return P.ExtendIn(
            extension=d["extension"], approve=d["decision"] == "approve", comment=d["comment"]
        )


class PromiseRowForm(forms.Form):
    text = forms.CharField(label=_("Promise"), required=False, max_length=MAX_COMMENT)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("text") and not data.get("due_date") and "due_date" not in self.errors:
            self.add_error("due_date", _("When will it be delivered?"))
        return data


PromiseRows = forms.formset_factory(PromiseRowForm, extra=3, max_num=20, absolute_max=20)


class ReplyForm(SuggestionActionForm):
    """答复: the letter, its result (A/B/C), what the unit promises by when, and files."""

    action = "reply"
    payload_class = P.ReplyIn
    fields_template = "suggestions/_reply_fields.html"
    groups = ("promises",)
    not_derived = ("promises",)
    attachments = MultipleFileField(label=_("Attachments"))

    def setup(self) -> None:
        self.rows = PromiseRows(
            self.data if self.is_bound else None, prefix=f"{self.prefix}-promises"
        )
        self.order_fields(["text", "category", "signer", "contact_person", "contact_phone"])

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.rows.is_valid()])

    def payload(self) -> P.ReplyIn:
        d = self.cleaned_data
        promises = [
            P.PromiseRowIn(text=r.cleaned_data["text"], due_date=r.cleaned_data["due_date"])
            for r in self.rows
            if r.cleaned_data.get("text") or r.cleaned_data.get("due_date")
        ]
        return P.ReplyIn(
            text=d["text"],
            category=d["category"],
            signer=d["signer"],
            contact_person=d["contact_person"],
            contact_phone=d["contact_phone"],
            promises=promises,
        )

    def extra(self) -> dict[str, Any]:
        return {"attachments": self.cleaned_data["attachments"]}


class PromiseDoneForm(SuggestionActionForm):
    action = "promise_done"
    payload_class = P.PromiseDoneIn
    promise = forms.TypedChoiceField(label=_("Promise"), coerce=int)

    def setup(self) -> None:
        # A unit's officer picks among their own unit's promises; the action checks it again.
        promises = [p for r in self.case.replies.all() for p in r.promises.all()]
        for p in promises:
            p.suggestion = self.case  # already loaded: the rule reads its congress
        self.fields["promise"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.due_date} · {p.text[:60]}")
            for p in promises
            if p.done_at is None and owns_promise(self.user, p)
        ]

    def offered(self) -> bool:
        return bool(self.fields["promise"].choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        if not self.offered():  # posted anyway: the one reason, not "not a valid choice"
            self.errors.pop("promise", None)
            raise forms.ValidationError(P.NO_PROMISES)
        return super().clean()


class MotionReferForm(ActionForm):
    """Refer a motion to one of the congress's special committees."""

    workflow = MOTION
    action = "refer"
    payload_class = P.ReferIn
    committee = forms.TypedChoiceField(label=_("Special committee"), coerce=int)

    def setup(self) -> None:
        committees = Body.objects.filter(
            congress_id=self.case.congress_id, kind=Body.Kind.SPECIAL_COMMITTEE
        ).order_by("name")
        self.fields["committee"].choices = [("", "—"), *((b.pk, b.name) for b in committees)]  # type: ignore[attr-defined]


check_forms(SUGGESTION)
check_forms(MOTION)
