"""Shared fixtures for the generator tests: the SmolLM2 tokenizer (read once) and a tiny random GPT-2."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def smol_tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The real SmolLM2 tokenizer, read from the packaged GGUF and saved in the fast format once."""
    from transformers import AutoTokenizer

    from bot.llm.smollm2 import GGUF_FILE, gguf_dir

    folder: Path = tmp_path_factory.mktemp("smol-tokenizer")
    AutoTokenizer.from_pretrained(str(gguf_dir()), gguf_file=GGUF_FILE).save_pretrained(str(folder))
    return AutoTokenizer.from_pretrained(str(folder))


@pytest.fixture(scope="session")
def tiny_model_dir(smol_tokenizer: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer GPT-2 with random weights and the SmolLM2 tokenizer, saved like a real checkpoint."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    torch.manual_seed(0)
    config = GPT2Config(
        vocab_size=len(smol_tokenizer),
        n_layer=2,
        n_head=2,
        n_embd=64,
        n_positions=512,
        bos_token_id=smol_tokenizer.bos_token_id,
        eos_token_id=smol_tokenizer.eos_token_id,
    )
    folder: Path = tmp_path_factory.mktemp("tiny-gpt2")
    GPT2LMHeadModel(config).save_pretrained(str(folder))
    smol_tokenizer.save_pretrained(str(folder))
    return folder
