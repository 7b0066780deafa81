"""Legislative contact points (基层立法联系点): each point with its figures, a point's page with the
opinions it gathered, and the batch form on which its operator submits them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from renda.core.http import AuthedRequest
from renda.core.pages import page_requires, paginate, require, run_action_form
from renda.core.workflow import ActionError
from renda.legislation import forms as F
from renda.legislation.models import Consultation, DraftVersion, Opinion
from renda.legislation.queries import (
    articles,
    contact_points_with_figures,
    opinions_with_data,
    with_structure,
)
from renda.legislation.rules import CONTACT_POINTS, CONTACT_POINTS_SEEN, accepts
from renda.legislation.views.common import PER_PAGE
from renda.legislation.views.consultations import consultations_of
from renda.org.models import CollectionPoint, LegislativeContactPoint


@page_requires("legislation.view_contact_point")
def points(request: AuthedRequest) -> HttpResponse:
    """基层立法联系点: each point with its figures; a station operator goes to their own."""
    user = request.user
    seen = CONTACT_POINTS_SEEN.rows(user, LegislativeContactPoint.objects.all())
    rows = list(contact_points_with_figures(seen).order_by("name"))
    if len(rows) == 1 and user.has_perm("legislation.submit_for_contact_point", rows[0]):
        return redirect("legislation:point", pk=rows[0].pk)
    return render(request, "legislation/points.html", {"rows": rows})


@page_requires("legislation.view_contact_point")
def point(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    seen = CONTACT_POINTS_SEEN.rows(user, LegislativeContactPoint.objects.filter(pk=pk))
    row = contact_points_with_figures(seen).first()
    if row is None:
        raise Http404(_("No such legislative contact point."))
    gathered = opinions_with_data(Opinion.objects.filter(contact_point=row))
    operates = user.has_perm("legislation.submit_for_contact_point", row)
    context = {
        "p": row,
        "collection_points": list(row.collection_points.order_by("name")),
        "page_obj": paginate(request, gathered.order_by("-submitted_at", "-id"), PER_PAGE),
        "is_operator": operates,
        # Those open to the contact points today (rules.CONSULTATIONS), for its operator.
        "open": list(consultations_of(user).filter(for_contact_points=True)) if operates else [],
    }
    return render(request, "legislation/point.html", context)


@page_requires("legislation.submit_for_contact_points")
def batch(request: AuthedRequest, pk: int) -> HttpResponse:
    """A contact point submits the opinions it gathered: rows of article, text, source,
    collection point and day; all or none."""
    user = request.user
    working = LegislativeContactPoint.objects.filter(closed_on__isnull=True).order_by("name")
    points = list(CONTACT_POINTS_SEEN.rows(user, working))
    require(bool(points))
    c = get_object_or_404(
        Consultation.objects.select_related("version__regulation"),
        pk=pk,
        congress_id=user.congress_id,
    )
    require(user.has_perm("legislation.submit_for_contact_points", c))
    version = with_structure(DraftVersion.objects.filter(pk=c.version_id)).get()
    collection = CollectionPoint.objects.filter(contact_point__in=points, closed_on__isnull=True)
    form = F.BatchForm(
        request.POST if request.method == "POST" else None,
        actor=user,
        consultation=c,
        points=points,
        articles=articles(version),
        collection_points=list(collection.order_by("contact_point__name", "name")),
    )
    status = 200

    def refused(error: ActionError) -> HttpResponse:
        messages.error(request, str(error.message))
        return render(request, "legislation/batch.html", page, status=409)

    page = {
        "c": c,
        "head": form.head,
        "rows": form.rows,
        "accepting": accepts(c, CONTACT_POINTS),
    }
    if request.method == "POST":
        done = run_action_form(request, form, done="legislation:mine", conflict=refused)
        if done is not None:
            return done
        status = 422
    return render(request, "legislation/batch.html", page, status=status)
