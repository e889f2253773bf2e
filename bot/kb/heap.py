"""Give the heap memory a swapped-out knowledge-base version freed back to the system (glibc keeps it otherwise).

A reload frees the served version's objects (chunks' metadata, BM25 postings, the core's per-version indexes), but
glibc's malloc keeps the freed pages in its heap unless they lie at its top, so a worker's resident memory grew
with each reload: at 50,000 products 622 MB after start, 881 MB after a reload, 957 MB after a second one (load 12,
`bench_catalog.py --embedder hashing`); `malloc_trim(0)` gave back 158 and 252 MB of it in 0.05 s. Elsewhere
(macOS, musl) this does nothing."""

from __future__ import annotations

import ctypes
import logging
import sys
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL("libc.so.6"), "malloc_trim", None)  # glibc only
    except OSError:
        return None


def can_release() -> bool:
    """Whether this C library can give freed heap pages back (glibc's malloc_trim is there)."""
    return _malloc_trim() is not None


def release_freed() -> bool:
    """Return free heap pages to the system (malloc_trim); True when the C library did so."""
    trim = _malloc_trim()
    if trim is None:
        return False
    return bool(trim(0))
