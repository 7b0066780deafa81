"""The meetings app: standing committee and chair's council meetings, their agenda, materials
and votes (常委会会议, 主任会议, 无纸化会议, 表决), and the deputies who attend them without a
vote with their forums (列席, 列席代表座谈会)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "renda.meetings"
    label = "meetings"
    verbose_name = _("Standing committee meetings")

    def ready(self) -> None:
        from renda.core.navigation import add_menu_item
        from renda.meetings import actions, actions_decisions  # noqa: F401  (binds the actions)

        add_menu_item(_("Meetings"), "meetings:list", {"staff", "leader", "deputy"}, order=30)
        add_menu_item(
            _("Decisions and resolutions"), "meetings:decisions", {"staff", "leader"}, order=31
        )
        add_menu_item(_("Appointments"), "meetings:proposals", {"staff", "leader"}, order=32)
        add_menu_item(_("Meeting notices"), "meetings:public", {"public"}, order=26)
        add_menu_item(
            _("Decisions and resolutions"), "meetings:public_decisions", {"public"}, order=27
        )
        add_menu_item(
            _("Appointments announced"), "meetings:public_appointments", {"public"}, order=28
        )
        # Among the stations' work entries, where deputies' attendance has always been listed.
        add_menu_item(
            _("Meetings attended"), "meetings:attended_list", {"staff", "leader"}, order=58
        )
