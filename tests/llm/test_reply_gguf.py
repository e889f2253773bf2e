"""The reply adapter merged into a GGUF copy for llama.cpp: the same model as the transformers merge, and the
rewording rules (first word barred, the word after a leading yes barred) hold on llama.cpp too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from bot.config import Settings
from bot.llm.reply_model import BUNDLED, merged_dir, reword_chat_model, reword_engine

pytest.importorskip("llama_cpp", reason="llama-cpp-python is an optional extra (pip install 'shopbot[llamacpp]')")

SYSTEM = (
    "Say the shop's answer in your own words. Keep every {slot} as it is, each once; write no name or number yourself."
)
USER = "Question: where is my order {order}?\nAnswer: Your order {order} from {date} is {status}."


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("home"), llamacpp_threads=1, llm_threads=1, llm_max_new_tokens=32)


def test_auto_picks_llama_cpp_when_it_is_installed() -> None:
    assert reword_engine(Settings(llm_reword_engine="auto")) == "llamacpp"
    assert reword_engine(Settings(llm_reword_engine="local")) == "local"


def _next_token_probs(path: Path, ids: list[int]) -> np.ndarray:
    from llama_cpp import Llama

    llama = Llama(model_path=str(path), n_ctx=512, n_threads=1, logits_all=True, verbose=False)
    llama.eval(ids)
    logits = np.array(llama.scores[len(ids) - 1], dtype=np.float64)
    probs = np.exp(logits - logits.max())
    return probs / probs.sum()


@pytest.mark.slow
def test_the_merged_gguf_is_the_transformers_merge(settings: Settings) -> None:
    """Next-token probabilities of the merged GGUF match the transformers merge (bf16 vs Q8_0: close, not equal),
    and much closer than the base GGUF does: the adapter's delta is in, with the query rows in llama.cpp's order."""
    import torch

    from bot.llm.llamacpp import requantized
    from bot.llm.smollm2 import GGUF_FILE, gguf_dir, load_model

    model = reword_chat_model(settings)
    merged = Path(model.model_path)
    assert merged.name.endswith(".q8_0.gguf") and merged.parent == settings.models_dir / "reply"
    assert reword_chat_model(settings).model_path == str(merged)  # built once per adapter
    hf, tokenizer = load_model(merged_dir(settings, BUNDLED), dtype="float32")
    chat = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}]
    ids = tokenizer.apply_chat_template(chat, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    with torch.no_grad():
        want = torch.softmax(hf(ids["input_ids"]).logits[0, -1].float(), -1).numpy()
    tokens = ids["input_ids"][0].tolist()
    got = _next_token_probs(merged, tokens)
    base = _next_token_probs(requantized(gguf_dir() / GGUF_FILE, settings.models_dir), tokens)
    top = np.argsort(-want)[:10]
    assert list(np.argsort(-got)[:3]) == list(top[:3])
    merged_gap, base_gap = np.abs(got - want)[top].sum(), np.abs(base - want)[top].sum()
    assert merged_gap < 0.15 and merged_gap < base_gap / 3, (merged_gap, base_gap)


@pytest.mark.slow
def test_the_first_word_and_the_word_after_yes_can_be_barred_on_llama_cpp(settings: Settings) -> None:
    model = reword_chat_model(settings)
    messages = [SystemMessage(SYSTEM), HumanMessage(USER)]
    free = model.invoke(messages).text.strip()
    first = free.split(" ", 1)[0]
    barred = model.invoke(messages, avoid_start=free).text.strip()
    assert barred and barred.split(" ", 1)[0] != first, (free, barred)
    yes = [SystemMessage(SYSTEM), HumanMessage("Question: is it lined?\nAnswer: Yes, the {product} is lined.")]
    said = model.invoke(yes).text.strip()
    assert said.lower().startswith("yes"), said
    after = said.split(" ")[1]
    other = model.invoke(yes, avoid_next=(said.split(" ")[0], after)).text.strip()
    assert other.split(" ")[0] == said.split(" ")[0] and other.split(" ")[1] != after, (said, other)
    # a sampled try runs (llama.cpp reuses the cached prompt prefix, which changes the logits' last bits, so the
    # same seed need not give the same text twice, unlike the transformers backend)
    assert model.invoke(messages, temperature=0.9, seed=3).text.strip()
