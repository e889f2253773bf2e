"""The shopper's own membership level asked (#9): "im gold??" and "wait am i gold" got the levels table's Gold row
("Spend $1,500 or more ..."), "what level am i" from a Silver member got the model's "The level I mentioned is
Bronze." Now the account's level from the customers table, a yes or no when a level is named, and what the level
gives from the membership page's tables. A real Assistant on the demo store (hashing embedder), real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.own_level import asks_own_level
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

CUSTOMERS = [
    {"id": "g1", "name": "Camille", "email": "c@example.org", "membership": "gold"},
    {"id": "b1", "name": "Aisha", "email": "a@example.org", "membership": "bronze"},
    {"id": "s1", "name": "Lucas", "email": "l@example.org", "membership": "silver"},
]


@pytest.mark.parametrize(
    "text",
    ["im gold??", "wait am i gold", "what level am i", "what tier am i on?", "whats my membership level",
     "so what membership do i have", "am i a silver member?", "is my account gold?", "which level am i at"],
)  # fmt: skip
def test_own_level_questions(text: str) -> None:
    assert asks_own_level(text)


@pytest.mark.parametrize(
    "text",
    ["I'm gold", "im gold, do i get free overnight?", "what level do i get when i make an account", "what's my status",
     "how do i become gold", "what do gold members get", "what are the levels?", "what is my order status"],
)  # fmt: skip
def test_near_misses_are_not_own_level(text: str) -> None:
    assert not asks_own_level(text)


async def test_the_accounts_level_and_its_perks(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, CUSTOMERS, [])
    gold = await ask(shop, "im gold??", "g1")
    assert gold.text.startswith("Yes: your account is at the Gold level.")
    assert "overnight shipping (Free)" in gold.text
    bronze = await ask(shop, "wait am i gold", "b1")
    assert bronze.text.startswith("No: your account is at the Bronze level, not Gold.")
    assert "return window (90 days)" in bronze.text and "Unlimited" not in bronze.text
    silver = await ask(shop, "what level am i", "s1")
    assert silver.text.startswith("Your account is at the Silver level.") and "6 months" in silver.text
    assert "Bronze" not in silver.text


async def test_no_account_no_level(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, CUSTOMERS, [])
    reply = await ask(shop, "what's my membership level?")
    assert "can't see which membership level you have" in reply.text
    for level in ("Gold", "Silver", "Bronze", "Guest"):
        assert level not in reply.text
    near = await ask(shop, "how do i become gold", "b1")  # one level's rule, not the account's level
    assert "Your account is at" not in near.text and "1,500" in near.text


async def test_an_account_with_no_level_is_guest(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, [{"id": "n1", "name": "Noor", "email": "n@example.org"}], [])
    reply = await ask(shop, "what level am i?", "n1")
    assert reply.text.startswith("Your account is at the Guest level.") and "30 days" in reply.text
