"""Constituents' opinions and Open311 client keys now belong to the opinions app, which takes
over their tables and rows (opinions/0001): here they leave this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('stations', '0002_opinion_answer_kind'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='ConstituentOpinion'),
                migrations.DeleteModel(name='ApiClientKey'),
            ],
            database_operations=[],
        ),
    ]
