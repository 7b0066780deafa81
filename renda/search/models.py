"""The search index: one row per searchable document of any app, its words segmented once."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What one case or text says, as the search reads it. `title_words` and `body_words` are
    the normalised text cut into words by renda.core.text, joined by spaces; on PostgreSQL
    `vector` is their tsvector (titles weight A, bodies B, and the keys of `seers` and of the
    year, which no word can spell: they hold a colon) under a GIN index, on SQLite the
    FTS5 table `search_fts` holds them under the row's id. Personal data (phone and ID
    numbers) is masked before anything is stored."""

    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    congress = models.ForeignKey(
        "org.Congress", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Published to everyone (the public pages show it).
    public = models.BooleanField(default=False)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(blank=True)
    title_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    # Who sees the document through a key (registry.Seers), such as "u:12" for the handling
    # unit 12, joined by spaces; on PostgreSQL they are lexemes of `vector` too, with its
    # year's ("y:2024"), so that a unit's condition or a year is met inside the GIN index.
    seers = models.TextField(blank=True, default="")
    vector = SearchVectorField(null=True)  # PostgreSQL only (unused on SQLite)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once"),
        ]
        indexes = [models.Index(fields=["congress", "kind", "year"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
