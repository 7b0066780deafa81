"""Staff pages of the performance module: the acts they enter by hand with their evidence
(履职登记), and the congress's scoring rules (评分规则).

Every write is one action of actions.py; its refusals are shown beside the field they name.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.core.http import AuthedRequest, acting_congress_id
from renda.core.pages import paginate
from renda.core.workflow import ActionConflict, ActionForbidden, ActionInvalid
from renda.performance.actions import manual_entry_create, manual_entry_delete, scoring_rules_set
from renda.performance.forms import (
    BaseRuleFormSet,
    EntryFilterForm,
    EntryForm,
    RuleFormSet,
    rule_initial,
)
from renda.performance.models import ManualEntry
from renda.performance.queries import rules_in_force
from renda.performance.rows import ENTRY_ROW_COLUMNS, entry_rows
from renda.performance.scoring import default_rules
from renda.performance.views import PER_PAGE

ENTRY_FIELDS = {"kind", "date", "title", "notes", "evidence"}


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff of a congress (performance.manage_entries); others get 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        if not user.congress_id or not user.has_perm("performance.manage_entries", None):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# --- manual entries ----------------------------------------------------------------------------


@staff_only
def entry_list(request: AuthedRequest) -> HttpResponse:
    """履职登记: what staff entered by hand, newest first, with the evidence."""
    form = EntryFilterForm(request.GET or None)
    values = form.values()
    qs = ManualEntry.objects.filter(congress_id=acting_congress_id(request))
    if values.get("year"):
        qs = qs.filter(year=values["year"])
    if values.get("kind"):
        qs = qs.filter(kind=values["kind"])
    if values.get("q"):
        q = values["q"]
        qs = qs.filter(
            Q(title__icontains=q) | Q(deputy__person__name__icontains=q) | Q(deputy__card_number=q)
        )
    qs = (
        qs.select_related("deputy__person", "entered_by")
        .only(*ENTRY_ROW_COLUMNS)  # what a row shows (rows.entry_rows), not every column
        .order_by("-date", "-id")
    )
    page = paginate(request, qs, PER_PAGE)
    return render(
        request,
        "performance/entry_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": entry_rows(page.object_list, full_path=request.get_full_path()),
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
        },
    )


def _back(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the page it was opened from, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@staff_only
def entry_create(request: HttpRequest) -> HttpResponse:
    """Record an act for one deputy or several, with its evidence: all of them or none."""
    user: Any = request.user
    posted = request.method == "POST"
    initial = {}
    if not posted and request.GET.get("deputy", "").isdigit():
        initial["deputy_ids"] = [int(request.GET["deputy"])]
    form = EntryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        congress_id=user.congress_id,
        initial=initial,
    )
    if posted and form.is_valid():
        deputies = form.deputies()
        data = form.cleaned_data
        try:
            with transaction.atomic():
                for deputy in deputies:
                    manual_entry_create(
                        actor=user,
                        deputy=deputy,
                        kind=data["kind"],
                        date=data["date"],
                        title=data["title"],
                        notes=data["notes"],
                        evidence=data["evidence"],
                    )
        except ActionForbidden:
            raise PermissionDenied from None
        except ActionInvalid as error:
            form.add_error(error.field if error.field in ENTRY_FIELDS else None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "The act was entered in %(count)d deputy's record.",
                    "The act was entered in %(count)d deputies' records.",
                    len(deputies),
                )
                % {"count": len(deputies)},
            )
            if len(deputies) == 1:
                default = reverse("performance:record", args=[deputies[0].pk])
                default += f"?year={data['date'].year}"
            else:
                default = reverse("performance:entries") + f"?year={data['date'].year}"
            return redirect(_back(request, default))
    return render(
        request,
        "performance/entry_form.html",
        {"form": form, "next": _back(request, "")},
    )


def _entry(user: Any, pk: int) -> ManualEntry:
    entry = (
        ManualEntry.objects.filter(pk=pk, congress_id=user.congress_id)
        .select_related("deputy__person", "entered_by")
        .first()
    )
    if entry is None:
        raise Http404(_("No such entry."))
    return entry


@login_required
def entry_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An entry's evidence, for staff and the deputy it is about."""
    user: Any = request.user
    entry = (
        ManualEntry.objects.filter(pk=pk).select_related("deputy").first()
        if user.congress_id
        else None
    )
    if entry is None or not user.has_perm("performance.view_evidence", entry):
        # Whoever may not see it learns nothing of it, not even that it exists.
        raise Http404(_("No such file."))
    if not entry.evidence:
        raise Http404(_("No such file."))
    return FileResponse(entry.evidence.open("rb"), as_attachment=True, filename=entry.evidence_name)


@staff_only
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an entry made in error, after a confirmation; its history stays."""
    user: Any = request.user
    entry = _entry(user, pk)
    back = reverse("performance:record", args=[entry.deputy_id]) + f"?year={entry.year}"
    if request.method == "POST":
        try:
            manual_entry_delete(actor=user, entry=entry)
        except ActionForbidden:
            raise PermissionDenied from None
        except ActionConflict as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The entry “%(title)s” was deleted; the history keeps it.")
                % {"title": entry.title},
            )
        return redirect(_back(request, back))
    return render(
        request, "performance/entry_delete.html", {"entry": entry, "next": _back(request, back)}
    )


# --- the scoring rules -------------------------------------------------------------------------


@login_required
def rules_page(request: HttpRequest) -> HttpResponse:
    """评分规则: one row per kind of act; saving replaces the congress's rules."""
    user: Any = request.user
    if not user.congress_id or not user.has_perm("performance.configure_rules", user.congress):
        raise PermissionDenied
    rules, changed = rules_in_force(user.congress_id)
    refused = ""
    if request.method == "POST":
        formset = RuleFormSet(request.POST, prefix="rules")
        if formset.is_valid():
            try:
                rules_in = cast(BaseRuleFormSet, formset).rules()
                scoring_rules_set(actor=user, congress=user.congress, rules=rules_in)
            except ActionForbidden:
                raise PermissionDenied from None
            except ActionInvalid as error:
                refused = str(error.message)
            else:
                messages.success(
                    request, _("The scoring rules were saved; every score now follows them.")
                )
                return redirect("performance:rules")
    else:
        shown = default_rules(user.congress_id) if request.GET.get("defaults") else rules
        formset = RuleFormSet(initial=rule_initial(shown), prefix="rules")
    return render(
        request,
        "performance/rules.html",
        {
            "formset": formset,
            "defaults": changed is None,
            "changed": changed,
            "showing_defaults": bool(request.GET.get("defaults")),
            "refused": refused,
        },
    )
