"""Knowledge-base versions: the shared versioned-artifact folder (bot/artifacts.py) with KB manifests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.artifacts import ArtifactError, VersionedDir
from bot.errors import KnowledgeBaseError


class VersionStore(VersionedDir):
    """`root/versions/<version>/` holds each build (complete when it has manifest.json); `root/CURRENT` names the live one."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, is_complete=lambda p: (p / "manifest.json").exists())

    def manifest(self, name: str) -> dict[str, Any]:
        """A version's manifest.json."""
        return json.loads((self.versions_dir / name / "manifest.json").read_text(encoding="utf-8"))

    def set_current(self, name: str) -> None:
        """Swap the pointer atomically; an unknown version is a KnowledgeBaseError."""
        try:
            super().set_current(name)
        except ArtifactError as exc:
            raise KnowledgeBaseError(f"no knowledge-base version {name!r}") from exc
