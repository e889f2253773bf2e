"""JSON API: health, search, and the admin knowledge-base endpoints."""

from __future__ import annotations

import asyncio
import os
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from bot.app import Services
from bot.channels.web.validation import CleanStr
from bot.errors import KnowledgeBaseError

router = APIRouter()


def services(request: Request) -> Services:
    """The process's Services, stored on the app at start-up."""
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(services)]


class SearchRequest(BaseModel):
    """Body of POST /api/search."""

    query: CleanStr = Field(min_length=1, max_length=20_000)
    k: int = Field(5, ge=1, le=50)
    filters: dict[str, Any] | None = None


async def wait_ready(request: Request) -> None:
    """Hold a request until start-up (knowledge base, intents, generator) has finished; 503 if it failed or takes too long."""
    ready = getattr(request.app.state, "ready", None)
    if ready is not None and not ready.is_set():
        try:
            await asyncio.wait_for(ready.wait(), timeout=120)
        except TimeoutError:
            raise HTTPException(
                503, "shopbot is still starting; try again shortly", headers={"Retry-After": "5"}
            ) from None
    health = getattr(request.app.state, "health", "ok")
    if health != "ok":
        raise HTTPException(503, f"shopbot is not ready: {health}"[:300])


@router.get("/healthz")
async def healthz(request: Request, svc: ServicesDep) -> JSONResponse:
    """Liveness plus what is being served; 503 with status "starting" until the models are loaded."""
    health = getattr(request.app.state, "health", "ok")
    kb = svc.kb
    body = {
        "status": health,
        "kb_version": kb.serving_version,
        "reloading": kb.reloading,
        "uptime_s": round(svc.uptime_s(), 1),
        "worker": os.getpid(),  # which worker answered, behind `serve --workers N` or a proxy
    }
    return JSONResponse(body, status_code=200 if health == "ok" else 503)


@router.post("/api/search", dependencies=[Depends(wait_ready)])
async def search(body: SearchRequest, svc: ServicesDep) -> dict[str, Any]:
    """Hybrid search over the live knowledge base."""
    kb = svc.kb
    try:
        hits = await asyncio.to_thread(kb.search, body.query, k=body.k, filters=body.filters)
    except KnowledgeBaseError as exc:
        raise HTTPException(503, str(exc)) from exc
    except (TypeError, ValueError) as exc:
        raise HTTPException(422, f"bad filters: {exc}"[:200]) from exc
    return {
        "version": kb.index.version,
        "confidence": round(kb.confidence(body.query, hits), 4),
        "hits": [
            {
                "rank": h.rank,
                "doc_id": h.doc_id,
                "chunk_id": h.passage.chunk_id,
                "title": h.passage.title,
                "source": h.passage.source,
                "text": h.passage.text,
                "score": h.score,
                "dense_score": h.dense_score,
                "lexical_score": h.lexical_score,
            }
            for h in hits
        ],
    }


def require_admin_token(svc: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Bearer-token check for the admin API (the staff dashboard uses its own session login)."""
    expected = svc.settings.admin_token.get_secret_value()
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "admin token required", headers={"WWW-Authenticate": "Bearer"})


admin = APIRouter(prefix="/admin/kb", dependencies=[Depends(require_admin_token), Depends(wait_ready)])


@admin.post("/reload")
async def admin_reload(svc: ServicesDep, force: bool = False) -> dict[str, Any]:
    """Rebuild what changed and switch to it; the old version serves until the new one is whole."""
    try:
        result = await asyncio.to_thread(svc.kb.reload, force=force)
    except KnowledgeBaseError as exc:
        raise HTTPException(
            409 if "already running" in str(exc) else 422, {"error": str(exc), "last_error": svc.kb.last_error}
        ) from exc
    return result.as_dict()


@admin.post("/rollback")
async def admin_rollback(svc: ServicesDep) -> dict[str, Any]:
    """Switch back to the previous version."""
    try:
        version = await asyncio.to_thread(svc.kb.rollback)
    except KnowledgeBaseError as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"version": version}


@admin.get("/status")
async def admin_status(svc: ServicesDep) -> dict[str, Any]:
    """Versions, counts, build times and the last error."""
    return svc.kb.status()
