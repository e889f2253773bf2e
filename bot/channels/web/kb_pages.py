"""Knowledge articles in the browser: list, search, show, edit or add (admins), with a Markdown preview and an audit trail."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from bot.app import Services
from bot.channels.web.auth import Admin, AdminPost, Agent
from bot.channels.web.markdown import render_markdown
from bot.channels.web.templating import render
from bot.errors import KnowledgeBaseError
from bot.kb.articles import MAX_ARTICLE_BYTES, ArticleError, list_articles, read_article, save_article
from bot.store import StaffUser

log = logging.getLogger(__name__)
router = APIRouter(prefix="/staff/kb")


def _svc(request: Request) -> Services:
    return request.app.state.services


def article_url(path: str, **extra: str) -> str:
    """The page of one article."""
    return "/staff/kb/article?" + urlencode({"path": path, **extra})


def save_and_reload(svc: Services, *, actor: str, action: str, path: str, text: str, **kwargs: Any) -> Any:
    """Save an article, reload, and record the edit (saved or rejected) in the audit trail; re-raises a rejection."""
    root: Path = svc.settings.knowledge_dir
    try:
        result = save_article(root, path, text, reload=svc.kb.reload, **kwargs)
    except KnowledgeBaseError as exc:
        reason = getattr(exc, "reason", None) or str(exc)
        line = getattr(exc, "line", None)
        svc.knowledge_store.record_edit(
            actor, action, path, status="rejected", reason=f"line {line}: {reason}" if line else reason
        )
        log.warning("staff %s: %s of %s refused: %s", actor, action, path, exc)
        raise
    svc.knowledge_store.record_edit(
        actor,
        action,
        result.path,
        status="saved",
        reason=" ".join(result.warnings),
        version=result.version,
        sha_before=result.sha_before,
        sha_after=result.sha_after,
    )
    svc.bus.publish({"type": "kb_reloaded", "version": result.version, "by": actor, "path": result.path})
    log.info("staff %s: %s of %s saved, serving %s", actor, action, result.path, result.version)
    return result


def rejection(exc: KnowledgeBaseError) -> str:
    """One line saying why an edit was refused and that the old version still serves."""
    line = getattr(exc, "line", None)
    reason = getattr(exc, "reason", None) or str(exc)
    where = f" (line {line})" if line else ""
    return f"Not saved{where}: {reason}. The previous version is still serving."


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, user: Agent, q: str = "", notice: str = "") -> Response:
    """Every Markdown and text article, searchable by words in its path, title or text."""
    svc = _svc(request)
    found = list_articles(svc.settings.knowledge_dir, q[:200])
    drafts = svc.knowledge_store.drafts(status="draft", limit=50)
    return render(
        request,
        "kb_articles.html",
        user=user,
        articles=found,
        q=q[:200],
        drafts=drafts,
        edits=svc.knowledge_store.edits(limit=20),
        notice=notice[:300],
    )


@router.get("/article", response_class=HTMLResponse)
def article(request: Request, user: Agent, path: str, notice: str = "", error: str = "") -> Response:
    """One article rendered from its Markdown; admins also get the editor with a preview, and its edit history."""
    svc = _svc(request)
    try:
        text, sha = read_article(svc.settings.knowledge_dir, path)
    except ArticleError as exc:
        raise HTTPException(404, str(exc)) from exc
    return _editor(request, user, path=path, text=text, sha=sha, notice=notice[:300], error=error[:600])


@router.get("/new", response_class=HTMLResponse)
def new_article(request: Request, user: Admin, path: str = "faq/", text: str = "") -> Response:
    """The editor for a new article."""
    template = text or "---\ntitle: \ncategory: faq\n---\n\n# \n\n"
    return _editor(request, user, path=path[:200], text=template[:MAX_ARTICLE_BYTES], sha="", creating=True, blank=True)


@router.post("/article")
async def save(
    request: Request,
    user: AdminPost,
    path: Annotated[str, Form(max_length=300)],
    text: Annotated[str, Form(max_length=MAX_ARTICLE_BYTES * 2)],
    sha: Annotated[str, Form(max_length=64)] = "",
    create: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    """Save an edit (or a new article) and reload; a refused edit comes back in the editor with the reason."""
    svc = _svc(request)
    creating = create == "1"
    try:
        result = await asyncio.to_thread(
            save_and_reload,
            svc,
            actor=user.name,
            action="create" if creating else "edit",
            path=path,
            text=text,
            expected_sha=sha or None,
            create=creating,
        )
    except KnowledgeBaseError as exc:
        return _editor(
            request, user, path=path, text=text, sha=sha, error=rejection(exc), creating=creating, status_code=422
        )
    notice = "Saved" + (" (no change)" if result.unchanged else f"; now serving {result.version}") + "."
    if result.warnings:
        notice += " Warning: " + " ".join(result.warnings)
    return RedirectResponse(article_url(result.path, notice=notice[:300]), 303)


def _editor(
    request: Request,
    user: StaffUser,
    *,
    path: str,
    text: str,
    sha: str,
    notice: str = "",
    error: str = "",
    creating: bool = False,
    blank: bool = False,
    status_code: int = 200,
) -> Response:
    """The article page: the rendered Markdown, and for admins the editor and the article's edit history.

    `blank` is the editor of a new article: no preview and no history yet.
    """
    meta, html = ({}, "") if blank else render_markdown(text, rel=path)
    return render(
        request,
        "kb_article.html",
        user=user,
        path=path,
        text=text,
        sha=sha,
        meta=meta,
        html=html,
        history=[] if blank else _svc(request).knowledge_store.edits(path, limit=50),
        notice=notice,
        error=error,
        max_bytes=MAX_ARTICLE_BYTES,
        creating=creating,
        status_code=status_code,
    )


class Preview(BaseModel):
    """Body of POST /staff/kb/preview."""

    text: str = Field(max_length=MAX_ARTICLE_BYTES * 2)


@router.post("/preview")
def preview(request: Request, body: Preview, user: AdminPost) -> dict[str, str]:
    """The editor's Markdown as HTML (raw HTML in the text is escaped)."""
    _, html = render_markdown(body.text)
    return {"html": str(html)}


@router.get("/edits", response_class=HTMLResponse)
def edits(request: Request, user: Agent) -> Response:
    """Every knowledge-base edit made in the browser: who, when, which file, saved or refused and why."""
    return render(request, "kb_edits.html", user=user, edits=_svc(request).knowledge_store.edits(limit=500))
