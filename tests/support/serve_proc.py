"""Real `shopbot serve` processes (one worker each, or `--workers N`) for tests and scripts/bench_scale.py: the
command a shop runs, configured only through SHOPBOT_* variables, on small real models (hashing embedder, the
small intent classifier saved to disk, the echo generator)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.support.intents import small_intent_classifier

REPO = Path(__file__).resolve().parents[2]
ADMIN_TOKEN = "serve-admin-token"


def save_small_intents(directory: Path) -> Path:
    """The small classifier on disk, for SHOPBOT_INTENT_MODEL (no training in each worker)."""
    if not directory.exists():
        small_intent_classifier().save(directory)
    return directory


def serve_env(home: Path, knowledge_dir: Path, port: int, **settings: Any) -> dict[str, str]:
    """The environment of a `shopbot serve` process: the caller's, minus any SHOPBOT_* of its own, plus these."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPBOT_")}
    env.update(
        SHOPBOT_ENV_FILE="",
        SHOPBOT_HOME=str(home),
        SHOPBOT_KNOWLEDGE_DIR=str(knowledge_dir),
        SHOPBOT_SEED_DIR=str(home / "no-seed"),
        SHOPBOT_EMBEDDER="hashing",
        SHOPBOT_LLM_BACKEND="echo",
        SHOPBOT_RECOMMEND="false",
        SHOPBOT_INTENT_MODEL=str(save_small_intents(home.parent / "intents-small")),
        SHOPBOT_SECRET_KEY="serve-secret-key-0123456789",
        SHOPBOT_ADMIN_TOKEN=ADMIN_TOKEN,
        SHOPBOT_HOST="127.0.0.1",
        SHOPBOT_PORT=str(port),
        OMP_NUM_THREADS="1",
        PYTHONUNBUFFERED="1",
    )
    env.update({f"SHOPBOT_{key.upper()}": str(value) for key, value in settings.items()})
    return env


@dataclass
class Served:
    """One running `shopbot serve` (its process group: the supervisor and its workers)."""

    proc: subprocess.Popen[bytes]
    url: str
    log: Path

    def workers(self) -> list[int]:
        """Pids of the supervisor's child processes (uvicorn's workers), or [] for a single-process server."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            pids = [int(p) for p in children.read_text().split()]
        except OSError:
            return []
        return [pid for pid in pids if b"spawn_main" in _cmdline(pid)]  # not multiprocessing's resource tracker

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def wait_healthy(url: str, *, timeout_s: float = 180.0, proc: subprocess.Popen[bytes] | None = None) -> dict[str, Any]:
    """Poll /healthz until it answers ok; returns its body."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            reply = httpx.get(f"{url}/healthz", timeout=5)
            if reply.status_code == 200:
                return dict(reply.json())
        except httpx.HTTPError:
            pass
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"shopbot serve exited with status {proc.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not become healthy in {timeout_s:.0f}s")
        time.sleep(0.2)


@contextmanager
def shopbot_serve(env: dict[str, str], *args: str, log: Path, timeout_s: float = 180.0) -> Iterator[Served]:
    """`python -m bot serve ARGS` in its own process group, healthy before it is yielded; SIGTERM (then SIGKILL)
    to the whole group afterwards."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", *args],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    served = Served(proc, f"http://127.0.0.1:{env['SHOPBOT_PORT']}", log)
    try:
        try:
            wait_healthy(served.url, timeout_s=timeout_s, proc=proc)
        except (RuntimeError, TimeoutError) as exc:
            raise RuntimeError(f"{exc}; its log ends:\n{served.tail()}") from None
        yield served
    finally:
        stop_group(proc)


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group, SIGKILL it if it is still there after 20 s."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        pass
    try:  # whatever of the group is left (a worker slow to stop)
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)
