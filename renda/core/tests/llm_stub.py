"""A stub language model for the tests: a threading HTTP server speaking the chat-completions
protocol on 127.0.0.1, never a real model. It remembers what it received (to check the masking)
and can answer slowly, with a 500 or with malformed JSON.

    with StubModel(reply="摘要") as stub, stub.configured():
        draft(...)            # stub.received[-1] is the JSON the platform sent
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from django.test import override_settings

MODES = ("ok", "slow", "error", "malformed", "empty")


class StubModel:
    def __init__(
        self,
        reply: str | Callable[[dict[str, Any]], str] = "机器起草的文字。",
        *,
        mode: str = "ok",
        delay: float = 2.0,
        model: str = "stub-model",
    ) -> None:
        assert mode in MODES
        self.reply, self.mode, self.delay, self.model = reply, mode, delay, model
        self.received: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                stub.received.append(payload)
                stub.headers.append(dict(self.headers))
                if self.path != "/v1/chat/completions":
                    return self._send(404, b'{"error": "not found"}')
                if stub.mode == "slow":
                    time.sleep(stub.delay)
                if stub.mode == "error":
                    return self._send(500, b'{"error": {"message": "model crashed"}}')
                if stub.mode == "malformed":
                    return self._send(200, b'{"choices": [{"message": ')
                text = "" if stub.mode == "empty" else stub.text(payload)
                answer = {
                    "id": "stub-1",
                    "object": "chat.completion",
                    "model": stub.model,
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": text},
                        }
                    ],
                }
                self._send(200, json.dumps(answer, ensure_ascii=False).encode())

            def _send(self, status: int, body: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def text(self, payload: dict[str, Any]) -> str:
        return self.reply(payload) if callable(self.reply) else self.reply

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @contextmanager
    def configured(self, *, timeout: int = 5, api_key: str = "stub-key") -> Iterator[StubModel]:
        """The platform's settings pointing at this stub."""
        with override_settings(
            LLM_BASE_URL=self.base_url, LLM_MODEL="stub", LLM_API_KEY=api_key, LLM_TIMEOUT=timeout
        ):
            yield self

    def prompts(self) -> list[str]:
        """Every message's text the stub received."""
        return [m["content"] for p in self.received for m in p.get("messages", [])]

    def __enter__(self) -> StubModel:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
