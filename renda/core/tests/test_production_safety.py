"""Production refuses unsafe settings and never serves with the demo password."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from renda.core.checks import ensure_safe_to_serve, production_safety

GOOD_KEY = "k" * 20 + "-a-long-random-production-secret"
PROJECT_DIR = Path(__file__).resolve().parents[3]


def _python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with only the given renda settings variables."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "RENDA_ENV", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(env)
    clean.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_with_the_default_secret_key_refuses_to_start(tmp_path):
    run = _python("import renda.settings", tmp_path, RENDA_ENV="production")
    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr
    assert "SECRET_KEY" in run.stderr


def test_production_with_a_short_secret_key_refuses_to_start(tmp_path):
    run = _python("import renda.settings", tmp_path, RENDA_ENV="production", SECRET_KEY="short")
    assert run.returncode != 0
    assert "SECRET_KEY" in run.stderr


def test_debug_in_production_is_refused(tmp_path):
    run = _python(
        "import renda.settings", tmp_path, RENDA_ENV="production", SECRET_KEY=GOOD_KEY, DEBUG="1"
    )
    assert run.returncode != 0
    assert "DEBUG must be off" in run.stderr


def test_an_unknown_environment_is_refused(tmp_path):
    run = _python("import renda.settings", tmp_path, RENDA_ENV="prod")
    assert run.returncode != 0
    assert "RENDA_ENV" in run.stderr


def test_production_with_a_good_secret_key_starts_with_safe_defaults(tmp_path):
    code = (
        "import renda.settings as s;"
        "print(s.PRODUCTION, s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.ALLOWED_HOSTS, s.PASSWORD_HASHERS[0].rsplit('.', 1)[1])"
    )
    run = _python(code, tmp_path, RENDA_ENV="production", SECRET_KEY=GOOD_KEY)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "False", "True", "True", "[]", "Argon2PasswordHasher"]


def test_development_starts_without_any_variable(tmp_path):
    run = _python("import renda.settings as s; print(s.PRODUCTION, s.DEBUG)", tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "False"]


@pytest.fixture
def demo_staff(cast, settings):
    """The demo year's staff account, still on the shared demo password."""
    user = cast["staff"]
    assert user.username in settings.DEMO_USERNAMES
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    return user


def _renda_errors() -> list[str]:
    return [m.id for m in checks.run_checks(tags=["renda"])]


def test_production_refuses_to_serve_with_the_demo_password(demo_staff, settings):
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured, match="staff"):
        ensure_safe_to_serve()
    errors = production_safety()
    assert [e.id for e in errors] == ["renda.E001"]
    assert "staff" in errors[0].msg
    assert "renda.E001" in _renda_errors()


def test_production_serves_once_the_password_is_changed(demo_staff, settings):
    settings.PRODUCTION = True
    demo_staff.set_password("a-real-password-of-our-own")
    demo_staff.save()
    ensure_safe_to_serve()
    assert production_safety() == []
    assert "renda.E001" not in _renda_errors()


def test_production_serves_once_the_demo_account_is_deactivated(demo_staff, settings):
    settings.PRODUCTION = True
    demo_staff.is_active = False
    demo_staff.save()
    ensure_safe_to_serve()
    assert production_safety() == []


def test_development_serves_the_demo_year(demo_staff, settings):
    settings.PRODUCTION = False
    ensure_safe_to_serve()
    assert production_safety() == []


def test_the_wsgi_entry_point_refuses_a_production_database_with_the_demo_password(tmp_path):
    """End to end: a migrated production database with a demo account, then gunicorn's import."""
    env = {"RENDA_ENV": "production", "SECRET_KEY": GOOD_KEY}
    setup = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from renda.accounts.models import User;"
        "User.objects.create_user('leader', password='renda-demo')"
    )
    run = _python(setup, tmp_path, DJANGO_SETTINGS_MODULE="renda.settings", **env)
    assert run.returncode == 0, run.stderr
    run = _python("import renda.wsgi", tmp_path, **env)
    assert run.returncode != 0
    assert "Refusing to start" in run.stderr
    assert "leader" in run.stderr
