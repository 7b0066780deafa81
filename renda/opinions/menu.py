"""Menu entries of the constituents' opinion pages, imported by OpinionsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from renda.core.navigation import PUBLIC, add_menu_item

add_menu_item(_("Record an opinion"), "opinions:opinion_record", {"station"}, 40)
add_menu_item(_("Station opinions"), "opinions:opinion_station", {"station"}, 41)
add_menu_item(_("Referred opinions"), "opinions:opinion_unit", {"handler"}, 42)
add_menu_item(_("Constituents' opinions"), "opinions:opinions", {"staff", "leader"}, 43)
add_menu_item(_("Open API keys (Open311)"), "opinions:keys", {"staff"}, 48)
add_menu_item(_("Submit an opinion"), "opinions:public_opinion_submit", {PUBLIC}, 44)
add_menu_item(_("Track my opinion"), "opinions:public_opinion_track", {PUBLIC}, 45)
