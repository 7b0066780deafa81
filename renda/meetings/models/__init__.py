"""The meetings app's tables, one module per part: the meetings themselves (members,
agenda, materials, votes), and the deputies who attend them without a vote with their
forums."""

from renda.meetings.models.attended import AttendeeForum, ForumOpinion, MeetingAttendance
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
    "AttendeeForum",
    "Ballot",
    "Choice",
    "ForumOpinion",
    "ItemKind",
    "Material",
    "Meeting",
    "MeetingAttendance",
    "MeetingKind",
    "MeetingState",
    "MemberAttendance",
    "Presence",
    "Vote",
    "VoteMethod",
    "VoteState",
    "material_path",
]
