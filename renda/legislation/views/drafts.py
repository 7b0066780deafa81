"""The drafts everyone reads and comments on: the public's list of drafts open for comment, a
draft's page with its structure, published opinions and comment form, the receipt code after
a public comment and its lookup, and the draft's text as plain text or Akoma Ntoso XML."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.pages import run_action_form
from renda.core.receipts import RateLimited, client_ip
from renda.core.workflow import ActionError
from renda.legislation import forms as F
from renda.legislation.models import (
    Consultation,
    DraftVersion,
    NodeKind,
    Opinion,
    OpinionSource,
)
from renda.legislation.queries import (
    articles,
    drafts_visible_to,
    opinion_by_receipt,
    opinions_with_data,
    problems,
    public_opinions,
    tree,
    version_akn,
    version_text,
    with_list_data,
    with_structure,
)
from renda.legislation.rules import DEPUTIES, PUBLIC, accepts, audience
from renda.legislation.schemas import change_text
from renda.legislation.workflow import OPENED

RECEIPT_SESSION_KEY = "legislation_receipt"


def _version(user: Any, pk: int) -> DraftVersion:
    """A draft the user may read, with its structure; for the public also a draft whose
    consultation has closed (its page then says so and shows no text)."""
    version = with_structure(drafts_visible_to(user).filter(pk=pk)).first()
    if version is not None:
        version.text_hidden = False  # type: ignore[attr-defined]
        return version
    if not user.is_authenticated:
        was_open = Consultation.objects.filter(version_id=pk, for_public=True, state__in=OPENED)
        version = with_list_data(DraftVersion.objects.filter(Exists(was_open), pk=pk)).first()
        if version is not None:
            version.text_hidden = True  # type: ignore[attr-defined]
            version.ordered_nodes = []  # type: ignore[attr-defined]
            return version
    raise Http404(_("No such draft, or not one open for comment."))


def _consultation_for(version: DraftVersion, whom: str | None) -> Consultation | None:
    """The consultation this audience comments in: the one open to it today, else the latest
    one meant for it (shown as closed); those who do not comment here see the latest."""
    shown = [c for c in version.consultations.all() if c.state in OPENED]
    if whom is None:
        return next(iter(version.consultations.all()), None)
    meant = [c for c in shown if getattr(c, f"for_{whom}")]
    return next((c for c in meant if accepts(c, whom)), meant[0] if meant else None)


def _commenting(user: Any) -> str | None:
    """Whom the user comments as on a draft's page: the public or a deputy (the contact
    points submit what they gathered on the batch page instead)."""
    whom = audience(user)
    return whom if whom in (PUBLIC, DEPUTIES) else None


def public_list(request: HttpRequest) -> HttpResponse:
    """立法意见征集: the drafts open for public comment today."""
    versions = list(
        with_list_data(drafts_visible_to(AnonymousUser())).order_by("-imported_at", "-id")
    )
    for version in versions:
        version.open_consultation = _consultation_for(version, PUBLIC)  # type: ignore[attr-defined]
    return render(request, "legislation/public_list.html", {"versions": versions})


def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's page: its structure and table of contents, published opinions per article,
    and the comment form (the whole draft, or under the article chosen)."""
    user = request.user
    version = _version(user, pk)
    whom = _commenting(user)
    consultation = _consultation_for(version, whom)
    if request.method == "POST":
        return _comment(request, version, consultation, whom)
    form = None
    if whom and consultation is not None and accepts(consultation, whom):
        at = request.GET.get("article", "")
        form = F.OpinionForm(
            initial={"article": at if at.isdigit() else ""},
            articles=articles(version),
            consultation=consultation,
            whom=whom,
            actor=user,
        )
    return _draft_page(request, version, consultation, form)


def _draft_page(
    request: HttpRequest,
    version: DraftVersion,
    consultation: Consultation | None,
    form: F.OpinionForm | None,
    *,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    roots = tree(version)
    opinions_by_article: dict[int | None, list[Opinion]] = {}
    if consultation is not None and not version.text_hidden:  # type: ignore[attr-defined]
        for opinion in public_opinions(consultation):
            opinions_by_article.setdefault(opinion.article_id, []).append(opinion)
    for node in articles(version):
        node.public_opinions = opinions_by_article.get(node.pk, [])  # type: ignore[attr-defined]
    form_at: int | None = None
    form_article = None
    if form is not None:
        chosen = str(form["article"].value() or "")
        form_article = next((a for a in articles(version) if str(a.pk) == chosen), None)
        form_at = form_article.pk if form_article is not None else None
    manages = user.has_perm("legislation.manage", version)
    context = {
        "version": version,
        "regulation": version.regulation,
        "roots": roots,
        "divided": any(node.kind != NodeKind.ARTICLE for node in roots),
        "consultation": consultation,
        "accepting": form is not None,
        "form": form,
        "form_at": form_at,
        "form_article": form_article,
        "today": timezone.localdate(),
        "whole_draft_opinions": opinions_by_article.get(None, []),
        "problems": problems(version) if manages else [],
        "manages": manages,
        # Staff and leaders follow the draft from its regulation and its consultation's page.
        "oversees": user.has_perm("legislation.oversee", version),
        "gathers": consultation is not None
        and user.has_perm("legislation.submit_for_contact_points", consultation),
    }
    return render(request, "legislation/draft.html", context, status=status)


def _comment(
    request: HttpRequest,
    version: DraftVersion,
    consultation: Consultation | None,
    whom: str | None,
) -> HttpResponse:
    """Post a comment: the public's is held for moderation and gets a receipt code."""
    if whom is None:
        raise PermissionDenied(_("Comment without logging in, as a member of the public."))
    if consultation is None:
        messages.error(request, _("This draft is not open for comment."))
        return _draft_page(request, version, None, None, status=409)
    form = F.OpinionForm(
        request.POST,
        articles=articles(version),
        consultation=consultation,
        whom=whom,
        actor=request.user,
        client_ip=client_ip(request),
    )

    def refused(error: ActionError) -> HttpResponse:
        messages.error(request, str(error.message))
        return _draft_page(request, version, consultation, None, status=409)

    try:
        done = run_action_form(
            request, form, done=lambda opinion: _given(request, opinion), conflict=refused
        )
    except RateLimited as error:
        form.add_error(None, str(error.message))
        return _draft_page(request, version, consultation, form, status=429)
    return done or _draft_page(request, version, consultation, form, status=422)


def _given(request: HttpRequest, opinion: Opinion) -> str:
    """Where a comment goes once given: the public to its receipt code (kept in the session,
    so that it stays out of addresses and logs), a deputy to the opinion's page."""
    if opinion.source == OpinionSource.PUBLIC:
        request.session[RECEIPT_SESSION_KEY] = opinion.receipt_code
        return reverse("legislation:submitted", args=[opinion.consultation.version_id])
    return reverse("legislation:opinion", args=[opinion.pk])


def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """After a public comment: the receipt code, to follow it later."""
    code = request.session.get(RECEIPT_SESSION_KEY, "")
    opinion = opinion_by_receipt(code) if code else None
    if opinion is None or opinion.consultation.version_id != pk:
        return redirect("legislation:receipt")
    return render(request, "legislation/submitted.html", {"opinion": opinion})


def receipt(request: HttpRequest) -> HttpResponse:
    """Follow an opinion by its receipt code: its state and outcome, never who wrote it. The
    code is posted, so that it stays out of addresses and logs; a wrong one finds nothing.
    Coming from the receipt page, the code given in this browser is carried by the session:
    the form is filled in with it and the opinion shown, with no code in the address."""
    remembered = request.session.get(RECEIPT_SESSION_KEY, "")
    if request.method == "POST":
        form = F.ReceiptForm(request.POST)
    else:
        form = F.ReceiptForm(initial={"code": remembered})
    opinion = None
    looked_up = False
    if request.method == "POST" and form.is_valid():
        looked_up = True
        opinion = opinion_by_receipt(form.cleaned_data["code"])
    elif request.method != "POST" and remembered:
        opinion = opinion_by_receipt(remembered)
    if opinion is not None:
        opinion = opinions_with_data(Opinion.objects.filter(pk=opinion.pk)).get()
    context = {
        "form": form,
        "opinion": opinion,
        "looked_up": looked_up,
        "change": change_text(opinion) if opinion else "",
    }
    return render(
        request,
        "legislation/receipt.html",
        context,
        status=404 if looked_up and opinion is None else 200,
    )


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A version as plain text or as Akoma Ntoso 3.0 XML (whoever may read it)."""
    version = with_structure(drafts_visible_to(request.user).filter(pk=pk)).first()
    if version is None:
        raise Http404(_("No such draft."))
    if fmt == "akn":
        response = HttpResponse(version_akn(version), content_type="application/akn+xml")
        name = f"draft-{version.regulation_id}-{version.number}.xml"
    elif fmt == "text":
        response = HttpResponse(version_text(version), content_type="text/plain; charset=utf-8")
        name = f"draft-{version.regulation_id}-{version.number}.txt"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
