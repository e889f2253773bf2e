"""Never lose, never double: duplicates, 429 retry_after, network errors, ordering, restart recovery, staff mode."""

from __future__ import annotations

import asyncio

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram


async def test_a_duplicate_update_is_answered_once(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    update = fake.message_update(801, "Do you ship to Canada?")
    fake.inject(update)
    fake.inject(dict(update))  # Telegram delivers the same update_id again
    await until(lambda: len(fake.texts(801)) == 1, what="the answer")
    await until(lambda: len([c for c in fake.calls if c.method == "getUpdates"]) >= 3, what="more polling")
    assert len(fake.texts(801)) == 1
    conv = services.store.list_conversations(channel="telegram")[0]
    assert [m["direction"] for m in services.store.messages(conv["id"])] == ["in", "out"]


async def test_429_retry_after_is_honoured(fake: FakeTelegram, runner: TelegramRunner) -> None:
    fake.fail_next("sendMessage", retry_after=2)
    fake.send_text(811, "Do you ship to Canada?")
    await until(lambda: len(fake.texts(811)) == 1, what="the answer after the wait")
    refused = next(c for c in fake.calls if c.method == "sendMessage" and c.status == 429)
    delivered = fake.sent(chat_id=811)[0]
    assert delivered.t - refused.t >= 2.0
    assert [c.method for c in fake.calls if refused.t < c.t < refused.t + 2.0 and c.method != "getUpdates"] == []
    assert runner.rate_limiter.waits_429 == 1


async def test_network_errors_are_retried_without_doubling(fake: FakeTelegram, runner: TelegramRunner) -> None:
    fake.fail_next("sendMessage", status=502, times=2)
    fake.send_text(821, "Do you ship to Canada?")
    await until(lambda: len(fake.texts(821)) == 1, what="the answer after retries")
    assert [c.status for c in fake.calls if c.method == "sendMessage"] == [502, 502, 200]
    assert runner.rate_limiter.retries >= 2


async def test_one_chat_is_answered_in_order_at_most_once_a_second(fake: FakeTelegram, runner: TelegramRunner) -> None:
    questions = ["hello", "Do you ship to Canada?", "What is your return window?"]
    for q in questions:
        fake.send_text(831, q)
    fake.send_text(832, "hello")
    await until(lambda: len(fake.texts(831)) == 3 and len(fake.texts(832)) == 1, what="all answers")
    sends = fake.sent(chat_id=831)
    assert all(b.t - a.t >= 0.97 for a, b in zip(sends, sends[1:]))
    assert "Shipping" in sends[1].params["text"] and "Returns" in sends[2].params["text"]
    # the other chat did not wait behind this one
    assert fake.sent(chat_id=832)[0].t < sends[1].t


async def test_restart_answers_recent_unanswered_messages_and_flags_old_ones(
    fake: FakeTelegram, services: Services
) -> None:
    store = services.store
    customer = store.ensure_customer("tg-841", telegram_id="841")
    recent = store.open_conversation(customer["id"], "telegram", chat_id="841")
    store.add_message(
        recent["id"], "in", "Do you ship to Canada?", external_id="telegram:9001"
    )  # received, then we crashed
    old_customer = store.ensure_customer("tg-842", telegram_id="842")
    old = store.open_conversation(old_customer["id"], "telegram", chat_id="842")
    store.add_message(old["id"], "in", "hello?", external_id="telegram:9002", created_at="2020-01-01T00:00:00Z")
    web = store.open_conversation(store.ensure_customer("w1")["id"], "web")
    store.add_message(web["id"], "in", "not ours", external_id="web:1")
    for attempt in range(2):  # a second restart must not answer again
        runner = TelegramRunner(services, poll_timeout_s=1)
        await runner.start()
        await runner.stop()
        expected = {"answered": 1, "flagged": 1} if attempt == 0 else {"answered": 0, "flagged": 1}
        assert runner.recovered == {**expected, "resent": 0, "refed": 0}
    assert len(fake.texts(841)) == 1 and "Shipping" in fake.texts(841)[0]
    assert fake.texts(842) == []
    assert "unanswered" in store.get_conversation(old["id"])["flags"]
    assert {m["external_id"] for m in store.unanswered()} == {"telegram:9002", "web:1"}


async def test_staff_mode_silences_the_bot_and_staff_messages_reach_the_chat(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_text(851, "hello")
    await until(lambda: len(fake.texts(851)) == 1, what="the greeting")
    conv = services.store.list_conversations(channel="telegram")[0]
    services.set_mode(conv["id"], "staff", staff="ann")
    fake.send_text(851, "is anyone there?")
    await until(lambda: len(services.store.messages(conv["id"])) == 3, what="the stored message")
    await asyncio.sleep(0.3)
    assert len(fake.texts(851)) == 1  # silent while staff hold the conversation
    services.staff_reply(conv["id"], "Hi, Ann here <from the shop> & happy to help", staff="Ann")
    await until(lambda: len(fake.texts(851)) == 2, what="the staff message")
    assert fake.texts(851)[1] == "💬 <b>Ann</b> (shop team):\nHi, Ann here &lt;from the shop&gt; &amp; happy to help"


class StuckAssistant:
    """Our own seam standing in for a turn that never finishes (e.g. a wedged generator)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    async def handle(self, msg: object) -> object:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_a_turn_that_never_finishes_is_handed_to_staff(fake: FakeTelegram, services: Services) -> None:
    runner = TelegramRunner(
        services,
        assistant=StuckAssistant(services.assistant),
        poll_timeout_s=1,
        turn_timeout_s=1.5,
        typing_interval_s=0.5,
    )
    await runner.start()
    try:
        fake.send_text(861, "Where is my order?")
        await until(lambda: len(fake.texts(861)) == 1, what="the apology")
        assert fake.texts(861) == [texts.TOO_SLOW]
        assert len(fake.sent("sendChatAction", chat_id=861)) >= 2  # typing kept up while waiting, then stopped
        conv = services.store.list_conversations(channel="telegram")[0]
        assert "handoff" in conv["flags"]
        typing = len(fake.sent("sendChatAction", chat_id=861))
        await asyncio.sleep(1.0)
        assert len(fake.sent("sendChatAction", chat_id=861)) == typing
    finally:
        await runner.stop()
