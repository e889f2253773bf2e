"""Versioned intent model folders with an atomically swapped `current` link."""

from __future__ import annotations

import pytest

from bot.nlu import model_store


def _write(version) -> None:
    (version / "meta.json").write_text(version.name)


def test_publish_points_current_at_the_newest_version(tmp_path) -> None:
    assert model_store.current(tmp_path) is None
    first = model_store.build_version(tmp_path, _write)
    assert model_store.current(tmp_path) == first.resolve()
    second = model_store.build_version(tmp_path, _write)
    assert second != first
    assert model_store.current(tmp_path) == second.resolve()
    assert (tmp_path / "current" / "meta.json").read_text() == second.name


def test_old_versions_are_pruned(tmp_path) -> None:
    versions = [model_store.build_version(tmp_path, _write, keep=2) for _ in range(4)]
    assert sorted(p.name for p in tmp_path.glob("v*")) == sorted(v.name for v in versions[-2:])


def test_a_failed_build_leaves_current_alone(tmp_path) -> None:
    good = model_store.build_version(tmp_path, _write)

    def broken(version) -> None:
        (version / "half").write_text("x")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        model_store.build_version(tmp_path, broken)
    assert model_store.current(tmp_path) == good.resolve()
    assert [p.name for p in tmp_path.glob("v*")] == [good.name]
