"""Deputies attending standing committee meetings without a vote (列席), the attendees' forums
(列席代表座谈会) and the opinions raised there. Until issue 12 they were the stations app's,
on meetings of their own; their rows moved here with meetings/0003."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.meetings.models.meetings import Meeting


class MeetingAttendance(models.Model):  # 列席: a deputy attends as a non-voting attendee
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    deputy = models.ForeignKey(
        "org.Deputy",
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="meetings_attended",
    )

    class Meta:
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendances")
        ordering = ["meeting", "deputy"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "deputy"], name="attendee_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.deputy_id}"


class AttendeeForum(models.Model):  # 列席代表座谈会: the attendees' forum at a meeting
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="forums")
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("attendee forum")
        verbose_name_plural = _("attendee forums")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.held_on})"


class ForumOpinion(models.Model):  # an opinion a deputy raised at the forum
    forum = models.ForeignKey(AttendeeForum, on_delete=models.CASCADE, related_name="opinions")
    deputy = models.ForeignKey(
        "org.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("opinion"))

    class Meta:
        verbose_name = _("forum opinion")
        verbose_name_plural = _("forum opinions")
        ordering = ["forum", "id"]

    def __str__(self) -> str:
        return self.text[:40]
