"""A real OpenAI-compatible server for tests and benchmarks: llama-cpp-python's, on the packaged SmolLM2 GGUF."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.llm.smollm2 import GGUF_FILE, gguf_dir


@dataclass(slots=True)
class LlamaServer:
    """A running server: its /v1 base URL and the file its output goes to."""

    base_url: str
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        """Everything the server printed so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def cuts(self) -> int:
        """Streams the server ended early: interrupted by another request, or closed by the client."""
        return self.log().count("Disconnected from client")

    def requests(self) -> int:
        """Chat requests the server received (its access log)."""
        return self.log().count("POST /v1/chat/completions")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def llama_server(
    *, interrupt_requests: bool = True, threads: int = 0, startup_s: float = 120.0
) -> Iterator[LlamaServer]:
    """Start `python -m llama_cpp.server` on a free port and stop it afterwards.

    interrupt_requests=True is the server's own default: a new request cuts a running stream short.
    """
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError as exc:  # CI must run these tests, not skip them
        raise RuntimeError("llama-cpp-python[server] is not installed: run scripts/setup.sh --test") from exc
    port = free_port()
    n = str(threads or os.cpu_count() or 1)
    log_file = tempfile.NamedTemporaryFile(prefix="llama-server-", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf_dir() / GGUF_FILE),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
        "--n_threads",
        n,
        "--n_threads_batch",
        n,
        "--logits_all",
        "False",
        "--interrupt_requests",
        str(interrupt_requests),
        "--verbose",
        "False",
    ]
    process = subprocess.Popen(
        command, stdout=log_file, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    server = LlamaServer(f"http://127.0.0.1:{port}/v1", Path(log_file.name), process)
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited with {process.returncode}:\n{server.log()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{server.base_url}/models", timeout=1.0).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"llama.cpp server did not start in {startup_s:.0f} s:\n{server.log()[-2000:]}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log_file.close()
        os.unlink(log_file.name)
