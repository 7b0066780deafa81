"""Menu entries of the stations' work pages, imported by StationsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from renda.core.navigation import add_menu_item

add_menu_item(_("Log an activity"), "stations:activity_log", {"station"}, order=50)
add_menu_item(_("Station activities"), "stations:activity_list", {"station"}, order=51)
add_menu_item(_("Duty records"), "stations:duty_list", {"station"}, order=52)
add_menu_item(_("My duty records"), "stations:duty_list", {"deputy"}, order=53)
add_menu_item(_("My station activities"), "stations:activity_list", {"deputy"}, order=54)
add_menu_item(_("Station activities"), "stations:activity_list", {"staff", "leader"}, order=55)
add_menu_item(_("Duty records"), "stations:duty_list", {"staff", "leader"}, order=56)
add_menu_item(_("Trainings"), "stations:training_list", {"staff", "leader"}, order=57)
add_menu_item(_("Corrections"), "stations:correction_list", {"staff"}, order=58)
