"""`shopbot llm tune --task copy`: LoRA (peft) on the local SmolLM2, minimising -sum log P(y | x) over campaign copy.

x is the copy prompt (the offer's facts, the audience and the tone, in the chat template), y the copy; only y's tokens
count in the loss. Examples come from the shop's approved or staff-edited campaign copy when there is any, topped up
with copy written by our own templates from random catalog offers (we found no public marketing-copy set we could ship;
see docs/campaigns.md). The adapter is published as a version under <home>/models/copy (CURRENT pointer, rollback).
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.campaigns.copy import SYSTEM, USER, offer_lines, price_text
from bot.campaigns.copy_eval import evaluate, random_offers
from bot.campaigns.model import Offer, describe_segment
from bot.llm.lora import mean_nll, train_loop

if TYPE_CHECKING:
    from bot.artifacts import VersionedDir
    from bot.config import Settings

log = logging.getLogger(__name__)

BODIES: dict[str, list[str]] = {
    "friendly": [
        "We think you will love the {name}.",
        "The {name} is here for {price}.",
        "Meet the {name}, picked with you in mind.",
    ],
    "elegant": [
        "Discover the {name}, a refined choice at {price}.",
        "The {name}: quiet quality for {price}.",
        "A considered piece: the {name}.",
    ],
    "playful": [
        "Say hello to the {name}!",
        "Psst, the {name} wants to meet you.",
        "Your next favourite? The {name}, {price}.",
    ],
    "urgent": [
        "Take a look at the {name} today.",
        "The {name} is ready for you now, at {price}.",
        "Have a look at the {name} now.",
    ],
    "calm": [
        "Whenever you are ready, the {name} is here.",
        "Take your time with the {name}, {price}.",
        "A simple pick for you: the {name}.",
    ],
}
EXTRAS = {
    "discount": ["Now {discount} off.", "Enjoy {discount} off."],
    "code": ["Use code {code}."],
    "free_shipping": ["Free shipping included."],
    "ends": ["Until {ends}.", "The offer ends {ends}."],
}


def template_copy(offer: Offer, tone: str, catalog: dict[str, dict[str, Any]], rng: random.Random) -> str:
    """Copy written by our templates from the offer's facts only (what the model should learn to write)."""
    p = catalog[offer.skus[0]]
    parts = [rng.choice(BODIES[tone]).format(name=p["name"], price=price_text(p))]
    if offer.discount:
        parts.append(rng.choice(EXTRAS["discount"]).format(discount=offer.discount))
        if offer.code:
            parts.append(EXTRAS["code"][0].format(code=offer.code))
    if offer.free_shipping:
        parts.append(EXTRAS["free_shipping"][0])
    if offer.ends:
        parts.append(rng.choice(EXTRAS["ends"]).format(ends=offer.ends))
    return " ".join(parts)


def prompt_parts(offer: Offer, segment: str, tone: str, catalog: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """(system, user) exactly as generation builds them."""
    facts = "\n".join(offer_lines(offer, [catalog[s] for s in offer.skus if s in catalog]))
    return SYSTEM, USER.format(facts=facts, audience=describe_segment(segment), tone=tone)


def examples(
    catalog_list: list[dict[str, Any]], n: int, *, seed: int, shop_copy: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """n training examples {system, user, target, origin}: the shop's approved/staff copy first, then template copy."""
    catalog = {str(p["sku"]): p for p in catalog_list}
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for c in shop_copy or []:
        if len(out) >= n:
            break
        body = str(c.get("body") or "")
        if body and c.get("offer") is not None:
            system, user = prompt_parts(c["offer"], c.get("segment", "all"), c.get("tone", "friendly"), catalog)
            out.append({"system": system, "user": user, "target": body, "origin": "shop"})
    for offer, segment, tone in random_offers(catalog_list, n - len(out), seed=seed):
        system, user = prompt_parts(offer, segment, tone, catalog)
        out.append(
            {"system": system, "user": user, "target": template_copy(offer, tone, catalog, rng), "origin": "template"}
        )
    return out


def load_base(settings: Settings) -> tuple[Any, Any]:
    """A private float32 copy of the local model (training must not touch the one replies use)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from bot.llm.smollm2 import load_or_convert_smollm2

    path = load_or_convert_smollm2(settings)
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32)
    return model, tokenizer


def make_generator(model: Any, tokenizer: Any, *, max_new_tokens: int = 48) -> Callable[[str, str, str], str]:
    """Greedy generation with the chat template: (system, user, grounding) -> text (same decoding for base and tuned)."""
    import torch

    def generate(system: str, user: str, grounding: str) -> str:
        prompt = tokenizer.apply_chat_template(
            [{"role": "system", "content": system}, {"role": "user", "content": user}],
            tokenize=False,
            add_generation_prompt=True,
        )
        ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        with torch.no_grad():
            out = model.generate(
                **ids,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                repetition_penalty=1.1,
                pad_token_id=tokenizer.eos_token_id,
            )
        return str(tokenizer.decode(out[0, ids.input_ids.shape[1] :], skip_special_tokens=True)).strip()

    return generate


class AdapterGenerator:
    """The local model with a copy adapter merged in, loaded once (used by copy generation when the adapter is current)."""

    def __init__(self, settings: Settings, adapter: Path) -> None:
        from peft import PeftModel

        base, tokenizer = load_base(settings)
        self.model = PeftModel.from_pretrained(base, str(adapter)).merge_and_unload()
        self.model.eval()
        self._generate = make_generator(self.model, tokenizer)

    def generate(self, system: str, user: str, grounding: str) -> str:
        """One copy."""
        return self._generate(system, user, grounding)


def tune_copy(
    settings: Settings,
    catalog: list[dict[str, Any]],
    *,
    shop_copy: list[dict[str, Any]],
    examples_n: int = 360,
    held_out: int = 60,
    epochs: int = 2,
    lr: float = 3e-4,
    rank: int = 8,
    batch: int = 8,
    eval_copies: int = 30,
    seed: int = 13,
    progress: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    """Train a LoRA adapter, measure held-out NLL and verifier pass rate before and after, and publish it as a new version."""
    import torch

    catalog = [p for p in catalog if p.get("sku") and p.get("name")]
    if len(catalog) < 2:
        raise ValueError("the catalog has fewer than 2 products: nothing to write copy about")
    rng = random.Random(seed)
    data = examples(catalog, examples_n + held_out, seed=seed, shop_copy=shop_copy)
    rng.shuffle(data)
    test, train = data[:held_out], data[held_out:]  # held out before training, never trained on
    torch.manual_seed(seed)
    if settings.llm_threads > 0:
        torch.set_num_threads(settings.llm_threads)
    model, tokenizer = load_base(settings)
    progress(
        f"{len(train)} training and {len(test)} held-out examples ({_counts(data, train, test)['examples_from_shop']} from the shop's copy)"
    )
    eval_offers = random_offers(catalog, eval_copies, seed=seed + 1000)  # never used for training (different seed)
    nll_before, before = _measure_base(model, tokenizer, test, catalog, eval_offers, progress)
    peft_model = _with_lora(model, rank)
    train_s = train_loop(peft_model, tokenizer, train, epochs=epochs, lr=lr, batch=batch, rng=rng, progress=progress)
    nll_after = mean_nll(peft_model, tokenizer, test)
    progress(f"held-out NLL after: {nll_after:.3f}")
    versions, staging, after = _save_and_check(settings, peft_model, tokenizer, catalog, eval_offers)
    metrics = {
        "task": "copy",
        **_counts(data, train, test),
        "epochs": epochs,
        "lora_rank": rank,
        "learning_rate": lr,
        "train_seconds": round(train_s, 1),
        "threads": torch.get_num_threads(),
        "held_out_nll_before": round(nll_before, 4),
        "held_out_nll_after": round(nll_after, 4),
        "eval_copies": eval_copies,
        **_pass_rates(before, after),
    }
    (staging / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False), encoding="utf-8")
    name = versions.publish(staging, keep=5)
    metrics["version"] = name
    return metrics


def _measure_base(
    model: Any,
    tokenizer: Any,
    test: list[dict[str, Any]],
    catalog: list[dict[str, Any]],
    eval_offers: list[Any],
    progress: Callable[[str], None],
) -> tuple[float, dict[str, Any]]:
    """The base model's held-out NLL and copy check, before tuning."""
    nll = mean_nll(model, tokenizer, test)
    progress(f"held-out NLL before: {nll:.3f}")
    t0 = time.perf_counter()
    before = evaluate(make_generator(model, tokenizer), catalog, eval_offers) if eval_offers else {}
    progress(f"verifier pass rate before: {before.get('model_pass_rate', 0):.2f} ({time.perf_counter() - t0:.0f} s)")
    return nll, before


def _save_and_check(
    settings: Settings, peft_model: Any, tokenizer: Any, catalog: list[dict[str, Any]], eval_offers: list[Any]
) -> tuple[VersionedDir, Path, dict[str, Any]]:
    """Save the adapter into a staging version, then merge it and run the copy check with the tuned model."""
    from bot.artifacts import VersionedDir
    from bot.campaigns.tuned import copy_root

    versions = VersionedDir(copy_root(settings))
    staging = versions.staging_dir()
    peft_model.save_pretrained(str(staging))  # before merging: merging removes the LoRA layers from the wrapper
    merged = peft_model.merge_and_unload() if eval_offers else None
    after = evaluate(make_generator(merged, tokenizer), catalog, eval_offers) if merged is not None else {}
    return versions, staging, after


def _with_lora(model: Any, rank: int) -> Any:
    """The model with LoRA adapters on the attention's query and value projections (the only trained weights)."""
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(
        r=rank, lora_alpha=2 * rank, lora_dropout=0.05, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"
    )
    return get_peft_model(model, config)


def _counts(data: list[dict[str, Any]], train: list[Any], test: list[Any]) -> dict[str, int]:
    """How many examples were trained on and held out, and where they came from."""
    return {
        "examples_train": len(train),
        "examples_held_out": len(test),
        "examples_from_shop": sum(e["origin"] == "shop" for e in data),
        "examples_from_templates": sum(e["origin"] == "template" for e in data),
    }


def _pass_rates(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The copy check's figures before and after tuning."""
    return {
        "verifier_pass_rate_before": before.get("model_pass_rate"),
        "verifier_pass_rate_after": after.get("model_pass_rate"),
        "final_messages_with_unsupported_facts_before": before.get("final_messages_with_unsupported_facts"),
        "final_messages_with_unsupported_facts_after": after.get("final_messages_with_unsupported_facts"),
        "examples_after": after.get("examples", [])[:3],
    }


def shop_examples(cstore: Any) -> list[dict[str, Any]]:
    """Approved campaigns' model-written copy and every staff-edited copy, as training examples."""
    out = []
    for c in cstore.all_copies(sources=("staff", "model")):
        campaign = cstore.get_campaign(int(c["campaign_id"]))
        if campaign is None or (c["source"] == "model" and campaign["status"] not in ("approved", "sending", "done")):
            continue
        body = str(c["text"]).split("\n", 1)[0].removeprefix("Hi {first_name}!").strip()
        if "{" in body or not body:
            continue
        tone = next(
            (v["tone"] for v in campaign["variants"] if v["name"] == c["variant"]), campaign.get("tone") or "friendly"
        )
        out.append({"offer": Offer.from_dict(campaign["offer"]), "segment": c["segment"], "tone": tone, "body": body})
    return [e for e in out if e["offer"].skus]
