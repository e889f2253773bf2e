"""The instruction check's memo kept on disk, so a restarted server's first reload checks only changed documents.

`sources._visible` remembers, by a digest of each document's title and text, what the hidden-markup strip and the
instruction check (`bot.kb.hidden`) made of it. In a fresh process that memo is empty, so the first reload at
50,000 products checked every product's sentences again (about 17-20 s of an 83 s reload at load 13). The build
loads the memo from the knowledge base's cache folder when the process has none, and writes it back when a build
added entries. The file names the checker it came from (a digest of the modules that decide), so a release that
changes the check never reuses an older verdict.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from bot.kb import hidden, sources

log = logging.getLogger(__name__)

FILE = "visible-memo.json"
_saved_size = [0]  # the memo's size when last loaded or written (a build that added nothing writes nothing)


def checker_digest() -> str:
    """A digest of the code whose verdicts the memo holds (the strip, the instruction check, the memo's reader)."""
    from bot.core import promises

    h = hashlib.blake2b(digest_size=16)
    for module in (hidden, promises, sources):
        h.update(Path(str(module.__file__)).read_bytes())
    return h.hexdigest()


def load(folder: Path) -> int:
    """Fill an empty in-process memo from `folder`; the entries read (0: none, unreadable or another checker's)."""
    path = folder / FILE
    if sources.VISIBLE_MEMO or not path.is_file():
        return 0
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("checker") != checker_digest():
            return 0
        entries = {bytes.fromhex(k): (v[0], v[1], tuple(str(x) for x in v[2])) for k, v in data["entries"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.warning("instruction-check memo %s not read (%s): every document is checked again", path, exc)
        return 0
    sources.VISIBLE_MEMO.update(entries)
    _saved_size[0] = len(sources.VISIBLE_MEMO)
    return len(entries)


def save(folder: Path) -> bool:
    """Write the memo to `folder` (atomically) when it grew since it was loaded or last written."""
    memo = sources.VISIBLE_MEMO
    if not memo or len(memo) == _saved_size[0]:
        return False
    entries = {k.hex(): [v[0], v[1], list(v[2])] for k, v in list(memo.items())}
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{FILE}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"checker": checker_digest(), "entries": entries}), encoding="utf-8")
    os.replace(tmp, folder / FILE)
    _saved_size[0] = len(entries)
    return True
