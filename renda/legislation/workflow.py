"""The states of regulations, consultations, opinions and agenda-topic solicitations."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.settings_registry import Setting
from renda.core.workflow import Transition, Workflow
from renda.legislation.models import ConsultationState as C
from renda.legislation.models import OpinionState as O
from renda.legislation.models import RegulationState as R
from renda.legislation.models import TopicSolicitationState as T
from renda.legislation.rules import deputy_of_congress, staff_of_congress

READINGS = {R.FIRST_READING, R.SECOND_READING, R.THIRD_READING}

# Every stage change is staff's: they record what the standing committee did on a meeting day.
REGULATION = Workflow(
    "regulation",
    states=R,
    transitions=[
        Transition("start_drafting", {R.PLAN}, R.DRAFTING, staff_of_congress, _("Start drafting")),
        Transition(
            "first_reading", {R.DRAFTING}, R.FIRST_READING, staff_of_congress, _("First reading")
        ),
        Transition(
            "second_reading",
            {R.FIRST_READING},
            R.SECOND_READING,
            staff_of_congress,
            _("Second reading"),
        ),
        Transition(
            "third_reading",
            {R.SECOND_READING},
            R.THIRD_READING,
            staff_of_congress,
            _("Third reading"),
        ),
        # From the first reading only for an amendment (修正), checked in actions.py.
        Transition("adopt", READINGS, R.ADOPTED, staff_of_congress, _("Adopted by vote")),
        Transition(
            "approve", {R.ADOPTED}, R.APPROVED, staff_of_congress, _("Approved by the province")
        ),
        # Straight from adoption only for a congress that needs no approval, see actions.py.
        Transition(
            "promulgate", {R.ADOPTED, R.APPROVED}, R.PROMULGATED, staff_of_congress, _("Promulgate")
        ),
        Transition(
            "enter_into_force",
            {R.PROMULGATED},
            R.IN_FORCE,
            staff_of_congress,
            _("Enter into force"),
        ),
        Transition(
            "withdraw",
            {R.PLAN, R.DRAFTING, *READINGS},
            R.WITHDRAWN,
            staff_of_congress,
            _("Withdraw"),
        ),
    ],
)

CONSULTATION = Workflow(
    "consultation",
    states=C,
    settings=[
        Setting(
            "consultation_days",
            30,
            _("Days a draft is open for comment"),
            _("Legislation law: generally at least 30 days"),
        )
    ],
    transitions=[
        Transition("open", {C.DRAFT}, C.OPEN, staff_of_congress, _("Open for comment")),
        Transition("extend", {C.OPEN}, None, staff_of_congress, _("Extend the window")),
        Transition("close", {C.OPEN}, C.CLOSED, staff_of_congress, _("Close")),
    ],
)

OPINION = Workflow(
    "opinion",
    states=O,
    transitions=[
        Transition("publish", {O.PENDING}, O.PUBLISHED, staff_of_congress, _("Publish")),
        Transition("reject", {O.PENDING}, O.REJECTED, staff_of_congress, _("Do not publish")),
        # Handling again corrects an outcome (e.g. once the next version is drafted).
        Transition(
            "handle",
            {O.RECEIVED, O.PUBLISHED, O.ADOPTED, O.PARTLY_ADOPTED, O.NOT_ADOPTED},
            (O.ADOPTED, O.PARTLY_ADOPTED, O.NOT_ADOPTED),
            staff_of_congress,
            _("Record the outcome"),
        ),
        Transition(
            "link_change",
            {O.ADOPTED, O.PARTLY_ADOPTED},
            None,
            staff_of_congress,
            _("Link to the change made"),
        ),
    ],
)

TOPIC_SOLICITATION = Workflow(
    "topic_solicitation",
    states=T,
    transitions=[
        Transition("answer", {T.OPEN}, None, deputy_of_congress, _("Give an opinion")),
        Transition("close", {T.OPEN}, T.CLOSED, staff_of_congress, _("Close and summarise")),
    ],
)
