"""Forms of the suggestion pages: writing a suggestion or motion, list filters, one per action.

Each action form parses its input and calls one function of actions.py in `run()`; the
functions decide everything (who, when, what is valid). An ActionInvalid comes back to the
form and shows beside the field it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.forms import MultipleFileField
from renda.core.workflow import ActionError
from renda.org.models import Body, Delegation, Deputy, HandlingUnit, Session
from renda.suggestions import actions as A
from renda.suggestions.models import (
    Assignment,
    Category,
    Contact,
    ConvertedTo,
    Extension,
    HandlingMode,
    Motion,
    ReplyCategory,
    Satisfaction,
    Suggestion,
    SuggestionState,
)
from renda.suggestions.workflow import SUGGESTION

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_TEXT = 20_000
MAX_COMMENT = 5_000


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


# --- one form per action -----------------------------------------------------------------


@dataclass
class ActionContext:
    """The suggestion (loaded with queries.with_detail_data) and who acts, shared by the
    forms of one page so that their choices cost one query each at most."""

    suggestion: Suggestion
    user: Any

    @cached_property
    def units(self) -> dict[int, HandlingUnit]:
        qs = HandlingUnit.objects.filter(congress_id=self.suggestion.congress_id, active=True)
        return {u.pk: u for u in qs.order_by("kind", "name")}

    @property
    def unit_choices(self) -> list[tuple[Any, str]]:
        return [("", "—"), *((pk, u.name) for pk, u in self.units.items())]

    def pending_adjustments(self) -> list[tuple[int, str]]:
        return [
            (a.pk, f"{a.unit.name}: {a.contest_reason}")
            for a in self.suggestion.active_assignments  # type: ignore[attr-defined]
            if a.contest_state == Assignment.ContestState.PENDING
        ]


class ActionForm(forms.Form):
    """The input of one workflow action (its name is the form's prefix)."""

    action = ""
    success: Any = _("Done.")
    button: Any = None  # defaults to the transition's label
    template = "suggestions/_action_form.html"
    groups: tuple[str, ...] = ()  # rows (formsets) whose errors show beside them
    button_class = "button"
    label: Any = ""  # the transition's label, set by the page that shows the form
    open = False  # set by the page on the form it shows unfolded (the usual next step)

    def __init__(
        self, data: Any = None, files: Any = None, *, ctx: ActionContext, **kwargs: Any
    ) -> None:
        super().__init__(data, files, prefix=self.action, **kwargs)
        self.ctx = ctx
        self.group_errors: dict[str, list[str]] = {}
        self.setup()

    @property
    def s(self) -> Suggestion:
        return self.ctx.suggestion

    @property
    def user(self) -> Any:
        return self.ctx.user

    def setup(self) -> None:
        """Choices that depend on the suggestion or the user."""

    def run(self) -> Any:
        raise NotImplementedError

    def add_action_error(self, error: ActionError) -> None:
        """Show the action's refusal beside the field it names, else on top of the form."""
        if error.field in self.fields:
            self.add_error(error.field, str(error.message))
        elif error.field in self.groups:
            self.group_errors.setdefault(error.field, []).append(str(error.message))
        else:
            self.add_error(None, str(error.message))

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.group_errors)


class ConfirmForm(ActionForm):
    action = "confirm"
    success = _("You confirmed co-signing.")

    def run(self) -> Any:
        return A.suggestion_cosign(suggestion=self.s, actor=self.user, confirm=True)


class DeclineForm(ActionForm):
    action = "decline"
    success = _("You declined co-signing.")
    button_class = "button button-secondary"

    def run(self) -> Any:
        return A.suggestion_cosign(suggestion=self.s, actor=self.user, confirm=False)


class ResubmitForm(ActionForm):
    action = "resubmit"
    success = _("The suggestion is resubmitted for review.")
    title = forms.CharField(label=_("Title"), max_length=200)
    body = _text(_("Text"), rows=10, max_length=MAX_TEXT)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)

    def setup(self) -> None:
        if not self.is_bound:
            self.initial = {"title": self.s.title, "body": self.s.body, "category": self.s.category}

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_resubmit(
            suggestion=self.s,
            actor=self.user,
            title=d["title"],
            body=d["body"],
            category=d["category"],
        )


class WithdrawForm(ActionForm):
    action = "withdraw"
    success = _("The suggestion is withdrawn.")
    button_class = "button button-danger"
    reason = _text(_("Reason for withdrawing"), rows=3)

    def run(self) -> Any:
        return A.suggestion_withdraw(
            suggestion=self.s, actor=self.user, reason=self.cleaned_data["reason"]
        )


class AcceptForm(ActionForm):
    action = "accept"
    success = _("The suggestion is accepted and numbered.")
    comment = _comment()

    def run(self) -> Any:
        return A.suggestion_accept(
            suggestion=self.s, actor=self.user, comment=self.cleaned_data["comment"]
        )


class ReturnForm(ActionForm):
    action = "return"
    success = _("The suggestion is returned to the deputy for revision.")
    button_class = "button button-secondary"
    reason = _text(_("What the deputy should revise"), rows=3)

    def run(self) -> Any:
        return A.suggestion_return(
            suggestion=self.s, actor=self.user, reason=self.cleaned_data["reason"]
        )


class ConvertForm(ActionForm):
    action = "convert"
    success = _("The suggestion is converted.")
    button_class = "button button-secondary"
    to = forms.ChoiceField(
        label=_("Convert to"), choices=ConvertedTo.choices, widget=forms.RadioSelect
    )
    reason = _text(_("Reason"), rows=3)

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_convert(
            suggestion=self.s, actor=self.user, to=d["to"], reason=d["reason"]
        )


class MergeForm(ActionForm):
    action = "merge"
    success = _("The suggestion is merged.")
    button_class = "button button-secondary"
    into = forms.TypedChoiceField(label=_("Merge into"), coerce=int)
    comment = _comment()

    def setup(self) -> None:
        # Same year, not yet assigned: the suggestions that can still take others in.
        self.candidates = {
            c.pk: c
            for c in Suggestion.objects.filter(
                congress_id=self.s.congress_id,
                year=self.s.year,
                state__in=[SuggestionState.SUBMITTED, SuggestionState.ACCEPTED],
            )
            .exclude(pk=self.s.pk)
            .only("pk", "number", "title")
            .order_by("number", "pk")
        }
        self.fields["into"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((pk, _suggestion_label(c)) for pk, c in self.candidates.items()),
        ]

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_merge(
            suggestion=self.s,
            actor=self.user,
            into=self.candidates[d["into"]],
            comment=d["comment"],
        )


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


class AssignForm(ActionForm):
    """交办: the mode and one row per unit; a blank role follows the mode (in joint handling
    the first unit leads and the others co-handle)."""

    action = "assign"
    success = _("The suggestion is assigned; the units are notified.")
    template = "suggestions/_action_assign.html"
    groups = ("units",)
    mode = forms.ChoiceField(
        label=_("Handling mode"), choices=HandlingMode.choices, widget=forms.RadioSelect
    )
    comment = _comment()

    def setup(self) -> None:
        self.rows = UnitRows(
            self.data if self.is_bound else None,
            prefix=f"{self.prefix}-units",
            form_kwargs={"units": self.ctx.unit_choices},
        )
        if not self.is_bound:
            self.initial = {"mode": HandlingMode.SOLE}

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.rows.is_valid()])

    def parts(self) -> list[A.UnitPart]:
        mode = self.cleaned_data["mode"]
        rows = [r.cleaned_data for r in self.rows if r.cleaned_data.get("unit")]
        default = {HandlingMode.SOLE: "sole", HandlingMode.SEPARATE: "separate"}.get(mode)
        return [
            A.UnitPart(
                unit=self.ctx.units[row["unit"]],
                role=row["role"] or default or ("lead" if i == 0 else "co"),
                part=row["part"],
            )
            for i, row in enumerate(rows)
        ]

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_assign(
            suggestion=self.s,
            actor=self.user,
            mode=d["mode"],
            parts=self.parts(),
            comment=d["comment"],
        )


class ContestForm(ActionForm):
    action = "contest"
    success = _("Your adjustment request is sent to the staff.")
    button_class = "button button-secondary"
    reason = _text(_("Why this unit should not handle it"), rows=3)

    def run(self) -> Any:
        return A.suggestion_contest(
            suggestion=self.s, actor=self.user, reason=self.cleaned_data["reason"]
        )


class ReassignForm(ActionForm):
    action = "reassign"
    success = _("The adjustment is granted: the part moves to the new unit.")
    assignment = forms.TypedChoiceField(label=_("Adjustment request"), coerce=int)
    unit = forms.TypedChoiceField(label=_("New unit"), coerce=int)
    comment = _comment()

    def setup(self) -> None:
        self.fields["assignment"].choices = self.ctx.pending_adjustments()  # type: ignore[attr-defined]
        self.fields["unit"].choices = self.ctx.unit_choices  # type: ignore[attr-defined]

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_reassign(
            suggestion=self.s,
            actor=self.user,
            assignment_id=d["assignment"],
            unit=self.ctx.units[d["unit"]],
            comment=d["comment"],
        )


class RefuseContestForm(ActionForm):
    action = "refuse_contest"
    success = _("The adjustment request is refused.")
    button_class = "button button-secondary"
    assignment = forms.TypedChoiceField(label=_("Adjustment request"), coerce=int)
    reason = _text(_("Reason"), rows=3)

    def setup(self) -> None:
        self.fields["assignment"].choices = self.ctx.pending_adjustments()  # type: ignore[attr-defined]

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_refuse_contest(
            suggestion=self.s, actor=self.user, assignment_id=d["assignment"], reason=d["reason"]
        )


class MarkKeyForm(ActionForm):
    action = "mark_key"
    success = _("Marked as a key suggestion.")
    button_class = "button button-secondary"
    body = forms.ModelChoiceField(
        label=_("Supervising committee"), queryset=Body.objects.none(), required=False
    )
    leader = forms.ModelChoiceField(
        label=_("Supervising leader"), queryset=Deputy.objects.none(), required=False
    )
    comment = _comment()

    def setup(self) -> None:
        from renda.accounts.models import User

        congress = self.s.congress_id
        self.fields["body"].queryset = Body.objects.filter(congress_id=congress).order_by("name")  # type: ignore[attr-defined]
        self.fields["leader"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            congress_id=congress, role="leader", is_active=True
        ).order_by("last_name", "first_name", "username")

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_mark_key(
            suggestion=self.s,
            actor=self.user,
            body=d["body"],
            leader=d["leader"],
            comment=d["comment"],
        )


class CommunicateForm(ActionForm):
    action = "communicate"
    success = _("The contact is recorded.")
    method = forms.ChoiceField(label=_("How"), choices=Contact.Method.choices)
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    people = forms.CharField(label=_("Who took part"), max_length=200)
    notes = _text(_("What was discussed"), rows=3)

    def setup(self) -> None:
        if not self.is_bound:
            self.initial = {"date": timezone.localdate()}

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_communicate(
            suggestion=self.s,
            actor=self.user,
            method=d["method"],
            date=d["date"],
            people=d["people"],
            notes=d["notes"],
        )


class CoInputForm(ActionForm):
    action = "co_input"
    success = _("Your input is sent to the lead unit.")
    text = _text(_("Input for the lead unit"), rows=5, max_length=MAX_TEXT)

    def run(self) -> Any:
        return A.suggestion_co_input(
            suggestion=self.s, actor=self.user, text=self.cleaned_data["text"]
        )


class RequestExtensionForm(ActionForm):
    action = "request_extension"
    success = _("The extension request is sent to the staff.")
    button_class = "button button-secondary"
    new_due = forms.DateField(label=_("New reply date"), widget=DATE_INPUT)
    reason = _text(_("Reason"), rows=3)

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_request_extension(
            suggestion=self.s, actor=self.user, new_due=d["new_due"], reason=d["reason"]
        )


class ExtendForm(ActionForm):
    action = "extend"
    success = _("The extension request is decided.")
    extension = forms.TypedChoiceField(label=_("Request"), coerce=int)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    comment = _comment()

    def setup(self) -> None:
        self.fields["extension"].choices = [  # type: ignore[attr-defined]
            (e.pk, f"{e.unit.name}: {e.old_due} → {e.new_due} · {e.reason}")
            for e in self.s.extensions.all()
            if e.state == Extension.State.REQUESTED
        ]

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_extend(
            suggestion=self.s,
            actor=self.user,
            extension_id=d["extension"],
            approve=d["decision"] == "approve",
            comment=d["comment"],
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


class ReplyForm(ActionForm):
    """答复: the letter, its result (A/B/C) and what the unit promises by when."""

    action = "reply"
    success = _("The reply is recorded; the deputy is asked to evaluate it.")
    template = "suggestions/_action_reply.html"
    groups = ("promises",)
    text = _text(_("Reply letter"), rows=10, max_length=MAX_TEXT)
    category = forms.ChoiceField(
        label=_("Result"), choices=ReplyCategory.choices, widget=forms.RadioSelect
    )
    signer = forms.CharField(label=_("Signed by"), max_length=40)
    contact_person = forms.CharField(label=_("Contact person"), max_length=40, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    attachments = MultipleFileField(label=_("Attachments"))

    def setup(self) -> None:
        self.rows = PromiseRows(
            self.data if self.is_bound else None, prefix=f"{self.prefix}-promises"
        )

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.rows.is_valid()])

    def run(self) -> Any:
        d = self.cleaned_data
        promises = [
            A.PromiseIn(text=r.cleaned_data["text"], due_date=r.cleaned_data["due_date"])
            for r in self.rows
            if r.cleaned_data.get("text") or r.cleaned_data.get("due_date")
        ]
        return A.suggestion_reply(
            suggestion=self.s,
            actor=self.user,
            text=d["text"],
            category=d["category"],
            signer=d["signer"],
            contact_person=d["contact_person"],
            contact_phone=d["contact_phone"],
            promises=promises,
            attachments=d["attachments"],
        )


class PromiseDoneForm(ActionForm):
    action = "promise_done"
    success = _("The promise is marked delivered.")
    promise = forms.TypedChoiceField(label=_("Promise"), coerce=int)
    evidence = _text(_("How it was delivered"), rows=3)

    def setup(self) -> None:
        # A handler picks among their own unit's promises; the action checks this again.
        unit = self.user.unit_id if getattr(self.user, "role", "") == "handler" else None
        self.promises = {
            p.pk: p
            for r in self.s.replies.all()
            for p in r.promises.all()
            if p.done_at is None and (unit is None or p.unit_id == unit)
        }
        self.fields["promise"].choices = [  # type: ignore[attr-defined]
            (pk, f"{p.due_date} · {p.text[:60]}") for pk, p in self.promises.items()
        ]

    def run(self) -> Any:
        d = self.cleaned_data
        promise = self.promises[d["promise"]]
        promise.suggestion = self.s
        return A.promise_done(promise=promise, actor=self.user, evidence=d["evidence"])


class EvaluateForm(ActionForm):
    action = "evaluate"
    success = _("Thank you: your evaluation is recorded.")
    result = forms.ChoiceField(
        label=_("Are you satisfied with the handling?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )
    comment = _text(
        _("Comment"),
        required=False,
        rows=3,
        help_text=_("Required if you are not satisfied: the unit handles it again."),
    )

    def run(self) -> Any:
        d = self.cleaned_data
        return A.suggestion_evaluate(
            suggestion=self.s, actor=self.user, result=d["result"], comment=d["comment"]
        )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    f.action: f
    for f in (
        ConfirmForm,
        DeclineForm,
        ResubmitForm,
        WithdrawForm,
        AcceptForm,
        ReturnForm,
        ConvertForm,
        MergeForm,
        AssignForm,
        ContestForm,
        ReassignForm,
        RefuseContestForm,
        MarkKeyForm,
        CommunicateForm,
        CoInputForm,
        RequestExtensionForm,
        ExtendForm,
        ReplyForm,
        PromiseDoneForm,
        EvaluateForm,
    )
}

if set(ACTION_FORMS) != set(SUGGESTION.actions):  # pragma: no cover - a programming error
    raise RuntimeError("suggestion pages: action forms differ from the workflow's actions")
