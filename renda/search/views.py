"""The search page: everything the user may see that holds the words, best first (the public
finds what is published)."""

from __future__ import annotations

from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renda.search.engine import Hit, search
from renda.search.forms import SearchForm

PER_PAGE = 20


def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    chosen = form.values()
    page_number = request.GET.get("page", "1")
    found = search(
        request.user,
        chosen.get("q"),
        kinds=[chosen["kind"]] if chosen.get("kind") else None,
        year=chosen.get("year"),
        congress=chosen.get("congress"),
        page=int(page_number) if page_number.isdigit() else 1,
        page_size=PER_PAGE,
    )
    # A page of hits in the shape the pagination include reads (the engine counted them).
    page: Page[Hit] = Page(
        found.hits, found.page, Paginator(cast(Any, range(found.count)), PER_PAGE)
    )
    return render(request, "search/results.html", {"form": form, "found": found, "page_obj": page})
