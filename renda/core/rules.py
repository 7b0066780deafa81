"""Who may do what with core's own rows: satisfaction polls (renda/core/polls.py), the outbox."""

from __future__ import annotations

import rules

from renda.core.predicates import is_leader, is_staff, is_sysadmin, same_congress

# Staff run polls and follow their results live; members of the standing committee vote.
rules.add_perm("core.open_poll", is_staff & same_congress)
rules.add_perm("core.follow_poll_live", is_staff & same_congress)
rules.add_perm("core.vote_poll", is_leader & same_congress)
rules.add_perm("core.view_poll", (is_staff | is_leader) & same_congress)
# The whole phone or address of an outgoing message: for who runs the SMS gateway and the mail.
rules.add_perm("core.view_outbox_recipient", is_sysadmin)
