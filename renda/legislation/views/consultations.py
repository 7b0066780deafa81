"""Consultations: the list (every one with its counts for staff and leaders, those open to them
for deputies and station operators), a consultation's page with its actions (open, extend,
close), preparing one on a draft version, and its report."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import CasePage, page_requires, paginate
from renda.legislation import forms as F
from renda.legislation.models import Consultation, DraftVersion, Opinion, OpinionState
from renda.legislation.queries import awaiting_moderation, consultation_report
from renda.legislation.rules import AUDIENCES, CONSULTATIONS, accepts
from renda.legislation.schemas import change_text
from renda.legislation.views.common import PER_PAGE, making_page
from renda.legislation.workflow import (
    ADOPTED_OPINIONS,
    AWAITING_HANDLING,
    CONSULTATION,
    COUNTED_OPINIONS,
    HANDLED,
)


def consultations_of(user: Any) -> QuerySet[Consultation]:
    """The consultations the user sees (rules.CONSULTATIONS), with their drafts."""
    return CONSULTATIONS.rows(user, Consultation.objects.select_related("version__regulation"))


@page_requires("legislation.view_consultations")
def consultations(request: AuthedRequest) -> HttpResponse:
    """征求意见: staff and leaders see every consultation with its counts; deputies those open to
    them; station operators those open to the contact points (to submit what they gathered)."""
    user = request.user
    qs = consultations_of(user)
    if not user.has_perm("legislation.oversee"):
        rows = list(qs.order_by("closes_on", "id"))
        context = {
            "rows": rows,
            "gathers": user.has_perm("legislation.submit_for_contact_points"),
        }
        return render(request, "legislation/consultations_open.html", context)
    qs = qs.annotate(
        counted=Count("opinions", filter=Q(opinions__state__in=COUNTED_OPINIONS)),
        pending=Count("opinions", filter=Q(opinions__state=OpinionState.PENDING)),
        awaiting=Count("opinions", filter=Q(opinions__state__in=AWAITING_HANDLING)),
        adopted=Count("opinions", filter=Q(opinions__state__in=ADOPTED_OPINIONS)),
    ).order_by("-opens_on", "-id")
    manages = user.has_perm("legislation.manage")
    context = {
        "page_obj": paginate(request, qs, PER_PAGE),
        "manages": manages,
        "pending": awaiting_moderation(acting_congress_id(request)).count() if manages else 0,
    }
    return render(request, "legislation/consultations.html", context)


class ConsultationPage(CasePage):
    """A consultation with its counts and the actions staff take on it."""

    workflow = CONSULTATION
    template = "legislation/consultation.html"
    url_name = "legislation:consultation"
    act_url_name = "legislation:consultation_act"
    case_name = "c"

    def find(self, user: Any, pk: int) -> Consultation | None:
        if not user.has_perm("legislation.oversee"):
            return None
        return consultations_of(user).filter(pk=pk).first()

    def context(self, request: AuthedRequest, case: Any) -> dict[str, Any]:
        states = dict(case.opinions.values_list("state").annotate(n=Count("id")).order_by())
        return {
            "counts": {
                "counted": sum(states.get(s, 0) for s in COUNTED_OPINIONS),
                "pending": states.get(OpinionState.PENDING, 0),
                "awaiting": sum(states.get(s, 0) for s in AWAITING_HANDLING),
                "handled": sum(states.get(s, 0) for s in HANDLED),
            },
            "accepting": [a for a in AUDIENCES if accepts(case, a)],
            "manages": request.user.has_perm("legislation.manage", case),
        }


page = ConsultationPage()
consultation_act = page.act


def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    """A consultation (the link in notifications): staff and leaders see its page; a station
    operator the batch form; a deputy or the public the draft with its comment form."""
    user = request.user
    if user.has_perm("legislation.oversee"):
        return page.detail(request, pk)
    if user.has_perm("legislation.submit_for_contact_points"):
        return redirect("legislation:batch", pk=pk)
    row = Consultation.objects.filter(pk=pk).only("version_id").first()
    if row is None:
        raise Http404(_("No such consultation."))
    return redirect("legislation:draft", pk=row.version_id)


@page_requires("legislation.manage")
def consultation_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """Prepare a consultation on a version (open it from its page)."""
    user = request.user
    version = get_object_or_404(
        DraftVersion.objects.select_related("regulation"), pk=pk, congress_id=user.congress_id
    )
    form = F.ConsultationForm(
        request.POST or None,
        initial={"opens_on": timezone.localdate()},
        version=version,
        actor=user,
    )
    return making_page(
        request,
        form,
        template="legislation/consultation_new.html",
        done=lambda made: reverse("legislation:consultation", args=[made.pk]),
        context={"version": version},
    )


@page_requires("legislation.view_report")
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    """A consultation's report: opinions by article and by source, adoption, and the changes
    they led to in the next version."""
    consultation = consultations_of(request.user).filter(pk=pk).first()
    if consultation is None:
        raise Http404(_("No such consultation."))
    data = consultation_report(consultation)
    sources = dict(Opinion._meta.get_field("source").choices)  # type: ignore[arg-type]
    return render(
        request,
        "legislation/report.html",
        {
            "r": data,
            "c": data.consultation,
            "rate": round(data.adoption_rate * 100, 1),
            "by_source": [(str(sources[s]), t) for s, t in data.by_source.items()],
            "links": [(o, change_text(o)) for o in data.links],
            "overall": data.overall,
        },
    )
