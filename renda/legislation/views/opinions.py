"""Opinions and their handling: an opinion's page with its actions and history, the public's
opinions waiting for moderation, a consultation's opinions for staff to handle (a form per
row), and a deputy's or a contact point's own opinions with their outcomes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import CasePage, filtered, page_requires, paginate
from renda.legislation import forms as F
from renda.legislation.models import NodeKind, Opinion
from renda.legislation.queries import (
    awaiting_moderation,
    opinions_for_handling,
    opinions_of,
    opinions_with_data,
)
from renda.legislation.rules import OPINIONS
from renda.legislation.schemas import change_text, contributor
from renda.legislation.views.common import PER_PAGE, back_to
from renda.legislation.views.consultations import consultations_of
from renda.legislation.workflow import OPINION


class OpinionPage(CasePage):
    """An opinion as its contributor, staff and leaders see it, with what staff may do."""

    workflow = OPINION
    template = "legislation/opinion.html"
    url_name = "legislation:opinion"
    act_url_name = "legislation:opinion_act"
    case_name = "o"

    def find(self, user: Any, pk: int) -> Opinion | None:
        qs = opinions_with_data(Opinion.objects.all()).select_related(
            "consultation__version__regulation"
        )
        return OPINIONS.rows(user, qs).filter(pk=pk).first()

    def context(self, request: AuthedRequest, case: Any) -> dict[str, Any]:
        user = request.user
        return {
            "contributor": (
                contributor(case) if user.has_perm("legislation.see_contributor", case) else ""
            ),
            "change": change_text(case),
            "history": user.has_perm("legislation.view_opinion_history", case),
        }


page = OpinionPage()
opinion = page.detail
opinion_act = page.act


@require_POST
@login_required
def opinion_moderate(request: AuthedRequest, pk: int) -> HttpResponse:
    """Publish a public opinion for handling, or keep it out with the reason (a row of the
    moderation queue); back to the queue."""
    action = "publish" if request.POST.get("publish") == "1" else "reject"
    done = back_to(request, reverse("legislation:moderation"))
    return page.take(request, pk, action, done=done)


@require_POST
@login_required
def opinion_handle(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record the outcome (and the change it led to) from a row of the handling list; the
    contributor is told. Back to the list."""
    row = page.load(request.user, pk)
    done = back_to(request, reverse("legislation:opinions", args=[row.consultation_id]))
    return page.take(request, pk, "handle", done=done)


@page_requires("legislation.manage")
def moderation(request: AuthedRequest) -> HttpResponse:
    """The public's opinions waiting to be published or kept out, oldest first."""
    user = request.user
    page_obj = paginate(request, awaiting_moderation(acting_congress_id(request)), PER_PAGE)
    for row in page_obj.object_list:
        row.reject_form = F.RejectForm(case=row, user=user)
    return render(request, "legislation/moderation.html", {"page_obj": page_obj})


@page_requires("legislation.manage")
def opinions(request: AuthedRequest, pk: int) -> HttpResponse:
    """A consultation's opinions for staff to handle, filtered by article, source and state."""
    user = request.user
    c = consultations_of(user).filter(pk=pk).first()
    if c is None:
        raise Http404(gettext_lazy("No such consultation."))
    version_articles = list(c.version.nodes.filter(kind=NodeKind.ARTICLE).order_by("order"))
    filters = F.OpinionFilterForm(request.GET or None, articles=version_articles)
    values = filters.values()
    qs = opinions_for_handling(c)
    if values.get("article") == "whole":
        qs = qs.filter(article__isnull=True)
    elif values.get("article"):
        qs = qs.filter(article_id=int(values["article"]))  # a choice: an article's id
    if values.get("source"):
        qs = qs.filter(source=values["source"])
    if values.get("state"):
        qs = qs.filter(state=values["state"])
    page_obj = paginate(request, qs, PER_PAGE)
    later = F.later_articles(c)  # what a row's handle form offers, read once for the page
    for row in page_obj.object_list:
        row.contributor = contributor(row)
        handles = any(t.action == "handle" for t in OPINION.available(user, row))
        row.handle_form = F.HandleForm(case=row, user=user, ctx=later) if handles else None
    context = {
        "c": c,
        "filters": filters,
        "page_obj": page_obj,
        "filtered": filtered(request),
        "here": request.get_full_path(),
    }
    return render(request, "legislation/opinions.html", context)


@page_requires("legislation.view_own_opinions")
def mine(request: AuthedRequest) -> HttpResponse:
    """A deputy's opinions, or those of the operator's contact points, with their outcomes."""
    user = request.user
    context = {
        "page_obj": paginate(request, opinions_of(user), PER_PAGE),
        "gathers": user.has_perm("legislation.submit_for_contact_points"),
    }
    return render(request, "legislation/mine.html", context)
