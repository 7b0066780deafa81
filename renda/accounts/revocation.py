"""Ending a user's access at once: their API tokens and their sessions.

A password change or a deactivation revokes every API token of the user (a token issued
before it must not outlive it; sessions already end through Django's session hash and the
backends' is_active check, and a deactivation also deletes them). Admins end a user's sessions
and tokens on demand (the users' admin action), and a caller revokes their own token with
DELETE /api/v1/auth/token.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from renda.accounts.models import ApiToken, User


def revoke_tokens(user_ids: list[int]) -> int:
    """Delete every API token of these users; returns how many."""
    deleted, _ = ApiToken.objects.filter(user_id__in=user_ids).delete()
    return deleted


def end_sessions(user_ids: list[int]) -> int:
    """Delete every live session of these users (sessions are in the database); returns how
    many. Sessions are signed blobs, so each live one is decoded to find its user."""
    wanted = {str(pk) for pk in user_ids}
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get(SESSION_KEY)) in wanted
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@receiver(pre_save, sender=User, dispatch_uid="accounts_revoke_on_change")
def _note_access_change(sender: Any, instance: User, raw: bool = False, **kwargs: Any) -> None:
    """Before a user is saved: does the save change the password or deactivate them?"""
    fields = kwargs.get("update_fields")
    untouched = fields is not None and not {"password", "is_active"} & set(fields)
    if raw or instance.pk is None or untouched:
        return  # a new user, a fixture, or a save that leaves both alone (last_login, say)
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._revoke_access = before is not None and (  # type: ignore[attr-defined]
        before["password"] != instance.password or (before["is_active"] and not instance.is_active)
    )


@receiver(post_save, sender=User, dispatch_uid="accounts_revoke_after_change")
def _revoke_after_change(sender: Any, instance: User, **kwargs: Any) -> None:
    if not getattr(instance, "_revoke_access", False):
        return
    instance._revoke_access = False  # type: ignore[attr-defined]
    revoke_tokens([instance.pk])
    if not instance.is_active:
        end_sessions([instance.pk])
