"""What inspections add to a deputy's record: taking part in an inspection, a research item
or a deputies' visit (视察调研), read by performance through core.acts. It replaces the manual
"inspection" entries staff typed for the items recorded here; older manual entries still count."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core.acts import ActKind, ActSource, item, register
from renda.inspections.models import Member

register(
    ActSource(
        acts=lambda c: Member.objects.filter(inspection__congress_id=c, deputy__isnull=False),
        date="inspection__starts_on",
        deputy_field="deputy",
        kind=ActKind.INSPECTION,
        related=("inspection",),
        item=lambda m: item(
            ActKind.INSPECTION,
            m.inspection.starts_on,
            _("Took part in: %(title)s") % {"title": m.inspection.title},
            m,
            reverse("inspections:inspection", args=[m.inspection_id]),
        ),
    ),
)
