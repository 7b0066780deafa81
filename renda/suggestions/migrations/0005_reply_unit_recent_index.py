"""A unit's latest replies (issue 18): the reply check on a suggestion's page compares a
draft with the unit's previous replies, the newest 300 before it (reading.check
PREVIOUS_LIMIT). Without an index in that order PostgreSQL read all of the unit's replies
and sorted them (13.6 ms of a 59 ms page at 200,000 suggestions); with it, it reads 300
entries. PostgreSQL only, like 0002 and 0004."""

from django.db import migrations

from renda.core.pgindexes import pg_indexes


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0004_figures_covering_indexes")]

    operations = [
        pg_indexes(
            "suggestions_reply", {"reply_unit_recent": '"unit_id", "replied_at" DESC, "id" DESC'}
        ),
    ]
