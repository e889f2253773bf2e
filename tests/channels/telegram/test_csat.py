"""Resolving a Telegram conversation asks its shopper for one 1-5 rating, through the fake Bot API, at most once."""

from __future__ import annotations

import json

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram


async def test_resolving_asks_for_a_rating_once_and_the_button_records_it(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_text(871, "hello")
    await until(lambda: len(fake.texts(871)) == 1, what="the greeting")
    conv = services.store.list_conversations(channel="telegram")[0]["id"]
    assert services.set_status(conv, "resolved", staff="ann") == "open"
    await until(lambda: len(fake.texts(871)) == 2, what="the rating question")
    question = fake.sent("sendMessage", chat_id=871)[-1].params
    assert question["text"] == texts.CSAT_QUESTION
    markup = question["reply_markup"]
    keyboard = (json.loads(markup) if isinstance(markup, str) else markup)["inline_keyboard"][0]
    assert [b["callback_data"] for b in keyboard] == [f"r:{n}:{conv}" for n in range(1, 6)]

    fake.press(871, f"r:4:{conv}", user_id=999)  # someone else's press counts for nothing
    fake.press(871, f"r:4:{conv}")
    await until(lambda: (services.inbox.csat_of(conv) or {}).get("score") == 4, what="the rating stored")
    await until(
        lambda: texts.CSAT_THANKS.format(score=4) in [c.params.get("text") for c in fake.sent("editMessageText")],
        what="thanks",
    )
    fake.press(871, f"r:1:{conv}")  # a second press does not change it
    await until(
        lambda: texts.CSAT_ALREADY in [c.params.get("text") for c in fake.sent("editMessageText")], what="already rated"
    )
    assert services.inbox.csat_of(conv)["score"] == 4

    services.set_status(conv, "open", staff="ann")
    services.set_status(conv, "resolved", staff="ann")  # resolved again: no second question
    fake.send_text(871, "thanks")  # the shopper's next message reopens it (and the bot answers)
    await until(lambda: len(fake.texts(871)) == 3, what="the answer to 'thanks'")
    assert fake.texts(871).count(texts.CSAT_QUESTION) == 1
    assert services.store.get_conversation(conv)["status"] == "open"
