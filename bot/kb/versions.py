"""Versioned index directories with an atomically swapped CURRENT pointer."""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeBaseError

log = logging.getLogger(__name__)


class VersionStore:
    """`root/versions/<version>/` holds each build; `root/CURRENT` names the live one."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions_dir = root / "versions"

    @staticmethod
    def new_name() -> str:
        """A sortable, unique version name."""
        return "v" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")

    def staging_dir(self, name: str) -> Path:
        """Where a build writes before it is published (invisible to readers)."""
        path = self.root / "staging" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def publish(self, staging: Path) -> Path:
        """Move a finished build into versions/ (one rename) and return its final path."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        final = self.versions_dir / staging.name
        os.replace(staging, final)
        return final

    def names(self) -> list[str]:
        """Published versions, oldest first."""
        if not self.versions_dir.exists():
            return []
        return sorted(p.name for p in self.versions_dir.iterdir() if (p / "manifest.json").exists())

    def manifest(self, name: str) -> dict[str, Any]:
        """A version's manifest.json."""
        return json.loads((self.versions_dir / name / "manifest.json").read_text(encoding="utf-8"))

    def current(self) -> str | None:
        """The live version's name, or None before the first build."""
        pointer = self.root / "CURRENT"
        if not pointer.exists():
            return None
        name = pointer.read_text(encoding="utf-8").strip()
        return name if name in self.names() else None

    def set_current(self, name: str) -> None:
        """Swap the pointer atomically (write a temp file, then rename over CURRENT)."""
        if name not in self.names():
            raise KnowledgeBaseError(f"no knowledge-base version {name!r}")
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(name + "\n", encoding="utf-8")
        os.replace(tmp, self.root / "CURRENT")

    def previous(self) -> str | None:
        """The version published before the current one (the rollback target)."""
        names, cur = self.names(), self.current()
        if cur is None or cur not in names:
            return None
        pos = names.index(cur)
        return names[pos - 1] if pos > 0 else None

    def prune(self, *, keep: int) -> list[str]:
        """Delete the oldest versions beyond `keep`, never the current or its predecessor."""
        names, protected = self.names(), {self.current(), self.previous()}
        removed = []
        for name in names[: max(0, len(names) - keep)]:
            if name not in protected:
                shutil.rmtree(self.versions_dir / name, ignore_errors=True)
                removed.append(name)
        staging = self.root / "staging"
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        return removed
