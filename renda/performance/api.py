"""The performance API: a deputy's record and score for a year, the rankings, the scoring rules
and the acts staff enter by hand with their evidence.

The same rules as the pages: a deputy reads their own record and score; staff and leaders of the
congress anyone's and the rankings; staff alone configure the rules and enter acts. A deputy of
another congress is 404, one the caller may not see 403.
"""

# No `from __future__ import annotations`: django-ninja reads the payload and file parameters
# from the evaluated annotations.

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, P, PathEx, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from renda.core.api import BearerTokenFor, Pages, RowId, caller, caller_congress, payload_row
from renda.org.models import Deputy
from renda.performance.actions import (
    RuleInput,
    manual_entry_create,
    manual_entry_delete,
    scoring_rules_set,
)
from renda.performance.models import ActKind, ManualEntry, ScoringRule
from renda.performance.queries import deputy_for, rules_in_force
from renda.performance.record import record_for, years_with_acts
from renda.performance.schemas import (
    EntryIn,
    EntryOut,
    RankingOut,
    RecordOut,
    RulesIn,
    RulesOut,
    ScoreOut,
)
from renda.performance.scoring import RankedDeputy, cached_rankings, rules_for, score

router = Router(tags=["performance"])

PkPath = PathEx[int, P(ge=1, le=2**63 - 1)]


class YearQuery(Schema):
    year: int | None = Field(None, ge=1979, le=9999, description="Default: this year")

    def chosen(self) -> int:
        return self.year or timezone.localdate().year


def _ref(deputy: Deputy | RankedDeputy) -> dict[str, Any]:
    return {"id": deputy.pk, "name": deputy.name}


# --- a deputy's record and score ----------------------------------------------------------------


@router.get(
    "/performance/records/{deputy_id}",
    response=RecordOut,
    summary="A deputy's performance record for a year (履职档案): every act, oldest first",
)
def record(request: HttpRequest, deputy_id: PkPath, filters: Query[YearQuery]) -> Any:
    deputy = deputy_for(caller(request), deputy_id)
    year = filters.chosen()
    rec = record_for(deputy, year)
    return {
        "deputy": _ref(deputy),
        "year": year,
        "years": years_with_acts(deputy),
        "total_acts": len(rec.items),
        "constituents_received": rec.constituents_received,
        "counts": dict(rec.counts()),
        "items": rec.items,
    }


def _lines(result: Any, rules: list[ScoringRule]) -> list[dict[str, Any]]:
    by_kind = {r.kind: r for r in rules}
    return [
        {
            "kind": line.kind,
            "kind_label": line.kind_label,
            "count": line.count,
            "points_each": by_kind[line.kind].points,
            "points": line.points,
            "cap": by_kind[line.kind].cap,
            "capped": line.capped,
            "cap_bites": line.cap_bites,
            "weight": by_kind[line.kind].weight,
            "weighted": line.weighted,
        }
        for line in result.lines
    ]


@router.get(
    "/performance/scores/{deputy_id}",
    response=ScoreOut,
    summary="A deputy's score for a year (履职评价), with one line per kind of act",
)
def deputy_score(request: HttpRequest, deputy_id: PkPath, filters: Query[YearQuery]) -> Any:
    deputy = deputy_for(caller(request), deputy_id)
    rules, changed = rules_in_force(deputy.congress_id)
    result = score(deputy, filters.chosen(), rules=rules)
    return {
        "deputy": _ref(deputy),
        "year": result.year,
        "total": result.total,
        "default_rules": changed is None,
        "lines": _lines(result, rules),
    }


# --- rankings ------------------------------------------------------------------------------------


class RankingFilters(YearQuery):
    by: Literal["delegation", "station"] = "delegation"
    group: RowId | None = Field(None, description="Only this delegation's or station's deputies")


def _reader(user: Any) -> None:
    if not user.has_perm("performance.view_rankings", user.congress):
        raise PermissionDenied(_("Only staff and leaders of the congress see the rankings."))


@router.get(
    "/performance/rankings",
    response=list[RankingOut],
    summary="Every serving deputy's score, ranked within their delegation or station",
)
@paginate(Pages)
def ranking_list(request: HttpRequest, filters: Query[RankingFilters]) -> Any:
    user = caller(request)
    _reader(user)
    congress: Any = user.congress
    rules = rules_for(congress.pk)
    found = cached_rankings(congress, filters.chosen(), by=filters.by, rules=rules)
    rows = []
    for group in found.groups:
        if filters.group and group.pk != filters.group:
            continue
        ref = {"id": group.pk, "name": group.name} if group.pk is not None else None
        for r in group.rows:
            rows.append(
                {
                    "group": ref,
                    "rank": r.rank,
                    "deputy": _ref(r.deputy),
                    "card_number": r.deputy.card_number,
                    "total": r.total,
                    "counts": {line.kind: line.count for line in r.lines if line.count},
                    "points": {line.kind: line.weighted for line in r.lines if line.count},
                }
            )
    return rows


# --- scoring rules -------------------------------------------------------------------------------


def _configurer(user: Any) -> None:
    if not user.has_perm("performance.configure_rules", user.congress):
        raise PermissionDenied(_("Only staff of the congress configure the scoring rules."))


def _rules_out(congress_id: int) -> dict[str, Any]:
    rules, changed = rules_in_force(congress_id)
    return {
        "default_rules": changed is None,
        "rules": sorted(rules, key=lambda r: ActKind.values.index(r.kind)),
    }


@router.get(
    "/performance/scoring-rules",
    response=RulesOut,
    summary="The congress's scoring rules (the defaults while it has set none)",
)
def rules_get(request: HttpRequest) -> Any:
    user = caller(request)
    _configurer(user)
    return _rules_out(caller_congress(user).pk)


@router.put(
    "/performance/scoring-rules",
    auth=BearerTokenFor(_configurer),  # the role before the body: 403, not 422
    response=RulesOut,
    summary="Replace the scoring rules: kinds left out are not scored",
)
def rules_put(request: HttpRequest, payload: RulesIn) -> Any:
    user = caller(request)
    _configurer(user)
    scoring_rules_set(
        actor=user,
        congress=caller_congress(user),
        rules=[
            RuleInput(kind=r.kind, points=r.points, cap=r.cap, weight=r.weight)
            for r in payload.rules
        ],
    )
    return _rules_out(caller_congress(user).pk)


# --- manual entries ------------------------------------------------------------------------------


def _entries(user: Any) -> QuerySet[ManualEntry]:
    if not user.has_perm("performance.manage_entries", None):
        raise PermissionDenied(_("Only staff of the congress record deputies' acts."))
    return ManualEntry.objects.filter(congress_id=user.congress_id).select_related(
        "deputy__person", "entered_by"
    )


class EntryFilters(Schema):
    year: int | None = Field(None, ge=1979, le=9999)
    deputy: RowId | None = None
    kind: ActKind | None = Field(None, description="session, inspection or other")


@router.get(
    "/performance/entries",
    response=list[EntryOut],
    summary="Acts staff entered by hand (履职登记), newest first",
)
@paginate(Pages)
def entry_list(request: HttpRequest, filters: Query[EntryFilters]) -> Any:
    qs = _entries(caller(request))
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.deputy:
        qs = qs.filter(deputy_id=filters.deputy)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs.order_by("-date", "-id")


def _entry(user: Any, pk: int) -> ManualEntry:
    entry = _entries(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@router.get("/performance/entries/{entry_id}", response=EntryOut)
def entry_detail(request: HttpRequest, entry_id: PkPath) -> Any:
    return _entry(caller(request), entry_id)


@router.post(
    "/performance/entries",
    response={201: EntryOut},
    summary="Enter an act no module records (multipart or form: deputy, kind, date, title, "
    "notes, and optionally the evidence file)",
)
def entry_create(
    request: HttpRequest,
    payload: Form[EntryIn],
    evidence: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    _entries(user)  # staff only: refused before the deputy is even looked up
    deputy = payload_row(
        Deputy.objects.filter(congress=caller_congress(user)),
        payload.deputy,
        "deputy",
        _("No such deputy in your congress."),
    )
    entry = manual_entry_create(
        actor=user,
        deputy=deputy,
        kind=payload.kind,
        date=payload.date,
        title=payload.title,
        notes=payload.notes,
        evidence=evidence,
    )
    return Status(201, _entry(user, entry.pk))


@router.delete(
    "/performance/entries/{entry_id}",
    response={204: None},
    summary="Delete an entry made in error (its history stays)",
)
def entry_delete(request: HttpRequest, entry_id: PkPath) -> Any:
    user = caller(request)
    manual_entry_delete(actor=user, entry=_entry(user, entry_id))
    return Status(204, None)


@router.get(
    "/performance/entries/{entry_id}/evidence",
    summary="An entry's evidence file (staff, and the deputy it is about)",
    url_name="performance_entry_evidence",
)
def entry_evidence(request: HttpRequest, entry_id: PkPath) -> Any:
    user = caller(request)
    entry = ManualEntry.objects.select_related("deputy").filter(pk=entry_id).first()
    if entry is None or not entry.evidence or not user.has_perm("performance.view_evidence", entry):
        raise Http404
    return FileResponse(entry.evidence.open("rb"), as_attachment=True, filename=entry.evidence_name)
