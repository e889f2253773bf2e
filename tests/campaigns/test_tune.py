"""Copy tuning: the training targets are grounded, adapters are versioned with rollback, and (slow) a real LoRA run."""

from __future__ import annotations

import random

import pytest

from bot.campaigns import tuned
from bot.campaigns.copy import CopyWriter, compose
from bot.campaigns.copy_eval import random_offers
from bot.campaigns.tune import examples, template_copy
from tests.campaigns.conftest import shop_settings


def test_template_training_targets_pass_the_verifier(services):
    catalog = services.kb.products()
    writer = CopyWriter(None, catalog=catalog)
    by_sku = {p["sku"]: p for p in catalog}
    rng = random.Random(1)
    for offer, segment, tone in random_offers(catalog, 40, seed=3):
        body = template_copy(offer, tone, by_sku, rng)
        assert writer.check(compose(body, offer), offer, segment=segment, tone=tone) == [], body
    data = examples(catalog, 12, seed=5)
    assert len(data) == 12 and all(d["origin"] == "template" and d["target"] and "Facts:" in d["user"] for d in data)


def test_adapter_versions_roll_back_and_to_base(tmp_path, knowledge_dir):
    settings = shop_settings(tmp_path / "var", knowledge_dir, llm_backend="local")
    versions = tuned.store(settings)
    first = versions.build(lambda d: (d / "metrics.json").write_text('{"held_out_nll_after": 1.0}'))
    second = versions.build(lambda d: (d / "metrics.json").write_text('{"held_out_nll_after": 0.5}'))
    assert versions.current() == second and [r["version"] for r in tuned.info(settings) if r["current"]] == [second]
    assert versions.rollback() == first and versions.current() == first
    tuned.to_base(settings)
    assert versions.current() is None and tuned.tuned_generate(settings) is None
    echo = shop_settings(tmp_path / "var", knowledge_dir, llm_backend="echo")
    versions.set_current(second)
    assert tuned.tuned_generate(echo) is None  # adapters apply to the local model only


@pytest.mark.slow
def test_lora_tuning_lowers_held_out_nll_and_publishes(tmp_path, knowledge_dir, services):
    from bot.campaigns.tune import tune_copy

    settings = shop_settings(tmp_path / "var", knowledge_dir, llm_backend="local")
    metrics = tune_copy(
        settings, services.kb.products(), shop_copy=[], examples_n=24, held_out=4, epochs=2, eval_copies=1
    )
    assert metrics["held_out_nll_after"] < metrics["held_out_nll_before"]
    assert metrics["examples_train"] == 24 and metrics["examples_held_out"] == 4
    assert tuned.store(settings).current() == metrics["version"]
    generate = tuned.tuned_generate(settings)
    assert generate is not None and isinstance(
        generate(
            "system",
            "Facts:\nProduct: Slim Blue Jeans for 59.90 USD\nAudience: all\nTone: calm\nWrite the message.",
            "",
        ),
        str,
    )
