"""Filed documents and the register of normative documents in the one search (renda.search):
filings for staff, leaders and the filing body's own people; documents in force for everyone."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.predicates import is_leader, is_staff
from renda.filings.models import EFFECTIVE, Filing, NormativeDocument
from renda.filings.queries import documents_visible_to, filings_visible_to
from renda.search.registry import Source, Text, register

FIELDS = ("congress_id", "number", "title", "text")

register(
    Source(
        kind="filing",
        label=_("Filed document"),
        model=Filing,
        text=lambda f: Text(
            f"{f.title} {f.number}", f.text, f.congress_id, f.filed_at.year, heading=f.title
        ),
        rows=lambda: Filing.objects.only(*FIELDS, "filed_at").order_by("pk").iterator(),
        visible=filings_visible_to,
        sees_congress=is_staff | is_leader,
        url=lambda pk: reverse("filings:filing", args=[pk]),
        order=50,
    )
)

register(
    Source(
        kind="normative",
        label=_("Normative document"),
        model=NormativeDocument,
        text=lambda d: Text(
            f"{d.title} {d.number}",
            d.text,
            d.congress_id,
            d.published_on.year,
            public=d.status in EFFECTIVE,
            heading=d.title,
        ),
        rows=lambda: (
            NormativeDocument.objects.only(*FIELDS, "published_on", "status")
            .order_by("pk")
            .iterator()
        ),
        visible=documents_visible_to,
        sees_congress=is_staff | is_leader,
        url=lambda pk: reverse("filings:document", args=[pk]),
        public_url=lambda pk: reverse("filings:public_document", args=[pk]),
        order=51,
    )
)
