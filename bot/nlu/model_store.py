"""Versioned model folders: `<root>/v<timestamp>/` plus a `current` symlink swapped atomically."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from bot.errors import ModelError

log = logging.getLogger(__name__)

CURRENT = "current"


def new_version_dir(root: Path) -> Path:
    """A fresh, empty `v<UTC timestamp with microseconds>` folder under root; names sort by age."""
    root.mkdir(parents=True, exist_ok=True)
    for _ in range(1000):
        now = time.time()
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now)) + f"-{int(now * 1e6) % 1_000_000:06d}"
        path = root / f"v{stamp}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            time.sleep(1e-5)
    raise ModelError(f"cannot create a new version folder under {root}")


def publish(root: Path, version: Path, *, keep: int = 3) -> Path:
    """Point `<root>/current` at `version` atomically, then delete all but the newest `keep` versions."""
    link = root / CURRENT
    tmp = root / f".{CURRENT}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(version.name, target_is_directory=True)  # relative, so the root can be moved
    os.replace(tmp, link)
    log.info("intent model %s is now current", version)
    versions = sorted(p for p in root.glob("v*") if p.is_dir() and not p.is_symlink())
    for old in versions[:-keep] if keep > 0 else []:
        if old.resolve() != version.resolve():
            shutil.rmtree(old, ignore_errors=True)
    return link


def current(root: Path) -> Path | None:
    """The folder `<root>/current` points at, or None when nothing was published yet."""
    link = root / CURRENT
    if not link.exists():
        return None
    return link.resolve()


def build_version(root: Path, build: Callable[[Path], None], *, keep: int = 3) -> Path:
    """Build into a new version folder and publish it; a failed build leaves `current` untouched."""
    version = new_version_dir(root)
    try:
        build(version)
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    publish(root, version, keep=keep)
    return version
