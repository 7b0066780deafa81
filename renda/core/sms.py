"""Text messages: the 【sign】 and the length of a text, the check of a mobile number, and the
one way a domain sends an SMS to a member of the public (through the outbox, after commit).

Users' SMS notifications go through renda/core/notifications.py (their preferences decide);
the backends are in renda/core/sms_backends.py.
"""

from __future__ import annotations

import math
import re

from django.conf import settings
from django.utils import timezone

from renda.core.models import Channel
from renda.core.outbox import default_quiet_window, new_message, queue, quiet_until

# A mainland mobile number: 11 digits from 1, optionally written with +86 / 86 and spaces.
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
SINGLE = 70  # characters of one message
PART = 67  # characters of each part of a longer one


def mobile_number(phone: str) -> str:
    """The number as the gateway wants it (11 digits), or "" when it is no mobile number."""
    compact = re.sub(r"[\s\-()]", "", phone or "")
    if not _MOBILE.match(compact):
        return ""
    return compact[-11:]


def sms_text(text: str, tail: str = "") -> str:
    """【sign】, the text on one line, then `tail` (a link, kept whole): the text is cut with …
    so that the whole is at most SMS_MAX_LENGTH characters."""
    sign = f"【{settings.SMS_SIGN}】" if settings.SMS_SIGN else ""
    body = " ".join(str(text).split())
    if sign and body.startswith(sign):
        body = body[len(sign) :]
    tail = f" {tail.strip()}" if tail.strip() else ""
    room = max(settings.SMS_MAX_LENGTH - len(sign) - len(tail), 2)
    if len(body) > room:
        body = body[: room - 1].rstrip("，。、；：,.;: ") + "…"
    return sign + body + tail


def parts(text: str) -> int:
    """How many messages the carriers count for the text (what a gateway bills)."""
    return 1 if len(text) <= SINGLE else math.ceil(len(text) / PART)


def sms_to_public(*, key: str, phone: str, text: str, tail: str = "", urgent: bool = False) -> bool:
    """Queue one SMS to someone without an account who gave `phone` and asked for messages;
    sent after the commit, held for the quiet hours unless `urgent` (a reply to what they just
    did); `tail` (a link) is kept whole when the text is cut. `key` names the message
    (e.g. "opinion:12:receipt"): queued twice, sent once.
    False when `phone` is no mobile number."""
    number = mobile_number(phone)
    if not number:
        return False
    hold = None if urgent else quiet_until(timezone.now(), default_quiet_window())
    queue(
        [
            new_message(
                key=key,
                channel=Channel.SMS,
                to=number,
                text=sms_text(text, tail=tail),
                kind="public",
                hold_until=hold,
                urgent=urgent,
            )
        ]
    )
    return True
