"""The tuned copy adapter (from `shopbot llm tune --task copy`): versions under <home>/models/copy with a CURRENT pointer.

Copy generation uses the current version when the backend is the local model; `shopbot llm rollback --task copy` moves
the pointer back, `--to-base` removes it (the base model writes copy again).
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.artifacts import VersionedDir
    from bot.config import Settings

log = logging.getLogger(__name__)
_cache: dict[str, Any] = {}
_lock = threading.Lock()


def copy_root(settings: Settings) -> Path:
    """Where copy adapters live."""
    return Path(settings.models_dir) / "copy"


def store(settings: Settings) -> VersionedDir:
    """The versioned folder of copy adapters."""
    from bot.artifacts import VersionedDir

    return VersionedDir(copy_root(settings))


def to_base(settings: Settings) -> None:
    """Stop using any adapter: copy is written by the base model."""
    pointer = copy_root(settings) / "CURRENT"
    pointer.unlink(missing_ok=True)


def info(settings: Settings) -> list[dict[str, Any]]:
    """Every adapter version with its metrics, oldest first, and which one is current."""
    versions = store(settings)
    current = versions.current()
    out = []
    for name in versions.names():
        path = versions.path(name) / "metrics.json"
        metrics = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        out.append(
            {"version": name, "current": name == current, **{k: v for k, v in metrics.items() if k != "examples_after"}}
        )
    return out


def tuned_generate(settings: Settings) -> Callable[[str, str, str], str] | None:
    """A (system, user, grounding) -> text function over the local model plus the current copy adapter, or None."""
    if settings.llm_backend != "local":
        return None
    path = store(settings).current_path()
    if path is None:
        return None
    from bot.campaigns.tune import AdapterGenerator

    key = str(path)
    with _lock:
        if key not in _cache:
            _cache[key] = AdapterGenerator(settings, path)
    log.info("copy generation uses the tuned adapter %s", path.name)
    generator: AdapterGenerator = _cache[key]
    return generator.generate
