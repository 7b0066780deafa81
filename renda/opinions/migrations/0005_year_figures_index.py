"""A covering index for the year's figures on opinions (stats.py: counted by category, state,
station and month over a year received): the year's rows are read from the index alone, not
from every heap page they are spread over (a year of a province: 87,000 opinions, 1 s through
the heap, milliseconds from the index). PostgreSQL only, like 0002."""

from django.db import migrations

from renda.core.pgindexes import pg_indexes

INDEXES = {
    # pg_indexes writes "(<columns>)": the INCLUDE list follows the key columns' parenthesis.
    "opin_year_figures": '"congress_id", "received_at") '
    'INCLUDE ("state", "category", "station_id", "answer_kind"',
}


class Migration(migrations.Migration):
    dependencies = [("opinions", "0004_opinion_sms_opt_in")]

    operations = [pg_indexes("opinions_constituentopinion", INDEXES)]
