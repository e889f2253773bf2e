"""A "we don't sell" answer names every thing asked for (#9): "any swim trunks or boxers?" said only "We don't
sell swim trunks." Underwear, sleep and sportswear words are things the shop lacks; each one asked is said, in the
order asked, joined by "or"; a kind the shop does sell asked beside one it lacks is listed under the "don't sell"
line; a kind word that describes the thing it lacks ("dress shoes") is no kind asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.catalog import discovery_text, parse_constraints, search
from bot.core.request import understand
from bot.domain import ConversationState, Flag, Intent, IntentPrediction, RequestKind
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

CATALOG = [json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if x.strip()]


def reply_to(text: str) -> tuple[str, list[dict]]:
    prediction = IntentPrediction(intent=Intent.OUT_OF_SCOPE, confidence=0.5, label="out_of_scope")
    req = understand(text, prediction, ConversationState(), CATALOG, known_customer=False)
    assert req.kind == RequestKind.DISCOVERY
    return discovery_text(req.constraints, search(CATALOG, req.constraints), CATALOG)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("do you stock briefs or undershirts", "We don't sell briefs or undershirts."),
        ("got any hoodies or sweatpants?", "We don't sell hoodies or sweatpants."),
        ("looking for pajamas and slippers for my wife", "We don't sell pajamas or slippers."),
        ("do you sell leggings or yoga pants?", "We don't sell leggings or yoga pants."),
        ("any board shorts or boxer briefs", "We don't sell board shorts or boxer briefs."),
    ],
)
def test_every_thing_the_shop_lacks_is_said(text: str, said: str) -> None:
    reply, _ = reply_to(text)
    assert reply.startswith(said)


def test_yoga_pants_are_not_chinos() -> None:
    c = parse_constraints("do you sell leggings or yoga pants?", CATALOG)
    assert c.categories == [] and c.missing_categories == ["leggings", "yoga pants"]


def test_a_kind_sold_beside_one_lacked_is_listed_under_the_no() -> None:
    reply, shown = reply_to("do you carry socks or boxers?")
    first, rest = reply.split("\n", 1)
    assert first == "We don't sell boxers."
    assert shown and all("Socks" in p["name"] for p in shown)
    assert all(p["name"] in rest for p in shown)


def test_a_kind_word_describing_what_is_lacked_is_no_kind_asked() -> None:
    c = parse_constraints("do you sell dress shoes?", CATALOG)
    assert c.categories == [] and c.missing_categories == ["shoes"]
    reply, shown = reply_to("do you sell dress shoes?")
    assert reply.startswith("We don't sell shoes. The nearest we have (boots")
    assert shown and all(p["category"] == "boots" for p in shown)


def test_near_misses_keep_their_kinds() -> None:
    assert parse_constraints("any dress shirts in white?", CATALOG).categories == ["shirt"]
    assert parse_constraints("jeans or chinos for work", CATALOG).missing_categories == []
    reply, shown = reply_to("do you have any flannel shirts?")
    assert "don't sell" not in reply and shown


async def test_the_assistant_says_both_and_no_person_is_needed(tmp_path: Path, intents: IntentClassifier) -> None:
    assistant: Assistant = demo_assistant(tmp_path, intents, [], [])
    reply = await ask(assistant, "do you have briefs or undershirts")
    assert reply.text.startswith("We don't sell briefs or undershirts.")
    assert Flag.NOT_CARRIED in reply.flags and Flag.HANDOFF not in reply.flags


def test_two_lacked_things_near_the_same_kind_name_it_once() -> None:
    reply, shown = reply_to("got sweatpants or joggers?")
    assert reply.startswith(
        "We don't sell sweatpants or joggers. The nearest we have (chinos from the brands we carry)"
    )
    assert shown and all(p["category"] == "chinos" for p in shown)
