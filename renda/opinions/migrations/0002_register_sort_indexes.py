"""Indexes that match the sorts the opinion register offers (forms.py REGISTER_SORTS) and the
open-state counts above it, so neither reads the congress's every opinion. PostgreSQL only,
like the suggestion register's (see suggestions 0002). The `due` sort is computed per row (the
unit's answer or the deadline to tell the constituent) and is read from the open states only."""

from django.db import migrations

from renda.core.pgindexes import pg_indexes

INDEXES = {
    "opin_reg_received": '"congress_id", "received_at", "id"',
    "opin_reg_state": '"congress_id", "state", "received_at" DESC, "id" DESC',
    "opin_reg_state_desc": '"congress_id", "state" DESC, "received_at" DESC, "id" DESC',
    "opin_reg_category": '"congress_id", "category", "received_at" DESC, "id" DESC',
    "opin_reg_category_desc": '"congress_id", "category" DESC, "received_at" DESC, "id" DESC',
}


class Migration(migrations.Migration):
    dependencies = [("opinions", "0001_initial")]

    operations = [pg_indexes("opinions_constituentopinion", INDEXES)]
