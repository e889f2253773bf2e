"""`shopbot serve` as real processes on one PostgreSQL and one Redis: `--workers N` (and what it refuses), and a
knowledge-base reload on one worker reaching another one."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.cli.serve import check_workers
from bot.config import Settings
from bot.errors import ConfigError
from tests.support.llama_server import free_port
from tests.support.serve_proc import ADMIN_TOKEN, REPO, serve_env, shopbot_serve

AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def test_more_than_one_worker_is_refused_in_one_line_without_redis(tmp_path: Path, knowledge_dir: Path) -> None:
    env = serve_env(tmp_path / "var", knowledge_dir, free_port())
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "--workers", "2"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "--workers 2 needs SHOPBOT_REDIS_URL" in done.stderr


def test_workers_need_postgresql_and_telegram_webhooks() -> None:
    redis = {"redis_url": "redis://127.0.0.1:6379/0"}
    with pytest.raises(ConfigError, match="needs a PostgreSQL SHOPBOT_DATABASE_URL"):
        check_workers(Settings(**redis), 3)  # the SQLite default
    pg = {**redis, "database_url": "postgresql://shop@db/shopbot"}
    check_workers(Settings(**pg), 3)
    with pytest.raises(ConfigError, match="needs SHOPBOT_TELEGRAM_MODE=webhook"):
        check_workers(Settings(**pg, telegram_token="123:abc"), 2)
    check_workers(Settings(**pg, telegram_token="123:abc", telegram_mode="webhook"), 2)


def test_two_workers_serve_one_port(tmp_path: Path, knowledge_dir: Path, pg_url: str, redis_url: str) -> None:
    """uvicorn's supervisor runs two workers on the port (it also starts a new one when one dies: see
    scripts/bench_scale.py, which kills one with kill -9 mid-burst)."""
    env = serve_env(tmp_path / "var", knowledge_dir, free_port(), database_url=pg_url, redis_url=redis_url)
    with shopbot_serve(env, "--workers", "2", log=tmp_path / "serve.log") as served:
        assert len(served.workers()) == 2, served.tail()
        reply = httpx.post(f"{served.url}/api/chat", json={"text": "how do I return an item?"}, timeout=60)
        assert reply.status_code == 200 and reply.json()["text"], reply.text


def test_a_reload_on_one_worker_reaches_the_other_through_redis(
    tmp_path: Path, knowledge_dir: Path, pg_url: str, redis_url: str
) -> None:
    """Two workers share the knowledge folder and its versions; CURRENT polling is off (SHOPBOT_KB_WATCH_S=0), so
    only the published event can move worker B, which then answers from the new version."""
    home = tmp_path / "var"
    common = {"database_url": pg_url, "redis_url": redis_url, "kb_watch_s": 0}
    env_a, env_b = (serve_env(home, knowledge_dir, free_port(), **common) for _ in range(2))
    with shopbot_serve(env_a, log=tmp_path / "a.log") as a, shopbot_serve(env_b, log=tmp_path / "b.log") as b:
        before = httpx.get(f"{b.url}/healthz").json()["kb_version"]
        assert httpx.get(f"{a.url}/healthz").json()["kb_version"] == before
        (knowledge_dir / "policies" / "gift-cards.md").write_text(
            "---\ntitle: Gift cards\n---\n# Gift cards\n\nGift cards are sold in amounts of 25, 50 and 100 euros "
            "and never expire.\n",
            encoding="utf-8",
        )
        reloaded = httpx.post(f"{a.url}/admin/kb/reload", headers=AUTH, timeout=120)
        assert reloaded.status_code == 200, reloaded.text
        after = reloaded.json()["version"]
        assert after != before
        deadline = time.monotonic() + 60
        while httpx.get(f"{b.url}/healthz").json()["kb_version"] != after:
            assert time.monotonic() < deadline, f"worker B never switched to {after}; {b.tail()}"
            time.sleep(0.1)
        hits = httpx.post(f"{b.url}/api/search", json={"query": "gift cards expire", "k": 3}, timeout=30).json()
        assert hits["version"] == after
        assert hits["hits"][0]["title"] == "Gift cards"
