"""What petitions add to a deputy's record: their follow-up of a petition from their
constituency (read by performance through core.acts)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core.acts import ActKind, ActSource, item, register
from renda.petitions.models import DeputyFollowUp

register(
    ActSource(
        acts=lambda c: DeputyFollowUp.objects.filter(petition__congress_id=c),
        date="date",
        deputy_field="deputy",
        kind=ActKind.OTHER,
        related=("petition",),
        item=lambda f: item(
            ActKind.OTHER,
            f.date,
            _("Followed up a petition: %(title)s") % {"title": f.petition.title},
            f,
            reverse("petitions:petition", args=[f.petition_id]),
        ),
    ),
)
