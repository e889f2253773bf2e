"""The embedding cache's save killed with SIGKILL at each of its file-system steps, in a real child process: what is
left on disk loads either the old cache or the new one, never keys paired with another key's vector."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np

from bot.embed.cache import EmbeddingCache

DIM = 8

# The child loads the cache, drops half of its keys and adds as many new ones (same row count, other rows: the
# case a length check cannot catch), then saves with an audit hook that kills the process with SIGKILL at the
# N-th step that writes, renames or removes a file (os.kill: no cleanup, no flush, as a kill -9 from outside).
CHILD = r"""
import hashlib, os, signal, sys
from pathlib import Path
import numpy as np
from bot.embed.cache import EmbeddingCache

def vec(key):
    seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")
    return np.random.default_rng(seed).random(8, dtype=np.float32)

directory, kill_at = Path(sys.argv[1]), int(sys.argv[2])
cache = EmbeddingCache(directory, dim=8)
cache.retain({f"old{i}" for i in range(10)})
new = [f"new{i}" for i in range(10)]
cache.put(new, np.stack([vec(k) for k in new]))
steps = 0

def hook(event, args):
    global steps
    writes = event == "open" and args[1] is not None and any(c in str(args[1]) for c in "wax+")
    if writes or event in ("os.rename", "os.remove"):
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(hook)
cache.save()
print("saved", steps)
"""


def vec(key: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")
    return np.random.default_rng(seed).random(DIM, dtype=np.float32)


def loaded(directory: Path) -> dict[str, np.ndarray]:
    cache = EmbeddingCache(directory, dim=DIM)
    keys = list(cache._index)
    vectors, missing = cache.get(keys)
    assert missing == []
    return dict(zip(keys, vectors, strict=True))


def test_a_save_killed_at_any_step_leaves_the_old_cache_or_the_new_one(tmp_path: Path) -> None:
    old_keys = [f"old{i}" for i in range(20)]
    new_keys = [f"old{i}" for i in range(10)] + [f"new{i}" for i in range(10)]
    start = tmp_path / "start"
    first = EmbeddingCache(start, dim=DIM)
    first.put(old_keys, np.stack([vec(k) for k in old_keys]))
    first.save()
    outcomes = []
    for kill_at in range(1, 20):
        directory = tmp_path / f"kill{kill_at}"
        shutil.copytree(start, directory)
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(directory), str(kill_at)], capture_output=True, text=True, timeout=120
        )
        got = loaded(directory)
        assert set(got) in (set(old_keys), set(new_keys)), f"killed at step {kill_at}: keys {sorted(got)}"
        for key, vector in got.items():  # every key reads its own vector, whichever state was left
            assert np.array_equal(vector, vec(key)), f"killed at step {kill_at}: {key} reads another key's vector"
        if proc.returncode == 0:
            assert set(got) == set(new_keys) and len(outcomes) >= 2
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
        outcomes.append("new" if set(got) == set(new_keys) else "old")
    else:
        raise AssertionError("the save never completed")
    assert "old" in outcomes and "new" in outcomes  # killed before the commit, and after it (cleanup left)


def test_the_next_save_after_a_kill_removes_what_the_killed_save_left(tmp_path: Path) -> None:
    directory = tmp_path / "c"
    first = EmbeddingCache(directory, dim=DIM)
    first.put(["a", "b"], np.stack([vec("a"), vec("b")]))
    first.save()
    # killed after writing its vectors file, before the commit: a stray file no keys.json names
    proc = subprocess.run([sys.executable, "-c", CHILD, str(directory), "2"], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL
    assert len(list(directory.glob("vectors*.npy"))) == 2
    again = EmbeddingCache(directory, dim=DIM)
    assert set(loaded(directory)) == {"a", "b"}
    again.put(["c"], vec("c")[None, :])
    again.save()
    assert len(list(directory.glob("vectors*.npy"))) == 1 and not list(directory.glob("*.tmp"))
    assert set(loaded(directory)) == {"a", "b", "c"}
