"""A tiny OpenAI-compatible chat server on 127.0.0.1 with switchable misbehaviour.

Behaviours: "normal" (answers `reply`, JSON or SSE when `stream: true`), "slow" (sleeps
`slow_s` before answering), "429", "500", "malformed" (HTTP 200 with a body that is not JSON),
"cut" (streams half the reply, then `[DONE]` with no finish_reason, as llama-cpp-python's server
does when another request interrupts it) and "empty" (finishes at once with no text).
`cut_next = N` cuts only the next N streams. `in_flight`/`max_in_flight` count requests being served.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BEHAVIOURS = ("normal", "slow", "429", "500", "malformed", "cut", "empty")


class FakeOpenAIServer:
    """Serve /v1/chat/completions in a background thread; use as a context manager."""

    def __init__(
        self,
        *,
        reply: str = "Hello from the fake model.",
        behaviour: str = "normal",
        slow_s: float = 30.0,
        token_delay_s: float = 0.0,
    ) -> None:
        self.reply = reply
        self.token_delay_s = token_delay_s  # a pause before each streamed word: a model that takes its time
        self.behaviour = behaviour
        self.slow_s = slow_s
        self.requests: list[dict[str, Any]] = []
        self.cut_next = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._count_lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)

    @property
    def base_url(self) -> str:
        """The /v1 base URL to give a client."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def set(self, *, behaviour: str | None = None, reply: str | None = None) -> None:
        """Switch behaviour or reply for the following requests."""
        if behaviour is not None:
            if behaviour not in BEHAVIOURS:
                raise ValueError(f"unknown behaviour {behaviour!r}; one of {BEHAVIOURS}")
            self.behaviour = behaviour
        if reply is not None:
            self.reply = reply

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # wakes "slow" handlers so shutdown does not wait for them
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                return

            def do_POST(self) -> None:
                with server._count_lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._post()
                finally:
                    with server._count_lock:
                        server.in_flight -= 1

            def _post(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(body)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    return self._send(404, {"error": {"message": "not found"}})
                behaviour = server.behaviour
                if behaviour == "slow":
                    if server._stop.wait(server.slow_s):
                        return
                elif behaviour == "429":
                    return self._send(
                        429, {"error": {"message": "rate limited", "type": "rate_limit"}}, {"Retry-After": "0"}
                    )
                elif behaviour == "500":
                    return self._send(500, {"error": {"message": "boom", "type": "server_error"}})
                elif behaviour == "malformed":
                    return self._raw(200, b"{this is not json", "application/json")
                if body.get("stream"):
                    try:
                        return self._stream(body)
                    except (BrokenPipeError, ConnectionResetError):  # the client went away mid-stream (e.g. killed)
                        return None
                self._send(
                    200,
                    {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": server.reply},
                            }
                        ],
                        "usage": {
                            "prompt_tokens": 10,
                            "completion_tokens": len(server.reply.split()),
                            "total_tokens": 10 + len(server.reply.split()),
                        },
                    },
                )

            def _stream(self, body: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                words = [] if server.behaviour == "empty" else server.reply.split(" ")
                with server._count_lock:
                    cut = server.behaviour == "cut" or server.cut_next > 0
                    server.cut_next = max(0, server.cut_next - 1)
                if cut:
                    words = words[: max(1, len(words) // 2)]
                for i, word in enumerate(words):
                    if server.token_delay_s and server._stop.wait(server.token_delay_s):
                        return
                    delta = {"content": word + (" " if i < len(words) - 1 else "")}
                    if i == 0:
                        delta["role"] = "assistant"
                    self._event(
                        {
                            "id": "chatcmpl-fake",
                            "object": "chat.completion.chunk",
                            "created": int(time.time()),
                            "model": body.get("model", "fake"),
                            "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                        }
                    )
                if cut:  # llama-cpp-python's server ends an interrupted stream like this
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self._event(
                    {
                        "id": "chatcmpl-fake",
                        "object": "chat.completion.chunk",
                        "created": int(time.time()),
                        "model": body.get("model", "fake"),
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                    }
                )
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _event(self, payload: dict[str, Any]) -> None:
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

            def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                self._raw(status, json.dumps(payload).encode(), "application/json", headers)

            def _raw(self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
