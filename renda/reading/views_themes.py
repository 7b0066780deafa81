"""The hot topics' pages (民意热点): the themes of a period for staff and leaders, the monthly
note as .docx, and the note's prose drafted by the optional language model."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import llm
from renda.core.http import AuthedRequest, acting_congress
from renda.core.pages import page_requires
from renda.core.spreadsheets import attachment_disposition
from renda.org.models import Congress, ContactStation
from renda.reading import themes_rules  # noqa: F401  (registers the permission)
from renda.reading.themes import HotTopics, hot_topics, latest_day, period_label
from renda.reading.themes_forms import ThemesForm
from renda.reading.themes_note import DOCX, Scope, note, office_of, period_words
from renda.reading.themes_prose import draft_prose
from renda.reading.themes_registry import categories

PROSE_CHARS = 5000  # the prose a person may send back for the .docx


def _form(request: AuthedRequest) -> ThemesForm:
    congress = acting_congress(request)
    default = latest_day(congress) or timezone.localdate()
    return ThemesForm(request.GET, congress=congress, default=default)


def _result(request: AuthedRequest, form: ThemesForm) -> HotTopics:
    return hot_topics(
        user=request.user,
        congress=acting_congress(request),
        filters=form.filters(),
        kinds=form.kinds(),
    )


def _scope(result: HotTopics) -> Scope:
    f = result.filters
    place: str | None = "全市"
    if f.station:
        place = ContactStation.objects.filter(pk=f.station).values_list("name", flat=True).first()
    elif f.county:
        place = Congress.objects.filter(pk=f.county).values_list("region", flat=True).first()
    return Scope(place=place or "全市", category=str(categories().get(f.category, "")))


def _query(form: ThemesForm) -> str:
    """The chosen period and filters as a query string (the downloads and the drafting keep
    them)."""
    f = form.filters()
    kinds = form.kinds()
    query: dict[str, str | int] = {
        "from": f.start.isoformat(),
        "to": f.end.isoformat(),
        **({"county": f.county} if f.county else {}),
        **({"station": f.station} if f.station else {}),
        **({"category": f.category} if f.category else {}),
        **({"source": kinds[0]} if kinds else {}),
    }
    return urlencode(query)


def _page(request: AuthedRequest, form: ThemesForm, **extra: Any) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "llm": llm.configured(), **extra}
    if not form.is_valid():
        return render(request, "reading/themes.html", context)
    result = _result(request, form)
    context.update(
        result=result,
        period=period_label(result.filters.start, result.filters.end),
        previous=period_label(result.previous.start, result.previous.end),
        query=_query(form),
        largest=max((t.size for t in result.themes), default=0),
    )
    return render(request, "reading/themes.html", context)


@page_requires("reading.view_themes")
def themes_page(request: AuthedRequest) -> HttpResponse:
    """民意热点: the period's themes, their size, trend, places and typical examples."""
    return _page(request, _form(request))


@page_requires("reading.view_themes")
@require_POST
def themes_draft(request: AuthedRequest) -> HttpResponse:
    """The note's analysis drafted by the language model, shown for the person to edit; nothing
    stored."""
    form = _form(request)
    if not form.is_valid():
        return _page(request, form)
    result = _result(request, form)
    try:
        drafted = draft_prose(result, _scope(result), actor=request.user)
    except llm.LLMUnavailable as exc:
        messages.error(request, str(exc))
        return _page(request, form)
    return _page(request, form, draft=drafted)


@page_requires("reading.view_themes")
def themes_docx(request: AuthedRequest) -> HttpResponse:
    """The monthly note as .docx; posted with `prose`, the analysis the person chose to include
    (as they edited it)."""
    form = _form(request)
    if not form.is_valid():
        return _page(request, form)
    result = _result(request, form)
    prose = ""
    if request.method == "POST" and request.POST.get("include") == "1":
        prose = request.POST.get("prose", "")[:PROSE_CHARS]
    congress = acting_congress(request)
    data = note(
        result,
        _scope(result),
        office=office_of(congress),
        today=timezone.localdate(),
        prose=prose,
    )
    response = HttpResponse(data, content_type=DOCX)
    period = period_words(result.filters.start, result.filters.end)
    name = _("Hot topics %(period)s.docx") % {"period": period}
    ascii_name = f"hot-topics-{result.filters.start:%Y%m%d}-{result.filters.end:%Y%m%d}.docx"
    response["Content-Disposition"] = attachment_disposition(name, ascii_name)
    return response
