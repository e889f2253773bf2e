"""The web app's real fixtures (services over tiny data, signed-in staff clients, a live server, Chromium) for the security tests."""

from __future__ import annotations

from tests.channels.web.conftest import admin, agent, anon, app, browser, server, services, staff_db, web_settings  # noqa: F401
