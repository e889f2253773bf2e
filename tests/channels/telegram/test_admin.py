"""Staff commands: /status and /reload for admins; everyone else is refused and the attempt recorded."""

from __future__ import annotations

from pathlib import Path

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.admin import format_uptime, parse_admin_ids
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import ADMIN_ID, until
from tests.fakes.telegram_api import FakeTelegram


def test_admin_ids_and_uptime_format() -> None:
    assert parse_admin_ids(" 1, 22,,x, -3 ") == frozenset({1, 22, -3})
    assert format_uptime(3725) == "1h 02m"
    assert format_uptime(90_000) == "1d 1h 00m"


async def test_non_admins_are_refused_and_logged(
    fake: FakeTelegram, runner: TelegramRunner, services: Services
) -> None:
    fake.send_text(901, "/status")
    fake.send_text(902, "/reload")
    await until(lambda: fake.texts(901) and fake.texts(902), what="refusals")
    assert fake.texts(901) == fake.texts(902) == [texts.NOT_ALLOWED]
    denied = services.store.events("telegram_denied")
    assert sorted((e["data"]["command"], e["data"]["telegram_user_id"]) for e in denied) == [
        ("reload", 902),
        ("status", 901),
    ]


async def test_status_for_an_admin(fake: FakeTelegram, runner: TelegramRunner, services: Services) -> None:
    fake.send_text(911, "talk to a human")
    await until(lambda: fake.texts(911), what="hand-off answer")
    fake.send_text(ADMIN_ID, "/status")
    await until(lambda: fake.texts(ADMIN_ID), what="status")
    status = fake.texts(ADMIN_ID)[0]
    assert f"Knowledge base: <b>{services.kb.index.version}</b>" in status
    assert "Generator: <b>echo</b>" in status and "Uptime: <b>0h 00m</b>" in status
    assert "Conversations today: <b>1</b>" in status and "Hand-offs today: <b>1</b>" in status


async def test_reload_reports_the_new_version_or_the_broken_file(
    fake: FakeTelegram, runner: TelegramRunner, services: Services, knowledge_dir: Path
) -> None:
    before = services.kb.index.version
    (knowledge_dir / "policies" / "gift.md").write_text("# Gift cards\n\nGift cards never expire.\n", encoding="utf-8")
    fake.send_text(ADMIN_ID, "/reload")
    await until(lambda: any("✅" in c.params["text"] for c in fake.sent("editMessageText")), what="reload result")
    assert fake.texts(ADMIN_ID) == ["🔄 Reloading the knowledge base…"]
    after = services.kb.index.version
    assert after != before and f"now serving <b>{after}</b>" in fake.sent("editMessageText")[-1].params["text"]
    (knowledge_dir / "policies" / "bad.json").write_text("{not json", encoding="utf-8")
    fake.send_text(ADMIN_ID, "/reload")
    await until(
        lambda: any("❌" in c.params["text"] for c in fake.sent("editMessageText")), timeout=20, what="reload failure"
    )
    failure = fake.sent("editMessageText")[-1].params["text"]
    assert "policies/bad.json" in failure and "still serving the previous version" in failure
    assert services.kb.index.version == after
