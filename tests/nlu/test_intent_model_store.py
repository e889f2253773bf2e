"""Versioned intent model folders: versions/<name>/ plus a CURRENT pointer file (bot/artifacts.py)."""

from __future__ import annotations

import pytest

from bot.nlu import model_store


def _write(version) -> None:
    (version / "meta.json").write_text("x")


def test_publish_points_current_at_the_newest_version(tmp_path) -> None:
    assert model_store.current(tmp_path) is None
    first = model_store.build_version(tmp_path, _write)
    assert model_store.current(tmp_path) == first.resolve()
    second = model_store.build_version(tmp_path, _write)
    assert second != first
    assert model_store.current(tmp_path) == second.resolve()
    assert (tmp_path / "CURRENT").read_text().strip() == second.name
    assert not (tmp_path / "current").exists()


def test_old_versions_are_pruned(tmp_path) -> None:
    versions = [model_store.build_version(tmp_path, _write, keep=2) for _ in range(4)]
    assert sorted(p.name for p in (tmp_path / "versions").iterdir()) == sorted(v.name for v in versions[-2:])


def test_a_failed_build_leaves_current_alone(tmp_path) -> None:
    good = model_store.build_version(tmp_path, _write)

    def broken(version) -> None:
        (version / "half").write_text("x")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        model_store.build_version(tmp_path, broken)
    assert model_store.current(tmp_path) == good.resolve()
    assert [p.name for p in (tmp_path / "versions").iterdir()] == [good.name]


def test_first_start_training_happens_once(tmp_path) -> None:
    calls = []

    def build(version) -> None:
        calls.append(version)
        _write(version)

    first = model_store.build_once(tmp_path, build)
    again = model_store.build_once(tmp_path, build)
    assert first == again and len(calls) == 1
