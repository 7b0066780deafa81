"""The three administrators of the separation of duties, beside the shared cast."""

import pytest

PASSWORD = "correct-horse-battery"  # the cast's password


@pytest.fixture
def admins(db, congress):
    from renda.accounts.models import User

    def user(username: str, role: str, **kw):
        return User.objects.create_user(
            username=username, password=PASSWORD, congress=congress, role=role, **kw
        )

    return {
        "sysadmin": user("sysadmin", "sysadmin", is_staff=True),
        "secadmin": user("secadmin", "secadmin", is_staff=True),
        "auditor": user("auditor", "auditor"),
    }
