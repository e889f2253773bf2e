"""Run an ASGI app under a real uvicorn server on 127.0.0.1 in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: Any, *, timeout_s: float = 60.0, wait_ready: bool = True) -> Iterator[str]:
    """Serve `app` over real HTTP; yields the base URL and shuts the server down afterwards."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("server thread died during start-up")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise TimeoutError("server did not start")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    if wait_ready:
        _wait_until_ready(url, deadline)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def _wait_until_ready(url: str, deadline: float) -> None:
    """shopbot accepts connections at once and loads its models in the background: wait until /healthz stops saying "starting"."""
    import httpx

    while time.monotonic() < deadline:
        try:
            r = httpx.get(f"{url}/healthz", timeout=5)
        except httpx.HTTPError:
            time.sleep(0.05)
            continue
        if r.status_code != 503 or r.json().get("status") != "starting":
            return
        time.sleep(0.05)
