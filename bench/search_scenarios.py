"""The search's rows of bench/run.py (signed in as staff): words held by a large share of the
documents (the demo year's texts are copied into every year at scale, so a matter's words
recur in hundreds of thousands of them), a one-character word, words few documents hold, a
word none holds, and the API with its filters."""

from __future__ import annotations

SEARCH_SCENARIOS: list[tuple[str, str, str]] = [
    ("search 停车 (frequent)", "/search/?q=停车", "page"),
    ("search 垃圾 分类 (frequent, two words)", "/search/?q=垃圾 分类", "page"),
    ("search 學校 停車 (traditional)", "/search/?q=學校 停車", "page"),
    ("search 水 (one character)", "/search/?q=水", "page"),
    ("search 加装 电梯 (fewer)", "/search/?q=加装 电梯", "page"),
    ("search 无人机 (rare: none)", "/search/?q=无人机", "page"),
    ("search 停车 kind=opinion year", "/search/?q=停车&kind=opinion&year={year}", "page"),
    ("API search 停车", "/api/v1/search?q=停车", "api"),
    ("API search 垃圾 分类 kind=suggestion", "/api/v1/search?q=垃圾 分类&kind=suggestion", "api"),
]
