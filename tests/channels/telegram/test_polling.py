"""End to end over real HTTP: update in through getUpdates, reply out through sendMessage."""

from __future__ import annotations

from bot.app import Services
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram


async def test_a_question_gets_an_answer_with_typing_sources_and_buttons(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_text(501, "Where do you ship to?")  # composed by the (echo) model; "how long" is answered from the data
    await until(lambda: len(fake.texts(501)) == 1, what="the reply")
    reply = fake.sent("sendMessage", chat_id=501)[0]
    typing = fake.sent("sendChatAction", chat_id=501)
    assert typing and typing[0].params["action"] == "typing" and typing[0].t <= reply.t
    assert reply.params["parse_mode"] == "HTML"
    assert "Shipping &gt; Where we ship" in reply.params["text"]  # the echo generator's heading, HTML-escaped
    assert "We ship to the United States and Canada." in reply.params["text"]
    assert "<i>Sources: Shipping" in reply.params["text"]
    rows = reply.params["reply_markup"]["inline_keyboard"]
    datas = [b["callback_data"] for row in rows for b in row]
    assert any(d.startswith("f:+:") for d in datas) and any(d.startswith("f:-:") for d in datas)
    assert any(d.startswith("h:conv-") for d in datas)
    # the conversation is stored with the Telegram chat id, both messages persisted and the inbound one answered
    conv = services.store.list_conversations(channel="telegram")[0]
    assert conv["chat_id"] == "501"
    msgs = services.store.messages(conv["id"])
    assert [m["direction"] for m in msgs] == ["in", "out"] and msgs[0]["answered"] == 1
    assert services.store.unanswered() == []
