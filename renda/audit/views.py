"""The security auditor's page: the audit trail with filters, and its export as .xlsx."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from renda.audit import queries
from renda.audit.forms import TrailFilterForm
from renda.audit.models import Record
from renda.core.http import AuthedRequest
from renda.core.pages import filtered, page_requires, paginate
from renda.core.spreadsheets import Column, single_table, xlsx_response

PER_PAGE = 50


def _records(request: AuthedRequest) -> tuple[TrailFilterForm, object]:
    form = TrailFilterForm(request.GET or None)
    qs = queries.chosen(queries.visible(request.user), form.values())
    return form, qs


@require_safe  # read only: the page changes nothing
@page_requires("audit.view_trail")
def trail(request: AuthedRequest) -> HttpResponse:
    form, qs = _records(request)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "page_obj": paginate(request, qs, PER_PAGE),
            "filtered": filtered(request),
            "retention_days": settings.AUDIT_RETENTION_DAYS,
        },
    )


def _details(r: Record) -> str:
    return "; ".join(f"{k}={v}" for k, v in sorted(r.data.items()))


@require_safe
@page_requires("audit.view_trail")
def trail_xlsx(request: AuthedRequest) -> HttpResponse:
    """The records as filtered, newest first, at most AUDIT_EXPORT_LIMIT of them."""
    _form, qs = _records(request)
    limit = settings.AUDIT_EXPORT_LIMIT
    rows = list(qs[: limit + 1])  # type: ignore[index]
    subtitle = _("Exported %(when)s by %(who)s") % {
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "who": request.user.get_username(),
    }
    if len(rows) > limit:
        rows = rows[:limit]
        subtitle += "; " + _("only the newest %(limit)d records: narrow the filter") % {
            "limit": limit
        }
    data = single_table(
        sheet=_("Audit trail"),
        title=_("Audit trail"),
        subtitle=subtitle,
        columns=[
            Column(_("At"), 18),
            Column(_("Kind"), 16),
            Column(_("User name"), 16),
            Column(_("Address"), 16),
            Column(_("Page"), 30),
            Column(_("About"), 40),
            Column(_("Details"), 50),
        ],
        rows=(
            (
                timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"),
                r.get_kind_display(),
                r.username,
                r.ip or "",
                r.path,
                r.target,
                _details(r),
            )
            for r in rows
        ),
    )
    return xlsx_response(data, _("Audit trail"), "audit-trail")
