"""The search's rows of bench/run.py (signed in as staff): words held by a large share of the
documents (the demo year's texts are copied into every year at scale, so a matter's words
recur in hundreds of thousands of them), a one-character word, words few documents hold, a
word none holds, and the API with its filters. Each is timed against the search's floor
(bench/floor.py `search`: the same reads of the index, ranked, a plain template) with the same
query, not against the register's."""

from __future__ import annotations

SEARCH_SCENARIOS: list[tuple[str, ...]] = [
    ("search 停车 (frequent)", "/search/?q=停车", "page", "/bench/floor/search/?q=停车"),
    (
        "search 垃圾 分类 (frequent, two words)",
        "/search/?q=垃圾 分类",
        "page",
        "/bench/floor/search/?q=垃圾 分类",
    ),
    (
        "search 學校 停車 (traditional)",
        "/search/?q=學校 停車",
        "page",
        "/bench/floor/search/?q=學校 停車",
    ),
    ("search 水 (one character)", "/search/?q=水", "page", "/bench/floor/search/?q=水"),
    (
        "search 加装 电梯 (fewer)",
        "/search/?q=加装 电梯",
        "page",
        "/bench/floor/search/?q=加装 电梯",
    ),
    ("search 无人机 (rare: none)", "/search/?q=无人机", "page", "/bench/floor/search/?q=无人机"),
    (
        "search 停车 kind=opinion year",
        "/search/?q=停车&kind=opinion&year={year}",
        "page",
        "/bench/floor/search/?q=停车&kind=opinion&year={year}",
    ),
    ("API search 停车", "/api/v1/search?q=停车", "api", "/bench/floor/search/?q=停车"),
    (
        "API search 垃圾 分类 kind=suggestion",
        "/api/v1/search?q=垃圾 分类&kind=suggestion",
        "api",
        "/bench/floor/search/?q=垃圾 分类&kind=suggestion",
    ),
]
