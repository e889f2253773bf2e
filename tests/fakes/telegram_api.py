"""A fake Telegram Bot API server on 127.0.0.1: real HTTP, recorded calls, injected updates, scripted failures.

Drive it with a real PTB `Application` built with `.base_url(fake.base_url)` and `.base_file_url(fake.file_url)`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram.constants import FloodLimit

from tests.support.live_server import live_server

BOT_USER = {
    "id": 700000001,
    "is_bot": True,
    "first_name": "Shop",
    "username": "shop_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
JSON_FIELDS = {"reply_markup", "entities", "allowed_updates", "link_preview_options", "reply_parameters", "commands"}
MESSAGE_METHODS = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}


class FakeError(Exception):
    """A Bot API error answer (ok: false) from a method handler."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


@dataclass(slots=True)
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    t: float  # time.monotonic() when it arrived
    status: int = 200

    @property
    def chat_id(self) -> int | None:
        """The chat the call addressed, if any."""
        value = self.params.get("chat_id")
        return int(value) if value is not None else None


@dataclass
class FakeTelegram:
    """The state behind the fake server; safe to use from the test thread."""

    token: str = "123456:TEST-token"
    base: str = ""
    calls: list[Call] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _failures: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1000))
    _msg_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> bytes, served by getFile and /file/bot<token>/
    # called with each call once it is recorded (accepted), before the answer goes back: a test can kill the bot
    # here, which is exactly "Telegram accepted the message and the bot died before it heard back"
    on_accept: Callable[[Call], None] | None = None

    # ------------------------------------------------------------------ URLs
    @property
    def base_url(self) -> str:
        """What PTB's `.base_url()` needs (the token is appended by PTB)."""
        return f"{self.base}/bot"

    @property
    def file_url(self) -> str:
        """What PTB's `.base_file_url()` needs."""
        return f"{self.base}/file/bot"

    # ------------------------------------------------------------------ injecting updates
    def next_update_id(self) -> int:
        """A fresh update id."""
        return next(self._ids)

    def inject(self, update: dict[str, Any]) -> int:
        """Queue a raw update for getUpdates; returns its update_id."""
        update.setdefault("update_id", self.next_update_id())
        with self._lock:
            self._updates.append(update)
        return int(update["update_id"])

    def message_update(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        kind: str = "message",
        update_id: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Build (not queue) an update carrying a message from a user in a chat."""
        user = {"id": user_id or chat_id, "is_bot": False, "first_name": f"User{user_id or chat_id}"}
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = user["first_name"]
        else:
            chat["title"] = f"Chat {chat_id}"
        msg: dict[str, Any] = {"message_id": next(self._msg_ids), "date": int(time.time()), "chat": chat, **extra}
        if kind != "channel_post":
            msg["from"] = user
        if text is not None:
            msg["text"] = text
            if text.startswith("/"):
                msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if kind == "edited_message":
            msg["edit_date"] = int(time.time())
        return {"update_id": update_id if update_id is not None else self.next_update_id(), kind: msg}

    def send_text(self, chat_id: int, text: str, *, user_id: int | None = None, update_id: int | None = None) -> int:
        """Queue a text message from a private chat; returns its update_id."""
        return self.inject(self.message_update(chat_id, text, user_id=user_id, update_id=update_id))

    def send_photo(self, chat_id: int, data: bytes, *, caption: str | None = None, file_size: int | None = None) -> int:
        """Queue a photo from a private chat (Telegram's sizes: a thumbnail and the full one); returns its update_id."""
        file_id = f"photo-{len(self.files) + 1}"
        self.files[file_id] = data
        self.files[file_id + "-thumb"] = data[:32]
        sizes = [
            {
                "file_id": file_id + "-thumb",
                "file_unique_id": file_id + "t",
                "width": 90,
                "height": 90,
                "file_size": 32,
            },
            {
                "file_id": file_id,
                "file_unique_id": file_id + "u",
                "width": 800,
                "height": 600,
                "file_size": len(data) if file_size is None else file_size,
            },
        ]
        extra: dict[str, Any] = {"photo": sizes, **({"caption": caption} if caption else {})}
        return self.inject(self.message_update(chat_id, **extra))

    def press(self, chat_id: int, data: str, *, user_id: int | None = None, message_id: int = 1) -> int:
        """Queue a press of an inline button carrying callback `data`."""
        user = {"id": user_id or chat_id, "is_bot": False, "first_name": f"User{user_id or chat_id}"}
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": "…",
        }
        return self.inject(
            {
                "callback_query": {
                    "id": str(self.next_update_id()),
                    "from": user,
                    "chat_instance": str(chat_id),
                    "message": message,
                    "data": data,
                }
            }
        )

    # ------------------------------------------------------------------ scripted failures
    def fail_next(self, method: str, *, status: int = 429, retry_after: int | None = None, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with an error (429 + retry_after, or e.g. 502)."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": status,
            "description": "Too Many Requests" if status == 429 else "Bad Gateway",
        }
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
            body["description"] = f"Too Many Requests: retry after {retry_after}"
        with self._lock:
            self._failures.setdefault(method, []).extend([{"status": status, "body": body}] * times)

    # ------------------------------------------------------------------ reading what happened
    def sent(self, method: str = "sendMessage", *, chat_id: int | None = None) -> list[Call]:
        """Successful calls of `method`, optionally to one chat."""
        with self._lock:
            calls = list(self.calls)
        return [
            c for c in calls if c.method == method and c.status == 200 and (chat_id is None or c.chat_id == chat_id)
        ]

    def texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of the messages sent (to one chat)."""
        return [str(c.params.get("text", "")) for c in self.sent("sendMessage", chat_id=chat_id)]

    def wait_for(self, predicate: Callable[[], bool], *, timeout: float = 15.0, what: str = "condition") -> None:
        """Block until predicate() is true."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out waiting for {what}; calls: {[(c.method, c.params.get('text')) for c in self.calls][-20:]}"
                )
            time.sleep(0.02)

    def wait_messages(self, chat_id: int, count: int, *, timeout: float = 15.0) -> list[str]:
        """Wait until `count` messages went to the chat; return their texts."""
        self.wait_for(
            lambda: len(self.texts(chat_id)) >= count, timeout=timeout, what=f"{count} message(s) to chat {chat_id}"
        )
        return self.texts(chat_id)

    def rate_violations(
        self,
        *,
        per_chat_s: float = 1.0 / FloodLimit.MESSAGES_PER_SECOND_PER_CHAT,
        global_per_s: int = FloodLimit.MESSAGES_PER_SECOND,
        tolerance_s: float = 0.03,
    ) -> list[str]:
        """Where the bot broke the limits: <1 message/s per chat, <=30 messages/s overall."""
        sends = sorted((c for c in self.calls if c.method in MESSAGE_METHODS and c.status == 200), key=lambda c: c.t)
        problems: list[str] = []
        last: dict[int | None, float] = {}
        for c in sends:
            if c.chat_id in last and c.t - last[c.chat_id] < per_chat_s - tolerance_s:
                problems.append(f"chat {c.chat_id}: two messages {c.t - last[c.chat_id]:.3f}s apart")
            last[c.chat_id] = c.t
        times = [c.t for c in sends]
        for i in range(len(times) - global_per_s):
            if times[i + global_per_s] - times[i] < 1.0 - tolerance_s:
                problems.append(f"{global_per_s + 1} messages within {times[i + global_per_s] - times[i]:.3f}s")
        return problems

    # ------------------------------------------------------------------ the HTTP side
    def app(self) -> Starlette:
        """The ASGI app."""
        return Starlette(
            routes=[
                Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
                Route("/file/bot{token}/{path:path}", self._file, methods=["GET"]),
            ]
        )

    async def _file(self, request: Request) -> Response:
        path = str(request.path_params["path"])
        data = self.files.get(path.removeprefix("photos/").rsplit(".", 1)[0])
        if request.path_params["token"] != self.token or data is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)
        return Response(data, media_type="application/octet-stream")

    async def _endpoint(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        if request.path_params["token"] != self.token:
            return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, status_code=401)
        try:
            params = await _params(request)
        except ClientDisconnect:  # the bot shut down mid-request (e.g. a long poll)
            return JSONResponse({"ok": False, "error_code": 499, "description": "client went away"}, status_code=499)
        call = Call(method, params, time.monotonic())
        with self._lock:
            failure = self._failures.get(method, []).pop(0) if self._failures.get(method) else None
            if failure:
                call.status = failure["status"]
            self.calls.append(call)
        if failure:
            return JSONResponse(failure["body"], status_code=failure["status"])
        if self.on_accept is not None:
            self.on_accept(call)
        if method == "getUpdates":
            return JSONResponse({"ok": True, "result": await self._get_updates(params)})
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return JSONResponse(
                {"ok": False, "error_code": 404, "description": f"Not Found: method {method}"}, status_code=404
            )
        try:
            result = handler(params)
        except FakeError as exc:
            return JSONResponse(
                {"ok": False, "error_code": exc.status, "description": exc.description}, status_code=exc.status
            )
        return JSONResponse({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.01)

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        return {
            "message_id": next(self._msg_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": params.get("text", ""),
        }

    def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:  # Telegram answers 400 "wrong file_id"; PTB raises BadRequest
            raise FakeError(400, "Bad Request: wrong file_id or the file is temporarily unavailable")
        return {
            "file_id": file_id,
            "file_unique_id": file_id + "u",
            "file_size": len(self.files[file_id]),
            "file_path": f"photos/{file_id}.jpg",
        }

    def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params)

    def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**self._message(params), "message_id": int(params.get("message_id") or 0)}

    def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**self._message(params), "message_id": int(params.get("message_id") or 0)}

    def _m_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def _m_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    def _m_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}


async def _params(request: Request) -> dict[str, Any]:
    """PTB posts form fields (JSON-encoded where complex) or a JSON body."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = await request.body()
        return dict(json.loads(body)) if body else {}
    form = await request.form()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = str(value)
        params[key] = json.loads(text) if key in JSON_FIELDS else text
    return params


@contextmanager
def fake_telegram(**kwargs: Any) -> Iterator[FakeTelegram]:
    """Run a FakeTelegram under uvicorn on 127.0.0.1 for the duration of the block."""
    fake = FakeTelegram(**kwargs)
    with live_server(fake.app()) as url:
        fake.base = url
        yield fake
