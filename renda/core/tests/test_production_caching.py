"""Production's static files and pages, as a browser receives them: fingerprinted files cached
for good (immutable), compressed; pages compressed when the browser accepts it."""

from __future__ import annotations

import gzip
import io
import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic as in production: hashed names and .gz beside each file, served by
    WhiteNoise from STATIC_ROOT (not from the app folders)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    return settings.STATIC_ROOT


def test_fingerprinted_static_files_are_cached_for_good_and_compressed(collected):
    url = static("renda/css/renda.css")
    assert re.search(r"renda\.[0-9a-f]{12}\.css$", url), url  # the page links the hashed name
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 365 * 24 * 3600
    assert response["Content-Encoding"] in {"gzip", "br"}


def test_a_name_without_its_hash_is_cached_briefly(collected):
    response = Client().get("/static/renda/css/renda.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]


def test_pages_are_compressed_for_a_browser_that_accepts_it(client):
    plain = client.get("/")
    packed = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    body = gzip.decompress(packed.content)
    assert b'id="public-services"' in body
    assert len(packed.content) < len(body) / 2
