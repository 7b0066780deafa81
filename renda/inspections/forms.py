"""The inspection forms: opening an item, its team, a county joining, a phase, a site, a
problem with photos, an aspect of recommendations, the report; the problem's rectification
report with photos; the list filters. Each form calls one function of actions."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import DATE_INPUT, ActionForm
from renda.core.forms import (
    ActionErrorsMixin,
    FilterForm,
    MultipleFileField,
    fast_selects,
    search_field,
)
from renda.core.schemas import MAX_TEXT
from renda.core.uploads import MB
from renda.inspections import actions as A
from renda.inspections import payloads as P
from renda.inspections.actions._common import MAX_PHOTO_BYTES, MAX_PHOTOS
from renda.inspections.actions.items import PLAN_KINDS
from renda.inspections.models import (
    Inspection,
    InspectionKind,
    MemberRole,
    SiteKind,
    VisitMode,
)
from renda.inspections.workflow import PROBLEM
from renda.org.models import Body, Congress, Deputy
from renda.supervision.models import PlanItem


def _text(label: Any, *, rows: int = 3, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_INPUT)


def photos_field() -> MultipleFileField:
    field = MultipleFileField(
        label=_("Photos"),
        help_text=_("JPEG or PNG, up to %(size)d MB each, at most %(n)d at a time.")
        % {"size": MAX_PHOTO_BYTES // MB, "n": MAX_PHOTOS},
    )
    field.widget.attrs["accept"] = "image/jpeg,image/png"
    return field


class WorkForm(ActionErrorsMixin, forms.Form):
    """A form that calls one action as its user (core.pages.run_action_form runs it)."""

    success: ClassVar[Any] = _("Saved.")

    def __init__(self, *args: Any, user: Any, inspection: Inspection | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.user = user
        self.inspection: Any = inspection  # the item, for every form but the one opening it
        self.setup()

    def setup(self) -> None:
        """Choices that depend on the user or the item."""

    def run(self) -> Any:
        return self.act(self.user, self.cleaned_data)

    def act(self, actor: Any, d: dict[str, Any]) -> Any:  # pragma: no cover - each defines it
        raise NotImplementedError


class InspectionForm(WorkForm):
    success = _("The inspection is opened.")
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    subject = forms.CharField(
        label=_("Law or topic"),
        max_length=200,
        help_text=_("The law checked (食品安全法…) or the topic researched."),
    )
    committee: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Committee in charge"), queryset=Body.objects.none(), required=False
    )
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"), required=False)
    joint = forms.BooleanField(
        label=_("Joint work with the county congresses (上下联动)"), required=False
    )
    plan_item: forms.ModelChoiceField[PlanItem] = forms.ModelChoiceField(
        label=_("Item of the supervision plan"), queryset=PlanItem.objects.none(), required=False
    )

    def setup(self) -> None:
        self.fields["committee"].queryset = Body.objects.filter(  # type: ignore[attr-defined]
            congress_id=self.user.congress_id
        ).order_by("kind", "name")
        self.fields["plan_item"].queryset = PlanItem.objects.filter(  # type: ignore[attr-defined]
            congress_id=self.user.congress_id, kind__in=PLAN_KINDS, dropped=False
        ).order_by("-plan__year", "month", "number")

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.inspection_create(actor=actor, **d)


class MembersForm(WorkForm):
    success = _("The team is updated.")
    deputies: forms.ModelMultipleChoiceField[Deputy] = forms.ModelMultipleChoiceField(
        label=_("Deputies"), queryset=Deputy.objects.none(), required=False
    )

    def setup(self) -> None:
        assert self.inspection is not None
        self.fields["deputies"].queryset = (  # type: ignore[attr-defined]
            Deputy.objects.filter(congress_id=self.inspection.congress_id, ended_on__isnull=True)
            .select_related("person")
            .order_by("card_number")
        )
        self.fields["deputies"].label_from_instance = lambda d: (  # type: ignore[attr-defined]
            f"{d.person.name}（{d.card_number}）"
        )

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.inspection_add_members(
            inspection=self.inspection, actor=actor, deputies=list(d["deputies"]),
            role=MemberRole.DEPUTY,
        )  # fmt: skip


class JoinForm(WorkForm):
    success = _("The county congress has joined; its staff can add its part.")
    congress: forms.ModelChoiceField[Congress] = forms.ModelChoiceField(
        label=_("County congress"), queryset=Congress.objects.none()
    )
    joined_on = _date(_("Joined on"))

    def setup(self) -> None:
        assert self.inspection is not None
        self.fields["congress"].queryset = Congress.objects.filter(  # type: ignore[attr-defined]
            parent_id=self.inspection.congress_id
        ).exclude(pk__in=self.inspection.parts.values("congress_id"))

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.inspection_join(inspection=self.inspection, actor=actor, **d)


class PhaseForm(WorkForm):
    success = _("The phase is added.")
    title = forms.CharField(label=_("Phase"), max_length=200)
    starts_on = _date(_("Starts on"))
    ends_on = _date(_("Ends on"))

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.inspection_add_phase(inspection=self.inspection, actor=actor, **d)


class SiteForm(WorkForm):
    success = _("The site is added.")
    name = forms.CharField(label=_("Site"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of site"), choices=SiteKind.choices)
    mode = forms.ChoiceField(
        label=_("Visit"), choices=VisitMode.choices, widget=forms.RadioSelect, initial="open"
    )
    visited_on = _date(_("Visited on"))
    area: forms.ModelChoiceField[Congress] = forms.ModelChoiceField(
        label=_("County-level area"),
        queryset=Congress.objects.none(),
        required=False,
        help_text=_("Empty for a place under no county (the development zone)."),
    )

    def setup(self) -> None:
        assert self.inspection is not None
        if self.user.congress_id != self.inspection.congress_id:
            del self.fields["area"]  # a county's sites are in the county
            return
        self.fields["area"].queryset = Congress.objects.filter(  # type: ignore[attr-defined]
            parent_id=self.inspection.congress_id
        ).order_by("code")

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.site_add(inspection=self.inspection, actor=actor, **d)


class ProblemForm(WorkForm):
    success = _("The problem is recorded; refer it to the unit from its page.")
    site = forms.TypedChoiceField(label=_("Site"), coerce=int, required=False, empty_value=None)
    unit = forms.TypedChoiceField(
        label=_("Responsible unit"), coerce=int, required=False, empty_value=None
    )
    description = _text(_("Problem found"), rows=4)
    found_on = _date(_("Found on"), required=False)
    photos = photos_field()

    def setup(self) -> None:
        assert self.inspection is not None
        sites = self.inspection.sites.filter(congress_id=self.user.congress_id).order_by(
            "-visited_on", "-id"
        )
        self.sites = {s.pk: s for s in sites}
        self.fields["site"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((s.pk, f"{s.visited_on:%m-%d} {s.name}") for s in self.sites.values()),
        ]
        units = A.units_for(self.user.congress_id, self.inspection).order_by("kind", "name")
        self.units = {u.pk: u for u in units}
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *((u.pk, u.name) for u in self.units.values()),
        ]

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.problem_record(
            actor=actor,
            inspection=self.inspection,
            site=self.sites.get(d["site"]) if d["site"] else None,
            unit=self.units.get(d["unit"]) if d["unit"] else None,
            description=d["description"],
            found_on=d["found_on"],
            photos=d["photos"],
        )


class AspectForm(WorkForm):
    success = _("The recommendations are added.")
    title = forms.CharField(label=_("Aspect"), max_length=200)
    recommendations = _text(_("Recommendations, one a line"), rows=5)

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.aspect_add(
            inspection=self.inspection,
            actor=actor,
            title=d["title"],
            recommendations=d["recommendations"].splitlines(),
        )


class ReportForm(WorkForm):
    success = _("The report is saved.")
    report_title = forms.CharField(label=_("Report title"), max_length=200)
    report_text = _text(_("Inspection report"), rows=12)
    report_on = _date(_("Report dated"))

    def act(self, actor: Any, d: dict[str, Any]) -> Any:
        return A.inspection_report(
            inspection=self.inspection,
            actor=actor,
            title=d["report_title"],
            text=d["report_text"],
            dated=d["report_on"],
        )


# --- the problem's action form with photos ---------------------------------------------------


class ReportRectificationForm(ActionForm):
    workflow = PROBLEM
    action = "report"
    payload_class = P.ReportIn
    photos = photos_field()

    def setup(self) -> None:
        self.order_fields(["text", "photos"])

    def extra(self) -> dict[str, Any]:
        return {"photos": self.cleaned_data.get("photos") or []}


# --- filters -------------------------------------------------------------------------------


class ListFilterForm(FilterForm):
    q = search_field(_("Title or topic"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *InspectionKind.choices]
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All")), *((y, y) for y in years)]  # type: ignore[attr-defined]
        fast_selects(self)


class ProblemFilterForm(FilterForm):
    q = search_field(_("Words of the problem or site"))
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Still open")),
            ("overdue", _("Overdue")),
            ("reported", _("Reported, to verify")),
            ("all", _("All")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fast_selects(self)
