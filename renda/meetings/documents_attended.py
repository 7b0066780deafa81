"""A meeting's attending deputies and the opinions raised at its forums as .xlsx (列席代表
意见汇总表), for the committees that take them into their deliberation reports."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from renda.core.spreadsheets import Column, first_sheet, sheet_name, workbook_bytes, write_table
from renda.meetings.models import AttendeeForum, Meeting, MeetingAttendance
from renda.org.spreadsheets import attendee_columns, attendee_rows


def meeting_table(
    *,
    meeting: Meeting,
    attendees: list[MeetingAttendance],
    forums: list[AttendeeForum],
) -> bytes:
    """列席代表意见汇总表: every opinion raised at the meeting's forums, by whom, for the
    committees to take into their deliberation reports; and the deputies who attended."""
    wb = Workbook()
    taken: set[str] = set()
    ws = first_sheet(wb)
    ws.title = sheet_name(_("Forum opinions"), taken)
    opinions = [(f, o) for f in forums for o in f.opinions.all()]
    write_table(
        ws,
        title=_("Opinions of the attending deputies: %(meeting)s") % {"meeting": meeting.title},
        subtitle=_("%(date)s · %(n)d opinions at %(forums)d forums")
        % {"date": meeting.start_date.isoformat(), "n": len(opinions), "forums": len(forums)},
        columns=[
            Column(_("No."), 6),
            Column(_("Forum held on"), 12, is_date=True),
            Column(_("Deputy"), 12),
            Column(_("Delegation"), 20),
            Column(_("Opinion"), 70),
        ],
        rows=(
            [
                i,
                f.held_on,
                o.deputy.person.name,
                o.deputy.delegation.name if o.deputy.delegation else "",
                o.text,
            ]
            for i, (f, o) in enumerate(opinions, start=1)
        ),
    )
    write_table(
        wb.create_sheet(sheet_name(_("Attending deputies"), taken)),
        title=meeting.title,
        subtitle=_("%(n)d deputies attending") % {"n": len(attendees)},
        columns=attendee_columns(),
        rows=attendee_rows(attendees),
    )
    return workbook_bytes(wb)
