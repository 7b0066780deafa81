"""SMS backends: the console and locmem ones, and the generic HTTP gateway against a local
stub server (accepted, refused, too slow); the 【sign】, the length and the mobile number."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from renda.core import sms_backends
from renda.core.sms import mobile_number, parts, sms_text
from renda.core.sms_backends import (
    ConsoleBackend,
    HttpGatewayBackend,
    LocmemBackend,
    SmsError,
    SmsMessage,
    get_backend,
)


class Gateway:
    """A stub SMS gateway on 127.0.0.1: records each request and answers as told."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.answer: dict[str, Any] = {"code": "0", "message": "OK"}
        self.delay = 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                gateway.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": self.rfile.read(length).decode(),
                    }
                )
                if gateway.delay:
                    time.sleep(gateway.delay)
                payload = json.dumps(gateway.answer).encode()
                try:
                    self.send_response(gateway.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            do_POST = do_GET = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Gateway:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings) -> Iterator[Gateway]:
    with Gateway() as g:
        settings.SMS_BACKEND = "renda.core.sms_backends.HttpGatewayBackend"
        settings.SMS_GATEWAY_URL = g.url
        settings.SMS_GATEWAY_BODY = json.dumps(
            {"mobile": "{phone}", "content": "{text}", "sign": "{sign}", "id": "{key}"}
        )
        settings.SMS_GATEWAY_API_KEY = "s3cret"
        settings.SMS_GATEWAY_API_KEY_HEADER = "X-Api-Key"
        settings.SMS_GATEWAY_SUCCESS = "code=0"
        settings.SMS_GATEWAY_TIMEOUT = 2
        yield g


MESSAGE = SmsMessage(phone="13812345678", text='【测试】您的建议已立案 "编号" {7}', key="n:1:sms")


def test_console_backend_prints_each_message():
    stream = io.StringIO()
    assert ConsoleBackend(stream=stream).send_messages([MESSAGE, MESSAGE]) == 2
    assert stream.getvalue().count("SMS to 13812345678: 【测试】您的建议已立案") == 2


def test_locmem_backend_keeps_the_messages(settings):
    sms_backends.outbox.clear()
    settings.SMS_BACKEND = "renda.core.sms_backends.LocmemBackend"
    backend = get_backend()
    assert isinstance(backend, LocmemBackend)
    assert backend.send_messages([MESSAGE]) == 1
    assert sms_backends.outbox == [MESSAGE]
    sms_backends.outbox.clear()


def test_the_dummy_backend_refuses_so_the_outbox_says_nothing_was_sent():
    with pytest.raises(SmsError, match="no SMS gateway"):
        sms_backends.DummyBackend().send_messages([MESSAGE])


def test_gateway_posts_the_filled_json_template_with_the_key_header(gateway, settings):
    settings.SMS_SIGN = "榆次人大"
    assert get_backend().send_messages([MESSAGE]) == 1
    (request,) = gateway.requests
    assert request["method"] == "POST" and request["path"] == "/send"
    assert request["headers"]["X-Api-Key"] == "s3cret"
    assert request["headers"]["Content-Type"].startswith("application/json")
    # Quotes and braces in the text cannot break the JSON body.
    assert json.loads(request["body"]) == {
        "mobile": "13812345678",
        "content": '【测试】您的建议已立案 "编号" {7}',
        "sign": "榆次人大",
        "id": "n:1:sms",
    }


def test_gateway_form_encoding_and_get(gateway, settings):
    settings.SMS_GATEWAY_FORMAT = "form"
    get_backend().send_messages([MESSAGE])
    assert "mobile=13812345678" in gateway.requests[-1]["body"]
    assert gateway.requests[-1]["headers"]["Content-Type"].startswith(
        "application/x-www-form-urlencoded"
    )
    settings.SMS_GATEWAY_METHOD = "GET"
    get_backend().send_messages([MESSAGE])
    assert gateway.requests[-1]["method"] == "GET"
    assert gateway.requests[-1]["path"].startswith("/send?mobile=13812345678&")


def test_gateway_error_status_raises_with_the_reason(gateway):
    gateway.status = 503
    gateway.answer = {"code": "busy"}
    with pytest.raises(SmsError, match="HTTP 503"):
        get_backend().send_messages([MESSAGE])


def test_gateway_success_check_reads_the_json_answer(gateway):
    gateway.answer = {"code": "40001", "message": "余额不足"}
    with pytest.raises(SmsError, match="code is '40001', not '0'"):
        get_backend().send_messages([MESSAGE])
    gateway.answer = {"code": 0}
    assert get_backend().send_messages([MESSAGE]) == 1


def test_gateway_too_slow_is_a_timeout_error(gateway, settings):
    settings.SMS_GATEWAY_TIMEOUT = 0.3
    gateway.delay = 1.0
    started = time.monotonic()
    with pytest.raises(SmsError, match="unreachable"):
        get_backend().send_messages([MESSAGE])
    assert time.monotonic() - started < 0.9


def test_gateway_unreachable_and_fail_silently(settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"  # the discard port: nothing listens
    backend = HttpGatewayBackend(fail_silently=True)
    assert backend.send_messages([MESSAGE]) == 0
    with pytest.raises(SmsError):
        HttpGatewayBackend().send_messages([MESSAGE])


def test_gateway_needs_its_url_and_a_json_body(settings):
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(ImproperlyConfigured, match="SMS_GATEWAY_URL"):
        HttpGatewayBackend()
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/"
    settings.SMS_GATEWAY_BODY = "phone={phone}"
    with pytest.raises(ImproperlyConfigured, match="SMS_GATEWAY_BODY"):
        HttpGatewayBackend()


def test_sms_text_has_the_sign_once_and_is_cut_keeping_the_link(settings):
    settings.SMS_SIGN = "榆次人大"
    settings.SMS_MAX_LENGTH = 40
    assert sms_text("您的建议\n已立案。") == "【榆次人大】您的建议 已立案。"
    assert sms_text("【榆次人大】已立案") == "【榆次人大】已立案"
    link = "https://r.cn/s/7/"
    text = sms_text("关于锦纶路与迎宾街交叉口红绿灯时间太短老人过马路来不及的建议已交办", tail=link)
    assert len(text) == 40
    assert text.startswith("【榆次人大】关于") and text.endswith("… " + link)


def test_parts_count_as_the_carriers_do():
    assert parts("字" * 70) == 1
    assert parts("字" * 71) == 2
    assert parts("字" * 134) == 2
    assert parts("字" * 135) == 3


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("0354-1234567", ""),  # a landline cannot take text messages
        ("12812345678", ""),
        ("", ""),
    ],
)
def test_mobile_number(typed, number):
    assert mobile_number(typed) == number


@pytest.mark.django_db
def test_the_sms_test_command_sends_one_text_and_refuses_a_landline(settings):
    sms_backends.outbox.clear()
    settings.SMS_BACKEND = "renda.core.sms_backends.LocmemBackend"
    out = io.StringIO()
    call_command("sms", "test", "138 1234 5678", stdout=out)
    assert out.getvalue().strip() == "sent: 1"
    assert [m.phone for m in sms_backends.outbox] == ["13812345678"]
    with pytest.raises(CommandError, match="not a mobile number"):
        call_command("sms", "test", "0354-1234567")
    sms_backends.outbox.clear()
