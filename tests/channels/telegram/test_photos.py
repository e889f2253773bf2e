"""A Telegram photo reaches the transcript through getFile on the fake Bot API; bad photos are refused politely."""

from __future__ import annotations

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4


def _attachments(services: Services) -> list[dict]:
    with services.store.tx() as db:
        cur = db.execute("SELECT * FROM attachments ORDER BY id")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


async def test_a_photo_is_fetched_with_getfile_and_stored_for_staff(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_photo(801, JPEG, caption="the seam came apart")
    await until(lambda: fake.texts(801) == [texts.PHOTO_RECEIVED], what="the photo receipt")
    assert [c.params["file_id"] for c in fake.sent("getFile")] == ["photo-1"]  # the largest size, not the thumbnail
    [row] = _attachments(services)
    assert (row["mime"], row["size"], row["channel"]) == ("image/jpeg", len(JPEG), "telegram")
    assert (services.settings.attachments_dir / row["path"]).read_bytes() == JPEG
    msg = services.store.get_message(row["message_id"])
    assert msg is not None and msg["text"] == "📎 Photo: the seam came apart" and msg["answered"] == 1
    conv = services.store.get_conversation(row["conversation_id"])
    assert conv is not None and conv["chat_id"] == "801"
    assert fake.sent("sendChatAction", chat_id=801) == []  # no "typing…": the bot does not answer a photo


async def test_bad_photos_are_refused_politely(fake: FakeTelegram, runner: TelegramRunner, services: Services) -> None:
    fake.send_photo(802, b"MZ\x90\x00 this is a program, not a picture")  # not an image by its bytes
    fake.send_photo(803, JPEG, file_size=services.settings.attachment_max_bytes + 1)  # too large: never downloaded
    fake.inject(fake.message_update(804, photo=[{"file_id": "gone", "file_unique_id": "g", "width": 9, "height": 9}]))
    await until(lambda: all(fake.texts(c) for c in (802, 803, 804)), what="the three replies")
    assert fake.texts(802) == [texts.PHOTO_REFUSED.format(reason="only photos can be sent (JPEG, PNG, GIF or WebP)")]
    assert fake.texts(803)[0].startswith("📎 Sorry, I couldn't take that photo: it is larger than")
    assert fake.texts(804) == [texts.PHOTO_FAILED]
    # the oversized one was never fetched (the rate limiter retries the unknown one: PTB's BadRequest is a NetworkError)
    assert {c.params["file_id"] for c in fake.sent("getFile")} == {"photo-1", "gone"}
    assert _attachments(services) == []
