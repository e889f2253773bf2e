"""The tuned copy adapter (from `shopbot llm tune --task copy`): a folder per version under <home>/models/copy, a CURRENT pointer.

Generation uses it when the backend is the local model and a version is current; `shopbot llm rollback --task copy`
moves the pointer back (or to none, the base model).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
_cache: dict[str, Any] = {}
_lock = threading.Lock()


def copy_root(settings: Any) -> Path:
    """Where copy adapters live."""
    return Path(settings.models_dir) / "copy"


def versions(root: Path) -> list[str]:
    """Adapter versions on disk, oldest first."""
    folder = root / "versions"
    return (
        sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")) if folder.is_dir() else []
    )


def current(root: Path) -> str | None:
    """The version CURRENT names, or None (the base model)."""
    pointer = root / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return name if name and (root / "versions" / name).is_dir() else None


def set_current(root: Path, name: str | None) -> None:
    """Point CURRENT at a version (None: the base model), atomically."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".CURRENT.{os.getpid()}"
    tmp.write_text(name or "", encoding="utf-8")
    os.replace(tmp, root / "CURRENT")


def rollback(root: Path) -> str | None:
    """Point CURRENT at the version before it (or the base model); returns the new current."""
    names = versions(root)
    now = current(root)
    if now is None:
        return None
    idx = names.index(now)
    new = names[idx - 1] if idx > 0 else None
    set_current(root, new)
    return new


def info(root: Path, name: str) -> dict[str, Any]:
    """The metrics a tuning run wrote next to its adapter."""
    path = root / "versions" / name / "metrics.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def tuned_generate(settings: Any) -> Any:
    """A (system, user, grounding) -> text function over the local model plus the current copy adapter, or None."""
    if settings.llm_backend != "local":
        return None
    root = copy_root(settings)
    name = current(root)
    if name is None:
        return None
    from bot.campaigns.tune import AdapterGenerator

    key = str(root / "versions" / name)
    with _lock:
        if key not in _cache:
            _cache[key] = AdapterGenerator(settings, Path(key))
    log.info("copy generation uses the tuned adapter %s", name)
    return _cache[key].generate
