"""The measurement of the reply check on a labelled set (`renda reading evaluate --set FILE`;
the demo's: `renda demo --reading FILE`): precision and recall of what the check flags, at the
thresholds shown to users and across others.

The set (JSON): {"previous": {unit: [{"suggestion", "text", "year", "label"}]}, "cases":
[{"id", "suggestion", "unit", "year", "request", "reply", "answered": [bool per point],
"boilerplate": bool, "copied": bool}]}. A case's history is its unit's previous replies, less
those to its own suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from renda.reading import check as C


@dataclass
class Scored:
    """One case's raw figures: each point's best score, the stock share, the best resemblance
    to a previous reply of the same year and of an earlier year."""

    case: dict[str, Any]
    points: list[float]
    stock_share: float
    repeat: float
    copy: float
    split_ok: bool  # as many points found as labelled


def score(case: dict[str, Any], previous: Sequence[dict[str, Any]]) -> Scored:
    history = [
        C.Previous(text=p["text"], year=p["year"], label=p.get("label", ""))
        for p in previous
        if p.get("suggestion") != case.get("suggestion")
    ]
    result = C.check(case["request"], case["reply"], year=case["year"])
    same = [p for p in history if p.year >= case["year"]]
    earlier = [p for p in history if p.year < case["year"]]
    repeat = C._closest(case["reply"], same)
    copy = C._closest(case["reply"], earlier)
    return Scored(
        case=case,
        points=[p.score for p in result.points],
        stock_share=result.stock_share,
        repeat=repeat.score if repeat else 0.0,
        copy=copy.score if copy else 0.0,
        split_ok=len(result.points) == len(case["answered"]),
    )


def _pr(pairs: Iterable[tuple[bool, bool]]) -> dict[str, Any]:
    """Precision and recall of (predicted, true) pairs."""
    tp = fp = fn = 0
    for predicted, true in pairs:
        tp += predicted and true
        fp += predicted and not true
        fn += true and not predicted
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "flagged": tp + fp,
        "true": tp + fn,
    }


def _point_pairs(scored: Sequence[Scored], threshold: float) -> list[tuple[bool, bool]]:
    """(scored below `threshold`, truly not answered) for every point split as labelled."""
    return [
        (value < threshold, not truth)
        for s in scored
        if s.split_ok
        for value, truth in zip(s.points, s.case["answered"], strict=True)
    ]


def report(data: dict[str, Any]) -> dict[str, Any]:
    previous: dict[str, list[dict[str, Any]]] = data.get("previous", {})
    scored = [score(c, previous.get(c.get("unit", ""), [])) for c in data["cases"]]
    split = sum(s.split_ok for s in scored)

    def boilerplate(s: Scored, stock: float, repeat: float) -> bool:
        return s.stock_share >= stock or s.repeat >= repeat

    return {
        "cases": len(scored),
        "points": sum(len(s.case["answered"]) for s in scored),
        "split_as_labelled": round(split / len(scored), 3) if scored else None,
        "thresholds": {
            "answered": C.ANSWERED,
            "weak": C.WEAK,
            "stock_share": C.STOCK_SHARE,
            "repeat": C.REPEAT,
            "copy": C.COPY,
        },
        # Shown to users: "not answered" is a score below WEAK; "not or weakly answered"
        # below ANSWERED.
        "not_answered": _pr(_point_pairs(scored, C.WEAK)),
        "not_or_weakly_answered": _pr(_point_pairs(scored, C.ANSWERED)),
        "boilerplate": _pr(
            (boilerplate(s, C.STOCK_SHARE, C.REPEAT), s.case["boilerplate"]) for s in scored
        ),
        "copied": _pr((s.copy >= C.COPY, s.case["copied"]) for s in scored),
        "sweep": {
            "not_answered_below": {
                f"{t:.2f}": _pr(_point_pairs(scored, t))
                for t in (0.10, 0.14, 0.18, 0.22, 0.26, 0.30, 0.35, 0.40)
            },
            "stock_share_from": {
                f"{t:.2f}": _pr(
                    (s.stock_share >= t, s.case["boilerplate"])
                    for s in scored
                    if s.case.get("variant") != "repeat"
                )
                for t in (0.4, 0.5, 0.6, 0.7, 0.8)
            },
            "copy_from": {
                f"{t:.2f}": _pr((s.copy >= t, s.case["copied"]) for s in scored)
                for t in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
            },
            "repeat_from": {
                f"{t:.2f}": _pr((s.repeat >= t, s.case.get("variant") == "repeat") for s in scored)
                for t in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
            },
        },
    }
