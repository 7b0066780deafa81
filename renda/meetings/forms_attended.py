"""Forms of the pages of the meetings deputies attended without a vote: who attended (a new
meeting named by its title and day, or more attendees of one), and an attendees' forum with
the opinions raised there. Each calls one function of actions_attended.py in `run()`; its
refusal shows beside the field it names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.core.forms import ActionErrorsMixin
from renda.core.workflow import ActionError
from renda.meetings import actions_attended as A
from renda.meetings.models import AttendeeForum, Meeting
from renda.org.forms import AttendeesForm, DeputyPickField
from renda.org.models import Deputy
from renda.org.queries import deputies_to_pick, grouped

MAX_TEXT = A.MAX_TEXT


def _day(label: Any, *, required: bool = True) -> forms.DateField:
    """A day not after today (the browser's picker stops at today too)."""
    attrs = {"type": "date", "max": timezone.localdate().isoformat()}
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs=attrs, format="%Y-%m-%d")
    )


class MeetingAttendanceForm(ActionErrorsMixin, AttendeesForm):
    """Deputies who attended a standing committee meeting without a vote (列席): a meeting
    named by its title and day, or more attendees of one already recorded."""

    title = forms.CharField(
        label=_("Meeting"),
        max_length=200,
        help_text=_("E.g. 晋中市第五届人大常委会第二十次会议"),
    )
    field_order = ["title", "date", "deputies", "delegations"]

    def __init__(
        self, *args: Any, congress: Any, user: Any, meeting: Meeting | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, congress_id=congress.pk, **kwargs)
        self.congress, self.user, self.meeting = congress, user, meeting
        self.result: Meeting | None = None
        self.fields["date"] = _day(_("Date"))
        already: set[int] = set()
        if meeting is not None:
            # The meeting is known: its attendees so far are listed, the rest can be added.
            del self.fields["title"], self.fields["date"]
            already = set(meeting.attendances.values_list("deputy_id", flat=True))
        self.already_count = len(already)
        pick: DeputyPickField = self.fields["deputies"]  # type: ignore[assignment]
        pick.set_groups(grouped(deputies_to_pick(congress.pk, exclude=already), "delegation"))
        pick.label = _("Deputies who attended") if meeting is None else _("More deputies")
        self.order_fields(self.field_order)

    @property
    def success(self) -> str:
        assert self.result is not None
        return gettext("Attendance saved: %(title)s, %(n)d deputies.") % {
            "title": self.result.title,
            "n": self.result.attendances.count(),
        }

    def run(self) -> Meeting:
        if self.meeting is not None:
            self.result = A.meeting_attendees_add(
                meeting=self.meeting, actor=self.user, deputies=self.attendees()
            )
        else:
            self.result = A.meeting_attendance_record(
                actor=self.user,
                congress=self.congress,
                title=self.cleaned_data["title"],
                date=self.cleaned_data["date"],
                deputies=self.attendees(),
            )
        return self.result


class OpinionRowForm(forms.Form):
    """One opinion raised at the forum: which attending deputy, and what they said."""

    deputy = forms.TypedChoiceField(label=_("Deputy"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(
        label=_("Opinion"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, attendees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputy"].choices = [("", "—"), *attendees]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("text") or "").strip()
        if data.get("deputy") and not text:
            self.add_error("text", _("Write the opinion, or clear the deputy."))
        elif text and not data.get("deputy"):
            self.add_error("deputy", _("Choose who raised this opinion."))
        return data


OpinionRows = forms.formset_factory(OpinionRowForm, extra=3, max_num=100, validate_max=True)


class ForumForm(ActionErrorsMixin, forms.Form):
    """The attendees' forum (列席代表座谈会) of a meeting and the opinions raised there."""

    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["held_on", "summary"]

    def __init__(
        self, *args: Any, meeting: Meeting, attendees: list[Deputy], user: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting, self.user = meeting, user
        self.result: AttendeeForum | None = None
        self.fields["held_on"] = _day(_("Held on"))
        self.fields["held_on"].initial = meeting.start_date
        self.order_fields(self.field_order)
        self.attendees = {d.pk: d for d in attendees}
        data = args[0] if args else kwargs.get("data")
        self.rows = OpinionRows(
            data,
            prefix="opinions",
            form_kwargs={"attendees": [(d.pk, d.person.name) for d in attendees]},
        )
        self._row_of: list[int] = []  # the action's opinion index -> the formset's row

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.rows.is_valid() and valid

    def add_action_error(self, error: ActionError) -> None:
        # "opinions.2.text": the third opinion sent, which is a row of the formset.
        parts = (error.field or "").split(".")
        if len(parts) == 3 and parts[0] == "opinions" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(self._row_of):
                self.rows.forms[self._row_of[index]].add_error(parts[2], str(error.message))
                return
        super().add_action_error(error)

    @property
    def success(self) -> str:
        assert self.result is not None
        count = self.result.opinions.count()
        return gettext("Forum recorded with %(n)d opinions.") % {"n": count}

    def run(self) -> AttendeeForum:
        opinions: list[tuple[Deputy, str]] = []
        self._row_of = []
        for i, row in enumerate(self.rows.forms):
            deputy_id, text = row.cleaned_data.get("deputy"), row.cleaned_data.get("text")
            if deputy_id and text:
                opinions.append((self.attendees[deputy_id], text))
                self._row_of.append(i)
        d = self.cleaned_data
        self.result = A.forum_record(
            actor=self.user,
            meeting=self.meeting,
            held_on=d["held_on"],
            summary=d.get("summary") or "",
            opinions=opinions,
        )
        return self.result


class RemoveAttendeeForm(ActionErrorsMixin, forms.Form):
    """Staff remove a deputy recorded by mistake as attending, saying why; the choices are the
    attendees the page has already read."""

    deputy = forms.TypedChoiceField(label=_("Deputy recorded by mistake"), coerce=int)
    reason = forms.CharField(label=_("Why"), max_length=500)

    def __init__(
        self, *args: Any, meeting: Meeting, user: Any, attendees: list[Deputy], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting, self.user = meeting, user
        self.attendees = {d.pk: d for d in attendees}
        self.result: Meeting | None = None
        field: forms.TypedChoiceField = self.fields["deputy"]  # type: ignore[assignment]
        field.choices = [("", "---------")] + [(d.pk, d.person.name) for d in attendees]

    @property
    def success(self) -> str:
        return gettext("Removed from the deputies attending.")

    def run(self) -> Meeting:
        self.result = A.meeting_attendee_remove(
            meeting=self.meeting,
            actor=self.user,
            deputy=self.attendees[self.cleaned_data["deputy"]],
            reason=self.cleaned_data["reason"],
        )
        return self.result
