"""The meetings app's tables, one module per part: the meetings themselves (members,
agenda, materials, votes)."""

from renda.meetings.models.meetings import (
    AgendaItem,
    Ballot,
    Choice,
    ItemKind,
    Material,
    Meeting,
    MeetingKind,
    MeetingState,
    MemberAttendance,
    Presence,
    Vote,
    VoteMethod,
    VoteState,
    material_path,
)

__all__ = [
    "AgendaItem",
    "Ballot",
    "Choice",
    "ItemKind",
    "Material",
    "Meeting",
    "MeetingKind",
    "MeetingState",
    "MemberAttendance",
    "Presence",
    "Vote",
    "VoteMethod",
    "VoteState",
    "material_path",
]
