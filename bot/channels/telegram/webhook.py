"""Webhook mode: a POST endpoint that checks Telegram's secret token and queues the update for the Application."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlparse

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.channels.telegram.inbox import store_updates
from bot.store import Store

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram/webhook"


def webhook_path(url: str) -> str:
    """The local path Telegram will post to, taken from the public webhook URL."""
    path = urlparse(url).path if url else ""
    return path if path and path != "/" else DEFAULT_PATH


def make_endpoint(
    application: Application, secret: str, store: Store | None = None
) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint: 403 without the right secret header, 400 for junk, else store and queue the update and 200.

    200 tells Telegram the update is ours; so it is sent only after the update is in the store (a store
    failure answers 503, and Telegram delivers the update again).
    """

    async def endpoint(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning(
                "rejected a webhook request from %s: wrong or missing secret token",
                request.client.host if request.client else "?",
            )
            return Response(status_code=403)
        try:
            update = Update.de_json(json.loads(await request.body()), application.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("rejected a malformed webhook update: %s", exc)
            return Response(status_code=400)
        if store is not None:
            try:
                await store_updates(store, [update])
            except Exception:  # anything but "stored" must not be acknowledged
                log.exception("could not store webhook update %s; Telegram will retry it", update.update_id)
                return Response(status_code=503)
        await application.update_queue.put(update)
        return Response(status_code=200)

    return endpoint


def webhook_app(application: Application, secret: str, path: str, store: Store | None = None) -> Starlette:
    """A standalone ASGI app with just the webhook route (for `shopbot telegram --webhook`)."""
    return Starlette(routes=[Route(path, make_endpoint(application, secret, store), methods=["POST"])])
