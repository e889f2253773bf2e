"""Versioned recommender artifacts: `root/versions/<name>/` plus a `CURRENT` pointer file (bot/artifacts.py).

Every publish first removes any customer whose erasure tombstone is given, so a model trained from an
old file or held in memory by another process can never bring an erased customer back.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path

from bot.artifacts import VersionedDir
from bot.errors import ModelError
from bot.recommend.mf import MFModel
from bot.tombstones import Tombstones, erased_among

log = logging.getLogger(__name__)


def versions(root: str | Path) -> VersionedDir:
    """The recommender's versioned folder (a version is complete once it has model.json)."""
    return VersionedDir(Path(root), is_complete=lambda p: (p / "model.json").exists())


def forget_users(model: MFModel, customer_ids: Collection[str]) -> list[str]:
    """Zero the factors and history of these customers and drop their ids from the model; returns those found."""
    found = []
    for customer_id in customer_ids:
        idx = model.user_index.pop(customer_id, None)
        if idx is None:
            continue
        model.P[idx] = 0.0
        model.bu[idx] = 0.0
        model._history[idx] = {}  # noqa: SLF001 - erasure must reach the stored history
        model.user_ids[idx] = f"erased-{idx}"
        model.user_index[model.user_ids[idx]] = idx
        found.append(customer_id)
    return found


def publish(model: MFModel, root: str | Path, *, keep: int = 3, erased: Tombstones | None = None) -> Path:
    """Save the model as a new version and make it current (atomic pointer swap), pruning old versions.

    `erased` holds erasure tombstones (bot.tombstones): those customers are removed before anything is written.
    """
    dropped = forget_users(model, erased_among(list(model.user_ids), erased))
    if dropped:
        log.warning("removed %d erased customer(s) from the recommender before publishing", len(dropped))
    store = versions(root)
    name = store.build(model.save, keep=keep)
    log.info("published recommender version %s", name)
    return store.path(name)


def current(root: str | Path) -> Path:
    """The live version's folder, or a clear error when nothing was trained yet."""
    path = versions(root).current_path()
    if path is None:
        raise ModelError(f"no trained recommender under {root} (run `shopbot recommend train`)")
    return path


def has_current(root: str | Path) -> bool:
    """Whether a recommender was published under root."""
    return versions(root).current_path() is not None


def load_current(root: str | Path) -> MFModel:
    """Load the current version under root."""
    return MFModel.load(current(root))
