"""Logs outlive erasures: they name a shopper by a keyed pseudonym, never by the customer id (issue 10, privacy)."""

from __future__ import annotations

import logging

import httpx
import pytest

from bot.app import Services
from bot.channels.web.pages import SHOPPER_COOKIE
from bot.tombstones import pseudonym


async def test_info_logs_name_a_new_shopper_by_pseudonym_only(
    anon: httpx.AsyncClient, services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert (await anon.get("/")).status_code == 200
        assert (await anon.post("/chat/stream", json={"text": "hi"})).status_code == 200  # the first message
    customer = services.store.find_customer(web_cookie=anon.cookies[SHOPPER_COOKIE])
    assert customer is not None
    assert customer["id"] not in caplog.text
    assert pseudonym(customer["id"]) in caplog.text  # an operator can still follow one shopper through the log
    assert pseudonym(customer["id"]) == services.store.erasure_key.pseudonym(customer["id"])  # the home's key
