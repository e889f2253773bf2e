"""Versioned artifacts: a folder per version plus a pointer file, for the knowledge base and the models.

Layout under a root:
    versions/<name>/     one complete version each (never modified after publish)
    staging/<name>-<pid>/  a build in progress, invisible to readers
    CURRENT              a text file naming the live version (swapped with one rename, no symlinks)
    .lock                an fcntl lock file: one builder/publisher at a time, across processes

Publishing renames a finished staging folder into versions/, then rewrites CURRENT through a temporary
file and `os.replace`, so a reader sees the old version or the new one, never half of one. Homes made
before this module used a `current` symlink (or a folder, after `cp -r`); they are migrated on first read.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.errors import ShopbotError

log = logging.getLogger(__name__)

POINTER = "CURRENT"
LEGACY_LINK = "current"


class ArtifactError(ShopbotError):
    """A versioned artifact folder cannot be read or published."""


class LockTimeout(ArtifactError):
    """Another process holds the artifact lock for too long."""


_local_locks: dict[str, threading.RLock] = {}
_local_guard = threading.Lock()
_held = threading.local()


def _thread_lock(path: Path) -> threading.RLock:
    with _local_guard:
        return _local_locks.setdefault(str(path), threading.RLock())


class VersionedDir:
    """One artifact root: `versions/<name>/` plus a `CURRENT` pointer file, with an inter-process lock."""

    def __init__(
        self, root: Path | str, *, is_complete: Callable[[Path], bool] | None = None, legacy_flat: bool = False
    ) -> None:
        self.root = Path(root)
        self.versions_dir = self.root / "versions"
        self._is_complete = is_complete or (lambda p: True)
        self._legacy_flat = legacy_flat  # old intent layout: <root>/v*/ beside a `current` link

    # ------------------------------------------------------------------ locking
    @contextlib.contextmanager
    def lock(self, *, timeout_s: float | None = 600.0) -> Iterator[None]:
        """Hold the root's lock (a flock on `.lock`); re-entrant within a thread, exclusive across processes."""
        self.root.mkdir(parents=True, exist_ok=True)
        key = str(self.root.resolve())
        depth: dict[str, int] = getattr(_held, "depth", None) or {}
        _held.depth = depth
        if depth.get(key):
            depth[key] += 1
            try:
                yield
            finally:
                depth[key] -= 1
            return
        tlock = _thread_lock(Path(key))
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        if not tlock.acquire(timeout=-1 if timeout_s is None else timeout_s):
            raise LockTimeout(f"{self.root} is locked by another build in this process")
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() > deadline:
                        raise LockTimeout(
                            f"{self.root} is locked by another process (a build or publish is running)"
                        ) from None
                    time.sleep(0.05)
            depth[key] = 1
            try:
                yield
            finally:
                depth.pop(key, None)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
            tlock.release()

    # ------------------------------------------------------------------ reading
    @staticmethod
    def new_name() -> str:
        """A sortable, unique version name."""
        return "v" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:4]

    def names(self) -> list[str]:
        """Published versions, oldest first."""
        self._migrate()
        if not self.versions_dir.is_dir():
            return []
        return sorted(
            p.name
            for p in self.versions_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".") and self._is_complete(p)
        )

    def path(self, name: str) -> Path:
        """The folder of one version."""
        return self.versions_dir / name

    def current(self) -> str | None:
        """The live version's name, or None before the first publish."""
        self._migrate()
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if (
            not name
            or "/" in name
            or not (self.versions_dir / name).is_dir()
            or not self._is_complete(self.versions_dir / name)
        ):
            return None
        return name

    def current_path(self) -> Path | None:
        """The live version's folder, or None."""
        name = self.current()
        return self.path(name) if name else None

    def previous(self) -> str | None:
        """The version published before the current one (the rollback target)."""
        names, cur = self.names(), self.current()
        if cur is None or cur not in names:
            return None
        pos = names.index(cur)
        return names[pos - 1] if pos > 0 else None

    # ------------------------------------------------------------------ writing
    def staging_dir(self, name: str | None = None) -> Path:
        """A fresh private folder to build into (published later by `publish`)."""
        name = name or self.new_name()
        path = self.root / "staging" / f"{name}.{os.getpid()}.{uuid.uuid4().hex[:6]}"
        path.mkdir(parents=True, exist_ok=False)
        return path

    def publish(
        self, staging: Path, *, name: str | None = None, make_current: bool = True, keep: int | None = None
    ) -> str:
        """Move a finished staging folder into versions/ and (by default) point CURRENT at it; returns its name."""
        name = name or staging.name.split(".")[0]
        with self.lock():
            self.versions_dir.mkdir(parents=True, exist_ok=True)
            final = self.versions_dir / name
            if final.exists():
                raise ArtifactError(f"version {name} already exists under {self.root}")
            _fsync_tree(staging)
            os.replace(staging, final)
            _fsync_dir(self.versions_dir)
            if make_current:
                self.set_current(name)
            if keep is not None:
                self.prune(keep=keep)
        log.info("published %s/%s", self.root, name)
        return name

    def build(self, fill: Callable[[Path], object], *, keep: int | None = None, make_current: bool = True) -> str:
        """Build a version with `fill(folder)` and publish it; a failed build leaves CURRENT and versions/ untouched."""
        staging = self.staging_dir()
        try:
            fill(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        with self.lock():
            # named under the lock, after every version already published: two builders in different
            # processes may finish in either order, and the newest publish must also sort last
            name = self._next_name()
            return self.publish(staging, name=name, make_current=make_current, keep=keep)

    def _next_name(self) -> str:
        """A fresh version name that sorts after every published one (caller holds the lock)."""
        name = self.new_name()
        existing = self.names()
        if existing and name <= existing[-1]:
            stamp = existing[-1][1:].split("-")[0]
            try:
                later = datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC) + timedelta(microseconds=1)
            except ValueError:  # a foreign name: fall back to a suffix that sorts after it
                return existing[-1] + "-" + uuid.uuid4().hex[:4]
            name = "v" + later.strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:4]
        return name

    def set_current(self, name: str) -> None:
        """Swap the pointer atomically (write a temporary file, fsync, rename over CURRENT)."""
        with self.lock():
            if not (self.versions_dir / name).is_dir():
                raise ArtifactError(f"no version {name!r} under {self.root}")
            tmp = self.root / f".{POINTER}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(name + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.root / POINTER)
            _fsync_dir(self.root)

    def rollback(self) -> str:
        """Point CURRENT at the version before it; returns that version's name."""
        with self.lock():
            target = self.previous()
            if target is None:
                raise ArtifactError(f"there is no earlier version under {self.root} to roll back to")
            self.set_current(target)
            return target

    def prune(self, *, keep: int) -> list[str]:
        """Delete the oldest versions beyond `keep` (never the current one or its predecessor) and stale staging folders."""
        removed = []
        with self.lock():
            names, cur = self.names(), self.current()
            protected = {cur, self.previous()} if keep > 1 else {cur}
            for name in names[: max(0, len(names) - keep)]:
                if name not in protected:
                    shutil.rmtree(self.versions_dir / name, ignore_errors=True)
                    removed.append(name)
            self._clean_staging()
        return removed

    def remove_all_but_current(self) -> list[str]:
        """Delete every version except the live one (erasure: old versions may hold erased data)."""
        with self.lock():
            cur = self.current()
            removed = [n for n in self.names() if n != cur]
            for name in removed:
                shutil.rmtree(self.versions_dir / name, ignore_errors=True)
            if self.versions_dir.is_dir():  # incomplete leftovers too
                for p in self.versions_dir.iterdir():
                    if p.name != cur:
                        shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
            self._clean_staging(all_=True)
            return removed

    def _clean_staging(self, *, all_: bool = False) -> None:
        """Staging folders of builds that died (their process is gone); ours in progress are kept."""
        staging = self.root / "staging"
        if not staging.is_dir():
            return
        for p in staging.iterdir():
            parts = p.name.split(".")
            pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
            if all_ or pid is None or not process_alive(pid):
                shutil.rmtree(p, ignore_errors=True)

    # ------------------------------------------------------------------ migration of older homes
    def _migrate(self) -> None:
        """Turn an old `current` symlink (or the folder `cp -r` made of it) into versions/ + CURRENT."""
        if not self._legacy():
            return
        with self.lock():
            if not self._legacy():
                return
            link = self.root / LEGACY_LINK
            self.versions_dir.mkdir(parents=True, exist_ok=True)
            target_name: str | None = None
            if link.is_symlink():
                target_name = Path(os.readlink(link)).name
                link.unlink()
            for old in self._flat_versions():  # old intent layout: <root>/v*/ -> <root>/versions/v*/
                dest = self.versions_dir / old.name
                if dest.exists():
                    shutil.rmtree(old)
                else:
                    os.replace(old, dest)
            if link.is_dir():  # `cp -r` copied the symlink as a real folder: keep its content as a version
                target_name = target_name or f"{self.new_name()}-migrated"
                dest = self.versions_dir / target_name
                if dest.exists():
                    shutil.rmtree(link)
                else:
                    os.replace(link, dest)
            if target_name and (self.versions_dir / target_name).is_dir():
                self.set_current(target_name)
            log.info("migrated %s to a CURRENT pointer file (current: %s)", self.root, target_name)

    def _flat_versions(self) -> list[Path]:
        if not self._legacy_flat or not self.root.is_dir():
            return []
        return sorted(p for p in self.root.glob("v*") if p.name != "versions" and p.is_dir() and not p.is_symlink())

    def _legacy(self) -> bool:
        link = self.root / LEGACY_LINK
        return link.is_symlink() or link.is_dir() or bool(self._flat_versions())


def process_alive(pid: int) -> bool:
    """True while a process with this id runs on this host (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(path: Path) -> None:
    """Flush a finished build to disk before it becomes visible (a crash must not publish empty files)."""
    for dirpath, _dirs, files in os.walk(path):
        for f in files:
            with contextlib.suppress(OSError):
                fd = os.open(os.path.join(dirpath, f), os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        _fsync_dir(Path(dirpath))
