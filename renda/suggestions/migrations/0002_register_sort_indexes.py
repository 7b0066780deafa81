"""Indexes that match each sort the suggestion register offers (supervision/forms.py
REGISTER_SORTS), so a page of any sort, deep or not, reads the index in order instead of
sorting every row of the congress. PostgreSQL only: the NULLS LAST orders cannot be written in
a SQLite index (small databases sort in memory anyway)."""

from django.db import migrations

from renda.core.pgindexes import pg_indexes

INDEXES = {
    "sugg_reg_number": '"congress_id", "year" DESC, "number" ASC NULLS LAST, '
    '"submitted_at" DESC, "id" ASC',
    "sugg_reg_number_desc": '"congress_id", "year" DESC, "number" DESC NULLS LAST, '
    '"submitted_at" DESC, "id" DESC',
    "sugg_reg_submitted": '"congress_id", "submitted_at", "id"',
    "sugg_reg_due": '"congress_id", "reply_due" ASC NULLS LAST, "id" ASC',
    "sugg_reg_due_desc": '"congress_id", "reply_due" DESC NULLS LAST, "id" DESC',
    "sugg_reg_title": '"congress_id", "title", "id"',
}


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0001_initial")]

    operations = [pg_indexes("suggestions_suggestion", INDEXES)]
