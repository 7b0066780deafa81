"""The address a station's or a deputy's poster carries in its QR code (码上见代表): the public
opinion form with a signed mark of the station or the deputy, so that the form opens pre-filled
and the opinion is counted as scanned. Signed, so that a mark cannot be made up to count an
opinion against a station it was not scanned at (the ids themselves are not secret); the
signature is a short HMAC (48 bits: guessing one takes ~10^14 tries of the form) so that the
address, and so the code, stays small enough to scan from across a room."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from renda.org.models import ContactStation, Deputy

SALT = "renda.opinions.qr"
PARAM = "qr"
MAX_TOKEN = 40  # longer is not ours: refused before the signature is checked
SIGNATURE_CHARS = 12


@dataclass(frozen=True)
class Scanned:
    """Whose poster was scanned: the station, and the deputy where it was a deputy's."""

    station: ContactStation
    deputy: Deputy | None = None


def _signature(value: str) -> str:
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:SIGNATURE_CHARS]


def token_for(*, station: ContactStation | None = None, deputy: Deputy | None = None) -> str:
    """`s12.<signature>` for station 12, `d34.<signature>` for deputy 34."""
    if deputy is not None:
        value = f"d{deputy.pk}"
    else:
        assert station is not None
        value = f"s{station.pk}"
    return f"{value}.{_signature(value)}"


def poster_url(*, station: ContactStation | None = None, deputy: Deputy | None = None) -> str:
    """The full address printed on a poster (SITE_URL: a poster outlives the page it came from)."""
    query = urlencode({PARAM: token_for(station=station, deputy=deputy)})
    return f"{settings.SITE_URL}{reverse('opinions:public_opinion_submit')}?{query}"


def read_token(token: str) -> Scanned | None:
    """The open station (and the serving deputy at it) a mark names; None for a mark that is
    malformed, forged, or names a station closed or a deputy without one since it was printed."""
    if not token or len(token) > MAX_TOKEN:
        return None
    value, _dot, signature = token.partition(".")
    if not constant_time_compare(signature, _signature(value)):
        return None
    kind, number = value[:1], value[1:]
    if kind not in ("s", "d") or not number.isascii() or not number.isdigit():
        return None
    if kind == "d":
        deputy = (
            Deputy.objects.select_related("person", "station__congress")
            .filter(pk=int(number), status=Deputy.Status.ACTIVE, station__closed_on__isnull=True)
            .exclude(station=None)
            .first()
        )
        if deputy is None or deputy.station is None:
            return None
        return Scanned(station=deputy.station, deputy=deputy)
    station = (
        ContactStation.objects.select_related("congress")
        .filter(pk=int(number), closed_on__isnull=True)
        .first()
    )
    return Scanned(station=station) if station else None
