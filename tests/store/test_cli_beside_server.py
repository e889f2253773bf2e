"""Commands beside a busy server: `staff add`, `kb build`/`reload` and a writer in other processes (issue 10, items 3 and 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from bot.kb.versions import VersionStore

REPO = Path(__file__).resolve().parents[2]

# stands in for `shopbot serve` chatting: short write transactions back to back, reads in between
BUSY_SERVER = textwrap.dedent("""
    import sys, time
    from bot.store import Store
    store = Store(sys.argv[1])
    store.ensure_customer("busy")
    conv = store.open_conversation("busy", "web")
    deadline = time.monotonic() + float(sys.argv[2])
    n = 0
    while time.monotonic() < deadline:
        mid = store.add_message(conv["id"], "in", f"message {n}", external_id=f"web:busy-{n}")
        store.add_reply(conv["id"], mid, f"reply {n}")
        store.event("turn", conversation_id=conv["id"], n=n)
        n += 1
    store.close()
    print(n, flush=True)
""")


def test_commands_beside_a_busy_server_never_hit_a_locked_database(tmp_path: Path, knowledge_dir: Path) -> None:
    home = tmp_path / "var"
    home.mkdir()
    env = {
        **os.environ,
        "SHOPBOT_HOME": str(home),
        "SHOPBOT_KNOWLEDGE_DIR": str(knowledge_dir),
        "SHOPBOT_SEED_DIR": str(home / "none"),
        "SHOPBOT_EMBEDDER": "hashing",
        "SHOPBOT_LLM_BACKEND": "echo",
        "SHOPBOT_KEEP_VERSIONS": "3",
        "PYTHONPATH": str(REPO),
    }
    shopbot = [sys.executable, "-m", "bot"]
    server = subprocess.Popen(
        [sys.executable, "-c", BUSY_SERVER, str(home / "shopbot.db"), "25"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    builds = [
        subprocess.Popen(
            [*shopbot, "kb", "build", "--force"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    staff = [
        subprocess.run(
            [*shopbot, "staff", "add", f"agent{i}", "--password-stdin"],
            cwd=tmp_path,
            env=env,
            input="a-long-password-123\n",
            capture_output=True,
            text=True,
            timeout=120,
        )
        for i in range(4)
    ]
    reload = subprocess.run(
        [*shopbot, "kb", "reload"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    outs = [p.communicate(timeout=300) for p in builds]
    server_out, server_err = server.communicate(timeout=120)
    errors = [r.stderr for r in staff] + [reload.stderr] + [e for _, e in outs] + [server_err]
    assert not [e for e in errors if "locked" in e.lower()], errors
    assert [r.returncode for r in staff] == [0, 0, 0, 0], [r.stderr[-500:] for r in staff]
    assert reload.returncode == 0, reload.stderr[-1500:]
    assert [p.returncode for p in builds] == [0, 0, 0, 0], [e[-1500:] for _, e in outs]
    assert server.returncode == 0 and int(server_out.strip()) > 0, server_err[-1500:]
    # four serialised builds: every published version complete, CURRENT valid, keep-N applied, no leftovers
    versions = VersionStore(home / "kb")
    built = {json.loads(o)["version"] for o, _ in outs}
    assert len(built) == 4
    assert versions.current() in built and len(versions.names()) == 3
    assert sorted(p.name for p in versions.versions_dir.iterdir()) == versions.names()
    staging = home / "kb" / "staging"
    assert not staging.exists() or not any(staging.iterdir())
    listed = subprocess.run(
        [*shopbot, "staff", "list"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert all(f"agent{i}" in listed.stdout for i in range(4))
