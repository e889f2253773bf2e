"""Recommendations inside replies: the insertion policy, the frequency cap, consent, preferences, erasure."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.core.turn import Turn
from bot.personalisation import Personaliser, _ceiling, describe_customer
from bot.recommend.artifact import load_current, versions
from bot.store import Store
from bot.domain import Channel, Constraints, ConversationState, IncomingMessage, Request, RequestKind
from tests.support.intents import small_intent_classifier


@pytest.fixture
def setup(knowledge_dir: Path, tmp_path: Path):  # noqa: ANN201
    store = Store(tmp_path / "db.sqlite")
    for cid in ("c1", "c2", "c3"):
        store.ensure_customer(cid, name=cid, email=f"{cid}@example.com")
    store.update_customer("c3", personalization=0)
    for cid in ("c1", "c2", "c3"):
        store.add_interaction(cid, "NT-JNS-0001", "purchase")
        store.add_interaction(cid, "NT-JNS-0002", "view")
        store.add_interaction(cid, "NT-BTS-0004", "view")
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing")
    kb.open()
    personaliser = Personaliser(store, kb, tmp_path / "models", embedder="hashing", every_n=3)
    model = ScriptedChatModel(default="Our jeans are made of denim.")
    assistant = Assistant(
        store=store,
        kb=kb,
        intents=small_intent_classifier(),
        composer=Composer(model, timeout_s=5),
        recommend=personaliser,
    )
    return store, personaliser, assistant


def ask(text: str, customer: str, conversation: str | None = None) -> IncomingMessage:
    return IncomingMessage(text=text, channel=Channel.API, customer_id=customer, conversation_id=conversation)


async def test_product_question_gets_one_labelled_recommendation(setup) -> None:  # noqa: ANN001
    store, _, assistant = setup
    reply = await assistant.handle(ask("what material are the jeans", "c1"))
    assert "recommended" in reply.flags and len(reply.cards) == 1
    card = reply.cards[0]
    assert card.sku != "NT-JNS-0001"  # never something already bought
    assert card.sku != "NT-JKT-0003"  # never out of stock
    assert reply.text.index("Our jeans are made of denim.") < reply.text.index("Recommended for you:")
    assert card.reason and f"Recommended for you: {card.name}" in reply.text
    assert store.recommendations_in(reply.conversation_id)[0][0] == card.sku


async def test_never_in_complaints_handoffs_or_for_opted_out_customers(setup) -> None:  # noqa: ANN001
    _, _, assistant = setup
    for text, customer in [
        ("the item arrived broken, this is terrible service", "c1"),
        ("talk to a human", "c1"),
        ("what material are the jeans", "c3"),
    ]:
        reply = await assistant.handle(ask(text, customer))
        assert reply.cards == [] and "recommended" not in reply.flags, text


async def test_frequency_cap_and_no_repeats(setup) -> None:  # noqa: ANN001
    _, _, assistant = setup
    first = await assistant.handle(ask("what material are the jeans", "c2"))
    conv = first.conversation_id
    shown = [first.cards[0].sku] if first.cards else []
    for _ in range(5):
        r = await assistant.handle(ask("what material are the jeans", "c2", conv))
        shown += [c.sku for c in r.cards]
    assert 1 <= len(shown) <= 2, shown  # one every 3 bot turns at most over 6 turns, and one is offered
    assert len(shown) == len(set(shown))  # never the same item twice in a conversation


async def test_preferences_are_remembered_and_profile_described(setup) -> None:  # noqa: ANN001
    store, personaliser, assistant = setup
    await assistant.handle(ask("do you have black jeans in size M under $100?", "c1"))
    prefs = store.get_customer("c1")["profile"]["preferences"]
    assert (
        prefs["sizes"] == ["M"]
        and "black" in prefs["colors"]
        and prefs["budget"] == 100.0
        and "jeans" in prefs["categories"]
    )
    profile = describe_customer(store, "c1", personaliser=personaliser)
    assert profile is not None and profile["personalization"] is True and profile["preferences"] == prefs
    assert profile["history"]["interactions"] == {"purchase": 1, "view": 2}


async def test_erasure_removes_factors_and_interactions(setup) -> None:  # noqa: ANN001
    store, personaliser, assistant = setup
    await assistant.handle(ask("what material are the jeans", "c1"))
    assert "c1" in load_current(personaliser.root).user_index
    personaliser.forget("c1")
    store.erase_customer("c1")
    reloaded = load_current(personaliser.root)
    assert "c1" not in reloaded.user_index and "c1" not in reloaded.user_ids
    assert len(list((personaliser.root / "versions").iterdir())) == 1  # no older artifact keeps the factors
    assert store.interactions("c1") == [] and store.get_customer("c1") is None


def test_reasons_name_only_this_conversation() -> None:
    from bot.personalisation import true_reason

    talked = ["Slim Blue Jeans"]
    assert (
        true_reason(
            "similar to the Slim Blue Jeans you asked about",
            talked=talked,
            bought=[],
            shopper_text="how much are the Slim Blue Jeans",
        )
        == "similar to the Slim Blue Jeans you asked about"
    )
    assert (
        true_reason(
            "similar to the Slim Blue Jeans you asked about", talked=talked, bought=[], shopper_text="cheapest jeans?"
        )
        == "similar to the Slim Blue Jeans you were shown"
    )
    assert (
        true_reason("similar to the Relaxed Black Jeans you asked about", talked=talked, bought=[], shopper_text="")
        == "picked for you"
    )
    assert (
        true_reason("because you looked at Leather Ankle Boots", talked=talked, bought=[], shopper_text="")
        == "picked for you"
    )
    assert (
        true_reason("because you bought Slim Blue Jeans", talked=[], bought=["Slim Blue Jeans"], shopper_text="")
        == "because you bought Slim Blue Jeans"
    )


async def test_this_turns_budget_and_lists_block_or_filter_the_recommendation(setup) -> None:  # noqa: ANN001
    _, _, assistant = setup
    listing = await assistant.handle(ask("show me jeans", "c1"))
    assert "catalog" in listing.flags and "recommended" not in listing.flags  # the list is the answer
    carried = await assistant.handle(ask("do you carry Adidas?", "c2"))
    assert "Recommended for you" not in carried.text
    budget = await assistant.handle(ask("what material are the boots, I want something under $50", "c1"))
    assert all(card.price <= 50 for card in budget.cards if card.reason)


def test_a_brand_added_by_a_reload_is_remembered_as_a_preference(setup, knowledge_dir: Path) -> None:  # noqa: ANN001
    """The catalog's colours, brands and categories are read once per knowledge-base version, so a reload's new
    brand is one the shopper's words are matched against from the next turn on."""
    import json

    store, personaliser, _ = setup
    personaliser.remember_preferences("c2", "anything from Zephyrwear in teal?")
    assert "brands" not in ((store.get_customer("c2")["profile"] or {}).get("preferences") or {})
    catalog = next(knowledge_dir.rglob("products.jsonl"))
    row = {"sku": "ZW-1", "name": "Zephyrwear Teal Parka", "brand": "Zephyrwear", "category": "jackets",
           "colors": ["teal"], "price": 120}  # fmt: skip
    catalog.write_text(catalog.read_text(encoding="utf-8") + json.dumps(row) + "\n", encoding="utf-8")
    personaliser.kb.reload()
    personaliser.remember_preferences("c2", "anything from Zephyrwear in teal?")
    prefs = store.get_customer("c2")["profile"]["preferences"]
    assert prefs["brands"] == ["zephyrwear"] and prefs["colors"] == ["teal"]


def test_after_a_reload_the_recommender_reads_the_new_versions_products(setup, knowledge_dir: Path) -> None:  # noqa: ANN001
    """The recommender's filters read the served version's stock and prices: a reload that changes a product is
    seen on the next turn (the same model, not trained again)."""
    import json

    _, personaliser, _ = setup
    first = personaliser.recommender
    assert first is not None and first.products["NT-BTS-0004"]["price"] != 12.5
    catalog = next(knowledge_dir.rglob("products.jsonl"))
    rows = [json.loads(line) for line in catalog.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if row["sku"] == "NT-BTS-0004":
            row["price"] = 12.5
    catalog.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    personaliser.kb.reload()
    second = personaliser.recommender
    assert second is not first and second.model is first.model  # not trained again
    assert second.products["NT-BTS-0004"]["price"] == 12.5
    assert personaliser.recommender is second  # built once per version


async def test_a_retrained_recommender_reads_the_item_vectors_from_the_cache(setup, tmp_path: Path) -> None:  # noqa: ANN001
    """The item texts' vectors survive the artifact (a restart that trains again embeds nothing already seen)."""
    import shutil

    _, personaliser, _ = setup
    first = personaliser.recommender
    assert first is not None
    (keys_file,) = (tmp_path / "models" / "recommend-cache" / "hashing").glob("keys.json")
    stamp = keys_file.stat().st_mtime_ns
    shutil.rmtree(tmp_path / "models" / "recommend")
    personaliser.refresh()
    again = personaliser.recommender
    assert again is not None and again is not first
    assert keys_file.stat().st_mtime_ns == stamp  # nothing new to embed, so nothing written
    assert again.model.item_ids == first.model.item_ids


async def test_a_large_catalogs_first_recommender_trains_in_the_background(setup, tmp_path: Path) -> None:  # noqa: ANN001
    """From `background_min_products` on, a first start with no published model does not make the shopper wait:
    warm_up and the reply hook start the training in a thread and the reply carries no recommendation; once it is
    published, the next turn loads it and recommends. A synchronous caller (campaigns, the CLI) still waits."""
    store, small, _ = setup
    big = Personaliser(store, small.kb, tmp_path / "models-big", embedder="hashing", background_min_products=1)
    assistant = Assistant(
        store=store,
        kb=small.kb,
        intents=small_intent_classifier(),
        composer=Composer(ScriptedChatModel(default="Our jeans are made of denim."), timeout_s=5),
        recommend=big,
    )
    root = tmp_path / "models-big" / "recommend"
    with versions(root).lock():  # as another worker training: the thread waits, so "during" is really during
        big.warm_up()
        assert big.live.get(wait=False) is None  # training, not trained: nothing to recommend with yet
        during = await assistant.handle(ask("what material are the jeans", "c1"))
        assert "recommended" not in during.flags and not during.cards
        assert "Our jeans are made of denim." in during.text
        assert not big.live.wait_trained(timeout_s=0.2)  # still waiting for the lock
    assert big.live.wait_trained(timeout_s=120)
    assert load_current(root) is not None  # published by the thread
    after = await assistant.handle(ask("what material are the jeans", "c2"))
    assert "recommended" in after.flags and len(after.cards) == 1


def test_a_small_catalog_trains_before_the_first_reply(setup, tmp_path: Path) -> None:  # noqa: ANN001
    """Below the threshold (the demo store's 320 products), warm_up trains at once, as before: no thread."""
    store, small, _ = setup
    p = Personaliser(store, small.kb, tmp_path / "models-small", embedder="hashing", background_min_products=100_000)
    p.warm_up()
    assert p.live._training is None
    assert p.live.get(wait=False) is not None


def _turn(history: list[str], text: str, request: Request | None = None, kept: float | None = None) -> Turn:
    said = [{"direction": "in", "text": t} for t in history]
    state = ConversationState(constraints=Constraints(max_price=kept))
    return Turn(IncomingMessage(text), {"id": "g1"}, {"id": "v1"}, None, history=said, request=request, state=state)


def test_a_budget_stated_earlier_in_the_conversation_holds_for_a_later_line() -> None:
    """r19-001: "boots ... dont want to spend more than 200" then "do those come in wide?" offered $227.50 boots."""
    r19 = "hi! looking for waterproof boots (womens) for slush season, size 8, dont want to spend more than 200"
    wide = "ok and do those come in wide? my feet are kinda wide lol"
    assert _ceiling(_turn([r19], wide, Request(RequestKind.PRODUCT_FACT, wide))) == 200.0
    assert _ceiling(_turn(["boots pls", "jeans under $150"], "and a belt?")) == 150.0  # another kind: still held
    assert _ceiling(_turn(["show me boots"], "are they warm?", kept=90.0)) == 90.0  # older than the history: the state's
    # near misses: this turn's own budget replaces the earlier one; no budget stated, none applied
    new = Request(RequestKind.DISCOVERY, "up to 300 then", constraints=Constraints(max_price=300.0))
    assert _ceiling(_turn([r19], "up to 300 then", new)) == 300.0
    assert _ceiling(_turn(["whats your return policy"], "do the hiking boots come in wide?")) is None
