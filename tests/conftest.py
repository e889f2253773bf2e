"""Shared fixtures: small knowledge folders and settings pointed at tmp_path."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Isolation from the developer's environment (httpx's clean_environ is the model): no SHOPBOT_* variable and no
# .env file reach the settings the tests build, in this process or in the subprocesses it starts.
KEEP_ENV = {"SHOPBOT_DOC_SCREENSHOTS", "SHOPBOT_CI"}  # SHOPBOT_CI: missing PostgreSQL fails tests, not skips
for _name in [n for n in os.environ if n.startswith("SHOPBOT_") and n not in KEEP_ENV]:
    del os.environ[_name]
os.environ["SHOPBOT_ENV_FILE"] = ""

REPO = Path(__file__).resolve().parent.parent

RETURNS_MD = """---
title: Returns and refunds
category: policy
tags: [returns, refunds]
---
# Returns and refunds

## Return window
You can return any item within 30 days of delivery for a full refund.

## Refund method
Refunds go back to the original payment method within 5 business days.
"""

SHIPPING_MD = """---
title: Shipping
category: policy
---
# Shipping

## Where we ship
We ship to the United States and Canada. We do not ship to the United Kingdom.

## Delivery times
Standard shipping takes 3 to 5 business days and costs 8 dollars.
"""

PRODUCTS = [
    {
        "sku": "NT-JNS-0001",
        "name": "Slim Blue Jeans",
        "brand": "Guess",
        "category": "jeans",
        "description": "Classic slim jeans in stretch denim.",
        "sizes": ["S", "M"],
        "colors": ["blue"],
        "material": "denim",
        "price": 59.9,
        "currency": "USD",
        "stock": {"S": 0, "M": 3},
        "rating": 4.2,
    },
    {
        "sku": "NT-JNS-0002",
        "name": "Relaxed Black Jeans",
        "brand": "Calvin Klein",
        "category": "jeans",
        "description": "Relaxed fit jeans in black denim.",
        "sizes": ["M", "L"],
        "colors": ["black"],
        "material": "denim",
        "price": 89.0,
        "currency": "USD",
        "stock": {"M": 2, "L": 1},
        "rating": 4.0,
    },
    {
        "sku": "NT-JKT-0003",
        "name": "Wool Winter Jacket",
        "brand": "Calvin Klein",
        "category": "jacket",
        "description": "Warm wool jacket for cold winter days.",
        "sizes": ["M", "L"],
        "colors": ["black"],
        "material": "wool",
        "price": 149.0,
        "currency": "USD",
        "stock": {"M": 0, "L": 0},
        "rating": 4.7,
    },
    {
        "sku": "NT-BTS-0004",
        "name": "Leather Ankle Boots",
        "brand": "Michael Kors",
        "category": "boots",
        "description": "Brown leather ankle boots.",
        "sizes": ["8", "9"],
        "colors": ["brown"],
        "material": "leather",
        "price": 120.0,
        "currency": "USD",
        "stock": {"8": 4, "9": 0},
        "rating": 4.5,
    },
]


def write_knowledge(root: Path) -> Path:
    """A tiny but realistic knowledge folder: two policy pages and four products."""
    (root / "policies").mkdir(parents=True, exist_ok=True)
    (root / "catalog").mkdir(parents=True, exist_ok=True)
    (root / "policies" / "returns.md").write_text(RETURNS_MD, encoding="utf-8")
    (root / "policies" / "shipping.md").write_text(SHIPPING_MD, encoding="utf-8")
    (root / "catalog" / "products.jsonl").write_text(
        "\n".join(json.dumps(p) for p in PRODUCTS) + "\n", encoding="utf-8"
    )
    return root


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A fresh copy of the tiny knowledge folder."""
    return write_knowledge(tmp_path / "knowledge")


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """One real PostgreSQL server for the session (started on first use; see tests/support/pg_server.py)."""
    from tests.support.pg_server import pg_server

    with pg_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server_url: str) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    from tests.support.pg_server import fresh_database

    return fresh_database(pg_server_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store's database for one test, on each backend: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "shopbot.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """One real Redis server for the session (see tests/support/redis_server.py); tests use distinct keys."""
    from tests.support.redis_server import redis_server

    with redis_server() as url:
        yield url
