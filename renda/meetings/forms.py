"""Forms of the meeting pages: planning a meeting, agenda items, materials, votes, filters,
and the action forms whose input needs more than their payload (attendance per member)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import agenda
from renda.core.actionforms import DATE_INPUT, ActionForm, check_forms
from renda.core.forms import ActionErrorsMixin, FilterForm, fast_selects, search_field
from renda.meetings import actions as A
from renda.meetings import payloads as P
from renda.meetings.models import (
    ItemKind,
    MeetingKind,
    MeetingState,
    Presence,
    VoteMethod,
)
from renda.meetings.workflow import MEETING, VOTE
from renda.org.models import Deputy, Term


class PlanForm(ActionErrorsMixin, forms.Form):
    """筹备: a new meeting, numbered within its term."""

    success = _("The meeting is planned: add its agenda items and materials.")
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices, widget=forms.RadioSelect)
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.none())
    start_date = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("Last day"), widget=DATE_INPUT, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    convener = forms.CharField(label=_("Convened by"), max_length=60, required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Members of the chair's council"),
        queryset=Deputy.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A standing committee meeting expects every member; choose these only "
                    "for a chair's council meeting."),
    )  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        terms = Term.objects.filter(congress_id=user.congress_id).order_by("-number")
        self.fields["term"].queryset = terms  # type: ignore[attr-defined]
        members: Any = self.fields["members"]
        members.queryset = (
            Deputy.objects.filter(
                congress_id=user.congress_id,
                is_standing_committee_member=True,
                status=Deputy.Status.ACTIVE,
            )
            .select_related("person")
            .order_by("card_number")
        )
        self.fields["members"].label_from_instance = lambda d: d.person.name  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("term", terms.first())
            self.initial.setdefault("kind", MeetingKind.STANDING_COMMITTEE)

    def run(self) -> Any:
        d = self.cleaned_data
        return A.meeting_plan(
            actor=self.user,
            term=d["term"],
            kind=d["kind"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            place=d["place"],
            convener=d["convener"],
            members=list(d["members"]),
        )


class ItemForm(ActionErrorsMixin, forms.Form):
    success = _("The item is on the agenda.")
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    presenter = forms.CharField(label=_("Presented by"), max_length=100, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    case = forms.ChoiceField(
        label=_("About"),
        required=False,
        help_text=_("The case the item takes up (a draft regulation for a reading): what the "
                    "meeting does is recorded on it when the meeting closes."),
    )  # fmt: skip

    def __init__(self, *args: Any, meeting: Any, user: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = "item"
        super().__init__(*args, **kwargs)
        self.meeting, self.user = meeting, user
        # The cases each kind of item may take up, grouped by kind, from the apps that own them.
        groups = [
            (label, found)
            for kind, label in ItemKind.choices
            if (found := agenda.candidates(meeting.congress_id, kind))
        ]
        if groups:
            self.fields["case"].choices = [("", "—"), *groups]  # type: ignore[attr-defined]
        else:
            del self.fields["case"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key, kind = data.get("case"), data.get("kind")
        data["case_object"] = None
        if key and kind:
            data["case_object"] = agenda.resolve(key, self.meeting.congress_id, kind)
            if data["case_object"] is None:
                self.add_error("case", _("This case cannot be taken up as an item of this kind."))
        return data

    def run(self) -> Any:
        d = self.cleaned_data
        return A.item_add(
            meeting=self.meeting,
            actor=self.user,
            kind=d["kind"],
            title=d["title"],
            presenter=d["presenter"],
            summary=d["summary"],
            case=d.get("case_object"),
        )


class MaterialForm(ActionErrorsMixin, forms.Form):
    success = _("The material is added.")
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, images or text."))

    def __init__(self, *args: Any, item: Any, user: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = f"material-{item.pk}"
        super().__init__(*args, **kwargs)
        self.item, self.user = item, user

    def run(self) -> Any:
        d = self.cleaned_data
        return A.material_add(item=self.item, actor=self.user, title=d["title"], file=d["file"])


class VoteForm(ActionErrorsMixin, forms.Form):
    success = _("The vote is prepared: open it when the meeting comes to it.")
    subject = forms.CharField(label=_("Question"), max_length=300)
    method = forms.ChoiceField(
        label=_("Method"), choices=VoteMethod.choices, initial=VoteMethod.NAMED
    )

    def __init__(self, *args: Any, item: Any, user: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = f"vote-{item.pk}"
        super().__init__(*args, **kwargs)
        self.item, self.user = item, user
        if not self.is_bound:
            self.initial["subject"] = _("Adopt: %(title)s") % {"title": item.title}

    def run(self) -> Any:
        d = self.cleaned_data
        return A.vote_prepare(
            item=self.item, actor=self.user, subject=d["subject"], method=d["method"]
        )


class MinutesForm(ActionErrorsMixin, forms.Form):
    success = _("The minutes are saved.")
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args: Any, meeting: Any, user: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = "minutes"
        super().__init__(*args, **kwargs)
        self.meeting, self.user = meeting, user
        if not self.is_bound:
            self.initial["minutes"] = meeting.minutes

    def run(self) -> Any:
        return A.meeting_write_minutes(
            meeting=self.meeting, actor=self.user, minutes=self.cleaned_data["minutes"]
        )


class AttendanceForm(ActionForm):
    """出席/请假: one choice per member, with the reason of a leave."""

    workflow = MEETING
    action = "record_attendance"
    payload_class = P.AttendanceIn
    not_derived = ("members",)
    fields_template = "meetings/_attendance_fields.html"
    groups = ("members",)

    def setup(self) -> None:
        self.rows = []
        for a in self.case.members.all():
            name = f"m{a.member_id}"
            self.fields[name] = forms.ChoiceField(
                label=a.member.person.name, choices=Presence.choices, initial=a.presence
            )
            self.fields[f"{name}_reason"] = forms.CharField(
                label=_("Reason for leave"),
                required=False,
                max_length=200,
                initial=a.leave_reason,
            )
            self.rows.append((a, self[name], self[f"{name}_reason"]))

    def payload(self) -> P.AttendanceIn:
        d = self.cleaned_data
        return P.AttendanceIn(
            members=[
                P.PresenceIn(
                    member=a.member_id,
                    presence=d[f"m{a.member_id}"],
                    reason=d.get(f"m{a.member_id}_reason", ""),
                )
                for a, _field, _reason in self.rows
            ]
        )


class TakeUpForm(ActionForm):
    workflow = MEETING
    action = "take_up"
    payload_class = P.TakeUpIn
    item = forms.TypedChoiceField(label=_("Agenda item"), coerce=int)

    def setup(self) -> None:
        self.fields["item"].choices = [(i.pk, str(i)) for i in self.case.items.all()]  # type: ignore[attr-defined]
        if self.case.current_item_id:
            self.initial.setdefault("item", self.case.current_item_id)


class MeetingFilterForm(FilterForm):
    q = search_field(_("Meeting, place or agenda item"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *MeetingKind.choices]
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *MeetingState.choices]
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        choices = sorted({*years, this_year}, reverse=True)
        self.fields["year"].choices = [("", _("All")), *((y, y) for y in choices)]  # type: ignore[attr-defined]
        fast_selects(self)


check_forms(MEETING)
check_forms(VOTE)
