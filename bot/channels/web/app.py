"""The FastAPI application behind `shopbot serve`."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from bot import __version__
from bot.app import Services
from bot.channels.web import api, chat_api, orders_api, site
from bot.channels.web.body_limit import BodyLimit
from bot.channels.web.kb_watch import CurrentWatcher, follow_published
from bot.channels.web.turns import TURNS, recover_unanswered
from bot.channels.web.validation import short_validation_error
from bot.erasure import ErasureWatcher
from bot.errors import KnowledgeBaseError

log = logging.getLogger(__name__)


def create_app(services: Services, *, watch_interval_s: float | None = None, close_services: bool = False) -> FastAPI:
    """Build the app; start-up opens the knowledge base (building it on first run).

    `watch_interval_s`: how often CURRENT and erasures are polled (default SHOPBOT_KB_WATCH_S; 0 stops the
    CURRENT poll). `close_services`: close them at shutdown (a worker process that built them for this app).
    """
    lifespan = partial(
        _lifespan,
        services=services,
        watch_interval_s=services.settings.kb_watch_s if watch_interval_s is None else watch_interval_s,
        close_services=close_services,
    )
    app = FastAPI(title="shopbot", version=__version__, lifespan=lifespan)
    app.state.services = services
    app.add_exception_handler(RequestValidationError, short_validation_error)
    upload = services.settings.attachment_max_bytes + 64 * 1024  # the photo plus its multipart form
    app.add_middleware(BodyLimit, default=services.settings.max_body_bytes, paths={"/chat/upload": upload})
    app.state.ready = None  # set by the lifespan; None (tests over ASGI without it) means the caller opened everything
    app.state.health = "ok"
    app.include_router(api.router)
    app.include_router(api.admin)
    app.include_router(chat_api.router)
    app.include_router(orders_api.router)
    site.install(app)  # chat page, staff dashboard, admin pages, /static
    _mount_telegram_webhook(app, services)
    return app


def _mount_telegram_webhook(app: FastAPI, services: Services) -> None:
    """Webhook mode: the route exists from the first request, so a worker still starting (or restarted after a
    crash) holds an update until its channel runs, or answers 503, which Telegram retries; never 404."""
    settings = services.settings
    if not (settings.telegram_token.get_secret_value() and settings.telegram_mode == "webhook"):
        return
    from starlette.requests import Request
    from starlette.responses import Response

    from bot.channels.telegram.webhook import webhook_path

    async def endpoint(request: Request) -> Response:
        ready = request.app.state.ready
        if ready is not None and not ready.is_set():
            try:
                await asyncio.wait_for(ready.wait(), timeout=60)
            except TimeoutError:
                return Response(status_code=503, headers={"Retry-After": "5"})
        runner = getattr(request.app.state, "telegram", None)
        if runner is None:  # start-up failed, or the channel is not running
            return Response(status_code=503, headers={"Retry-After": "5"})
        response: Response = await runner.webhook_endpoint(request)
        return response

    app.add_route(webhook_path(settings.telegram_webhook_url), endpoint, methods=["POST"])


@asynccontextmanager
async def _lifespan(
    app: FastAPI, *, services: Services, watch_interval_s: float, close_services: bool
) -> AsyncIterator[None]:
    # Accept connections at once so /healthz can say "starting"; chat requests wait for the models.
    app.state.ready = asyncio.Event()
    app.state.health = "starting"
    watcher = CurrentWatcher(services.kb, interval_s=watch_interval_s)
    erasures = ErasureWatcher(services, interval_s=watch_interval_s or 2.0)  # made by `shopbot customers erase`
    started: dict[str, object] = {}
    task = asyncio.create_task(_start(app, services, watcher, erasures, started))
    try:
        yield
    finally:
        if not task.done():
            task.cancel()
        from bot.channels.telegram.runner import stop_telegram

        _stop_background(app)
        await TURNS.drain()  # turns whose browser left still store their replies
        if "telegram" in started:
            await stop_telegram(started["telegram"])  # type: ignore[arg-type]
        watcher.stop()
        erasures.stop()
        if "store" in services.__dict__:
            await asyncio.to_thread(services.store.checkpoint)  # no erased rows left in the WAL after shutdown
        if close_services:
            await asyncio.to_thread(services.close)


async def _start(
    app: FastAPI,
    services: Services,
    watcher: CurrentWatcher,
    erasures: ErasureWatcher,
    started: dict[str, object],
) -> None:
    """Load the models, then start the watchers, the background jobs, SIGHUP reloads and Telegram; then ready."""
    ready: asyncio.Event = app.state.ready
    try:
        await asyncio.to_thread(services.warm_up)
    except Exception as exc:  # noqa: BLE001 - reported by /healthz and the log, not a traceback per request
        app.state.health = f"failed: {exc}"
        log.error("start-up failed: %s", exc)
        ready.set()
        return
    if watcher.interval_s > 0:
        watcher.start()
    erasures.start()
    _start_background(app, services)
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(_reload_on_signal(services)))
    except (NotImplementedError, RuntimeError, ValueError):
        log.debug("SIGHUP reload not available here")
    from bot.channels.telegram.runner import start_telegram

    started["telegram"] = await start_telegram(services)  # its webhook route was mounted by create_app
    app.state.telegram = started[
        "telegram"
    ]  # campaigns sent from the dashboard share the replies' bot and rate limiter
    app.state.health = "ok"
    ready.set()
    log.warning(
        "shopbot %s ready (knowledge base %s, generator %s)",
        __version__,
        services.kb.index.version,
        services.settings.llm_backend,
    )


def _start_background(app: FastAPI, services: Services) -> None:
    """In the background (serve at once): answer what a crash left unanswered, assign hand-offs round-robin, resolve
    idle conversations."""
    from bot.channels.web.inbox import assign_on_handoff, resolve_idle

    app.state.background = [
        asyncio.create_task(recover_unanswered(services)),
        asyncio.create_task(follow_published(services.kb, services.bus)),  # a reload on any worker
        asyncio.create_task(assign_on_handoff(services)),
        asyncio.create_task(resolve_idle(services)),
        _start_campaign_scheduler(services, app),
    ]


def _stop_background(app: FastAPI) -> None:
    for task in getattr(app.state, "background", []):
        if not task.done():
            task.cancel()


def _start_campaign_scheduler(services: Services, app: FastAPI) -> asyncio.Task[None]:
    """Due and unfinished campaigns are sent from here, through the Telegram channel's bot once it runs (its rate
    limiter); cancelled with the other background tasks (bot/campaigns/scheduler.py)."""
    from bot.campaigns.scheduler import CampaignScheduler

    def bot() -> object | None:
        runner = getattr(app.state, "telegram", None)
        return runner.application.bot if runner is not None else None

    scheduler = app.state.campaign_scheduler = CampaignScheduler(services, bot, role="serve")
    return scheduler.start()


async def _reload_on_signal(services: Services) -> None:
    log.info("SIGHUP: reloading the knowledge base")
    try:
        result = await asyncio.to_thread(services.kb.reload)
        log.info("reload finished: %s", result.as_dict())
    except KnowledgeBaseError as exc:
        log.error("reload failed, still serving the previous version: %s", exc)
