from django.apps import AppConfig


class CaseAppConfig(AppConfig):
    """A test-only case type, to exercise the workflow core without any domain."""

    name = "renda.core.tests.caseapp"
    label = "caseapp"

    def ready(self) -> None:
        from renda.core.tests.caseapp import actions  # noqa: F401  (binds the actions)
