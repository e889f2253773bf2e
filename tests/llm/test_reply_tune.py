"""Reply tuning: training examples come from the shop's data, their targets are faithful, held-out items are unseen;
the tuned model is found, merged and used without worked examples; (slow) a real LoRA step and a real rewording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.paraphrase import paraphrase_problems, same_wording
from bot.core.prompts import PROMPTS_DIR, read_prompt
from bot.core.rewording import Rewriter
from bot.errors import ModelError
from bot.jsonl import read_jsonl
from bot.llm import frame_data, policy_data, reply_data, reply_model
from bot.llm.fake import ScriptedChatModel
from bot.llm.reply_tune import datasets, split_sources

REPO = Path(__file__).resolve().parents[2]
CATALOG = read_jsonl(REPO / "knowledge" / "catalog" / "products.jsonl")
ORDERS = read_jsonl(REPO / "knowledge" / "_seed" / "orders.jsonl")


def test_every_target_is_a_faithful_rewording_of_the_template_answer() -> None:
    names = reply_data.known_names(CATALOG)
    data = reply_data.examples(CATALOG, ORDERS, 60, seed=3, names=names)
    assert len(data) == 60
    assert {d["kind"] for d in data} == {"product", "order"}
    for d in data:
        assert not same_wording(d["target"], d["answer"]), d
        assert paraphrase_problems(d["answer"], d["target"], question=d["question"], known_names=names) == [], d


def test_the_answers_are_the_shops_templates_over_its_own_data() -> None:
    by_sku = {p["sku"]: p for p in CATALOG}
    by_id = {o["order_id"]: o for o in ORDERS}
    for d in reply_data.examples(CATALOG, ORDERS, 30, seed=4):
        if d["kind"] == "product":
            product = by_sku[d["about"]]
            colours = f"It comes in {', '.join(product['colors'][:-1])}"
            assert product["name"] in d["answer"] or d["answer"].startswith(colours), d
        else:
            assert d["about"] in d["answer"] and d["about"] in by_id


def test_no_training_question_is_a_golden_question() -> None:
    golden = {
        turn.strip().lower()
        for file in (REPO / "tests" / "golden").glob("*.jsonl")
        for row in read_jsonl(file)
        for turn in row["turns"]
    }
    asked = {d["question"].strip().lower() for d in reply_data.examples(CATALOG, ORDERS, 200, seed=5)}
    assert not asked & golden
    # the shipped adapter's frames (seed 17): the questions as the model reads them (values as slots) are no golden
    # turn either (one question before slotting, a machine-washable question about a product, is; see metrics.json)
    framed = frame_data.examples(CATALOG, ORDERS, 240, seed=17)
    assert len(framed) == 240 and not {d["question"].strip().lower() for d in framed} & golden


def test_held_out_products_and_orders_are_never_trained_on() -> None:
    (train_p, train_o), (test_p, test_o) = split_sources(CATALOG, ORDERS, held_out_share=0.15, seed=1)
    assert test_p and test_o and len(train_p) + len(test_p) == len(CATALOG)
    assert not {p["sku"] for p in train_p} & {p["sku"] for p in test_p}
    assert not {o["order_id"] for o in train_o} & {o["order_id"] for o in test_o}
    trained = {d["about"] for d in reply_data.examples(train_p, train_o, 60, seed=2)}
    held = {d["about"] for d in reply_data.examples(test_p, test_o, 20, seed=3)}
    assert trained and held and not trained & held


def test_a_rule_rewording_that_breaks_the_answer_is_not_a_target() -> None:
    ex = {"question": "how much is it?", "answer": "The Gap Rowan Leather Belt costs 36.99 USD.", "kind": "product"}
    assert reply_data.with_target(ex, ["Gap Rowan Leather Belt"], __import__("random").Random(1)) is not None
    assert (
        reply_data.with_target(
            ex, ["Gap Rowan Leather Belt"], __import__("random").Random(1), check=lambda *a, **k: ["no"]
        )
        is None
    )


def test_a_tuned_rewriter_uses_the_short_prompt_and_no_worked_examples() -> None:
    model = ScriptedChatModel(responses=["You can get the Gap Rowan Leather Belt for 36.99 USD."])
    tuned = Rewriter(model, timeout_s=10, few_shot=False)
    messages = tuned.build_messages(
        "how much is the belt?", "The Gap Rowan Leather Belt costs 36.99 USD.", kind="product"
    )
    assert [m.type for m in messages] == ["system", "human"]
    assert messages[0].text == read_prompt(PROMPTS_DIR / "reword_tuned_system.txt")
    assert len(Rewriter(model, timeout_s=10).build_messages("q", "a.", kind="product")) == 6  # two worked examples
    done = tuned.reword(
        "how much is the belt?",
        "The Gap Rowan Leather Belt costs 36.99 USD.",
        kind="product",
        known_names=["Gap Rowan Leather Belt"],
    )
    assert done.by_model and done.text.startswith("You can get")


def test_a_three_sentence_answer_may_be_reworded_in_three_sentences() -> None:
    answer = (
        "Your order ORD-10021 from 2026-02-02 is delivered. It is with UPS, tracking number 1Z0601. "
        "It was delivered on 2026-02-09."
    )
    said = (
        "Good news: your order ORD-10021 from 2026-02-02 is delivered. UPS has it; the tracking number is 1Z0601. "
        "It got delivered on 2026-02-09."
    )
    model = ScriptedChatModel(responses=[said])
    done = Rewriter(model, timeout_s=10, few_shot=False).reword("where is ORD-10021?", answer, kind="order")
    assert done.by_model, done.problems


def test_which_adapter_is_used(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "var", llm_backend="local", llm_reply_adapter="none")
    assert reply_model.adapter_dir(settings) is None
    with pytest.raises(ModelError, match="adapter_model.safetensors"):
        reply_model.adapter_dir(Settings(home=tmp_path / "var", llm_reply_adapter=str(tmp_path)))
    default = Settings(home=tmp_path / "var", llm_backend="local")
    assert reply_model.adapter_dir(default) == (reply_model.BUNDLED if reply_model.BUNDLED.exists() else None)
    own = reply_model.shop_adapter_dir(default)
    own.mkdir(parents=True)
    (own / reply_model.ADAPTER_FILE).write_bytes(b"x")
    assert reply_model.adapter_dir(default) == own  # the shop's own adapter wins over the bundled one
    assert reply_model.reword_chat_model(Settings(home=tmp_path / "var", llm_backend="echo")) is None


@pytest.mark.slow
def test_a_short_real_tuning_run_writes_a_usable_adapter(tmp_path: Path) -> None:
    from bot.llm.reply_tune import tune_reply

    settings = Settings(home=tmp_path / "var", llm_backend="local", llm_threads=1)
    metrics = tune_reply(
        settings, CATALOG, ORDERS, out=tmp_path / "adapter", examples_n=8, held_out=4, eval_n=1, max_steps=1, batch=4
    )
    assert metrics["examples_train"] == 8 and metrics["examples_held_out"] == 4 and metrics["train_seconds"] > 0
    assert metrics["held_out_nll_before"] > 0 and metrics["held_out_nll_after"] > 0
    assert (tmp_path / "adapter" / reply_model.ADAPTER_FILE).exists()
    used = Settings(
        home=tmp_path / "var",
        llm_backend="local",
        llm_threads=1,
        llm_reply_adapter=str(tmp_path / "adapter"),
        llm_reword_engine="local",  # the transformers merge (the GGUF merge: tests/llm/test_reply_gguf.py)
    )
    model = reply_model.reword_chat_model(used)
    assert model is not None and Path(model.model_path).name.startswith("merged-")
    assert reply_model.merged_dir(used, tmp_path / "adapter") == Path(model.model_path)  # built once, then reused


def test_the_bundled_adapter_says_how_it_was_made() -> None:
    metrics = json.loads((reply_model.BUNDLED / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["task"] == "reply" and metrics["recipe"].startswith("shopbot llm tune --task reply")
    assert "tests/golden" in metrics["examples_source"]  # says that nothing comes from there
    assert metrics["held_out_nll_after"] < metrics["held_out_nll_before"]
    config = json.loads((reply_model.BUNDLED / "adapter_config.json").read_text(encoding="utf-8"))
    assert config["r"] == metrics["lora_rank"] and not str(config["base_model_name_or_path"]).startswith("/")


def test_a_rewording_may_not_open_with_the_answers_first_word(smol_tokenizer) -> None:
    import torch

    from bot.llm.local import _avoid_first_word

    rule = _avoid_first_word(smol_tokenizer, "Your order ORD-1 is shipped.", prompt_length=5)
    first = smol_tokenizer("Your", add_special_tokens=False).input_ids[0]
    scores = rule(torch.zeros((1, 5), dtype=torch.long), torch.zeros((1, len(smol_tokenizer))))
    assert scores[0, first] == float("-inf") and int(torch.isinf(scores).sum()) <= 2
    later = rule(torch.zeros((1, 6), dtype=torch.long), torch.zeros((1, len(smol_tokenizer))))
    assert not torch.isinf(later).any()  # only the first word is barred


def test_after_a_leading_yes_the_answers_next_word_is_barred(smol_tokenizer) -> None:
    import torch

    from bot.llm.local import _avoid_next_word

    rule = _avoid_next_word(smol_tokenizer, "Yes,", "the", prompt_length=3)
    the = smol_tokenizer(" the", add_special_tokens=False).input_ids[0]
    yes = smol_tokenizer("Yes,", add_special_tokens=False).input_ids
    after_yes = torch.tensor([[0, 0, 0, *yes]])
    scores = rule(after_yes, torch.zeros((1, len(smol_tokenizer))))
    assert scores[0, the] == float("-inf") and int(torch.isinf(scores).sum()) <= 2
    other = torch.tensor([[0, 0, 0, *smol_tokenizer("No,", add_special_tokens=False).input_ids]])
    assert not torch.isinf(rule(other, torch.zeros((1, len(smol_tokenizer))))).any()


def test_a_framed_yes_answer_keeps_its_yes_and_bars_the_word_after_it() -> None:
    seen: list[dict] = []

    class Recorder(ScriptedChatModel):
        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            seen.append(dict(kwargs))
            return super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)

    model = Recorder(responses=["Yes, you can get the {product} in {colour}."])
    kinds = {"tee": "product", "navy": "colour"}
    done = Rewriter(model, timeout_s=10, few_shot=False, frames=True).reword(
        "in navy?", "Yes, the Tee comes in navy.", kind="product", known_names=("Tee", "navy"), name_kinds=kinds
    )
    assert done.by_model and done.text == "Yes, you can get the Tee in navy."
    assert "avoid_start" not in seen[0] and seen[0]["avoid_next"] == ("Yes,", "the")
    assert seen[0]["grounding"] == "Yes, the {product} comes in {colour}."  # the model reads the frame


def test_a_yes_or_no_answer_keeps_its_first_word() -> None:
    seen: list[dict] = []

    class Recorder(ScriptedChatModel):
        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            seen.append(dict(kwargs))
            return super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)

    model = Recorder(responses=["Yes, you can get the Tee in navy.", "You can get the Tee for 9.00 USD."])
    tuned = Rewriter(model, timeout_s=10, few_shot=False)
    tuned.reword("in navy?", "Yes, the Tee comes in navy.", kind="product", known_names=["Tee", "navy"])
    tuned.reword("price?", "The Tee costs 9.00 USD.", kind="product", known_names=["Tee"])
    assert "avoid_start" not in seen[0] and seen[1]["avoid_start"] == "The Tee costs 9.00 USD."
    Rewriter(model, timeout_s=10).reword("price?", "The Tee costs 9.00 USD.", kind="product", known_names=["Tee"])
    assert "avoid_start" not in seen[2]  # the base model with worked examples is not steered


@pytest.mark.slow
def test_the_bundled_adapter_rewords_an_answer_about_a_product_it_never_saw(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "var", llm_backend="local", llm_threads=1)  # llama.cpp when installed
    model = reply_model.reword_chat_model(settings)
    assert model is not None
    answer = "The Northwind Trail Fleece costs 64.00 USD."  # no such product in the demo shop
    names, kinds = ("Northwind", "Northwind Trail Fleece"), {"northwind trail fleece": "product", "northwind": "brand"}
    done = Rewriter(model, timeout_s=120, few_shot=False, frames=reply_model.reword_frames(settings)).reword(
        "how much is the trail fleece?", answer, kind="product", known_names=names, name_kinds=kinds
    )
    assert done.by_model, (done.model_text, done.problems)
    assert not same_wording(done.text, answer) and "64.00 USD" in done.text


def test_policy_targets_keep_every_word_and_held_out_headings_are_unseen() -> None:
    names = reply_data.known_names(CATALOG)
    train, held = policy_data.examples(REPO / "knowledge", 400, seed=5, names=names)
    assert len(train) >= 100 and len(held) >= 15
    assert not {d["about"] for d in train} & {d["about"] for d in held}
    for d in train + held:
        assert d["kind"] == "policy" and len(d["answer"]) <= 260 and not same_wording(d["target"], d["answer"])
        problems = paraphrase_problems(
            d["answer"], d["target"], question=d["question"], known_names=names, every_word=True
        )
        assert problems == [], d
    golden = {
        turn.strip().lower()
        for file in (REPO / "tests" / "golden").glob("*.jsonl")
        for row in read_jsonl(file)
        for turn in row["turns"]
    }
    assert not {d["question"].strip().lower() for d in train + held} & golden


def test_a_policy_clause_moves_only_within_its_sentence() -> None:
    assert policy_data.sentence_rewrites(
        "Items can be returned within 30 days if they are unworn.", frozenset({"Gold"})
    ) == ["If they are unworn, items can be returned within 30 days."]
    # across a semicolon a moved condition would apply to the other clause: only the contraction is offered
    assert policy_data.sentence_rewrites("If it shipped, members get the fee back; guests cannot.") == [
        "If it shipped, members get the fee back; guests can't."
    ]


def test_the_training_mix_holds_policy_sentences() -> None:
    train, nll, evals, _ = datasets(
        CATALOG, ORDERS, examples_n=50, held_out=10, eval_n=10, seed=3, knowledge_dir=REPO / "knowledge"
    )
    assert len(train) == 50 and len(nll) == 10 and [e["kind"] for e in evals].count("policy") == 4


def test_an_adapter_words_only_the_kinds_it_was_trained_on(tmp_path: Path) -> None:
    default = Settings(home=tmp_path / "var", llm_backend="local")
    assert set(reply_model.reword_kinds(default) or ()) == set(reply_model.TRAINED_KINDS)  # the bundled one's kinds
    assert (
        reply_model.reword_kinds(Settings(home=tmp_path / "var", llm_backend="local", llm_reply_adapter="none")) is None
    )
    own = reply_model.shop_adapter_dir(default)
    own.mkdir(parents=True)
    (own / reply_model.ADAPTER_FILE).write_bytes(b"x")
    (own / "metrics.json").write_text(json.dumps({"kinds": ["order", "policy"]}), encoding="utf-8")
    assert reply_model.reword_kinds(default) == ("order", "policy")
    answer = "Refunds go back to the original payment method within 5 business days."
    model = ScriptedChatModel(responses=["Within 5 business days, refunds go back to the original payment method."])
    skipped = Rewriter(model, timeout_s=5, kinds=reply_model.TRAINED_KINDS).reword("refund?", answer, kind="policy")
    assert (skipped.by_model, skipped.reason) == (False, "skipped")
    worded = Rewriter(model, timeout_s=5, kinds=("policy",)).reword("refund?", answer, kind="policy")
    assert worded.by_model and worded.text.startswith("Within 5 business days")
