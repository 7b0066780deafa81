"""Forms of the decisions and appointments pages: drafting a decision, receiving a proposal,
adding a person to it, and the action forms whose choices come from the case (the meeting to
table it at, the person a statement, exam or oath is about)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import DATE_INPUT, ActionForm, check_forms
from renda.core.forms import ActionErrorsMixin, FilterForm, fast_selects, search_field
from renda.meetings import actions_decisions as A
from renda.meetings import payloads as P
from renda.meetings.models import (
    Appointee,
    Decision,
    DecisionKind,
    DecisionState,
    Meeting,
    MeetingKind,
    MeetingState,
    NominationAction,
    Office,
    Outcome,
    Proposer,
)
from renda.meetings.workflow import DECISION, PROPOSAL
from renda.org.models import Body
from renda.search.engine import Filtered, listed


def _meetings_being_prepared(congress_id: int) -> list[tuple[Any, str]]:
    meetings = Meeting.objects.filter(
        congress_id=congress_id,
        kind=MeetingKind.STANDING_COMMITTEE,
        state__in=(MeetingState.PLANNED, MeetingState.FIXED),
    ).order_by("start_date")
    return [("", "—"), *((m.pk, f"{m.title} · {m.start_date:%Y-%m-%d}") for m in meetings)]


class DraftForm(ActionErrorsMixin, forms.Form):
    success = _("The draft is saved: put it on a meeting's agenda when it is ready.")
    kind = forms.ChoiceField(
        label=_("Kind"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    drafted_by = forms.ModelChoiceField(
        label=_("Drafted by"), queryset=Body.objects.none(), required=False
    )
    amends = forms.ModelMultipleChoiceField(
        label=_("Amends"), queryset=Decision.objects.none(), required=False
    )
    repeals = forms.ModelMultipleChoiceField(
        label=_("Repeals"), queryset=Decision.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        bodies: Any = self.fields["drafted_by"]
        bodies.queryset = Body.objects.filter(congress_id=user.congress_id).order_by("name")
        in_force = Decision.objects.filter(
            congress_id=user.congress_id,
            state__in=(DecisionState.IN_FORCE, DecisionState.AMENDED),
        ).order_by("-year", "-number")
        for name in ("amends", "repeals"):
            field: Any = self.fields[name]
            field.queryset = in_force
        if not self.is_bound:
            self.initial["kind"] = DecisionKind.DECISION

    def run(self) -> Any:
        d = self.cleaned_data
        return A.decision_draft(
            actor=self.user,
            kind=d["kind"],
            title=d["title"],
            text=d["text"],
            drafted_by=d["drafted_by"],
            amends=list(d["amends"]),
            repeals=list(d["repeals"]),
        )


class ProposalForm(ActionErrorsMixin, forms.Form):
    success = _("The proposal is received: add the persons it proposes.")
    proposer = forms.ChoiceField(label=_("Proposed by"), choices=Proposer.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    received_on = forms.DateField(label=_("Received on"), widget=DATE_INPUT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()

    def run(self) -> Any:
        d = self.cleaned_data
        return A.proposal_receive(
            actor=self.user, proposer=d["proposer"], title=d["title"], received_on=d["received_on"]
        )


class NominationForm(ActionErrorsMixin, forms.Form):
    """A person of the proposal: someone already known, or a new person with a summary."""

    success = _("The person is added to the proposal.")
    action = forms.ChoiceField(label=_("Action"), choices=NominationAction.choices)
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none())
    appointee = forms.ModelChoiceField(
        label=_("Person already known"), queryset=Appointee.objects.none(), required=False
    )
    name = forms.CharField(label=_("Or a new person: name"), max_length=40, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("M", _("Male")), ("F", _("Female"))], required=False
    )
    summary = forms.CharField(
        label=_("Career summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    current_office = forms.CharField(label=_("Current office"), max_length=200, required=False)

    def __init__(self, *args: Any, proposal: Any, user: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = "person"
        super().__init__(*args, **kwargs)
        self.proposal, self.user = proposal, user
        offices: Any = self.fields["office"]
        offices.queryset = Office.objects.filter(congress_id=proposal.congress_id)
        people: Any = self.fields["appointee"]
        people.queryset = Appointee.objects.filter(congress_id=proposal.congress_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("appointee") and not (data.get("name") or "").strip():
            self.add_error("name", _("Choose a person already known, or name a new one."))
        return data

    def run(self) -> Any:
        d = self.cleaned_data
        person = d["appointee"] or Appointee.objects.create(
            congress_id=self.proposal.congress_id,
            name=d["name"].strip(),
            gender=d["gender"] or "M",
            summary=d["summary"].strip(),
        )
        return A.nomination_add(
            proposal=self.proposal,
            actor=self.user,
            appointee=person,
            action=d["action"],
            office=d["office"],
            current_office=d["current_office"],
        )


class _TableForm(ActionForm):
    payload_class = P.TableIn
    meeting = forms.TypedChoiceField(label=_("Meeting"), coerce=int)

    def setup(self) -> None:
        meeting: Any = self.fields["meeting"]
        meeting.choices = _meetings_being_prepared(self.case.congress_id)


class DecisionTableForm(_TableForm):
    workflow = DECISION
    action = "table"


class ProposalTableForm(_TableForm):
    workflow = PROPOSAL
    action = "table"


class _PersonForm(ActionForm):
    workflow = PROPOSAL
    nomination = forms.TypedChoiceField(label=_("Person"), coerce=int)
    only_appointed = False

    def setup(self) -> None:
        rows = self.case.nominations.select_related("appointee", "office")
        if self.only_appointed:
            rows = rows.filter(action=NominationAction.APPOINT, outcome=Outcome.PASSED)
        field: Any = self.fields["nomination"]
        field.choices = [(n.pk, str(n)) for n in rows]
        if "on" in self.fields and not self.is_bound:
            self.initial.setdefault("on", timezone.localdate())


class StatementForm(_PersonForm):
    action = "record_statement"
    payload_class = P.StatementIn


class ExamForm(_PersonForm):
    action = "record_exam"
    payload_class = P.ExamIn


class OathForm(_PersonForm):
    action = "record_oath"
    payload_class = P.OathIn
    only_appointed = True


check_forms(DECISION)
check_forms(PROPOSAL)


class OfficeFilterForm(FilterForm):
    """The register of offices: by organization, by words of the office or a holder's name."""

    q = search_field(_("Office or name"))
    organization = forms.ChoiceField(
        label=_("Organization"),
        required=False,
        choices=[("", _("All")), *Office.Organization.choices],
    )


class DecisionFilterForm(FilterForm):
    """The register of decisions: words of the title or text, the year adopted, kind, state."""

    q = search_field(_("Words in the title or text"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *DecisionKind.choices]
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *DecisionState.choices]
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All")), *((y, y) for y in years)]  # type: ignore[attr-defined]
        fast_selects(self)

    def chosen(self, qs: Any, *, reader: Any) -> Filtered[Any]:
        """The decisions the filters ask for (a bad value is shown and ignored); the words
        bounded as every list's (engine.listed)."""
        values = self.values()
        capped = False
        if values.get("q", "").strip():
            found = listed("decision", values["q"], reader=reader, year=values.get("year"))
            qs, capped = qs.filter(found.q()), found.capped  # every word, any order
        if values.get("year"):
            qs = qs.filter(year=values["year"])
        for field in ("kind", "state"):
            if values.get(field):
                qs = qs.filter(**{field: values[field]})
        return Filtered(qs, capped)
