"""Downloads of 码上见代表 posters (.docx, A4): a station's, a deputy's, and one file of every
poster of a county or of a station (its deputies' after its own) to print in one go."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.predicates import has_station
from renda.core.spreadsheets import attachment_disposition
from renda.opinions import posters as P
from renda.org.models import Congress, ContactStation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(posters: list[P.Poster], name: str, fallback: str) -> HttpResponse:
    if not posters:
        raise Http404(_("No open contact station here: no poster to print."))
    response = HttpResponse(P.posters_docx(posters), content_type=DOCX)
    response["Content-Disposition"] = attachment_disposition(f"{name}.docx", f"{fallback}.docx")
    return response


def _station(user: Any, pk: int) -> ContactStation:
    station = (
        P.open_stations(user.congress_id or 0)
        .select_related("area", "congress")
        .filter(pk=pk)
        .first()
    )
    if station is None:
        raise Http404(_("No such contact station in operation."))
    if not rules.has_perm("opinions.download_station_poster", user, station):
        raise PermissionDenied
    return station


@login_required
def station_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """One station's poster."""
    station = _station(request.user, pk)
    name = _("%(station)s QR code poster") % {"station": station.name}
    return _docx([P.station_poster(station)], name, f"poster-station-{station.pk}")


@login_required
def deputy_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """One deputy's poster: it sends to the deputy's station, so a deputy without one (or no
    longer serving) has none."""
    user: Any = request.user
    deputy = (
        P.poster_deputies(P.open_stations(user.congress_id or 0)).filter(pk=pk).first()
        if user.congress_id
        else None
    )
    if deputy is None:
        raise Http404(_("No serving deputy with a contact station in operation."))
    if not rules.has_perm("opinions.download_deputy_poster", user, deputy):
        raise PermissionDenied
    name = _("%(name)s QR code poster") % {"name": deputy.person.name}
    return _docx([P.deputy_poster(deputy)], name, f"poster-deputy-{deputy.pk}")


def _number(request: HttpRequest, key: str) -> int | None:
    raw = request.GET.get(key, "")[:18]
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise Http404(_("No such contact station in operation."))
    return int(raw)


@login_required
def posters(request: HttpRequest) -> HttpResponse:
    """Every poster of one station (``?station=``; an operator's own) or of the congress's open
    stations (staff; ``?area=`` one county's), the deputies' after their station's."""
    user: Any = request.user
    if not rules.has_perm("opinions.download_posters", user):
        raise PermissionDenied
    station_id = user.station_id if has_station(user) else _number(request, "station")
    if station_id is not None:
        station = _station(user, station_id)
        name = _("%(station)s QR code posters") % {"station": station.name}
        return _docx(P.station_with_deputies(station), name, f"posters-station-{station.pk}")
    area_id = _number(request, "area")
    area = Congress.objects.filter(pk=area_id).first() if area_id is not None else None
    today = timezone.localdate().isoformat()
    name = _("%(where)s QR code posters %(date)s") % {
        "where": area.region if area else user.congress.short_name,
        "date": today,
    }
    return _docx(P.area_posters(user.congress_id, area_id), name, f"posters-{area_id or 'all'}")
