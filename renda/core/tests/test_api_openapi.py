"""The API describes itself: /api/v1/openapi.json lists every endpoint, /api/v1/docs works
without the internet."""

import json
import re

import pytest

from renda.api import DOCS_ASSETS, api

pytestmark = pytest.mark.django_db


def _openapi_spelling(route: str) -> str:
    return "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route).strip("/")


def routed_paths() -> set[str]:
    """Every path Django routes to the API, in OpenAPI's spelling ({id}, not <id>)."""
    return {_openapi_spelling(str(pattern.pattern)) for pattern in api.urls[0]}


def hidden_paths() -> set[str]:
    """Paths whose operations all say include_in_schema=False (the docs page and its assets,
    catch-alls that answer a JSON 404), and the API's root and its OpenAPI document."""
    hidden = {"/api/v1/", "/api/v1/openapi.json", "/api/v1/docs"}
    # ninja 1.7 keeps the mounted routers here; no public accessor lists operations.
    for bound in api._get_bound_routers():
        for path, view in bound.path_operations.items():
            if not any(op.include_in_schema for op in view.operations):
                hidden.add(_openapi_spelling(f"{bound.prefix}/{path}".replace("//", "/")))
    return hidden


def test_openapi_document_is_valid_json_without_logging_in(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "renda API"


def test_openapi_document_lists_every_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()

    assert routed_paths() - hidden_paths() <= set(document["paths"])
    assert {
        "/api/v1/auth/token",
        "/api/v1/me",
        "/api/v1/notifications",
        "/api/v1/congresses",
        "/api/v1/congresses/{congress_id}",
        "/api/v1/units",
        "/api/v1/units/{unit_id}",
        "/api/v1/stations",
        "/api/v1/stations/{station_id}",
        "/api/v1/contact-points",
        "/api/v1/collection-points",
        "/api/v1/deputies",
        "/api/v1/deputies/{deputy_id}",
    } <= set(document["paths"])


def test_openapi_document_declares_bearer_auth_and_the_open_token_endpoint(client):
    document = client.get("/api/v1/openapi.json").json()

    schemes = document["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert "security" not in document["paths"]["/api/v1/auth/token"]["post"]
    assert document["paths"]["/api/v1/deputies"]["get"]["security"]


def test_list_endpoints_document_their_page_and_filter_parameters(client):
    document = client.get("/api/v1/openapi.json").json()

    params = {p["name"] for p in document["paths"]["/api/v1/deputies"]["get"]["parameters"]}
    assert {"page", "page_size", "q", "delegation", "station", "gender", "status"} <= params


def test_docs_page_loads_swagger_from_this_server_only(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/api/v1/docs/assets/") for source in sources)


@pytest.mark.parametrize("name", DOCS_ASSETS)
def test_docs_assets_are_served(client, name):
    response = client.get(f"/api/v1/docs/assets/{name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)
    assert "max-age" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["settings.py", "..%2F..%2Fmain.py", "swagger-ui-bundle.js.map"])
def test_only_the_listed_docs_assets_are_served(client, name):
    response = client.get(f"/api/v1/docs/assets/{name}")

    assert response.status_code == 404


def test_no_two_schemas_share_a_name(monkeypatch):
    """ninja merges each model's definitions into one dict by name: a second model of the same
    name silently replaced the first (legislation's and opinions' `OpinionIn`), so clients
    generated from the document sent the wrong body. Every name must mean one schema."""
    from ninja.openapi.schema import OpenAPISchema

    seen: dict[str, str] = {}
    clashes: set[str] = set()
    add = OpenAPISchema.add_schema_definitions

    def recording(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            text = json.dumps(definition, sort_keys=True, default=str)
            if seen.setdefault(name, text) != text:
                clashes.add(name)
        add(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    document = api.get_openapi_schema()

    assert seen and not clashes
    body = document["paths"]["/api/v1/drafts/{draft_id}/opinions"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    assert "article" in document["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
