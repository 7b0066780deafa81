"""Every write of filing review: filings (报备), the register (入库), reviews (审查), review
proposals (审查建议) and the annual report. Each runs in one transaction and leaves its event;
the functions bound to a transition (`@FILING.action`, …) are what pages and the API take."""

from renda.filings.actions.filing import (
    filing_add_files,
    filing_file,
    filing_refile,
    filing_register,
    filing_return,
    open_review,
)
from renda.filings.actions.proposals import (
    proposal_accept,
    proposal_answer,
    proposal_decline,
    proposal_submit_online,
)
from renda.filings.actions.register import document_register
from renda.filings.actions.report import report_draft, report_record_hearing, report_submit
from renda.filings.actions.review import (
    review_conclude,
    review_open,
    review_propose_revocation,
    review_record_check,
    review_record_revocation,
    review_refer,
    review_report_correction,
    review_send_opinion,
    review_verify,
)

__all__ = [
    "document_register",
    "filing_add_files",
    "filing_file",
    "filing_refile",
    "filing_register",
    "filing_return",
    "open_review",
    "proposal_accept",
    "proposal_answer",
    "proposal_decline",
    "proposal_submit_online",
    "report_draft",
    "report_record_hearing",
    "report_submit",
    "review_conclude",
    "review_open",
    "review_propose_revocation",
    "review_record_check",
    "review_record_revocation",
    "review_refer",
    "review_report_correction",
    "review_send_opinion",
    "review_verify",
]
