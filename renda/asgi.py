"""ASGI entry point (uvicorn renda.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
application = get_asgi_application()

from renda.core.checks import ensure_safe_to_serve  # noqa: E402

ensure_safe_to_serve()
