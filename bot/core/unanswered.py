"""A policy question the extractive fallback would answer with a nearby sentence that does not hold what was
asked ("how long do I have to return jeans?" answered with the hemming price): say "not sure" and offer a person
instead. Only questions that ask for a value are judged (how long, how much, which carrier, when, the phone
number, the e-mail); a yes/no or an open question keeps the shop's sentence."""

from __future__ import annotations

from bot.core.asked import answers_type, question_types
from bot.domain import Request, RequestKind

VALUE_ASKED = ("duration", "price", "carrier", "time", "phone", "email")
# a "when" question is answered by a duration ("within 7 days") as well as by a day or hour, and the reverse
ALSO = {"time": ("duration",), "duration": ("time",)}


def misses_asked_value(question: str, reply: str, req: Request | None, not_sure: str) -> bool:
    """True when a policy question asks for a value and the reply holds no value of that kind."""
    if req is None or req.kind != RequestKind.POLICY or reply.strip() == not_sure.strip():
        return False
    kinds = [k for k in question_types(question) if k in VALUE_ASKED]
    if not kinds:
        return False
    accepted = kinds + [extra for k in kinds for extra in ALSO.get(k, ())]
    return not answers_type(reply, accepted)
