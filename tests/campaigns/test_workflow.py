"""Draft -> preview -> approve -> send through the fake Bot API, with the safety rules, on real SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.campaigns.model import CampaignError, Offer, Target, Variant
from bot.campaigns.orders import ingest, validate_order
from bot.campaigns.sender import IN_DOUBT, TelegramTransport, telegram_bot
from bot.campaigns.service import CampaignService
from tests.campaigns.conftest import NOW, add_customers, order
from tests.fakes.telegram_api import FakeTelegram, fake_telegram


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with fake_telegram() as server:
        yield server
    assert server.rate_violations() == []


@pytest.fixture
def tg_services(tmp_path, knowledge_dir, fake):
    from pydantic import SecretStr

    from tests.campaigns.conftest import shop_settings
    from tests.support.intents import small_services

    svc = small_services(
        shop_settings(
            tmp_path / "var", knowledge_dir, telegram_token=SecretStr(fake.token), telegram_base_url=fake.base_url
        )
    )
    svc.kb.open()
    return svc


def _service(svc, *, now=NOW) -> CampaignService:
    return CampaignService(svc, clock=lambda: now)


def _draft(cs: CampaignService, **kw) -> int:
    args = {
        "name": "Jeans week",
        "goal": "sell jeans",
        "channel": "telegram",
        "target": Target(),
        "tone": "friendly",
        "offer": Offer(mode="products", skus=["NT-JNS-0001"]),
        "variants": [Variant("A", 1, "friendly"), Variant("B", 1, "urgent")],
        "actor": "admin",
    }
    return cs.draft(**{**args, **kw})


_BOTS: dict[int, object] = {}


@pytest.fixture(autouse=True)
async def _one_bot_per_test():
    """One bot (so one rate limiter) per test, as in `shopbot serve`."""
    yield
    for bot in _BOTS.values():
        await bot.shutdown()
    _BOTS.clear()


async def _send(cs: CampaignService, cid: int) -> dict:
    if 0 not in _BOTS:
        _BOTS[0] = await telegram_bot(cs.settings)
    return await cs.send(cid, TelegramTransport(_BOTS[0]), actor="admin")


async def test_only_consented_reachable_customers_get_it_once(tg_services, fake):
    svc = tg_services
    ok = add_customers(svc, 6)
    add_customers(svc, 2, consent=False, prefix="n", first_chat=20_000)  # never consented
    cs = _service(svc)
    svc.campaign_store.set_consent(ok[0], False, source="telegram:/stop")  # opted out later
    svc.erase_customer(ok[1])
    conv = svc.store.open_conversation(ok[2], "telegram")
    svc.store.flag_conversation(conv["id"], "complaint")
    svc.store.create_case(conversation_id=conv["id"], customer_id=ok[3], kind="refund", summary="refund please")
    cid = _draft(cs)
    with pytest.raises(CampaignError, match="approve"):
        await _send(cs, cid)
    cs.approve(cid, actor="admin")
    result = await _send(cs, cid)
    assert result["sent"] == 2 and result["status"] == "done"
    assert result["excluded"] == {"no marketing consent": 3, "open case": 1, "recent complaint or hand-off": 1}
    texts = {c.chat_id: c.params["text"] for c in fake.sent()}
    assert set(texts) == {10_004, 10_005}
    assert all(t.startswith("Hi Sam") and "Slim Blue Jeans for 59.90 USD" in t for t in texts.values())
    buttons = [c.params["reply_markup"]["inline_keyboard"] for c in fake.sent()]
    assert all(
        any(b[0]["callback_data"].startswith("cu:") for b in rows) for rows in buttons
    )  # unsubscribe in every message
    with pytest.raises(CampaignError, match="is done"):  # a second send of a finished campaign sends nothing
        await _send(cs, cid)
    assert len(fake.sent()) == 2
    audit = [a["action"] for a in svc.campaign_store.audit_log(f"campaign:{cid}")]
    assert audit == ["sent", "send", "approve", "draft"]  # queued ("send"), then the run's counts ("sent")


async def test_frequency_cap_one_per_seven_days(tg_services, fake):
    svc = tg_services
    add_customers(svc, 2)
    cs = _service(svc)
    first = _draft(cs, name="first")
    cs.approve(first, actor="admin")
    assert (await _send(cs, first))["sent"] == 2
    second = _draft(cs, name="second")
    cs.approve(second, actor="admin")
    result = await _send(cs, second)
    assert result["sent"] == 0 and result["excluded"] == {"frequency cap (1 per 7 days)": 2}
    later = _service(svc, now=NOW + timedelta(days=8))  # the cap counts from the real send time, so move past it
    with svc.campaign_store.store.tx() as db:
        db.execute("UPDATE campaign_recipients SET sent_at = ?", [(NOW - timedelta(days=8)).isoformat()])
    third = _draft(later, name="third")
    later.approve(third, actor="admin")
    assert (await _send(later, third))["sent"] == 2


async def test_quiet_hours_defer_in_the_customers_time_zone(tg_services, fake):
    svc = tg_services
    ids = add_customers(svc, 3)
    svc.store.update_customer(ids[0], timezone="Asia/Tokyo")  # NOW is 12:00 UTC = 21:00 in Tokyo: quiet
    svc.store.update_customer(ids[1], timezone="Europe/Paris")  # 13:00: fine
    cs = _service(svc)  # ids[2] has no known time zone: no quiet hours
    cid = _draft(cs)
    cs.approve(cid, actor="admin")
    result = await _send(cs, cid)
    assert result["sent"] == 2 and result["deferred"] == 1 and result["status"] == "sending"
    row = next(r for r in svc.campaign_store.recipients(cid) if r["customer_id"] == ids[0])
    assert row["status"] == "queued" and row["not_before"].startswith("2026-11-21T00:00")  # 09:00 Tokyo
    morning = _service(svc, now=NOW + timedelta(hours=12, minutes=5))
    result = await _send(morning, cid)
    assert result["sent"] == 1 and result["status"] == "done"


async def test_resume_after_a_crash_sends_the_rest_once(tg_services, fake):
    svc = tg_services
    add_customers(svc, 5)
    cs = _service(svc)
    cid = _draft(cs)
    cs.approve(cid, actor="admin")
    cs.queue(cid, actor="admin")
    cstore = svc.campaign_store
    rows = cstore.recipients(cid)
    cstore.claim(rows[0]["id"])
    cstore.finish(rows[0]["id"], "sent")  # noqa: E702 - sent before the crash
    cstore.claim(rows[1]["id"])  # in flight when the process died
    result = await _send(cs, cid)
    assert result["sent"] == 3 and result["in_doubt"] == 1
    assert cstore.recipient(rows[1]["id"])["reason"] == IN_DOUBT
    assert sorted(c.chat_id for c in fake.sent()) == sorted(int(r["chat_id"]) for r in rows[2:])


def test_discounts_only_when_typed_and_copy_is_verified(services):
    add_customers(services, 1)
    cs = _service(services)
    cid = _draft(
        cs, offer=Offer(mode="products", skus=["NT-JNS-0001"], discount="15%", code="JEANS15", ends="2026-12-01")
    )
    for p in cs.preview(cid):
        assert p["verdict"]["ok"] and p["example_ok"], p
        assert "15% off with code JEANS15" in p["example"] and "2026-12-01" in p["example"]
    plain = _draft(cs, name="plain")
    assert cs.edit_copy(
        plain, "A", "all", "Hi {first_name}! 20% off everything, free shipping!\n🛍 {product}", actor="admin"
    )
    assert cs.edit_copy(
        plain, "A", "all", "Hi {first_name}! The Relaxed Black Jeans are back.\n🛍 {product}", actor="admin"
    )  # not offered
    assert cs.edit_copy(plain, "A", "all", "Hi {first_name}! Only 39.99 USD today.\n🛍 {product}", actor="admin")
    assert cs.edit_copy(plain, "A", "all", "Hi {first_name}! Fresh denim for you.\n🛍 {product}", actor="admin") == []
    with pytest.raises(CampaignError, match="sku"):
        _draft(cs, offer=Offer(mode="products", skus=["NOPE-1"]))
    with pytest.raises(CampaignError, match="discount"):
        _draft(cs, offer=Offer(mode="products", skus=["NT-JNS-0001"], discount="lots"))


async def test_click_and_order_convert(tg_services, fake):
    svc = tg_services
    add_customers(svc, 2)
    cs = _service(svc)
    cid = _draft(cs)
    cs.approve(cid, actor="admin")
    await _send(cs, cid)
    rows = svc.campaign_store.recipients(cid)
    product = cs.click(rows[0]["id"], rows[0]["customer_id"])
    assert product["sku"] == "NT-JNS-0001"
    assert cs.click(rows[0]["id"], "someone-else") is None
    result = ingest(
        svc,
        [
            validate_order(
                order(
                    "P1",
                    rows[0]["customer_id"],
                    "NT-BTS-0004",
                    days_ago=-0.01,
                    now=__import__("datetime").datetime.now(__import__("datetime").UTC),
                )
            )
        ],
        source="test",
    )
    assert result["attributed"] == 1
    assert svc.campaign_store.recipient(rows[0]["id"])["order_id"] == "P1"


def test_a_support_phrase_is_not_campaign_copy(services):
    from bot.campaigns.copy import CopyWriter

    writer = CopyWriter(
        lambda s, u, g: "I'm not sure about that. Would you like to talk to a human agent?",
        catalog=services.kb.products(),
    )
    result = writer.write(Offer(mode="products", skus=["NT-JNS-0001"]), segment="loyal", tone="calm")
    assert result.source == "template" and any("not marketing copy" in r for r in result.reasons)
    assert result.text.startswith("Hi {first_name}! Whenever you are ready")


@pytest.mark.parametrize(
    "model_text",
    [
        "Here's a sample of your message written using the facts you're given: Welcome to Slim Blue Jeans!",  # prompt echo
        "I'll be happy to assist with any questions about your order.",  # a support bot's phrase
        "A limited edition Slim Blue Jeans, available on December 19th.",  # claims and a date nobody typed
        "Our newest collection is here: Slim Blue Jeans for $",  # a claim and a price cut off
    ],
)
def test_copy_the_small_model_wrote_in_the_bench_is_rejected(services, model_text):
    """Copy the local SmolLM2 wrote in scripts/bench_campaigns.py that passed the fact checks but must not be sent."""
    from bot.campaigns.copy import CopyWriter

    writer = CopyWriter(lambda s, u, g: model_text, catalog=services.kb.products())
    result = writer.write(Offer(mode="products", skus=["NT-JNS-0001"], ends="2026-12-31"), segment="loyal", tone="calm")
    assert result.source == "template" and result.reasons, result.reasons
