"""The llamacpp backend: llama.cpp in process on the packaged SmolLM2 GGUF, with the same constrained decoding."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from bot.config import Settings
from bot.core.composer import Composer, Grounding
from bot.core.verify import verify
from bot.llm.constrained import GroundedFactsProcessor
from bot.llm.factory import make_chat_model

_RUN = re.compile(r"[A-Z0-9][A-Z0-9,.:/\-]*")


def digit_runs(text: str) -> list[str]:
    return [r.rstrip(",.:/-") for r in _RUN.findall(text) if re.search(r"\d", r)]


def test_mask_scores_masks_one_numpy_row_like_the_torch_processor(smol_tokenizer: Any) -> None:
    """llama-cpp-python hands a logits processor (ids, scores) as NumPy arrays of one sequence."""
    processor = GroundedFactsProcessor(smol_tokenizer, "Our code is 4242.", prompt_length=-1)
    prompt = np.array(smol_tokenizer("Say the code:").input_ids, dtype=np.intc)
    vocab = len(smol_tokenizer)
    scores = np.zeros(vocab, dtype=np.float32)
    first = processor.mask_scores(prompt, scores)
    four, seven = smol_tokenizer.convert_tokens_to_ids(["4", "7"])
    assert (first[four], first[seven]) == (0.0, -np.inf)  # a number may start only as a grounded one
    after_4 = np.append(prompt, np.intc(four))
    second = processor.mask_scores(after_4, scores)
    two = smol_tokenizer.convert_tokens_to_ids("2")
    assert (second[two], second[four], second[seven]) == (0.0, -np.inf, -np.inf)  # "4" continues only as "42"
    assert processor.steps == 2 and processor.seconds > 0


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is an optional extra (pip install 'shopbot[llamacpp]')")
    from bot.llm.llamacpp import LlamaCppChatModel

    home = tmp_path_factory.mktemp("home")
    built = make_chat_model(Settings(home=home, llm_backend="llamacpp", llm_max_new_tokens=64, llamacpp_threads=1))
    assert isinstance(built, LlamaCppChatModel)
    assert Path(built.model_path).parent == home / "models"  # the packaged model, requantized once into the home
    return built


@pytest.mark.slow
def test_streams_token_by_token_with_usage(model: Any) -> None:
    chunks = list(model.stream([HumanMessage("Say hello to a customer in one sentence.")]))
    text = "".join(c.text for c in chunks)
    assert len([c for c in chunks if c.text]) > 3
    assert text.strip() and "<|" not in text
    final = next(c for c in chunks if c.usage_metadata)
    assert final.usage_metadata["output_tokens"] > 3 and final.usage_metadata["input_tokens"] > 5
    assert final.response_metadata["finish_reason"] in ("stop", "length")
    assert 0 < final.response_metadata["first_token_s"] <= final.response_metadata["generate_s"]


@pytest.mark.slow
def test_the_grounding_constrains_every_number(model: Any) -> None:
    messages = [
        SystemMessage("You are a shop assistant."),
        HumanMessage("What is 1234 plus 4321? Answer with the number only."),
    ]
    free = model.invoke(messages, max_new_tokens=16).text
    grounding = "We are open from 9:00 to 17:00."
    bound = model.invoke(messages, max_new_tokens=16, grounding=grounding)
    assert [r for r in digit_runs(free) if r not in grounding], free  # unconstrained, it invents a number
    assert all(r in grounding for r in digit_runs(bound.text)), bound.text
    assert bound.response_metadata["constraint_s"] > 0


@pytest.mark.slow
def test_max_sentences_stops_the_reply(model: Any) -> None:
    text = model.invoke(
        [HumanMessage("Tell me a long story about a cat. Use many sentences.")], max_sentences=1, max_new_tokens=64
    ).text
    assert len(re.findall(r"[.!?](\s|$)", text)) <= 1, text


@pytest.mark.slow
async def test_composes_grounded_replies_and_frees_the_model_after_a_timeout(model: Any) -> None:
    grounding = Grounding(
        passages=[
            {
                "title": "Returns",
                "source": "returns.md",
                "text": "You can return unworn items within 30 days of delivery.",
            }
        ]
    )
    composer = Composer(model, timeout_s=60)
    events = [e async for e in composer.astream("How long do I have to return an item?", grounding)]
    assert verify(events[-1].text, grounding.full_text()).ok

    async def consume() -> str:
        return "".join([c.text async for c in model.astream("Tell me a long story.", max_new_tokens=200)])

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(consume(), timeout=0.05)
    assert await asyncio.wait_for(consume(), timeout=60)  # the model is free again


def test_the_setup_check_runs_the_installed_llama_cpp_in_a_child_process() -> None:
    """scripts/check_llamacpp.py, which setup.sh uses to decide whether to rebuild llama.cpp, decodes on this CPU.

    A native build that uses AMX tiles the kernel does not enable dies with SIGSEGV here; the check must say so
    through its exit status (the child dies, setup.sh survives), and the installed copy must pass it."""
    import subprocess
    import sys

    pytest.importorskip("llama_cpp")
    script = Path(__file__).resolve().parents[2] / "scripts" / "check_llamacpp.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "llama.cpp runs on this CPU (decoded '" in done.stdout
