"""Campaign benchmark: a synthetic base of 10,000 customers, a campaign sent through the fake Bot API by
`shopbot campaigns send` in a child process that is killed with SIGKILL mid-send and then resumed.

Checks: 0 messages to customers without consent, opted out or erased; 0 duplicates and 0 skipped after the kill
and resume (rows that were in flight at the kill are reported as "in doubt"); the flood limits held (1/s per chat,
30/s overall, checked by the fake server); throughput. Then copy for N generated messages (default 200) with the
configured generator (default: the local SmolLM2), each filled for a customer and checked by the verifier and by an
independent fact check. The LAST line printed is one JSON object.

    .venv/bin/python scripts/bench_campaigns.py [--customers 10000] [--copies 200] [--backend local|echo] [--kill-after 600]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pydantic import SecretStr  # noqa: E402

from bot.app import build_services  # noqa: E402
from bot.campaigns.model import Offer, Target, Variant  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.fakes.telegram_api import fake_telegram  # noqa: E402

log = logging.getLogger("bench_campaigns")
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Eva", "Finn", "Gia", "Hugo", "Iris", "Jon", "Kai", "Lena", "Mo", "Nia", "Omar", "Pia"]
ZONES = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles"]


def settings_for(home: Path, fake: Any, backend: str) -> Settings:
    """Settings for the bench shop: the demo catalog, hashing embedder (the KB is not what is measured), the fake Bot API."""
    return Settings(home=home, knowledge_dir=REPO / "knowledge", seed_dir=home / "no-seed", embedder="hashing", llm_backend=backend,
                    telegram_token=SecretStr(fake.token), telegram_base_url=fake.base_url, recommend=False)


def synthesise(services: Any, n: int, *, seed: int = 11) -> dict[str, set[str]]:
    """n customers with orders spread over two years, 45% consented (then 5% of all opted out), 2% erased, 1% in a complaint."""
    rng = random.Random(seed)
    store, cstore = services.store, services.campaign_store
    products = services.kb.products()
    now = datetime.now(UTC)
    customers, orders, consent = [], [], []
    for i in range(n):
        cid = f"s{i:05d}"
        customers.append({"id": cid, "name": f"{rng.choice(FIRST)} Test", "telegram_id": str(1_000_000 + i), "first_seen": now.isoformat(),
                          "created_at": now.isoformat(), "profile": "{}", "personalization": 1,
                          "timezone": rng.choice(ZONES) if rng.random() < 0.1 else None})
        for k in range(rng.choice([0, 1, 1, 2, 3, 5])):
            items = rng.sample(products, k=rng.choice([1, 1, 2]))
            when = now - timedelta(days=rng.uniform(1, 700))
            orders.append({"order_id": f"SO-{i:05d}-{k}", "customer_id": cid, "date": when.isoformat(timespec="milliseconds"), "status": "delivered",
                           "items": json.dumps([{"sku": p["sku"], "qty": 1, "price": p["price"]} for p in items]),
                           "total": round(sum(float(p["price"]) for p in items), 2), "currency": "USD"})
        if rng.random() < 0.45:
            consent.append({"customer_id": cid, "granted": 1, "source": "bench signup", "ts": now.isoformat(), "note": ""})
    with store.tx() as db:
        db.table("customers").insert_all(customers, alter=True)
        db.table("orders").insert_all(orders)
        db.table("marketing_consent").insert_all(consent)
    cstore.sync_order_items()
    ids = [c["id"] for c in customers]
    opted_out = set(rng.sample(ids, k=n * 5 // 100))
    for cid in opted_out:
        cstore.set_consent(cid, False, source="bench /stop")
    erased = set(rng.sample(sorted(set(ids) - opted_out), k=n * 2 // 100))
    erased_chats = {str(1_000_000 + int(c[1:])) for c in erased}
    for cid in erased:
        services.erase_customer(cid)
    complaint = set(rng.sample(sorted(set(ids) - opted_out - erased), k=n // 100))
    for cid in complaint:
        conv = store.open_conversation(cid, "telegram")
        store.flag_conversation(conv["id"], "complaint")
    consented = {c["customer_id"] for c in consent} - opted_out - erased
    return {"consented": consented, "opted_out": opted_out, "erased": erased, "erased_chats": erased_chats, "complaint": complaint}


def run_send(env: dict[str, str], campaign: int, *, kill_when: Any = None) -> tuple[int, float, float]:
    """`shopbot campaigns send` in a child process; SIGKILL it when kill_when() turns true. Returns (exit code, seconds, end time)."""
    started = time.monotonic()
    proc = subprocess.Popen([str(REPO / ".venv/bin/shopbot"), "campaigns", "send", str(campaign), "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        if kill_when is not None and kill_when():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return -9, time.monotonic() - started, time.monotonic()
        time.sleep(0.02)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"send failed ({proc.returncode}): {err[-2000:]}")
    return proc.returncode, time.monotonic() - started, time.monotonic()


class _SkipSend(Exception):
    """--customers 0: only the copy phase."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--copies", type=int, default=200, help="generated messages to check (0 skips the copy phase)")
    parser.add_argument("--backend", default="local", choices=["local", "openai", "echo"], help="generator for the copy phase")
    parser.add_argument("--kill-after", type=int, default=600, help="SIGKILL the sender after this many messages arrived")
    parser.add_argument("--keep", action="store_true", help="keep the temporary shop folder")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    home = Path(tempfile.mkdtemp(prefix="bench-campaigns-"))
    result: dict[str, Any] = {"customers": args.customers}
    try:
        with fake_telegram() as fake:
            if args.customers <= 0:
                raise _SkipSend
            settings = settings_for(home, fake, "echo")
            services = build_services(settings)
            services.kb.open(build_if_missing=True)
            t0 = time.perf_counter()
            base = synthesise(services, args.customers)
            result["synthesise_s"] = round(time.perf_counter() - t0, 1)
            products = services.kb.products()
            skus = [p["sku"] for p in products[:2]]
            cs = services.campaigns
            t0 = time.perf_counter()
            cid = cs.draft(name="Bench", channel="telegram", target=Target(segments=["at risk", "loyal", "high value", "new", "regular"]),
                           offer=Offer("products", skus, "15%", False, "BENCH15", ""), tone="friendly",
                           variants=[Variant("A", 50, "friendly"), Variant("B", 50, "urgent")], actor="bench")
            cs.approve(cid, actor="bench")
            queued = cs.queue(cid, actor="bench")
            result["queue"] = {"seconds": round(time.perf_counter() - t0, 1), **queued}
            env = {**os.environ, "SHOPBOT_HOME": str(home), "SHOPBOT_KNOWLEDGE_DIR": str(REPO / "knowledge"), "SHOPBOT_SEED_DIR": str(home / "no-seed"),
                   "SHOPBOT_EMBEDDER": "hashing", "SHOPBOT_LLM_BACKEND": "echo", "SHOPBOT_TELEGRAM_TOKEN": fake.token,
                   "SHOPBOT_TELEGRAM_BASE_URL": fake.base_url, "SHOPBOT_RECOMMEND": "false", "SHOPBOT_LOG_LEVEL": "WARNING"}
            code, first_s, killed_at = run_send(env, cid, kill_when=lambda: len(fake.sent()) >= args.kill_after)
            at_kill = len(fake.sent())
            _, second_s, _ = run_send(env, cid)
            calls = fake.sent()
            per_chat = Counter(c.chat_id for c in calls)
            cstore = services.campaign_store
            rows = cstore.recipients(cid)
            by_status = Counter(r["status"] for r in rows)
            doubt = [r for r in rows if r["status"] == "failed" and (r["reason"] or "").startswith("in doubt")]
            received = {str(c) for c in per_chat}
            doubt_arrived = sum(1 for r in doubt if r["chat_id"] in received)
            chat_to_customer = {r["chat_id"]: r["customer_id"] for r in rows}
            not_allowed = [c for c in received if chat_to_customer.get(c) not in base["consented"]]
            skipped = [r for r in rows if r["status"] in ("queued", "sending") and not r.get("not_before")]
            skipped += [r for r in rows if r["status"] == "sent" and r["chat_id"] not in received]
            def rate(times: list[float]) -> float:
                times = sorted(times)
                return round((len(times) - 1) / (times[-1] - times[0]), 2) if len(times) > 1 and times[-1] > times[0] else 0.0

            before_kill = [c.t for c in calls if c.t <= killed_at]
            after_kill = [c.t for c in calls if c.t > killed_at]
            result["send"] = {
                "queued": len(rows),
                "by_status": dict(by_status),
                "killed_with_sigkill_after_messages": at_kill,
                "first_run_exit": code,
                "messages_received": len(calls),
                "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
                "skipped": len(skipped),
                "in_doubt": len(doubt),
                "in_doubt_that_arrived": doubt_arrived,
                "deferred_quiet_hours": sum(1 for r in rows if r["status"] == "queued" and r.get("not_before")),
                "to_not_consented_opted_out_or_erased": len(not_allowed),
                "to_erased_chats": len(received & base["erased_chats"]),
                "rate_limit_violations": len(fake.rate_violations()),
                "throughput_msgs_per_s": {"before_kill": rate(before_kill), "resume": rate(after_kill)},
                "wall_s": {"first_run": round(first_s, 1), "resume": round(second_s, 1)},
                "excluded_at_queue": queued.get("excluded"),
            }
            print(json.dumps({"send": result["send"]}), flush=True)  # the send figures, before the (slow) copy phase
    except _SkipSend:
        pass
    try:
        if args.copies:
            from bot.campaigns.copy_eval import evaluate, random_offers
            from bot.campaigns.service import make_generate

            copy_settings = Settings(home=home, knowledge_dir=REPO / "knowledge", seed_dir=home / "no-seed", embedder="hashing",
                                     llm_backend=args.backend, recommend=False)
            copy_services = build_services(copy_settings)
            copy_services.kb.open(build_if_missing=True)
            products = copy_services.kb.products()
            t0 = time.perf_counter()
            report = evaluate(make_generate(copy_services), products, random_offers(products, args.copies))
            report["seconds"] = round(time.perf_counter() - t0, 1)
            report["backend"] = args.backend
            result["copy"] = report
    finally:
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
        else:
            result["home"] = str(home)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
