"""A real Redis server for tests: Debian's redis-server on a free port in a temporary folder, stopped after.

`scripts/setup.sh --test` installs it (as root, like Chromium and PostgreSQL). Missing: the Redis tests skip
locally and fail under CI (SHOPBOT_CI set, as .ci/run does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.llama_server import free_port


def require_redis_server() -> str:
    found = shutil.which("redis-server")
    if found is None:
        message = "redis-server is not installed (scripts/setup.sh --test installs it as root; or apt-get install redis-server)"
        if os.environ.get("SHOPBOT_CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@contextmanager
def redis_server() -> Iterator[str]:
    """Start a throwaway server (no persistence); yields its URL."""
    binary = require_redis_server()
    root = Path(tempfile.mkdtemp(prefix="shopbot-redis-"))
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis

        client = redis.Redis(port=port, socket_connect_timeout=1)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)
