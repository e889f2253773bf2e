"""The campaign scheduler inside the running Telegram channel, on real SQLite and the fake Bot API: scheduled campaigns
go out when due (not before), quiet hours defer and the frequency cap holds, a crash mid-send is resumed without a
duplicate, one sender at a time holds the lease, and chat replies and a campaign share one rate limiter."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from bot.campaigns.model import Offer, Target, Variant
from bot.campaigns.scheduler import LEASE, CampaignScheduler, SenderLease, request_send, schedule_campaign
from bot.channels.telegram.runner import TelegramRunner
from tests.campaigns.conftest import add_customers, shop_settings
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram, fake_telegram
from tests.support.intents import small_services

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with fake_telegram() as server:
        yield server


@pytest.fixture
async def runner(tmp_path, knowledge_dir, fake) -> AsyncIterator[TelegramRunner]:
    settings = shop_settings(
        tmp_path / "var",
        knowledge_dir,
        telegram_token=SecretStr(fake.token),
        telegram_base_url=fake.base_url,
        campaign_quiet_hours="21-9",
        recommend=False,
    )
    svc = small_services(settings)
    svc.kb.open()
    r = TelegramRunner(svc, poll_timeout_s=1, recover=False)
    await r.start()
    try:
        yield r
    finally:
        await r.stop()


def _draft(svc, *, when: str = "", name: str = "Boots") -> int:
    cs = svc.campaigns
    cid = cs.draft(
        name=name,
        channel="telegram",
        target=Target(),
        offer=Offer(mode="products", skus=["NT-BTS-0004"]),
        tone="calm",
        variants=[Variant("A")],
        actor="staff:alice",
        schedule_at=when,
    )
    cs.approve(cid, actor="staff:alice")
    return cid


def _campaign_chats(fake: FakeTelegram) -> Counter[int]:
    """Chats that got a campaign message (it carries the unsubscribe button), with how many each."""
    return Counter(c.chat_id for c in fake.sent() if "cu:" in str(c.params.get("reply_markup", "")))


async def test_scheduled_campaign_goes_out_when_due_with_quiet_hours_and_frequency_cap(fake, runner):
    svc = runner.services
    clock = Clock(T0)
    svc.campaigns.clock = clock
    ids = add_customers(svc, 4)  # chats 10000..10003
    svc.store.update_customer(
        ids[3], timezone="Asia/Tokyo"
    )  # 21:00 in Tokyo at T0: quiet hours until 09:00 (00:00 UTC)
    cid = _draft(svc, when=(T0 + timedelta(hours=1)).isoformat())
    scheduler = CampaignScheduler(svc, lambda: runner.application.bot, clock=clock, interval_s=3600)

    assert (
        await scheduler.tick() == [] and fake.sent() == [] and svc.campaigns.get(cid)["status"] == "approved"
    )  # not due yet
    clock.now = T0 + timedelta(hours=1, minutes=1)
    [result] = await scheduler.tick()
    assert result["sent"] == 3 and result["deferred"] == 1 and result["status"] == "sending"
    assert _campaign_chats(fake) == {10000: 1, 10001: 1, 10002: 1}
    deferred = svc.campaign_store.recipients(cid, status="queued")
    assert [r["customer_id"] for r in deferred] == [ids[3]] and deferred[0]["not_before"].startswith("2026-11-21T00:00")
    await scheduler.tick()  # still quiet in Tokyo: nothing new
    assert sum(_campaign_chats(fake).values()) == 3
    clock.now = datetime(2026, 11, 21, 0, 5, tzinfo=UTC)  # 09:05 in Tokyo
    [result] = await scheduler.tick()
    assert result["sent"] == 1 and result["status"] == "done"
    assert _campaign_chats(fake) == {10000: 1, 10001: 1, 10002: 1, 10003: 1}
    # a second scheduled campaign the next day: the frequency cap (1 per 7 days) skips everyone
    second = _draft(svc, when=clock.now.isoformat(), name="More boots")
    [result] = await scheduler.tick()
    assert (
        result["sent"] == 0 and result["excluded"] == {"frequency cap (1 per 7 days)": 4} and result["status"] == "done"
    )
    assert sum(_campaign_chats(fake).values()) == 4
    actions = [(a["actor"], a["action"]) for a in svc.campaign_store.audit_log(f"campaign:{cid}")][::-1]
    assert actions == [
        ("staff:alice", "draft"),
        ("staff:alice", "approve"),
        ("scheduler (approved by staff:alice)", "send"),
        ("scheduler (approved by staff:alice)", "sent"),
        ("scheduler (approved by staff:alice)", "sent"),
    ]
    assert svc.campaigns.get(second)["status"] == "done"
    await scheduler.stop()
    assert fake.rate_violations() == []


async def test_scheduler_resumes_a_crashed_send_without_duplicates(fake, runner):
    svc = runner.services
    add_customers(svc, 6)
    cid = _draft(svc)  # approved, no schedule: the crashed run was a manual send
    svc.campaigns.queue(cid, actor="staff:alice")
    rows = svc.campaign_store.recipients(cid)
    # the crashed process had sent two messages and claimed a third whose call never finished
    for r in rows[:2]:
        await runner.application.bot.send_message(int(r["chat_id"]), r["text"], reply_markup=None)
        svc.campaign_store.claim(r["id"])
        svc.campaign_store.finish(r["id"], "sent")
    assert svc.campaign_store.claim(rows[2]["id"])
    svc.campaign_store.acquire_lease(LEASE, "otherhost:1:cli", ttl_s=-1)  # its lease has expired
    scheduler = CampaignScheduler(svc, lambda: runner.application.bot, interval_s=3600)
    [result] = await scheduler.tick()
    assert result["sent"] == 3 and result["in_doubt"] == 1 and result["status"] == "done"
    per_chat = Counter(c.chat_id for c in fake.sent())
    assert all(n == 1 for n in per_chat.values()) and len(per_chat) == 5  # the in-doubt one is not resent
    by_status = Counter(r["status"] for r in svc.campaign_store.recipients(cid))
    assert by_status == {"sent": 5, "failed": 1}
    assert await scheduler.tick() == [] and len(fake.sent()) == 5  # done: nothing more
    await scheduler.stop()
    assert svc.campaign_store.lease(LEASE) is None  # given back on stop


async def test_one_sender_at_a_time_and_a_dead_holder_is_replaced(services):
    cstore = services.campaign_store
    first, second = SenderLease(cstore, "serve"), SenderLease(cstore, "cli")
    second.holder = "thishost-but-other:1:cli"
    assert first.try_acquire() and not second.try_acquire()
    assert cstore.lease(LEASE)["holder"] == first.holder
    # a holder on this host whose process is gone (kill -9) is replaced at once, without waiting for the expiry
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    dead = first.holder.rsplit(":", 2)[0] + f":{child.pid}:cli"
    cstore.release_lease(LEASE, first.holder)
    assert cstore.acquire_lease(LEASE, dead, ttl_s=600)
    assert first.try_acquire() and cstore.lease(LEASE)["holder"] == first.holder
    # a live holder elsewhere keeps it until it expires
    cstore.release_lease(LEASE, first.holder)
    assert cstore.acquire_lease(LEASE, f"{first.holder.split(':')[0]}:{os.getppid()}:serve", ttl_s=600)
    assert not first.try_acquire()


async def test_send_request_is_left_to_the_running_sender(services):
    cid = _draft(services)
    assert request_send(services, cid, actor="cli:ops") == "approved"
    c = services.campaigns.get(cid)
    assert c["schedule_at"] and c["schedule_at"] <= datetime.now(UTC).isoformat()
    assert services.campaign_store.scheduled_due(datetime.now(UTC).isoformat())[0]["id"] == cid
    assert services.campaign_store.audit_log(f"campaign:{cid}")[0]["action"] == "send_requested"
    draft = services.campaigns.draft(
        name="Draft",
        channel="telegram",
        target=Target(),
        offer=Offer(mode="products", skus=["NT-BTS-0004"]),
        variants=[Variant("A")],
        actor="staff:alice",
    )
    with pytest.raises(Exception, match="approve it before sending"):
        request_send(services, draft, actor="cli:ops")
    with pytest.raises(Exception, match="schedule must be a date"):
        schedule_campaign(services, draft, "next tuesday", actor="cli:ops")
    assert (
        schedule_campaign(services, draft, "2026-12-01 09:00+01:00", actor="cli:ops") == "2026-12-01T08:00:00.000+00:00"
    )


async def test_replies_and_a_campaign_share_one_rate_limiter(fake, runner):
    """A campaign to 45 customers while 8 of them chat with the bot, and Telegram answers one send with 429 retry_after=1:
    30/s overall and 1/s per chat hold across both, the pause is honoured, every customer gets the campaign once and
    every shopper gets a reply."""
    svc = runner.services
    add_customers(svc, 45)
    cid = _draft(svc)
    request_send(svc, cid, actor="staff:alice")
    scheduler = CampaignScheduler(svc, lambda: runner.application.bot, interval_s=3600)
    chatting = [10000 + i for i in range(0, 40, 5)]
    for chat in chatting:
        fake.send_text(chat, "Do you have boots?")
    fake.fail_next("sendMessage", status=429, retry_after=1)
    [result] = await scheduler.tick()
    for chat in chatting:
        fake.send_text(chat, "And jeans?")
    await until(lambda: all(len(fake.texts(c)) >= 3 for c in chatting), what="two replies per chatting shopper")
    await scheduler.stop()
    assert result["sent"] == 45 and result["status"] == "done"
    assert set(_campaign_chats(fake).values()) == {1} and len(_campaign_chats(fake)) == 45
    assert fake.rate_violations() == []
    [refused] = [c for c in fake.calls if c.method == "sendMessage" and c.status == 429]
    # retry_after honoured by every sender: after the 429 nothing but requests already on the wire (a few ms) until 1 s
    early = [round(c.t - refused.t, 3) for c in fake.sent() if refused.t + 0.1 < c.t < refused.t + 0.97]
    assert not early, early
    assert runner.rate_limiter.waits_429 == 1


def test_cli_send_hands_off_to_the_running_sender(tmp_path, knowledge_dir):
    """With a live server holding the sender lease, `campaigns send` only asks it to send (one rate limiter for all)."""
    import json
    import socket

    from tests.campaigns.test_cli import _run

    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPBOT_")}
    env.update(
        {
            "SHOPBOT_HOME": str(tmp_path / "var"),
            "SHOPBOT_KNOWLEDGE_DIR": str(knowledge_dir),
            "SHOPBOT_SEED_DIR": str(tmp_path / "none"),
            "SHOPBOT_EMBEDDER": "hashing",
            "SHOPBOT_LLM_BACKEND": "echo",
            "SHOPBOT_LOG_LEVEL": "WARNING",
        }
    )
    svc = small_services(shop_settings(tmp_path / "var", knowledge_dir))
    svc.kb.open()
    cid = _draft(svc)
    server = f"{socket.gethostname()}:{os.getpid()}:serve"  # this test process plays the running server
    assert svc.campaign_store.acquire_lease(LEASE, server, ttl_s=600)
    refused = _run(env, "campaigns", "send", str(cid), ok=False)
    assert "has no Telegram channel" in refused.stderr and svc.campaigns.get(cid)["schedule_at"] in ("", None)
    assert svc.campaign_store.acquire_lease(LEASE, server + "+telegram", ttl_s=600, dead=[server])
    out = json.loads(_run(env, "campaigns", "send", str(cid), "--json").stdout)
    assert out == {"campaign": cid, "status": "approved", "sent_by": server + "+telegram"}
    assert (
        svc.campaign_store.scheduled_due(datetime.now(UTC).isoformat())[0]["id"] == cid
    )  # the server's next tick sends it
