"""Send campaigns when they are due, from inside `shopbot serve` / `shopbot telegram`, through the replies' own bot.

One sender at a time, across processes: whoever sends (this scheduler, or `shopbot campaigns send` when no server is
running) holds the `campaign-sender` lease in SQLite and renews it while alive. The scheduler looks every
SHOPBOT_CAMPAIGN_SCHEDULER_INTERVAL_S seconds for

- approved campaigns whose `schedule_at` has come (a "send now" from the dashboard or the CLI sets it to now), and
- campaigns still `sending`: resumed after a crash (rows left in flight are marked "in doubt", nothing is sent twice)
  or waiting for customers' quiet hours to end.

Quiet hours, the frequency cap, consent and the other rules are checked by the sender just before each message, as
for a manual send. Telegram messages go through the running channel's bot, so campaigns and chat replies share one
rate limiter (30/s overall, 1/s per chat, retry_after).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bot.artifacts import process_alive
from bot.campaigns.model import CampaignError, Status

if TYPE_CHECKING:
    from bot.app import Services
    from bot.campaigns.sender import Progress
    from bot.store.campaign_store import CampaignStore


log = logging.getLogger(__name__)
LEASE = "campaign-sender"


def holder_id(role: str) -> str:
    """This process as a lease holder: host:pid:role."""
    return f"{socket.gethostname()}:{os.getpid()}:{role}"


def dead_holder(lease: dict[str, Any] | None) -> list[str]:
    """The current holder if it is a process on this host that no longer runs (killed): its lease may be taken at once."""
    if not lease:
        return []
    host, _, rest = str(lease["holder"]).partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
        return [str(lease["holder"])]
    return []


class SenderLease:
    """The campaign-sender lease for this process, renewed in the background while held."""

    def __init__(self, cstore: CampaignStore, role: str, *, ttl_s: float = 60.0) -> None:
        self.cstore = cstore
        self.holder = holder_id(role)
        self.ttl_s = ttl_s
        self.held = False
        self._renewer: asyncio.Task[None] | None = None

    def try_acquire(self) -> bool:
        """Take or renew the lease now (blocking SQLite call)."""
        dead = dead_holder(self.cstore.lease(LEASE))
        self.held = self.cstore.acquire_lease(LEASE, self.holder, ttl_s=self.ttl_s, dead=dead)
        return self.held

    async def acquire(self) -> bool:
        """Take or renew the lease and keep renewing it every ttl/3 while held."""
        held = await asyncio.to_thread(self.try_acquire)
        if held and (self._renewer is None or self._renewer.done()):
            self._renewer = asyncio.create_task(self._renew())
        return held

    async def _renew(self) -> None:
        while self.held:
            await asyncio.sleep(self.ttl_s / 3)
            if not await asyncio.to_thread(self.try_acquire):
                log.warning("lost the campaign-sender lease to %s", (self.cstore.lease(LEASE) or {}).get("holder"))

    def drop(self) -> None:
        """Give the lease back now (blocking; used when the scheduler's task is cancelled)."""
        if self._renewer is not None:
            self._renewer.cancel()
        if self.held:
            self.held = False
            self.cstore.release_lease(LEASE, self.holder)

    async def release(self) -> None:
        """Stop renewing and give the lease back."""
        was_held, self.held = self.held, False
        if self._renewer is not None:
            self._renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewer
        if was_held:
            await asyncio.to_thread(self.cstore.release_lease, LEASE, self.holder)


def request_send(services: Services, campaign_id: int, *, actor: str, now: datetime | None = None) -> str:
    """ "Send now" for an approved campaign: its schedule becomes now, and whoever holds the sender lease sends it.

    Returns the campaign's status. A campaign already sending is resumed by the lease holder anyway.
    """
    c = services.campaigns.get(campaign_id)
    if c["status"] == Status.SENDING:
        return str(c["status"])
    if c["status"] != Status.APPROVED:
        raise CampaignError(
            f"campaign {campaign_id} is {c['status']}; "
            + ("nothing is left to send" if c["status"] == Status.DONE else "approve it before sending")
        )
    when = (now or datetime.now(UTC)).isoformat(timespec="milliseconds")
    services.campaign_store.update_campaign(campaign_id, schedule_at=when)
    services.campaign_store.audit(actor, "send_requested", f"campaign:{campaign_id}", schedule_at=when)
    return str(c["status"])


def parse_schedule(text: str) -> str:
    """'2026-12-01 09:00', '2026-12-01T09:00+01:00' or '2026-12-01' -> UTC ISO (no offset given: UTC)."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise CampaignError(f"schedule must be a date and time like 2026-12-01 09:00 (UTC), not {text[:40]!r}") from exc
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def schedule_campaign(services: Services, campaign_id: int, when: str, *, actor: str) -> str:
    """Set (or clear, with '') when a draft or approved campaign is sent; the scheduler in serve/telegram sends it then."""
    c = services.campaigns.get(campaign_id)
    if c["status"] not in (Status.DRAFT, Status.APPROVED):
        raise CampaignError(f"campaign {campaign_id} is {c['status']}; only a draft or approved one can be scheduled")
    at = parse_schedule(when) if when.strip() else ""
    services.campaign_store.update_campaign(campaign_id, schedule_at=at)
    services.campaign_store.audit(actor, "schedule", f"campaign:{campaign_id}", schedule_at=at)
    return at


class CampaignScheduler:
    """Sends due campaigns in the background of a running server (see the module's docstring)."""

    def __init__(
        self,
        services: Services,
        bot: Callable[[], Any | None],
        *,
        role: str = "serve",
        interval_s: float | None = None,
        lease_ttl_s: float = 60.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.services = services
        self.cstore = services.campaign_store
        self.bot = bot
        self.interval_s = interval_s if interval_s is not None else services.settings.campaign_scheduler_interval_s
        self.clock = clock
        telegram = bool(services.settings.telegram_token.get_secret_value())
        self.lease = SenderLease(self.cstore, role + ("+telegram" if telegram else ""), ttl_s=lease_ttl_s)
        self.jobs: dict[int, dict[str, Any]] = {}  # campaign id -> progress of the current run (dashboard)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._warned: set[int] = set()

    def start(self) -> asyncio.Task[None]:
        """Run the loop in the background (cancelling the task stops it and gives the lease back)."""
        if self._task is None:
            self._task = asyncio.create_task(self._loop())
            log.info("campaign scheduler started (every %.0f s)", self.interval_s)
        return self._task

    def wake(self) -> None:
        """Look for due campaigns now rather than at the next interval."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop the loop (a send in progress stops between messages) and give the lease back."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.lease.release()

    async def _loop(self) -> None:
        try:
            while True:
                with contextlib.suppress(TimeoutError):  # the first look waits too: the channels start meanwhile
                    await asyncio.wait_for(self._wake.wait(), timeout=self.interval_s)
                self._wake.clear()
                try:
                    await self.tick()
                except Exception:
                    log.exception("campaign scheduler: tick failed")
        finally:
            self.lease.drop()

    async def tick(self) -> list[dict[str, Any]]:
        """Send what is due now (only while this process holds the sender lease); returns each campaign's result."""
        if not await self.lease.acquire():
            return []
        now = self.clock().isoformat(timespec="milliseconds")
        due = await asyncio.to_thread(self.cstore.scheduled_due, now)
        results = []
        for c in due:
            if not self.lease.held:
                break
            cid = int(c["id"])
            transport = None
            if c["channel"] == "telegram":
                bot = self.bot()
                if bot is None:
                    if cid not in self._warned:
                        self._warned.add(cid)
                        log.warning("campaign %s is due but the Telegram channel is not running (no token)", cid)
                    continue
                from bot.campaigns.sender import TelegramTransport

                transport = TelegramTransport(bot)
            job = self.jobs.setdefault(cid, {})
            job.update({"running": True, "error": None})
            actor = "scheduler" + (f" (approved by {c['approved_by']})" if c.get("approved_by") else "")

            def report(p: Progress, job: dict[str, Any] = job) -> None:
                job.update(p.as_dict())

            try:
                result = await self.services.campaigns.send(
                    cid, transport, actor=actor, on_progress=report, keep_going=lambda: self.lease.held
                )
            except asyncio.CancelledError:
                job["running"] = False
                raise
            except Exception as exc:
                log.exception("campaign %s: scheduled send failed", cid)
                job.update({"running": False, "error": f"send failed: {exc}"})
                continue
            job.update({"running": False, **{k: v for k, v in result.items() if k != "excluded"}})
            if result.get("sent") or result.get("queued") or result.get("failed") or result.get("in_doubt"):
                log.info("campaign %s: %s", cid, {k: result.get(k) for k in ("queued", "sent", "failed", "status")})
            results.append(result)
        return results
