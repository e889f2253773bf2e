"""Start and stop the Telegram channel: polling or webhook, staff relay, restart recovery."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder
from telegram.request import HTTPXRequest

from bot.channels.telegram.bot import TelegramChannel
from bot.channels.telegram.inbox import InboxBot, pending_updates
from bot.channels.telegram.processor import PerChatUpdateProcessor
from bot.channels.telegram.ratelimit import ChatRateLimiter
from bot.channels.telegram.recovery import recover_unanswered
from bot.channels.telegram.relay import relay_staff_messages
from bot.channels.telegram.webhook import make_endpoint, webhook_path
from bot.core.ports import AssistantPort
from bot.errors import ConfigError

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from bot.app import Services

log = logging.getLogger(__name__)
COMMANDS = [
    ("start", "What I can do"),
    ("help", "Commands"),
    ("reset", "Start a new conversation"),
    ("privacy", "Personalised suggestions on/off"),
    ("stop", "No more offers"),
    ("forget", "Erase my data"),
]


class TelegramRunner:
    """Owns one PTB Application wired to the shop's services."""

    def __init__(
        self,
        services: Services,
        *,
        assistant: AssistantPort | None = None,
        mode: str | None = None,
        poll_timeout_s: int = 10,
        typing_interval_s: float = 4.0,
        turn_timeout_s: float = 120.0,
        rate_limiter: ChatRateLimiter | None = None,
        recover: bool = True,
    ) -> None:
        settings = services.settings
        self.services = services
        self.mode = mode or settings.telegram_mode
        self.token = settings.telegram_token.get_secret_value()
        if not self.token:
            raise ConfigError("SHOPBOT_TELEGRAM_TOKEN is empty: get a token from @BotFather")
        self.secret = settings.telegram_webhook_secret.get_secret_value()
        if self.mode == "webhook" and not (self.secret and settings.telegram_webhook_url):
            raise ConfigError("webhook mode needs SHOPBOT_TELEGRAM_WEBHOOK_URL and SHOPBOT_TELEGRAM_WEBHOOK_SECRET")
        self.poll_timeout_s = poll_timeout_s
        self.recover = recover
        self.rate_limiter = rate_limiter or ChatRateLimiter(coord=services.coord)
        self.channel = TelegramChannel(
            services, assistant=assistant, typing_interval_s=typing_interval_s, turn_timeout_s=turn_timeout_s
        )
        self.application = self._build()
        self.webhook_path = webhook_path(settings.telegram_webhook_url)
        self.webhook_endpoint = make_endpoint(self.application, self.secret, services.store)
        self.recovered: dict[str, int] = {}
        self._relay: asyncio.Task[None] | None = None

    def _build(self) -> Application:
        base = self.services.settings.telegram_base_url.rstrip("/")
        # our own ExtBot: it stores each fetched update before PTB's Updater acknowledges it (inbox.py)
        bot = InboxBot(
            self.token,
            base_url=base,
            base_file_url=base.removesuffix("/bot") + "/file/bot",
            request=HTTPXRequest(connection_pool_size=64, pool_timeout=30.0),
            get_updates_request=HTTPXRequest(),
            rate_limiter=self.rate_limiter,
            store=self.services.store,
        )
        processor = PerChatUpdateProcessor(256, store=self.services.store, coord=self.services.coord)
        builder = ApplicationBuilder().bot(bot).concurrent_updates(processor)
        if self.mode == "webhook":
            builder = builder.updater(None)
        app = builder.build()
        processor.application = app  # it runs a chat's older stored updates first (several workers)
        self.channel.register(app)
        return app

    async def start(self) -> None:
        """Connect, answer what was left unanswered, then start receiving updates."""
        app = self.application
        await app.initialize()
        await app.start()
        ready = asyncio.Event()
        self._relay = asyncio.create_task(relay_staff_messages(self.services.bus, app.bot, ready=ready))
        await ready.wait()
        with contextlib.suppress(TelegramError):
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
        if self.recover:
            # 1. replies stored but never confirmed sent; 2. updates stored but never handled (they go through the
            # handlers again, which skip what was done); 3. older unanswered messages that have no stored update
            sent = await self.channel.outbox.flush(app.bot)
            pending = await pending_updates(self.services.store, app.bot)
            for update in pending:
                await app.update_queue.put(update)
            skip = {f"telegram:{u.update_id}" for u in pending}
            self.recovered = await recover_unanswered(
                self.services, self.channel.assistant, app.bot, outbox=self.channel.outbox, skip=skip
            )
            self.recovered.update({"resent": sent, "refed": len(pending)})
            await asyncio.to_thread(self.services.store.inbox_prune)
        if self.mode == "webhook":
            await app.bot.set_webhook(
                self.services.settings.telegram_webhook_url,
                secret_token=self.secret,
                allowed_updates=Update.ALL_TYPES,
                max_connections=40,
            )
            log.info("Telegram webhook set; updates arrive at %s", self.webhook_path)
        else:
            assert app.updater is not None
            await app.updater.start_polling(
                timeout=self.poll_timeout_s,
                poll_interval=0.0,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
            log.info("Telegram polling started as @%s", app.bot.username)

    async def stop(self) -> None:
        """Stop receiving, finish the updates in hand, and disconnect."""
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if self._relay is not None:
            self._relay.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._relay
        await app.shutdown()
        self.channel.outbox.close()
        log.info("Telegram channel stopped")


async def start_telegram(services: Services, web_app: Starlette | None = None) -> TelegramRunner | None:
    """Start the channel inside `shopbot serve` when a token is set (webhook route mounted on `web_app`)."""
    if not services.settings.telegram_token.get_secret_value():
        return None
    runner = TelegramRunner(services)
    if runner.mode == "webhook" and web_app is not None:
        web_app.add_route(runner.webhook_path, runner.webhook_endpoint, methods=["POST"])
    await runner.start()
    return runner


async def stop_telegram(runner: TelegramRunner | None) -> None:
    """Stop a runner started by start_telegram (None is fine)."""
    if runner is not None:
        await runner.stop()


async def run_forever(services: Services, *, mode: str | None = None) -> None:
    """`shopbot telegram`: run the channel alone until SIGINT/SIGTERM (webhook mode serves on SHOPBOT_HOST:SHOPBOT_PORT)."""
    import signal

    import uvicorn

    from bot.channels.telegram.webhook import webhook_app
    from bot.erasure import ErasureWatcher

    runner = TelegramRunner(services, mode=mode)  # checks the token and webhook settings before anything heavy
    await asyncio.to_thread(services.warm_up)
    erasures = ErasureWatcher(services)
    erasures.start()
    await runner.start()
    from bot.campaigns.scheduler import CampaignScheduler

    # scheduled campaigns go through the replies' bot, so both share one rate limiter
    campaigns = CampaignScheduler(services, lambda: runner.application.bot, role="telegram")
    campaigns.start()
    try:
        if runner.mode == "webhook":
            settings = services.settings
            app = webhook_app(runner.application, runner.secret, runner.webhook_path, services.store)
            config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning", access_log=False)
            await uvicorn.Server(config).serve()  # returns on SIGINT/SIGTERM
        else:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            await stop.wait()
    finally:
        await campaigns.stop()
        await runner.stop()
        erasures.stop()
        services.close()
