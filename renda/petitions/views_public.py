"""Petitions for the public, without an account: petitioning online (rate-limited, a receipt
code), and following one's petition by the code — its state, the decision, the answer and the
review — rating the answer and asking for a review within the window."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.receipts import RateLimited, client_ip
from renda.core.workflow import ActionConflict, ActionError
from renda.org.models import Congress, Level
from renda.petitions import actions as A
from renda.petitions.forms import (
    PublicPetitionForm,
    RatingForm,
    ReceiptForm,
    ReviewRequestForm,
    chosen_area,
)
from renda.petitions.models import Petition
from renda.petitions.queries import petition_by_receipt
from renda.petitions.workflow import ANSWERED, PETITION

RECEIPT_SESSION_KEY = "petitions_receipt"


def receiving_congress() -> Congress | None:
    """The congress whose petitions office takes petitions online: the one with an office."""
    from renda.petitions.models import PetitionOfficer

    office = PetitionOfficer.objects.select_related("congress").order_by("congress_id").first()
    if office is not None:
        return office.congress
    return Congress.objects.filter(level=Level.CITY).order_by("code").first()


def public_new(request: HttpRequest) -> HttpResponse:
    """网上信访: anyone; the receipt code follows it."""
    congress = receiving_congress()
    form = PublicPetitionForm(request.POST or None, congress_id=congress.pk if congress else None)
    status = 200
    if request.method == "POST" and congress is not None:
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                petition = A.petition_submit_online(
                    congress=congress,
                    petitioner=form.person(),
                    title=d["title"],
                    content=d["content"],
                    category=d["category"],
                    area=chosen_area(form),
                    place=d["place"],
                    client_ip=client_ip(request),
                )
            except RateLimited as error:
                form.add_error(None, str(error.message))  # nothing stored; the text stays
                status = 429
            except ActionError as error:
                form.add_action_error(error)
            else:
                request.session[RECEIPT_SESSION_KEY] = petition.receipt_code
                return redirect("petitions:public_submitted")
    return render(
        request,
        "petitions/public_new.html",
        {"form": form, "open": congress is not None},
        status=status,
    )


def _session_petition(request: HttpRequest) -> Petition | None:
    code = request.session.get(RECEIPT_SESSION_KEY, "")
    return petition_by_receipt(code) if code else None


def public_submitted(request: HttpRequest) -> HttpResponse:
    petition = _session_petition(request)
    if petition is None:
        return redirect("petitions:public_track")
    return render(request, "petitions/public_submitted.html", {"p": petition})


def _track(
    request: HttpRequest, petition: Petition | None, *, status: int = 200, **extra: Any
) -> HttpResponse:
    can_rate = petition is not None and not petition.rating and petition.state in ANSWERED
    today = timezone.localdate()
    can_review = (
        petition is not None
        and petition.state in PETITION.transition("request_review").sources
        and petition.window_ends is not None
        and today <= petition.window_ends
    )
    context = {
        "form": ReceiptForm(),
        "p": petition,
        "can_rate": can_rate,
        "rating_form": extra.pop("rating_form", None) or (RatingForm() if can_rate else None),
        "can_review": can_review,
        "review_form": extra.pop("review_form", None)
        or (ReviewRequestForm() if can_review else None),
        **extra,
    }
    return render(request, "petitions/public_track.html", context, status=status)


def public_track(request: HttpRequest) -> HttpResponse:
    """查询: the receipt code (posted, so it stays out of addresses and logs); a wrong or
    malformed code finds nothing, and says only that."""
    if request.method == "POST" and "forget" in request.POST:
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return redirect("petitions:public_track")
    if request.method != "POST":
        return _track(request, _session_petition(request))
    form = ReceiptForm(request.POST)
    petition = petition_by_receipt(form.data.get("code", "")[:40]) if form.is_valid() else None
    if petition is None:
        return _track(request, None, status=404 if form.is_valid() else 422, looked_up=True)
    request.session[RECEIPT_SESSION_KEY] = petition.receipt_code
    return _track(request, petition, looked_up=True)


@require_POST
def public_rate(request: HttpRequest) -> HttpResponse:
    petition = _session_petition(request)
    if petition is None:
        messages.error(request, _("Enter your receipt code first."))
        return redirect("petitions:public_track")
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            A.petition_rate(petition=petition, actor=AnonymousUser(), **form.cleaned_data)
        except ActionConflict as error:
            messages.error(
                request, _("Nothing was changed: %(reason)s") % {"reason": error.message}
            )
            return redirect("petitions:public_track")
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Thank you: your rating is recorded."))
            return redirect("petitions:public_track")
    return _track(request, petition, status=422, rating_form=form)


@require_POST
def public_review(request: HttpRequest) -> HttpResponse:
    """The petitioner asks for a review of the answer (复查), or a re-examination (复核)."""
    petition = _session_petition(request)
    if petition is None:
        messages.error(request, _("Enter your receipt code first."))
        return redirect("petitions:public_track")
    form = ReviewRequestForm(request.POST)
    if form.is_valid():
        try:
            A.petition_request_review(
                petition=petition, actor=AnonymousUser(), reason=form.cleaned_data["reason"]
            )
        except ActionConflict as error:
            messages.error(
                request, _("Nothing was changed: %(reason)s") % {"reason": error.message}
            )
            return redirect("petitions:public_track")
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Your request for a review is recorded."))
            return redirect("petitions:public_track")
    return _track(request, petition, status=422, review_form=form)
