"""What the audit trail hears without being called: logins, failed logins and logouts (Django's
auth signals, for the login page and the API's token endpoint alike), the admin's change log,
changes of roles, permissions and congress settings, and revoked API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from renda.accounts.models import ApiToken
from renda.audit.middleware import current_request
from renda.audit.models import Kind
from renda.audit.records import record
from renda.org.models import Congress

User = get_user_model()
# The fields of an account that grant or take away rights.
ROLE_FIELDS = (
    *("role", "congress_id", "is_active", "is_staff", "is_superuser"),
    *("unit_id", "station_id", "deputy_id", "body_id"),
)


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(Kind.LOGIN, request=request, actor=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(Kind.LOGOUT, request=request, actor=user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    typed = str(credentials.get("username") or "")
    record(Kind.LOGIN_FAILED, request=request, actor=None, username=typed.replace("\x00", ""))


@receiver(post_save, sender=LogEntry)
def _admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    action = {1: "added", 2: "changed", 3: "deleted"}.get(instance.action_flag, "")
    model = getattr(instance.content_type, "model", "")
    record(
        Kind.ADMIN_CHANGE,
        request=current_request(),
        actor=instance.user,
        target=f"{model}:{instance.object_id} {instance.object_repr}",
        action=action,
        message=instance.get_change_message(),
    )


@receiver(pre_save, sender=User)
def _remember_rights(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if instance.pk is None or (update_fields and not set(update_fields) & set(ROLE_FIELDS)):
        return
    before = User.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first()
    instance._audit_rights_before = before


@receiver(post_save, sender=User)
def _rights_changed(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = instance.__dict__.pop("_audit_rights_before", None)
    after = {f: getattr(instance, f) for f in ROLE_FIELDS}
    if created:
        changed = {f: [None, v] for f, v in after.items() if v}
    elif before is None:
        return
    else:
        changed = {f: [before[f], after[f]] for f in ROLE_FIELDS if before[f] != after[f]}
    if changed:
        _permission_record(instance, changed=changed)


def _permission_record(user: Any, **data: Any) -> None:
    request = current_request()
    record(
        Kind.PERMISSION_CHANGE,
        request=request,
        target=f"user:{user.pk} {user.get_username()}",
        congress_id=getattr(user, "congress_id", None),
        **data,
    )


def _m2m(field: str) -> Any:
    def changed(sender: Any, instance: Any, action: str, pk_set: Any, **kwargs: Any) -> None:
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        what: dict[str, Any] = {
            "action": action.removeprefix("post_"),
            "field": field,
            "ids": sorted(pk_set or []),
        }
        if isinstance(instance, Group):
            record(
                Kind.PERMISSION_CHANGE,
                request=current_request(),
                target=f"group:{instance.pk} {instance.name}",
                **what,
            )
        elif isinstance(instance, User):
            _permission_record(instance, **what)

    return changed


_on_groups = _m2m("groups")
_on_user_permissions = _m2m("user_permissions")
_on_group_permissions = _m2m("permissions")
m2m_changed.connect(_on_groups, sender=User.groups.through)
m2m_changed.connect(_on_user_permissions, sender=User.user_permissions.through)
m2m_changed.connect(_on_group_permissions, sender=Group.permissions.through)


@receiver(pre_save, sender=Congress)
def _remember_settings(sender: Any, instance: Congress, **kwargs: Any) -> None:
    if instance.pk is not None:
        before = Congress.objects.filter(pk=instance.pk).values_list("settings", flat=True).first()
        instance.__dict__["_audit_settings_before"] = before or {}


@receiver(post_save, sender=Congress)
def _settings_changed(sender: Any, instance: Congress, created: bool, **kwargs: Any) -> None:
    before = instance.__dict__.pop("_audit_settings_before", None)
    if before is None:
        return
    after = instance.settings or {}
    changed = {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }
    if changed:
        record(
            Kind.SETTINGS_CHANGE,
            request=current_request(),
            target=f"congress:{instance.pk} {instance}",
            congress_id=instance.pk,
            changed=changed,
        )


@receiver(post_delete, sender=ApiToken)
def _token_revoked(sender: Any, instance: ApiToken, **kwargs: Any) -> None:
    record(
        Kind.TOKEN_REVOKED,
        request=current_request(),
        target=f"user:{instance.user_id}",
        token=instance.pk,
    )
