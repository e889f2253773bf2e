"""Read knowledge-base source files (Markdown, text, CSV, JSON, JSONL) into documents."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.domain import Passage
from bot.errors import KnowledgeBaseError, SourceFileError
from bot.kb.hidden import instruction_sentences, strip_hidden

SUFFIXES = {".md", ".markdown", ".txt", ".csv", ".json", ".jsonl"}
MAX_FILE_BYTES = 20 * 1024 * 1024  # a page of prose (.md, .txt, .json)
# One record per line (a catalog export): a 50,000-product catalog is about 35 MB as JSON lines.
MAX_RECORDS_FILE_BYTES = 256 * 1024 * 1024
PRODUCT_FIELDS = ("name", "brand", "category", "description", "price")


@dataclass(slots=True)
class Document:
    """One knowledge-base document before chunking (a page, an FAQ, a product)."""

    doc_id: str
    title: str
    source: str
    text: str
    kind: str = "page"  # page | product | record
    metadata: dict[str, Any] = field(default_factory=dict)
    instructions: list[str] = field(
        default_factory=list
    )  # visible sentences aimed at the assistant (flagged, never quoted)
    # a JSON-lines record's `record_key` (a product with no flagged sentence): the next build may reuse its chunk
    line_key: bytes | None = None
    chunks: list[Passage] | None = None  # an earlier version's chunks of this very line, taken as they are


def iter_source_files(root: Path) -> Iterator[Path]:
    """Source files below root, sorted; folders and files starting with '_' or '.' are skipped."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        if (
            path.is_file()
            and path.suffix.lower() in SUFFIXES
            and path.name.lower() not in {"readme.md", "attribution.md"}
        ):
            yield path


def fingerprint(root: Path) -> str:
    """A hash of every source file's name and bytes: equal fingerprints mean nothing changed."""
    h = hashlib.sha256()
    for path in iter_source_files(root):
        h.update(str(path.relative_to(root)).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def load_documents(root: Path, *, known: Mapping[bytes, Passage] | None = None) -> list[Document]:
    """Read every source file under root; the first bad file raises SourceFileError.

    `known`: an earlier version's chunks by `record_key`; a JSON-lines record whose line is among them is that
    chunk (not parsed, rendered or checked again: at 50,000 products that was a third of a reload)."""
    if not root.exists():
        raise KnowledgeBaseError(f"knowledge directory {root} does not exist")
    if not root.is_dir():
        raise KnowledgeBaseError(f"knowledge path {root} is not a directory")
    docs: list[Document] = []
    for path in iter_source_files(root):
        docs.extend(load_file(path, rel=str(path.relative_to(root)), known=known))
    if not docs:
        raise KnowledgeBaseError(
            f"knowledge directory {root} has no documents (expected .md, .txt, .csv, .json or .jsonl files)"
        )
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.doc_id in seen:
            raise SourceFileError(doc.source, f"duplicate document id {doc.doc_id!r} (also in {seen[doc.doc_id]})")
        seen[doc.doc_id] = doc.source
    return docs


def _read_text(path: Path, rel: str) -> str:
    try:
        size = path.stat().st_size
        limit = MAX_RECORDS_FILE_BYTES if path.suffix.lower() in {".jsonl", ".csv"} else MAX_FILE_BYTES
        if size > limit:
            raise SourceFileError(
                rel, f"file is too large ({size // 1024 // 1024} MB; the limit is {limit // 1024 // 1024} MB)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceFileError(rel, f"cannot read file ({exc.strerror or exc})") from exc
    if b"\x00" in raw[:8192]:
        raise SourceFileError(rel, "file looks binary (it contains NUL bytes); knowledge files must be UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceFileError(rel, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line) from exc
    if not text.strip():
        raise SourceFileError(rel, "file is empty")
    return text


def load_file(path: Path, *, rel: str | None = None, known: Mapping[bytes, Passage] | None = None) -> list[Document]:
    """Parse one source file by its suffix; hidden markup is stripped and instruction-like sentences are flagged."""
    rel = rel or path.name
    if path.suffix.lower() == ".jsonl":
        return _jsonl_documents(_read_text(path, rel), rel, known or {})
    return [_visible(doc) for doc in _parse(_read_text(path, rel), rel, path.suffix.lower())]


def record_key(rel: str, line: str) -> bytes:
    """A JSON-lines record's identity for reuse: its file and the line's exact text."""
    return hashlib.blake2b(f"{rel}\x00{line}".encode(), digest_size=16).digest()


def _jsonl_documents(text: str, rel: str, known: Mapping[bytes, Passage]) -> list[Document]:
    """A JSON-lines file's documents, line by line; a line an earlier version read is its chunk (`known`)."""
    docs = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        key = record_key(rel, line)
        chunk = known.get(key)
        if chunk is not None:
            docs.append(Document(chunk.doc_id, chunk.title, rel, chunk.text, "product", chunk.metadata,
                                 line_key=key, chunks=[chunk]))  # fmt: skip
            continue
        doc = _records(_jsonl_rows(line, rel, lineno), rel)[0]
        _visible_uncached(doc)  # not memoised: the version keeps the line's chunk by its key (the next reload's)
        if doc.kind == "product" and not doc.instructions:
            doc.line_key = key
        docs.append(doc)
    if not docs:
        raise SourceFileError(rel, "file has no records")
    return docs


def _parse(text: str, rel: str, suffix: str) -> list[Document]:
    if suffix in {".md", ".markdown"}:
        return [_markdown(text, rel)]
    if suffix == ".txt":
        return [Document(doc_id=_stem_id(rel), title=_title_from_name(rel), source=rel, text=text.strip())]
    if suffix == ".csv":
        return _records(_csv_rows(text, rel), rel)
    if suffix == ".jsonl":
        return _records(_jsonl_rows(text, rel), rel)
    return _records(_json_rows(text, rel), rel)


# _visible's results by a digest of (title, text), so a reload checks only the documents that changed (at 50,000
# products the sentence checks took most of a reload); emptied when full. Only changes are kept: None = as read.
VISIBLE_MEMO: dict[bytes, tuple[str | None, str | None, tuple[str, ...]]] = {}
VISIBLE_MEMO_MAX = 500_000


def _visible(doc: Document) -> Document:
    """Only what a reader of the page sees is shop information (issue 10 #11: comments carried planted instructions)."""
    key = hashlib.blake2b(f"{doc.title}\x00{doc.text}".encode(), digest_size=16).digest()
    memo = VISIBLE_MEMO.get(key)
    if memo is None:
        text, title = doc.text, doc.title
        _visible_uncached(doc)
        changed_text = doc.text if doc.text != text else None
        memo = (changed_text, doc.title if doc.title != title else None, tuple(doc.instructions))
        if len(VISIBLE_MEMO) >= VISIBLE_MEMO_MAX:
            VISIBLE_MEMO.clear()
        VISIBLE_MEMO[key] = memo
        return doc
    doc.text = memo[0] if memo[0] is not None else doc.text
    doc.title = memo[1] if memo[1] is not None else doc.title
    doc.instructions = list(memo[2])
    return doc


def _visible_uncached(doc: Document) -> None:
    doc.text = strip_hidden(doc.text).strip() or doc.text.strip()
    doc.title = strip_hidden(doc.title).strip() or doc.title
    doc.instructions = instruction_sentences(doc.text)
    for sentence in doc.instructions:  # withheld from the index (listed for staff on the KB page instead)
        doc.text = doc.text.replace(sentence, "")
    doc.text = doc.text.strip() or doc.title


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def parse_front_matter(text: str, rel: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (parsed with yaml.safe_load: lists, quoting, nesting) from the body."""
    m = _FRONT.match(text)
    if not m:
        if text.lstrip().startswith("---"):
            raise SourceFileError(rel, "front matter opened with '---' but never closed", line=1)
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceFileError(
            rel, f"front matter is not valid YAML ({problem})", line=mark.line + 2 if mark else None
        ) from None
    if meta is None:
        return {}, text[m.end() :]
    if not isinstance(meta, dict):
        raise SourceFileError(rel, "front matter must be 'key: value' lines (a YAML mapping)", line=2)
    return {str(k): _plain(v) for k, v in meta.items()}, text[m.end() :]


def _plain(value: Any) -> Any:
    """YAML dates and the like become text; lists and mappings keep their shape."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _markdown(text: str, rel: str) -> Document:
    meta, body = parse_front_matter(text, rel)
    if not body.strip():
        raise SourceFileError(rel, "document has front matter but no text")
    title = str(meta.get("title") or "")
    if not title:
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        title = heading.group(1).strip() if heading else _title_from_name(rel)
    doc_id = str(meta.get("id") or _stem_id(rel))
    return Document(doc_id=doc_id, title=title, source=rel, text=body.strip(), kind="page", metadata=meta)


def _csv_rows(text: str, rel: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or all(not (f or "").strip() for f in reader.fieldnames):
        raise SourceFileError(rel, "CSV has no header row", line=1)
    for row in reader:
        if None in row:
            raise SourceFileError(
                rel,
                f"row has {len(reader.fieldnames) + len(row[None])} fields, header has {len(reader.fieldnames)}",
                line=reader.line_num,
            )
        yield reader.line_num, {k.strip(): v for k, v in row.items() if k}


def _jsonl_rows(text: str, rel: str, first: int = 1) -> Iterator[tuple[int, dict[str, Any]]]:
    for lineno, line in enumerate(text.splitlines(), first):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceFileError(rel, f"invalid JSON ({exc.msg} at column {exc.colno})", line=lineno) from exc
        if not isinstance(obj, dict):
            raise SourceFileError(rel, "each JSONL line must be an object", line=lineno)
        yield lineno, obj


def _json_rows(text: str, rel: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFileError(rel, f"invalid JSON ({exc.msg} at column {exc.colno})", line=exc.lineno) from exc
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else [data]
    if not isinstance(data, list):
        raise SourceFileError(rel, "JSON must be an object or a list of objects")
    for i, obj in enumerate(data):
        if not isinstance(obj, dict):
            raise SourceFileError(rel, f"item {i} is not an object")
        yield i + 1, obj


def _records(rows: Iterator[tuple[int, dict[str, Any]]], rel: str) -> list[Document]:
    docs = []
    for lineno, row in rows:
        if "sku" in row:
            docs.append(_product(row, rel, lineno))
            continue
        text = row.get("text") or row.get("body") or row.get("answer") or row.get("content")
        if isinstance(text, list):
            text = "\n".join(str(t) for t in text)
        if not text or not str(text).strip():
            raise SourceFileError(rel, "record has no 'text' (or 'body'/'answer'/'content') field", line=lineno)
        doc_id = str(row.get("id") or f"{_stem_id(rel)}#{lineno}")
        title = str(row.get("title") or row.get("question") or "")
        meta = {k: v for k, v in row.items() if k not in {"id", "title", "text"}}
        docs.append(
            Document(doc_id=doc_id, title=title, source=rel, text=str(text).strip(), kind="record", metadata=meta)
        )
    if not docs:
        raise SourceFileError(rel, "file has no records")
    return docs


def _product(row: dict[str, Any], rel: str, lineno: int) -> Document:
    missing = [f for f in ("sku", "name") if not str(row.get(f) or "").strip()]
    if missing:
        raise SourceFileError(rel, f"product is missing {', '.join(missing)}", line=lineno)
    try:
        price = float(row.get("price") or 0)
    except (TypeError, ValueError) as exc:
        raise SourceFileError(
            rel, f"product {row['sku']}: price {row.get('price')!r} is not a number", line=lineno
        ) from exc
    meta = dict(row)
    meta["price"] = price
    stock = row.get("stock")
    if isinstance(stock, dict):
        meta["in_stock"] = bool(row.get("in_stock", any(int(v or 0) > 0 for v in stock.values())))
    elif stock not in (None, ""):
        meta["in_stock"] = bool(row.get("in_stock", float(stock) > 0))
    else:
        meta["in_stock"] = bool(row.get("in_stock", True))
    return Document(
        doc_id=f"product:{row['sku']}",
        title=str(row["name"]),
        source=rel,
        text=product_text(meta),
        kind="product",
        metadata=meta,
    )


def product_text(p: dict[str, Any]) -> str:
    """The product as readable text: what retrieval indexes and what the model may quote."""

    def listing(value: Any) -> str:
        return ", ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)

    lines = [f"{p.get('name')} by {p.get('brand', 'our store')} (SKU {p['sku']})."]
    if p.get("category"):
        lines.append(f"Category: {p['category']}.")
    if p.get("description"):
        lines.append(str(p["description"]).strip())
    lines.append(f"Price: {float(p.get('price') or 0):.2f} {p.get('currency', 'USD')}.")
    if p.get("sizes"):
        lines.append(f"Sizes: {listing(p['sizes'])}.")
    if p.get("colors"):
        lines.append(f"Colours: {listing(p['colors'])}.")
    if p.get("material"):
        lines.append(f"Material: {p['material']}.")
    stock = p.get("stock")
    if isinstance(stock, dict):
        have = [s for s, q in stock.items() if int(q or 0) > 0]
        lines.append(f"In stock in sizes: {', '.join(have)}." if have else "Currently out of stock.")
    else:
        lines.append("In stock." if p.get("in_stock", True) else "Currently out of stock.")
    if p.get("rating"):
        lines.append(f"Rating: {p['rating']} out of 5.")
    return " ".join(lines)


def product_embedding_text(p: dict[str, Any]) -> str:
    """The words of a product the dense index embeds: what it is, not its numbers.

    Name, brand, category, description, colours and material. The SKU, price, size list, per-size stock
    and rating stay in the chunk's text (BM25, filters, the reply's facts) but not in its vector: a
    cosine says nothing useful about "28, 29, 30, 31", and leaving them out makes a product about 40%
    fewer tokens to embed (the bulk of a 50,000-product build).
    """

    def listing(value: Any) -> str:
        return ", ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)

    name, brand = str(p.get("name") or ""), str(p.get("brand") or "")
    lines = [f"{name} by {brand}." if brand and brand.lower() not in name.lower() else f"{name}."]
    if p.get("category"):
        lines.append(f"Category: {p['category']}.")
    if p.get("description"):
        lines.append(str(p["description"]).strip())
    if p.get("colors"):
        lines.append(f"Colours: {listing(p['colors'])}.")
    if p.get("material"):
        lines.append(f"Material: {p['material']}.")
    return " ".join(lines)


def _stem_id(rel: str) -> str:
    return re.sub(r"\.[^.]+$", "", rel).replace("\\", "/")


def _title_from_name(rel: str) -> str:
    return Path(rel).stem.replace("_", " ").replace("-", " ").strip().capitalize()
