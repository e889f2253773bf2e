"""A request body over its limit is refused with 413 before the application reads it.

Pure ASGI, in front of every route: a declared Content-Length over the path's limit is answered at once (nothing
is read or spooled), and a chunked body is counted as it arrives; past the limit the application sees the client
gone and the shopper gets the 413, whatever the route would have answered."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimit:
    """ASGI middleware: `default` bytes for every path, `paths` for the routes that take more (the photo upload)."""

    def __init__(self, app: ASGIApp, *, default: int, paths: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = default
        self.paths = dict(paths or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(str(scope.get("path", "")), self.default)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await too_large(send, limit)
            return
        state: dict[str, Any] = {"seen": 0, "over": False, "started": False}

        async def counted() -> Message:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > limit:
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            if state["over"] and not state["started"]:
                return  # the 413 below replaces what the route answers to a body it never got whole
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await too_large(send, limit)


async def too_large(send: Send, limit: int) -> None:
    """413 with the one-line reason, and the connection closed (the rest of the body is never read)."""
    body = json.dumps({"detail": f"the request body is too large (the limit is {limit:,} bytes)"}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers + [(b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
