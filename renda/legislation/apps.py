"""The legislation app: regulations through their stages, drafts, consultations, agenda topics."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "renda.legislation"
    label = "legislation"
    verbose_name = _("Legislation and opinion solicitation")
