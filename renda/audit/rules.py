"""Who reads the audit trail: the security auditor (安全审计员), and nobody changes it."""

from __future__ import annotations

import rules

from renda.core.predicates import is_auditor

rules.add_perm("audit.view_trail", is_auditor)
