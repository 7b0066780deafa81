"""Which texts the search reads: each app registers its sources in its own search.py (as apps
register their statistics in stats.py), and the signals that keep their index rows current."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Text:
    """One document as a source gives it to the index. `body` holds every text a reader of
    the document may see (a suggestion's replies, say), never masked fields. Titles weigh
    above bodies in the ranking."""

    title: str
    body: str
    congress_id: int | None
    year: int | None
    public: bool = False
    # What a hit shows as its title when `title` is not one (an opinion's first words).
    heading: str = ""


@dataclass(frozen=True)
class Seers:
    """Who sees a document through a key written into its index row, for the users who see
    exactly the rows holding their key (a handling unit the cases it handles now, a station's
    operator its opinions, a deputy their own suggestions): their search then meets its
    condition inside the full-text index (on PostgreSQL the keys are lexemes of the row's
    tsvector), instead of running the list's query against every document holding the words.

    - `keys(obj)`: the keys of those who see the row now, such as ``u:<unit id>``; read again
      at every write of the row and every save or delete of a `parents` row;
    - `key(user)`: the user's key, or None when the list's query says what they see (it must
      give exactly the rows the list shows them: a test checks it on the demo year);
    - `in_congress`: the key shows the rows of the user's congress only, as the list does;
    - `parents`: the related models whose save or delete changes who sees the row (a
      suggestion's assignments): model -> the ids of the rows concerned.
    """

    keys: Callable[[Any], Iterable[str]]
    key: Callable[[Any], str | None]
    in_congress: bool = True
    parents: dict[type[models.Model], Callable[[Any], Iterable[int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """A kind of searchable document.

    - `text(obj)`: its Text, or None when it is not to be found (a draft not yet sent);
    - `rows()`: every object to index (for `renda search reindex`), with what text() reads;
    - `visible(user)`: the objects this user may see, the same query as the lists;
    - `sees_congress(user)`: True when the user sees every object of their congress (a
      shortcut for the index's own congress column, so that staff searches stay fast);
    - `url(object_id)`: the page of one object for those who see it; `public_url` the public
      page of a published one;
    - `parents`: related models whose save changes the text: model -> the parent objects;
    - `seers`: who sees a row through a key in its index row (Seers), if anyone does;
    - `by_year`: its rows may number in the hundreds of thousands (suggestions, constituents'
      opinions): a congress's are searched a year at a time, newest first (engine.candidates);
      a few (drafts, decisions) are read at once, through the (congress, kind) index.
    """

    kind: str
    label: str | Promise
    model: type[models.Model]
    text: Callable[[Any], Text | None]
    rows: Callable[[], Iterable[Any]]
    visible: Callable[[Any], models.QuerySet[Any]]
    url: Callable[[int], str]
    sees_congress: Callable[[Any], bool] = lambda user: False
    public_url: Callable[[int], str] | None = None
    parents: dict[type[models.Model], Callable[[Any], Iterable[Any]]] = field(default_factory=dict)
    seers: Seers | None = None
    by_year: bool = False
    order: int = 100


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add a kind of document to the search, and keep its index rows current: they are
    written in the transaction of every save (a state change saves the case too) and
    removed with the object."""
    from renda.search import index

    if source.kind in SOURCES and SOURCES[source.kind] is not source:
        raise ValueError(f"search source {source.kind!r} registered twice")
    SOURCES[source.kind] = source

    def saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if not raw:
            index.write(source, instance)

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        index.remove(source, instance.pk)

    post_save.connect(saved, sender=source.model, weak=False, dispatch_uid=f"search-{source.kind}")
    post_delete.connect(
        deleted, sender=source.model, weak=False, dispatch_uid=f"search-{source.kind}-del"
    )
    for model, parents in source.parents.items():

        def child_saved(
            sender: Any, instance: Any, raw: bool = False, _parents: Any = parents, **kw: Any
        ) -> None:
            if raw:
                return
            for parent in _parents(instance):
                if parent is not None:
                    index.write(source, parent)

        uid = f"search-{source.kind}-{model._meta.label_lower}"
        post_save.connect(child_saved, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(child_saved, sender=model, weak=False, dispatch_uid=f"{uid}-del")
    for model, ids in (source.seers.parents if source.seers else {}).items():

        def seen_changed(
            sender: Any, instance: Any, raw: bool = False, _ids: Any = ids, **kw: Any
        ) -> None:
            if not raw:
                index.write_seers(source, [i for i in _ids(instance) if i is not None])

        uid = f"search-seers-{source.kind}-{model._meta.label_lower}"
        post_save.connect(seen_changed, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(seen_changed, sender=model, weak=False, dispatch_uid=f"{uid}-del")
    return source


def discover() -> None:
    from renda.core.models import Event

    autodiscover_modules("search")
    # Every event on a case (a state change, or a change written by a queryset update that
    # sends no save signal) indexes the case again, in the same transaction.
    post_save.connect(_case_event, sender=Event, weak=False, dispatch_uid="search-case-event")


def _case_event(
    sender: Any, instance: Any, created: bool = False, raw: bool = False, **kw: Any
) -> None:
    if raw or not created:
        return
    from django.contrib.contenttypes.models import ContentType

    from renda.search import index

    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    for source in SOURCES.values():
        if source.model is model:
            case = model._default_manager.filter(pk=instance.object_id).first()
            if case is None:
                index.remove(source, instance.object_id)
            else:
                index.write(source, case)


def sources(kinds: Iterable[str] | None = None) -> list[Source]:
    chosen = [s for k, s in SOURCES.items() if kinds is None or k in kinds]
    return sorted(chosen, key=lambda s: (s.order, s.kind))
