"""Updates the shop does not expect never crash the bot: each is answered briefly or ignored, on purpose."""

from __future__ import annotations

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram

STICKER = {
    "file_id": "CAAD",
    "file_unique_id": "u1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "AgAD", "file_unique_id": "u2", "width": 90, "height": 90}]
VOICE = {"file_id": "AwAD", "file_unique_id": "u3", "duration": 2}


async def test_unexpected_updates_get_a_short_reply_or_are_ignored(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.inject(fake.message_update(701, "I meant Canada", kind="edited_message"))
    fake.inject(fake.message_update(702, sticker=STICKER))
    fake.inject(fake.message_update(703, photo=PHOTO, caption="is this in stock?"))
    fake.inject(fake.message_update(704, voice=VOICE))
    fake.inject(fake.message_update(-100705, "hello everyone", user_id=705, chat_type="supergroup"))
    fake.inject(fake.message_update(-100706, "/start", user_id=706, chat_type="group"))
    fake.inject(fake.message_update(-100707, "new collection out!", chat_type="channel", kind="channel_post"))
    fake.inject(
        {
            "update_id": fake.next_update_id(),
            "my_chat_member": {
                "chat": {"id": 708, "type": "private", "first_name": "U"},
                "from": {"id": 708, "is_bot": False, "first_name": "U"},
                "date": 1,
                "old_chat_member": {
                    "status": "member",
                    "user": {"id": 700000001, "is_bot": True, "first_name": "Shop"},
                },
                "new_chat_member": {
                    "status": "kicked",
                    "until_date": 0,
                    "user": {"id": 700000001, "is_bot": True, "first_name": "Shop"},
                },
            },
        }
    )
    fake.send_text(709, "/frobnicate")
    fake.press(710, "zz:garbage")
    fake.send_text(711, "Do you ship to Canada?")  # and the bot still answers real questions afterwards
    await until(lambda: len(fake.texts(711)) == 1, what="the normal answer")
    await until(lambda: all(fake.texts(c) for c in (701, 702, 703, 704, 709)), what="the polite replies")
    assert fake.texts(701) == [texts.EDITED]
    assert fake.texts(702) == fake.texts(704) == [texts.NOT_TEXT]
    assert fake.texts(703) == [
        texts.PHOTO_FAILED
    ]  # a photo is fetched for staff; this one's file is unknown (test_photos.py)
    assert fake.texts(709) == [texts.UNKNOWN_COMMAND]
    assert fake.sent("answerCallbackQuery")[0].params["text"] == texts.EXPIRED
    for silent in (-100705, -100706, -100707, 708):
        assert fake.sent(chat_id=silent) == [] and fake.sent("sendChatAction", chat_id=silent) == []
    # nothing from groups or channels was stored as a shopper message
    assert {c["chat_id"] for c in services.store.list_conversations(channel="telegram")} == {"711"}


async def test_a_failing_handler_is_logged_and_the_bot_keeps_going(fake: FakeTelegram, runner: TelegramRunner) -> None:
    broken = fake.message_update(721, "hello")
    del broken["message"]["from"]  # a private message without a sender: the handler cannot work out who is asking
    fake.inject(broken)
    await until(lambda: len(fake.texts(721)) == 1, what="the apology")
    assert fake.texts(721) == [texts.ERROR]
    fake.send_text(722, "Do you ship to Canada?")
    await until(lambda: len(fake.texts(722)) == 1, what="the next answer")
