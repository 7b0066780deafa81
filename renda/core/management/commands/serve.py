"""renda serve: the production-grade server (gunicorn) on 127.0.0.1:8000 by default."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve renda with gunicorn (static files are served by the app through WhiteNoise)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=os.environ.get("RENDA_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("RENDA_WORKERS", "3"))
        )

    def handle(self, *args: Any, bind: str, workers: int, **options: Any) -> None:
        self.stdout.write(f"renda: serving on http://{bind}/ ({workers} workers)")
        self.stdout.flush()
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "renda.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
                "--timeout",
                "60",
            ],
        )
