"""Forms of corrections (更正): the activity and duty record forms filled with what was entered,
a reason, and staff's delete and decide forms. Each calls renda/stations/corrections.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renda.org.forms import chosen_deputies
from renda.stations import corrections as C
from renda.stations.forms import ActivityForm, DutyRecordForm, WorkForm
from renda.stations.models import Activity, Correction, DutyRecord


def _reason_field(record: Activity | DutyRecord, user: Any) -> forms.CharField:
    direct = C.corrects_directly(user, record)
    return forms.CharField(
        label=_("Reason for the correction"),
        required=not direct,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            _("Optional; it is kept with the correction.")
            if direct
            else _("The time to correct it yourself is over: staff decide, with your reason.")
        ),
    )


class _Correcting(WorkForm):
    record: Activity | DutyRecord

    def correct(self, actor: Any, changes: dict[str, Any]) -> Any:
        return C.record_correct(
            record=self.record,
            actor=actor,
            changes=changes,
            reason=self.cleaned_data.get("reason") or "",
        )

    @property
    def asked(self) -> bool:
        return isinstance(self.result, Correction)

    @property
    def success(self) -> str:
        if self.asked:
            return gettext("Your correction is sent to staff, who will decide on it.")
        return gettext("Corrected; the change is kept in the record's history.")


class CorrectActivityForm(_Correcting, ActivityForm):
    """An activity's fields as entered; the station stays (a wrong station is deleted by staff
    and entered again)."""

    def __init__(self, *args: Any, record: Activity, **kwargs: Any) -> None:
        self.record = record
        values = C.current(record)
        kwargs.setdefault("initial", {**values, "deputies": [str(pk) for pk in values["deputies"]]})
        super().__init__(*args, **kwargs)
        self.fields.pop("station", None)
        self.fields["date"].initial = record.date
        self.fields["reason"] = _reason_field(record, self.user)

    def act(self, actor: Any) -> Any:
        d = self.cleaned_data
        deputies = chosen_deputies(self, actor.congress_id)
        return self.correct(
            actor,
            {
                "kind": d["kind"],
                "date": d["date"],
                "title": d["title"],
                "notes": d.get("notes") or "",
                "deputies": [deputy.pk for deputy in deputies],
                "constituents_received": d["constituents_received"],
            },
        )


class CorrectDutyForm(_Correcting, DutyRecordForm):
    """A duty record's text as entered; photos can be removed (and added on its page)."""

    remove_photos = forms.MultipleChoiceField(
        label=_("Remove photos"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, record: DutyRecord, **kwargs: Any) -> None:
        self.record = record
        kwargs.setdefault(
            "initial", {"date": record.date, "title": record.title, "text": record.text}
        )
        super().__init__(*args, **kwargs)
        self.fields.pop("photos", None)
        self.fields["date"].initial = record.date
        photos = [(str(p.pk), p.name) for p in record.photos.all()]
        if photos:
            remove: forms.MultipleChoiceField = self.fields["remove_photos"]  # type: ignore[assignment]
            remove.choices = photos
        else:
            del self.fields["remove_photos"]
        self.fields["reason"] = _reason_field(record, self.user)

    def act(self, actor: Any) -> Any:
        d = self.cleaned_data
        return self.correct(
            actor,
            {
                "date": d["date"],
                "title": d["title"],
                "text": d["text"],
                "remove_photos": [int(pk) for pk in d.get("remove_photos") or []],
            },
        )


class DeleteRecordForm(WorkForm):
    """Staff delete a record entered in error, saying why."""

    reason = forms.CharField(label=_("Why it is deleted"), max_length=500)

    def __init__(self, *args: Any, record: Activity | DutyRecord, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record

    @property
    def success(self) -> str:
        return gettext("Deleted; what it held is kept in the history.")

    def act(self, actor: Any) -> None:
        C.record_delete(record=self.record, actor=actor, reason=self.cleaned_data["reason"])


class DecideCorrectionForm(WorkForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve and apply")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        help_text=_("Required when refusing: it is shown to who asked."),
    )

    def __init__(self, *args: Any, correction: Correction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.correction = correction

    @property
    def success(self) -> str:
        if self.result.state == "approved":
            return gettext("Approved: the correction is applied.")
        return gettext("Refused: the record stays as it was.")

    def act(self, actor: Any) -> Correction:
        d = self.cleaned_data
        return C.correction_decide(
            correction=self.correction,
            actor=actor,
            approve=d["decision"] == "approve",
            note=d.get("note") or "",
        )
