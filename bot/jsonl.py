"""Read JSON Lines files with errors that name the file, the line and the reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.errors import DataFileError


def read_jsonl(path: str | Path, *, required: tuple[str, ...] = (), allow_empty: bool = False) -> list[dict[str, Any]]:
    """One JSON object per line (blank lines skipped); each must have the `required` fields."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(str(path), "file not found") from None
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), "not valid UTF-8 text", line=raw[: exc.start].count(b"\n") + 1) from None
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(str(path), f"invalid JSON ({exc.msg})", line=lineno) from None
        if not isinstance(row, dict):
            raise DataFileError(str(path), "each line must be a JSON object", line=lineno)
        missing = [f for f in required if f not in row]
        if missing:
            raise DataFileError(str(path), f"missing field(s) {', '.join(missing)}", line=lineno)
        rows.append(row)
    if not rows and not allow_empty:
        raise DataFileError(str(path), "file has no records")
    return rows
