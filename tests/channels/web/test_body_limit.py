"""A request body over its limit gets 413 before the server reads it (a 50 MB upload is not spooled to disk first)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from bot.app import Services


def _raw(url: str, head: str, body: bytes = b"") -> str:
    """Send a request's head and the first bytes of its body over a socket; return what the server answers."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=10) as conn:
        conn.sendall(head.encode() + b"\r\n" + body)
        answer = b""
        while piece := conn.recv(65536):  # the server closes the connection after a 413
            answer += piece
        return answer.decode(errors="replace")


def test_a_declared_50_mb_upload_is_refused_before_its_body_is_sent(server: str) -> None:
    """No cookie, no upload header, 50 MB declared, 1 KB sent: the answer is 413 at once (before: the server waited
    for all 50 MB, spooled them, then said 403)."""
    head = (
        "POST /chat/upload HTTP/1.1\r\nHost: test\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        "Content-Length: 50000000\r\n"
    )
    answer = _raw(server, head, b"--x\r\n" + bytes(1024))
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "the limit is" in answer


def test_a_chunked_body_past_the_limit_is_413_not_parsed(server: str, services: Services) -> None:
    """A body sent without a length (chunked) is counted as it comes: 2 MB of JSON to /api/chat is cut at 1 MB."""
    limit = services.settings.max_body_bytes

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(2 * limit // 65536):
            yield b"a" * 65536
        yield b'"}'

    r = httpx.post(f"{server}/api/chat", content=chunks(), headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 413 and f"{limit:,} bytes" in r.json()["detail"]
    # near misses: an ordinary question and a small photo (its own, larger limit) are untouched
    ok = httpx.post(f"{server}/api/chat", json={"text": "do you ship to canada?"}, timeout=120)
    assert ok.status_code == 200 and ok.json()["text"]
    limit_upload = services.settings.attachment_max_bytes + 64 * 1024
    assert limit_upload > limit  # a 1.5 MB photo is over the default but within the upload route's limit
    with httpx.Client(base_url=server, timeout=60) as client:
        assert client.get("/").status_code == 200  # the shopper's cookie
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(1_500_000)
        up = client.post("/chat/upload", files={"file": ("p.png", png, "image/png")}, headers={"X-Shopbot-Upload": "1"})
        assert up.status_code == 200, up.text
