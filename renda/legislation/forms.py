"""The legislation pages' forms: input only; the actions decide what is valid and allowed.

A case's action forms derive from the action's payload (core.actionforms); the ones here are
those whose input needs more: choices from the case (the articles an opinion may have
changed), a form per row of a list (prefixed by the row), the topic a deputy answers, the
stage a regulation reached. The forms that make something (a regulation, a consultation, a
version) run their action the same way, through core.pages.run_action_form. An ActionInvalid
comes back onto the form beside its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.actionforms import DATE_INPUT, ActionForm, check_forms, derived_field
from renda.core.forms import ActionErrorsMixin
from renda.core.workflow import ActionError, ActionInvalid
from renda.legislation.actions.consultations import consultation_create
from renda.legislation.actions.drafts import import_draft
from renda.legislation.actions.opinions import (
    GatheredOpinion,
    opinion_batch_submit,
    opinion_submit_deputy,
    opinion_submit_public,
)
from renda.legislation.actions.regulations import regulation_create, stage_document_add
from renda.legislation.actions.topics import topic_solicitation_open
from renda.legislation.models import (
    STAGE_DATE_FIELDS,
    AgendaTopic,
    DraftNode,
    DraftVersion,
    NodeKind,
    OpinionSource,
    OpinionState,
    RegulationKind,
    RegulationState,
)
from renda.legislation.rules import PUBLIC
from renda.legislation.schemas import (
    BATCH_SOURCES,
    MAX_OPINION_CHARS,
    AnswerIn,
    HandleIn,
    LinkChangeIn,
    RejectIn,
    StageIn,
)
from renda.legislation.workflow import (
    CONSULTATION,
    HANDLED,
    OPINION,
    OUTCOMES,
    REGULATION,
    TOPIC_SOLICITATION,
)
from renda.org.models import CollectionPoint

DATE = DATE_INPUT


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


class RunForm(ActionErrorsMixin, forms.Form):
    """A page's form that runs one action (core.pages.run_action_form): `run()` takes it and
    returns what it made, `success` is what the page says once done."""

    success: Any = ""

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    def run(self) -> Any:
        raise NotImplementedError


# --- the public's and the deputies' comments ---------------------------------------------------


class OpinionForm(RunForm):
    """A comment on the whole draft or one article: the public's (name and contact optional)
    or a deputy's (no name, no contact)."""

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

    def __init__(
        self,
        *args: Any,
        articles: Sequence[DraftNode],
        consultation: Any,
        whom: str,
        client_ip: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.consultation = consultation
        self.public = whom == PUBLIC
        self.client_ip = client_ip
        self.fields["article"].set_objects(articles, article_label)  # type: ignore[attr-defined]
        if not self.public:
            del self.fields["name"], self.fields["contact"]

    @property
    def success(self) -> Any:
        # The public's receipt page says it all.
        return "" if self.public else _("Your opinion is recorded; staff will handle it.")

    def run(self) -> Any:
        data = self.cleaned_data
        if self.public:
            return opinion_submit_public(
                consultation=self.consultation,
                text=data["text"],
                article=data["article"],
                name=data["name"],
                contact=data["contact"],
                client_ip=self.client_ip,
            )
        return opinion_submit_deputy(
            consultation=self.consultation,
            actor=self.actor,
            text=data["text"],
            article=data["article"],
        )


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

    def add_action_error(self, error: ActionError) -> bool:
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


class BatchHeadForm(ActionErrorsMixin, forms.Form):
    """Which of the operator's contact points submits (most stations have one)."""

    contact_point = ObjectChoiceField(label=_("Legislative contact point"))

    def __init__(self, *args: Any, points: Sequence[Any], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["contact_point"].set_objects(points)  # type: ignore[attr-defined]
        if len(points) == 1:
            self.fields["contact_point"].initial = points[0].pk
            self.fields["contact_point"].widget = forms.HiddenInput()


class BatchForm:
    """The batch page's input, the head (which contact point) and its rows, as one action:
    all opinions are submitted, or none."""

    def __init__(
        self,
        data: Any,
        *,
        actor: Any,
        consultation: Any,
        points: Sequence[Any],
        articles: Sequence[DraftNode],
        collection_points: Sequence[CollectionPoint],
    ) -> None:
        self.actor = actor
        self.consultation = consultation
        self.head = BatchHeadForm(data, points=points)
        self.rows = GatheredFormSet(
            data, prefix="rows", articles=articles, collection_points=collection_points
        )
        self.created: list[Any] = []

    def is_valid(self) -> bool:
        return self.head.is_valid() & self.rows.is_valid()

    def run(self) -> list[Any]:
        gathered = [
            GatheredOpinion(
                text=row.cleaned_data["text"],
                article=row.cleaned_data["article"],
                source=row.cleaned_data["source"],
                collection_point=row.cleaned_data["collection_point"],
                gathered_on=row.cleaned_data["gathered_on"],
            )
            for row in self.rows.forms
            if row.has_changed() and row.cleaned_data
        ]
        self.created = opinion_batch_submit(
            consultation=self.consultation,
            actor=self.actor,
            contact_point=self.head.cleaned_data["contact_point"],
            opinions=gathered,
        )
        return self.created

    @property
    def success(self) -> str:
        return gettext("%(n)d opinions submitted.") % {"n": len(self.created)}

    def add_action_error(self, error: ActionError) -> None:
        if not self.rows.add_action_error(error):
            self.head.add_action_error(error)


# --- staff: moderation and handling --------------------------------------------------------


class RowActionForm(ActionForm):
    """An opinion's action form prefixed by the opinion, so that a list may show one per row
    and the opinion's page the same form (its prefix: `row_prefix` and the opinion's id)."""

    row_prefix: ClassVar[str] = ""

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.prefix = f"{self.row_prefix}{case.pk}"


class RejectForm(RowActionForm):
    workflow = OPINION
    action = "reject"
    payload_class = RejectIn
    row_prefix = "m"

    reason = forms.CharField(
        label=_("Why it is not published"),
        max_length=MAX_OPINION_CHARS,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. advertising, abuse, off topic")}),
    )


def later_article_label(node: DraftNode) -> str:
    version = node.version
    return f"{version.label or version.number} · {article_label(node)}"


def later_articles(consultation: Any) -> list[DraftNode]:
    """Articles of the regulation's later versions: what an adopted opinion may have changed."""
    version = consultation.version
    return list(
        DraftNode.objects.filter(
            kind=NodeKind.ARTICLE,
            version__regulation_id=version.regulation_id,
            version__number__gt=version.number,
        )
        .select_related("version")
        .order_by("version__number", "order")
    )


def _later_article_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label=_("Led to this article of a later version"),
    )


class LaterArticleChoice(RowActionForm):
    """A form whose `led_to` is an article of a later version of the draft: `ctx` is the list
    of those articles (read once for a page of opinions of one consultation)."""

    def setup(self) -> None:
        later = self.ctx if self.ctx is not None else later_articles(self.case.consultation)
        if later:
            choices = [(str(n.pk), later_article_label(n)) for n in later]
            self.fields["led_to"].choices = [("", _("— none yet —")), *choices]  # type: ignore[attr-defined]
        else:  # no later version yet: link the change once it is drafted
            del self.fields["led_to"]


class HandleForm(LaterArticleChoice):
    workflow = OPINION
    action = "handle"
    payload_class = HandleIn
    row_prefix = "h"

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(o.value, o.label) for o in OpinionState if o in OUTCOMES],
        widget=forms.RadioSelect,
    )
    led_to = _later_article_field()
    led_to_note = forms.CharField(
        label=_("Change made"), required=False, max_length=MAX_OPINION_CHARS
    )

    def setup(self) -> None:
        super().setup()
        self.order_fields(["outcome", "reason", "led_to", "led_to_note"])
        opinion = self.case
        if not self.is_bound and opinion.state in HANDLED:
            self.initial = {
                "outcome": opinion.state,
                "reason": opinion.handling_reason,
                "led_to": opinion.led_to_node_id or "",
                "led_to_note": opinion.led_to_note,
            }


class LinkChangeForm(LaterArticleChoice):
    workflow = OPINION
    action = "link_change"
    payload_class = LinkChangeIn
    row_prefix = "l"

    led_to = _later_article_field()
    note = forms.CharField(label=_("Change made"), required=False, max_length=MAX_OPINION_CHARS)


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


class RegulationForm(RunForm):
    success = _("The regulation is listed in the plan.")

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

    def run(self) -> Any:
        return regulation_create(
            congress=self.actor.congress, actor=self.actor, **self.cleaned_data
        )


class AdvanceForm(ActionErrorsMixin, forms.Form):
    """The stage a regulation reached, among those its declaration offers the user now, on
    the day it happened: one form for every stage action, its fields those of StageIn."""

    action = forms.ChoiceField(label=_("Stage reached"))

    def __init__(self, data: Any = None, *, case: Any, user: Any, **kw: Any) -> None:
        super().__init__(data, **kw)
        self.case = case
        self.user = user
        self.transitions = REGULATION.available(user, case)
        self.fields["action"].choices = [(t.action, t.label) for t in self.transitions]  # type: ignore[attr-defined]
        for name in StageIn.model_fields:
            field = derived_field(StageIn, name)
            assert field is not None
            self.fields[name] = field
        self.fields["on"].required = True  # the meeting day: staff give it on the page
        if not self.is_bound:
            self.initial = {**StageIn.initial(case), **self.initial}

    @property
    def success(self) -> Any:
        return REGULATION.transition(self.cleaned_data["action"]).done

    def run(self) -> Any:
        data = self.cleaned_data
        payload = StageIn(on=data["on"], comment=data["comment"])
        return REGULATION.take(data["action"], case=self.case, actor=self.user, payload=payload)


class StageDocumentForm(RunForm):
    success = _("The document is added.")

    stage = forms.ChoiceField(
        label=_("Stage"), choices=[(s, RegulationState(s).label) for s in STAGE_DATE_FIELDS]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, regulation: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.regulation = regulation

    def run(self) -> Any:
        return stage_document_add(regulation=self.regulation, actor=self.actor, **self.cleaned_data)


class ImportForm(RunForm):
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

    def __init__(self, *args: Any, regulation: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.regulation = regulation
        self.version: DraftVersion | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Paste the draft's text or upload a file."))
        return data

    def run(self) -> DraftVersion:
        data = self.cleaned_data
        upload = data.get("file")
        self.version = import_draft(
            actor=self.actor,
            regulation=self.regulation,
            text=None if upload else data["text"],
            data=upload.read() if upload else None,
            filename=upload.name if upload else "",
            label=data["label"],
        )
        return self.version

    @property
    def message_level(self) -> int:
        return messages.WARNING if self.version and self.version.problems else messages.SUCCESS

    @property
    def success(self) -> Any:
        version = self.version
        if version is not None and version.problems:
            return gettext("Imported with %(n)d doubtful lines: check them below.") % {
                "n": len(version.problems)
            }
        return gettext("Imported: %(n)d articles.") % {"n": version.articles if version else 0}


class ConsultationForm(RunForm):
    success = _("The consultation is prepared; open it when ready.")

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

    def __init__(self, *args: Any, version: DraftVersion, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.version = version

    def run(self) -> Any:
        return consultation_create(version=self.version, actor=self.actor, **self.cleaned_data)


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


class TopicSolicitationForm(RunForm):
    success = _("The deputies are asked for their opinions.")

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

    def run(self) -> Any:
        return topic_solicitation_open(
            congress=self.actor.congress, actor=self.actor, **self.cleaned_data
        )


class AnswerForm(ActionForm):
    """A deputy's opinion on one topic (the page shows one per topic, prefixed by it)."""

    workflow = TOPIC_SOLICITATION
    action = "answer"
    payload_class = AnswerIn

    text = forms.CharField(
        label=_("Your opinion"),
        max_length=MAX_OPINION_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, topic: AgendaTopic | None = None, **kwargs: Any) -> None:
        self.topic = topic
        super().__init__(*args, **kwargs)
        if topic is not None:
            self.prefix = f"t{topic.pk}"

    def setup(self) -> None:
        del self.fields["topic"]  # the topic is the page's, not the deputy's input

    def payload(self) -> AnswerIn:
        if self.topic is None:
            raise ActionInvalid(gettext("No such topic in this solicitation."), field="topic")
        return AnswerIn(topic=self.topic.pk, text=self.cleaned_data["text"])

    @property
    def success(self) -> Any:
        title = self.topic.title if self.topic is not None else ""
        return gettext("Your opinion on “%(topic)s” is recorded.") % {"topic": title}


# Every user action of the four declarations has a form (its own above, or one its payload
# derives): fail at import rather than on a page.
for _workflow in (REGULATION, CONSULTATION, OPINION, TOPIC_SOLICITATION):
    check_forms(_workflow)
