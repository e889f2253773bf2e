#!/usr/bin/env python3
"""The same questions through each generator backend in one run, side by side.

Backends: `local` (SmolLM2 through transformers, the default), `server` (the openai backend against
llama-cpp-python's OpenAI-compatible server on the same GGUF: started here on a free port, or
--server-url), and `llamacpp` (llama.cpp in process, if llama-cpp-python is installed).

For each backend it prints:
- golden cases (tests/golden) through the whole pipeline: pass rate, unsupported-fact rate,
  model-written share, reply p50/p95;
- the generator alone on the composer's real prompts (grounded, constrained where the backend can be):
  first token p50/p95, prompt reading tokens/s (prompt tokens / first token) and decode tokens/s
  (tokens after the first / time after the first).
The issue's figures from before this change are printed beside today's. Timings swing on a shared
CPU: compare the columns of one run, not runs with each other.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BACKENDS = ("local", "server", "llamacpp")
# issue 16, measured before this change on the same machine (llama-cpp-python 0.3.36 server vs transformers)
BEFORE: dict[str, dict[str, str]] = {
    "server": {"pass_rate": "0.942", "model_written_share": "0.59", "fallback_rate": "0.29", "reply": "0.80 / 1.18",
               "first_token": "0.64", "prompt_tps": "220-270", "decode_tps": "55-83"},
    "local": {"pass_rate": "0.957", "model_written_share": "0.39", "fallback_rate": "0.44", "reply": "1.48 / 4.73",
              "first_token": "0.44", "prompt_tps": "~900", "decode_tps": "15.7"},
}


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), 0 for no values."""
    return round(float(np.percentile(np.array(values), q)), 3) if values else 0.0


def available(name: str, server_url: str) -> str:
    """'' when the backend can run here, else why not."""
    import importlib.util

    if name == "server" and not server_url and importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python[server] is not installed (scripts/setup.sh --test), and no --server-url"
    if name == "llamacpp" and importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed (pip install 'shopbot[llamacpp]')"
    return ""


def prompts(settings: Any, questions: list[str]) -> list[tuple[list[Any], str]]:
    """The composer's real messages and grounding for each question (retrieval over the shop's knowledge base)."""
    from bot.app import build_services
    from bot.core.composer import Grounding

    services = build_services(settings)
    services.kb.open()
    out = []
    for q in questions:
        grounding = Grounding.from_hits(services.kb.search(q, k=settings.top_k))
        out.append((services.composer.build_messages(q, grounding), grounding.full_text()))
    return out


def generator_speed(model: Any, items: list[tuple[list[Any], str]], count_prompt: Any) -> dict[str, float]:
    """Stream each prompt (no sentence cap, so decode runs long enough to time); first token, prompt and decode rates."""
    grounded = bool(getattr(model, "accepts_grounding", False))
    firsts, prompt_rates, decode_rates = [], [], []
    for n, (messages, grounding) in enumerate([items[0], *items]):  # the first is a warm-up
        kwargs = {"grounding": grounding} if grounded else {}
        started = time.perf_counter()
        first, pieces = None, 0
        for chunk in model.stream(messages, **kwargs):
            if chunk.text:
                pieces += 1
                if first is None:
                    first = time.perf_counter() - started
        total = time.perf_counter() - started
        if n == 0 or first is None:
            continue
        firsts.append(first)
        prompt_rates.append(count_prompt(messages) / first)
        if pieces > 1 and total > first:
            decode_rates.append((pieces - 1) / (total - first))
    return {
        "first_token_p50_s": pct(firsts, 50), "first_token_p95_s": pct(firsts, 95),
        "prompt_tps": round(float(np.median(prompt_rates)), 1) if prompt_rates else 0.0,
        "decode_tps": round(float(np.median(decode_rates)), 1) if decode_rates else 0.0,
    }


def main() -> int:
    """Run every backend asked for and print one table (and one JSON line)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated, from local, server, llamacpp (default: all that can run)")
    parser.add_argument("--cases", type=int, default=24, help="golden cases per backend (default 24; 0 = all)")
    parser.add_argument("--prompts", type=int, default=8, help="prompts for the generator-speed part (default 8)")
    parser.add_argument("--server-url", default="", help="an already running OpenAI-compatible server (default: start llama-cpp-python's)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for every backend (default: all cores)")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from bot.config import Settings
    from bot.golden import read_cases, run_cases
    from bot.llm.factory import make_chat_model
    from bot.llm.local import LocalChatModel

    base = Settings()
    cases = read_cases(ROOT / "tests" / "golden")
    cases = cases[: args.cases] if args.cases else cases
    questions = [c.turns[-1] for c in cases if len(c.turns) == 1 and not c.customer][: args.prompts]
    tokenizer = LocalChatModel.from_settings(base).load()[1]  # same vocabulary as the GGUF: counts prompt tokens for all

    def count_prompt(messages: list[Any]) -> int:
        from bot.llm.local import _role

        chat = [{"role": _role(m), "content": m.text} for m in messages]
        return len(tokenizer.apply_chat_template(chat, add_generation_prompt=True, tokenize=True, return_dict=True)["input_ids"])

    results: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        for name in [b.strip() for b in args.backends.split(",") if b.strip()]:
            if name not in BACKENDS:
                parser.error(f"unknown backend {name!r}; use {', '.join(BACKENDS)}")
            why = available(name, args.server_url)
            if why:
                print(f"skipping {name}: {why}", file=sys.stderr)
                continue
            update: dict[str, Any] = {"llm_threads": args.threads, "llamacpp_threads": args.threads}
            if name == "server":
                url = args.server_url
                if not url:
                    from tests.support.llama_server import llama_server

                    print("starting llama-cpp-python's server ...", file=sys.stderr)
                    url = stack.enter_context(llama_server(interrupt_requests=False, threads=args.threads)).base_url
                update.update(llm_backend="openai", openai_base_url=url)
            else:
                update.update(llm_backend=name)
            settings = base.model_copy(update=update)
            print(f"{name}: generator speed on {len(questions)} prompts ...", file=sys.stderr)
            model = make_chat_model(settings)
            row = generator_speed(model, prompts(settings, questions), count_prompt)
            print(f"{name}: {len(cases)} golden cases ...", file=sys.stderr)
            golden = run_cases(settings, cases)
            row.update({k: golden[k] for k in ("cases", "pass_rate", "unsupported_fact_rate", "model_written_share", "fallback_rate")})
            row.update(reply_p50_s=golden["latency_s_p50"], reply_p95_s=golden["latency_s_p95"])
            results[name] = row
    if not args.json:
        print_table(results)
    print(json.dumps({"threads": args.threads or os.cpu_count(), "backends": results}))
    return 0


def print_table(results: dict[str, dict[str, Any]]) -> None:
    """Metrics down, backends across; the issue's figures from before in brackets."""
    rows = [
        ("golden pass rate", "pass_rate", lambda r: f"{r['pass_rate']:.3f}"),
        ("unsupported-fact rate", "", lambda r: f"{r['unsupported_fact_rate']:.3f}"),
        ("model-written share", "model_written_share", lambda r: f"{r['model_written_share']:.2f}"),
        ("fallback rate", "fallback_rate", lambda r: f"{r['fallback_rate']:.2f}"),
        ("reply p50 / p95 s", "reply", lambda r: f"{r['reply_p50_s']:.2f} / {r['reply_p95_s']:.2f}"),
        ("first token p50 / p95 s", "first_token", lambda r: f"{r['first_token_p50_s']:.2f} / {r['first_token_p95_s']:.2f}"),
        ("prompt reading tokens/s", "prompt_tps", lambda r: f"{r['prompt_tps']:.0f}"),
        ("decode tokens/s", "decode_tps", lambda r: f"{r['decode_tps']:.1f}"),
    ]
    names = list(results)
    width = 30
    print("\n" + "".ljust(26) + "".join(n.ljust(width) for n in names))
    for label, key, show in rows:
        cells = []
        for n in names:
            before = BEFORE.get(n, {}).get(key, "")
            cells.append((show(results[n]) + (f"  [{before}]" if before else "")).ljust(width))
        print(label.ljust(26) + "".join(cells))
    if "local" in results:
        for other in ("server", "llamacpp"):
            if other in results and results[other]["decode_tps"]:
                print(f"local decode / {other} decode: {results['local']['decode_tps'] / results[other]['decode_tps']:.2f}x")
        if "llamacpp" in results and "server" in results and results["server"]["decode_tps"]:
            print(f"llamacpp decode / server decode: {results['llamacpp']['decode_tps'] / results['server']['decode_tps']:.2f}x")
    cases = ", ".join(str(r["cases"]) for r in results.values())
    print(f"[brackets]: issue 16's figures before this change. Cases: {cases} per backend.")


if __name__ == "__main__":
    raise SystemExit(main())
