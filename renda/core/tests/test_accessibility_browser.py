"""axe-core on the main pages of each role, at desktop and phone width: no serious and no
critical problem (colour contrast, links told apart only by colour, names of controls, …).

axe-core is vendored for the tests only (tests/vendor/axe-core, MPL-2.0), injected into each
page as the browser test runs; it is never served to users. The pages are those of the demo
year, so that tables, pagination and badges are full as in use:
    .venv/bin/python -m pytest -p no:cacheprovider renda/core/tests/test_accessibility_browser.py
(about as long as `renda demo` plus a minute). RENDA_AXE_REPORT=path writes what axe found.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from renda.core.tests import test_browser as layout

browser = layout.browser
static_files = layout.static_files

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("static_files"),
]


def _pages() -> dict[str, dict[str, str]]:
    """{username ("" for the public): {name: path}}: the main pages of each role."""
    from renda.accounts.models import User
    from renda.legislation.models import Consultation
    from renda.suggestions.models import Suggestion

    deputy = User.objects.get(username="deputy")
    suggestion = Suggestion.objects.filter(lead_deputy_id=deputy.deputy_id).order_by("-pk").first()
    consultation = Consultation.objects.filter(state="open").order_by("-opens_on").first()
    assert suggestion is not None and consultation is not None
    return {
        "": {
            "home": reverse("core:home"),
            "opinion-form": reverse("opinions:public_opinion_submit"),
            "draft": reverse("legislation:draft", args=[consultation.version_id]),
        },
        "deputy": {
            "home": reverse("core:home"),
            "suggestion": reverse("suggestions:detail", args=[suggestion.pk]),
        },
        "staff": {
            "home": reverse("core:home"),
            "register": reverse("suggestions:register"),
            "overdue": reverse("suggestions:overdue_board"),
            "unit-scores": reverse("suggestions:unit_scores"),
            "rankings": reverse("performance:rankings"),
            "cockpit": reverse("figures:cockpit"),
            "stations": reverse("org:stations"),
            "deputies": reverse("org:deputies"),
            "opinions": reverse("opinions:opinions"),
            "supervision": reverse("supervision:home"),
            "meetings": reverse("meetings:list"),
        },
    }


def _axe(page: Any) -> list[dict[str, Any]]:
    """The serious and critical violations axe finds on the page as drawn."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [v for v in found if v.get("impact") in BLOCKING]


def test_axe_finds_nothing_serious_on_the_main_pages_of_each_role(
    browser: Any, live_server: Any
) -> None:
    from renda.demo import build

    build(today=None)
    base = live_server.url
    problems: list[str] = []
    report: dict[str, Any] = {}
    checked = 0
    for width, viewport, mobile in (
        ("desktop", layout.DESKTOP, False),
        ("phone", layout.PHONE, True),
    ):
        for username, named in _pages().items():
            # bypass_csp: axe is injected as an inline script, which the pages' CSP refuses.
            context = browser.new_context(
                viewport=viewport, is_mobile=mobile, locale="zh-CN", bypass_csp=True
            )
            page = context.new_page()
            if username:
                layout.log_in(page, base, username, password=settings.DEMO_PASSWORD)
            for name, path in named.items():
                response = page.goto(base + path)
                assert response is not None and response.status == 200, path
                checked += 1
                for v in _axe(page):
                    where = f"{username or 'public'} {name} ({width})"
                    targets = [n["target"] for n in v["nodes"][:3]]
                    count = len(v["nodes"])
                    problems.append(f"{where}: {v['id']} [{v['impact']}] ×{count} {targets}")
                    report.setdefault(where, []).append(
                        {"id": v["id"], "impact": v["impact"], "nodes": v["nodes"][:5]}
                    )
            context.close()
    if os.environ.get("RENDA_AXE_REPORT"):
        Path(os.environ["RENDA_AXE_REPORT"]).write_text(
            json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    assert checked == 2 * sum(len(named) for named in _pages().values())
    assert problems == [], "\n".join(problems)


def test_axe_itself_is_only_a_test_file_never_served(client: Any) -> None:
    assert AXE.exists() and (AXE.parent / "LICENSE").exists()
    assert client.get("/static/axe.min.js").status_code == 404
    assert client.get("/static/vendor/axe-core/axe.min.js").status_code == 404
    static_roots = [Path(d) for d in settings.STATICFILES_DIRS]
    assert not any(root in AXE.parents for root in static_roots)
    assert "static" not in AXE.relative_to(Path(settings.BASE_DIR)).parts
