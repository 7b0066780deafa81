"""renda sms send: send the outbox's due e-mails and text messages (held for the quiet hours,
or to be tried again); renda sms test PHONE: send one text message through SMS_BACKEND now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from renda.core.outbox import deliver
from renda.core.sms import mobile_number, sms_text
from renda.core.sms_backends import SmsMessage, get_backend


class Command(BaseCommand):
    help = "Send the outbox's due messages (send), or one test message to a phone (test PHONE)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["send", "test"])
        parser.add_argument("phone", nargs="?", default="")
        parser.add_argument("--limit", type=int, default=500, help="At most this many messages.")

    def handle(self, *args: Any, action: str, phone: str, limit: int, **options: Any) -> None:
        if action == "test":
            number = mobile_number(phone)
            if not number:
                raise CommandError(f"not a mobile number: {phone!r}")
            sent = get_backend().send_messages(
                [SmsMessage(phone=number, text=sms_text("renda: test message"), key="test")]
            )
            self.stdout.write(f"sent: {sent}")
            return
        outcome = deliver(limit=limit)
        self.stdout.write(
            f"sent: {outcome['sent']}, to retry: {outcome['pending']}, failed: {outcome['failed']}"
        )
