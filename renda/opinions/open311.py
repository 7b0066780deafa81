"""Open311 GeoReport v2 for constituents' opinions, so that existing Open311 clients work.

The services are the opinion categories; a request is a constituent's opinion. JSON and XML,
errors as the standard's list of {code, description}, status open or closed with our own
state in status_notes. Posting needs no api_key (like the public form, limited per address);
a key names the station or app that sends. Contact details are never given out, and the text
of an opinion recorded at a station is not published (its constituent did not post it).
"""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from renda.accounts.models import ApiToken
from renda.core.receipts import RateLimited, client_ip
from renda.core.sms import mobile_number
from renda.core.workflow import ActionError, ActionForbidden
from renda.opinions import actions as A
from renda.opinions.models import (
    ApiClientKey,
    ConstituentOpinion,
    OpinionCategory,
    OpinionSource,
    OpinionState,
)
from renda.opinions.queries import opinion_by_receipt, with_opinion_data
from renda.opinions.workflow import FINISHED
from renda.org.models import Congress, ContactStation, Level

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# The XML element of each item of a list, by the list's element.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
}
MAX_REQUESTS = 500  # one answer lists at most this many requests, newest first
DEFAULT_DAYS = 90  # the standard's default and longest date range


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


# --- rendering -----------------------------------------------------------------------------------


def _element(tag: str, value: Any) -> ET.Element:
    node = ET.Element(tag)
    if isinstance(value, dict):
        for key, child in value.items():
            node.append(_element(key, child))
    elif isinstance(value, list):
        for child in value:
            node.append(_element(ITEM_TAGS.get(tag, "item"), child))
    elif isinstance(value, bool):
        node.text = "true" if value else "false"
    elif value is not None:
        node.text = str(value)
    return node


def _render(fmt: str, root: str, data: Any, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        body = ET.tostring(_element(root, data), encoding="utf-8", xml_declaration=True)
    else:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def _endpoint(view: Callable[..., tuple[str, Any]]) -> Callable[..., HttpResponse]:
    """Answers in the format the URL asks for, and turns refusals into the standard's errors."""

    def wrapped(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
        if fmt not in FORMATS:
            return _render("json", "errors", [_error(400, _("Use .json or .xml."))], 400)
        try:
            root, data = view(request, **kwargs)
        except Open311Error as error:
            return _render(fmt, "errors", [_error(error.status, error.description)], error.status)
        except ActionError as error:
            status = error.status if isinstance(error, (ActionForbidden, RateLimited)) else 400
            return _render(fmt, "errors", [_error(status, str(error.message))], status)
        return _render(fmt, root, data)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _error(code: int, description: str) -> dict[str, Any]:
    return {"code": code, "description": description}


def _w3c(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


# --- lookups -------------------------------------------------------------------------------------


def _jurisdiction(request: HttpRequest, key: ApiClientKey | None = None) -> Congress:
    """jurisdiction_id is a congress's code; without it, the key's congress or the only city."""
    code = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if code:
        congress = Congress.objects.filter(code=code[:40]).first()
        if congress is None:
            raise Open311Error(404, _("No such jurisdiction_id."))
        return congress
    if key is not None:
        return key.congress
    cities = list(Congress.objects.filter(level=Level.CITY)[:2])
    if len(cities) != 1:
        raise Open311Error(400, _("jurisdiction_id is required."))
    return cities[0]


def _category(code: str) -> OpinionCategory:
    try:
        return OpinionCategory(code)
    except ValueError:
        raise Open311Error(404, _("No such service_code.")) from None


def _api_key(value: str) -> ApiClientKey | None:
    if not value:
        return None
    key = (
        ApiClientKey.objects.select_related("congress", "station")
        .filter(digest=ApiToken.digest_of(value[:200]), active=True)
        .first()
    )
    if key is None:
        raise Open311Error(403, _("This api_key is not valid."))
    ApiClientKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def _stations(congress: Congress) -> QuerySet[ContactStation]:
    return ContactStation.objects.filter(congress=congress, closed_on__isnull=True).order_by(
        "name", "id"
    )


# --- services ------------------------------------------------------------------------------------


def _service(category: OpinionCategory) -> dict[str, Any]:
    return {
        "service_code": category.value,
        "service_name": str(category.label),
        "description": _("Constituents' opinions on: %(name)s") % {"name": category.label},
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": _("Constituents' opinions"),
    }


@_endpoint
def services(request: HttpRequest) -> tuple[str, Any]:
    """GET services: the categories of constituents' opinions."""
    return "services", [_service(c) for c in OpinionCategory]


@_endpoint
def service_definition(request: HttpRequest, service_code: str) -> tuple[str, Any]:
    """GET services/{code}: its optional attributes, the station to send the opinion to and
    the constituent's choice of text messages."""
    category = _category(service_code)
    congress = _jurisdiction(request)
    stations = [{"key": str(s.pk), "name": s.name} for s in _stations(congress)]
    station = {
        "variable": True,
        "code": "station",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": _("The contact station to take the opinion up, if any."),
        "order": 1,
        "description": _("Contact station"),
        "values": stations,
    }
    sms = {
        "variable": True,
        "code": "sms",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": _(
            "The receipt code and the outcome by SMS to the mobile number in phone."
        ),
        "order": 2,
        "description": _("Text me the receipt code and the outcome"),
        "values": [{"key": "true", "name": _("Yes")}, {"key": "false", "name": _("No")}],
    }
    return "service_definition", {"service_code": category.value, "attributes": [station, sms]}


# --- requests ------------------------------------------------------------------------------------


def _status_notes(opinion: ConstituentOpinion) -> str:
    label = str(opinion.get_state_display())
    return f"{label}: {opinion.outcome}" if opinion.state in FINISHED and opinion.outcome else label


def _published_text(opinion: ConstituentOpinion) -> str:
    if opinion.state == OpinionState.DISMISSED or opinion.source == OpinionSource.STATION:
        return ""
    return opinion.content


def _request_out(opinion: ConstituentOpinion) -> dict[str, Any]:
    agency = opinion.unit or opinion.station or opinion.congress
    due = opinion.answer_due
    expected = (
        datetime.datetime.combine(due, datetime.time(18), tzinfo=timezone.get_current_timezone())
        if due and opinion.state == OpinionState.REFERRED
        else None
    )
    return {
        "service_request_id": str(opinion.pk),
        "status": "closed" if opinion.state in FINISHED else "open",
        "status_notes": _status_notes(opinion),
        "service_name": str(opinion.get_category_display()),
        "service_code": opinion.category,
        "description": _published_text(opinion),
        "agency_responsible": agency.name,
        "service_notice": "",
        "requested_datetime": _w3c(opinion.received_at),
        "updated_datetime": _w3c(opinion.updated_at),
        "expected_datetime": _w3c(expected),
        "address": opinion.place,
        "address_id": "",
        "zipcode": "",
        "lat": float(opinion.lat) if opinion.lat is not None else None,
        "long": float(opinion.long) if opinion.long is not None else None,
        "media_url": "",
    }


def _date(name: str, value: str) -> datetime.datetime | None:
    if not value:
        return None
    try:  # "+08:00" arrives as " 08:00"; a well-formed but impossible date raises
        parsed = parse_datetime(value.strip().replace(" ", "+"))
    except ValueError:
        parsed = None
    if parsed is None:
        raise Open311Error(400, _("%(name)s is not a w3c date and time.") % {"name": name})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _filtered(request: HttpRequest, congress: Congress) -> QuerySet[ConstituentOpinion]:
    qs = with_opinion_data(ConstituentOpinion.objects.filter(congress=congress))
    ids = [i.strip() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:  # the standard: ids override every other filter
        return qs.filter(pk__in=[int(i) for i in ids if i.isdigit() and len(i) < 19])
    codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
    if codes:
        qs = qs.filter(category__in=[_category(c).value for c in codes])
    statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status is open or closed."))
    if statuses == {"open"}:
        qs = qs.exclude(state__in=FINISHED)
    elif statuses == {"closed"}:
        qs = qs.filter(state__in=FINISHED)
    start = _date("start_date", request.GET.get("start_date", ""))
    end = _date("end_date", request.GET.get("end_date", ""))
    span = datetime.timedelta(days=DEFAULT_DAYS)
    end = end or (start + span if start else timezone.now())
    start = start or end - span
    if end < start or end - start > span:
        raise Open311Error(400, _("The date range may not be reversed nor span more than 90 days."))
    return qs.filter(received_at__gte=start, received_at__lte=end)


@csrf_exempt  # no cookie authenticates anything here: a key, or nobody
@require_http_methods(["GET", "POST"])
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    return (_post_request if request.method == "POST" else _list_requests)(request, fmt)


@_endpoint
def _list_requests(request: HttpRequest) -> tuple[str, Any]:
    """GET requests: the jurisdiction's opinions, filtered as the standard says."""
    congress = _jurisdiction(request)
    qs = _filtered(request, congress).order_by("-received_at", "-id")[:MAX_REQUESTS]
    return "service_requests", [_request_out(o) for o in qs]


@_endpoint
def service_request(request: HttpRequest, request_id: str) -> tuple[str, Any]:
    """GET requests/{id}: one opinion, as a list of one."""
    congress = _jurisdiction(request)
    opinion = (
        with_opinion_data(
            ConstituentOpinion.objects.filter(congress=congress, pk=request_id)
        ).first()
        if len(request_id) < 19
        else None
    )
    if opinion is None:
        raise Open311Error(404, _("No such service_request_id."))
    return "service_requests", [_request_out(opinion)]


@_endpoint
def token(request: HttpRequest, token: str) -> tuple[str, Any]:
    """GET tokens/{token}: the request id for the token (the receipt code) given on posting."""
    opinion = opinion_by_receipt(token)
    if opinion is None:
        raise Open311Error(404, _("No such token."))
    return "service_requests", [{"service_request_id": str(opinion.pk), "token": token}]


@_endpoint
def _post_request(request: HttpRequest) -> tuple[str, Any]:
    """POST requests: a constituent's opinion, form-encoded as the standard says."""
    form = request.POST
    key = _api_key(form.get("api_key", ""))
    congress = _jurisdiction(request, key)
    category = _category_to_post(form.get("service_code", ""))
    lat, long, address = form.get("lat", ""), form.get("long", ""), form.get("address_string", "")
    if not (lat and long) and not address.strip() and not form.get("address_id"):
        raise Open311Error(400, _("Give a location: lat and long, or address_string."))
    attributes = {
        name[len("attribute[") : -1]: form.get(name)
        for name in form
        if name.startswith("attribute[") and name.endswith("]")
    }
    sms = _sms_attribute(attributes.pop("sms", ""), form.get("phone", ""))
    station = None
    if attributes.get("station"):
        station = _stations(congress).filter(pk=_int(attributes["station"])).first()
        if station is None:
            raise Open311Error(400, _("attribute[station]: no such contact station."))
    opinion = A.opinion_submit_online(
        congress=congress,
        category=category,
        content=form.get("description", ""),
        client_ip=client_ip(request),
        constituent=A.Constituent(
            name=f"{form.get('last_name', '')}{form.get('first_name', '')}".strip(),
            phone=form.get("phone", ""),
            email=form.get("email", ""),
        ),
        place=A.Place(address=address, lat=lat or None, long=long or None),
        station=station,
        client_key=key,
        attributes={k: str(v)[:200] for k, v in attributes.items()},
        sms_opt_in=sms,
    )
    notice = _("Keep your receipt code %(code)s: it lets you follow and rate your opinion.") % {
        "code": opinion.receipt_code
    }
    return "service_requests", [
        {
            "service_request_id": str(opinion.pk),
            "token": opinion.receipt_code,
            "service_notice": notice,
            "account_id": None,
        }
    ]


def _sms_attribute(value: Any, phone: str) -> bool:
    """attribute[sms]: the receipt code and the outcome by SMS to `phone`, a mobile number."""
    answer = str(value or "").strip().lower()
    if answer in ("", "false", "0", "no"):
        return False
    if answer not in ("true", "1", "yes"):
        raise Open311Error(400, _("attribute[sms]: true or false."))
    if not mobile_number(phone):
        raise Open311Error(400, _("attribute[sms]: give a mobile number in phone."))
    return True


def _category_to_post(code: str) -> str:
    if not code:
        raise Open311Error(400, _("service_code is required."))
    try:
        return OpinionCategory(code).value
    except ValueError:
        raise Open311Error(400, _("No such service_code.")) from None


def _int(value: Any) -> int:
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 19 else 0


services_view = require_GET(services)
service_definition_view = require_GET(service_definition)
service_request_view = require_GET(service_request)
token_view = require_GET(token)
