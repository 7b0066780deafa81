"""What suggestions and motions add to a deputy's record: suggestions led, co-signed and
motions proposed (read by performance through core.acts)."""

from __future__ import annotations

from django.urls import reverse

from renda.core.acts import ActKind, ActSource, day, item, register
from renda.suggestions.models import CoSigner, Motion, Suggestion, SuggestionState

# A suggestion still collecting co-signatures, or withdrawn, is not (yet) an act.
NOT_SUBMITTED = (SuggestionState.COSIGNING, SuggestionState.WITHDRAWN)


def _url(pk: int) -> str:
    return reverse("suggestions:detail", args=[pk])


register(
    ActSource(
        acts=lambda c: Suggestion.objects.filter(congress_id=c).exclude(state__in=NOT_SUBMITTED),
        year="year",
        deputy_field="lead_deputy",
        kind=ActKind.SUGGESTION,
        item=lambda s: item(ActKind.SUGGESTION, day(s.submitted_at), s.title, s, _url(s.pk)),
    ),
    ActSource(
        acts=lambda c: CoSigner.objects.filter(
            suggestion__congress_id=c, confirmed_at__isnull=False
        ).exclude(suggestion__state__in=NOT_SUBMITTED),
        year="suggestion__year",
        deputy_field="deputy",
        kind=ActKind.COSIGNED,
        related=("suggestion",),
        item=lambda cs: item(
            ActKind.COSIGNED,
            day(cs.confirmed_at),
            cs.suggestion.title,
            cs.suggestion,
            _url(cs.suggestion_id),
        ),
    ),
    ActSource(
        acts=lambda c: Motion.deputies.through.objects.filter(motion__congress_id=c),
        year="motion__year",
        deputy_field="deputy",
        kind=ActKind.MOTION,
        related=("motion",),
        item=lambda m: item(ActKind.MOTION, day(m.motion.submitted_at), m.motion.title, m.motion),
    ),
)
