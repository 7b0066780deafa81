"""The legislation pages' forms: input only; actions.py decides what is valid and allowed.

An ActionInvalid comes back onto the form through `add_action_error`, beside its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.core.forms import ActionErrorsMixin
from renda.core.workflow import ActionError, ActionInvalid
from renda.legislation.models import (
    STAGE_DATE_FIELDS,
    DraftNode,
    DraftVersion,
    OpinionSource,
    OpinionState,
    RegulationKind,
    RegulationState,
)
from renda.legislation.schemas import BATCH_SOURCES, MAX_OPINION_CHARS
from renda.legislation.workflow import OUTCOMES
from renda.org.models import CollectionPoint

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(ActionErrorsMixin, forms.Form):
    """A form whose action's refusals are shown beside the field they name."""


class ObjectChoiceField(forms.ChoiceField):
    """A choice among rows already read: unlike ModelChoiceField it costs no query each time
    it is drawn, so a list page may show a form per row. Cleans to the row, or None."""

    def __init__(self, *, empty_label: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.objects: dict[str, Any] = {}

    def set_objects(self, objects: Sequence[Any], label: Callable[[Any], str] = str) -> None:
        self.objects = {str(o.pk): o for o in objects}
        empty = [("", self.empty_label)] if self.empty_label is not None else []
        self.choices = empty + [(str(o.pk), label(o)) for o in objects]

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return self.objects.get(str(value)) if value not in (None, "") else None


def article_label(node: DraftNode) -> str:
    return f"{node.label} {node.heading}".strip()


def _article_field() -> ObjectChoiceField:
    return ObjectChoiceField(required=False, label=_("Article"), empty_label=_("The whole draft"))


class OpinionForm(ActionForm):
    """A comment on the whole draft or one article: the public's (name and contact optional)
    or a deputy's (`anonymous=False`: no name, no contact)."""

    article = _article_field()
    text = forms.CharField(
        label=_("Your opinion"),
        max_length=MAX_OPINION_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=40,
        required=False,
        help_text=_("Kept private: never published."),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail (optional)"),
        max_length=100,
        required=False,
        help_text=_("Kept private: seen only by the standing committee's staff."),
    )

    def __init__(self, *args: Any, articles: Sequence[DraftNode], public: bool, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["article"].set_objects(articles, article_label)  # type: ignore[attr-defined]
        if not public:
            del self.fields["name"], self.fields["contact"]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


# --- a contact point's batch ---------------------------------------------------------------


class GatheredForm(forms.Form):
    """One row of a contact point's batch: an opinion it gathered, with where from."""

    article = _article_field()
    text = forms.CharField(
        label=_("Opinion"), max_length=MAX_OPINION_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[(s.value, s.label) for s in OpinionSource if s in BATCH_SOURCES],
        initial=OpinionSource.SEMINAR,
    )
    collection_point = ObjectChoiceField(
        label=_("Collection point"), required=False, empty_label="—"
    )
    gathered_on = forms.DateField(label=_("Gathered on"), required=False, widget=DATE)

    def __init__(
        self,
        *args: Any,
        articles: Sequence[DraftNode],
        collection_points: Sequence[CollectionPoint],
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["article"].set_objects(articles, article_label)  # type: ignore[attr-defined]
        self.fields["collection_point"].set_objects(collection_points)  # type: ignore[attr-defined]


class BaseGatheredFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, articles: Any, collection_points: Any, **kw: Any) -> None:
        # Evaluated once so that every row's select costs no query of its own.
        self.articles = articles
        self.collection_points = collection_points
        super().__init__(*args, **kw)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"articles": self.articles, "collection_points": self.collection_points}

    def add_action_error(self, error: ActionInvalid) -> bool:
        """Put `opinions.3.text` beside row 3's text; False if the error names no row."""
        parts = (error.field or "").split(".")
        rows = [f for f in self.forms if f.has_changed()]
        if len(parts) == 3 and parts[0] == "opinions" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(rows):
                form = rows[index]
                form.add_error(parts[2] if parts[2] in form.fields else None, str(error.message))
                return True
        return False


# formset_factory returns a subclass of `formset`; the stubs type it as a plain BaseFormSet.
GatheredFormSet: type[BaseGatheredFormSet] = forms.formset_factory(  # type: ignore[assignment]
    GatheredForm, formset=BaseGatheredFormSet, extra=5, max_num=200, validate_max=True
)


class BatchHeadForm(ActionForm):
    """Which of the operator's contact points submits (most stations have one)."""

    contact_point = ObjectChoiceField(label=_("Legislative contact point"))

    def __init__(self, *args: Any, points: Sequence[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["contact_point"].set_objects(points)  # type: ignore[attr-defined]
        if len(points) == 1:
            self.fields["contact_point"].initial = points[0].pk
            self.fields["contact_point"].widget = forms.HiddenInput()


# --- staff: moderation and handling --------------------------------------------------------


class RejectForm(ActionForm):
    reason = forms.CharField(
        label=_("Why it is not published"),
        max_length=MAX_OPINION_CHARS,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. advertising, abuse, off topic")}),
    )


def later_article_label(node: DraftNode) -> str:
    version = node.version
    return f"{version.label or version.number} · {article_label(node)}"


class HandleForm(ActionForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(o.value, o.label) for o in OpinionState if o in OUTCOMES],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=MAX_OPINION_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required unless adopted; the contributor reads it."),
    )
    led_to = ObjectChoiceField(
        required=False,
        label=_("Led to this article of a later version"),
        empty_label=_("— none yet —"),
    )
    led_to_note = forms.CharField(
        label=_("Change made"), required=False, max_length=MAX_OPINION_CHARS
    )

    def __init__(self, *args: Any, later_articles: Sequence[DraftNode], **kw: Any) -> None:
        super().__init__(*args, **kw)
        if later_articles:
            self.fields["led_to"].set_objects(later_articles, later_article_label)  # type: ignore[attr-defined]
        else:  # no later version yet: link the change once it is drafted
            del self.fields["led_to"]


class OpinionFilterForm(forms.Form):
    article = forms.ChoiceField(label=_("Article"), required=False)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("Any"))] + OpinionSource.choices
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any"))] + OpinionState.choices
    )

    def __init__(self, *args: Any, articles: list[DraftNode], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["article"].choices = [  # type: ignore[attr-defined]
            ("", _("Any")),
            ("whole", _("The whole draft")),
            *[(str(a.pk), a.label) for a in articles],
        ]

    def values(self) -> dict[str, str]:
        return self.cleaned_data if self.is_valid() else {}


# --- staff: regulations, versions, consultations --------------------------------------------


class RegulationForm(ActionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=RegulationKind.choices)
    of_regulation = ObjectChoiceField(
        label=_("Regulation revised"),
        required=False,
        empty_label="—",
        help_text=_("For a revision or an amendment."),
    )
    drafting_body = ObjectChoiceField(label=_("Responsible body"), required=False, empty_label="—")
    planned_on = forms.DateField(label=_("Listed in the plan on"), required=False, widget=DATE)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, regulations: Sequence[Any], bodies: Sequence[Any], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["of_regulation"].set_objects(regulations)  # type: ignore[attr-defined]
        self.fields["drafting_body"].set_objects(bodies)  # type: ignore[attr-defined]


class AdvanceForm(ActionForm):
    action = forms.ChoiceField(label=_("Stage reached"))
    on = forms.DateField(label=_("On"), widget=DATE)
    comment = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, transitions: list[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["action"].choices = [(t.action, t.label) for t in transitions]  # type: ignore[attr-defined]


class StageDocumentForm(ActionForm):
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[(s, RegulationState(s).label) for s in STAGE_DATE_FIELDS]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))


class ImportForm(ActionForm):
    label = forms.CharField(
        label=_("Label"),
        max_length=60,
        required=False,
        help_text=_("e.g. 草案, 草案修改稿, 二审稿"),
    )
    text = forms.CharField(
        label=_("Paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("A Word document (.docx) or a plain text file (.txt)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste the draft's text or upload a file."))
        return data


class ConsultationForm(ActionForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Empty: “Opinions sought on” and the draft's title."),
    )
    description = forms.CharField(
        label=_("Notice"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the congress's usual number of days."),
    )
    for_public = forms.BooleanField(label=_("The public"), required=False, initial=True)
    for_deputies = forms.BooleanField(label=_("Deputies"), required=False, initial=True)
    for_contact_points = forms.BooleanField(
        label=_("Legislative contact points"), required=False, initial=True
    )


class ExtendForm(ActionForm):
    closes_on = forms.DateField(label=_("New closing day"), widget=DATE)
    comment = forms.CharField(label=_("Note"), required=False, max_length=500)


class CommentForm(ActionForm):
    comment = forms.CharField(label=_("Note"), required=False, max_length=500)


def version_label(version: DraftVersion) -> str:
    return f"{version.number}. {version.label or version.title}"


class CompareForm(forms.Form):
    old = ObjectChoiceField(label=pgettext_lazy("version compare", "From"))
    new = ObjectChoiceField(label=pgettext_lazy("version compare", "To"))

    def __init__(self, *args: Any, versions: Sequence[DraftVersion], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for name in ("old", "new"):
            self.fields[name].set_objects(versions, version_label)  # type: ignore[attr-defined]


# --- agenda topics ---------------------------------------------------------------------------


class TopicSolicitationForm(ActionForm):
    meeting_title = forms.CharField(label=_("Meeting"), max_length=200)
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DATE)
    deadline = forms.DateField(label=_("Answers due"), widget=DATE)
    description = forms.CharField(
        label=_("Notice"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    topics = forms.CharField(
        label=_("Topics"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One topic a line; a description may follow a “|”."),
    )

    def clean_topics(self) -> list[tuple[str, str]]:
        lines = [line.strip() for line in self.cleaned_data["topics"].splitlines()]
        pairs = []
        for line in lines:
            if line:
                title, _sep, description = line.partition("|")
                pairs.append((title.strip(), description.strip()))
        return pairs

    def add_action_error(self, error: ActionError) -> None:
        if (error.field or "").startswith("topics."):  # one line of the topics
            self.add_error("topics", str(error.message))
        else:
            super().add_action_error(error)


class TopicAnswerForm(ActionForm):
    text = forms.CharField(
        label=_("Your opinion"),
        max_length=MAX_OPINION_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TopicCloseForm(ActionForm):
    summary = forms.CharField(
        label=_("Summary of the answers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
