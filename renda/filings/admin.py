"""Admin for filing review: the issuing bodies are kept here by whoever holds the model
permissions (which bodies file, and through which unit or county congress); every case table
is read-only and scoped to the congress, its changes going through the actions."""

from __future__ import annotations

from django.contrib import admin

from renda.core.admin import CongressScopedAdmin, ReadOnlyInline, ScopedReadOnlyAdmin
from renda.filings.models import (
    AnnualReport,
    Filing,
    FilingFile,
    Issuer,
    NormativeDocument,
    Review,
    ReviewCheck,
    ReviewProposal,
)


@admin.register(Issuer)
class IssuerAdmin(CongressScopedAdmin):
    list_display = ["name", "kind", "unit", "lower_congress", "active"]
    list_filter = ["kind", "active"]
    list_select_related = ["unit", "lower_congress"]
    search_fields = ["name"]


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ScopedReadOnlyAdmin):
    list_display = ["number", "title", "issuer", "published_on", "status"]
    list_filter = ["status", "issuer__kind"]
    list_select_related = ["issuer"]
    search_fields = ["number", "title"]
    date_hierarchy = "published_on"
    exclude = ["text"]


class FilingFileInline(ReadOnlyInline):
    model = FilingFile
    fields = ["purpose", "name", "size", "uploaded_at"]


@admin.register(Filing)
class FilingAdmin(ScopedReadOnlyAdmin):
    list_display = ["number", "title", "issuer", "filed_at", "late", "state"]
    list_filter = ["state", "late"]
    list_select_related = ["issuer"]
    search_fields = ["number", "title"]
    date_hierarchy = "filed_at"
    exclude = ["text"]
    inlines = [FilingFileInline]


class ReviewCheckInline(ReadOnlyInline):
    model = ReviewCheck
    fields = ["aspect", "result", "note", "checked_at"]


@admin.register(Review)
class ReviewAdmin(ScopedReadOnlyAdmin):
    list_display = ["document", "kind", "state", "opened_at", "concluded_at"]
    list_filter = ["kind", "state"]
    list_select_related = ["document"]
    search_fields = ["document__title", "document__number"]
    date_hierarchy = "opened_at"
    inlines = [ReviewCheckInline]


@admin.register(ReviewProposal)
class ReviewProposalAdmin(ScopedReadOnlyAdmin):
    list_display = ["submitted_at", "document", "document_named", "state"]
    list_filter = ["state"]
    list_select_related = ["document"]
    date_hierarchy = "submitted_at"
    # The proposer's name and contact are the staff's, on the proposal's page.
    exclude = ["proposer_name", "organisation", "phone", "email", "receipt_code"]


@admin.register(AnnualReport)
class AnnualReportAdmin(ScopedReadOnlyAdmin):
    list_display = ["year", "title", "state", "heard_on"]
