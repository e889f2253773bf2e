"""The bot learns from staff: FAQ drafts from staff answers, corrections of bot replies, and shopper photos.

FAQ drafts: one click under a staff answer makes a draft titled with the shopper's question; an admin edits and
publishes it as an article (the same save-and-reload path as the article editor). Corrections: "this answer was
wrong, the right answer is ..." is stored as a (question, grounding, corrected answer) example and exported as
golden cases. Attachments: shoppers upload photos (checked by magic bytes); only staff can open them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from bot.app import Services
from bot.attachments import AttachmentError
from bot.channels.web.auth import Admin, AdminPost, Agent, AgentPost
from bot.channels.web.kb_pages import article_url, rejection, save_and_reload
from bot.channels.web.pages import shopper_or_401
from bot.channels.web.templating import render
from bot.corrections import split_phrases, suggest_phrases, to_golden
from bot.domain import Channel
from bot.errors import KnowledgeBaseError
from bot.kb.articles import faq_markdown, slug

log = logging.getLogger(__name__)
router = APIRouter()

MAX_FIELD = 4000


def _svc(request: Request) -> Services:
    return request.app.state.services


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _back(conversation_id: str, notice: str = "") -> RedirectResponse:
    url = f"/staff/c/{quote(conversation_id, safe='')}"
    return RedirectResponse(url + (f"?notice={quote(notice)}" if notice else ""), 303)


def _message_in(svc: Services, conversation_id: str, message_id: int, direction: str) -> dict[str, Any]:
    msg = svc.store.get_message(message_id)
    if msg is None or msg["conversation_id"] != conversation_id or msg["direction"] != direction:
        raise HTTPException(404, "no such message in this conversation")
    return msg


def _question_before(svc: Services, msg: dict[str, Any]) -> str:
    """The shopper's last message before `msg` (what the staff answer or bot reply answered)."""
    earlier = [
        m
        for m in svc.store.messages(msg["conversation_id"])
        if m["id"] < msg["id"] and m["direction"] == "in" and "attachment" not in (m.get("flags") or [])
    ]
    return earlier[-1]["text"] if earlier else ""


# ---------------------------------------------------------------------- FAQ drafts
@router.post("/staff/c/{conversation_id}/faq-draft")
async def make_draft(
    request: Request, conversation_id: str, user: AgentPost, message_id: Annotated[int, Form()]
) -> Response:
    """Turn a staff answer into a draft FAQ entry titled with the shopper's question."""
    svc = _svc(request)

    def create() -> int:
        msg = _message_in(svc, conversation_id, message_id, "staff")
        question = _one_line(_question_before(svc, msg))[:300]
        if not question:
            raise HTTPException(400, "there is no shopper question before this answer")
        return svc.knowledge_store.add_draft(
            question=question, answer=msg["text"], by=user.name, conversation_id=conversation_id, message_id=message_id
        )

    draft_id = await asyncio.to_thread(create)
    log.info("staff %s made FAQ draft %d from a staff answer", user.name, draft_id)
    return RedirectResponse(f"/staff/kb/drafts/{draft_id}", 303)


@router.get("/staff/kb/drafts", response_class=HTMLResponse)
def drafts(request: Request, user: Agent, status: str = "") -> Response:
    """FAQ drafts, newest first (waiting, published, discarded)."""
    status = status if status in ("draft", "published", "discarded") else ""
    rows = _svc(request).knowledge_store.drafts(status=status or None)
    return render(request, "kb_drafts.html", user=user, drafts=rows, status=status)


@router.get("/staff/kb/drafts/{draft_id}", response_class=HTMLResponse)
def draft(request: Request, draft_id: int, user: Agent, error: str = "") -> Response:
    """One draft: the shopper's question and the staff answer; admins edit and publish or discard it."""
    row = _svc(request).knowledge_store.draft(draft_id)
    if row is None:
        raise HTTPException(404, "no such draft")
    return render(request, "kb_draft.html", user=user, d=row, error=error[:600])


@router.post("/staff/kb/drafts/{draft_id}/publish")
async def publish_draft(
    request: Request,
    draft_id: int,
    user: AdminPost,
    question: Annotated[str, Form(max_length=300)],
    answer: Annotated[str, Form(max_length=MAX_FIELD)],
) -> Response:
    """Write the reviewed entry as an FAQ article and reload; the bot answers the question from it from now on."""
    svc = _svc(request)
    row = await asyncio.to_thread(svc.knowledge_store.draft, draft_id)
    if row is None:
        raise HTTPException(404, "no such draft")
    if row["status"] != "draft":
        return RedirectResponse(f"/staff/kb/drafts/{draft_id}", 303)
    question, answer = _one_line(question), answer.strip()
    if not question or not answer:
        return render(request, "kb_draft.html", user=user, d=row, error="A question and an answer are both needed.")
    folder = svc.settings.kb_staff_faq_dir.strip("/") or "faq"
    path = f"{folder}/{draft_id}-{slug(question)}.md"
    text = faq_markdown(question, answer, source=f"Staff answer by {row['created_by']}, published by {user.name}")
    try:
        result = await asyncio.to_thread(
            save_and_reload, svc, actor=user.name, action="publish_draft", path=path, text=text, create=True
        )
    except KnowledgeBaseError as exc:
        row = {**row, "question": question, "answer": answer}
        return render(request, "kb_draft.html", user=user, d=row, error=rejection(exc), status_code=422)
    await asyncio.to_thread(
        svc.knowledge_store.decide_draft,
        draft_id,
        "published",
        by=user.name,
        question=question,
        answer=answer,
        path=result.path,
    )
    notice = f"Published; now serving {result.version}." + (
        " Warning: " + " ".join(result.warnings) if result.warnings else ""
    )
    return RedirectResponse(article_url(result.path, notice=notice[:300]), 303)


@router.post("/staff/kb/drafts/{draft_id}/discard")
async def discard_draft(request: Request, draft_id: int, user: AdminPost) -> Response:
    """Drop a draft without publishing it."""
    svc = _svc(request)
    row = await asyncio.to_thread(svc.knowledge_store.draft, draft_id)
    if row is None:
        raise HTTPException(404, "no such draft")
    if row["status"] == "draft":
        await asyncio.to_thread(svc.knowledge_store.decide_draft, draft_id, "discarded", by=user.name)
    return RedirectResponse("/staff/kb/drafts", 303)


# ---------------------------------------------------------------------- corrections
@router.post("/staff/c/{conversation_id}/correct")
async def correct(
    request: Request,
    conversation_id: str,
    user: AgentPost,
    message_id: Annotated[int, Form()],
    answer: Annotated[str, Form(max_length=MAX_FIELD)],
    must_include: Annotated[str, Form(max_length=MAX_FIELD)] = "",
    must_not_include: Annotated[str, Form(max_length=MAX_FIELD)] = "",
) -> Response:
    """Store "this answer was wrong, the right answer is ..." as a (question, grounding, corrected answer) example."""
    svc = _svc(request)
    answer = answer.strip()
    if not answer:
        return _back(conversation_id, "Write the right answer to record a correction.")

    def store() -> str:
        msg = _message_in(svc, conversation_id, message_id, "out")
        question = _question_before(svc, msg)
        if not question:
            raise HTTPException(400, "there is no shopper question before this reply")
        include, exclude = suggest_phrases(answer, msg["text"])
        include = split_phrases(must_include) or include
        exclude = split_phrases(must_not_include) or exclude
        if not include:
            return "Name at least one phrase the right answer must contain (the correction was not recorded)."
        grounding = [
            {k: s.get(k) for k in ("doc_id", "title", "source")}
            for s in msg.get("sources") or []
            if isinstance(s, dict) and s.get("doc_id")
        ]
        svc.knowledge_store.add_correction(
            by=user.name,
            conversation_id=conversation_id,
            message_id=message_id,
            question=question,
            grounding=grounding,
            bot_answer=msg["text"],
            corrected_answer=answer,
            must_include=include,
            must_not_include=exclude,
        )
        return "Correction recorded; it is now a regression case (Knowledge base → Corrections)."

    return _back(conversation_id, await asyncio.to_thread(store))


@router.get("/staff/kb/corrections", response_class=HTMLResponse)
def corrections(request: Request, user: Agent) -> Response:
    """Every correction staff made, with the golden case it becomes."""
    rows = _svc(request).knowledge_store.corrections()
    return render(request, "kb_corrections.html", user=user, rows=rows)


@router.get("/staff/kb/corrections.jsonl")
def corrections_export(request: Request, user: Admin) -> Response:
    """The corrections as golden cases (JSONL) for `shopbot eval replies --cases FILE`."""
    rows = _svc(request).knowledge_store.corrections()
    body = "".join(json.dumps(to_golden(r), ensure_ascii=False) + "\n" for r in rows)
    return Response(
        body,
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="corrections.jsonl"'},
    )


# ---------------------------------------------------------------------- attachments
@router.get("/staff/attachments/{attachment_id}")
def attachment(request: Request, attachment_id: int, user: Agent) -> Response:
    """A shopper's photo, for staff only, served as the type its bytes were checked to be."""
    svc = _svc(request)
    row = svc.knowledge_store.attachment(attachment_id)
    path = svc.attachments.resolve(row["path"]) if row else None
    if row is None or path is None:
        raise HTTPException(404, "no such attachment")
    return FileResponse(
        path,
        media_type=row["mime"],
        headers={
            "Content-Disposition": "inline",
            "Cache-Control": "private, no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


_CAPTION = re.compile(r"[\x00-\x1f\x7f]")


@router.post("/chat/upload")
async def upload(request: Request, file: UploadFile, conversation_id: Annotated[str, Form(max_length=100)] = "") -> Any:
    """A photo from the shopper on the web chat (the customer comes from the cookie); staff see it in the transcript."""
    svc = _svc(request)
    if request.headers.get("x-shopbot-upload") != "1":
        # a cross-site form can post multipart without a CORS preflight; it cannot set this header
        raise HTTPException(403, "uploads come from the chat page (X-Shopbot-Upload header missing)")
    customer = await asyncio.to_thread(shopper_or_401, request)
    limit = svc.settings.attachment_max_bytes
    declared_length = request.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > limit + 64 * 1024:  # BodyLimit refuses more
        raise HTTPException(413, f"the file is too large (the limit is {limit / 1e6:.1f} MB)")
    data = await file.read(limit + 1)  # never more than the limit plus one byte in memory
    await file.close()

    def store() -> dict[str, Any]:
        if conversation_id:
            conv = svc.store.get_conversation(conversation_id)
            if conv is None or conv["customer_id"] != customer["id"] or conv.get("channel") != Channel.WEB.value:
                raise HTTPException(404, "no such conversation")
        else:
            conv = svc.store.open_conversation(customer["id"], Channel.WEB.value)
        caption = _CAPTION.sub("", file.filename or "")[:100]
        return {
            **svc.receive_attachment(conv, data, declared=file.content_type, caption=caption),
            "conversation_id": conv["id"],
        }

    try:
        return await asyncio.to_thread(store)
    except AttachmentError as exc:
        log.info("refused a web upload: %s", exc)
        raise HTTPException(exc.status, str(exc)) from exc
