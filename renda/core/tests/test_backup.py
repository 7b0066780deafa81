"""`renda backup` and `renda restore` round-trip the demo year: after a backup, a wipe of the
database and the uploaded files, and a restore, `renda stats` and the files are the same. On
SQLite always; on PostgreSQL when the suite runs on it and pg_dump is installed."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from renda.core.backup import media_files

pytestmark = pytest.mark.django_db(transaction=True)


def _stats() -> dict[str, Any]:
    out = io.StringIO()
    call_command("stats", "--year", "2024", "--json", stdout=out)
    return json.loads(out.getvalue())


def _files(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256((root / p).read_bytes()).hexdigest() for p in media_files(root)}


def test_the_demo_year_survives_backup_wipe_and_restore(settings, tmp_path):
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("no pg_dump on this machine")
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", verbosity=0)
    stats, files = _stats(), _files(settings.MEDIA_ROOT)
    assert len(files) > 0

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    with pytest.raises(CommandError):
        _stats()  # nothing left to count

    with pytest.raises(CommandError):
        call_command("restore", str(archive), stdout=io.StringIO())  # asks for --yes
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert _stats() == stats
    assert _files(settings.MEDIA_ROOT) == files


def test_a_backup_of_another_engine_is_refused(settings, tmp_path):
    import tarfile

    archive = tmp_path / "other.tar.gz"
    manifest = json.dumps({"format": 1, "engine": "oracle", "database": "x"}).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    with pytest.raises(CommandError, match="oracle"):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
