"""Fixtures: a fake Bot API on 127.0.0.1, real services on tiny data, and a running TelegramRunner."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services
from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import services_for, telegram_settings
from tests.fakes.telegram_api import FakeTelegram, fake_telegram


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with fake_telegram() as server:
        yield server
    # every test, whatever it did, must have respected Telegram's flood limits
    assert server.rate_violations() == []


@pytest.fixture
def make_services(tmp_path: Path, knowledge_dir: Path, fake: FakeTelegram) -> Callable[..., Services]:
    def make(**extra: Any) -> Services:
        return services_for(
            telegram_settings(tmp_path / "var", knowledge_dir, token=fake.token, base_url=fake.base_url, **extra)
        )

    return make


@pytest.fixture
def services(make_services: Callable[..., Services]) -> Services:
    return make_services()


@pytest.fixture
async def runner(services: Services) -> AsyncIterator[TelegramRunner]:
    r = TelegramRunner(services, poll_timeout_s=1)
    await r.start()
    try:
        yield r
    finally:
        await r.stop()
