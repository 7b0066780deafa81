"""The suggestions' fixtures (a session, `submit`), for searching their texts."""

from renda.suggestions.tests.conftest import (  # noqa: F401
    session,
    submit,
    third_handler,
    third_unit,
)
