"""Standing committee meetings attended without a vote, their attendances and forums are the
meetings app's now, on its one meeting model; meetings/0003 copied their rows and repointed
their history: the old tables go."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('stations', '0003_opinions_move_out'),
        ('meetings', '0003_attended'),
    ]

    operations = [
        migrations.DeleteModel(name='ForumOpinion'),
        migrations.DeleteModel(name='AttendeeForum'),
        migrations.DeleteModel(name='MeetingAttendance'),
        migrations.DeleteModel(name='StandingMeeting'),
    ]
