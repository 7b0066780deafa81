"""Every write on suggestions and motions, by step (submit, review, assign, communicate,
reply and evaluate, polls, motions). Each runs in one transaction and leaves its event; the
functions bound to a transition (`@SUGGESTION.action`) are what pages and the API take."""

from renda.suggestions.actions.assign import (
    suggestion_assign,
    suggestion_contest,
    suggestion_mark_key,
    suggestion_reassign,
    suggestion_refuse_contest,
)
from renda.suggestions.actions.communicate import (
    suggestion_co_input,
    suggestion_communicate,
    suggestion_extend,
    suggestion_request_extension,
)
from renda.suggestions.actions.motions import (
    motion_list,
    motion_not_list,
    motion_refer,
    motion_submit,
)
from renda.suggestions.actions.polls import poll_close, poll_open, poll_vote
from renda.suggestions.actions.reply import (
    promise_done,
    suggestion_evaluate,
    suggestion_promise_done,
    suggestion_reply,
)
from renda.suggestions.actions.review import (
    suggestion_accept,
    suggestion_convert,
    suggestion_merge,
    suggestion_return,
)
from renda.suggestions.actions.submit import (
    suggestion_confirm,
    suggestion_cosign,
    suggestion_decline,
    suggestion_resubmit,
    suggestion_submit,
    suggestion_withdraw,
)
from renda.suggestions.payloads import PromiseIn, UnitPart

__all__ = [
    "PromiseIn",
    "UnitPart",
    "motion_list",
    "motion_not_list",
    "motion_refer",
    "motion_submit",
    "poll_close",
    "poll_open",
    "poll_vote",
    "promise_done",
    "suggestion_accept",
    "suggestion_assign",
    "suggestion_co_input",
    "suggestion_communicate",
    "suggestion_confirm",
    "suggestion_contest",
    "suggestion_convert",
    "suggestion_cosign",
    "suggestion_decline",
    "suggestion_evaluate",
    "suggestion_extend",
    "suggestion_mark_key",
    "suggestion_merge",
    "suggestion_promise_done",
    "suggestion_reassign",
    "suggestion_refuse_contest",
    "suggestion_reply",
    "suggestion_request_extension",
    "suggestion_resubmit",
    "suggestion_return",
    "suggestion_submit",
    "suggestion_withdraw",
]
