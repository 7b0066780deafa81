"""The evaluation (履职评价): a deputy's year as a score, by the congress's scoring rules.

For each kind of act: points = count × points each; capped = min(points, cap per year);
weighted = capped × weight. The score is the sum of the weighted points of every kind.
A congress that configured no rules is scored by DEFAULT_RULES.

Rankings are per delegation or per station: highest score first; equal scores share a rank
and the next rank skips (1, 1, 3).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Q

from renda.core import stats
from renda.org.models import Deputy
from renda.performance.models import ActKind, ScoringRule
from renda.performance.record import counts_by_deputy, record_for, years_of_congress

K = ActKind
D = Decimal
# (points each, cap per year or None, weight): a congress's starting point, which staff then
# adjust. Attending the session and standing committee meetings weigh most; acts a deputy can
# repeat at will are capped so that quantity does not swamp the rest.
DEFAULT_RULES: dict[str, tuple[Decimal, Decimal | None, Decimal]] = {
    K.SESSION: (D(10), D(20), D(1)),
    K.MEETING: (D(5), D(20), D(1)),
    K.SUGGESTION: (D(5), D(25), D(1)),
    K.COSIGNED: (D(2), D(10), D(1)),
    K.MOTION: (D(8), D(16), D(1)),
    K.DRAFT_OPINION: (D(2), D(10), D(1)),
    K.TOPIC_ANSWER: (D(1), D(5), D(1)),
    K.FORUM_OPINION: (D(2), D(6), D(1)),
    K.ACTIVITY: (D(2), D(16), D(1)),
    K.RECEPTION: (D(3), D(18), D(1)),
    K.INSPECTION: (D(3), D(15), D(1)),
    K.DUTY_RECORD: (D(1), D(10), D(1)),
    K.TRAINING: (D(4), D(8), D(1)),
    K.OTHER: (D(1), D(5), D(1)),
}


def default_rules(congress_id: int) -> list[ScoringRule]:
    """The default rules for a congress, not saved."""
    return [
        ScoringRule(congress_id=congress_id, kind=kind, points=p, cap=cap, weight=w)
        for kind, (p, cap, w) in DEFAULT_RULES.items()
    ]


def rules_for(congress_id: int) -> list[ScoringRule]:
    """The congress's configured rules, or the defaults when it configured none."""
    # By kind: the default ordering (congress, kind) joins the congress to sort by its name.
    configured = list(ScoringRule.objects.filter(congress_id=congress_id).order_by("kind"))
    return configured or default_rules(congress_id)


@dataclass(frozen=True)
class Line:
    kind: str
    count: int
    points: Decimal  # count × points each
    capped: Decimal  # at most the cap
    weighted: Decimal  # capped × weight
    cap: Decimal | None = None  # the rule's cap, if it has one

    @property
    def kind_label(self) -> str:
        return str(ActKind(self.kind).label)

    @property
    def cap_bites(self) -> bool:
        return self.capped < self.points

    @property
    def at_cap(self) -> bool:
        """Exactly at the cap: all the points count, and no more would."""
        return self.cap is not None and self.points == self.cap


@dataclass
class Score:
    deputy: Deputy
    year: int
    lines: list[Line] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.weighted for line in self.lines), Decimal(0))

    def line(self, kind: str) -> Line | None:
        return next((line for line in self.lines if line.kind == kind), None)


def breakdown(counts: Mapping[str, int], rules: Iterable[ScoringRule]) -> list[Line]:
    """One line per kind the rules score, in the order of ActKind."""
    return _Lines(rules)(counts)


class _Lines:
    """breakdown() for many deputies under the same rules: the rules ordered once, and each
    (kind, count) line computed once (counts are small numbers, shared by many deputies),
    not Decimal arithmetic per kind per deputy."""

    def __init__(self, rules: Iterable[ScoringRule]) -> None:
        by_kind = {r.kind: r for r in rules}
        self.rules = [(kind, by_kind[kind]) for kind in ActKind.values if kind in by_kind]
        self.known: dict[tuple[str, int], Line] = {}

    def __call__(self, counts: Mapping[str, int]) -> list[Line]:
        lines = []
        for kind, rule in self.rules:
            n = counts.get(kind, 0)
            line = self.known.get((kind, n))
            if line is None:
                points = n * rule.points
                capped = points if rule.cap is None else min(points, rule.cap)
                line = self.known[(kind, n)] = Line(
                    kind, n, points, capped, capped * rule.weight, rule.cap
                )
            lines.append(line)
        return lines


def score(deputy: Deputy, year: int, rules: Iterable[ScoringRule] | None = None) -> Score:
    """`deputy`'s score for `year` from their record."""
    if rules is None:
        rules = rules_for(deputy.congress_id)
    counts = record_for(deputy, year).counts()
    return Score(deputy=deputy, year=year, lines=breakdown(counts, rules))


@dataclass(frozen=True)
class RankedDeputy:
    """Whom a row of the rankings is about: what the pages, the API and the export show of
    them. Plain values, not a Deputy with its person and unit, so that the rankings are cheap
    to keep in the cache and to read back."""

    pk: int
    name: str
    card_number: str


@dataclass(frozen=True)
class Ranked:
    deputy: RankedDeputy
    total: Decimal
    rank: int
    lines: list[Line] = field(default_factory=list, compare=False)
    acts: int = 0  # acts of every kind, scored or not

    def top_lines(self, n: int = 3) -> list[Line]:
        """The kinds that brought the most points, most first."""
        scored = [line for line in self.lines if line.weighted > 0]
        return sorted(scored, key=lambda line: -line.weighted)[:n]


@dataclass
class Group:
    """A delegation or a station, with its deputies ranked."""

    name: str
    pk: int | None
    rows: list[Ranked] = field(default_factory=list)


def serving_in(congress: Any, year: int) -> Any:
    """The deputies of the congress who served at some time in `year`."""
    return Deputy.objects.filter(congress=congress, elected_on__year__lte=year).filter(
        Q(ended_on__isnull=True) | Q(ended_on__year__gte=year)
    )


By = Literal["delegation", "station"]


def rankings(
    congress: Any,
    year: int,
    *,
    by: By = "delegation",
    rules: Iterable[ScoringRule] | None = None,
) -> list[Group]:
    """Every serving deputy's score, ranked within their delegation or station. The queries
    are fixed: one aggregate per source of acts for all deputies at once, never one record
    each, and the deputies as one query of values. Computed now: see `cached_rankings`."""
    if by not in ("delegation", "station"):
        raise ValueError(by)
    rules = list(rules) if rules is not None else rules_for(congress.pk)
    counts = counts_by_deputy(congress.pk, year)
    deputies = (
        serving_in(congress, year)
        .order_by()
        .values_list("pk", "person__name", "card_number", f"{by}_id", f"{by}__name")
    )
    groups: dict[int | None, Group] = {}
    totals: dict[int | None, list[tuple[Decimal, RankedDeputy, list[Line], int]]] = {}
    lines_of = _Lines(rules)
    nothing: Counter[str] = Counter()
    for pk, name, card_number, key, unit in deputies:
        if key not in groups:
            groups[key] = Group(name=unit or "", pk=key)
            totals[key] = []
        mine = counts.get(pk, nothing)
        lines = lines_of(mine)
        total = sum((line.weighted for line in lines), D(0))
        totals[key].append((total, RankedDeputy(pk, name, card_number), lines, mine.total()))
    for key, group in groups.items():
        group.rows = _ranked(totals[key])
    # Named groups by name; deputies of no delegation or station last.
    return sorted(groups.values(), key=lambda g: (g.pk is None, g.name))


@dataclass(frozen=True)
class Rankings:
    """What the rankings' page, export and API read: the groups ranked, and the years the
    congress has acts in (the page's year picker)."""

    groups: list[Group]
    years: list[int]


def cached_rankings(congress: Any, year: int, *, by: By, rules: list[ScoringRule]) -> Rankings:
    """rankings() and years_of_congress(), kept in the cache until the data changes: every
    act is written by its module's actions with an event, an entry by hand too, and the
    deputies, delegations and stations change in the admin, which logs it (stats.cached on
    data_version: the newest event, admin change and the day). The rules in force are part of
    the key, so a change of rules is a new key whether or not it left an event. 22 queries
    and a Python pass over every deputy become 4 (the version, the cache) until then."""
    if by not in ("delegation", "station"):
        raise ValueError(by)
    return stats.cached(
        "performance-rankings",
        (congress.pk, year, by, rules_digest(rules)),
        lambda: Rankings(
            groups=rankings(congress, year, by=by, rules=rules),
            years=years_of_congress(congress.pk),
        ),
    )


def rules_digest(rules: Iterable[ScoringRule]) -> str:
    """The rules as a short key: kind, points, cap and weight of each."""
    text = ";".join(
        f"{r.kind}:{r.points}:{r.cap}:{r.weight}" for r in sorted(rules, key=lambda r: r.kind)
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _ranked(scored: list[tuple[Decimal, RankedDeputy, list[Line], int]]) -> list[Ranked]:
    scored.sort(key=lambda t: (-t[0], t[1].card_number))
    rows: list[Ranked] = []
    for i, (total, d, lines, acts) in enumerate(scored, start=1):
        rank = rows[-1].rank if rows and rows[-1].total == total else i
        rows.append(Ranked(deputy=d, total=total, rank=rank, lines=lines, acts=acts))
    return rows
