"""Constrained decoding: facts may be written only by copying them from the grounding."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import AutoModelForCausalLM, LogitsProcessor, LogitsProcessorList

from bot.llm.constrained import (
    AllowedFacts,
    FactConstraint,
    GroundedFactsProcessor,
    _State,
)

GROUNDING = "Call +1 (555) 010-2345 or write to help@shop.example. Order ORD-10234 costs $49.90."


def writes(constraint: FactConstraint, text: str) -> bool:
    state: _State | None = _State()
    for ch in text:
        state = constraint.step(state, ch)
        if state is None:
            return False
    return constraint.run_complete(state.run) and constraint.word_complete(state.word)


@pytest.mark.parametrize(
    "text",
    [
        "Call (555) 010-2345.",
        "It costs $49.90.",
        "Order ORD-10234 shipped.",
        "Order #10234.",
        "Mail help@shop.example today.",
    ],
)
def test_grounded_facts_can_be_written(text: str) -> None:
    assert writes(FactConstraint(AllowedFacts.from_grounding(GROUNDING)), text)


@pytest.mark.parametrize(
    "text",
    [
        "Call (555) 010-2399.",
        "It costs $49.",
        "It costs $59.90.",
        "Order ORD-10235.",
        "Mail support@shop.example.",
        "See https://shop.example/sale",
        "You save 15%.",
    ],
)
def test_ungrounded_facts_cannot_be_written(text: str) -> None:
    assert not writes(FactConstraint(AllowedFacts.from_grounding(GROUNDING)), text)


class LoveDigits(LogitsProcessor):
    """Pushes the model to write digits (and a few separators) at every step."""

    def __init__(self, tokenizer: Any, chars: str) -> None:
        self.ids = [tokenizer.convert_tokens_to_ids(c) for c in chars]

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        scores = scores.clone()
        scores[:, self.ids] += 50.0
        return scores


def generate(
    model_dir: Path, tokenizer: Any, grounding: str | None, *, seed: int, sample: bool, chars: str = "0123456789.-"
) -> str:
    model = AutoModelForCausalLM.from_pretrained(str(model_dir))
    prompt = tokenizer("Your total is", return_tensors="pt")
    processors = LogitsProcessorList([LoveDigits(tokenizer, chars)])
    if grounding is not None:
        processors.append(GroundedFactsProcessor(tokenizer, grounding, prompt_length=prompt.input_ids.shape[1]))
    torch.manual_seed(seed)
    out = model.generate(
        **prompt,
        max_new_tokens=24,
        do_sample=sample,
        logits_processor=processors,
        pad_token_id=tokenizer.eos_token_id,
    )
    return tokenizer.decode(out[0, prompt.input_ids.shape[1] :], skip_special_tokens=True)


def digit_runs(text: str) -> list[str]:
    return [r.rstrip(",.:/-") for r in re.findall(r"[A-Z0-9][A-Z0-9,.:/\-]*", text) if re.search(r"\d", r)]


def test_without_the_constraint_the_digit_loving_model_invents_numbers(
    tiny_model_dir: Path, smol_tokenizer: Any
) -> None:
    text = generate(tiny_model_dir, smol_tokenizer, None, seed=1, sample=True)
    assert any(run not in {"49.90", "4242"} for run in digit_runs(text))


@pytest.mark.parametrize("seed", range(6))
def test_sampled_digits_only_ever_copy_grounded_numbers(tiny_model_dir: Path, smol_tokenizer: Any, seed: int) -> None:
    allowed = AllowedFacts.from_grounding("The Aurora Backpack costs $49.90 and ships in 4242 ways.").runs
    text = generate(
        tiny_model_dir,
        smol_tokenizer,
        "The Aurora Backpack costs $49.90 and ships in 4242 ways.",
        seed=seed,
        sample=True,
    )
    runs = digit_runs(text)
    assert runs, text  # the model did write numbers ...
    assert all(run in allowed for run in runs[:-1]), (text, runs)  # ... only grounded ones
    assert any(p.startswith(runs[-1]) for p in allowed), (text, runs)  # the last may be cut off mid-number


def test_greedy_decoding_copies_the_one_allowed_number(tiny_model_dir: Path, smol_tokenizer: Any) -> None:
    text = generate(tiny_model_dir, smol_tokenizer, "Your code is 4242.", seed=0, sample=False, chars="0123456789")
    assert "4242" in text
    assert set(digit_runs(text)[:-1]) <= {"4242"}


def test_a_rolled_back_run_masks_like_a_fresh_read(smol_tokenizer: Any) -> None:
    """Prompt-lookup decoding calls the processor with a copied run, then with part of it and another token: the
    masks must be those of reading the kept tokens from scratch (else a rejected "49" would still count)."""
    grounding = "The Aurora Backpack costs $49.90 and ships in 4242 ways."
    prompt = smol_tokenizer("Your total is", return_tensors="pt").input_ids
    tried = smol_tokenizer(" $49.90 and 4242", return_tensors="pt").input_ids
    kept = smol_tokenizer(" $42", return_tensors="pt").input_ids  # shares only the first token(s) with `tried`
    vocab = len(smol_tokenizer)

    def masks(processor: GroundedFactsProcessor, ids: torch.Tensor) -> torch.Tensor:
        return processor(ids, torch.zeros(1, vocab))

    rolling = GroundedFactsProcessor(smol_tokenizer, grounding, prompt_length=prompt.shape[1], rollback=True)
    for n in range(tried.shape[1] + 1):  # the copied run, token by token, as the verification step does
        masks(rolling, torch.cat([prompt, tried[:, :n]], dim=1))
    for n in range(kept.shape[1] + 1):
        ids = torch.cat([prompt, kept[:, :n]], dim=1)
        fresh = GroundedFactsProcessor(smol_tokenizer, grounding, prompt_length=prompt.shape[1], rollback=True)
        assert torch.equal(torch.isinf(masks(rolling, ids)), torch.isinf(masks(fresh, ids))), n
    plain = GroundedFactsProcessor(smol_tokenizer, grounding, prompt_length=prompt.shape[1])
    for n in range(tried.shape[1] + 1):
        masks(plain, torch.cat([prompt, tried[:, :n]], dim=1))
    ids = torch.cat([prompt, kept], dim=1)
    fresh = GroundedFactsProcessor(smol_tokenizer, grounding, prompt_length=prompt.shape[1])
    assert not torch.equal(torch.isinf(masks(plain, ids)), torch.isinf(masks(fresh, ids)))  # why rollback is needed
