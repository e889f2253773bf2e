"""Versioned recommender artifacts: each training writes a new folder, then `current` is swapped atomically."""

from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from pathlib import Path

from bot.errors import ModelError
from bot.recommend.mf import MFModel

log = logging.getLogger(__name__)


def publish(model: MFModel, root: str | Path, *, keep: int = 3) -> Path:
    """Save the model as root/versions/<stamp>, point root/current at it (atomic rename), prune old versions."""
    root = Path(root)
    versions = root / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    now = time.time_ns()
    name = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now / 1e9)) + f".{now // 1000 % 1_000_000:06d}-{uuid.uuid4().hex[:6]}"
    tmp = versions / f".{name}.tmp"
    model.save(tmp)
    final = versions / name
    tmp.rename(final)
    link = root / f".current-{uuid.uuid4().hex[:6]}"
    os.symlink(Path("versions") / name, link, target_is_directory=True)
    os.replace(link, root / "current")  # readers see either the old or the new version, never half of one
    log.info("published recommender version %s", final)
    _prune(versions, keep=keep, protect=final)
    return final


def _prune(versions: Path, *, keep: int, protect: Path) -> None:
    done = sorted((p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in done[:-keep] if keep > 0 else []:
        if old != protect:
            shutil.rmtree(old, ignore_errors=True)


def current(root: str | Path) -> Path:
    """The folder `root/current` points at, or a clear error when nothing was trained yet."""
    path = Path(root) / "current"
    if not path.exists():
        raise ModelError(f"no trained recommender under {root} (run `shopbot recommend train`)")
    return path.resolve()


def load_current(root: str | Path) -> MFModel:
    """Load the current version under root."""
    return MFModel.load(current(root))
