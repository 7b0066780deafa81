"""Supervision's pages: for staff and leaders the year's overview (the plan against what
happened, polls waiting), the plan, reports heard, the deliberation opinions ledger, special
inquiries, with .xlsx exports and the opinions letter (.docx); for a handling unit its opinions
to answer; for the public the published reports and opinions.

Thin on purpose: what a user may see comes from queries (the rules' scopes), what they may do
from the declarations, and every write from one function of actions (through a form)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from renda.core import polls
from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.models import Poll
from renda.core.pages import CasePage, filtered, page_requires, paginate, run_action_form
from renda.core.spreadsheets import attachment_disposition, xlsx_response
from renda.core.workflow import ActionError
from renda.supervision import documents
from renda.supervision import forms as F
from renda.supervision.models import (
    DeliberationOpinion,
    Inquiry,
    InquiryQuestion,
    InquiryUnit,
    Report,
    SupervisionPlan,
)
from renda.supervision.queries import (
    filter_inquiries,
    filter_opinions,
    filter_reports,
    inquiries_visible_to,
    inquiry_units,
    opinion_points,
    opinions_visible_to,
    overdue_opinions,
    overdue_q,
    plan_rows,
    plans_visible_to,
    reports_visible_to,
    with_inquiry_data,
    with_opinion_data,
    with_report_data,
)
from renda.supervision.stats import inquiry_units_of, reports_heard
from renda.supervision.workflow import INQUIRY, OPINION, OPINION_OPEN, PLAN, REPORT

PER_PAGE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABS = [
    ("supervision:home", gettext_lazy("Overview"), "supervision.view"),
    ("supervision:plan_current", gettext_lazy("Plan"), "supervision.view"),
    ("supervision:reports", gettext_lazy("Reports heard"), "supervision.view"),
    ("supervision:opinions", gettext_lazy("Deliberation opinions"), "supervision.view"),
    ("supervision:inquiries", gettext_lazy("Special inquiries"), "supervision.view"),
]


def _tabs(request: AuthedRequest, current: str) -> list[dict[str, Any]]:
    shown = [(n, label) for n, label, perm in TABS if request.user.has_perm(perm)]
    if len(shown) < 2:
        return []
    return [{"url": reverse(n), "label": label, "active": n == current} for n, label in shown]


def _render(
    request: AuthedRequest,
    template: str,
    context: dict[str, Any],
    *,
    tab: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request, f"supervision/{template}", {"tabs": _tabs(request, tab), **context}, status=status
    )


def _year(request: AuthedRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _create(request: AuthedRequest, form: Any, page: str) -> HttpResponse | None:
    """Take a posted creation: the new row's page with its message, or None with the refusal
    beside its field (the caller shows the form again, 422)."""

    def conflict(error: ActionError) -> None:
        form.add_error(None, str(error.message))  # the form again, as typed

    return run_action_form(
        request, form, done=lambda row: reverse(page, args=[row.pk]), conflict=conflict
    )


# --- the overview --------------------------------------------------------------------------


@page_requires("supervision.view")
def home(request: AuthedRequest) -> HttpResponse:
    """What the standing committee supervises in a year, and its results."""
    user = request.user
    congress_id = acting_congress_id(request)
    year = _year(request)
    congress = user.congress
    opinions = opinions_visible_to(user).filter(report__year=year)
    plan = plans_visible_to(user).filter(year=year).first()
    waiting = list(polls.waiting_polls(user)[:20])
    # Each table's figures in one aggregate (the opinions' three counts were three queries).
    figures = {
        "reports": reports_heard(congress, year).count(),
        **opinions.aggregate(
            opinions=Count("pk", filter=~Q(state__in=("drafted", "approved"))),
            open=Count("pk", filter=Q(state__in=OPINION_OPEN)),
            overdue=Count("pk", filter=overdue_q()),
        ),
        **inquiry_units_of(congress, year).aggregate(
            inquiry_units=Count("pk"), polled=Count("pk", filter=Q(poll__closed_at__isnull=False))
        ),
    }
    late = list(
        with_opinion_data(overdue_opinions(opinions_visible_to(user))).order_by("due_date")[:10]
    )
    return _render(
        request,
        "home.html",
        {
            "year": year,
            "years": range(timezone.localdate().year, 2022, -1),
            "figures": figures,
            "plan": plan,
            "rows": plan_rows(plan) if plan else [],
            "waiting": waiting,
            "late": late,
            "congress_id": congress_id,
        },
        tab="supervision:home",
    )


# --- the plan ------------------------------------------------------------------------------


@page_requires("supervision.view")
def plan_current(request: AuthedRequest) -> HttpResponse:
    """The year's plan; staff draft one for a year that has none."""
    user = request.user
    year = _year(request)
    congress = user.congress
    form = None
    if user.has_perm("supervision.manage") and congress is not None:
        posted = request.method == "POST"
        form = F.NewPlanForm(request.POST if posted else None, case=congress, user=user,
                             initial={"year": year})  # fmt: skip
        done = _create(request, form, "supervision:plan") if posted else None
        if done is not None:
            return done
    if request.method == "POST" and form is None:
        raise PermissionDenied
    plan = plans_visible_to(user).filter(year=year).first()
    if plan is not None and request.method != "POST":
        return redirect("supervision:plan", pk=plan.pk)
    plans = list(plans_visible_to(user).order_by("-year"))
    status = 422 if request.method == "POST" else 200
    return _render(request, "plan_list.html", {"plans": plans, "form": form, "year": year},
                   tab="supervision:plan_current", status=status)  # fmt: skip


class PlanPage(CasePage):
    workflow = PLAN
    template = "supervision/plan.html"
    url_name = "supervision:plan"
    act_url_name = "supervision:plan_act"
    case_name = "plan"
    perm = "supervision.view"
    not_found = gettext_lazy("No such plan.")

    def find(self, user: Any, pk: int) -> SupervisionPlan | None:
        return plans_visible_to(user).filter(pk=pk).first()

    def context(self, request: AuthedRequest, plan: SupervisionPlan) -> dict[str, Any]:
        bound = getattr(request, "bound_forms", {})
        user = request.user
        manage = user.has_perm("supervision.manage", plan)
        return {
            "rows": plan_rows(plan),
            "item_form": bound.get("item")
            or (F.PlanItemForm(case=plan, user=user) if manage else None),
            "tabs": _tabs(request, "supervision:plan_current"),
        }


plan_page = PlanPage()


def _post_form(
    request: AuthedRequest, page: CasePage, pk: int, name: str, form: Any
) -> HttpResponse:
    """Run a form that is not a transition from a case page: back to the page with its message,
    or the page again with the form's errors (422); a step someone took first as a message."""

    def conflict(error: ActionError) -> HttpResponse:
        messages.error(request, str(error.message))
        request.bound_forms = {name: form}  # type: ignore[attr-defined]  # kept as typed
        return page.render(request, page.load(request.user, pk), status=409)

    response = run_action_form(
        request, form, done=reverse(page.url_name, args=[pk]), conflict=conflict
    )
    if response is not None:
        return response
    request.bound_forms = {name: form}  # type: ignore[attr-defined]
    return page.render(request, page.load(request.user, pk), status=422)


@require_POST
@page_requires("supervision.manage")
def plan_add_item(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = plan_page.load(request.user, pk)
    form = F.PlanItemForm(request.POST, case=plan, user=request.user)
    return _post_form(request, plan_page, pk, "item", form)


# --- reports -------------------------------------------------------------------------------


def _reports(request: AuthedRequest) -> tuple[F.ReportFilterForm, Any]:
    form = F.ReportFilterForm(request.GET or None)
    qs = filter_reports(reports_visible_to(request.user), **form.values())
    return form, with_report_data(qs).order_by("-year", "heard_on", "id")


@page_requires("supervision.view")
def report_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    new = None
    if user.has_perm("supervision.manage") and user.congress is not None:
        posted = request.method == "POST"
        new = F.NewReportForm(request.POST if posted else None, case=user.congress, user=user)
        done = _create(request, new, "supervision:report") if posted else None
        if done is not None:
            return done
    if request.method == "POST" and new is None:
        raise PermissionDenied
    form, qs = _reports(request)
    return _render(
        request,
        "report_list.html",
        {
            "form": form,
            "new_form": new,
            "page_obj": paginate(request, qs, PER_PAGE),
            "filtered": filtered(request),
        },
        tab="supervision:reports",
        status=422 if request.method == "POST" else 200,
    )


EXPORT_ROWS = 5000  # an export lists the filtered rows, at most this many


def _export(
    request: AuthedRequest, table: Any, qs: Any, title: str, name: str, slug: str
) -> HttpResponse:
    """The filtered rows as .xlsx: the congress's title, the day it was exported."""
    congress = request.user.congress
    data = table(
        qs[:EXPORT_ROWS],
        title=title % {"congress": congress.name if congress else ""},
        subtitle=_("Exported on %(day)s") % {"day": f"{timezone.localdate():%Y-%m-%d}"},
    )
    return xlsx_response(data, name, slug)


@page_requires("supervision.view")
def report_export(request: AuthedRequest) -> HttpResponse:
    _form, qs = _reports(request)
    title = _("%(congress)s standing committee: reports heard")
    return _export(request, documents.reports_table, qs, title, _("Reports heard"), "reports")


class ReportPage(CasePage):
    workflow = REPORT
    template = "supervision/report.html"
    url_name = "supervision:report"
    act_url_name = "supervision:report_act"
    case_name = "report"
    not_found = gettext_lazy("No such report.")

    def find(self, user: Any, pk: int) -> Report | None:
        qs = reports_visible_to(user).select_related("unit", "body", "plan_item", "congress")
        return qs.filter(pk=pk).first()

    def context(self, request: AuthedRequest, report: Report) -> dict[str, Any]:
        user = request.user
        bound = getattr(request, "bound_forms", {})
        manage = user.has_perm("supervision.manage", report)
        draft = bound.get("draft")
        if draft is None and manage and report.state == "heard":
            draft = F.DraftOpinionForm(case=report, user=user)
        return {
            "opinions": list(
                with_opinion_data(opinions_visible_to(user).filter(report=report)).order_by("id")
            ),
            "figures": list(report.asset_figures.all()),
            "draft_form": draft,
            "may_publish": manage and report.state == "heard" and not report.published,
            "tabs": _tabs(request, "supervision:reports"),
        }


report_page = ReportPage()


@require_POST
@page_requires("supervision.manage")
def report_draft_opinion(request: AuthedRequest, pk: int) -> HttpResponse:
    report = report_page.load(request.user, pk)
    form = F.DraftOpinionForm(request.POST, case=report, user=request.user)
    return _post_form(request, report_page, pk, "draft", form)


@require_POST
@page_requires("supervision.manage")
def report_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    report = report_page.load(request.user, pk)
    form = F.PublishForm({}, case=report, user=request.user)
    return _post_form(request, report_page, pk, "publish", form)


# --- deliberation opinions -----------------------------------------------------------------


def _opinions(request: AuthedRequest) -> tuple[F.OpinionFilterForm, Any]:
    form = F.OpinionFilterForm(request.GET or None)
    qs = filter_opinions(opinions_visible_to(request.user), **form.values())
    return form, with_opinion_data(qs).order_by("due_date", "id")


@page_requires("supervision.view_ledger")
def opinion_list(request: AuthedRequest) -> HttpResponse:
    """审议意见台账: staff and leaders see all; a unit's officers the opinions sent to it."""
    form, qs = _opinions(request)
    return _render(
        request,
        "opinion_list.html",
        {
            "form": form,
            "page_obj": paginate(request, qs, PER_PAGE),
            "filtered": filtered(request),
            "today": timezone.localdate(),
            "may_export": request.user.has_perm("supervision.view"),
        },
        tab="supervision:opinions",
    )


@page_requires("supervision.view")
def opinion_export(request: AuthedRequest) -> HttpResponse:
    _form, qs = _opinions(request)
    title = _("%(congress)s standing committee: deliberation opinions ledger")
    name = _("Deliberation opinions ledger")
    return _export(request, documents.opinions_table, qs, title, name, "deliberation-opinions")


def _vote_form(request: AuthedRequest, poll: Poll | None, fact: Any) -> F.VoteForm | None:
    """The vote of a poll waiting for the user: as they posted it when it was refused."""
    if poll is None or fact is None or not fact.waiting_for_me:
        return None
    bound = getattr(request, "bound_forms", {}).get(f"vote-{poll.pk}")
    return bound or F.VoteForm(case=poll, user=request.user)


class OpinionPage(CasePage):
    workflow = OPINION
    template = "supervision/opinion.html"
    url_name = "supervision:opinion"
    act_url_name = "supervision:opinion_act"
    case_name = "opinion"
    not_found = gettext_lazy("No such deliberation opinions.")

    def find(self, user: Any, pk: int) -> DeliberationOpinion | None:
        qs = opinions_visible_to(user).select_related("unit", "report", "poll", "congress")
        return qs.filter(pk=pk).first()

    def context(self, request: AuthedRequest, opinion: DeliberationOpinion) -> dict[str, Any]:
        user = request.user
        bound = getattr(request, "bound_forms", {})
        manage = user.has_perm("supervision.manage", opinion)
        answers = manage or (
            user.has_perm("supervision.view_unit") and user.unit_id == opinion.unit_id
        )
        open_points = opinion.state in ("sent", "answered", "followed_up")
        poll = opinion.poll
        fact = polls.facts(user, [poll]).get(poll.pk) if poll else None
        poll_form = bound.get("poll")
        if poll_form is None and manage and poll is None and opinion.state == "answered":
            poll_form = F.OpenPollForm(case=opinion, user=user)
        return {
            "points": opinion_points(opinion),
            "point_form": bound.get("point"),
            "may_mark_points": answers and open_points,
            "poll": poll,
            "poll_facts": fact,
            "poll_form": poll_form,
            "vote_form": _vote_form(request, poll, fact),
            "may_close_poll": bool(
                poll and not poll.closed_at and user.has_perm("core.open_poll", poll)
            ),
            "may_publish": manage
            and opinion.state != "drafted"
            and opinion.state != "approved"
            and not opinion.published,
            "may_docx": user.has_perm("supervision.view") or answers,
            "tabs": _tabs(request, "supervision:opinions"),
        }


opinion_page = OpinionPage()


@require_POST
@page_requires("supervision.view_ledger")
def opinion_point_done(request: AuthedRequest, pk: int) -> HttpResponse:
    opinion = opinion_page.load(request.user, pk)
    form = F.PointDoneForm(request.POST, case=opinion, user=request.user)
    return _post_form(request, opinion_page, pk, "point", form)


@require_POST
@page_requires("supervision.manage")
def opinion_poll_open(request: AuthedRequest, pk: int) -> HttpResponse:
    opinion = opinion_page.load(request.user, pk)
    form = F.OpenPollForm(request.POST, case=opinion, user=request.user)
    return _post_form(request, opinion_page, pk, "poll", form)


@require_POST
@page_requires("supervision.manage")
def opinion_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    opinion = opinion_page.load(request.user, pk)
    form = F.PublishForm({}, case=opinion, user=request.user)
    return _post_form(request, opinion_page, pk, "publish", form)


@page_requires("supervision.view_ledger")
def opinion_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    opinion = opinion_page.load(request.user, pk)
    response = HttpResponse(
        documents.opinion_letter(opinion, opinion_points(opinion)), content_type=DOCX
    )
    response["Content-Disposition"] = attachment_disposition(
        f"{opinion.title}.docx", f"deliberation-opinions-{opinion.pk}.docx"
    )
    return response


# --- polls (core's engine): a vote or the closing, from any supervision page ----------------


def _poll(request: AuthedRequest, pk: int) -> tuple[Poll, CasePage, int]:
    """A supervision poll the user may see, with the page it is voted on and that page's case
    (an opinion's page, or the inquiry's for a department's poll)."""
    poll = Poll.objects.filter(pk=pk, congress_id=acting_congress_id(request)).first()
    if poll is None or not request.user.has_perm("core.view_poll", poll):
        raise Http404(_("No such poll."))
    case = poll.case
    if isinstance(case, DeliberationOpinion):
        return poll, opinion_page, case.pk
    if isinstance(case, Inquiry):
        return poll, inquiry_page, case.pk
    raise Http404(_("No such poll."))  # another domain's poll (a key suggestion's) is voted there


@require_POST
@page_requires("supervision.view")
def poll_vote(request: AuthedRequest, pk: int) -> HttpResponse:
    poll, page, case_pk = _poll(request, pk)
    form = F.VoteForm(request.POST, case=poll, user=request.user)
    return _post_form(request, page, case_pk, f"vote-{poll.pk}", form)


@require_POST
@page_requires("supervision.manage")
def poll_close(request: AuthedRequest, pk: int) -> HttpResponse:
    poll, page, case_pk = _poll(request, pk)
    form = F.ClosePollForm({}, case=poll, user=request.user)
    return _post_form(request, page, case_pk, "close", form)


# --- special inquiries ---------------------------------------------------------------------


@page_requires("supervision.view_ledger")
def inquiry_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    new = None
    if user.has_perm("supervision.manage") and user.congress is not None:
        posted = request.method == "POST"
        new = F.NewInquiryForm(request.POST if posted else None, case=user.congress, user=user)
        done = _create(request, new, "supervision:inquiry") if posted else None
        if done is not None:
            return done
    if request.method == "POST" and new is None:
        raise PermissionDenied
    form = F.InquiryFilterForm(request.GET or None)
    qs = filter_inquiries(inquiries_visible_to(request.user), **form.values())
    return _render(
        request,
        "inquiry_list.html",
        {
            "form": form,
            "new_form": new,
            "page_obj": paginate(request, with_inquiry_data(qs).order_by("-year", "-id"), PER_PAGE),
            "filtered": filtered(request),
        },
        tab="supervision:inquiries",
        status=422 if request.method == "POST" else 200,
    )


class InquiryPage(CasePage):
    workflow = INQUIRY
    template = "supervision/inquiry.html"
    url_name = "supervision:inquiry"
    act_url_name = "supervision:inquiry_act"
    case_name = "inquiry"
    not_found = gettext_lazy("No such inquiry.")

    def find(self, user: Any, pk: int) -> Inquiry | None:
        return inquiries_visible_to(user).select_related("plan_item").filter(pk=pk).first()

    def context(self, request: AuthedRequest, inquiry: Inquiry) -> dict[str, Any]:
        user = request.user
        bound = getattr(request, "bound_forms", {})
        manage = user.has_perm("supervision.manage", inquiry)
        units = inquiry_units(inquiry)
        facts = polls.facts(user, (u.poll for u in units))
        open_ = inquiry.state != "closed"
        ask, answer = bound.get("ask"), bound.get("answer")
        for u in units:
            u.facts = facts.get(u.poll_id) if u.poll_id else None  # type: ignore[attr-defined]
            u.vote_form = _vote_form(request, u.poll, u.facts)  # type: ignore[attr-defined]
            u.mine = user.has_perm("supervision.answer_question", u)  # type: ignore[attr-defined]
            if manage and open_:  # as posted when it was refused
                mine = ask is not None and ask.case.pk == u.pk
                u.ask_form = ask if mine else F.AskForm(case=u, user=user)  # type: ignore[attr-defined]
            for q in u.questions.all():
                if open_ and u.mine and not q.answered_at:  # type: ignore[attr-defined]
                    mine = answer is not None and answer.case.pk == q.pk
                    q.answer_form = (  # type: ignore[attr-defined]
                        answer if mine else F.AnswerQuestionForm(case=q, user=user)
                    )
        return {
            "units": units,
            "manage": manage,
            "open": open_,
            "held": inquiry.state == "held",
            "unit_form": bound.get("unit")
            or (F.AddUnitForm(case=inquiry, user=user) if manage else None),
            "tabs": _tabs(request, "supervision:inquiries"),
        }


inquiry_page = InquiryPage()


def _inquiry_unit(request: AuthedRequest, pk: int, unit_pk: int) -> tuple[Inquiry, InquiryUnit]:
    inquiry = inquiry_page.load(request.user, pk)
    row = inquiry.units.filter(pk=unit_pk).select_related("unit", "inquiry").first()
    if row is None:
        raise Http404(_("No such department at this inquiry."))
    return inquiry, row


@require_POST
@page_requires("supervision.manage")
def inquiry_add_unit(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = inquiry_page.load(request.user, pk)
    form = F.AddUnitForm(request.POST, case=inquiry, user=request.user)
    return _post_form(request, inquiry_page, pk, "unit", form)


@require_POST
@page_requires("supervision.manage")
def inquiry_ask(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    inquiry, row = _inquiry_unit(request, pk, unit_pk)
    form = F.AskForm(request.POST, case=row, user=request.user)
    return _post_form(request, inquiry_page, pk, "ask", form)


@require_POST
@page_requires("supervision.view_ledger")
def inquiry_answer(request: AuthedRequest, pk: int, question_pk: int) -> HttpResponse:
    inquiry = inquiry_page.load(request.user, pk)
    question = (
        InquiryQuestion.objects.filter(pk=question_pk, inquiry_unit__inquiry=inquiry)
        .select_related("inquiry_unit__inquiry")
        .first()
    )
    if question is None:
        raise Http404(_("No such question."))
    form = F.AnswerQuestionForm(request.POST, case=question, user=request.user)
    return _post_form(request, inquiry_page, pk, "answer", form)


@require_POST
@page_requires("supervision.manage")
def inquiry_unit_poll(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    inquiry, row = _inquiry_unit(request, pk, unit_pk)
    form = F.UnitPollForm(request.POST, case=row, user=request.user)
    return _post_form(request, inquiry_page, pk, "poll", form)


# --- the public ----------------------------------------------------------------------------


def public_list(request: AuthedRequest) -> HttpResponse:
    """公开: the reports heard and the deliberation opinions the congress published."""
    from renda.supervision.rules import SEE_OPINION, SEE_REPORT

    form = F.ReportFilterForm(request.GET or None)
    values = form.values()
    reports = filter_reports(SEE_REPORT.rows(_Anonymous(), Report.objects.all()), **values)
    opinions = SEE_OPINION.rows(_Anonymous(), DeliberationOpinion.objects.all())
    page = paginate(request, reports.select_related("unit").order_by("-heard_on", "-id"), PER_PAGE)
    published = {
        o.report_id: o
        for o in opinions.filter(report__in=[r.pk for r in page.object_list]).order_by("id")
    }
    for r in page.object_list:
        r.public_opinion = published.get(r.pk)
    return render(
        request,
        "supervision/public_list.html",
        {"form": form, "page_obj": page, "filtered": filtered(request)},
    )


def public_report(request: AuthedRequest, pk: int) -> HttpResponse:
    from renda.supervision.rules import SEE_OPINION, SEE_REPORT

    report = (
        SEE_REPORT.rows(_Anonymous(), Report.objects.filter(pk=pk)).select_related("unit").first()
    )
    if report is None:
        raise Http404(_("No such report."))
    opinions = list(
        SEE_OPINION.rows(_Anonymous(), DeliberationOpinion.objects.filter(report=report))
        .select_related("unit")
        .prefetch_related("points")
    )
    return render(
        request, "supervision/public_report.html", {"report": report, "opinions": opinions}
    )


class _Anonymous:
    """The public, whoever is logged in: the public pages show only what was published."""

    is_authenticated = False
    is_active = False
    role = ""
    congress_id = None
    unit_id = None
