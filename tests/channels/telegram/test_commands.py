"""Shopper commands and buttons: /start, /help, /privacy, /reset, /forget, feedback, hand-off, product clicks."""

from __future__ import annotations

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram


async def test_start_and_help_explain_the_bot_and_privacy(fake: FakeTelegram, runner: TelegramRunner) -> None:
    fake.send_text(601, "/start")
    fake.send_text(602, "/help")
    await until(lambda: len(fake.texts(601)) == 1 and len(fake.texts(602)) == 1, what="/start and /help")
    start, help_ = fake.texts(601)[0], fake.texts(602)[0]
    assert "Privacy" in start and "/privacy off" in start and "/forget" in start
    assert all(cmd in help_ for cmd in ("/reset", "/privacy off", "/forget", "/help"))
    assert {c.params["commands"][0]["command"] for c in fake.sent("setMyCommands")} == {"start"}


async def test_privacy_off_and_reset(fake: FakeTelegram, runner: TelegramRunner, services: Services) -> None:
    fake.send_text(611, "/privacy off")
    await until(lambda: len(fake.texts(611)) == 1, what="privacy reply")
    assert fake.texts(611)[0] == texts.PRIVACY_OFF
    customer = services.store.find_customer(telegram_id="611")
    assert customer is not None and customer["personalization"] == 0
    fake.send_text(611, "/reset")
    await until(lambda: len(fake.texts(611)) == 2, what="reset reply")
    assert fake.texts(611)[1] == texts.RESET
    assert (
        len([c for c in services.store.list_conversations(channel="telegram") if c["customer_id"] == customer["id"]])
        == 2
    )


async def test_feedback_handoff_and_product_buttons(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_text(621, "Do you ship to Canada?")
    await until(lambda: len(fake.texts(621)) == 1, what="answer")
    buttons = [
        b["callback_data"] for row in fake.sent(chat_id=621)[0].params["reply_markup"]["inline_keyboard"] for b in row
    ]
    down = next(b for b in buttons if b.startswith("f:-:"))
    handoff = next(b for b in buttons if b.startswith("h:"))
    fake.press(621, down)
    await until(lambda: len(fake.sent("answerCallbackQuery")) == 1, what="feedback answer")
    message_id = int(down.rsplit(":", 1)[1])
    assert services.store.get_message(message_id)["feedback"] == -1
    assert fake.sent("answerCallbackQuery")[0].params["text"] == texts.FEEDBACK_THANKS
    # another shopper cannot rate or hand off this conversation
    fake.send_text(622, "/start")
    await until(lambda: len(fake.texts(622)) == 1, what="second shopper")
    fake.press(622, f"f:+:{message_id}")
    fake.press(622, handoff)
    await until(lambda: len(fake.sent("answerCallbackQuery")) == 3, what="refusals")
    assert [c.params["text"] for c in fake.sent("answerCallbackQuery")[1:]] == [texts.EXPIRED, texts.EXPIRED]
    assert services.store.get_message(message_id)["feedback"] == -1
    fake.press(621, handoff)
    await until(lambda: texts.HANDOFF_REQUESTED in fake.texts(621), what="hand-off note")
    conv = services.store.get_conversation(handoff[2:])
    assert "handoff" in conv["flags"] and conv["flagged"] == 1
    fake.press(621, "p:NT-JNS-0001")
    await until(lambda: len(fake.texts(621)) == 3, what="product card")
    assert "Slim Blue Jeans" in fake.texts(621)[2]
    assert [i["sku"] for i in services.store.interactions(conv["customer_id"])] == ["NT-JNS-0001"]


async def test_forget_erases_everything_after_confirmation(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_text(631, "What is your return window?")
    await until(lambda: len(fake.texts(631)) == 1, what="answer")
    fake.press(631, "p:NT-BTS-0004")
    await until(lambda: len(fake.texts(631)) == 2, what="product card")
    customer = services.store.find_customer(telegram_id="631")
    conv_ids = [c["id"] for c in services.store.list_conversations() if c["customer_id"] == customer["id"]]
    assert conv_ids and services.store.interactions(customer["id"])
    fake.send_text(631, "/forget")
    await until(lambda: len(fake.texts(631)) == 3, what="confirmation")
    confirm = fake.sent(chat_id=631)[2].params["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in confirm] == ["forget:yes", "forget:no"]
    assert services.store.get_customer(customer["id"]) is not None  # nothing erased before the button
    fake.press(631, "forget:yes")
    await until(
        lambda: any(c.params.get("text") == texts.FORGET_DONE for c in fake.sent("editMessageText", chat_id=631)),
        what="erasure",
    )
    assert services.store.get_customer(customer["id"]) is None
    assert services.store.find_customer(telegram_id="631") is None
    assert [c for c in services.store.list_conversations() if c["customer_id"] == customer["id"]] == []
    assert all(services.store.messages(cid) == [] for cid in conv_ids)
    assert services.store.interactions(customer["id"]) == []


async def test_forget_can_be_cancelled(fake: FakeTelegram, runner: TelegramRunner, services: Services) -> None:
    fake.send_text(641, "/forget")
    await until(lambda: len(fake.texts(641)) == 1, what="nothing stored")
    assert fake.texts(641) == [texts.FORGET_NOTHING]
    fake.send_text(641, "/start")
    fake.send_text(641, "/forget")
    await until(lambda: len(fake.texts(641)) == 3, what="confirmation")
    fake.press(641, "forget:no")
    await until(lambda: bool(fake.sent("editMessageText", chat_id=641)), what="cancel")
    assert fake.sent("editMessageText", chat_id=641)[0].params["text"] == texts.FORGET_CANCELLED
    assert services.store.find_customer(telegram_id="641") is not None
