"""GET /api/v1/search: what the caller may see that holds the words, best first, a page at a
time ({items, count, words}); the hits' titles and snippets mark the words with <mark>, the
rest of their text escaped."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from renda.core.workflow import ActionInvalid
from renda.search.engine import MAX_QUERY, search
from renda.search.registry import SOURCES

router = Router(tags=["search"])
MAX_PAGE_SIZE = 50


class SearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_QUERY, description="words, in any order")
    kind: str | None = Field(None, description="suggestion, motion, opinion, draft, …")
    year: int | None = Field(None, ge=1949, le=2100)
    congress: int | None = Field(None, ge=1)
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class HitOut(Schema):
    kind: str
    kind_label: str
    id: int
    year: int | None
    url: str
    title: str  # HTML: escaped text, matched words in <mark>
    snippet: str  # HTML, as title
    rank: float


class SearchOut(Schema):
    items: list[HitOut]
    count: int
    capped: bool
    words: list[str]


@router.get("/search", response=SearchOut, summary="Search everything the caller may see")
def search_api(request: HttpRequest, filters: Query[SearchIn]) -> SearchOut:
    if filters.kind and filters.kind not in SOURCES:
        raise ActionInvalid(
            _("Unknown kind; one of: %(kinds)s.") % {"kinds": ", ".join(sorted(SOURCES))},
            field="kind",
        )
    found = search(
        request.user,
        filters.q,
        kinds=[filters.kind] if filters.kind else None,
        year=filters.year,
        congress=filters.congress,
        page=filters.page,
        page_size=filters.page_size,
    )
    items = [
        HitOut(
            kind=h.kind,
            kind_label=str(h.kind_label),
            id=h.object_id,
            year=h.year,
            url=h.url,
            title=str(h.title),
            snippet=str(h.snippet),
            rank=h.rank,
        )
        for h in found.hits
    ]
    return SearchOut(items=items, count=found.count, capped=found.capped, words=found.words)
