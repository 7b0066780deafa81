"""WSGI entry point (gunicorn renda.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
application = get_wsgi_application()

from renda.core.checks import ensure_safe_to_serve  # noqa: E402

ensure_safe_to_serve()
