"""The one versioned-artifact module: atomic publish, pointer file, rollback, keep-N, a cross-process lock, old homes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.artifacts import ArtifactError, LockTimeout, VersionedDir
from bot.nlu import model_store

REPO = Path(__file__).resolve().parents[1]


def _fill(text: str):  # noqa: ANN202
    def fill(folder: Path) -> None:
        (folder / "data.txt").write_text(text)

    return fill


def test_publish_rollback_and_keep(tmp_path: Path) -> None:
    store = VersionedDir(tmp_path)
    assert store.current() is None and store.names() == []
    names = [store.build(_fill(str(i)), keep=3) for i in range(5)]
    assert store.current() == names[-1]
    assert (tmp_path / "CURRENT").read_text().strip() == names[-1]
    assert not (tmp_path / "current").exists()  # a pointer file, never a symlink
    assert store.names() == names[-3:]
    assert store.rollback() == names[-2]
    assert (store.current_path() / "data.txt").read_text() == "3"
    assert not (tmp_path / "staging").exists() or not any((tmp_path / "staging").iterdir())


def test_a_failed_build_publishes_nothing(tmp_path: Path) -> None:
    store = VersionedDir(tmp_path)
    good = store.build(_fill("good"))

    def broken(folder: Path) -> None:
        (folder / "half").write_text("x")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        store.build(broken)
    assert store.current() == good and store.names() == [good]
    with pytest.raises(ArtifactError):
        store.set_current("v-nope")


def test_lock_excludes_another_process(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from bot.artifacts import VersionedDir
            with VersionedDir({str(tmp_path)!r}).lock():
                print("locked", flush=True)
                time.sleep(3)
        """),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(LockTimeout):
            with VersionedDir(tmp_path).lock(timeout_s=0.3):
                pass
    finally:
        holder.wait(timeout=30)
    with VersionedDir(tmp_path).lock(timeout_s=5):  # free again once the holder is gone
        pass


def test_concurrent_publishers_in_two_processes_leave_no_orphans(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        from pathlib import Path
        from bot.artifacts import VersionedDir
        store = VersionedDir({str(tmp_path)!r})
        for i in range(15):
            def fill(folder):
                for j in range(20):
                    (folder / f"f{{j}}.txt").write_text(str(j) * 1000)
            store.build(fill, keep=4)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script], cwd=REPO) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    store = VersionedDir(tmp_path)
    assert len(store.names()) == 4 and store.current() == store.names()[-1]
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == store.names()
    assert all(len(list(store.path(n).iterdir())) == 20 for n in store.names())


def test_a_build_that_finishes_last_is_named_last(tmp_path: Path) -> None:
    # the outer build starts first but publishes after the inner one: the newest publish must sort last,
    # or `previous`/rollback and pruning would work on the wrong order (a fresh-clone CI run kept 5 of 4)
    store = VersionedDir(tmp_path)
    inner: list[str] = []

    def outer_fill(folder: Path) -> None:
        (folder / "a.txt").write_text("outer")
        inner.append(store.build(lambda f: (f / "a.txt").write_text("inner")))

    outer = store.build(outer_fill, keep=4)
    assert store.names() == [inner[0], outer]
    assert store.current() == outer and store.previous() == inner[0]


def test_an_old_symlinked_home_is_migrated_on_read(tmp_path: Path) -> None:
    # the recommender's old layout: versions/<name>/ plus a `current` symlink
    root = tmp_path / "recommend"
    (root / "versions" / "20250101T000000.000001-abc").mkdir(parents=True)
    (root / "versions" / "20250101T000000.000001-abc" / "model.json").write_text("{}")
    os.symlink(Path("versions") / "20250101T000000.000001-abc", root / "current", target_is_directory=True)
    store = VersionedDir(root)
    assert store.current() == "20250101T000000.000001-abc"
    assert not (root / "current").is_symlink() and (root / "CURRENT").is_file()


def test_old_intent_layout_and_a_cp_r_copy_keep_working(tmp_path: Path) -> None:
    # the intent model's old layout: <root>/v*/ beside a `current` symlink ...
    root = tmp_path / "home" / "intent"
    for name in ("v20250101-000000-000001", "v20250102-000000-000001"):
        (root / name).mkdir(parents=True)
        (root / name / "meta.json").write_text(name)
    os.symlink("v20250102-000000-000001", root / "current", target_is_directory=True)
    # ... copied with `cp -r`, which turns the symlink into a real folder
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "home", copy, symlinks=False)
    assert (copy / "intent" / "current").is_dir() and not (copy / "intent" / "current").is_symlink()
    for home in (root, copy / "intent"):
        path = model_store.current(home)
        assert path is not None and (path / "meta.json").read_text() == "v20250102-000000-000001"
        assert not (home / "current").exists() and (home / "CURRENT").is_file()
        model_store.build_version(home, lambda p: (p / "meta.json").write_text("new"), keep=2)
        assert (model_store.current(home) / "meta.json").read_text() == "new"
