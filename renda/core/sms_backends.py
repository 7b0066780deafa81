"""SMS backends, chosen by the SMS_BACKEND setting (a dotted path), like Django's EMAIL_BACKEND.

A backend is a class with `send_messages(messages) -> int` (how many were accepted); an
exception or a count short of the messages given means not sent, and the outbox
(renda/core/sms.py) tries again later. A provider's adapter (Aliyun, Tencent Cloud, a
provincial gateway) is a subclass of BaseSmsBackend that overrides `send_messages`, or a
configuration of HttpGatewayBackend when the provider takes a plain HTTP request.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    """One text message as the backend sends it: the phone, the whole text (with its
    【sign】), and the outbox key, which a provider may take as its own idempotency id."""

    phone: str
    text: str
    key: str = ""


class SmsError(Exception):
    """The gateway refused the message or did not answer; the outbox records the reason."""


class BaseSmsBackend:
    """What every backend is: `send_messages` sends and returns how many were accepted."""

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:  # pragma: no cover
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Development and the demo: prints each message (and logs it) instead of sending it."""

    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.stdout

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        for m in messages:
            self.stream.write(f"SMS to {m.phone}: {m.text}\n")
            log.info("SMS (console) to %s: %s", m.phone, m.text)
        self.stream.flush()
        return len(messages)


# The locmem backend's messages, as django.core.mail.outbox is for e-mail; tests empty it.
outbox: list[SmsMessage] = []
_outbox_lock = threading.Lock()


class LocmemBackend(BaseSmsBackend):
    """Tests: keeps the messages in `renda.core.sms_backends.outbox`."""

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        with _outbox_lock:
            outbox.extend(messages)
        return len(messages)


class DummyBackend(BaseSmsBackend):
    """Production without a gateway configured: nothing is sent, and the outbox says so."""

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        raise SmsError("no SMS gateway is configured (SMS_BACKEND, SMS_GATEWAY_URL)")


def _fill(template: Any, values: dict[str, str]) -> Any:
    """Put the values into every string of a JSON template ({phone}, {text}, {sign}, {key}).
    Replaced string by string, so a text with braces or quotes cannot break the body."""
    if isinstance(template, str):
        for name, value in values.items():
            template = template.replace("{" + name + "}", value)
        return template
    if isinstance(template, dict):
        return {k: _fill(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [_fill(v, values) for v in template]
    return template


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class HttpGatewayBackend(BaseSmsBackend):
    """A generic HTTP SMS gateway, one request per message, configured by settings:

    SMS_GATEWAY_URL       where to send (required)
    SMS_GATEWAY_METHOD    POST (default) or GET (the body becomes the query string)
    SMS_GATEWAY_FORMAT    json (default) or form
    SMS_GATEWAY_BODY      a JSON object whose strings may hold {phone} {text} {sign} {key}
    SMS_GATEWAY_API_KEY, SMS_GATEWAY_API_KEY_HEADER   a secret sent in that header
    SMS_GATEWAY_TIMEOUT   seconds to wait for the answer
    SMS_GATEWAY_SUCCESS   "" (any 2xx answer) or "field.path=value" checked in the JSON answer
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.url = kwargs.get("url") or settings.SMS_GATEWAY_URL
        if not self.url:
            raise ImproperlyConfigured("SMS_GATEWAY_URL is needed by the HTTP SMS gateway backend")
        self.method = (kwargs.get("method") or settings.SMS_GATEWAY_METHOD).upper()
        self.format = kwargs.get("format") or settings.SMS_GATEWAY_FORMAT
        try:
            self.body = json.loads(kwargs.get("body") or settings.SMS_GATEWAY_BODY)
        except ValueError as exc:
            raise ImproperlyConfigured(f"SMS_GATEWAY_BODY is not JSON: {exc}") from exc
        self.api_key = kwargs.get("api_key", settings.SMS_GATEWAY_API_KEY)
        self.api_key_header = kwargs.get("api_key_header") or settings.SMS_GATEWAY_API_KEY_HEADER
        self.timeout = float(kwargs.get("timeout") or settings.SMS_GATEWAY_TIMEOUT)
        self.success = kwargs.get("success", settings.SMS_GATEWAY_SUCCESS)

    def request_for(self, message: SmsMessage) -> urllib.request.Request:
        values = {
            "phone": message.phone,
            "text": message.text,
            "sign": settings.SMS_SIGN,
            "key": message.key,
        }
        body = _fill(self.body, values)
        headers = {"Accept": "application/json"}
        if self.api_key:
            headers[self.api_key_header] = self.api_key
        url, data = self.url, None
        if self.method == "GET":
            query = urllib.parse.urlencode(body, doseq=True)
            url = f"{url}{'&' if '?' in url else '?'}{query}"
        elif self.format == "form":
            data = urllib.parse.urlencode(body, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        else:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        return urllib.request.Request(url, data=data, headers=headers, method=self.method)

    def check(self, status: int, answer: bytes) -> None:
        """Raise SmsError unless the answer says the message was accepted."""
        if not 200 <= status < 300:
            raise SmsError(f"HTTP {status}: {answer[:200].decode(errors='replace')}")
        if not self.success:
            return
        path, _eq, expected = self.success.partition("=")
        try:
            found = _lookup(json.loads(answer), path.strip())
        except ValueError:
            raise SmsError(f"not JSON: {answer[:200].decode(errors='replace')}") from None
        if str(found) != expected.strip():
            raise SmsError(f"{path.strip()} is {found!r}, not {expected.strip()!r}")

    def send_one(self, message: SmsMessage) -> None:
        try:
            with urllib.request.urlopen(self.request_for(message), timeout=self.timeout) as r:
                status, answer = r.status, r.read(64_000)
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, exc.read(64_000)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"gateway unreachable: {getattr(exc, 'reason', exc)}") from exc
        self.check(status, answer)

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        sent = 0
        for m in messages:
            try:
                self.send_one(m)
            except SmsError:
                if not self.fail_silently:
                    raise
                log.exception("SMS to gateway failed")
            else:
                sent += 1
        return sent


def get_backend(path: str | None = None, **kwargs: Any) -> BaseSmsBackend:
    """The configured backend (SMS_BACKEND), or the one named."""
    cls = import_string(path or settings.SMS_BACKEND)
    backend: BaseSmsBackend = cls(**kwargs)
    return backend
