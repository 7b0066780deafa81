"""Every write on petitions: registering (the office, or anyone online), accepting and
handling, reviews, key cases and the deputies' follow-up. Each runs in one transaction and
leaves its event; the functions bound to a transition (`@PETITION.action`) are what pages and
the API take."""

from renda.petitions.actions.deputies import (
    petition_deputy_follow_up,
    petition_pass_to_deputies,
)
from renda.petitions.actions.handling import (
    petition_accept,
    petition_answer,
    petition_decline,
    petition_extend,
    petition_link,
)
from renda.petitions.actions.key import petition_follow_up, petition_instruct, petition_mark_key
from renda.petitions.actions.register import Person, petition_register, petition_submit_online
from renda.petitions.actions.review import (
    petition_answer_review,
    petition_close,
    petition_rate,
    petition_request_review,
)

__all__ = [
    "Person",
    "petition_accept",
    "petition_answer",
    "petition_answer_review",
    "petition_close",
    "petition_decline",
    "petition_deputy_follow_up",
    "petition_extend",
    "petition_follow_up",
    "petition_instruct",
    "petition_link",
    "petition_mark_key",
    "petition_pass_to_deputies",
    "petition_rate",
    "petition_register",
    "petition_request_review",
    "petition_submit_online",
]
