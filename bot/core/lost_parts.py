"""A part of the message the reply left out gets its own answer, from its own source, or an honest "not sure".

"what's the warranty on the X boots and do they come in wide?" answered only about the width, "is shipping free?
do I pay import tax on top?" answered only about shipping, "a $750 gift card, can I? can it be returned?" answered
only about returns: each lost part is found by what it asks (the warranty, the inseam, import duties, the gift-card
amounts, stacking codes, a zip or hood, a promise, a restock date) and answered from the shop's own sentence (the
knowledge base), the product's own listing (its tags), or, when neither says, with "not sure" and a person. A part
the reply already answers is left as it is; nothing is added to a reply that answers every part."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.answer_check import append_line, unsure_line
from bot.core.lookups import products_by_sku
from bot.core.ports import KnowledgePort
from bot.core.promises import PROMISE_REQUEST_REPLY
from bot.core.sentences import split_sentences
from bot.core.turn import hit_source, passage
from bot.domain import ConversationState, Flag, Hit, Reply, Request

Search = Callable[[str], list[Hit]]


@dataclass(frozen=True, slots=True)
class Aspect:
    """One kind of part: how it is asked, how a reply shows it answered it, and where its answer is."""

    name: str
    asked: re.Pattern[str]
    covered: re.Pattern[str]
    query: str = ""  # the knowledge-base question whose sentence answers it ("" : the product's listing)
    sentence: re.Pattern[str] | None = None  # the answering sentence in the retrieved passages
    kind_bound: bool = False  # the sentence holds only for the kind of product it names ("All boots have ...")
    label: str = ""  # how a "not sure" line names it


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


ASPECTS: tuple[Aspect, ...] = (
    Aspect(
        "warranty",
        _re(r"\bwarrant(?:y|ies|eed)\b"),
        _re(r"\bwarrant"),
        "Do boots come with a warranty?",
        _re(r"\bwarranty\b"),
        kind_bound=True,
        label="the warranty",
    ),
    Aspect(
        "inseam",
        _re(
            r"\binseam\b|\bleg length\b|\blength of the leg\b|\bhow long (?:is|are) the legs?\b|\blong (?:is|are) the leg"
        ),
        _re(r"\binseam\b"),
        "What is the standard inseam of jeans?",
        _re(r"\binseam\b.*\binches\b"),
        label="the inseam",
    ),
    Aspect(
        "duties",
        _re(r"\bimport (?:tax|taxes|dut(?:y|ies)|fees?)\b|\bcustoms\b|\bdut(?:y|ies)\b|\bvat\b"),
        _re(r"\bdut(?:y|ies)\b|\bimport\b|\bcustoms\b"),
        "Are import duties and taxes included in international shipping?",
        _re(r"\bduties\b"),
        label="import duties",
    ),
    Aspect(
        "gift_card_amount",
        _re(
            r"\$\s?\d[\d,]*(?:\.\d\d)?\s+gift ?cards?\b|\bgift ?cards? (?:of|for|worth) \$\s?\d|\bgift ?cards? amounts?\b"
        ),
        _re(r"\bnot as a single card\b"),
        "What amounts do gift cards come in?",
        _re(r"\bamounts from\b"),
        label="the gift card amount",
    ),
    Aspect(
        "stacking",
        _re(r"\bstack\w*\b|\bcombine\w*\b|\b(?:two|2|both) (?:promo |discount )?codes\b|\bcodes? together\b"),
        _re(r"\bcombined?\b|\bone promo code\b"),
        "Can I combine two promo codes on one order?",
        _re(r"\bcombined\b"),
        label="combining codes",
    ),
    Aspect(
        "restock",
        _re(r"\bwhen (?:is|will) (?:it|they|that|this|\w+) (?:be )?back\b|\bback in stock\b|\brestock\w*\b"),
        _re(r"\brestock\w*\b|\bback-?order\b|\bback in stock\b"),
        "My size is sold out, when will it be back in stock?",
        _re(r"\bback-?order\b"),
        label="when it is back",
    ),
    Aspect(
        "store_hours",
        _re(
            r"\bstore hours\b|\b(?:store|stores|shop) (?:open|close|opening|closing)\b|\bwhen (?:does|do|is) (?:the |your )?\w* ?stores? (?:open|close)"
        ),
        _re(r"\bSunday\b[^.]*\d|\d[^.]*\bon Sunday"),
        "What are the store hours in Portland, Seattle and Chicago?",
        _re(r"\bstores?\b.*\bSunday 11"),
        label="the store hours",
    ),
    Aspect(
        "store_return",
        _re(
            r"\b(?:return|bring|drop|take)\w*\b(?:\s+\S+){0,8}\s+(?:in|at|to)\b(?:\s+(?:the|a|your|one of your))?(?:\s+\w+)?\s*(?:store|stores|shop)\b|\b(?:return|bring|drop)\w*\b[^?.]{0,50}\bthere\b(?=\s*(?:[?.!,]|$|and\b|too\b))"
        ),
        _re(r"\bin store\b|\bstores?\b[^.]{0,80}\breturn|\breturn\w*[^.]{0,80}\bstores?\b|\bbring the item\b"),
        "Can I return an online order in one of your stores?",
        _re(r"\bIn store\b.*\bbring the item\b|\bbring the item\b.*\bstore\b"),
        label="returning it in a store",
    ),
    Aspect(
        "promise",
        _re(
            r"\b(?:can|could|will) (?:you|u) (?:promise|guarantee)\b|\b(?:promise|guarantee) me\b|\bdo you (?:promise|guarantee)\b"
        ),
        _re(r"\bpromise\b|\bguarantee\b"),
        label="a promise",
    ),
    Aspect("zip", _re(r"\bzip(?:per|pers|ped)?\b"), _re(r"\bzip"), label="a zip"),
    Aspect("hood", _re(r"\bhood(?:ed|s)?\b"), _re(r"\bhood"), label="a hood"),
    Aspect("pockets", _re(r"\bpockets?\b"), _re(r"\bpocket"), label="pockets"),
)
# replies that must stay as they are: a refusal, a hand-off, an injection's canned reply, an unverified order
SKIP_FLAGS = {
    Flag.INJECTION,
    Flag.ORDER_NOT_VERIFIED,
    Flag.OUT_OF_SCOPE,
    Flag.STAFF_MODE,
    Flag.DUPLICATE,
    Flag.LOW_CONFIDENCE,
    Flag.ASK_WHICH,
}
LISTING_ASPECTS = {"zip", "hood", "pockets"}
WORD = {"zip": "zip", "hood": "hood", "pockets": "pocket"}
# a part the joined multi-part reply already named as unanswered ("I'm not sure about "..."")
UNSURE_PART = re.compile(r"I'm not sure about \"([^\"]*)\"[^.]*\.", re.I)


# "The listing for the X doesn't give the inseam.": the listing is silent, the shop's size guide may not be
# a question in the reply (a quoted FAQ heading, "Boots: do they come with a warranty?") answers nothing
QUESTION = re.compile(r"[^.?!\n]*\?")
NOT_SAID = re.compile(r"[^.]*\b(?:doesn't|does not|don't|do not) (?:give|mention|say|list|record)\b[^.]*\.", re.I)


def asked_aspects(text: str) -> list[Aspect]:
    """The kinds of part the message asks, in the order of the table."""
    return [a for a in ASPECTS if a.asked.search(text)]


def lost_aspects(text: str, reply: str) -> list[Aspect]:
    """The asked parts the reply does not answer (a "not sure" line, or "the listing doesn't give the inseam",
    counts as not answered)."""
    answered = QUESTION.sub(" ", NOT_SAID.sub(" ", UNSURE_PART.sub(" ", reply)))
    return [a for a in asked_aspects(text) if not a.covered.search(answered)]


def listing_sentence(aspect: Aspect, product: dict[str, Any]) -> str:
    """A zip, hood or pockets: what the product's own listing (tags, description) says, or that it does not say."""
    word = WORD[aspect.name]
    name = str(product.get("name") or "this product")
    tags = [str(t) for t in product.get("tags") or []]
    tag = next((t for t in tags if re.search(rf"\b{word}", t, re.I)), None)
    if tag is not None:
        return f'Yes: the listing for the {name} gives "{tag}" in its details.'
    said = next(
        (s for s in split_sentences(str(product.get("description") or "")) if re.search(rf"\b{word}", s, re.I)), ""
    )
    if said:
        return f'The listing for the {name} says: "{said}"'
    return f"The listing for the {name} doesn't mention {aspect.label}; a person from our team can check it for you."


def kb_sentence(aspect: Aspect, search: Search, kind: str, used: list[Hit] | None = None) -> str:
    """The shop's own sentence that answers the part ("" when the knowledge base has none). A sentence bound to a
    kind of product ("All boots have a 1-year warranty") is used only for that kind."""
    if aspect.sentence is None or not aspect.query:
        return ""
    for hit in search(aspect.query)[:4]:
        if hit.passage.source == "catalog" or hit.passage.metadata.get("sku"):
            continue
        for line in passage(hit)["text"].splitlines():
            for sentence in split_sentences(line.strip().lstrip("-* ").strip()):
                if _answers(aspect, sentence, kind):
                    if used is not None:
                        used.append(hit)
                    return sentence.replace("**", "").strip()
    return ""


def _answers(aspect: Aspect, sentence: str, kind: str) -> bool:
    """A statement (not a heading's question, not a table row) that says what the part asks."""
    if aspect.sentence is None or not aspect.sentence.search(sentence) or sentence.endswith("?"):
        return False
    if len(sentence) > 320 or "|" in sentence or sentence.startswith("#"):
        return False
    return not aspect.kind_bound or bool(kind and re.search(rf"\b{re.escape(kind)}", sentence, re.I))


def gift_card_lead(text: str, sentence: str) -> str:
    """ "a $750 gift card, can I?": whether the asked amount is inside the range the shop's sentence gives."""
    asked = re.search(r"\$\s?(\d[\d,]*)", text)
    span = re.search(r"\$(\d[\d,]*)\s+to\s+\$(\d[\d,]*)", sentence)
    if not asked or not span:
        return ""
    value, low, high = (float(x.replace(",", "")) for x in (asked.group(1), *span.groups()))
    return "No, not as a single card: " if not low <= value <= high else ""


def answer_for(
    aspect: Aspect,
    text: str,
    search: Search,
    product: dict[str, Any] | None,
    kind: str,
    used: list[Hit] | None = None,
) -> str:
    """One lost part's answer: the listing, the shop's sentence, the promise rule, or "not sure" with a person."""
    if aspect.name == "promise":
        return PROMISE_REQUEST_REPLY.split(" A person")[0]
    if aspect.name in LISTING_ASPECTS:
        return listing_sentence(aspect, product) if product is not None else unsure_line([aspect.label], quoted=False)
    said = kb_sentence(aspect, search, kind, used)
    if not said:
        what = f"{aspect.label} of the {product['name']}" if product is not None and aspect.kind_bound else aspect.label
        return unsure_line([what], quoted=False)
    if aspect.name == "gift_card_amount":
        return gift_card_lead(text, said) + said
    if aspect.name == "restock":
        return f"We don't have a restock date for it. {said}"
    if aspect.name == "inseam":
        return _inseam(said, text, product)
    return said


def _inseam(said: str, text: str, product: dict[str, Any] | None) -> str:
    """The size guide's standard inseam for the gender asked (the product's, or "men's"/"women's" in the text)."""
    gender = str(product.get("gender") or "") if product is not None else ""
    if not gender:
        m = re.search(r"\b(women|men)(?:'?s)?\b", text, re.I)
        gender = m.group(1).lower() if m else ""
    m = re.search(rf"(\d+) inches for {gender}'s (\w+)", said) if gender in ("men", "women") else None
    if m is None:
        return said
    lead = f"The listing for the {product['name']} gives no inseam, but our" if product is not None else "Our"
    return f"{lead} size guide gives a standard inseam of {m.group(1)} inches for {gender}'s {m.group(2)}."


def completed(
    text: str,
    reply: str,
    search: Search,
    product: dict[str, Any] | None,
    kind: str = "",
    used: list[Hit] | None = None,
) -> tuple[str, list[str]]:
    """The reply with each lost part answered (appended, or in place of its "not sure" line), and the names of the
    parts added. A reply that answers every part comes back unchanged."""
    lost = lost_aspects(text, reply)
    if not lost:
        return reply, []
    added: list[str] = []
    body = reply
    for aspect in lost:
        said = answer_for(aspect, text, search, product, kind, used)
        if not said or said in body:
            continue
        if aspect.name == "gift_card_amount" and (lead := gift_card_lead(text, said)):
            said = said.removeprefix(lead)
            if said in body:  # the amounts are said, not whether the asked amount is one of them
                body, added = body.replace(said, lead + said, 1), [*added, aspect.name]
                continue
            said = lead + said
        unsure = next((m for m in _unanswered(body) if _about(aspect, m.group(0))), None)
        if unsure is not None and _unsure(said):
            continue  # the reply already says the data is silent on it
        if unsure is not None and unsure.re is NOT_SAID:  # the listing's silence stays said; the answer follows it
            said = re.sub(r"^The listing for the .+? gives no inseam, but our", "Our", said)
            body = body[: unsure.end()] + " " + said + body[unsure.end() :]
        elif unsure is not None:
            body = body[: unsure.start()] + said + body[unsure.end() :]
        else:
            body = _prepended(body, said) if _asked_first(aspect, text) else append_line(body, said)
        added.append(aspect.name)
    return body, added


def _about(aspect: Aspect, sentence: str) -> bool:
    return bool(aspect.covered.search(sentence) or aspect.asked.search(sentence))


def _unsure(said: str) -> bool:
    return said.startswith("I'm not sure") or bool(NOT_SAID.search(said)) or "doesn't mention" in said


def _unanswered(body: str) -> list[re.Match[str]]:
    """The sentences that say a part is not answered: a "not sure" line, or "the listing doesn't give ..."."""
    return [*UNSURE_PART.finditer(body), *NOT_SAID.finditer(body)]


def _asked_first(aspect: Aspect, text: str) -> bool:
    """The part opens the message ("what's the warranty on X and do they come in wide?"): its answer comes first."""
    m = aspect.asked.search(text)
    return m is not None and m.start() < len(text) // 3 and "?" in text[m.end() :]


def _prepended(body: str, said: str) -> str:
    if "\n" in body.split("\n\nRecommended for you:", maxsplit=1)[0]:  # a list keeps its place; the part follows it
        return append_line(body, said)
    return f"{said} {body}"


def product_of(skus: Sequence[str], by_sku: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    return next((by_sku[s] for s in skus if s in by_sku), None)


def fill_lost_parts(
    reply: Reply, text: str, request: Request | None, state: ConversationState, kb: KnowledgePort
) -> Reply:
    """The turn's reply with every lost part answered (the product is the request's, else the one under discussion)."""
    if not asked_aspects(text) or reply.flags & SKIP_FLAGS:
        return reply
    catalog = kb.products()
    skus = list(request.skus if request is not None else []) or [s["sku"] for s in reply.sources if s.get("sku")]
    skus = skus or state.skus[:1]
    product = product_of(skus, products_by_sku(catalog, skus)) if skus else None
    kind = str(product.get("category") or "") if product is not None else ""
    used: list[Hit] = []
    body, added = completed(text, reply.text, lambda q: kb.search(q, k=4), product, kind, used)
    if not added:
        return reply
    reply.text = body
    reply.flags |= {Flag.MULTI_PART}
    known = {s.get("doc_id") for s in reply.sources}
    reply.sources = reply.sources + [hit_source(h) for h in used if h.doc_id not in known][:2]
    return reply
