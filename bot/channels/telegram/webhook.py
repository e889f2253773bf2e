"""Webhook mode: a POST endpoint that checks Telegram's secret token and queues the update for the Application."""

from __future__ import annotations

import hmac
import json
import logging
from urllib.parse import urlparse

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH = "/telegram/webhook"


def webhook_path(url: str) -> str:
    """The local path Telegram will post to, taken from the public webhook URL."""
    path = urlparse(url).path if url else ""
    return path if path and path != "/" else DEFAULT_PATH


def make_endpoint(application: Application, secret: str):  # type: ignore[no-untyped-def]
    """A Starlette endpoint: 403 without the right secret header, 400 for junk, else queue the update and 200."""

    async def endpoint(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("rejected a webhook request from %s: wrong or missing secret token", request.client.host if request.client else "?")
            return Response(status_code=403)
        try:
            update = Update.de_json(json.loads(await request.body()), application.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("rejected a malformed webhook update: %s", exc)
            return Response(status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)

    return endpoint


def webhook_app(application: Application, secret: str, path: str) -> Starlette:
    """A standalone ASGI app with just the webhook route (for `shopbot telegram --webhook`)."""
    return Starlette(routes=[Route(path, make_endpoint(application, secret), methods=["POST"])])
