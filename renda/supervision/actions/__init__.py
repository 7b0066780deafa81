"""Every write of supervision: the plan, reports heard, deliberation opinions and their points,
special inquiries. Each runs in one transaction and leaves its event; the functions bound to a
transition (`@REPORT.action`, …) are what pages and the API take."""

from renda.supervision.actions.inquiries import (
    inquiry_add_unit,
    inquiry_close,
    inquiry_create,
    inquiry_hold,
    inquiry_unit_open_poll,
    question_answer,
    question_ask,
)
from renda.supervision.actions.opinions import (
    opinion_answer,
    opinion_approve,
    opinion_assess,
    opinion_draft,
    opinion_open_poll,
    opinion_publish,
    opinion_send,
    point_done,
    point_reopen,
)
from renda.supervision.actions.plan import plan_adopt, plan_create, plan_item_add, plan_item_drop
from renda.supervision.actions.reports import (
    report_create,
    report_publish,
    report_record_hearing,
    report_research,
    report_set_figures,
)

__all__ = [
    "inquiry_add_unit",
    "inquiry_close",
    "inquiry_create",
    "inquiry_hold",
    "inquiry_unit_open_poll",
    "opinion_answer",
    "opinion_approve",
    "opinion_assess",
    "opinion_draft",
    "opinion_open_poll",
    "opinion_publish",
    "opinion_send",
    "plan_adopt",
    "plan_create",
    "plan_item_add",
    "plan_item_drop",
    "point_done",
    "point_reopen",
    "question_answer",
    "question_ask",
    "report_create",
    "report_publish",
    "report_record_hearing",
    "report_research",
    "report_set_figures",
]
