#!/usr/bin/env bash
# The house rules CI checks on bot/: ruff lint, ruff format, mypy, import-linter layer contracts and
# .env.example in sync with Settings, and the size rule (functions <= 60 lines, modules <= 400; scripts/check_sizes.py).
# Usage: scripts/lint.sh [ruff|format|mypy|imports|env|sizes ...] (default: all).
# Runs in the repository that holds this script; PYTHON picks the interpreter (default .venv/bin/python).
set -uo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
BIN="$(dirname "$PY")"
checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(ruff format mypy imports env sizes)
failed=()
for check in "${checks[@]}"; do
  echo "==> lint: $check"
  case "$check" in
    ruff)    "$BIN/ruff" check --no-cache bot ;;
    format)  "$BIN/ruff" format --no-cache --check bot ;;
    mypy)    "$PY" -m mypy --cache-dir "${MYPY_CACHE_DIR:-.mypy_cache}" ;;
    imports) PYTHONPATH=. "$BIN/lint-imports" --no-cache --config pyproject.toml ;;
    env)     "$PY" scripts/gen_env_example.py --check ;;
    sizes)   "$PY" scripts/check_sizes.py ;;
    *) echo "unknown check: $check (use ruff, format, mypy, imports, env or sizes)" >&2; exit 2 ;;
  esac
  [ $? -eq 0 ] || failed+=("$check")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "lint failed: ${failed[*]}" >&2
  exit 1
fi
echo "lint passed: ${checks[*]}"
