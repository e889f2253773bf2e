"""Real services on the tiny shop (hashing embedder, echo generator, real SQLite under tmp_path) for campaign tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services
from bot.config import Settings
from tests.support.intents import small_services

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def shop_settings(home: Path, knowledge_dir: Path, **extra: Any) -> Settings:
    """A fast shop: hashing embedder, echo generator, no demo seed."""
    fields: dict[str, Any] = {
        "home": home,
        "knowledge_dir": knowledge_dir,
        "seed_dir": home / "no-seed",
        "embedder": "hashing",
        "llm_backend": "echo",
    }
    return Settings(**{**fields, **extra})


@pytest.fixture
def services(tmp_path: Path, knowledge_dir: Path) -> Services:
    svc = small_services(shop_settings(tmp_path / "var", knowledge_dir))
    svc.kb.open()
    return svc


def order(
    oid: str, customer: str, *skus: str, days_ago: float = 1.0, total: float | None = None, now: datetime = NOW
) -> dict[str, Any]:
    """A valid order dict for the tiny shop."""
    items = [{"sku": s, "qty": 1, "price": 59.9} for s in skus]
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": (now - timedelta(days=days_ago)).isoformat(),
        "items": items,
        **({"total": total} if total is not None else {}),
    }


def add_customers(
    svc: Services, n: int, *, consent: bool = True, prefix: str = "c", telegram: bool = True, first_chat: int = 10_000
) -> list[str]:
    """n customers with Telegram ids (chat = first_chat + i), with or without marketing consent."""
    ids = []
    for i in range(n):
        cid = f"{prefix}{i:03d}"
        svc.store.ensure_customer(cid, name=f"Sam{i} Lee", telegram_id=str(first_chat + i) if telegram else None)
        if consent:
            svc.campaign_store.set_consent(cid, True, source="test")
        ids.append(cid)
    return ids


@pytest.fixture
def clock() -> Callable[[], datetime]:
    return lambda: NOW
