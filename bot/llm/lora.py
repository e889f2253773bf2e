"""LoRA (peft) on the local SmolLM2 by minimising -sum log P(y | x): the pieces every tuning task shares.

An example is {system, user, target}; x is the chat-templated system and user turn, y the target followed by the
end-of-turn token. Only y's tokens count in the loss and in the NLL.
"""

from __future__ import annotations

import math
import os
import random
import time
from collections.abc import Callable
from typing import Any

END = "<|im_end|>"


def encode(tokenizer: Any, ex: dict[str, Any]) -> tuple[list[int], list[int]]:
    """(input ids, labels): the prompt's labels are -100 so that only the target is learned."""
    prompt = tokenizer.apply_chat_template(
        [{"role": "system", "content": ex["system"]}, {"role": "user", "content": ex["user"]}],
        tokenize=False,
        add_generation_prompt=True,
    )
    p_ids = tokenizer(prompt, add_special_tokens=False).input_ids
    t_ids = tokenizer(ex["target"] + END, add_special_tokens=False).input_ids
    return p_ids + t_ids, [-100] * len(p_ids) + t_ids


def mean_nll(model: Any, tokenizer: Any, data: list[dict[str, Any]]) -> float:
    """Mean negative log-likelihood per target token (nats)."""
    import torch

    total, count = 0.0, 0
    model.eval()
    with torch.no_grad():
        for ex in data:
            ids, labels = encode(tokenizer, ex)
            out = model(input_ids=torch.tensor([ids]), labels=torch.tensor([labels]))
            n = sum(1 for x in labels[1:] if x != -100)
            total += float(out.loss) * n
            count += n
    return total / max(count, 1)


def load_base(settings: Any) -> tuple[Any, Any]:
    """A private float32 copy of the local model (training must not touch the one replies use); sets the threads."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from bot.llm.smollm2 import load_or_convert_smollm2

    if settings.llm_threads > 0:
        torch.set_num_threads(settings.llm_threads)
    path = load_or_convert_smollm2(settings)
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32)
    return model, tokenizer


def train(
    model: Any,
    tokenizer: Any,
    train_set: list[dict[str, Any]],
    *,
    epochs: int,
    lr: float,
    rank: int,
    batch: int,
    seed: int,
    top_layers: int = 0,
    max_steps: int = 0,
    progress: Callable[[str], None] = lambda s: None,
) -> tuple[Any, float]:
    """Wrap `model` in a LoRA (q and v projections) and train it; returns (the peft model, seconds).

    top_layers > 0 puts the LoRA into the last top_layers layers only: the backward pass then stops there, which
    roughly halves the CPU time per step.
    """
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    rng = random.Random(seed)
    layers = int(model.config.num_hidden_layers)
    chosen = list(range(max(0, layers - top_layers), layers)) if top_layers > 0 else None
    config = LoraConfig(
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.05,
        target_modules=["q_proj", "v_proj"],
        layers_to_transform=chosen,
        task_type="CAUSAL_LM",
    )
    peft_model = get_peft_model(model, config)
    seconds = train_loop(
        peft_model,
        tokenizer,
        train_set,
        epochs=epochs,
        lr=lr,
        batch=batch,
        rng=rng,
        progress=progress,
        max_steps=max_steps,
    )
    return peft_model, seconds


def train_loop(
    peft_model: Any,
    tokenizer: Any,
    train_set: list[dict[str, Any]],
    *,
    epochs: int,
    lr: float,
    batch: int,
    rng: random.Random,
    progress: Callable[[str], None],
    max_steps: int = 0,
) -> float:
    """The NLL training loop over the LoRA parameters (shared by every tuning task); returns its seconds."""
    import torch

    optim = torch.optim.AdamW([p for p in peft_model.parameters() if p.requires_grad], lr=lr)
    encoded = [encode(tokenizer, ex) for ex in train_set]
    steps = epochs * math.ceil(len(encoded) / batch)
    if max_steps:
        steps = min(steps, max_steps)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    started = time.perf_counter()
    step = 0
    for epoch in range(epochs):
        rng.shuffle(encoded)
        peft_model.train()
        for i in range(0, len(encoded), batch):
            if step >= steps:
                break
            loss = peft_model(**_batch(encoded[i : i + batch], pad)).loss
            loss.backward()
            optim.step()
            optim.zero_grad()
            step += 1
            if step % 5 == 0 or step == steps:
                progress(
                    f"epoch {epoch + 1}/{epochs} step {step}/{steps} loss {float(loss.detach()):.3f} "
                    f"({time.perf_counter() - started:.0f} s)"
                )
    return time.perf_counter() - started


def _batch(chunk: list[tuple[list[int], list[int]]], pad: int) -> dict[str, Any]:
    """Right-padded input ids, attention mask and labels for one batch."""
    import torch

    width = max(len(ids) for ids, _ in chunk)
    return {
        "input_ids": torch.tensor([x + [pad] * (width - len(x)) for x, _ in chunk]),
        "attention_mask": torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x, _ in chunk]),
        "labels": torch.tensor([y + [-100] * (width - len(y)) for _, y in chunk]),
    }
