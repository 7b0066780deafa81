"""The evaluation (履职评价): a deputy's year as a score, by the congress's scoring rules.

For each kind of act: points = count × points each; capped = min(points, cap per year);
weighted = capped × weight. The score is the sum of the weighted points of every kind.
A congress that configured no rules is scored by DEFAULT_RULES.

Rankings are per delegation or per station: highest score first; equal scores share a rank
and the next rank skips (1, 1, 3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db.models import Q

from renda.org.models import Deputy
from renda.performance.models import ActKind, ScoringRule
from renda.performance.record import counts_by_deputy, record_for

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
    configured = list(ScoringRule.objects.filter(congress_id=congress_id))
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
class Ranked:
    deputy: Deputy
    total: Decimal
    rank: int
    lines: list[Line] = field(default_factory=list, compare=False)

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


def rankings(
    congress: Any,
    year: int,
    *,
    by: Literal["delegation", "station"] = "delegation",
    rules: Iterable[ScoringRule] | None = None,
) -> list[Group]:
    """Every serving deputy's score, ranked within their delegation or station. The queries
    are fixed: one per source of acts for all deputies at once, never one record each."""
    if by not in ("delegation", "station"):
        raise ValueError(by)
    rules = list(rules) if rules is not None else rules_for(congress.pk)
    counts = counts_by_deputy(congress.pk, year)
    deputies = serving_in(congress, year).select_related("person", by)
    groups: dict[int | None, Group] = {}
    totals: dict[int | None, list[tuple[Decimal, Deputy, list[Line]]]] = {}
    lines_of = _Lines(rules)
    nothing: Counter[str] = Counter()
    for d in deputies:
        key = getattr(d, f"{by}_id")
        if key not in groups:
            unit = getattr(d, by)
            groups[key] = Group(name=unit.name if unit else "", pk=key)
            totals[key] = []
        lines = lines_of(counts.get(d.pk, nothing))
        totals[key].append((sum((line.weighted for line in lines), D(0)), d, lines))
    for key, group in groups.items():
        group.rows = _ranked(totals[key])
    # Named groups by name; deputies of no delegation or station last.
    return sorted(groups.values(), key=lambda g: (g.pk is None, g.name))


def _ranked(scored: list[tuple[Decimal, Deputy, list[Line]]]) -> list[Ranked]:
    scored.sort(key=lambda t: (-t[0], t[1].card_number))
    rows: list[Ranked] = []
    for i, (total, d, lines) in enumerate(scored, start=1):
        rank = rows[-1].rank if rows and rows[-1].total == total else i
        rows.append(Ranked(deputy=d, total=total, rank=rank, lines=lines))
    return rows
