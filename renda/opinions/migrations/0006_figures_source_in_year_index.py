"""The year's figures index (0005) also covers the channel (`source`): the cockpit's opinions
by channel read the index alone (at 1,000,000 opinions: 0.5 to 0.8 s through the heap, about
40 ms from the index, on a loaded machine). PostgreSQL only, like 0005."""

from typing import Any

from django.db import migrations

KEY = '"congress_id", "received_at"'
BEFORE = '"state", "category", "station_id", "answer_kind"'
AFTER = f'{BEFORE}, "source"'


def _replace(include: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute('DROP INDEX IF EXISTS "opin_year_figures"')
            schema_editor.execute(
                'CREATE INDEX "opin_year_figures" ON "opinions_constituentopinion" '
                f"({KEY}) INCLUDE ({include})"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("opinions", "0005_year_figures_index")]

    operations = [migrations.RunPython(_replace(AFTER), _replace(BEFORE), elidable=False)]
