"""Backups of the whole platform in one file: the database (PostgreSQL by pg_dump's custom
format, SQLite by its online backup API) and the uploaded files (MEDIA_ROOT), with a manifest;
and their restore. `renda backup` and `renda restore` call these."""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.dump"
MEDIA = "media"


class BackupError(Exception):
    pass


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _pg_env() -> dict[str, str]:
    """libpq's variables for the database Django uses (password never on a command line)."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _run(args: list[str]) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} is not installed (apt-get install postgresql-client)")
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")


def _dump_database(folder: Path) -> str:
    if engine() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            connection.connection.backup(target)  # a consistent copy while the site runs
        finally:
            target.close()
        return SQLITE_NAME
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(folder / PG_NAME)]
    )
    return PG_NAME


def media_files(root: Path | None = None) -> list[Path]:
    """Every uploaded file, relative to MEDIA_ROOT, sorted."""
    base = Path(root or settings.MEDIA_ROOT)
    if not base.exists():
        return []
    return sorted(p.relative_to(base) for p in base.rglob("*") if p.is_file())


def create(path: Path) -> dict[str, Any]:
    """Write a backup to `path` (.tar.gz); returns its manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    with tempfile.TemporaryDirectory() as tmp:
        database = _dump_database(Path(tmp))
        manifest = {
            "format": FORMAT,
            "engine": engine(),
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": database,
            "files": len(files),
        }
        partial = path.with_name(path.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(Path(tmp) / database, arcname=database)
            for rel in files:
                tar.add(media_root / rel, arcname=f"{MEDIA}/{rel.as_posix()}")
        partial.replace(path)  # never a half-written backup under the real name
    return manifest


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for m in tar.getmembers():
        name = Path(m.name)
        if name.is_absolute() or ".." in name.parts or not (m.isfile() or m.isdir()):
            raise BackupError(f"refusing a strange entry in the backup: {m.name!r}")
        members.append(m)
    return members


def read_manifest(path: Path) -> dict[str, Any]:
    with tarfile.open(path, "r:gz") as tar:
        handle = tar.extractfile(MANIFEST)
        if handle is None:
            raise BackupError(f"{path} is not a renda backup (no {MANIFEST})")
        manifest: dict[str, Any] = json.load(handle)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def restore(path: Path) -> dict[str, Any]:
    """Replace the database and MEDIA_ROOT with the backup's. The engine must match."""
    manifest = read_manifest(path)
    if manifest["engine"] != engine():
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; this site uses {engine()}"
        )
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r:gz") as tar:
        tar.extractall(tmp, members=_safe_members(tar))  # noqa: S202 (members checked)
        folder = Path(tmp)
        _restore_database(folder / manifest["database"])
        _restore_media(folder / MEDIA)
    return manifest


def _restore_database(dump: Path) -> None:
    if engine() == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "-d",
            str(connection.settings_dict["NAME"]),
            str(dump),
        ]
    )


def _restore_media(source: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.exists():
        shutil.copytree(source, root, dirs_exist_ok=True)
