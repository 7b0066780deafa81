"""Every write on legislation's cases, one module per case type: regulations and their stages
(regulations), draft versions (drafts), consultations, the opinions given in them (opinions)
and agenda-topic solicitations (topics).

Each action runs in a transaction and leaves an event on its case; those bound to a
transition (`@WORKFLOW.action`) are what the pages and the API take.
"""

# Importing the modules binds every action to its transition.
from renda.legislation.actions import (  # noqa: F401
    consultations,
    drafts,
    opinions,
    regulations,
    topics,
)
