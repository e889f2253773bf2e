"""Split documents into chunks that keep their title and headings (langchain-text-splitters)."""

from __future__ import annotations

import hashlib

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from bot.domain import Passage
from bot.kb.sources import Document

_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3")]


class Chunker:
    """Markdown is split by headings first, then long sections by characters; products stay whole."""

    def __init__(self, *, chunk_size: int = 800, chunk_overlap: int = 100) -> None:
        self._headers = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True)
        self._chars = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=chunk_overlap)

    def split(self, doc: Document) -> list[Passage]:
        """Chunk one document; every chunk's text starts with its title and section path."""
        if doc.chunks is not None:  # an unchanged record: an earlier version's chunks of the same line
            return doc.chunks
        if doc.kind == "product":
            return [self._passage(doc, 0, "", doc.text)]
        sections: list[tuple[str, str]] = []
        if doc.kind == "page":
            for part in self._headers.split_text(doc.text):
                path = [part.metadata[k] for k in ("h1", "h2", "h3") if part.metadata.get(k)]
                path = [p for p in path if p.strip().lower() != doc.title.strip().lower()]
                sections.append((" > ".join(path), part.page_content))
        else:
            sections.append(("", doc.text))
        passages: list[Passage] = []
        for heading, body in sections:
            for piece in self._chars.split_text(body):
                if piece.strip():
                    passages.append(self._passage(doc, len(passages), heading, piece))
        if not passages:
            passages.append(self._passage(doc, 0, "", doc.text))
        return passages

    @staticmethod
    def _passage(doc: Document, index: int, heading: str, body: str) -> Passage:
        header = doc.title if not heading else f"{doc.title} > {heading}" if doc.title else heading
        text = f"{header}\n{body.strip()}" if header and doc.kind != "product" else body.strip()
        meta = {k: v for k, v in doc.metadata.items() if isinstance(v, (str, int, float, bool, list, dict))}
        meta["kind"] = doc.kind
        if heading:
            meta["heading"] = heading
        return Passage(
            chunk_id=f"{doc.doc_id}::{index}",
            doc_id=doc.doc_id,
            title=doc.title,
            source=doc.source,
            text=text,
            metadata=meta,
        )


def content_hash(embedder_name: str, text: str) -> str:
    """The embedding-cache key of a chunk's text for one embedder."""
    return hashlib.sha256(f"{embedder_name}\x00{text}".encode()).hexdigest()
