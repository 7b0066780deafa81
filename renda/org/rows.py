"""The directory of deputies' rows written out in Python: the cells the template row wrote,
byte for byte, at a fraction of the cost (a template row cost about 0.5 ms, a third of the
page's server time at 50 rows; issue 18): escape() on each value, no format_html() per row."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from renda.core.templatetags.renda_ui import badge
from renda.org.models import Deputy, Person


def deputy_rows(deputies: list[Deputy], *, show_phone: bool) -> list[SafeString]:
    """One <tr> per deputy (queries.deputies: person, delegation and station selected)."""
    card, gender, party, occupation, delegation, station, phone, status = (
        escape(label)
        for label in (
            _("Card no."),
            _("Gender"),
            _("Political affiliation"),
            _("Occupation and post"),
            _("Delegation"),
            _("Contact station"),
            _("Mobile phone"),
            _("Status"),
        )
    )
    standing = mark_safe(" " + badge(_("Standing committee"), "info"))
    # The choices' labels once, not get_FOO_display() per cell.
    genders = {k: escape(v) for k, v in Person._meta.get_field("gender").flatchoices}
    badges = {
        k: badge(v, "success" if k == Deputy.Status.ACTIVE else "neutral")
        for k, v in Deputy.Status.choices
    }
    detail = reverse("org:deputy", args=[0])[:-2]  # "/directory/deputies/" + pk + "/"
    rows = []
    for d in deputies:
        person = d.person
        state = badges.get(d.status) or badge(d.status, "neutral")
        flag = standing if d.is_standing_committee_member else ""
        phone_cell = (
            f'<td class="nowrap" data-label="{phone}">{escape(person.phone)}</td>'
            if show_phone
            else ""
        )
        rows.append(
            mark_safe(
                "\n        <tr>"
                f'\n          <td class="nowrap" data-label="{card}">{escape(d.card_number)}</td>'
                f'\n          <td class="primary nowrap"><a href="{detail}{d.pk}/">'
                f"{escape(person.name)}</a>{flag}</td>"
                f'\n          <td data-label="{gender}">'
                f"{genders.get(person.gender) or escape(person.gender)}</td>"
                f'\n          <td data-label="{party}">{escape(person.party)}</td>'
                f'\n          <td data-label="{occupation}">{escape(person.occupation)}</td>'
                f'\n          <td class="nowrap" data-label="{delegation}">'
                f"{escape(d.delegation.name) if d.delegation else ''}</td>"
                f'\n          <td data-label="{station}">'
                f"{escape(d.station.name) if d.station else ''}</td>"
                f"\n          {phone_cell}"
                f'\n          <td data-label="{status}">{state}</td>'
                "\n        </tr>\n      "
            )
        )
    return rows
