"""Django's model permissions for the admin, never for the platform's own rules.

Every permission the platform asks (`suggestions.view_suggestion`, …) is a named rule of the
`rules` package, answered by its backend without touching the database. Django tries each
backend until one says yes, so a rule that says no would otherwise fall through to the
ModelBackend and cost two queries a request for the user's and groups' permissions: this one
leaves the rules to `rules`, and answers only the admin's model permissions.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class AdminModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        """The signed-in user with their congress, which every page's layout names (one
        query a request fewer)."""
        model = get_user_model()
        try:
            user = model._default_manager.select_related("congress").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if rules.perm_exists(perm):
            return False  # the rules backend has answered it already
        return super().has_perm(user_obj, perm, obj)
