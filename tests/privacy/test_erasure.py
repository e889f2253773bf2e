"""Erasure: reaches running processes, never resurrected by a publish, leaves no bytes behind, resumable (issue 10, 12-14)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import Services
from bot.config import Settings
from bot.domain import Channel, IncomingMessage
from bot.erasure import ErasureWatcher
from bot.recommend.artifact import load_current, publish
from tests.support.intents import small_services

REPO = Path(__file__).resolve().parents[2]
WHO = {"id": "cust-zq-4711", "name": "Zebulon Quartzmann", "email": "zebulon.q@example.org", "phone": "+1 555 013 7788"}
OTHERS = ("cust-ab-0001", "cust-cd-0002")


def settings_for(home: Path, knowledge_dir: Path) -> Settings:
    return Settings(
        home=home,
        knowledge_dir=knowledge_dir,
        seed_dir=home / "no-seed",
        embedder="hashing",
        llm_backend="echo",
        recommend=True,
        recommend_every_n_turns=1,
    )


def env_for(home: Path, knowledge_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SHOPBOT_HOME": str(home),
        "SHOPBOT_KNOWLEDGE_DIR": str(knowledge_dir),
        "SHOPBOT_SEED_DIR": str(home / "no-seed"),
        "SHOPBOT_EMBEDDER": "hashing",
        "SHOPBOT_LLM_BACKEND": "echo",
        "PYTHONPATH": str(REPO),
    }


def cli(home: Path, knowledge_dir: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`shopbot ARGS` in its own process (its log, stderr, appended to `log` as a service manager would keep it)."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=home.parent,
        env=env_for(home, knowledge_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if log is not None:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(result.stderr)
    return result


def populated(home: Path, knowledge_dir: Path) -> Services:
    """A shop whose customer WHO has a profile, orders, interactions, a conversation, a case, events and recommender factors."""
    services = small_services(settings_for(home, knowledge_dir))
    services.kb.open()
    store = services.store
    store.ensure_customer(WHO["id"], name=WHO["name"], email=WHO["email"], phone=WHO["phone"], telegram_id="90417")
    for other in OTHERS:
        store.ensure_customer(other, name="Someone Else", email=f"{other}@example.com")
    with store.tx() as db:
        db.table("orders").insert(
            {
                "order_id": "ORD-ZQ-1",
                "customer_id": WHO["id"],
                "date": "2026-01-02",
                "status": "shipped",
                "items": json.dumps([{"sku": "NT-JNS-0001", "name": "Jeans", "qty": 1, "price": 79.0}]),
                "total": 79.0,
                "currency": "USD",
                "tracking_number": "TRK-ZQ-99",
            }
        )
    for cid in (WHO["id"], *OTHERS):
        store.add_interaction(cid, "NT-JNS-0001", "purchase")
        store.add_interaction(cid, "NT-BTS-0004", "view")
    store.inbox_put(
        [(424242, "90417", json.dumps({"message": {"text": f"I am {WHO['name']}", "from": {"first_name": "Zebulon"}}}))]
    )
    text = f"Hi, I'm {WHO['name']}, e-mail {WHO['email']}, phone {WHO['phone']}. I want a refund for ORD-ZQ-1 please"
    reply = asyncio.run(
        services.assistant.handle(IncomingMessage(text, channel=Channel.API, customer_id=WHO["id"], message_id="zq-1"))
    )
    services.request_handoff(reply.conversation_id)  # an event row naming only the conversation (the "orphan" row)
    # what staff made of the conversation: a photo the shopper sent (its bytes name them), a FAQ draft, a correction
    conv = services.store.get_conversation(reply.conversation_id)
    assert conv is not None
    photo = b"\x89PNG\r\n\x1a\n" + f"tEXtAuthor {WHO['name']} {WHO['email']}".encode()
    services.receive_attachment(conv, photo, declared="image/png")
    staff = services.staff_reply(conv["id"], f"Dear {WHO['name']}, your refund is on its way.", staff="bob")
    assert staff is not None
    services.knowledge_store.add_draft(
        question=text,
        answer=f"Refunds take 5 days, {WHO['name']}.",
        by="bob",
        conversation_id=conv["id"],
        message_id=staff,
    )
    services.knowledge_store.add_correction(
        by="bob",
        conversation_id=conv["id"],
        message_id=staff,
        question=text,
        grounding=[],
        bot_answer=reply.text,
        corrected_answer=f"Call {WHO['phone']}",
        must_include=[WHO["email"]],
        must_not_include=[],
    )
    services.store.event("note", conversation_id=reply.conversation_id, data=WHO["email"])
    assert WHO["id"] in load_current(services.personaliser.root).user_index
    return services


def needles() -> dict[str, list[bytes]]:
    """Each identifying value as it could sit in a file (UTF-8, and the phone's digits alone)."""
    out = {k: [v.encode()] for k, v in WHO.items()}
    out["phone"].append(b"5550137788")
    out["name"].append(b"Quartzmann")
    return out


def scan(root: Path, *extra: Path) -> dict[str, list[str]]:
    """Every file under root (database, WAL, KB versions, caches, models, logs) and the extra files: where each needle occurs."""
    found: dict[str, list[str]] = {}
    files = [p for p in root.rglob("*") if p.is_file()] + [p for p in extra if p.is_file()]
    for path in files:
        data = path.read_bytes()
        low = data.lower()
        for key, variants in needles().items():
            if any(v.lower() in low for v in variants):
                found.setdefault(key, []).append(str(path.relative_to(root.parent)))
    return found


def test_the_scan_finds_the_customer_before_the_erase(tmp_path: Path, knowledge_dir: Path) -> None:
    services = populated(tmp_path / "var", knowledge_dir)
    services.close()
    found = scan(tmp_path / "var")
    assert set(found) == {"id", "name", "email", "phone"}  # the scan can fail: every needle is on disk before


def test_after_an_erase_no_byte_of_the_customer_is_left(tmp_path: Path, knowledge_dir: Path) -> None:
    home, log = tmp_path / "var", tmp_path / "shopbot.log"
    # the server's own log, at DEBUG, from the first message to the shutdown: the scan covers it too
    handler = logging.FileHandler(log, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level, root.level = root.level, logging.DEBUG
    root.addHandler(handler)
    try:
        _erase_while_serving(home, knowledge_dir, log)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
    assert log.stat().st_size > 0
    assert scan(home, log) == {}
    # the others are untouched
    again = small_services(settings_for(home, knowledge_dir))
    assert all(again.store.get_customer(o) for o in OTHERS)
    model = load_current(again.personaliser.root)
    assert set(OTHERS) <= set(model.user_ids) and WHO["id"] not in model.user_ids
    again.close()


def _erase_while_serving(home: Path, knowledge_dir: Path, log: Path) -> None:
    services = populated(home, knowledge_dir)
    # the server keeps running (its connection and watcher open) while staff erase from another shell
    watcher = ErasureWatcher(services, interval_s=0.1)
    watcher.start()
    try:
        result = cli(home, knowledge_dir, "-vv", "customers", "erase", WHO["id"], "--yes", log=log)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.strip().splitlines()[-1])["state"] == "erased"
        assert watcher.check() or services.personaliser.live._rec is None  # noqa: SLF001 - the running process dropped its copy
    finally:
        watcher.stop()
    services.close()  # a clean shutdown: the WAL is checkpointed and truncated


def test_an_erase_in_another_process_reaches_the_server_and_is_never_resurrected(
    tmp_path: Path, knowledge_dir: Path
) -> None:
    home = tmp_path / "var"
    services = populated(home, knowledge_dir)
    server_model = services.personaliser.recommender.model  # the running server's in-memory copy, WHO included
    assert WHO["id"] in server_model.user_index
    watcher = ErasureWatcher(services, interval_s=60)
    watcher.start()
    assert cli(home, knowledge_dir, "customers", "erase", WHO["id"], "--yes").returncode == 0
    assert watcher.check()  # the server noticed
    watcher.stop()
    assert WHO["id"] not in services.personaliser.recommender.model.user_index  # reloaded from the scrubbed version
    # the server now erases someone else from its dashboard: the model it publishes must not bring WHO back
    services.erase_customer(OTHERS[0])
    model = load_current(services.personaliser.root)
    assert WHO["id"] not in model.user_ids and OTHERS[0] not in model.user_ids and OTHERS[1] in model.user_ids
    # and neither does publishing the stale in-memory model (e.g. a retrain from an old interactions file)
    publish(server_model, services.personaliser.root, erased=services.store.erased_keys())
    assert WHO["id"] not in load_current(services.personaliser.root).user_ids
    services.close()


def _to_legacy_layout(root: Path) -> None:
    """Rewrite a published artifact folder the way older shopbot homes kept it: a `current` symlink, no pointer file."""
    name = (root / "CURRENT").read_text().strip()
    (root / "CURRENT").unlink()
    os.symlink(Path("versions") / name, root / "current", target_is_directory=True)


def test_erasure_on_a_cp_r_copy_of_an_old_home_is_resumable_and_idempotent(tmp_path: Path, knowledge_dir: Path) -> None:
    old_home = tmp_path / "old" / "var"
    services = populated(old_home, knowledge_dir)
    services.close()
    _to_legacy_layout(old_home / "models" / "recommend")
    home = tmp_path / "copy" / "var"
    shutil.copytree(old_home, home, symlinks=False)  # `cp -r`: the symlink becomes a real folder
    assert (home / "models" / "recommend" / "current").is_dir() and not (
        home / "models" / "recommend" / "current"
    ).is_symlink()
    # a step fails midway: the models folder cannot take a new version (a file sits where staging/ must go)
    blocker = home / "models" / "recommend" / "staging"
    shutil.rmtree(blocker, ignore_errors=True)
    blocker.write_text("in the way")
    first = cli(home, knowledge_dir, "customers", "erase", WHO["id"], "--yes")
    assert first.returncode != 0 and "Traceback" not in first.stderr
    blocker.unlink()
    second = cli(
        home, knowledge_dir, "customers", "erase", WHO["id"], "--yes"
    )  # the rows are gone: it resumes, not "no customer"
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout.strip().splitlines()[-1])["state"] == "resumed"
    third = cli(home, knowledge_dir, "customers", "erase", WHO["id"], "--yes")
    assert third.returncode == 0 and json.loads(third.stdout.strip().splitlines()[-1])["state"] == "already erased"
    assert cli(home, knowledge_dir, "customers", "erase", "nobody-at-all", "--yes").returncode != 0
    assert scan(home) == {}
    assert (
        not (home / "models" / "recommend" / "current").exists()
        and (home / "models" / "recommend" / "CURRENT").is_file()
    )
