"""The local backend: our BaseChatModel over transformers, on the tiny GPT-2 (fast) and the real SmolLM2 (slow)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage

from bot.config import Settings
from bot.core.composer import Composer, Grounding
from bot.core.verify import verify
from bot.llm.factory import make_chat_model
from bot.llm.local import LocalChatModel
from bot.llm.smollm2 import converted_dir, load_model


def tiny(model_dir: Path, **kwargs: Any) -> LocalChatModel:
    return LocalChatModel(**{"model_path": str(model_dir), "dtype": "float32", "max_new_tokens": 12, **kwargs})


def test_model_is_loaded_once_per_process(tiny_model_dir: Path) -> None:
    model, tokenizer = load_model(tiny_model_dir, dtype="float32")
    again = load_model(tiny_model_dir, dtype="float32")
    assert again[0] is model and again[1] is tokenizer
    assert tiny(tiny_model_dir).load()[0] is model


def test_stream_yields_token_chunks_and_usage(tiny_model_dir: Path) -> None:
    chunks = list(tiny(tiny_model_dir).stream([HumanMessage("Hello there")]))
    assert all(isinstance(c, AIMessageChunk) for c in chunks)
    text_chunks = [c for c in chunks if c.content]
    assert len(text_chunks) >= 2  # streamed piece by piece, not in one block
    final = next(c for c in chunks if c.usage_metadata)
    assert final.usage_metadata["output_tokens"] == 12
    assert final.response_metadata["finish_reason"] == "length"
    assert "".join(c.content for c in text_chunks).strip()


def test_invoke_joins_the_stream(tiny_model_dir: Path) -> None:
    model = tiny(tiny_model_dir)
    streamed = "".join(c.text for c in model.stream("Hi"))
    assert model.invoke("Hi").content == streamed  # greedy decoding is deterministic


def test_a_sampled_try_is_the_same_for_the_same_seed(tiny_model_dir: Path) -> None:
    model = tiny(tiny_model_dir, max_new_tokens=16)
    greedy = model.invoke("Hello there").content
    first = model.invoke("Hello there", temperature=1.5, seed=1).content
    assert model.invoke("Hello there", temperature=1.5, seed=1).content == first  # a retry is reproducible
    others = {model.invoke("Hello there", temperature=1.5, seed=s).content for s in (2, 3, 4)}
    assert others | {first} != {greedy}  # sampling, not greedy decoding, when a temperature is given per call
    assert model.invoke("Hello there").content == greedy  # the per-call temperature does not stick


def test_prompt_lookup_writes_the_same_greedy_text(tiny_model_dir: Path) -> None:
    model = tiny(tiny_model_dir, max_new_tokens=24)
    prompt = "Your order ORD-4242 is with UPS; the tracking number is 1Z999. Your order ORD-4242 is with"
    plain = model.invoke(prompt, grounding=prompt).content
    assert model.invoke(prompt, grounding=prompt, prompt_lookup=10).content == plain


def test_grounding_kwarg_constrains_a_real_generation(tiny_model_dir: Path, smol_tokenizer: Any) -> None:
    model = tiny(tiny_model_dir, max_new_tokens=40)
    message = model.invoke("Say a number", grounding="Our code is 4242.")
    runs = [r.rstrip(",.:/-") for r in re.findall(r"[A-Z0-9][A-Z0-9,.:/\-]*", message.text) if re.search(r"\d", r)]
    assert all("4242".startswith(r) for r in runs), message.text
    assert message.response_metadata["constraint_s"] > 0


@pytest.fixture(scope="module")
def smol_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose home starts empty, so the first test also proves the one-time conversion."""
    return Settings(home=tmp_path_factory.mktemp("home"), llm_max_new_tokens=64)


@pytest.mark.slow
def test_smollm2_converts_loads_and_answers_safely(smol_settings: Settings) -> None:
    settings = smol_settings
    started = time.perf_counter()
    model = make_chat_model(settings)
    assert isinstance(model, LocalChatModel)
    assert (converted_dir(settings) / "model.safetensors").exists()
    assert (converted_dir(settings) / "tokenizer.json").exists()
    assert time.perf_counter() - started < 240

    grounding = Grounding(
        passages=[
            {
                "title": "Shipping policy",
                "source": "policies/shipping.md",
                "text": "Standard shipping takes 3-5 business days and costs $8.00. We do not ship to the United Kingdom. "
                "Call us at +1 (555) 010-2345.",
            }
        ]
    )
    composer = Composer(model, timeout_s=120)
    for question in ("Do you ship to the UK?", "What is your phone number?", "Can I get a discount code?"):
        composed = composer.compose(question, grounding)
        # whether the model's words survive or the extractive reply replaces them, nothing unsupported is said
        assert verify(composed.text, grounding.full_text()).ok, (question, composed)
        assert composed.text
        assert composed.reason != "timeout"


@pytest.mark.slow
async def test_smollm2_streams_through_the_composer(smol_settings: Settings) -> None:
    composer = Composer(make_chat_model(smol_settings), timeout_s=120)
    grounding = Grounding(
        passages=[
            {
                "title": "Returns",
                "source": "returns.md",
                "text": "You can return unworn items within 30 days of delivery.",
            }
        ]
    )
    events = [e async for e in composer.astream("How long do I have to return an item?", grounding)]
    final = events[-1]
    assert all(isinstance(e, str) for e in events[:-1])
    assert verify(final.text, grounding.full_text()).ok
    if not final.fallback_used:
        assert final.text == "".join(events[:-1]).strip()


@pytest.mark.slow
def test_smollm2_rewordings_keep_what_the_data_says(smol_settings: Settings) -> None:
    from bot.core.rewording import Rewriter

    rewriter = Rewriter(make_chat_model(smol_settings), timeout_s=120)
    cases = [  # question, answer from the data, what any text sent must still say (checked by hand, not by the rewriter)
        ("and in black?", "Yes, the Harbor Boots comes in black.", ["Harbor Boots", "black"], False),
        ("Is it in stock in M?", "Sorry, the Harbor Boots is out of stock in size M.", ["Harbor Boots", " M"], True),
        ("How much are the Harbor Boots?", "The Harbor Boots costs 129.00 USD.", ["Harbor Boots", "129.00 USD"], False),
    ]
    for question, answer, kept, negative in cases:
        done = rewriter.reword(question, answer, kind="product", known_names=["Harbor Boots", "black"])
        assert done.reason != "timeout", done
        assert done.text == answer or done.by_model
        assert all(k in done.text for k in kept), done
        assert bool(re.search(r"n't|\bnot\b|sorry|sold out|out of stock", done.text, re.I)) == negative, done


async def test_many_concurrent_streams_all_finish(tiny_model_dir: Path) -> None:
    """More waiting turns than the loop has executor threads must not starve the turn that holds the model."""
    import asyncio
    import os

    model = tiny(tiny_model_dir, max_new_tokens=4)
    n = (os.cpu_count() or 2) + 8  # the default executor has min(32, cpus + 4) threads

    async def one(i: int) -> str:
        return "".join([c.text async for c in model.astream(f"Hello {i}")])

    texts = await asyncio.wait_for(asyncio.gather(*[one(i) for i in range(n)]), timeout=120)
    assert len(texts) == n and all(texts)  # every turn got its tokens


async def test_a_stream_cancelled_mid_token_closes_cleanly(tiny_model_dir: Path) -> None:
    """A timeout while a token is being produced must stop the model, free it, and raise nothing later."""
    import asyncio

    model = tiny(tiny_model_dir, max_new_tokens=200)

    async def consume() -> str:
        return "".join([c.text async for c in model.astream("Hello")])

    for _ in range(3):
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(consume(), timeout=0.05)
    after = await asyncio.wait_for(consume(), timeout=120)  # the model is free again
    assert after
