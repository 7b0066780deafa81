"""Menu entries of the staff and leaders' suggestion pages, for SuggestionsConfig.ready().

One entry: the overview's tabs lead to the queues, the register, key suggestions and scores
(one way to each page); beside it, for staff, the suggestions waiting to be reviewed or
assigned."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.navigation import SUGGESTIONS, add_menu_item


def waiting_for_staff(user: Any) -> int:
    if not user.has_perm("suggestions.manage"):
        return 0
    from renda.suggestions.models import Suggestion, SuggestionState

    return Suggestion.objects.filter(
        congress_id=user.congress_id,
        state__in=[SuggestionState.SUBMITTED, SuggestionState.ACCEPTED],
    ).count()


add_menu_item(
    _("Suggestion supervision"),
    "suggestions:supervision",
    {"staff", "leader"},
    order=20,
    group=SUGGESTIONS,
    waiting=waiting_for_staff,
)
