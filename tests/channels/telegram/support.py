"""Shared by the Telegram tests and scripts/bench_telegram.py: settings for a fake Bot API and fast real services."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.app import Services
from bot.config import Settings
from tests.support.intents import small_services

ADMIN_ID = 4242


def telegram_settings(home: Path, knowledge_dir: Path, *, token: str, base_url: str, **extra: Any) -> Settings:
    """Settings for a fast, deterministic shop talking to a fake Bot API."""
    fields: dict[str, Any] = {
        "home": home,
        "knowledge_dir": knowledge_dir,
        "seed_dir": home / "no-seed",
        "embedder": "hashing",
        "llm_backend": "echo",
        "telegram_token": SecretStr(token),
        "telegram_base_url": base_url,
        "telegram_admin_ids": str(ADMIN_ID),
        **extra,
    }
    return Settings(**fields)


def services_for(settings: Settings) -> Services:
    """Real services with the small hashing-embedder intent classifier and the knowledge base opened."""
    services = small_services(settings)
    services.kb.open()
    return services


async def until(predicate: Callable[[], bool], *, timeout: float = 15.0, what: str = "condition") -> None:
    """Wait for predicate() without blocking the event loop the bot runs on."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
