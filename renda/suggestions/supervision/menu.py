"""Menu entries of the staff and leaders' suggestion pages, for SuggestionsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from renda.core.navigation import add_menu_item

add_menu_item(_("Suggestion supervision"), "suggestions:supervision", {"staff", "leader"}, order=20)
add_menu_item(_("Review queue"), "suggestions:review_queue", {"staff"}, order=21)
add_menu_item(_("All suggestions"), "suggestions:register", {"staff", "leader"}, order=22)
add_menu_item(_("Key suggestions"), "suggestions:key_suggestions", {"staff", "leader"}, order=23)
add_menu_item(_("Unit scores"), "suggestions:unit_scores", {"staff", "leader"}, order=24)
