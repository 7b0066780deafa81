"""Filing review for the public, without an account: the documents in force (searchable, with
their full text), proposing a review (审查建议) and following it by its receipt code."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from renda.core.pages import filtered, paginate
from renda.core.receipts import RateLimited, client_ip
from renda.core.workflow import ActionError
from renda.filings import actions as A
from renda.filings.forms import ProposalForm, PublicDocumentFilterForm, ReceiptForm
from renda.filings.models import EFFECTIVE, Issuer, NormativeDocument
from renda.filings.queries import in_force, proposal_by_receipt, search_documents
from renda.org.models import Congress

PER_PAGE = 30
RECEIPT_SESSION_KEY = "filings_receipt"


def _receiving_congress() -> Congress | None:
    """The congress whose register the public reads and proposes to: the one that keeps a
    register (a deployment serves one city's filing review)."""
    first = in_force().order_by("congress_id").values_list("congress_id", flat=True).first()
    return Congress.objects.filter(pk=first).first() if first else None


def public_documents(request: HttpRequest) -> HttpResponse:
    """规范性文件: the documents in force, by body, year and words of their text."""
    issuers = list(
        Issuer.objects.filter(documents__status__in=EFFECTIVE)
        .distinct()
        .order_by("kind", "name")
        .values_list("pk", "name")
    )
    form = PublicDocumentFilterForm(request.GET or None, issuers=issuers)
    v = form.values()
    qs = in_force()
    if v.get("issuer"):
        qs = qs.filter(issuer_id=v["issuer"])
    if v.get("year"):
        qs = qs.filter(published_on__year=v["year"])
    found = search_documents(qs, v.get("q") or "", reader=None, year=v.get("year"))
    qs = found.rows.select_related("issuer").defer("text").order_by("-published_on", "-id")
    return render(
        request,
        "filings/public_list.html",
        {
            "form": form,
            "page_obj": paginate(request, qs, PER_PAGE),
            "filtered": filtered(request),
            "capped_note": found.note,
        },
    )


def public_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = (
        in_force()
        .select_related("issuer")
        .prefetch_related("amends", "repeals")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return render(request, "filings/public_document.html", {"document": document})


def propose(request: HttpRequest) -> HttpResponse:
    """提出审查建议: anyone, without an account; a receipt code follows it."""
    congress = _receiving_congress()
    chosen = request.GET.get("document", "")
    form = ProposalForm(
        request.POST or None,
        congress_id=congress.pk if congress else None,
        initial={"document": int(chosen)} if chosen.isdigit() else {},
    )
    status = 200
    if request.method == "POST" and congress is not None:
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            document = (
                NormativeDocument.objects.filter(congress=congress, pk=d["document"]).first()
                if d["document"]
                else None
            )
            try:
                proposal = A.proposal_submit_online(
                    congress=congress,
                    proposer_name=d["proposer_name"],
                    reasons=d["reasons"],
                    client_ip=client_ip(request),
                    document=document,
                    document_named=d["document_named"],
                    organisation=d["organisation"],
                    phone=d["phone"],
                    email=d["email"],
                )
            except RateLimited as error:
                form.add_error(None, str(error.message))  # nothing stored; the text stays
                status = 429
            except ActionError as error:
                form.add_action_error(error)
            else:
                request.session[RECEIPT_SESSION_KEY] = proposal.receipt_code
                return redirect("filings:proposed")
    return render(
        request,
        "filings/public_propose.html",
        {"form": form, "open": congress is not None},
        status=status,
    )


def _session_proposal(request: HttpRequest) -> Any:
    code = request.session.get(RECEIPT_SESSION_KEY, "")
    return proposal_by_receipt(code) if code else None


def proposed(request: HttpRequest) -> HttpResponse:
    """After proposing: the receipt code, to keep."""
    proposal = _session_proposal(request)
    if proposal is None:
        return redirect("filings:track")
    return render(request, "filings/public_proposed.html", {"p": proposal})


def track(request: HttpRequest) -> HttpResponse:
    """查询审查建议: the receipt code (posted, so it stays out of addresses and logs) shows the
    state and the answer; a wrong or malformed code finds nothing, and says only that."""
    if request.method == "POST" and "forget" in request.POST:
        request.session.pop(RECEIPT_SESSION_KEY, None)
        return redirect("filings:track")
    if request.method != "POST":
        return render(
            request,
            "filings/public_track.html",
            {"form": ReceiptForm(), "p": _session_proposal(request)},
        )
    form = ReceiptForm(request.POST)
    proposal = proposal_by_receipt(form.data.get("code", "")[:40]) if form.is_valid() else None
    if proposal is None:
        return render(
            request,
            "filings/public_track.html",
            {"form": ReceiptForm(), "p": None, "looked_up": form.is_valid()},
            status=404 if form.is_valid() else 422,
        )
    request.session[RECEIPT_SESSION_KEY] = proposal.receipt_code
    return render(
        request,
        "filings/public_track.html",
        {"form": ReceiptForm(), "p": proposal, "looked_up": True},
    )
