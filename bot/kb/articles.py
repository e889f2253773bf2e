"""Knowledge articles as files: list, search, read, check and save one, then reload; a bad edit never goes live.

Saving writes the file into the knowledge folder atomically and runs the same reload `shopbot kb reload` runs.
The text is first parsed as the build parses it (front matter, UTF-8, hidden markup, instructions); if that or
the reload fails, the previous bytes are put back and the previous version keeps serving.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.errors import KnowledgeBaseError, SourceFileError
from bot.kb.hidden import strip_hidden
from bot.kb.sources import iter_source_files, load_file, parse_front_matter

EDITABLE = (".md", ".markdown", ".txt")
MAX_ARTICLE_BYTES = 200_000
_SAVE_LOCK = threading.Lock()  # one edit at a time per process (the reload itself also locks across processes)
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$")


class ArticleError(KnowledgeBaseError):
    """An edit was refused before it touched the knowledge folder (bad path, conflict, too large)."""


@dataclass(slots=True)
class Article:
    """One editable knowledge file."""

    path: str  # relative to the knowledge folder, with '/'
    title: str
    size: int
    sha: str
    snippet: str = ""


@dataclass(slots=True)
class SaveResult:
    """What a saved edit did."""

    path: str
    version: str
    unchanged: bool
    sha_before: str | None
    sha_after: str
    warnings: list[str] = field(default_factory=list)


def sha(data: bytes) -> str:
    """The short content hash an editor sends back to detect a concurrent change."""
    return hashlib.sha256(data).hexdigest()[:16]


def safe_path(root: Path, rel: str) -> Path:
    """The file `rel` names inside the knowledge folder; anything else (.., absolute, hidden, other types) is refused."""
    rel = rel.strip().replace("\\", "/")
    parts = [p for p in rel.split("/") if p]
    if not parts or rel.startswith("/") or any(not _SEGMENT.match(p) or p.endswith(".") for p in parts):
        raise ArticleError(
            f"{rel[:100]!r} is not a knowledge article path: use folders and a file name of letters, digits, '-', '_' "
            "or '.', not starting with '.' or '_'"
        )
    if not parts[-1].lower().endswith(EDITABLE):
        raise ArticleError(f"only Markdown or text articles can be edited here ({', '.join(EDITABLE)})")
    if parts[-1].lower() in {"readme.md", "attribution.md"}:
        raise ArticleError(f"{parts[-1]} describes the folder and is not part of the knowledge base")
    path = root.joinpath(*parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise ArticleError("that path leaves the knowledge folder")
    return path


def _title(path: Path, text: str, rel: str) -> str:
    try:
        meta, body = parse_front_matter(text, rel)
    except SourceFileError:
        return rel
    heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    return str(meta.get("title") or (heading.group(1).strip() if heading else path.stem.replace("-", " ")))


def list_articles(root: Path, query: str = "") -> list[Article]:
    """Markdown and text articles, sorted by path; with a query, those whose title, path or text contain every word."""
    words = [w for w in query.lower().split() if w][:10]
    out = []
    for path in iter_source_files(root):
        if path.suffix.lower() not in EDITABLE:
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        rel = path.relative_to(root).as_posix()
        title = _title(path, text, rel)
        haystack = f"{rel}\n{title}\n{text}".lower()
        if words and not all(w in haystack for w in words):
            continue
        out.append(
            Article(path=rel, title=title, size=len(data), sha=sha(data), snippet=_snippet(_body(text, rel), words))
        )
    return out


def _body(text: str, rel: str) -> str:
    """The text without its front matter and heading marks (what a snippet quotes)."""
    try:
        _, body = parse_front_matter(text, rel)
    except SourceFileError:
        body = text
    return re.sub(r"^#+\s*", "", body, flags=re.MULTILINE)


def _snippet(text: str, words: list[str]) -> str:
    if not words:
        return ""
    low = text.lower()
    at = min((low.find(w) for w in words if w in low), default=0)
    start = max(0, at - 60)
    return ("…" if start else "") + " ".join(text[start : at + 140].split()) + "…"


def read_article(root: Path, rel: str) -> tuple[str, str]:
    """(text, sha) of one article; ArticleError if it does not exist."""
    path = safe_path(root, rel)
    if not path.is_file():
        raise ArticleError(f"no article {rel!r}")
    data = path.read_bytes()
    return data.decode("utf-8", errors="replace"), sha(data)


def check_article(text: str, rel: str) -> list[str]:
    """Parse the text exactly as the build would; raises SourceFileError with the reason, else returns warnings."""
    data = text.encode("utf-8", errors="strict")
    if len(data) > MAX_ARTICLE_BYTES:
        raise SourceFileError(rel, f"article is too large ({len(data)} bytes; the limit is {MAX_ARTICLE_BYTES})")
    with tempfile.TemporaryDirectory(prefix="kb-check-") as tmp:
        probe = Path(tmp) / Path(rel).name
        probe.write_bytes(data)
        docs = load_file(probe, rel=rel)
    warnings = []
    instructions = [s for d in docs for s in d.instructions]
    if instructions:
        listed = "; ".join(f"“{s[:120]}”" for s in instructions[:5])
        warnings.append(
            f"{len(instructions)} sentence(s) read like instructions to the assistant and are withheld from the bot: {listed}"
        )
    if strip_hidden(text) != text:
        warnings.append(
            "Hidden markup (HTML comments or tags, hidden elements, invisible characters) was removed from what the bot reads."
        )
    return warnings


def save_article(
    root: Path,
    rel: str,
    text: str,
    *,
    reload: Callable[[], Any],
    expected_sha: str | None = None,
    create: bool = False,
) -> SaveResult:
    """Check, write atomically and reload; on any failure restore the previous bytes and raise (old version serves)."""
    path = safe_path(root, rel)
    rel = path.relative_to(root).as_posix()
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise SourceFileError(rel, "the article is empty")
    with _SAVE_LOCK:
        old = path.read_bytes() if path.is_file() else None
        if create and old is not None:
            raise ArticleError(f"{rel} already exists; open it to edit it")
        if not create and old is None:
            raise ArticleError(f"no article {rel!r}")
        if old is not None and expected_sha is not None and sha(old) != expected_sha:
            raise ArticleError(
                f"{rel} was changed by someone else since you opened it; reload the page and redo the edit"
            )
        warnings = check_article(text, rel)
        new = text.encode("utf-8")
        _write(path, new)
        try:
            result = reload()
        except (KnowledgeBaseError, OSError) as exc:
            _restore(path, old)
            raise exc if isinstance(exc, KnowledgeBaseError) else KnowledgeBaseError(str(exc)) from exc
        except BaseException:
            _restore(path, old)
            raise
    return SaveResult(
        path=rel,
        version=str(getattr(result, "version", "")),
        unchanged=bool(getattr(result, "unchanged", False)),
        sha_before=sha(old) if old is not None else None,
        sha_after=sha(new),
        warnings=warnings,
    )


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".edit-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _restore(path: Path, old: bytes | None) -> None:
    if old is None:
        path.unlink(missing_ok=True)
    else:
        _write(path, old)


def faq_markdown(question: str, answer: str, *, source: str) -> str:
    """A one-question FAQ article: the question as its title and heading, the answer as its body."""
    meta = {"title": question, "category": "faq", "tags": ["faq", "staff-answer"], "source": source}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000).strip()
    return f"---\n{front}\n---\n\n# {question}\n\n{answer.strip()}\n"


def slug(text: str, *, limit: int = 60) -> str:
    """A file-name-safe slug of a question."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "entry"
