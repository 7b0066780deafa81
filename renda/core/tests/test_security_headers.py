"""Security headers (issue 15, MLPS level 3): a Content-Security-Policy without inline script,
Permissions-Policy, Referrer-Policy; HTTPS redirect and HSTS in production, so that
`renda check --deploy` has nothing to say about them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_production_safety import GOOD_KEY, PROJECT_DIR, _python

RENDA = PROJECT_DIR / "renda"


@pytest.mark.django_db
def test_every_page_carries_the_headers(client, cast):
    client.force_login(cast["staff"])
    for url in ("/accounts/login/", "/", "/api/v1/docs"):
        r = client.get(url)
        csp = r["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
        assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "camera=()" in r["Permissions-Policy"]
        assert "microphone=()" in r["Permissions-Policy"]
        assert r["Referrer-Policy"] == "same-origin"
        assert r["X-Content-Type-Options"] == "nosniff"


def _inline_scripts(text: str) -> list[str]:
    """<script> elements that run code written in the page (not src=, not JSON data)."""
    found = []
    for tag in re.findall(r"<script\b[^>]*>", text):
        if "src=" in tag or 'type="application/json"' in tag:
            continue
        found.append(tag)
    return found


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for path in RENDA.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if _inline_scripts(text) or re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(str(path.relative_to(PROJECT_DIR)))
        if "javascript:" in text:
            offenders.append(str(path.relative_to(PROJECT_DIR)))
    assert offenders == []


def test_production_deploy_check_is_clean(tmp_path: Path):
    run = _python(
        "import sys; from renda.cli import main; sys.argv = ['renda', 'check', '--deploy',"
        " '--fail-level', 'WARNING']; main()",
        tmp_path,
        RENDA_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="renda.example.gov.cn",
        DJANGO_ALLOW_ASYNC_UNSAFE="",  # set by the browser tests' fixture; never in production
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout + run.stderr


def test_production_redirects_to_https_and_sends_hsts(tmp_path: Path):
    run = _python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'renda.settings';"
        " django.setup(); from django.conf import settings as s;"
        " print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        tmp_path,
        RENDA_ENV="production",
        SECRET_KEY=GOOD_KEY,
    )
    assert run.stdout.split() == ["True", "31536000", "True", "True", "True"], run.stderr
