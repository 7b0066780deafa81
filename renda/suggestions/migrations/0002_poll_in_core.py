"""Key suggestions' satisfaction polls move to core's one poll engine (core.Poll, core.PollVote):
each poll and its votes are copied with the same ids (events that name a poll stay right), the
suggestion points at its poll, and the members' vote deadlines take core's kind
(poll:<poll>:<voter>)."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models


def to_core(apps, schema_editor):
    OldPoll = apps.get_model("suggestions", "SatisfactionPoll")
    OldVote = apps.get_model("suggestions", "PollVote")
    Suggestion = apps.get_model("suggestions", "Suggestion")
    Poll = apps.get_model("core", "Poll")
    PollVote = apps.get_model("core", "PollVote")
    Deadline = apps.get_model("core", "Deadline")
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = list(OldPoll.objects.values())
    if not old:
        return
    ct, _ = ContentType.objects.get_or_create(app_label="suggestions", model="suggestion")
    Poll.objects.bulk_create(
        Poll(
            id=p["id"],
            congress_id=p["congress_id"],
            content_type_id=ct.pk,
            object_id=p["suggestion_id"],
            title=p["title"],
            report=p["report"],
            url=f"/suggestions/supervision/key/{p['suggestion_id']}/",
            opened_at=p["opened_at"],
            closed_at=p["closed_at"],
        )
        for p in old
    )
    PollVote.objects.bulk_create(
        PollVote(
            id=v["id"],
            poll_id=v["poll_id"],
            voter_id=v["voter_id"],
            result=v["result"],
            voted_at=v["voted_at"],
        )
        for v in OldVote.objects.values()
    )
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Poll, PollVote]):
            cursor.execute(sql)
    for p in old:
        Suggestion.objects.filter(pk=p["suggestion_id"]).update(poll=p["id"])
        for d in Deadline.objects.filter(
            content_type_id=ct.pk, object_id=p["suggestion_id"], kind__startswith="poll:"
        ):
            voter = d.kind.split(":")[-1]
            Deadline.objects.filter(pk=d.pk).update(kind=f"poll:{p['id']}:{voter}")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_poll"),
        ("suggestions", "0001_initial"),
    ]

    operations = [
        # The old reverse accessor (suggestion.poll) gives way to the new field first.
        migrations.AlterField(
            model_name="satisfactionpoll",
            name="suggestion",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="suggestions.suggestion",
            ),
        ),
        migrations.AddField(
            model_name="suggestion",
            name="poll",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.poll",
                verbose_name="satisfaction poll",
            ),
        ),
        migrations.RunPython(to_core, migrations.RunPython.noop),
        migrations.DeleteModel(name="PollVote"),
        migrations.DeleteModel(name="SatisfactionPoll"),
    ]
