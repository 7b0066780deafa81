"""The legislation pages, one module per case type: the public's drafts and comments (drafts),
consultations, opinions and their handling (opinions), regulations and their versions
(regulations), legislative contact points (points) and agenda topics (topics).

Thin on purpose: what a user sees comes from queries.py, what they may do from rules.py and
the declarations in workflow.py, and every write is one action, run through core.pages.
"""
