"""Constituents' opinions and Open311 client keys move here from the stations app, with their
rows: the models are taken over as they stand (state only), their tables renamed, and the
content types repointed, so that the events and deadlines written before still find their
cases."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("apiclientkey", "constituentopinion")


def _repoint(apps, schema_editor, old: str, new: str) -> None:
    """The moved models' content types belong to `new` now (their ids stay, and with them
    every event, deadline and permission that names them)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Event = apps.get_model("core", "Event")
    Deadline = apps.get_model("core", "Deadline")
    db = schema_editor.connection.alias
    for model in MOVED:
        source = ContentType.objects.using(db).filter(app_label=old, model=model).first()
        if source is None:
            continue  # a fresh database: post_migrate creates the new one
        target = ContentType.objects.using(db).filter(app_label=new, model=model).first()
        if target is None:
            source.app_label = new
            source.save(update_fields=["app_label"])
            continue
        # Both exist (the new one made by an earlier run): the history moves to it.
        Event.objects.using(db).filter(content_type=source).update(content_type=target)
        Deadline.objects.using(db).filter(content_type=source).update(content_type=target)
        source.delete()


def forwards(apps, schema_editor):
    _repoint(apps, schema_editor, "stations", "opinions")


def backwards(apps, schema_editor):
    _repoint(apps, schema_editor, "opinions", "stations")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0002_deadline_label_translated'),
        ('org', '0001_initial'),
        ('stations', '0003_opinions_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The models as they stand in stations, on their tables there.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ApiClientKey',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('digest', models.CharField(max_length=64, unique=True)),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('last_used_at', models.DateTimeField(blank=True, null=True)),
                        ('congress', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.congress')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('station', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.contactstation', verbose_name='contact station')),
                    ],
                    options={
                        'verbose_name': 'Open311 client key',
                        'verbose_name_plural': 'Open311 client keys',
                        'ordering': ['congress', 'name'],
                        'db_table': 'stations_apiclientkey',
                    },
                ),
                migrations.CreateModel(
                    name='ConstituentOpinion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('station', 'Recorded at a station'), ('online', 'Submitted online'), ('app', 'Through an Open311 application')], max_length=10, verbose_name='source')),
                        ('category', models.CharField(choices=[('roads', 'Roads and transport'), ('housing', 'Housing and property'), ('environment', 'Environment and sanitation'), ('water', 'Water, power and heating'), ('education', 'Education'), ('health', 'Health and medical care'), ('social', 'Social security and employment'), ('agriculture', 'Agriculture and villages'), ('safety', 'Public safety'), ('governance', 'Administration and services'), ('other', 'Other')], max_length=20, verbose_name='category')),
                        ('place', models.CharField(blank=True, max_length=200, verbose_name='place')),
                        ('lat', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, verbose_name='latitude')),
                        ('long', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, verbose_name='longitude')),
                        ('content', models.TextField(verbose_name='content')),
                        ('attributes', models.JSONField(blank=True, default=dict, verbose_name='further answers')),
                        ('contact_name', models.CharField(blank=True, max_length=40, verbose_name='name')),
                        ('contact_phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('receipt_code', models.CharField(max_length=20, unique=True, verbose_name='receipt code')),
                        ('state', models.CharField(choices=[('recorded', 'Recorded'), ('resolved', 'Resolved on the spot'), ('referred', 'Referred to a unit'), ('answered', 'Answered by the unit'), ('closed', 'Closed, constituent told'), ('dismissed', 'Dismissed')], db_index=True, default='recorded', max_length=20, verbose_name='state')),
                        ('received_at', models.DateTimeField(db_index=True, verbose_name='received at')),
                        ('referred_at', models.DateTimeField(blank=True, null=True, verbose_name='referred at')),
                        ('answer_due', models.DateField(blank=True, null=True, verbose_name='answer due')),
                        ('answer', models.TextField(blank=True, verbose_name='answer')),
                        ('answer_kind', models.CharField(blank=True, choices=[('solved', 'Solved'), ('planned', 'Planned: to be solved later'), ('explained', 'Explained: cannot be solved now')], max_length=10, verbose_name='answer kind')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                        ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                        ('told_by', models.CharField(blank=True, choices=[('phone', 'Phone call'), ('message', 'Text message'), ('visit', 'Visit'), ('in_person', 'At the station'), ('receipt', 'Online, by the receipt code')], max_length=10, verbose_name='told by')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('rating', models.CharField(blank=True, choices=[('satisfied', 'Satisfied'), ('basic', 'Basically satisfied'), ('dissatisfied', 'Dissatisfied')], max_length=20, verbose_name='rating')),
                        ('rating_comment', models.TextField(blank=True, verbose_name='comment on the outcome')),
                        ('rated_at', models.DateTimeField(blank=True, null=True, verbose_name='rated at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('client_key', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='opinions.apiclientkey')),
                        ('congress', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.congress')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('station', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='constituent_opinions', to='org.contactstation', verbose_name='contact station')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='constituent_opinions', to='org.handlingunit', verbose_name='handling unit')),
                    ],
                    options={
                        'indexes': [
                            models.Index(fields=['congress', 'received_at'], name='stations_co_congres_06fce1_idx'),
                            models.Index(fields=['congress', 'state'], name='stations_co_congres_dd8d96_idx'),
                            models.Index(fields=['unit', 'state'], name='stations_co_unit_id_673264_idx'),
                        ],
                        'verbose_name': "constituent's opinion",
                        'verbose_name_plural': "constituents' opinions",
                        'ordering': ['-received_at', '-id'],
                        'db_table': 'stations_constituentopinion',
                    },
                ),
            ],
            database_operations=[],
        ),
        # Then their tables and indexes take this app's names.
        migrations.AlterModelTable(name='apiclientkey', table=None),
        migrations.AlterModelTable(name='constituentopinion', table=None),
        migrations.RenameIndex(model_name='constituentopinion', new_name='opinions_co_congres_0cc91b_idx', old_name='stations_co_congres_06fce1_idx'),
        migrations.RenameIndex(model_name='constituentopinion', new_name='opinions_co_congres_68463a_idx', old_name='stations_co_congres_dd8d96_idx'),
        migrations.RenameIndex(model_name='constituentopinion', new_name='opinions_co_unit_id_f6a48d_idx', old_name='stations_co_unit_id_673264_idx'),
        migrations.RunPython(forwards, backwards),
    ]
