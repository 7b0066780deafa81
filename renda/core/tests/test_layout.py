"""The code keeps the lines it draws: the kernel (core, org, accounts) imports no domain and
not the demo; domains meet only in the kernel (performance reads the others through
core.acts); no domain imports the API's root module; no module grows past 800 lines; views and
templates ask named permissions, never compare roles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # renda/
KERNEL = ("core", "org", "accounts", "routing", "audit", "search", "reading")
DOMAINS = (
    "suggestions",
    "legislation",
    "stations",
    "opinions",
    "performance",
    "meetings",
    "supervision",
    "inspections",
    "figures",
)
# The one import between domains the design allows: an inspection belongs to an item of the
# supervision plan and its report is heard as a supervision report (supervision's action), so
# inspections imports supervision, never the reverse.
ALLOWED_EDGES = {("inspections", "supervision")}
MAX_LINES = 800
# What the developers' hook counts as comparing a role (user.role == "staff", role in (...)).
ROLE_COMPARISON = re.compile(r"""\.role *(==|!=|in) *["'({]|role *(==|!=) *["']""")


def _modules(app: str) -> list[Path]:
    base = ROOT / app
    return [
        p
        for p in base.rglob("*.py")
        if "tests" not in p.relative_to(base).parts and "migrations" not in p.parts
    ]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _apps_imported(path: Path) -> set[str]:
    return {
        name.split(".")[1]
        for name in _imports(path)
        if name.startswith("renda.") and len(name.split(".")) > 1
    }


@pytest.mark.parametrize("app", KERNEL)
def test_the_kernel_imports_no_domain_and_not_the_demo(app: str) -> None:
    offending = {
        str(p.relative_to(ROOT)): sorted(_apps_imported(p) & {*DOMAINS, "demo"})
        for p in _modules(app)
    }
    assert {k: v for k, v in offending.items() if v} == {}


@pytest.mark.parametrize("app", DOMAINS)
def test_domains_meet_only_in_the_kernel_and_never_import_the_api_root(app: str) -> None:
    if not (ROOT / app).exists():
        pytest.skip(f"no {app} app")
    others = set(DOMAINS) - {app} - {b for a, b in ALLOWED_EDGES if a == app}
    offending: dict[str, list[str]] = {}
    for p in _modules(app):
        imported = _imports(p)
        wrong = sorted(_apps_imported(p) & others)
        if "renda.api" in imported:
            wrong.append("renda.api")
        if wrong:
            offending[str(p.relative_to(ROOT))] = wrong
    # Legislation's drafts, suggestions' and stations' documents may be shown elsewhere only
    # through the kernel; the one allowed meeting is performance's record via core.acts.
    assert offending == {}


def test_the_allowed_edge_goes_one_way_only() -> None:
    """inspections may import supervision; supervision never imports inspections."""
    for source, target in ALLOWED_EDGES:
        back = {str(p.relative_to(ROOT)) for p in _modules(target) if source in _apps_imported(p)}
        assert back == set(), f"{target} imports {source}"


def test_no_module_is_longer_than_800_lines() -> None:
    too_long = {}
    for p in ROOT.rglob("*.py"):
        if "migrations" in p.parts or "tests" in p.parts or p.name.endswith("_texts.py"):
            continue
        lines = len(p.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[str(p.relative_to(ROOT))] = lines
    assert too_long == {}


def test_no_view_or_template_compares_roles() -> None:
    """Rules live in rules.py and predicates.py; everything else asks them by name."""
    found = []
    for p in [*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]:
        parts = p.relative_to(ROOT).parts
        if {"tests", "demo", "migrations"} & set(parts) or p.name in ("rules.py", "predicates.py"):
            continue
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            if ROLE_COMPARISON.search(line):
                found.append(f"{p.relative_to(ROOT)}:{number}")
    assert found == []
