"""Covering indexes for the year's figures and the unit scores (issue 18): each of the year's
cases looks up its unit's first-round reply, its contacts and its first-round evaluation;
with these the look-ups read the index alone instead of a heap page each (at 200,000
suggestions: the unit scores' first-round query 0.8 s to about 0.3 s on a loaded machine,
the replies by result 0.4 s to 0.15 s). PostgreSQL only, like 0002."""

from django.db import migrations

from renda.core.pgindexes import pg_indexes

# pg_indexes writes "(<columns>)": the INCLUDE list follows the key columns' parenthesis.
REPLIES = {
    "reply_round_figures": '"suggestion_id", "unit_id", "handling_round") '
    'INCLUDE ("replied_at", "category"'
}
EVALUATIONS = {
    "evaluation_round_figures": '"suggestion_id", "handling_round") INCLUDE ("result"',
}
CONTACTS = {"contact_case_dates": '"suggestion_id", "unit_id", "date"'}


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0003_merge_0002_poll_in_core_0002_register_sort_indexes")]

    operations = [
        pg_indexes("suggestions_reply", REPLIES),
        pg_indexes("suggestions_evaluation", EVALUATIONS),
        pg_indexes("suggestions_contact", CONTACTS),
    ]
