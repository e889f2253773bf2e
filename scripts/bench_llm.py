#!/usr/bin/env python
"""Benchmark the local generator on grounded prompts built from the demo store's policies.

Reports model load time, p50/p95 time to first token, tokens per second, total reply latency,
the constrained-decoding overhead, and how many replies the model wrote (vs the extractive
fallback). Grounding comes from a crude word-overlap pick of policy/FAQ sections, so this script
does not depend on the knowledge-base index.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = [
    "How long does standard shipping take and how much does it cost?",
    "Do you ship to the UK?",
    "How many days do I have to return an item?",
    "Where is my order ORD-10021?",
    "Can I get a discount code?",
    "What is your customer service phone number?",
    "Do you accept PayPal?",
    "How do I reset my password?",
    "When will I get my refund?",
    "Is international shipping free?",
    "What do Gold members get?",
    "Can I exchange a jacket for a different size?",
]
STOP = set(["a", "an", "and", "are", "can", "do", "does", "for", "how", "i", "is", "it", "my", "of", "on", "the", "to", "what", "when", "where", "will", "with", "you", "your"])


def words(text: str) -> set[str]:
    """Lower-case content words."""
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 1}


def sections(knowledge: Path) -> list[dict[str, str]]:
    """Every '## ' section of the demo policies and FAQs, with its document title."""
    out = []
    for path in sorted([*knowledge.glob("policies/*.md"), *knowledge.glob("faq/*.md")]):
        text = re.sub(r"^---.*?---\s*", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        doc_title = next(iter(re.findall(r"^# (.+)$", text, flags=re.MULTILINE)), path.stem)
        for block in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
            head, _, body = block.partition("\n")
            out.append({"title": f"{doc_title} - {head.strip()}", "source": str(path.relative_to(knowledge)), "text": body.strip()})
    return out


def order_fact(knowledge: Path, order_id: str) -> list[str]:
    """A structured fact line for an order in the demo seed data."""
    for line in (knowledge / "_seed" / "orders.jsonl").read_text(encoding="utf-8").splitlines():
        order = json.loads(line)
        if order["order_id"] == order_id:
            return [f"Order {order_id}: status {order['status']}, carrier {order.get('carrier', '')}, tracking "
                    f"{order.get('tracking_number', '')}, estimated delivery {order.get('estimated_delivery', '')}"]
    return []


def grounding_for(question: str, secs: list[dict[str, str]], knowledge: Path, top: int) -> object:
    """Top sections by word overlap, plus order facts when the question names an order."""
    from bot.core.composer import Grounding

    q = words(question)
    ranked = sorted(secs, key=lambda s: -len(q & words(s["title"] + " " + s["text"])))
    order = re.search(r"ORD-\d+", question)
    return Grounding(passages=ranked[:top], facts=order_fact(knowledge, order.group(0)) if order else [])


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    """Run the benchmark and print a summary."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=len(QUESTIONS), help="how many questions to run (cycled; default all %d)" % len(QUESTIONS))
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: SHOPBOT_LLM_THREADS or all cores)")
    parser.add_argument("--max-new-tokens", type=int, default=None, help="default: SHOPBOT_LLM_MAX_NEW_TOKENS (64)")
    parser.add_argument("--prompt-tokens", type=int, default=600, help="prompt budget given to the composer")
    parser.add_argument("--passages", type=int, default=3, help="sections put in the grounding")
    parser.add_argument("--compare", action="store_true", help="also run each prompt without constrained decoding")
    parser.add_argument("--show", action="store_true", help="print every question, reply and verdict")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge", help="knowledge folder (default: ./knowledge)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from bot.config import Settings
    from bot.core.composer import Composer
    from bot.llm.local import LocalChatModel
    from bot.llm.smollm2 import converted_dir, load_or_convert_smollm2

    overrides = {k: v for k, v in {"llm_threads": args.threads, "llm_max_new_tokens": args.max_new_tokens}.items() if v is not None}
    settings = Settings(**overrides)
    started = time.perf_counter()
    fresh = not (converted_dir(settings) / "model.safetensors").exists()
    load_or_convert_smollm2(settings)
    if fresh:
        print(f"one-time conversion: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    model = LocalChatModel.from_settings(settings)
    model.load()
    from bot.llm.constrained import vocab_index

    load_s = time.perf_counter() - started
    started = time.perf_counter()
    vocab_index(model.load()[1])
    print(f"model load: {load_s:.2f} s (+ {time.perf_counter() - started:.2f} s vocab index for constrained decoding); "
          f"threads={settings.llm_threads or 'default'} dtype={settings.llm_dtype} max_new_tokens={settings.llm_max_new_tokens}")

    composer = Composer(model, max_prompt_tokens=args.prompt_tokens, timeout_s=120.0, max_passages=args.passages)
    secs = sections(args.knowledge)
    model.invoke("Hi", max_new_tokens=2)  # warm-up
    rows = []
    for i in range(args.n):
        question = QUESTIONS[i % len(QUESTIONS)]
        grounding = grounding_for(question, secs, args.knowledge, args.passages)
        prompt_tokens = model.get_num_tokens(" ".join(m.text for m in composer.build_messages(question, grounding)))
        composed = composer.compose(question, grounding)
        t = composed.timings
        row = {
            "prompt_tokens": prompt_tokens, "ttft": t.get("first_token_s", t["total_s"]), "gen": t.get("generate_s", 0.0),
            "total": t["total_s"], "out_tokens": composed.tokens, "constraint_s": t.get("constraint_s", 0.0),
            "fallback": composed.fallback_used, "reason": composed.reason,
        }
        if args.compare:  # the same prompt straight to the model, with and without the constraint
            kwargs = composer._model_kwargs(grounding)
            for key, extra in (("with", kwargs), ("without", {"max_sentences": kwargs["max_sentences"]})):
                t1 = time.perf_counter()
                out = model.invoke(composer.build_messages(question, grounding), **extra)
                row[f"{key}_per_token"] = (time.perf_counter() - t1) / max(1, (out.usage_metadata or {}).get("output_tokens", 1))
        if args.show:
            print(f"\nQ{i + 1}: {question}  [{prompt_tokens} prompt tokens]")
            print(f"  model: {composed.model_text.strip()!r}")
            verdict = "MODEL" if not composed.fallback_used else f"FALLBACK ({composed.reason}: {', '.join(f.text for f in composed.unsupported)})"
            print(f"  -> {verdict}: {composed.text!r}")
            print(f"  ttft {row['ttft']:.2f} s, {row['out_tokens']} tokens, total {row['total']:.2f} s, constraint {row['constraint_s'] * 1000:.0f} ms")
        rows.append(row)

    ttft = [r["ttft"] for r in rows]
    totals = [r["total"] for r in rows]
    decode = [(r["out_tokens"] - 1) / max(1e-6, r["gen"] - r["ttft"]) for r in rows if r["out_tokens"] > 1] or [0.0]
    per_token_ms = [1000 * r["constraint_s"] / max(1, r["out_tokens"]) for r in rows]
    model_share = sum(not r["fallback"] for r in rows) / len(rows)
    print(f"\n{len(rows)} grounded prompts, prompt tokens p50 {statistics.median(r['prompt_tokens'] for r in rows):.0f}")
    print(f"time to first token  p50 {pct(ttft, .5):.2f} s   p95 {pct(ttft, .95):.2f} s")
    print(f"decode speed         p50 {statistics.median(decode):.1f} tokens/s")
    print(f"reply latency        p50 {pct(totals, .5):.2f} s   p95 {pct(totals, .95):.2f} s   (mean {statistics.mean(r['out_tokens'] for r in rows):.0f} tokens)")
    print(f"constraint overhead  {statistics.mean(per_token_ms):.2f} ms per generated token "
          f"({100 * sum(r['constraint_s'] for r in rows) / max(1e-6, sum(r['gen'] for r in rows)):.1f}% of generation time)")
    if args.compare:
        with_c = statistics.mean(r["with_per_token"] for r in rows)
        without = statistics.mean(r["without_per_token"] for r in rows)
        print(f"per-token time with / without constraint: {1000 * with_c:.1f} / {1000 * without:.1f} ms")
    print(f"model-written replies {model_share:.0%}, extractive fallback {1 - model_share:.0%} "
          f"({', '.join(sorted({r['reason'] for r in rows if r['fallback']})) or 'none'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
