"""The `renda` console script: manage.py under the project's own name.

renda demo                     rebuild the demo year (idempotent)
renda serve [--bind H:P]       serve with gunicorn (static files through WhiteNoise)
renda remind                   warn about soon-due and overdue cases
renda stats --year 2024 --json the year's figures, computed from rows
renda search reindex           rebuild the search index from the rows
renda <any manage.py command>  migrate, createsuperuser, shell, ...
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # `renda import-draft` is `manage.py import_draft`: command modules cannot have hyphens.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["renda", *args])


if __name__ == "__main__":
    main()
