"""Every case page's action forms, from the declaration: one form per transition, derived from
the action's payload schema (core.schemas.ActionIn), or a form of the domain's own where the
input needs more (rows of units, choices that depend on the case).

A form runs its action the way the API does: its cleaned data become the payload, the
payload's arguments() become the bound function's arguments (Workflow.take). An ActionInvalid
comes back to the form and shows beside the field it names.
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from typing import Any, ClassVar, cast

from annotated_types import MaxLen
from django import forms
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from renda.core.schemas import ActionIn
from renda.core.workflow import ActionError, ActionInvalid, Transition, Workflow

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Where a payload's field has no label of its own.
COMMON_LABELS: dict[str, Any] = {
    "comment": _("Comment"),
    "reason": _("Reason"),
    "text": _("Text"),
    "title": _("Title"),
    "body": _("Text"),
    "category": _("Category"),
    "date": _("Date"),
}
BUTTON_CLASSES = {
    "primary": "button",
    "secondary": "button button-secondary",
    "danger": "button button-danger",
}
# A text field longer than this is a text area unless its payload says otherwise.
SHORT_TEXT = 200


def _unwrap(annotation: Any) -> Any:
    """`X | None` → X."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def derived_field(payload: type[ActionIn], name: str) -> forms.Field | None:
    """The form field for one field of a payload; None for what a form cannot derive (lists
    of rows): the domain's own form declares those."""
    info = payload.model_fields[name]
    kind = _unwrap(info.annotation)
    label = payload.labels.get(name) or COMMON_LABELS.get(name) or name.replace("_", " ")
    common: dict[str, Any] = {"label": label, "help_text": payload.help.get(name, "")}
    required = info.is_required()
    hint = payload.widgets.get(name, "")
    if kind is bool:
        return forms.BooleanField(required=False, **common)
    if kind is datetime.date:
        return forms.DateField(required=required, widget=DATE_INPUT, **common)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        choices = getattr(kind, "choices", None) or [(m.value, m.name) for m in kind]
        if not required and hint != "radio":
            choices = [("", "—"), *choices]
        widget = forms.RadioSelect if hint == "radio" else forms.Select
        return forms.ChoiceField(choices=choices, required=required, widget=widget, **common)
    if kind is int:
        return forms.IntegerField(required=required, **common)
    if kind is str:
        limit = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
        if hint == "textarea" or (hint == "" and (limit is None or limit > SHORT_TEXT)):
            rows = payload.rows.get(name, 3)
            return forms.CharField(
                required=required,
                max_length=limit,
                widget=forms.Textarea(attrs={"rows": rows}),
                **common,
            )
        return forms.CharField(required=required, max_length=limit, **common)
    return None


class ActionForm(forms.Form):
    """The input of one action on one case (the action's name is the form's prefix).

    Subclass it with `workflow`, `action` and `payload_class` for a form of the domain's own:
    the fields it does not declare are derived from the payload. `setup()` sets choices that
    depend on the case; `payload()` and `extra()` say what the action is given.
    """

    workflow: ClassVar[Workflow]
    action: ClassVar[str] = ""
    payload_class: ClassVar[type[ActionIn] | None] = None
    template: ClassVar[str] = "core/_action_form.html"
    fields_template: ClassVar[str] = "includes/form_fields.html"
    groups: ClassVar[tuple[str, ...]] = ()  # rows (formsets) whose errors show beside them
    # Payload fields the form fills itself in payload() (a decision radio for a bool, rows).
    not_derived: ClassVar[tuple[str, ...]] = ()
    ACTION_FIELDS: ClassVar[dict[str, str]] = {}  # an action's field name → the form's

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        workflow = getattr(cls, "workflow", None)
        if cls.__dict__.get("action") and workflow is not None and not cls.__dict__.get("derived"):
            workflow.register_form(cls.action, cls)

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        case: Any,
        user: Any,
        ctx: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, files, prefix=self.action, **kwargs)
        self.case = case
        self.user = user
        self.ctx = ctx  # what the page's forms share (choices loaded once)
        self.group_errors: dict[str, list[str]] = {}
        self.open = False  # set by the page on the form it shows unfolded
        self.post_url = ""  # set by the page
        payload = self.payload_class
        if payload is not None:
            for name in payload.model_fields:
                if name not in self.fields and name not in self.not_derived:
                    derived = derived_field(payload, name)
                    if derived is not None:
                        self.fields[name] = derived
            if not self.is_bound:
                self.initial = {**payload.initial(case), **self.initial}
        self.setup()

    @property
    def transition(self) -> Transition:
        return self.workflow.transition(self.action)

    @property
    def label(self) -> Any:
        return self.transition.label

    @property
    def success(self) -> Any:
        return self.transition.done or _("Done.")

    @property
    def confirm(self) -> bool:
        """Irreversible: taken only after a confirmation step (core.pages.run_action_form)."""
        return bool(self.transition.confirm)

    @property
    def button_class(self) -> str:
        return BUTTON_CLASSES[self.transition.style]

    def setup(self) -> None:
        """Choices and initial values that depend on the case or the user."""

    def offered(self) -> bool:
        """Whether the page offers this form now: not one with nothing to choose from (a
        promise to mark delivered on a suggestion without any); its action refuses it too."""
        return True

    def payload(self) -> ActionIn | None:
        """The action's payload from the cleaned data (the same schema the API takes)."""
        if self.payload_class is None:
            return None
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in self.payload_class.model_fields
            if name in data and data[name] not in (None, "")
        }
        try:
            return self.payload_class(**values)
        except ValidationError as error:
            first = error.errors()[0]
            where = str(first["loc"][0]) if first.get("loc") else None
            raise ActionInvalid(first["msg"], field=where) from None

    def extra(self) -> dict[str, Any]:
        """Arguments beyond the payload (uploaded files, which the API does not take)."""
        return {}

    def run(self) -> Any:
        return self.workflow.take(
            self.action, case=self.case, actor=self.user, payload=self.payload(), **self.extra()
        )

    def add_action_error(self, error: ActionError) -> None:
        """Show the action's refusal beside the field it names, else on top of the form."""
        name = self.ACTION_FIELDS.get(error.field or "", error.field)
        if name in self.fields:
            self.add_error(name, str(error.message))
        elif name in self.groups:
            self.group_errors.setdefault(name, []).append(str(error.message))
        else:
            self.add_error(None, str(error.message))

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.group_errors)


_DERIVED: dict[tuple[str, str], type[ActionForm]] = {}


def form_class_for(workflow: Workflow, action: str) -> type[ActionForm]:
    """The domain's own form for this action, else one derived from its payload."""
    custom = workflow.custom_form(action)
    if custom is not None:
        return cast(type[ActionForm], custom)
    key = (workflow.name, action)
    if key not in _DERIVED:
        binding = workflow.binding(action)
        attrs = {
            "workflow": workflow,
            "action": action,
            "payload_class": binding.payload,
            "derived": True,
        }
        name = "".join(part.title() for part in action.split("_")) + "Form"
        _DERIVED[key] = cast(type[ActionForm], type(name, (ActionForm,), attrs))
    return _DERIVED[key]


def check_forms(workflow: Workflow, *, without: set[str] | frozenset[str] = frozenset()) -> None:
    """Every user action of the workflow has a form (its own, or one its payload derives);
    raises at import time, so that pages cannot drift from the declaration."""
    for t in workflow.transitions:
        if t.system or t.action in without:
            continue
        form = form_class_for(workflow, t.action)
        payload = form.payload_class
        if payload is None:
            continue
        declared = set(form.base_fields) | set(form.not_derived)
        for name in payload.model_fields:
            if name not in declared and derived_field(payload, name) is None:
                raise RuntimeError(f"{workflow.name}.{t.action}: no form field for {name!r}")
