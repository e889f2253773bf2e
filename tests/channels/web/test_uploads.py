"""Shopper photos over the web chat: checked by magic bytes and size, stored under the home, shown to staff only."""

from __future__ import annotations

import re

import httpx

from bot.app import Services

Client = tuple[httpx.AsyncClient, str]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)
GIF = b"GIF89a" + bytes(40)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
ELF = b"\x7fELF\x02\x01\x01" + bytes(100)
UPLOAD = {"X-Shopbot-Upload": "1"}


async def _shopper(anon: httpx.AsyncClient) -> None:
    assert (await anon.get("/")).status_code == 200  # the cookie


async def _upload(
    client: httpx.AsyncClient, data: bytes, *, name: str = "photo.png", mime: str = "image/png", **form: str
) -> httpx.Response:
    return await client.post("/chat/upload", files={"file": (name, data, mime)}, data=form, headers=UPLOAD)


async def test_a_photo_reaches_the_transcript_and_only_staff_can_open_it(
    anon: httpx.AsyncClient, agent: Client, services: Services
) -> None:
    await _shopper(anon)
    r = await _upload(anon, PNG, name="broken-zip.png")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["mime"] == "image/png" and body["size"] == len(PNG)
    row = services.knowledge_store.attachment(body["id"])
    assert row is not None and row["conversation_id"] == body["conversation_id"]
    stored = services.settings.attachments_dir / row["path"]
    assert stored.read_bytes() == PNG and stored.is_relative_to(services.settings.home)
    msg = services.store.get_message(body["message_id"])
    assert (
        msg is not None and msg["direction"] == "in" and msg["answered"] == 1
    )  # for staff: the bot does not reply to it

    client, _ = agent
    page = await client.get(f"/staff/c/{body['conversation_id']}")
    assert re.search(rf'<img src="/staff/attachments/{body["id"]}"', page.text)
    img = await client.get(f"/staff/attachments/{body['id']}")
    assert img.status_code == 200 and img.content == PNG
    assert img.headers["content-type"] == "image/png" and img.headers["x-content-type-options"] == "nosniff"
    assert (await anon.get(f"/staff/attachments/{body['id']}")).status_code == 401  # not even the shopper who sent it


async def test_a_second_photo_goes_into_the_same_conversation(anon: httpx.AsyncClient, services: Services) -> None:
    await _shopper(anon)
    first = (await _upload(anon, JPEG, name="a.jpg", mime="image/jpeg")).json()
    second = (await _upload(anon, GIF, name="b.gif", mime="image/gif", conversation_id=first["conversation_id"])).json()
    assert second["conversation_id"] == first["conversation_id"] and second["mime"] == "image/gif"
    assert len(services.knowledge_store.attachments_in(first["conversation_id"])) == 2


async def test_wrong_types_are_refused(anon: httpx.AsyncClient, services: Services) -> None:
    await _shopper(anon)
    for data, name, mime in (
        (PDF, "invoice.pdf", "application/pdf"),
        (b"hello, just text\n", "note.txt", "text/plain"),
        (ELF, "run.bin", "application/octet-stream"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "x.svg", "image/svg+xml"),
    ):
        r = await _upload(anon, data, name=name, mime=mime)
        assert r.status_code == 415, name
        assert "only photos" in r.json()["detail"]
    assert not services.settings.attachments_dir.exists() or not any(services.settings.attachments_dir.rglob("*.*"))


async def test_a_file_that_lies_about_its_type_is_refused(anon: httpx.AsyncClient, services: Services) -> None:
    await _shopper(anon)
    r = await _upload(anon, ELF, name="cat.jpg", mime="image/jpeg")  # a program dressed as a photo
    assert r.status_code == 415 and "only photos" in r.json()["detail"]
    r = await _upload(
        anon, b"<html><script>alert(1)</script></html>", name="cat.png", mime="image/png"
    )  # HTML as a PNG
    assert r.status_code == 415 and "only photos" in r.json()["detail"]
    r = await _upload(anon, GIF, name="cat.png", mime="image/png")  # an image, but not the one it claims to be
    assert r.status_code == 415
    assert r.json()["detail"] == "the file says it is image/png but its content is image/gif; it was refused"
    assert services.knowledge_store.attachments_in("any") == {}
    with services.store.tx() as db:
        assert db.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


async def test_an_oversized_file_is_refused(anon: httpx.AsyncClient, services: Services) -> None:
    await _shopper(anon)
    services.settings.attachment_max_bytes = 4096
    big = PNG + bytes(5000)
    r = await _upload(anon, big)
    assert r.status_code == 413 and "too large" in r.json()["detail"]
    r = await _upload(anon, PNG + bytes(300_000))  # refused from its Content-Length, before the body is read
    assert r.status_code == 413
    r = await _upload(anon, PNG + bytes(4096 - len(PNG)))  # exactly the limit is fine
    assert r.status_code == 200


async def test_uploads_need_the_cookie_the_header_and_the_shoppers_own_conversation(
    anon: httpx.AsyncClient, app: object, services: Services
) -> None:
    r = await anon.post("/chat/upload", files={"file": ("p.png", PNG, "image/png")}, headers=UPLOAD)
    assert r.status_code == 401  # no chat cookie
    await _shopper(anon)
    r = await anon.post("/chat/upload", files={"file": ("p.png", PNG, "image/png")})
    assert r.status_code == 403  # a cross-site form cannot set the header
    services.store.ensure_customer("cust-other")
    other = services.store.open_conversation("cust-other", "web")
    r = await _upload(anon, PNG, conversation_id=other["id"])
    assert r.status_code == 404
    r = await _upload(anon, b"", name="empty.png")
    assert r.status_code == 400
    with services.store.tx() as db:
        assert db.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


async def test_an_erasure_removes_the_photos(anon: httpx.AsyncClient, services: Services) -> None:
    await _shopper(anon)
    body = (await _upload(anon, PNG)).json()
    row = services.knowledge_store.attachment(body["id"])
    assert row is not None
    path = services.settings.attachments_dir / row["path"]
    assert path.exists()
    services.erase_customer(row["customer_id"])
    assert not path.exists() and not path.parent.exists()
    assert services.knowledge_store.attachment(body["id"]) is None
