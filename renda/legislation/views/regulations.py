"""Regulations and their drafts, for staff and leaders: the list with each one's stage, listing
one in the plan, a regulation's page (its stages with their dates and documents, its draft
versions), recording the next stage, stage documents, importing a version, and comparing two
versions article by article."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import conflict_message, page_requires, paginate, run_action_form
from renda.core.workflow import ActionError
from renda.legislation import forms as F
from renda.legislation.models import DraftVersion, Regulation, StageDocument
from renda.legislation.queries import compare_versions, regulations_of, stages, with_structure
from renda.legislation.rules import REGULATIONS
from renda.legislation.views.common import PER_PAGE, making_page
from renda.org.models import Body


@page_requires("legislation.oversee")
def regulations(request: AuthedRequest) -> HttpResponse:
    """立法: regulations through their stages, newest plan year first."""
    user = request.user
    qs = regulations_of(acting_congress_id(request)).order_by("-plan_year", "title", "id")
    context = {
        "page_obj": paginate(request, qs, PER_PAGE),
        "manages": user.has_perm("legislation.manage"),
    }
    return render(request, "legislation/regulations.html", context)


@page_requires("legislation.manage")
def regulation_new(request: AuthedRequest) -> HttpResponse:
    user = request.user
    congress_id = acting_congress_id(request)
    form = F.RegulationForm(
        request.POST or None,
        regulations=list(Regulation.objects.filter(congress_id=congress_id)),
        bodies=list(Body.objects.filter(congress_id=congress_id).order_by("name")),
        initial={"planned_on": timezone.localdate()},
        actor=user,
    )
    return making_page(
        request,
        form,
        template="legislation/regulation_new.html",
        done=lambda made: reverse("legislation:regulation", args=[made.pk]),
    )


def _regulation(user: Any, pk: int) -> Regulation:
    """A regulation the user sees (rules.REGULATIONS), with what its page shows."""
    qs = (
        Regulation.objects.select_related("of_regulation", "drafting_body", "congress")
        .prefetch_related("documents")
        .filter(pk=pk)
    )
    regulation = REGULATIONS.rows(user, qs).first()
    if regulation is None:
        raise Http404(_("No such regulation."))
    return regulation


def _regulation_page(
    request: AuthedRequest,
    regulation: Regulation,
    *,
    status: int = 200,
    conflict: str = "",
    **bound: Any,
) -> HttpResponse:
    user = request.user
    manages = user.has_perm("legislation.manage", regulation)
    versions = list(regulation.versions.prefetch_related("consultations").order_by("number"))
    advance = bound.get("advance_form") or F.AdvanceForm(case=regulation, user=user)
    context = {
        "regulation": regulation,
        "stages": stages(regulation),
        "versions": versions,
        "manages": manages,
        "conflict": conflict,
        "advance_form": advance if advance.transitions else None,
        "document_form": bound.get("document_form")
        or F.StageDocumentForm(
            initial={"stage": regulation.state}, regulation=regulation, actor=user
        ),
        "import_form": bound.get("import_form") or F.ImportForm(regulation=regulation, actor=user),
        "compare_form": F.CompareForm(
            versions=versions,
            initial={"old": versions[-2].pk, "new": versions[-1].pk},
        )
        if len(versions) > 1
        else None,
    }
    return render(request, "legislation/regulation.html", context, status=status)


@page_requires("legislation.oversee")
def regulation(request: AuthedRequest, pk: int) -> HttpResponse:
    return _regulation_page(request, _regulation(request.user, pk))


def _posted(
    request: AuthedRequest,
    pk: int,
    form: Any,
    *,
    name: str,
    done: str | Callable[[Any], str] = "",
) -> HttpResponse:
    """One of the regulation page's forms posted, its action run as every action is: back to
    the page (or to `done`) with its message, or the page with the form again (422 beside
    its fields; 409 with why nothing changed)."""
    user = request.user

    def refused(error: ActionError) -> HttpResponse:
        fresh = _regulation(user, pk)
        return _regulation_page(
            request, fresh, status=409, conflict=conflict_message(error), **{name: form}
        )

    page = reverse("legislation:regulation", args=[pk])
    response = run_action_form(request, form, done=done or page, conflict=refused)
    if response is not None:
        return response
    return _regulation_page(request, _regulation(user, pk), status=422, **{name: form})


@require_POST
@page_requires("legislation.manage")
def regulation_advance(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record the stage a regulation reached, on its day."""
    form = F.AdvanceForm(request.POST, case=_regulation(request.user, pk), user=request.user)
    return _posted(request, pk, form, name="advance_form")


@require_POST
@page_requires("legislation.manage")
def document_add(request: AuthedRequest, pk: int) -> HttpResponse:
    regulation = _regulation(request.user, pk)
    form = F.StageDocumentForm(
        request.POST, request.FILES, regulation=regulation, actor=request.user
    )
    return _posted(request, pk, form, name="document_form")


@page_requires("legislation.oversee")
def document(request: AuthedRequest, pk: int, document: int) -> HttpResponse:
    regulation = _regulation(request.user, pk)
    row = StageDocument.objects.filter(regulation=regulation, pk=document).first()
    if row is None:
        raise Http404(_("No such document."))
    # A file, streamed: the page guard types every page as an HttpResponse.
    return cast(
        HttpResponse, FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)
    )


@require_POST
@page_requires("legislation.manage")
def draft_import(request: AuthedRequest, pk: int) -> HttpResponse:
    """Import a new version: pasted text, or a .docx / .txt file; then the new version's page,
    where the parser's doubts are listed."""
    regulation = _regulation(request.user, pk)
    form = F.ImportForm(request.POST, request.FILES, regulation=regulation, actor=request.user)
    return _posted(
        request,
        pk,
        form,
        name="import_form",
        done=lambda version: reverse("legislation:draft", args=[version.pk]),
    )


@page_requires("legislation.oversee")
def compare(request: AuthedRequest, pk: int) -> HttpResponse:
    """Two versions article by article: added, removed, changed (words marked), unchanged."""
    regulation = _regulation(request.user, pk)
    versions = list(regulation.versions.order_by("number"))
    form = F.CompareForm(request.GET or None, versions=versions)
    diffs = None
    if form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
        structured = {
            v.pk: v for v in with_structure(DraftVersion.objects.filter(pk__in=[old.pk, new.pk]))
        }
        diffs = compare_versions(structured[old.pk], structured[new.pk])
    counts: dict[str, int] = {}
    for diff in diffs or []:
        counts[diff.kind] = counts.get(diff.kind, 0) + 1
    context = {
        "regulation": regulation,
        "form": form,
        "diffs": diffs,
        "counts": counts,
        "show_unchanged": request.GET.get("all") == "1",
    }
    return render(request, "legislation/compare.html", context)
