"""Supervision's forms: the filter bars, and the forms of the steps that are not transitions
(drafting opinions, points done, questions and answers, departments, polls, plan items). Each
runs one action; a refusal shows beside the field it names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core import polls
from renda.core.actionforms import check_forms
from renda.core.forms import ActionErrorsMixin, FilterForm, recent_years_field, search_field
from renda.core.models import Satisfaction
from renda.org.models import Body, HandlingUnit
from renda.supervision import actions as A
from renda.supervision.models import (
    InquiryMode,
    OpinionState,
    PlanKind,
    ReportKind,
    ReportState,
)
from renda.supervision.workflow import INQUIRY, OPINION, PLAN, REPORT

for _w in (PLAN, REPORT, OPINION, INQUIRY):
    check_forms(_w)


class ReportFilterForm(FilterForm):
    q = search_field(_("Title or presenter"))
    year = recent_years_field(10)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *ReportKind.choices]
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *ReportState.choices]
    )


class OpinionFilterForm(FilterForm):
    q = search_field(_("Title or report"))
    year = recent_years_field(10)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *OpinionState.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)


class InquiryFilterForm(FilterForm):
    year = recent_years_field(10)


class _ActionForm(ActionErrorsMixin, forms.Form):
    success: Any = ""
    # A form shown once per row of a page (a poll per department, a question per department):
    # its fields' ids carry this and the row's id, so that no two rows share an id.
    ids_per_case = ""

    def __init__(self, *args: Any, case: Any, user: Any, **kwargs: Any) -> None:
        if self.ids_per_case:
            kwargs.setdefault("auto_id", f"id_{self.ids_per_case}{case.pk}_%s")
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user

    def run(self) -> Any:  # pragma: no cover - every form says what it runs
        raise NotImplementedError


def _units(congress_id: int) -> list[tuple[Any, str]]:
    return [
        (u.pk, u.name)
        for u in HandlingUnit.objects.filter(congress_id=congress_id, active=True).only(
            "pk", "name"
        )
    ]


class DraftOpinionForm(_ActionForm):
    """The committee drafts the deliberation opinions on a report heard."""

    success = _("The deliberation opinions are drafted; record the chair's council's approval.")
    unit = forms.TypedChoiceField(label=_("Sent to"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    points = forms.CharField(
        label=_("Points, one a line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Each point is tracked separately until it is done."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["unit"]
        field.choices = _units(self.case.congress_id)
        if self.case.unit_id and not self.is_bound:
            self.initial["unit"] = self.case.unit_id

    def run(self) -> Any:
        d = self.cleaned_data
        return A.opinion_draft(
            report=self.case,
            actor=self.user,
            unit=HandlingUnit.objects.filter(pk=d["unit"]).first(),
            title=d["title"],
            text=d["text"],
            points=d["points"].splitlines(),
        )


class PointDoneForm(_ActionForm):
    success = _("The point is recorded as done.")
    point = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))

    def run(self) -> Any:
        point = self.case.points.filter(pk=self.cleaned_data["point"]).first()
        if point is None:
            from renda.core.workflow import ActionInvalid

            raise ActionInvalid(_("No such point."), field="point")
        return A.point_done(point=point, actor=self.user, note=self.cleaned_data["note"])


class OpenPollForm(_ActionForm):
    """Staff open a satisfaction poll (on a report on what was done, or a department)."""

    success = _("The poll is open: standing committee members vote.")
    title = forms.CharField(label=_("Poll title"), max_length=200, required=False)

    def run(self) -> Any:
        return A.opinion_open_poll(
            opinion=self.case, actor=self.user, title=self.cleaned_data["title"]
        )


class UnitPollForm(OpenPollForm):
    def run(self) -> Any:
        return A.inquiry_unit_open_poll(
            inquiry_unit=self.case, actor=self.user, title=self.cleaned_data["title"]
        )


class VoteForm(_ActionForm):
    success = _("Your vote is recorded.")
    ids_per_case = "poll"
    result = forms.ChoiceField(
        label=_("Your vote"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )

    def run(self) -> Any:
        return polls.poll_vote(poll=self.case, actor=self.user, result=self.cleaned_data["result"])


class ClosePollForm(_ActionForm):
    success = _("The poll is closed; its results are shown to everyone.")

    def run(self) -> Any:
        return polls.poll_close(poll=self.case, actor=self.user)


class PublishForm(_ActionForm):
    success = _("Published: the public can read it.")

    def run(self) -> Any:
        from renda.supervision.models import Report

        if isinstance(self.case, Report):
            return A.report_publish(report=self.case, actor=self.user)
        return A.opinion_publish(opinion=self.case, actor=self.user)


class AddUnitForm(_ActionForm):
    success = _("The department is added.")
    unit = forms.TypedChoiceField(label=_("Department"), coerce=int)
    mode = forms.ChoiceField(label=_("How"), choices=InquiryMode.choices)
    respondent = forms.CharField(label=_("Answered by"), max_length=60, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["unit"]
        field.choices = _units(self.case.congress_id)

    def run(self) -> Any:
        d = self.cleaned_data
        return A.inquiry_add_unit(
            inquiry=self.case,
            actor=self.user,
            unit=HandlingUnit.objects.filter(pk=d["unit"]).first(),
            mode=d["mode"],
            respondent=d["respondent"],
        )


class AskForm(_ActionForm):
    success = _("The question is recorded.")
    ids_per_case = "ask"
    asker = forms.CharField(label=_("Asked by"), max_length=60)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))

    def run(self) -> Any:
        d = self.cleaned_data
        return A.question_ask(
            inquiry_unit=self.case, actor=self.user, asker=d["asker"], question=d["question"]
        )


class AnswerQuestionForm(_ActionForm):
    success = _("The answer is recorded.")
    ids_per_case = "question"
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))

    def run(self) -> Any:
        return A.question_answer(
            question=self.case, actor=self.user, answer=self.cleaned_data["answer"]
        )


class PlanItemForm(_ActionForm):
    success = _("The item is added to the plan.")
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.TypedChoiceField(
        label=_("Committee in charge"), coerce=int, required=False, empty_value=None
    )
    month = forms.TypedChoiceField(
        label=_("Month planned"), coerce=int, choices=[(m, m) for m in range(1, 13)]
    )
    meeting = forms.CharField(label=_("Meeting it goes to"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Why it was added"),
        max_length=200,
        required=False,
        help_text=_("Required once the plan is adopted (e.g. on the party committee's request)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["body"]
        field.choices = [("", "—")] + [
            (b.pk, b.name) for b in Body.objects.filter(congress_id=self.case.congress_id)
        ]

    def run(self) -> Any:
        d = self.cleaned_data
        body = Body.objects.filter(pk=d["body"]).first() if d["body"] else None
        return A.plan_item_add(
            plan=self.case,
            actor=self.user,
            kind=d["kind"],
            title=d["title"],
            body=body,
            month=d["month"],
            meeting=d["meeting"],
            reason=d["reason"],
        )


class NewReportForm(_ActionForm):
    """Staff plan a report to hear (the case is the congress)."""

    success = _("The report is planned.")
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.TypedChoiceField(
        label=_("Reporting body"), coerce=int, required=False, empty_value=None
    )
    presenter = forms.CharField(label=_("Presented by"), max_length=100, required=False)
    plan_item = forms.TypedChoiceField(
        label=_("Plan item"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from renda.supervision.models import PlanItem

        unit: Any = self.fields["unit"]
        unit.choices = [("", "—"), *_units(self.case.pk)]
        item: Any = self.fields["plan_item"]
        item.choices = [("", "—")] + [
            (i.pk, f"{i.plan.year} · {i.title}")
            for i in PlanItem.objects.filter(congress_id=self.case.pk, kind="hear")
            .select_related("plan")
            .order_by("-plan__year", "number")[:200]
        ]

    def run(self) -> Any:
        from renda.supervision.models import PlanItem

        d = self.cleaned_data
        return A.report_create(
            congress=self.case,
            actor=self.user,
            kind=d["kind"],
            title=d["title"],
            unit=HandlingUnit.objects.filter(pk=d["unit"]).first() if d["unit"] else None,
            presenter=d["presenter"],
            plan_item=PlanItem.objects.filter(pk=d["plan_item"]).first()
            if d["plan_item"]
            else None,
        )


class NewInquiryForm(_ActionForm):
    success = _("The special inquiry is planned; add the departments to question.")
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.CharField(
        label=_("Topic"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def run(self) -> Any:
        d = self.cleaned_data
        return A.inquiry_create(
            congress=self.case, actor=self.user, title=d["title"], topic=d["topic"]
        )


class NewPlanForm(_ActionForm):
    success = _("The plan is drafted; add its items.")
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def run(self) -> Any:
        return A.plan_create(congress=self.case, actor=self.user, year=self.cleaned_data["year"])
