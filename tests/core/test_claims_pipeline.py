"""The claims the data does not make (meaning/praise.py, consistency.py, fees.py) are stopped in the pipeline, for a
model behind any backend: a streamed sentence that carries one never reaches the shopper, and the final reply is
the true part or the shop's own sentence. A real Assistant on the tiny knowledge folder (tests/conftest.py) with a
scripted generator standing in for a capable model."""

from __future__ import annotations

from bot.core.assistant import Assistant
from bot.domain import Channel, IncomingMessage
from bot.llm.fake import ScriptedChatModel


async def _turn(assistant: Assistant, text: str) -> tuple[str, str]:
    streamed, final = "", ""
    async for event in assistant.stream(IncomingMessage(text, channel=Channel.API, customer_id="c1")):
        if event["type"] == "token":
            streamed += event["text"]
        elif event["type"] == "reply":
            final = event["reply"].text
    return final, streamed


async def test_a_popularity_claim_is_never_streamed_nor_kept(assistant: Assistant, model: ScriptedChatModel) -> None:
    model.say("Standard shipping takes 3 to 5 business days. It's the most popular one.")
    final, streamed = await _turn(assistant, "how long does standard shipping take?")
    assert "3 to 5 business days" in final
    assert "popular" not in final and "popular" not in streamed


async def test_a_bestseller_claim_about_a_product_is_not_kept(assistant: Assistant, model: ScriptedChatModel) -> None:
    model.say("The Wool Winter Jacket is a warm wool jacket for cold winter days, and it's a bestseller.")
    final, streamed = await _turn(assistant, "tell me about the wool winter jacket")
    assert "bestseller" not in final and "bestseller" not in streamed
    assert "Wool Winter Jacket" in final, final  # the product is still answered, not a canned "not sure"


async def test_a_fee_counted_per_item_is_never_streamed_nor_kept(
    assistant: Assistant, model: ScriptedChatModel
) -> None:
    model.say("Standard shipping takes 3 to 5 business days and costs 8 dollars per item.")
    final, streamed = await _turn(assistant, "how much is standard shipping?")
    assert "per item" not in final and "per item" not in streamed
    assert "8 dollars" in final


async def test_the_true_reply_is_kept(assistant: Assistant, model: ScriptedChatModel) -> None:
    model.say("Standard shipping takes 3 to 5 business days and costs 8 dollars.")
    final, _ = await _turn(assistant, "how much is standard shipping?")
    assert final.startswith("Standard shipping takes 3 to 5 business days and costs 8 dollars")
