"""The FastAPI application behind `shopbot serve`."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from bot import __version__
from bot.app import Services
from bot.channels.web import api, chat_api
from bot.channels.web import site
from bot.channels.web.kb_watch import CurrentWatcher
from bot.errors import KnowledgeBaseError

log = logging.getLogger(__name__)


def create_app(services: Services, *, watch_interval_s: float = 2.0) -> FastAPI:
    """Build the app; start-up opens the knowledge base (building it on first run)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(services.warm_up)
        watcher = CurrentWatcher(services.kb, interval_s=watch_interval_s)
        watcher.start()
        loop = asyncio.get_running_loop()
        try:
            loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(_reload_on_signal(services)))
        except (NotImplementedError, RuntimeError, ValueError):
            log.debug("SIGHUP reload not available here")
        log.info("shopbot %s ready (knowledge base %s)", __version__, services.kb.index.version)
        from bot.channels.telegram.runner import start_telegram, stop_telegram  # noqa: PLC0415 - only when serving

        telegram = await start_telegram(services, app)
        try:
            yield
        finally:
            await stop_telegram(telegram)
            watcher.stop()

    app = FastAPI(title="shopbot", version=__version__, lifespan=lifespan)
    app.state.services = services
    app.include_router(api.router)
    app.include_router(api.admin)
    app.include_router(chat_api.router)
    site.install(app)  # chat page, staff dashboard, admin pages, /static
    return app


async def _reload_on_signal(services: Services) -> None:
    log.info("SIGHUP: reloading the knowledge base")
    try:
        result = await asyncio.to_thread(services.kb.reload)
        log.info("reload finished: %s", result.as_dict())
    except KnowledgeBaseError as exc:
        log.error("reload failed, still serving the previous version: %s", exc)
