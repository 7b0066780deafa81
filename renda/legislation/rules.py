"""Who may do what in legislation, and who sees which rows.

Named permissions are built from the shared predicates (renda/core/predicates.py) and the
audiences a consultation asks; each visibility rule is a Scope, its predicate (for has_perm)
and its queryset filter (for lists) written side by side, so that a page and a list never
disagree on a row (tests/test_rules.py walks every user over every row).
"""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from renda.core.predicates import (
    Clause,
    Scope,
    deputy_of_congress,
    has_deputyship,
    has_role,
    has_station,
    is_deputy,
    is_leader,
    is_staff,
    is_station,
    leader_of_congress,
    same_congress,
    staff_of_congress,
    station_of_congress,
)
from renda.legislation.models import Consultation, ConsultationState

# Whom a consultation asks for opinions: the public, the deputies, the legislative contact
# points (each a `for_<audience>` flag of the consultation).
PUBLIC = "public"
DEPUTIES = "deputies"
CONTACT_POINTS = "contact_points"
AUDIENCES = (PUBLIC, DEPUTIES, CONTACT_POINTS)


# --- the consultation's window ----------------------------------------------------------------


def accepts(
    consultation: Consultation, audience: str, *, today: datetime.date | None = None
) -> bool:
    """Open to this audience now: opened by staff, inside its window (today, in the congress's
    time zone), and meant for the audience (PUBLIC, DEPUTIES or CONTACT_POINTS)."""
    today = today or timezone.localdate()
    return (
        consultation.state == ConsultationState.OPEN
        and consultation.opens_on <= today <= consultation.closes_on
        and bool(getattr(consultation, f"for_{audience}"))
    )


def accepting(audience: str, today: datetime.date | None = None) -> Q:
    """`accepts` as a filter of consultations."""
    today = today or timezone.localdate()
    return Q(
        state=ConsultationState.OPEN,
        opens_on__lte=today,
        closes_on__gte=today,
        **{f"for_{audience}": True},
    )


# --- who a user is here -------------------------------------------------------------------------


@rules.predicate
def is_public(user: Any) -> bool:
    """The public: a visitor without an account, or an account with no role in a congress
    (it comments as the public does, without logging in)."""
    return not has_role(user)


@rules.predicate
def anyone(user: Any) -> bool:
    return True


@rules.predicate
def in_a_congress(user: Any) -> bool:
    return bool(getattr(user, "congress_id", None))


@rules.predicate
def reads_drafts(user: Any) -> bool:
    """Roles that read every draft of their congress, open for comment or not."""
    return bool(is_staff(user) or is_leader(user) or is_deputy(user) or is_station(user))


oversees = (is_staff | is_leader) & in_a_congress  # reads every regulation and consultation


def audience(user: Any) -> str | None:
    """Whom a user comments as: the public (no account, or none with a role), a deputy as a
    deputy, a station operator for the contact points; None for everyone else (staff and
    leaders read and handle; a handler is no audience of a draft)."""
    if is_public(user):
        return PUBLIC
    if is_deputy(user):
        return DEPUTIES
    if is_station(user):
        return CONTACT_POINTS
    return None


@rules.predicate
def consults_deputies(user: Any, consultation: Any) -> bool:
    # Without a consultation: a question about the user alone (e.g. the page's menu).
    return consultation is None or bool(consultation.for_deputies)


@rules.predicate
def consults_contact_points(user: Any, consultation: Any) -> bool:
    return consultation is None or bool(consultation.for_contact_points)


@rules.predicate
def operates_contact_point(user: Any, contact_point: Any) -> bool:
    """A station operator whose station is merged with this contact point (站点融合)."""
    return bool(
        contact_point is not None
        and is_station(user)
        and user.station_id
        and contact_point.station_id == user.station_id
        and contact_point.congress_id == user.congress_id
    )


# --- visibility: each rule as a predicate and a filter -----------------------------------------


def _open_to_public() -> Q:
    return Q(Exists(Consultation.objects.filter(accepting(PUBLIC), version=OuterRef("pk"))))


@rules.predicate
def open_to_public(user: Any, version: Any) -> bool:
    """A draft version with a consultation the public may comment on today."""
    return any(accepts(c, PUBLIC) for c in version.consultations.all())


def _of_congress(user: Any) -> Q:
    return Q(congress_id=user.congress_id)


# Drafts: anyone reads those open for public comment; the congress's roles read all of theirs.
DRAFTS = Scope(
    Clause(anyone, lambda user: _open_to_public(), open_to_public),
    Clause(reads_drafts & in_a_congress, _of_congress),
)


@rules.predicate
def accepts_deputies(user: Any, consultation: Any) -> bool:
    return accepts(consultation, DEPUTIES)


@rules.predicate
def accepts_contact_points(user: Any, consultation: Any) -> bool:
    return accepts(consultation, CONTACT_POINTS)


# Consultations: staff and leaders see every one of their congress; deputies and station
# operators those open to them today.
CONSULTATIONS = Scope(
    Clause(oversees, _of_congress),
    Clause(
        is_deputy & in_a_congress,
        lambda user: _of_congress(user) & accepting(DEPUTIES),
        same_congress & accepts_deputies,
    ),
    Clause(
        is_station & in_a_congress,
        lambda user: _of_congress(user) & accepting(CONTACT_POINTS),
        same_congress & accepts_contact_points,
    ),
)


@rules.predicate
def gave_opinion(user: Any, opinion: Any) -> bool:
    return opinion.deputy_id is not None and opinion.deputy_id == user.deputy_id


@rules.predicate
def gathered_opinion(user: Any, opinion: Any) -> bool:
    if opinion.contact_point_id is None:
        return False
    return bool(opinion.contact_point.station_id == user.station_id)


_OPINIONS_GIVEN = Clause(has_deputyship, lambda user: Q(deputy_id=user.deputy_id), gave_opinion)
_OPINIONS_GATHERED = Clause(
    has_station, lambda user: Q(contact_point__station_id=user.station_id), gathered_opinion
)
# A deputy's own opinions, and those the contact points of an operator's station gathered.
OWN_OPINIONS = Scope(_OPINIONS_GIVEN, _OPINIONS_GATHERED)
# ... and every opinion of the congress for its staff and leaders.
OPINIONS = Scope(Clause(oversees, _of_congress), _OPINIONS_GIVEN, _OPINIONS_GATHERED)


def _own_points(user: Any) -> Q:
    if not user.station_id:
        return Q(pk__in=[])
    return _of_congress(user) & Q(station_id=user.station_id)


# Legislative contact points: staff and leaders see all of theirs, an operator their own.
CONTACT_POINTS_SEEN = Scope(
    Clause(oversees, _of_congress),
    Clause(is_station & in_a_congress, _own_points, operates_contact_point),
)

# Regulations (and their stages, documents, versions): the congress's staff and leaders.
REGULATIONS = Scope(Clause(oversees, _of_congress))

# Agenda topic solicitations: staff, leaders and deputies of the congress.
TOPIC_SOLICITATIONS = Scope(
    Clause((is_staff | is_leader | is_deputy) & in_a_congress, _of_congress)
)


# --- named permissions ---------------------------------------------------------------------------

rules.add_perm("legislation.manage", staff_of_congress)
rules.add_perm("legislation.oversee", staff_of_congress | leader_of_congress)
rules.add_perm("legislation.view_draft", DRAFTS.predicate)
rules.add_perm("legislation.view_regulation", REGULATIONS.predicate)
rules.add_perm("legislation.view_consultations", reads_drafts & in_a_congress)
rules.add_perm("legislation.view_consultation", CONSULTATIONS.predicate)
rules.add_perm("legislation.view_report", staff_of_congress | leader_of_congress)
rules.add_perm("legislation.view_opinion", OPINIONS.predicate)
rules.add_perm("legislation.view_own_opinions", is_deputy | is_station)
rules.add_perm("legislation.view_opinion_history", staff_of_congress | leader_of_congress)
rules.add_perm("legislation.see_contributor", staff_of_congress)
rules.add_perm("legislation.comment_as_public", is_public)
rules.add_perm("legislation.comment_as_deputy", deputy_of_congress & consults_deputies)
rules.add_perm(
    "legislation.submit_for_contact_points", station_of_congress & consults_contact_points
)
rules.add_perm("legislation.submit_for_contact_point", operates_contact_point)
rules.add_perm("legislation.view_contact_point", CONTACT_POINTS_SEEN.predicate)
rules.add_perm("legislation.view_topics", TOPIC_SOLICITATIONS.predicate)
rules.add_perm("legislation.answer_topics", deputy_of_congress)
rules.add_perm("legislation.read_topic_answers", staff_of_congress | leader_of_congress)
