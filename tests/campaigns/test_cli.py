"""The CLI end to end in a subprocess: consent, orders import, draft, preview, approve, send (web inbox), report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert (r.returncode == 0) == ok, r.stdout + r.stderr
    return r


def test_cli_campaign_round_trip(tmp_path: Path, knowledge_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPBOT_")}
    env.update(
        {
            "SHOPBOT_HOME": str(tmp_path / "var"),
            "SHOPBOT_KNOWLEDGE_DIR": str(knowledge_dir),
            "SHOPBOT_SEED_DIR": str(tmp_path / "none"),
            "SHOPBOT_EMBEDDER": "hashing",
            "SHOPBOT_LLM_BACKEND": "echo",
            "SHOPBOT_LOG_LEVEL": "WARNING",
        }
    )
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "order_id,customer_id,date,sku,qty,price,marketing_consent,customer_name\n"
        "A1,k1,2026-11-01,NT-JNS-0001,1,59.9,yes,Kim Lee\nA2,k2,2026-11-02,NT-BTS-0004,1,120,no,Ola Berg\n",
        encoding="utf-8",
    )
    out = json.loads(_run(env, "orders", "import", str(orders), "--json").stdout)
    assert out["created"] == 2
    history = json.loads(_run(env, "customers", "consent", "k1", "show").stdout)
    assert history["marketing"] is True and history["history"][0]["source"] == "order:A1"
    draft = json.loads(
        _run(env, "campaigns", "draft", "--name", "Jeans", "--sku", "NT-JNS-0001", "--channel", "web", "--json").stdout
    )
    cid = str(draft["campaign"])
    assert "passes the verifier" in _run(env, "campaigns", "preview", cid).stdout
    _run(env, "campaigns", "approve", cid)
    sent = json.loads(_run(env, "campaigns", "send", cid, "--json").stdout)
    assert sent["queued"] == 0 and sent["excluded"] == {"never used the web chat": 1, "no marketing consent": 1}
    report = json.loads(_run(env, "campaigns", "report", cid, "--json").stdout)
    assert report["campaign"]["status"] == "done" and report["total"]["sent"] == 0
