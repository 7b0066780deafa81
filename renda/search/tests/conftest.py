"""The suggestions' fixtures (a session, `submit`), for searching their texts."""

from renda.suggestions.tests.conftest import session, submit  # noqa: F401
