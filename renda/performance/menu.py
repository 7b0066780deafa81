"""Menu entries, imported by PerformanceConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from renda.core.navigation import add_menu_item

add_menu_item(_("My performance record"), "performance:mine", {"deputy"}, order=64)
add_menu_item(_("My score"), "performance:my_score", {"deputy"}, order=65)
add_menu_item(_("Performance rankings"), "performance:rankings", {"staff", "leader"}, order=66)
add_menu_item(_("Deputies' records"), "performance:deputies", {"staff", "leader"}, order=67)
add_menu_item(_("Scoring rules"), "performance:rules", {"staff"}, order=68)
add_menu_item(_("Manual entries"), "performance:entries", {"staff"}, order=69)
