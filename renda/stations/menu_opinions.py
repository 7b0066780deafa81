"""Menu entries of the constituents' opinion pages, imported by StationsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from renda.core.navigation import PUBLIC, add_menu_item

add_menu_item(_("Record an opinion"), "stations:opinion_record", {"station"}, 40)
add_menu_item(_("Station opinions"), "stations:opinion_station", {"station"}, 41)
add_menu_item(_("Referred opinions"), "stations:opinion_unit", {"handler"}, 42)
add_menu_item(_("Constituents' opinions"), "stations:opinions", {"staff", "leader"}, 43)
add_menu_item(_("Open311 keys"), "stations:keys", {"staff"}, 48)
add_menu_item(_("Submit an opinion"), "stations:public_opinion_submit", {PUBLIC}, 44)
add_menu_item(_("Track my opinion"), "stations:public_opinion_track", {PUBLIC}, 45)
