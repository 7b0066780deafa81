"""Every write on constituents' opinions and Open311 client keys, each in a transaction with
its event. An opinion is a case on the workflow core."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from renda.accounts.models import ApiToken
from renda.core.calendar import WorkingCalendar
from renda.core.deadlines import close_deadlines, set_deadline
from renda.core.inputs import require_choice, require_text
from renda.core.notifications import notify_after_commit
from renda.core.receipts import new_receipt_code, rate_limit
from renda.core.sms import mobile_number, sms_to_public
from renda.core.text import phrase
from renda.core.uploads import CheckedUpload
from renda.core.workflow import (
    ActionConflict,
    ActionForbidden,
    ActionInvalid,
    perform,
    record_event,
)
from renda.opinions.models import (
    AnswerKind,
    ApiClientKey,
    ConstituentOpinion,
    OpinionCategory,
    OpinionSource,
    OpinionState,
    Rating,
    ToldBy,
)
from renda.opinions.photos import check_photos, store_photos
from renda.opinions.rules import records_at_station
from renda.opinions.schemas import (
    AnswerIn,
    CloseIn,
    DismissIn,
    OutcomeIn,
    RateIn,
    ReferIn,
    ReturnIn,
)
from renda.opinions.workflow import OPINION
from renda.org.models import Congress, ContactStation, Deputy, HandlingUnit
from renda.routing.actions import record_decision

MAX_TEXT = 5_000
# The public (no api_key) may submit this many opinions per address per hour.
PUBLIC_OPINIONS_PER_HOUR = 5
RATE_WINDOW_SECONDS = 3600
ANSWER_DEADLINE = "answer"  # the unit answers a referred opinion
TELL_DEADLINE = "tell"  # the station (or staff) tells the constituent the answer


# --- checks ----------------------------------------------------------------------------------


def _require_key_keeper(actor: Any, key: ApiClientKey) -> None:
    if not rules.has_perm("opinions.manage_keys", actor, key):
        raise ActionForbidden(_("Only the standing committee's staff may do this."))


def _users(congress_id: int, role: str, **filters: Any) -> list[Any]:
    from renda.accounts.models import User

    return list(User.objects.filter(congress_id=congress_id, role=role, is_active=True, **filters))


# --- constituents' opinions: intake -----------------------------------------------------------


@dataclass(frozen=True)
class Constituent:
    """Who raised an opinion and how to reach them: personal data, for staff and the station."""

    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Place:
    """Where: an address, and the point on the map if known."""

    address: str = ""
    lat: Any = None
    long: Any = None


def _contact(who: Constituent) -> dict[str, str]:
    phone = require_text(who.phone, "phone", _("Phone"), required=False, max_length=30)
    if phone and not all(ch.isdigit() or ch in "+- ()" for ch in phone):
        raise ActionInvalid(_("Enter a phone number."), field="phone")
    email = require_text(who.email, "email", _("E-mail"), required=False, max_length=254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ActionInvalid(_("Enter a valid e-mail address."), field="email") from None
    return {
        "contact_name": require_text(who.name, "name", _("Name"), required=False, max_length=40),
        "contact_phone": phone,
        "contact_email": email,
    }


def _coordinate(value: Any, field: str, bound: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ActionInvalid(_("Enter a number."), field=field) from None
    if not -bound <= number <= bound:
        raise ActionInvalid(_("This coordinate is out of range."), field=field)
    return number


def _place(where: Place) -> dict[str, Any]:
    lat, long = _coordinate(where.lat, "lat", 90), _coordinate(where.long, "long", 180)
    if (lat is None) != (long is None):
        raise ActionInvalid(_("Give both latitude and longitude."), field="long")
    return {
        "place": require_text(where.address, "place", _("Place"), required=False, max_length=200),
        "lat": lat,
        "long": long,
    }


def _create_opinion(
    *, actor: Any, fields: dict[str, Any], photos: Sequence[CheckedUpload] = ()
) -> ConstituentOpinion:
    with transaction.atomic():
        opinion = ConstituentOpinion.objects.create(
            receipt_code=new_receipt_code(), state=OpinionState.RECORDED, **fields
        )
        store_photos(opinion, photos)
        extra = {"deputy": opinion.deputy_id} if opinion.deputy_id else {}
        extra |= {"photos": len(photos)} if photos else {}
        record_event(
            case=opinion,
            action="record",
            actor=actor,
            to_state=OpinionState.RECORDED,
            data={"source": opinion.source, "station": opinion.station_id, **extra},
        )
        if opinion.sms_opt_in:  # a reply to what they just did: not held for quiet hours
            sms_to_public(
                key=f"opinion:{opinion.pk}:receipt",
                phone=opinion.contact_phone,
                text=_("Your opinion has been received. Receipt code: %(code)s. Follow it at:")
                % {"code": opinion.receipt_code},
                tail=_track_url(),
                urgent=True,
            )
    return opinion


def _track_url() -> str:
    return f"{settings.SITE_URL}{reverse('opinions:public_opinion_track')}"


def _tell_by_sms(opinion: ConstituentOpinion) -> None:
    """The outcome, by SMS to a constituent who asked for it (after the commit, once)."""
    if not opinion.sms_opt_in:
        return
    # Written by staff or a unit in their own language; the constituent reads the default one.
    with translation.override(settings.LANGUAGE_CODE):
        sms_to_public(
            key=f"opinion:{opinion.pk}:outcome",
            phone=opinion.contact_phone,
            text=_("Your opinion (receipt code %(code)s) has been handled: %(outcome)s")
            % {"code": opinion.receipt_code, "outcome": " ".join(opinion.outcome.split())},
            tail=_track_url(),
        )


def opinion_record(
    *,
    actor: Any,
    station: ContactStation,
    category: str,
    content: str,
    constituent: Constituent = Constituent(),
    place: Place = Place(),
    received_at: datetime.datetime | None = None,
    sms_opt_in: bool = False,
) -> ConstituentOpinion:
    """A station's operator (or staff) records what a constituent raised at the station; the
    receipt code and the outcome go to the constituent by SMS too when they asked for it
    (`sms_opt_in`, with their mobile number)."""
    if not records_at_station(actor, station):
        raise ActionForbidden(_("Only staff or this station's operator may record this."))
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ActionInvalid(_("The date cannot be in the future."), field="received_at")
    fields = {
        "congress_id": station.congress_id,
        "station": station,
        "source": OpinionSource.STATION,
        "category": require_choice(category, OpinionCategory, "category"),
        "content": require_text(content, "content", _("Content"), max_length=MAX_TEXT),
        "received_at": received_at,
        "recorded_by": actor,
        **_contact(constituent),
        **_place(place),
        **_sms(sms_opt_in, constituent),
    }
    return _create_opinion(actor=actor, fields=fields)


def _sms(opt_in: bool, constituent: Constituent) -> dict[str, Any]:
    """The constituent's choice of text messages, refused beside the tick box without a
    mobile number to send them to."""
    if not opt_in:
        return {}
    if not mobile_number(constituent.phone):
        raise ActionInvalid(
            _("Give a mobile number above to receive text messages."), field="sms_opt_in"
        )
    return {"sms_opt_in": True}


def opinion_submit_online(
    *,
    congress: Congress,
    category: str,
    content: str,
    client_ip: str,
    constituent: Constituent = Constituent(),
    place: Place = Place(),
    station: ContactStation | None = None,
    client_key: ApiClientKey | None = None,
    attributes: dict[str, Any] | None = None,
    scanned: bool = False,
    deputy: Deputy | None = None,
    photos: Sequence[Any] = (),
    sms_opt_in: bool = False,
) -> ConstituentOpinion:
    """Anyone submits an opinion online, without an account; the receipt code follows it,
    by SMS too when they gave a mobile number and asked (`sms_opt_in`), as does the outcome.

    Without a client key the submission counts against its address's hourly limit; a key
    names the station or the app that sends it (a station's key sends to that station).
    `scanned`: it came from a station's or a deputy's QR code poster (码上见代表), and may name
    a deputy of the chosen station; up to three photos go with it (photos.py).
    """
    if client_key is not None:
        if client_key.congress_id != congress.pk or not client_key.active:
            raise ActionForbidden(_("This api_key is not valid."))
        station = client_key.station or station
    if station is not None and (station.congress_id != congress.pk or station.closed_on):
        raise ActionInvalid(_("No such contact station."), field="station")
    if deputy is not None and (station is None or deputy.station_id != station.pk):
        raise ActionInvalid(_("This deputy is not at the station you chose."), field="deputy")
    checked = check_photos(photos)
    source = OpinionSource.QR if scanned else OpinionSource.ONLINE
    fields = {
        "congress": congress,
        "station": station,
        "deputy": deputy,
        "source": OpinionSource.APP if client_key else source,
        "client_key": client_key,
        "category": require_choice(category, OpinionCategory, "category"),
        "content": require_text(content, "content", _("Content"), max_length=MAX_TEXT),
        "received_at": timezone.now(),
        "attributes": attributes or {},
        **_contact(constituent),
        **_place(place),
        **_sms(sms_opt_in, constituent),
    }
    if client_key is None:
        rate_limit(
            scope="stations:public-opinions",
            client_ip=client_ip,
            limit=PUBLIC_OPINIONS_PER_HOUR,
            window_seconds=RATE_WINDOW_SECONDS,
            message=_("Too many opinions from your address; try again in an hour."),
            field="content",
        )
    return _create_opinion(actor=None, fields=fields, photos=checked)


# --- constituents' opinions: handling ---------------------------------------------------------


def _keepers(opinion: ConstituentOpinion) -> list[Any]:
    """Who keeps the case: the station's operators, or staff for an opinion without a station."""
    if opinion.station_id:
        return _users(opinion.congress_id, "station", station_id=opinion.station_id)
    return _users(opinion.congress_id, "staff")


def opinion_url(opinion: ConstituentOpinion) -> str:
    """The opinion's page, for the "waiting for me" lists and notifications."""
    return reverse("opinions:opinion", args=[opinion.pk])


LABEL_CHARS = 30
# What a deadline on an opinion says, untranslated: each viewer reads it in their language.
OPINION_LABEL = gettext_noop("Constituent's opinion no. %(id)s: %(text)s")
TELL_LABEL = gettext_noop("Tell the constituent: constituent's opinion no. %(id)s: %(text)s")


def label_params(opinion: ConstituentOpinion) -> dict[str, Any]:
    """The opinion's number and first words, cut at a clause, not mid-comma."""
    text = " ".join(opinion.content.split())
    if len(text) > LABEL_CHARS:
        text = phrase(text[:LABEL_CHARS]) + "…"
    text = phrase(text)  # set inside sentences: "…出行不便，期限…", never "…不便。，期限…"
    return {"id": opinion.pk, "text": text}


def opinion_label(opinion: ConstituentOpinion) -> str:
    """ "Constituent's opinion no. 12: <its first words>…", in the current language."""
    return _(OPINION_LABEL) % label_params(opinion)


@OPINION.action("resolve", payload=OutcomeIn)
def opinion_resolve(*, opinion: ConstituentOpinion, actor: Any, outcome: str) -> ConstituentOpinion:
    """Resolved at the station (当场解决): what was done, as the constituent was told."""
    OPINION.check(actor, opinion, "resolve")
    outcome = require_text(outcome, "outcome", _("Outcome"), max_length=MAX_TEXT)

    def apply(locked: ConstituentOpinion) -> None:
        locked.outcome = outcome
        locked.told_by = ToldBy.IN_PERSON if locked.station_id else ToldBy.RECEIPT
        locked.closed_at = timezone.now()
        close_deadlines(case=locked)
        _tell_by_sms(locked)

    perform(OPINION, case=opinion, action="resolve", actor=actor, comment=outcome, apply=apply)
    return opinion


@OPINION.action("dismiss", payload=DismissIn)
def opinion_dismiss(*, opinion: ConstituentOpinion, actor: Any, reason: str) -> ConstituentOpinion:
    """Not taken up (spam, abuse, no content), with the reason the constituent reads."""
    OPINION.check(actor, opinion, "dismiss")
    reason = require_text(reason, "reason", _("Reason"), max_length=MAX_TEXT)

    def apply(locked: ConstituentOpinion) -> None:
        locked.outcome = reason
        locked.closed_at = timezone.now()
        close_deadlines(case=locked)
        _tell_by_sms(locked)

    perform(OPINION, case=opinion, action="dismiss", actor=actor, comment=reason, apply=apply)
    return opinion


@OPINION.action("refer", payload=ReferIn)
def opinion_refer(
    *, opinion: ConstituentOpinion, actor: Any, unit: HandlingUnit, comment: str = ""
) -> ConstituentOpinion:
    """Referred to a handling unit, which answers within the congress's working days; staff
    and the unit are warned before and after (`renda remind`)."""
    OPINION.check(actor, opinion, "refer")
    if unit.congress_id != opinion.congress_id or not unit.active:
        raise ActionInvalid(_("No such handling unit in your congress."), field="unit")
    comment = require_text(comment, "comment", _("Comment"), required=False, max_length=MAX_TEXT)
    days = opinion.congress.setting("opinion_answer_working_days")
    due = WorkingCalendar().add_working_days(timezone.localdate(), days)

    def apply(locked: ConstituentOpinion) -> None:
        locked.unit = unit
        locked.referred_at = timezone.now()
        locked.answer_due = due
        record_decision(  # what routing proposed beside what staff chose (智能交办)
            congress_id=locked.congress_id,
            kind="opinion",
            object_id=locked.pk,
            text=locked.content,
            units=[unit.pk],
            category=locked.category,
            actor=actor,
        )
        set_deadline(
            case=locked,
            kind=ANSWER_DEADLINE,
            label=OPINION_LABEL,
            params=label_params(locked),
            due_date=due,
            url=opinion_url(locked),
            unit=unit,
            role="staff",
        )
        notify_after_commit(
            _users(locked.congress_id, "handler", unit=unit),
            title=_("Referred to your unit: %(label)s (answer by %(date)s)")
            % {"label": opinion_label(locked), "date": due.isoformat()},
            body=locked.content,
            url=opinion_url(locked),
        )

    perform(
        OPINION,
        case=opinion,
        action="refer",
        actor=actor,
        comment=comment,
        data={"unit": unit.pk, "due": due.isoformat()},
        apply=apply,
    )
    return opinion


@OPINION.action("return", payload=ReturnIn)
def opinion_return(*, opinion: ConstituentOpinion, actor: Any, reason: str) -> ConstituentOpinion:
    """The unit sends it back as not its matter, with the reason; the keepers refer it again."""
    OPINION.check(actor, opinion, "return")
    reason = require_text(reason, "reason", _("Reason"), max_length=MAX_TEXT)

    def apply(locked: ConstituentOpinion) -> None:
        locked.unit = None
        locked.referred_at = None
        locked.answer_due = None
        close_deadlines(case=locked, kind=ANSWER_DEADLINE)
        notify_after_commit(
            _keepers(locked),
            title=_("Returned by the unit: %(label)s") % {"label": opinion_label(locked)},
            body=reason,
            url=opinion_url(locked),
        )

    perform(
        OPINION,
        case=opinion,
        action="return",
        actor=actor,
        comment=reason,
        data={"unit": opinion.unit_id},
        apply=apply,
    )
    return opinion


@OPINION.action("answer", payload=AnswerIn)
def opinion_answer(
    *, opinion: ConstituentOpinion, actor: Any, answer: str, kind: str
) -> ConstituentOpinion:
    """The unit answers, saying whether the problem is solved, planned for later or can only
    be explained; the station (or staff) then tells the constituent within the congress's
    working days. Only a solved one counts as resolved."""
    OPINION.check(actor, opinion, "answer")
    kind = require_choice(kind, AnswerKind, "kind")
    answer = require_text(answer, "answer", _("Answer"), max_length=MAX_TEXT)
    days = opinion.congress.setting("opinion_tell_working_days")
    due = WorkingCalendar().add_working_days(timezone.localdate(), days)

    def apply(locked: ConstituentOpinion) -> None:
        locked.answer = answer
        locked.answer_kind = kind
        locked.answered_at = timezone.now()
        close_deadlines(case=locked, kind=ANSWER_DEADLINE)
        set_deadline(
            case=locked,
            kind=TELL_DEADLINE,
            label=TELL_LABEL,
            params=label_params(locked),
            due_date=due,
            url=opinion_url(locked),
            station=locked.station,
            role="" if locked.station_id else "staff",
        )
        notify_after_commit(
            _keepers(locked),
            title=_("Answered: %(label)s") % {"label": opinion_label(locked)},
            body=answer,
            url=opinion_url(locked),
        )

    late = opinion.answer_due is not None and timezone.localdate() > opinion.answer_due
    perform(
        OPINION,
        case=opinion,
        action="answer",
        actor=actor,
        comment=answer,
        data={"unit": opinion.unit_id, "late": late, "kind": kind},
        apply=apply,
    )
    return opinion


@OPINION.action("close", payload=CloseIn)
def opinion_close(
    *, opinion: ConstituentOpinion, actor: Any, told_by: str, outcome: str = ""
) -> ConstituentOpinion:
    """The constituent was told the answer (by phone, message, visit…): the case closes.
    `outcome` is what they were told, by default the unit's answer."""
    OPINION.check(actor, opinion, "close")
    told_by = require_choice(told_by, ToldBy, "told_by")
    outcome = require_text(outcome, "outcome", _("Outcome"), required=False, max_length=MAX_TEXT)

    def apply(locked: ConstituentOpinion) -> None:
        locked.told_by = told_by
        locked.outcome = outcome or locked.answer
        locked.closed_at = timezone.now()
        close_deadlines(case=locked)
        _tell_by_sms(locked)

    perform(
        OPINION,
        case=opinion,
        action="close",
        actor=actor,
        comment=outcome,
        data={"told_by": told_by},
        apply=apply,
    )
    return opinion


@OPINION.action("rate", payload=RateIn)
def opinion_rate(
    *, opinion: ConstituentOpinion, rating: str, comment: str = "", actor: Any = None
) -> ConstituentOpinion:
    """The constituent, holding the receipt code, rates the outcome once (a user logged in is
    not the constituent: the rule refuses them)."""
    constituent = AnonymousUser() if actor is None else actor
    OPINION.check(constituent, opinion, "rate")
    rating = require_choice(rating, Rating, "rating")
    comment = require_text(comment, "comment", _("Comment"), required=False, max_length=MAX_TEXT)

    def apply(locked: ConstituentOpinion) -> None:
        if locked.rating:
            raise ActionConflict(_("This outcome has been rated already."), field="rating")
        locked.rating = rating
        locked.rating_comment = comment
        locked.rated_at = timezone.now()

    perform(
        OPINION,
        case=opinion,
        action="rate",
        actor=constituent,
        comment=comment,
        data={"rating": rating},
        apply=apply,
    )
    return opinion


# --- Open311 client keys ----------------------------------------------------------------------


def client_key_issue(
    *, actor: Any, congress: Congress, name: str, station: ContactStation | None = None
) -> tuple[ApiClientKey, str]:
    """Staff issue an Open311 api_key to a station or an app; the key is shown once."""
    _require_key_keeper(actor, ApiClientKey(congress=congress))
    if station is not None and station.congress_id != congress.pk:
        raise ActionInvalid(_("No such contact station."), field="station")
    key = ApiToken.new_key()
    name = require_text(name, "name", pgettext("name of a thing", "Name"), max_length=100)
    with transaction.atomic():
        row = ApiClientKey.objects.create(
            congress=congress,
            name=name,
            station=station,
            digest=ApiToken.digest_of(key),
            created_by=actor,
        )
        record_event(
            case=row,
            action="issue",
            actor=actor,
            data={"name": name, "station": station.pk if station else None},
        )
    return row, key


def client_key_revoke(*, key: ApiClientKey, actor: Any) -> ApiClientKey:
    """Staff revoke a key: the station or app can no longer post with it (its past posts stay)."""
    _require_key_keeper(actor, key)
    with transaction.atomic():
        revoked = ApiClientKey.objects.filter(pk=key.pk, active=True).update(active=False)
        if revoked:  # revoking twice is harmless and leaves one event
            record_event(case=key, action="revoke", actor=actor, data={"name": key.name})
    key.active = False
    return key
