"""What legislation adds to a deputy's record: opinions on drafts and on meeting topics
(read by performance through core.acts)."""

from __future__ import annotations

from django.urls import reverse

from renda.core.acts import ActKind, ActSource, day, item, register
from renda.legislation.models import Opinion, TopicAnswer
from renda.legislation.workflow import COUNTED_OPINIONS

register(
    ActSource(
        acts=lambda c: Opinion.objects.filter(congress_id=c, state__in=COUNTED_OPINIONS),
        date="submitted_at",
        deputy_field="deputy",
        kind=ActKind.DRAFT_OPINION,
        related=("consultation",),
        item=lambda o: item(
            ActKind.DRAFT_OPINION,
            day(o.submitted_at),
            o.consultation.title,
            o,
            reverse("legislation:opinion", args=[o.pk]),
        ),
    ),
    ActSource(
        acts=lambda c: TopicAnswer.objects.filter(topic__solicitation__congress_id=c),
        date="answered_at",
        deputy_field="deputy",
        kind=ActKind.TOPIC_ANSWER,
        related=("topic__solicitation",),
        item=lambda a: item(
            ActKind.TOPIC_ANSWER,
            day(a.answered_at),
            f"{a.topic.solicitation.meeting_title}: {a.topic.title}",
            a,
        ),
    ),
)
