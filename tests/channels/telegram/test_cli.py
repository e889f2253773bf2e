"""`shopbot telegram` refuses to start without the settings it needs, with a one-line reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from bot.app import Services
from bot.channels.telegram.runner import TelegramRunner, start_telegram
from bot.cli import main
from bot.config import get_settings
from bot.errors import ConfigError


def test_cli_without_a_token_explains_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPBOT_TELEGRAM_TOKEN", "")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(main, ["telegram"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "SHOPBOT_TELEGRAM_TOKEN is empty" in result.output


async def test_webhook_mode_needs_url_and_secret_and_no_token_means_no_channel(
    make_services: Callable[..., Services],
) -> None:
    with pytest.raises(ConfigError, match="WEBHOOK_SECRET"):
        TelegramRunner(make_services(telegram_mode="webhook", telegram_webhook_url="https://x.example/hook"))
    assert await start_telegram(make_services(telegram_token=SecretStr(""))) is None
