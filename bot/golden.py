"""Golden conversations: read the cases, run them through the real pipeline, score the last replies."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bot.app import Services
from bot.config import Settings
from bot.core.facts import extract_facts
from bot.core.lookups import describe_member, describe_order, price_mismatches
from bot.core.meaning import MeaningChecker, sentences
from bot.core.quantities import unsupported_quantities
from bot.core.recommendation_check import check_recommendation, recommendation_lines, without_recommendations
from bot.core.verify import verify
from bot.domain import Author, Channel, Flag, IncomingMessage, Reply
from bot.errors import SourceFileError
from bot.transcripts import throwaway_services

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Case:
    """One golden conversation: turns, and what the last reply must show."""

    case_id: str
    turns: list[str]
    customer: str | None = None
    sources: list[str] = field(default_factory=list)
    must_include: list[str] = field(default_factory=list)
    must_not_include: list[str] = field(default_factory=list)
    handoff: bool | None = None
    # fact lines from the shop's data that the reply must agree with: each must_include is then also
    # checked in context (the reply sentence holding it must not bind it to another attribute or negate it)
    facts: list[str] = field(default_factory=list)
    # each entry is a list of alternatives: at least one of them must be in the reply (one part of the answer,
    # several ways the data lets it be said: "$25.00" or "$25 ")
    must_include_any: list[list[str]] = field(default_factory=list)
    # regular expressions (case-insensitive) the reply must match / must not match: a word alone ("no" as a word, not
    # inside "normal"), a number not inside a date, a phrase in either order
    must_match: list[str] = field(default_factory=list)
    must_not_match: list[str] = field(default_factory=list)
    # the only order numbers the reply may name (an answer about one order must not talk about another); None: any
    only_orders: list[str] | None = None
    # True: the reply carries no recommendation line (order, complaint, promise and not-carried turns)
    no_recommendation: bool = False


ORDER_ID = re.compile(r"\bORD-\d+\b", re.I)


def read_cases(path: Path) -> list[Case]:
    """Cases from a JSONL file or a folder of them; errors name the file and line."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    cases: list[Case] = []
    for file in files:
        for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                expect = row.get("expect", {})
                turns = row["turns"]
                if not isinstance(turns, list) or not turns:
                    raise ValueError("'turns' must be a non-empty list")
                cases.append(
                    Case(
                        case_id=str(row.get("id") or f"{file.stem}:{lineno}"),
                        turns=[str(t) for t in turns],
                        customer=row.get("customer"),
                        sources=list(expect.get("sources", [])),
                        must_include=list(expect.get("must_include", [])),
                        must_not_include=list(expect.get("must_not_include", [])),
                        handoff=expect.get("handoff"),
                        facts=[str(f) for f in expect.get("facts", [])],
                        must_include_any=[_alternatives(a) for a in expect.get("must_include_any", [])],
                        must_match=[_pattern(r) for r in expect.get("must_match", [])],
                        must_not_match=[_pattern(r) for r in expect.get("must_not_match", [])],
                        only_orders=(
                            None if expect.get("only_orders") is None else [str(o) for o in expect["only_orders"]]
                        ),
                        no_recommendation=bool(expect.get("no_recommendation", False)),
                    )
                )
            except (json.JSONDecodeError, KeyError, ValueError, TypeError, re.error) as exc:
                raise SourceFileError(str(file), f"bad golden case ({exc})", line=lineno) from exc
    if not cases:
        raise SourceFileError(str(path), "no golden cases found")
    return cases


def _alternatives(value: object) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ValueError("each 'must_include_any' entry must be a non-empty list of strings")
    return value


def _pattern(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("'must_match' and 'must_not_match' entries must be non-empty regular expressions")
    re.compile(value)  # a bad expression names the file and line
    return value


def check(case: Case, reply: Reply, *, meaning: MeaningChecker | None = None) -> list[str]:
    """Why the last reply fails the case's expectations (empty list: it passes).

    With `case.facts` and a meaning checker, each must_include is also read in context: the reply
    sentences that hold it must agree with the fact lines (not bind it to another attribute, negate
    it or change its condition).
    """
    problems = []
    text = reply.text.lower()
    got = [s.get("doc_id", "") for s in reply.sources]
    if case.sources and not any(any(g == want or g.startswith(want) for g in got) for want in case.sources):
        problems.append(f"sources {got} lack any of {case.sources}")
    problems += [f"missing {w!r}" for w in case.must_include if w.lower() not in text]
    if case.facts and meaning is not None:
        body = without_recommendations(reply.text)
        for w in case.must_include:
            held = [s for s in sentences(body) if w.lower() in s.lower()]
            for finding in (
                meaning.check(" ".join(held), "\n".join(case.facts), question=case.turns[-1]) if held else []
            ):
                problems.append(
                    f"uses {w!r} against the fact lines: {finding.sentence!r} ({'; '.join(finding.reasons) or 'reads unlike them'})"
                )
    problems += [f"contains {w!r}" for w in case.must_not_include if w.lower() in text]
    problems += [
        f"missing any of {alts!r}" for alts in case.must_include_any if not any(a.lower() in text for a in alts)
    ]
    problems += [f"does not match /{r}/" for r in case.must_match if not re.search(r, reply.text, re.I)]
    problems += [f"matches /{r}/" for r in case.must_not_match if re.search(r, reply.text, re.I)]
    if case.only_orders is not None:
        allowed = {o.upper() for o in case.only_orders}
        named = sorted({m.group(0).upper() for m in ORDER_ID.finditer(reply.text)} - allowed)
        if named:
            problems.append(f"names other orders {named} (only {sorted(allowed)} asked about)")
    if case.no_recommendation and recommendation_lines(reply.text):
        problems.append("has a recommendation line where none is due")
    if case.handoff is not None and (Flag.HANDOFF in reply.flags) != case.handoff:
        problems.append(f"handoff flag is {'handoff' in reply.flags}, expected {case.handoff}")
    return problems


def shop_data_text(services: Services, customer: str | None, conversation: str | None = None) -> str:
    """Everything the shop may state to this customer: the knowledge base, their own membership level and orders
    (with what each came to, shipping included), and the requests (cases) opened for staff in this conversation."""
    parts = [p.text for p in services.kb.index.passages]
    if customer:
        parts.append(describe_member(services.store.get_customer(customer) or {}))
        for o in services.store.orders_for(customer):
            parts.append(describe_order(o))
            if o.get("total") is not None and o.get("shipping_cost"):  # what the order came to, shipping included
                grand = float(o["total"]) + float(o["shipping_cost"])
                parts.append(f"Order {o['order_id']} came to {grand:.2f} {o.get('currency', 'USD')} in all.")
    if conversation:
        parts += [
            f"request number {c['id']}" for c in services.store.cases() if c.get("conversation_id") == conversation
        ]
    return "\n".join(parts)


def run_cases(
    settings: Settings,
    cases: list[Case],
    *,
    knowledge_dir: Path | None = None,
    on_case: Callable[[int, int], None] | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Run every case in a throw-away database (seeded demo data) and report the rates.

    `on_case(n, total)` is called after each case; `on_result(row)` with that case's result as soon as it is scored."""
    with throwaway_services(settings, knowledge_dir) as svc:
        return asyncio.run(_run(svc, cases, on_case, on_result))


async def _run(
    svc: Services,
    cases: list[Case],
    on_case: Callable[[int, int], None] | None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    results, latencies = [], []
    catalog = svc.kb.products()
    meaning = svc.composer.meaning
    for n, case in enumerate(cases, 1):
        # each case is a conversation of its own: what an earlier case said (an order under discussion) never leaks in
        conversation: str | None = f"golden-{n}"
        replies: list[Reply] = []
        for turn in case.turns:
            t0 = time.perf_counter()
            reply = await svc.assistant.handle(
                IncomingMessage(turn, channel=Channel.API, customer_id=case.customer, conversation_id=conversation)
            )
            latencies.append(time.perf_counter() - t0)
            conversation = reply.conversation_id
            replies.append(reply)
        reply = replies[-1]
        shop = shop_data_text(svc, case.customer, conversation)
        verdict = verify(reply.text, shop)
        unsupported = [f.text for f in verdict.unsupported] + unsupported_quantities(reply.text, shop)
        unsupported += price_mismatches(reply.text, catalog)  # a real price, but another product's
        rec_problems = _recommendation_problems(svc, case, replies, catalog)
        problems = check(case, reply, meaning=meaning) + [f"recommendation: {p}" for p in rec_problems]
        results.append(
            {
                "case": case.case_id,
                "passed": not problems,
                "problems": problems,
                "turns": case.turns,
                "text": reply.text,
                "author": reply.author.value,
                "reword": reply.reword,
                "flags": sorted(reply.flags),
                "unsupported": unsupported,
                "composed": bool(reply.sources)
                and not (reply.flags & {Flag.HANDOFF, Flag.INJECTION, Flag.ORDER_NOT_VERIFIED}),
                "recommended": bool(recommendation_lines(reply.text)),
                "facts": len(extract_facts(reply.text)),
            }
        )
        if on_result:
            on_result(results[-1])
        if on_case:
            on_case(n, len(cases))
    return summarise(results, latencies, backend=svc.settings.llm_backend)


def _reworded_share(results: list[dict[str, Any]], *, policy: bool) -> float:
    """Of the template (or, with policy, the policy-sentence) answers, the share the generator worded."""
    mine = [r for r in results if (Flag.FROM_DATA.value in r["flags"]) == policy]
    worded = sum(Flag.REWORDED.value in r["flags"] for r in mine)
    source = Author.EXTRACTIVE.value if policy else Author.TEMPLATE.value
    return round(worded / max(1, sum(r["author"] == source or Flag.REWORDED.value in r["flags"] for r in mine)), 4)


def _outcome(note: str) -> str:
    """A rewording note without its details ("product: unfaithful (1 tries: drops 'M')" -> "product: unfaithful")."""
    return note if "skipped" in note else note.split(" (", 1)[0]


def summarise(results: list[dict[str, Any]], latencies: list[float], *, backend: str = "") -> dict[str, Any]:
    """The rates over per-case results; `model_written_share` counts only replies the generator wrote and the verifier kept."""
    n = len(results)
    composed = [r for r in results if r["composed"]]
    lat = np.array(latencies or [0.0])
    authors = {a.value: round(sum(r["author"] == a.value for r in results) / max(1, n), 4) for a in Author}
    with_rec = [r for r in results if r.get("recommended")]
    return {
        "cases": n,
        "pass_rate": round(sum(r["passed"] for r in results) / max(1, n), 4),
        "unsupported_fact_rate": round(sum(bool(r["unsupported"]) for r in results) / max(1, n), 4),
        "fallback_rate": round(sum("fallback_used" in r["flags"] for r in results) / max(1, n), 4),
        "handoff_rate": round(sum("handoff" in r["flags"] for r in results) / max(1, n), 4),
        # the share of all final replies whose text the generator wrote and the verifier kept
        "model_written_share": authors[Author.MODEL.value],
        # the old figure: replies with sources and no hand-off that did not fall back (templates included)
        "composed_share": round(sum("fallback_used" not in r["flags"] for r in composed) / max(1, len(composed)), 4),
        "author_shares": authors,
        # of the replies a template answered, the share whose wording the generator wrote and the paraphrase check kept
        "reworded_share_of_templates": _reworded_share(results, policy=False),
        # likewise of the replies the shop's own policy or FAQ sentence answered (flagged from_data)
        "reworded_share_of_policy": _reworded_share(results, policy=True),
        # why answers from the data were not worded by the model: "kind: reason" -> count
        "reword_outcomes": dict(
            Counter(_outcome(r.get("reword", "")) for r in results if r.get("reword")).most_common()
        ),
        "recommendations": len(with_rec),
        "recommendation_problem_rate": round(
            sum(any(p.startswith("recommendation:") for p in r["problems"]) for r in with_rec) / max(1, len(with_rec)),
            4,
        ),
        "latency_s_p50": round(float(np.percentile(lat, 50)), 3),
        "latency_s_p95": round(float(np.percentile(lat, 95)), 3),
        "backend": backend,
        "failures": [r for r in results if not r["passed"] or r["unsupported"]],
        "results": results,
    }


def _recommendation_problems(
    svc: Services, case: Case, replies: list[Reply], catalog: list[dict[str, Any]]
) -> list[str]:
    """Check every recommendation line of the conversation against the catalog and what was said before it."""
    problems: list[str] = []
    by_sku = {str(p.get("sku")): p for p in catalog}
    bought: list[str] = []
    viewed: list[str] = []
    if case.customer:
        bought = [
            str(i.get("name") or by_sku.get(str(i.get("sku")), {}).get("name", ""))
            for o in svc.store.orders_for(case.customer)
            for i in (o.get("items") or [])
        ]
        for row in svc.store.interactions(case.customer):
            name = str(by_sku.get(str(row["sku"]), {}).get("name", ""))
            (bought if row["kind"] == "purchase" else viewed).append(name)
    said: list[str] = []
    for turn, reply in zip(case.turns, replies, strict=True):
        said.append(turn)
        shopper = " ".join(case.turns[: len(said)])
        for line in recommendation_lines(reply.text):
            conversation = "\n".join(said + [without_recommendations(reply.text)])
            problems += check_recommendation(
                line, catalog=catalog, conversation=conversation, shopper_text=shopper, bought=bought, viewed=viewed
            )
        said.append(without_recommendations(reply.text))
    return problems


def format_case(result: dict[str, Any]) -> str:
    """A readable block for one case: the turns, the final reply in full, who wrote it, and any problems."""
    status = "PASS" if result["passed"] and not result["unsupported"] else "FAIL"
    lines = [f"[{status}] {result['case']}  author={result['author']}  flags={','.join(result['flags']) or '-'}"]
    lines += [f"  > {t}" for t in result["turns"]]
    lines += ["  < " + line for line in result["text"].splitlines() if line.strip()]
    lines += [f"  ~ rewording: {result['reword']}"] if result.get("reword") else []
    lines += [f"  ! {p}" for p in result["problems"]]
    lines += [f"  ! unsupported fact: {u}" for u in result["unsupported"]]
    return "\n".join(lines)
