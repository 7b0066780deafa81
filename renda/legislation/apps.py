"""The legislation app: regulations through their stages, drafts, consultations, agenda topics."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "renda.legislation"
    label = "legislation"
    verbose_name = _("Legislation and opinion solicitation")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item

        # The declarations with their settings, the actions bound to them (`renda remind` takes
        # the consultations' expiry in a process that loads no page), and what a standing
        # committee meeting does to a draft on its agenda.
        from renda.legislation import actions, agenda, workflow  # noqa: F401

        # 立法意见征集: anyone comments on the drafts open for comment.
        add_menu_item(_("Comment on drafts"), "legislation:public", {"public"}, order=25)
        add_menu_item(_("Legislation"), "legislation:regulations", {"staff", "leader"}, order=40)
        add_menu_item(
            _("Consultations"), "legislation:consultations", {"staff", "deputy"}, order=41
        )
        add_menu_item(_("Agenda topics"), "legislation:topic_list", {"staff", "deputy"}, order=42)
        add_menu_item(_("Contact point"), "legislation:points", {"station"}, order=40)
        add_menu_item(_("Submit opinions"), "legislation:consultations", {"station"}, order=41)
