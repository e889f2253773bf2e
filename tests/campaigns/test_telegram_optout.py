"""In Telegram: /stop, /privacy and the unsubscribe button opt out at once; the product button counts a click."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr

from bot.campaigns.model import Offer, Target, Variant
from bot.campaigns.sender import TelegramTransport
from bot.campaigns.service import CampaignService
from bot.channels.telegram.runner import TelegramRunner
from tests.campaigns.conftest import shop_settings
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram, fake_telegram
from tests.support.intents import small_services


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with fake_telegram() as server:
        yield server
    assert server.rate_violations() == []


@pytest.fixture
async def runner(tmp_path, knowledge_dir, fake) -> AsyncIterator[TelegramRunner]:
    svc = small_services(
        shop_settings(
            tmp_path / "var", knowledge_dir, telegram_token=SecretStr(fake.token), telegram_base_url=fake.base_url
        )
    )
    svc.kb.open()
    r = TelegramRunner(svc, poll_timeout_s=1)
    await r.start()
    try:
        yield r
    finally:
        await r.stop()


async def _customer(fake: FakeTelegram, runner: TelegramRunner, chat: int) -> str:
    fake.send_text(chat, "/privacy marketing on")
    await until(lambda: len(fake.texts(chat)) == 1, what="opt-in reply")
    customer = runner.services.store.find_customer(telegram_id=str(chat))
    assert runner.services.campaign_store.consent(customer["id"])
    assert (
        runner.services.campaign_store.consent_history(customer["id"])[-1]["source"] == "telegram:/privacy marketing on"
    )
    return customer["id"]


async def test_stop_and_privacy_off_opt_out_at_once(fake, runner):
    cs = runner.services.campaign_store
    a = await _customer(fake, runner, 501)
    fake.send_text(501, "/stop")
    await until(lambda: len(fake.texts(501)) == 2, what="/stop reply")
    assert "no more offers" in fake.texts(501)[-1] and not cs.consent(a)
    b = await _customer(fake, runner, 502)
    fake.send_text(502, "/privacy off")
    await until(lambda: len(fake.texts(502)) == 2, what="/privacy off reply")
    assert not cs.consent(b) and cs.consent_history(b)[-1]["source"] == "telegram:/privacy off"
    fake.send_text(502, "/privacy")
    await until(lambda: len(fake.texts(502)) == 3, what="/privacy status")
    assert "offers from the shop are <b>off</b>" in fake.texts(502)[-1]


async def test_campaign_buttons_click_and_unsubscribe(fake, runner):
    svc = runner.services
    cid_a = await _customer(fake, runner, 601)
    await _customer(fake, runner, 602)
    cs = CampaignService(svc)
    cid = cs.draft(
        name="Boots",
        channel="telegram",
        target=Target(),
        offer=Offer(mode="products", skus=["NT-BTS-0004"]),
        tone="calm",
        variants=[Variant("A")],
        actor="admin",
    )
    cs.approve(cid, actor="admin")
    result = await cs.send(
        cid, TelegramTransport(runner.application.bot), actor="admin"
    )  # the replies' bot and rate limiter
    assert result["sent"] == 2
    rows = {r["customer_id"]: r for r in svc.campaign_store.recipients(cid)}
    keyboard = fake.sent(chat_id=601)[-1].params["reply_markup"]["inline_keyboard"]
    assert [b[0]["callback_data"] for b in keyboard] == [f"cc:{rows[cid_a]['id']}", f"cu:{rows[cid_a]['id']}"]
    before = len(fake.texts(601))
    fake.press(601, f"cc:{rows[cid_a]['id']}")
    await until(lambda: len(fake.texts(601)) == before + 1, what="product card")
    assert "<b>Leather Ankle Boots</b>" in fake.texts(601)[-1]
    assert svc.campaign_store.recipient(rows[cid_a]["id"])["clicked_at"]
    fake.press(601, f"cu:{rows[cid_a]['id']}")
    await until(lambda: "no more offers" in fake.texts(601)[-1], what="unsubscribed")
    assert not svc.campaign_store.consent(cid_a)
    assert svc.campaign_store.recipient(rows[cid_a]["id"])["opted_out_at"]
    other = rows[next(c for c in rows if c != cid_a)]["id"]
    fake.press(601, f"cc:{other}")  # someone else's message: no click recorded for them
    await until(
        lambda: any(c.params.get("text") == "This button has expired." for c in fake.sent("answerCallbackQuery")),
        what="expired",
    )
    assert svc.campaign_store.recipient(other)["clicked_at"] is None
