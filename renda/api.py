"""The JSON API under /api/v1/ (django-ninja); OpenAPI at /api/v1/openapi.json.

Every app adds its router here. Errors are JSON with a `detail` message, never a 500 page.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import ninja
import ninja.openapi.schema
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.signals import got_request_exception
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.schema import NinjaGenerateJsonSchema
from pydantic.json_schema import CoreModeRef, DefsRef

from renda.core.api import BearerToken
from renda.core.workflow import ActionError

log = logging.getLogger(__name__)


class AppQualifiedJsonSchema(NinjaGenerateJsonSchema):
    """Names each of renda's schemas in the OpenAPI document by its app ("legislation.OpinionIn",
    "opinions.OpinionIn"): ninja builds the document one model at a time and merges their
    definitions by bare class name, so two apps' `OpinionIn` described one endpoint with the
    other's body. Other libraries' schemas keep their own names."""

    def get_defs_ref(self, core_mode_ref: CoreModeRef) -> DefsRef:
        core_ref, _mode = core_mode_ref
        found = re.fullmatch(r"renda\.(\w+)\.(?:[\w.]+\.)?(\w+)", core_ref.rsplit(":", 1)[0])
        if found is None:
            return super().get_defs_ref(core_mode_ref)
        name = DefsRef(f"{found[1]}.{found[2]}")
        self._prioritized_defsref_choices[name] = [name]
        return name


# ninja 1.7 offers no setting for the generator its OpenAPI document uses; a test
# (test_api_openapi) fails on any two schemas that share a name, should this stop applying.
ninja.openapi.schema.NinjaGenerateJsonSchema = AppQualifiedJsonSchema  # type: ignore[misc]

# Swagger UI's files ship inside django-ninja; the intranet has no CDN, so we serve them.
DOCS_ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
DOCS_ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png")


class OfflineSwagger(Swagger):
    """The docs page with Swagger UI loaded from this server, never from the internet."""

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        # "</" would end the <script> element early; JSON allows "<\/" for it.
        config = json.dumps(settings).replace("</", "<\\/")

        def asset(name: str) -> str:
            return escape(reverse(f"{api.urls_namespace}:docs-asset", kwargs={"name": name}))

        html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(api.title)}</title>
<link rel="stylesheet" href="{asset("swagger-ui.css")}">
<link rel="icon" type="image/png" href="{asset("favicon.png")}">
</head>
<body data-csrf-token="" data-api-csrf="">
<script type="application/json" id="swagger-settings">{config}</script>
<div id="swagger-ui"></div>
<script src="{asset("swagger-ui-bundle.js")}"></script>
<script src="{asset("swagger-ui-init.js")}"></script>
</body>
</html>
"""
        return HttpResponse(html)


api = NinjaAPI(
    title="renda API",
    version="1",
    description=(
        "人大履职服务平台 — the congress platform's JSON API. Get a token from "
        "POST /api/v1/auth/token and send it as `Authorization: Bearer <token>`. "
        "Lists take `page` and `page_size` (at most 200) and answer {items, count}; "
        "errors answer {detail} in the language of Accept-Language."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    docs=OfflineSwagger(),
)


@api.get("/docs/assets/{name}", auth=None, include_in_schema=False, url_name="docs-asset")
def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    if name not in DOCS_ASSETS:  # a fixed list: no path from the URL ever reaches the disk
        raise Http404
    response = FileResponse((DOCS_ASSETS_DIR / name).open("rb"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _validation_messages() -> dict[str, str]:
    """pydantic's commonest error types, in the caller's language ({…} from the error's ctx)."""
    return {
        "missing": _("This field is required."),
        "greater_than_equal": _("Must be at least {ge}."),
        "greater_than": _("Must be more than {gt}."),
        "less_than_equal": _("Must be at most {le}."),
        "less_than": _("Must be less than {lt}."),
        "int_parsing": _("Must be a whole number."),
        "int_type": _("Must be a whole number."),
        "int_from_float": _("Must be a whole number."),
        "float_parsing": _("Must be a number."),
        "float_type": _("Must be a number."),
        "bool_parsing": _("Must be true or false."),
        "bool_type": _("Must be true or false."),
        "string_type": _("Must be text."),
        "string_too_short": _("Must be at least {min_length} characters long."),
        "string_too_long": _("Must be at most {max_length} characters long."),
        "string_pattern_mismatch": _("Is not in the expected form."),
        "enum": _("Must be one of: {expected}."),
        "literal_error": _("Must be one of: {expected}."),
        "date_parsing": _("Must be a date (YYYY-MM-DD)."),
        "date_from_datetime_parsing": _("Must be a date (YYYY-MM-DD)."),
        "date_type": _("Must be a date (YYYY-MM-DD)."),
        "datetime_parsing": _("Must be a date and time (ISO 8601)."),
        "datetime_from_date_parsing": _("Must be a date and time (ISO 8601)."),
        "datetime_type": _("Must be a date and time (ISO 8601)."),
        "list_type": _("Must be a list."),
        "dict_type": _("Must be an object."),
        "model_attributes_type": _("Must be an object."),
        "model_type": _("Must be an object."),
        "decimal_parsing": _("Must be a number."),
        "too_long": _("Has too many items."),
        "too_short": _("Has too few items."),
        "json_invalid": _("The request body is not valid JSON."),
    }


def localized(error: dict[str, Any]) -> dict[str, Any]:
    """A pydantic error with its `msg` in the caller's language where we know its type (the
    `type` stays as pydantic names it, for programs)."""
    template = _validation_messages().get(str(error.get("type")))
    if template is None:
        return error
    try:
        msg = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return error
    return {**error, "msg": msg}


def add_error_handlers(api: NinjaAPI) -> None:
    """Every error as JSON {detail} in the caller's language, never a 500 page."""

    def _error(request: HttpRequest, status: int, message: Any, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"detail": str(message), **extra}, status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [localized(e) for e in exc.errors]
        return _error(request, 422, _("The request is not valid."), errors=errors)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = _error(request, 401, _("Log in first: send Authorization: Bearer <token>."))
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _error(request, 403, str(exc) or _("You may not do this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _error(request, 404, _("Not found."))

    @api.exception_handler(ActionError)
    def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        extra = {"field": exc.field} if exc.field else {}
        return _error(request, exc.status, exc.message, **extra)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and exc.__cause__ is not None:
            # ninja's own "Cannot parse request body", raised from the JSON parser's error.
            return _error(request, 400, _("The request body is not valid JSON."))
        return _error(request, exc.status_code, exc.message)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return _error(request, 413, _("The request is too large."))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Still a bug: log it and tell Django's error reporting, but answer in JSON.
        log.exception("API error on %s %s", request.method, request.path)
        got_request_exception.send(sender=None, request=request)
        return _error(request, 500, _("Something went wrong on the server."))


add_error_handlers(api)


from renda.accounts.api import router as auth_router  # noqa: E402
from renda.core.api import router as me_router  # noqa: E402
from renda.core.api_polls import router as polls_router  # noqa: E402
from renda.org.api import router as org_router  # noqa: E402

api.add_router("/auth", auth_router)
api.add_router("/", me_router)
api.add_router("/", polls_router)
api.add_router("/", org_router)

import renda.suggestions.api_files  # noqa: E402, F401  (its routes join the suggestions router)
from renda.suggestions.api import router as suggestions_router  # noqa: E402

api.add_router("/", suggestions_router)

import renda.legislation.api_files  # noqa: E402, F401  (its routes join the legislation router)
from renda.legislation.api import router as legislation_router  # noqa: E402

api.add_router("/", legislation_router)

import renda.stations.api_corrections  # noqa: E402, F401  (its routes join the stations router)
from renda.stations.api import router as stations_router  # noqa: E402

api.add_router("/", stations_router)

from renda.opinions.api import router as opinions_router  # noqa: E402

api.add_router("/", opinions_router)

from renda.performance.api import router as performance_router  # noqa: E402

api.add_router("/", performance_router)

from renda.meetings.api import router as meetings_router  # noqa: E402
from renda.meetings.api_attended import router as meetings_attended_router  # noqa: E402

api.add_router("/", meetings_router)
api.add_router("/", meetings_attended_router)

from renda.meetings.api_decisions import router as decisions_router  # noqa: E402

api.add_router("/", decisions_router)
from renda.filings.api import router as filings_router  # noqa: E402

api.add_router("/", filings_router)

from renda.petitions.api import router as petitions_router  # noqa: E402

api.add_router("/", petitions_router)

from renda.supervision.api import router as supervision_router  # noqa: E402

api.add_router("/", supervision_router)

from renda.inspections.api import router as inspections_router  # noqa: E402

api.add_router("/", inspections_router)

from renda.search.api import router as search_router  # noqa: E402

api.add_router("/", search_router)
