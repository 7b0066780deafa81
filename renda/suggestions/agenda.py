"""Key suggestions at a standing committee meeting: the item hearing the government's report on
handling key suggestions (重点建议办理情况) holds the satisfaction polls on them that staff opened
for that meeting; members vote there, and the results show on the item once closed."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from renda.core import agenda
from renda.core.models import Poll
from renda.suggestions.models import Suggestion


def key_suggestion_polls(
    congress_id: int, first: datetime.date, last: datetime.date
) -> QuerySet[Any]:
    return Poll.objects.filter(
        congress_id=congress_id,
        content_type=ContentType.objects.get_for_model(Suggestion),
        opened_at__date__gte=first,
        opened_at__date__lte=last,
    ).order_by("opened_at", "id")


agenda.register_polls("key_suggestions", key_suggestion_polls)
