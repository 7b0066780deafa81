"""renda's settings plus the floor views (bench/floor.py), for the benchmark's server only."""

from pathlib import Path

from renda.settings import *  # noqa: F403
from renda.settings import TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0].get("DIRS", []), Path(__file__).parent / "templates"]  # type: ignore[misc]

MIDDLEWARE = ["bench.middleware.CountQueries", *MIDDLEWARE]  # noqa: F405
