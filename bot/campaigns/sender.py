"""Sending a campaign: claim each recipient row in SQLite before the network call, mark it after.

A recipient row goes queued -> sending (claimed) -> sent | failed | skipped, or back to queued with `not_before`
(quiet hours). After a kill -9 the rows left in `sending` were in flight: Telegram offers no way to ask whether they
arrived, so they are marked failed ("in doubt") and not resent (at most once: a duplicate is worse than a gap, and the
report lists them). Everything still queued is sent on resume, so nothing else is skipped or sent twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from bot.campaigns.audience import Rules, quiet_until, why_not

if TYPE_CHECKING:
    from bot.app import Services
    from bot.config import Settings


log = logging.getLogger(__name__)
IN_DOUBT = "in doubt: the sender stopped while this message was in flight; not resent, to avoid a duplicate"


class Transport(Protocol):
    """Delivers one campaign message; raises SendFailed with a reason when it cannot."""

    async def send(self, recipient: dict[str, Any], text: str) -> None:
        """Send or raise."""


class SendFailed(Exception):
    """A message that could not be delivered, with the reason for the log row."""


class TelegramTransport:
    """Through a PTB bot whose rate limiter is the replies' ChatRateLimiter (30/s overall, 1/s per chat, retry_after)."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def send(self, recipient: dict[str, Any], text: str) -> None:
        """Send the text with a product button and an unsubscribe button."""
        from telegram import InlineKeyboardButton, InlineKeyboardMarkup
        from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut

        rid = recipient["id"]
        rows = []
        if recipient.get("sku"):
            rows.append([InlineKeyboardButton("🛍 Show me", callback_data=f"cc:{rid}")])
        rows.append([InlineKeyboardButton("🔕 Unsubscribe", callback_data=f"cu:{rid}")])
        try:
            await self.bot.send_message(int(recipient["chat_id"]), text, reply_markup=InlineKeyboardMarkup(rows))
        except Forbidden as exc:
            raise SendFailed(f"blocked by the customer ({exc.message})") from exc
        except BadRequest as exc:
            raise SendFailed(f"rejected by Telegram ({exc.message})") from exc
        except RetryAfter as exc:
            raise SendFailed(f"Telegram kept asking to wait ({exc})") from exc
        except TimedOut as exc:
            raise SendFailed("timed out; it may have arrived, not resent") from exc
        except TelegramError as exc:
            raise SendFailed(f"Telegram error ({exc})") from exc


@dataclass
class Progress:
    """What one `send` run did."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    deferred: int = 0
    in_doubt: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """For the CLI and the dashboard."""
        return {
            "sent": self.sent,
            "failed": self.failed,
            "skipped": self.skipped,
            "deferred": self.deferred,
            "in_doubt": self.in_doubt,
            "reasons": dict(sorted(self.reasons.items(), key=lambda kv: -kv[1])),
        }


class Pacer:
    """Starts at most `rate` sends per second, so a row is claimed only when its turn to go out has come.

    Without it, every concurrent task would claim its row and then queue inside the rate limiter, and a crash
    would leave all of those rows in doubt although most never left the machine.
    """

    def __init__(self, rate: float, clock: Callable[[], float] | None = None) -> None:
        import time

        self.interval = 1.0 / rate
        self.clock = clock or time.monotonic
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        """Return when the next send may start."""
        async with self._lock:
            now = self.clock()
            delay = self._next - now
            if delay > 0:
                await asyncio.sleep(delay)
            self._next = max(now, self._next) + self.interval


class Sender:
    """Drains a campaign's queued Telegram recipients through a transport, checking the rules just before each send."""

    def __init__(
        self,
        services: Services,
        transport: Transport,
        *,
        rules: Rules,
        concurrency: int = 8,
        rate_per_s: float = 29.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_progress: Callable[[Progress], None] | None = None,
        keep_going: Callable[[], bool] = lambda: True,
    ) -> None:
        self.services = services
        self.keep_going = keep_going
        self.cstore = services.campaign_store
        self.transport = transport
        self.rules = rules
        self.concurrency = concurrency
        self.clock = clock
        self.on_progress = on_progress
        self.progress = Progress()
        self.pacer = Pacer(rate_per_s)

    async def run(self, campaign_id: int) -> Progress:
        """Send every due queued recipient; returns what happened (in-doubt rows from a crash are resolved first)."""
        doubtful = await asyncio.to_thread(self.cstore.in_doubt, campaign_id)
        for r in doubtful:
            await asyncio.to_thread(self.cstore.finish, r["id"], "failed", reason=IN_DOUBT)
        self.progress.in_doubt = len(doubtful)
        if doubtful:
            log.warning(
                "campaign %s: %d message(s) were in flight when the last run stopped; marked failed (in doubt)",
                campaign_id,
                len(doubtful),
            )
        gate = asyncio.Semaphore(self.concurrency)
        while self.keep_going():
            campaign = await asyncio.to_thread(self.cstore.get_campaign, campaign_id)
            if campaign is None or campaign["status"] != "sending":
                log.info("campaign %s is %s; stopping", campaign_id, campaign and campaign["status"])
                break
            now = self.clock()
            batch = await asyncio.to_thread(
                self.cstore.due_recipients, campaign_id, now=now.isoformat(timespec="milliseconds"), limit=300
            )
            batch = [r for r in batch if r["channel"] == "telegram"]
            if not batch:
                break
            blocked = await asyncio.to_thread(self.cstore.blocked_customers, since_days=self.rules.block_days)

            async def one(r: dict[str, Any], blocked: dict[str, str] = blocked) -> None:
                async with gate:
                    await self._one(r, blocked)

            await asyncio.gather(*(one(r) for r in batch))
            if self.on_progress:
                self.on_progress(self.progress)
        return self.progress

    async def _one(self, r: dict[str, Any], blocked: dict[str, str]) -> None:
        rid = r["id"]
        await self.pacer.wait()
        if not self.keep_going():  # e.g. the sender lease was lost: the row stays queued for the next holder
            return
        decision = await asyncio.to_thread(self._decide, r, blocked)
        if decision is not None:
            kind, value = decision
            if kind == "noop":
                return
            if kind == "defer":
                await asyncio.to_thread(self.cstore.finish, rid, "queued", not_before=value)
                self.progress.deferred += 1
            else:
                await asyncio.to_thread(self.cstore.finish, rid, "skipped", reason=value)
                self.progress.skipped += 1
                self.progress.reasons[value] = self.progress.reasons.get(value, 0) + 1
            return
        try:
            await self.transport.send(r, r["text"])
        except SendFailed as exc:
            await asyncio.to_thread(self.cstore.finish, rid, "failed", reason=str(exc)[:300])
            self.progress.failed += 1
            self.progress.reasons[str(exc)[:60]] = self.progress.reasons.get(str(exc)[:60], 0) + 1
            return
        await asyncio.to_thread(self.cstore.finish, rid, "sent")
        self.progress.sent += 1

    def _decide(self, r: dict[str, Any], blocked: dict[str, str]) -> tuple[str, str] | None:
        """('skip', reason), ('defer', not_before) or None after claiming the row for sending."""
        now = self.clock()
        customer = self.services.store.get_customer(r["customer_id"])
        reason = why_not(self.cstore, customer, channel="telegram", blocked=blocked, rules=self.rules, now=now)
        if reason is not None:
            return "skip", reason
        until = quiet_until((customer or {}).get("timezone"), now, self.rules.quiet)
        if until is not None:
            return "defer", until.isoformat(timespec="milliseconds")
        if not self.cstore.claim(r["id"]):
            return "noop", "claimed by another sender"
        return None


async def telegram_bot(settings: Settings) -> Any:
    """A standalone PTB bot with the replies' rate limiter, for `shopbot campaigns send` outside `shopbot serve`."""
    from telegram.ext import ExtBot

    from bot.channels.telegram.ratelimit import ChatRateLimiter
    from bot.errors import ConfigError

    token = settings.telegram_token.get_secret_value()
    if not token:
        raise ConfigError("SHOPBOT_TELEGRAM_TOKEN is empty: Telegram campaigns need the bot's token")
    base = settings.telegram_base_url.rstrip("/")
    from telegram.request import HTTPXRequest

    bot = ExtBot(
        token,
        base_url=base,
        base_file_url=base.removesuffix("/bot") + "/file/bot",
        rate_limiter=ChatRateLimiter(),
        request=HTTPXRequest(connection_pool_size=64, pool_timeout=30.0),
    )
    await bot.initialize()
    return bot
