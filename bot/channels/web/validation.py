"""Request validation that answers hostile input briefly: no echo of the body, no 500 on broken Unicode."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator

MAX_ERRORS = 5
MAX_MESSAGE = 160


def _no_surrogates(value: str) -> str:
    """Refuse a lone surrogate (JSON allows '\\ud800'; UTF-8, SQLite and the tokenizer do not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains a lone surrogate (invalid Unicode)") from None
    return value


CleanStr = Annotated[str, AfterValidator(_no_surrogates)]


async def short_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 naming each bad field and why, without the offending input (a 10 MB body came back whole before)."""
    errors: list[dict[str, Any]] = []
    raw = exc.errors() if isinstance(exc, RequestValidationError) else []
    for err in list(raw)[:MAX_ERRORS]:
        loc = [x if isinstance(x, int) else str(x)[:40] for x in err.get("loc", ())]
        message = str(err.get("msg", "invalid")).removeprefix("Value error, ")[:MAX_MESSAGE]
        errors.append({"loc": loc, "msg": message, "type": str(err.get("type", ""))[:40]})
    if len(raw) > MAX_ERRORS:
        errors.append({"loc": [], "msg": f"and {len(raw) - MAX_ERRORS} more", "type": "more"})
    return JSONResponse({"detail": errors}, status_code=422)
