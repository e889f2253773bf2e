"""`shopbot serve` leaves a trace when native code (llama.cpp, in process) crashes the server (issue 10)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# a native crash inside a call from bot code: what a fault in llama.cpp's decode looks like to the process
CRASH = """
import ctypes, threading
from bot.cli.serve import crash_traces
{enable}
def decode_in_llama_cpp():
    ctypes.string_at(0)
t = threading.Thread(target=decode_in_llama_cpp)
t.start(); t.join()
"""


def _crash(enable: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"} | {"PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", CRASH.format(enable=enable)]
    return subprocess.run(command, check=False, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_native_crash_prints_the_python_stack() -> None:
    bare = _crash("")
    assert bare.returncode == -signal.SIGSEGV and "decode_in_llama_cpp" not in bare.stderr  # dies without a word
    traced = _crash("crash_traces()")
    assert traced.returncode == -signal.SIGSEGV  # still ends the process: isolation would need a worker process
    assert "Segmentation fault" in traced.stderr and "decode_in_llama_cpp" in traced.stderr
    assert "Thread" in traced.stderr  # every thread's stack (a web turn runs the model in a worker thread)
