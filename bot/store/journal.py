"""The delivery journal behind the Telegram outbox: `<database>-delivered`, one line per step of a send.

"s ID" before a reply's first part goes out, "p ID N" once the channel confirmed part N, "ID" once it confirmed
the whole reply. Each note is one append on the caller's thread, with no database lock and no fsync: it must
follow the channel's answer at once (the time between the two is the window in which a crash makes us send
a reply twice), and the page cache keeps it through a process crash. `Store.apply_delivery_journal` folds
the notes into the database.

With PostgreSQL several workers share one home folder, so each process writes its own file,
`<home>/postgresql-delivered.<pid>`: a worker that restarts after a kill -9 folds in the files of processes that
are gone (claimed with a rename, so two restarting workers never fold the same file), never a live worker's,
whose sends in flight are not interrupted and whose notes must not be dropped by someone else's truncate.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field


@dataclass(slots=True)
class JournalNotes:
    """What the journal says: replies delivered, replies whose send began unconfirmed, confirmed parts."""

    delivered: set[int] = field(default_factory=set)
    in_flight: set[int] = field(default_factory=set)
    parts: dict[int, int] = field(default_factory=dict)  # reply id -> how many leading parts were confirmed
    folded: list[str] = field(default_factory=list)  # dead workers' journals read here: delete once stored


class DeliveryJournal:
    """Append-only notes next to the database (none for an in-memory database)."""

    def __init__(self, db_path: str, *, per_process: bool = False) -> None:
        self.base = None if db_path == ":memory:" else db_path + "-delivered"
        self.per_process = per_process
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._fd_pid = 0

    @property
    def path(self) -> str | None:
        """This process's journal file (the pid is read each time: a forked worker gets its own)."""
        return self.base if self.base is None or not self.per_process else f"{self.base}.{os.getpid()}"

    def _write(self, line: str) -> None:
        if self.path is None:
            return
        with self._lock:
            if self._fd is None or self._fd_pid != os.getpid():
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                self._fd_pid = os.getpid()
            os.write(self._fd, f"{line}\n".encode())

    def note_sending(self, message_id: int) -> None:
        """A reply is about to go out (left without its delivery note by a crash, it was in flight)."""
        self._write(f"s {int(message_id)}")

    def note_part_sent(self, message_id: int, part: int) -> None:
        """The channel confirmed part `part` (0-based): a resend after a crash starts after it."""
        self._write(f"p {int(message_id)} {int(part)}")

    def note_delivered(self, message_id: int) -> None:
        """The channel confirmed the whole reply."""
        self._write(str(int(message_id)))

    def size(self) -> int:
        """Bytes in this process's journal."""
        path = self.path
        return os.path.getsize(path) if path is not None and os.path.exists(path) else 0

    def take(self, *, keep_in_flight: bool) -> JournalNotes:
        """Read every note and empty the journal; with `keep_in_flight`, notes of unfinished sends stay."""
        notes = JournalNotes()
        claimed = self._claim_dead() if self.per_process and not keep_in_flight else []
        path = self.path
        if path is None or not (os.path.exists(path) or claimed):
            return notes
        with self._lock:
            lines = []
            for name in ([path] if os.path.exists(path) else []) + claimed:
                with open(name, encoding="ascii", errors="ignore") as fh:
                    lines += [line.split() for line in fh.read().split("\n")]
            ok = [p for p in lines if _valid(p)]
            notes.folded = claimed
            notes.delivered = {int(p[0]) for p in ok if len(p) == 1}
            notes.in_flight = {int(p[1]) for p in ok if len(p) == 2 and p[0] == "s"} - notes.delivered
            for p in ok:
                if len(p) == 3 and p[0] == "p":
                    notes.parts[int(p[1])] = max(notes.parts.get(int(p[1]), 0), int(p[2]) + 1)
            if os.path.exists(path):
                os.truncate(path, 0)
            keep = [" ".join(p) for p in ok if len(p) > 1 and int(p[1]) not in notes.delivered]
            if keep_in_flight and keep:
                with open(path, "a", encoding="ascii") as fh:
                    fh.write("\n".join(keep) + "\n")
        return notes

    def _claim_dead(self) -> list[str]:
        """Journals of processes that are gone, renamed to ours-being-folded (the rename is the claim); their paths."""
        if self.base is None:
            return []
        folder, prefix = os.path.split(self.base)
        claimed: list[str] = []
        for name in sorted(os.listdir(folder or ".")):
            rest = name[len(prefix) + 1 :] if name.startswith(prefix + ".") else ""
            pid = rest.split(".")[0]
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue
            target = os.path.join(folder, f"{prefix}.{os.getpid()}.folding.{pid}.{len(claimed)}")
            try:
                os.rename(os.path.join(folder, name), target)
            except FileNotFoundError:  # another restarting worker claimed it first
                continue
            claimed.append(target)
        return claimed

    def remove_folded(self, paths: list[str]) -> None:
        """Delete journals that were folded into the database."""
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)

    def close(self) -> None:
        """Close the file (a later note opens it again)."""
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _valid(note: list[str]) -> bool:
    """ "ID", "s ID" or "p ID N" (a torn last line from a crash mid-write is skipped)."""
    if not 1 <= len(note) <= 3:
        return False
    kind, numbers = ("d", note) if len(note) == 1 else (note[0], note[1:])
    return kind == {1: "d", 2: "s", 3: "p"}.get(len(note)) and all(n.isdigit() for n in numbers)
