#!/usr/bin/env bash
# Install what is missing, then run shopbot on its embedded default (demo store, local models, SQLite)
# at http://127.0.0.1:8000. Extra arguments go to `shopbot serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HF_HUB_OFFLINE=1
exec .venv/bin/shopbot serve "$@"
