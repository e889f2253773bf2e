"""Reading `sentence,label` CSV files of labelled utterances, with errors that name the file and line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ShopbotError


class IntentDataError(ShopbotError):
    """A file of labelled utterances is missing, empty or malformed."""


@dataclass(frozen=True, slots=True)
class LabelledRows:
    """Parallel lists of sentences and labels read from one file."""

    sentences: list[str]
    labels: list[str]

    def __len__(self) -> int:
        return len(self.sentences)


def read_intent_csv(
    path: Path | str, *, sentence_column: str = "sentence", label_column: str = "label"
) -> LabelledRows:
    """Read a UTF-8 CSV (a BOM is fine) whose header has a sentence and a label column."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise IntentDataError(f"{path}: no such file") from exc
    except OSError as exc:
        raise IntentDataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in raw[:4096]:
        raise IntentDataError(f"{path}: looks like a binary file, not a CSV of `{sentence_column},{label_column}` rows")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IntentDataError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from exc
    if not text.strip():
        raise IntentDataError(
            f"{path}: the file is empty; expected a header `{sentence_column},{label_column}` and rows"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise IntentDataError(f"{path}:1: malformed CSV header: {exc}") from exc
    missing = [c for c in (sentence_column, label_column) if c not in header]
    if missing:
        raise IntentDataError(
            f"{path}:1: missing column(s) {', '.join(missing)}; the header is {','.join(header)!r} "
            f"but must contain `{sentence_column}` and `{label_column}`"
        )
    s_col, l_col = header.index(sentence_column), header.index(label_column)
    sentences: list[str] = []
    labels: list[str] = []
    try:
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue
            line = reader.line_num
            if len(row) <= max(s_col, l_col):
                raise IntentDataError(
                    f"{path}:{line}: expected at least {max(s_col, l_col) + 1} fields, found {len(row)}"
                )
            sentence, label = row[s_col].strip(), row[l_col].strip()
            if not sentence or not label:
                raise IntentDataError(f"{path}:{line}: empty {'sentence' if not sentence else 'label'}")
            sentences.append(sentence)
            labels.append(label)
    except csv.Error as exc:
        raise IntentDataError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from exc
    if not sentences:
        raise IntentDataError(f"{path}: has a header but no rows")
    return LabelledRows(sentences, labels)


def write_intent_csv(path: Path | str, sentences: list[str], labels: list[str]) -> Path:
    """Write rows as a `sentence,label` CSV (UTF-8, no BOM)."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["sentence", "label"])
        writer.writerows(zip(sentences, labels, strict=True))
    return path
