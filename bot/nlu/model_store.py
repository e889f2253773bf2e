"""Versioned intent models: `<root>/versions/<name>/` plus a `CURRENT` pointer file (bot/artifacts.py).

Older homes kept `<root>/v<timestamp>/` folders beside a `current` symlink; they are migrated on first read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from bot.artifacts import VersionedDir

log = logging.getLogger(__name__)


def versions(root: Path) -> VersionedDir:
    """The intent model's versioned folder (a version is complete once it has meta.json)."""
    return VersionedDir(root, is_complete=lambda p: (p / "meta.json").exists(), legacy_flat=True)


def current(root: Path) -> Path | None:
    """The live model's folder, or None when nothing was published yet."""
    return versions(root).current_path()


def build_version(root: Path, build: Callable[[Path], None], *, keep: int = 3) -> Path:
    """Build into a new version folder and publish it; a failed build leaves CURRENT untouched."""
    store = versions(root)
    name = store.build(build, keep=keep)
    log.info("intent model %s is now current", name)
    return store.path(name)


def build_once(root: Path, build: Callable[[Path], None], *, keep: int = 3) -> Path:
    """Publish a first model unless another process did while we waited for the lock (first-start training)."""
    store = versions(root)
    with store.lock(timeout_s=None):
        existing = store.current_path()
        if existing is not None:
            return existing
        return build_version(root, build, keep=keep)
