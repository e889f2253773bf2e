"""Webhook mode: Telegram's secret token is required (403 otherwise), and `shopbot serve` runs the channel too."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
import uvicorn
from pydantic import SecretStr

from bot.app import Services
from bot.channels.telegram import texts
from bot.channels.telegram.runner import TelegramRunner
from bot.channels.telegram.webhook import SECRET_HEADER, webhook_app
from bot.channels.web.app import create_app
from tests.channels.telegram.support import until
from tests.fakes.telegram_api import FakeTelegram
from tests.support.live_server import free_port, live_server

SECRET = "s3cret-Token_1"
URL = "https://shop.example.com/tg/hook"


async def test_webhook_requires_the_secret_token(fake: FakeTelegram, make_services: Callable[..., Services]) -> None:
    services = make_services(
        telegram_mode="webhook", telegram_webhook_url=URL, telegram_webhook_secret=SecretStr(SECRET)
    )
    runner = TelegramRunner(services)
    await runner.start()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            webhook_app(runner.application, runner.secret, runner.webhook_path, services.store),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    serving = asyncio.create_task(server.serve())
    try:
        await until(lambda: server.started, what="webhook server")
        assert fake.webhook["url"] == URL and fake.webhook["secret_token"] == SECRET
        assert not [c for c in fake.calls if c.method == "getUpdates"]
        update = fake.message_update(951, "Do you ship to Canada?")
        hook = f"http://127.0.0.1:{port}/tg/hook"
        async with httpx.AsyncClient() as client:
            assert (await client.post(hook, json=update)).status_code == 403
            assert (await client.post(hook, json=update, headers={SECRET_HEADER: "wrong"})).status_code == 403
            assert (await client.post(hook, content=b"{junk", headers={SECRET_HEADER: SECRET})).status_code == 400
            assert (await client.post(hook, json=update, headers={SECRET_HEADER: SECRET})).status_code == 200
            assert (
                await client.post(hook, json=update, headers={SECRET_HEADER: SECRET})
            ).status_code == 200  # a redelivery
        await until(lambda: len(fake.texts(951)) == 1, what="the answer")
        await asyncio.sleep(0.5)
        assert len(fake.texts(951)) == 1  # answered once, whatever was posted
    finally:
        server.should_exit = True
        await serving
        await runner.stop()


def test_serve_starts_and_stops_the_telegram_channel(
    fake: FakeTelegram, make_services: Callable[..., Services]
) -> None:
    services = make_services()
    with live_server(create_app(services)) as url:
        assert httpx.get(f"{url}/healthz").status_code == 200
        fake.send_text(961, "/start")
        fake.wait_messages(961, 1)
        assert "Privacy" in fake.texts(961)[0]
        fake.send_text(961, "hello")
        fake.wait_messages(961, 2)
        conv = services.store.list_conversations(channel="telegram")[0]
        services.staff_reply(conv["id"], "Hello from the team", staff="Bo")
        fake.wait_messages(961, 3)
        assert fake.texts(961)[2].endswith("Hello from the team")
    polls = len([c for c in fake.calls if c.method == "getUpdates"])
    fake.send_text(961, "still there?")
    time.sleep(0.5)
    assert len([c for c in fake.calls if c.method == "getUpdates"]) == polls  # stopped with the server


def test_serve_mounts_the_webhook_route(fake: FakeTelegram, make_services: Callable[..., Services]) -> None:
    services = make_services(
        telegram_mode="webhook", telegram_webhook_url=URL, telegram_webhook_secret=SecretStr(SECRET)
    )
    with live_server(create_app(services)) as url:
        update = fake.message_update(971, "/help")
        assert httpx.post(f"{url}/tg/hook", json=update).status_code == 403
        assert httpx.post(f"{url}/tg/hook", json=update, headers={SECRET_HEADER: SECRET}).status_code == 200
        fake.wait_messages(971, 1)
        assert fake.texts(971) == [texts.HELP]


async def test_the_webhook_route_answers_503_not_404_before_the_channel_runs(
    fake: FakeTelegram, make_services: Callable[..., Services]
) -> None:
    """A worker still starting (here: the app without its start-up) has the route: Telegram gets 503 and retries,
    never a 404 that reads as a wrong URL."""
    services = make_services(
        telegram_mode="webhook", telegram_webhook_url=URL, telegram_webhook_secret=SecretStr(SECRET)
    )
    transport = httpx.ASGITransport(app=create_app(services))
    async with httpx.AsyncClient(transport=transport, base_url="http://shop") as client:
        update = fake.message_update(972, "hello")
        reply = await client.post("/tg/hook", json=update, headers={SECRET_HEADER: SECRET})
    assert reply.status_code == 503 and reply.headers["retry-after"] == "5"


async def test_webhook_answers_200_only_once_the_update_is_stored(
    fake: FakeTelegram, make_services: Callable[..., Services]
) -> None:
    """A crash right after our 200 must not lose the update: it is in the store, and the next start answers it."""
    settings = {"telegram_mode": "webhook", "telegram_webhook_url": URL, "telegram_webhook_secret": SecretStr(SECRET)}
    services = make_services(**settings)
    crashed = TelegramRunner(services)
    await crashed.application.initialize()  # receives, never processes: the process "dies" after answering 200
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            webhook_app(crashed.application, crashed.secret, crashed.webhook_path, services.store),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    serving = asyncio.create_task(server.serve())
    try:
        await until(lambda: server.started, what="webhook server")
        update = fake.message_update(981, "Do you ship to Canada?")
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"http://127.0.0.1:{port}/tg/hook", json=update, headers={SECRET_HEADER: SECRET}
            )
        assert response.status_code == 200
        assert services.store.inbox_state(update["update_id"]) == "pending"  # on disk before Telegram heard "200"
    finally:
        server.should_exit = True
        await serving
        await crashed.application.shutdown()
    restarted = TelegramRunner(services)
    await restarted.start()
    try:
        await until(lambda: len(fake.texts(981)) == 1, what="the stored update answered after the restart")
        assert restarted.recovered["refed"] == 1
    finally:
        await restarted.stop()
    assert services.store.inbox_state(update["update_id"]) == "done"


async def test_webhook_does_not_acknowledge_what_it_could_not_store(
    fake: FakeTelegram, make_services: Callable[..., Services]
) -> None:
    services = make_services(
        telegram_mode="webhook", telegram_webhook_url=URL, telegram_webhook_secret=SecretStr(SECRET)
    )
    runner = TelegramRunner(services)
    await runner.application.initialize()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            webhook_app(runner.application, runner.secret, runner.webhook_path, services.store),
            host="127.0.0.1",
            port=port,
            log_level="critical",
        )
    )
    serving = asyncio.create_task(server.serve())
    try:
        await until(lambda: server.started, what="webhook server")
        services.store.db.close()  # the database is gone: storing fails for real
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"http://127.0.0.1:{port}/tg/hook",
                json=fake.message_update(982, "hello"),
                headers={SECRET_HEADER: SECRET},
            )
        assert response.status_code == 503  # Telegram keeps the update and delivers it again
        assert runner.application.update_queue.empty()
    finally:
        server.should_exit = True
        await serving
        await runner.application.shutdown()
