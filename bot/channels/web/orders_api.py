"""POST /api/orders: the shop's backend sends new or changed orders (admin token); they are upserted with their items."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from bot.channels.web.api import ServicesDep, require_admin_token
from bot.errors import DataFileError, StoreError

router = APIRouter()
MAX_BODY = 5_000_000
MAX_ORDERS = 1000


@router.post("/api/orders", dependencies=[Depends(require_admin_token)])
async def post_orders(request: Request, svc: ServicesDep) -> dict[str, Any]:
    """One order object, a list of them or {"orders": [...]}; all are validated before any is stored."""
    from bot.campaigns.orders import ingest, validate_order

    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(413, f"body over {MAX_BODY // 1_000_000} MB; send at most {MAX_ORDERS} orders per request")
    try:
        data = json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"body is not JSON: {exc}") from None
    raw = data.get("orders") if isinstance(data, dict) and "orders" in data else data
    raw = [raw] if isinstance(raw, dict) else raw
    if not isinstance(raw, list) or not raw or not all(isinstance(o, dict) for o in raw):
        raise HTTPException(422, 'send an order object, a list of orders or {"orders": [...]}')
    if len(raw) > MAX_ORDERS:
        raise HTTPException(413, f"at most {MAX_ORDERS} orders per request")
    try:
        entries = [validate_order(o, where=f"orders[{n}]") for n, o in enumerate(raw)]
        return await asyncio.to_thread(ingest, svc, entries, source="POST /api/orders")
    except (DataFileError, StoreError) as exc:
        raise HTTPException(422, str(exc)) from None
