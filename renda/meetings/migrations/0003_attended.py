"""The deputies who attended standing committee meetings without a vote (列席) and their
forums move here from the stations app, onto the one meeting model: each stations meeting
becomes the meetings.Meeting it is (found by its day and its title or number, else recorded
as held: closed, numbered from its title within the term of its day), its attendances,
forums and opinions are copied keeping their ids, and the events and deadlines written on
it are repointed to the meeting, so that its history is found there (stations/0004 then
drops the old tables)."""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

from renda.meetings.held import held_meeting, term_on

def _term(Term, congress_id, day):
    """The term of the day; for a day before any term, the congress's first one; for a
    congress without terms, one begun that day, so that no row is lost."""
    found = term_on(Term, congress_id, day)
    if found is None:
        found = Term.objects.filter(congress_id=congress_id).order_by("start_date").first()
    if found is None:
        found = Term.objects.create(congress_id=congress_id, number=1, start_date=day)
    return found


def _repoint(apps, db, source, target, moved, actions=None):
    """Events and deadlines of the moved cases follow them (historical models: the append-only
    guard is the manager of today's Event, not of these)."""
    Event = apps.get_model("core", "Event")
    Deadline = apps.get_model("core", "Deadline")
    for old, new in moved.items():
        events = Event.objects.using(db).filter(content_type=source, object_id=old)
        if actions is not None:
            events = events.filter(action__in=actions)
        events.update(content_type=target, object_id=new)
        if actions is None:
            Deadline.objects.using(db).filter(content_type=source, object_id=old).update(
                content_type=target, object_id=new
            )


def _reset_sequences(schema_editor, models_):
    """The copied ids were given by hand: PostgreSQL's sequences must start after them."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)


def _copy(apps, schema_editor, moved, source, target, actions=None):
    """The attendances, forums and opinions of `source`'s models ("stations" or "meetings") on
    `target`'s, keeping their ids, each deputy once a meeting (`moved`: old meeting id -> new
    one); then the moved meetings' events (those of `actions`, if given) and deadlines."""
    db = schema_editor.connection.alias
    names = ("MeetingAttendance", "AttendeeForum", "ForumOpinion")
    OldAttendance, OldForum, OldOpinion = (apps.get_model(source, n) for n in names)
    Attendance, Forum, Opinion = (apps.get_model(target, n) for n in names)
    seen = set()
    attendances = []
    for a in OldAttendance.objects.using(db).order_by("id"):
        key = (moved[a.meeting_id], a.deputy_id)
        if key not in seen:  # two old meetings that are one meeting: each deputy once
            seen.add(key)
            attendances.append(Attendance(id=a.pk, meeting_id=key[0], deputy_id=a.deputy_id))
    Attendance.objects.using(db).bulk_create(attendances)
    Forum.objects.using(db).bulk_create(
        Forum(id=f.pk, meeting_id=moved[f.meeting_id], held_on=f.held_on, summary=f.summary)
        for f in OldForum.objects.using(db).order_by("id")
    )
    Opinion.objects.using(db).bulk_create(
        Opinion(id=o.pk, forum_id=o.forum_id, deputy_id=o.deputy_id, text=o.text)
        for o in OldOpinion.objects.using(db).order_by("id")
    )
    _reset_sequences(schema_editor, [Attendance, Forum, Opinion])
    ContentType = apps.get_model("contenttypes", "ContentType")
    case = {"stations": "standingmeeting", "meetings": "meeting"}
    old_type = ContentType.objects.using(db).filter(app_label=source, model=case[source])
    if moved and old_type.exists():
        new_type, _ = ContentType.objects.using(db).get_or_create(
            app_label=target, model=case[target]
        )
        _repoint(apps, db, old_type.get(), new_type, moved, actions)


def forwards(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("stations", "StandingMeeting")
    Meeting = apps.get_model("meetings", "Meeting")
    Term = apps.get_model("org", "Term")
    moved = {}
    for old in Old.objects.using(db).order_by("date", "id"):
        term = _term(Term, old.congress_id, old.date)
        meeting, _created = held_meeting(
            Meeting, congress_id=old.congress_id, term=term, title=old.title, day=old.date
        )
        moved[old.pk] = meeting.pk
    _copy(apps, schema_editor, moved, "stations", "meetings")


def backwards(apps, schema_editor):
    """The attendances and forums back on stations meetings (one per meeting that has any);
    the meetings recorded stay, with the rest of their history."""
    db = schema_editor.connection.alias
    Old = apps.get_model("stations", "StandingMeeting")
    Meeting = apps.get_model("meetings", "Meeting")
    ids = set()
    for name in ("MeetingAttendance", "AttendeeForum"):
        rows = apps.get_model("meetings", name).objects.using(db)
        ids |= set(rows.values_list("meeting_id", flat=True))
    moved = {}
    for m in Meeting.objects.using(db).filter(pk__in=ids).order_by("start_date", "id"):
        old, _ = Old.objects.using(db).get_or_create(
            congress_id=m.congress_id, title=m.title, date=m.start_date
        )
        moved[m.pk] = old.pk
    _reset_sequences(schema_editor, [Old])
    _copy(apps, schema_editor, moved, "meetings", "stations", actions=("attendance", "forum"))


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0002_deadline_label_translated'),
        ('meetings', '0002_decisions_appointments'),
        ('org', '0001_initial'),
        ('stations', '0003_opinions_move_out'),
    ]

    operations = [
        migrations.CreateModel(
            name='AttendeeForum',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='held on')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='forums', to='meetings.meeting')),
            ],
            options={
                'verbose_name': 'attendee forum',
                'verbose_name_plural': 'attendee forums',
                'ordering': ['held_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ForumOpinion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='opinion')),
                ('deputy', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.deputy', verbose_name='deputy')),
                ('forum', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opinions', to='meetings.attendeeforum')),
            ],
            options={
                'verbose_name': 'forum opinion',
                'verbose_name_plural': 'forum opinions',
                'ordering': ['forum', 'id'],
            },
        ),
        migrations.CreateModel(
            name='MeetingAttendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('deputy', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings_attended', to='org.deputy', verbose_name='deputy')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendances', to='meetings.meeting')),
            ],
            options={
                'verbose_name': 'meeting attendance',
                'verbose_name_plural': 'meeting attendances',
                'ordering': ['meeting', 'deputy'],
                'constraints': [models.UniqueConstraint(fields=('meeting', 'deputy'), name='attendee_once_per_meeting')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
