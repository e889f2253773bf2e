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
from typing import Any

from bot.core.answer_check import append_line, unsure_line
from bot.core.lookups import products_by_sku
from bot.core.part_aspects import RETURN_ANY, Aspect, asked_aspects
from bot.core.payment_methods import method_line
from bot.core.places import POSTAL, places_in
from bot.core.policy_tables import plain
from bot.core.ports import KnowledgePort
from bot.core.promises import PROMISE_REQUEST_REPLY
from bot.core.referent import kind_word
from bot.core.sentences import split_sentences
from bot.core.turn import hit_source, passage
from bot.domain import ConversationState, Flag, Hit, Reply, Request, RequestKind

Search = Callable[[str], list[Hit]]


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
HAND_OFF_LINE = re.compile(r"I've opened request number \S+ for our team.*?as soon as they can\.", re.S)
UNSURE_PART = re.compile(r"I'm not sure about \"([^\"]*)\"[^.]*\.", re.I)


# "The listing for the X doesn't give the inseam.": the listing is silent, the shop's size guide may not be
# a question in the reply (a quoted FAQ heading, "Boots: do they come with a warranty?") answers nothing
QUESTION = re.compile(r"[^.?!\n]*\?")
NOT_SAID = re.compile(r"[^.]*\b(?:doesn't|does not|don't|do not) (?:give|mention|say|list|record)\b[^.]*\.", re.I)


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
            sentences = split_sentences(line.strip().lstrip("-* ").strip())
            for n, sentence in enumerate(sentences):
                if _answers(aspect, sentence, kind):
                    if used is not None:
                        used.append(hit)
                    after = [x for x in sentences[n + 1 : n + 2] if aspect.more and aspect.more.search(x)]
                    return " ".join([sentence, *after]).replace("**", "").strip()
    return ""


def _answers(aspect: Aspect, sentence: str, kind: str) -> bool:
    """A statement (not a heading's question, not a table row) that says what the part asks."""
    if aspect.sentence is None or not aspect.sentence.search(sentence) or sentence.endswith("?"):
        return False
    if len(sentence) > 320 or "|" in sentence or sentence.startswith("#"):
        return False
    if not aspect.kind_bound:
        return True
    # the kind named as the rule's subject ("Socks, ..."; "All boots"), not a narrower one ("hemmed jeans")
    kinds = [k for k in kind.split("|") if k]
    return any(re.search(rf"(?<!ed )\b{re.escape(k)}", sentence, re.I) for k in kinds)


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
    if aspect.name == "material" and product is not None:
        return _material(product)
    if aspect.name == "payment_method":  # the payment page's yes/no; nothing when no way to pay is named
        return method_line(search, text)
    said = kb_sentence(aspect, search, kind, used)
    if not said and aspect.name == "returnable":  # no exception names its kind: the shop's general rule
        said = kb_sentence(RETURN_ANY, search, kind, used)
    if not said:
        what = f"{aspect.label} of the {product['name']}" if product is not None and aspect.kind_bound else aspect.label
        return unsure_line([what], quoted=False)
    if aspect.name == "gift_card_amount":
        return gift_card_lead(text, said) + said
    if aspect.name == "restock":
        return f"We don't have a restock date for it. {said}"
    if aspect.name == "inseam":
        hem = _hemming(search, used) if SHORT_LEGS.search(text) else ""
        return f"{_inseam(said, text, product)} {hem}".strip()
    if aspect.name == "store_location":
        return said + _same_state(text, said)
    return said


def _material(product: dict[str, Any]) -> str:
    material = str(product.get("material") or "").strip()
    name = str(product.get("name") or "this product")
    if not material:
        return f"The listing for the {name} doesn't give its material; a person from our team can check it for you."
    return f"The {name} is made of {material}."


def _same_state(text: str, said: str) -> str:
    """ "I'm up in Everett WA": the store the sentence places in the shopper's state ("Seattle (Washington)"), if any."""
    states = [name for name, in_us in places_in(text) if in_us]
    states += [POSTAL[m.group(1)] for m in re.finditer(r"[A-Z][a-z]+,? ([A-Z]{2})\b", text) if m.group(1) in POSTAL]
    for state in states:
        m = re.search(rf"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) \({re.escape(state)}\)", said)
        if m and not re.search(rf"\b{re.escape(m.group(1))}\b", text, re.I):
            return f" The one in {state} is our {m.group(1)} store."
    return ""


# "im a 34 waist but short legs", "they'll be too long on me", "can I get them shortened": hemming answers it
SHORT_LEGS = re.compile(
    r"\bshort(?:er)?[- ]?(?:legs?|legged)\b|\b(?:legs?|inseam)\b[^.?!]{0,15}\bshort(?:er)?\b|\btoo long\b|\bpetite\b"
    r"|\bhem(?:med|ming)?\b|\bshorten\w*|\btake (?:them|it) up\b|\bshorter (?:inseam|length|leg)\b",
    re.I,
)


def _hemming(search: Search, used: list[Hit] | None) -> str:
    """The shop's hemming sentences (price, where, how long), from the first page section that prices it."""
    for hit in search("Jeans: can you hem them? Hemming costs per pair, choose your inseam at checkout"):
        if hit.passage.metadata.get("sku"):
            continue
        line = next((x for x in hit.passage.text.splitlines() if re.search(r"\bhem.*\$\d", x, re.I)), "")
        if line and not line.lstrip().startswith("#"):  # the whole line: its price, where, how long, returns
            if used is not None:
                used.append(hit)
            return plain(re.sub(r"^\s*[-*]\s*", "", line))
    return ""


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
    *,
    of_product: bool = True,
) -> tuple[str, list[str]]:
    """The reply with each lost part answered (appended, or in place of its "not sure" line), and the names of the
    parts added. A reply that answers every part comes back unchanged. A product's own part (what it is made of,
    whether it can be returned) is answered only `of_product`: when the message asks about that one product."""
    lost = lost_aspects(text, reply)
    if not lost:
        return reply, []
    lost.sort(key=lambda a: m.start() if (m := a.asked.search(text)) else 0)  # answered in the order asked
    added: list[str] = []
    body = reply
    front: list[str] = []  # answers of parts asked first, in the order asked
    for aspect in lost:
        if aspect.product and (product is None or not of_product):
            continue  # "jackets made of leather?": a search, no product's part
        said = answer_for(aspect, text, search, product, kind, used)
        if said and said not in body:  # a sentence the reply already holds is not said twice
            said = " ".join(x for x in split_sentences(said) if x not in body)
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
        elif _asked_first(aspect, text) and not _listing(body):
            front.append(said)
        else:
            body = append_line(body, said)
        added.append(aspect.name)
    return " ".join([*front, body]) if front else body, added


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
    return aspect.lead and m is not None and m.start() < len(text) // 3 and "?" in text[m.end() :]


def _listing(body: str) -> bool:
    """A list keeps its place; a part asked before it follows it."""
    return "\n" in body.split("\n\nRecommended for you:", maxsplit=1)[0]


def product_of(skus: Sequence[str], by_sku: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    return next((by_sku[s] for s in skus if s in by_sku), None)


def _hand_off_last(body: str) -> str:
    """A complaint's request and hand-off line stays its last line, after the answers added to it."""
    m = HAND_OFF_LINE.search(body)
    if m is None or not body[m.end() :].strip():
        return body
    return f"{body[: m.start()].rstrip()} {body[m.end() :].strip()} {m.group(0).strip()}"


def fill_lost_parts(
    reply: Reply, text: str, request: Request | None, state: ConversationState, kb: KnowledgePort
) -> Reply:
    """The turn's reply with every lost part answered (the product is the request's, else the one under discussion)."""
    if not asked_aspects(text) or reply.flags & SKIP_FLAGS:
        return reply
    if Flag.COMPLAINT in reply.flags and "?" not in text:
        return reply  # "the zipper on my coat broke": what went wrong, not a question about a zip
    catalog = kb.products()
    skus = list(request.skus if request is not None else []) or [s["sku"] for s in reply.sources if s.get("sku")]
    skus = skus or state.skus[:1]
    product = product_of(skus, products_by_sku(catalog, skus)) if skus else None
    kind = f"{product.get('category') or ''}|{kind_word(product, catalog)}" if product is not None else ""
    of_product = request is not None and request.kind == RequestKind.PRODUCT_FACT and len(set(skus)) == 1
    used: list[Hit] = []
    search = lambda q: kb.search(q, k=4)  # noqa: E731
    body, added = completed(text, reply.text, search, product, kind, used, of_product=of_product)
    if not added:
        return reply
    reply.text = _hand_off_last(body) if Flag.COMPLAINT in reply.flags else body
    reply.flags |= {Flag.MULTI_PART}
    known = {s.get("doc_id") for s in reply.sources}
    reply.sources = reply.sources + [hit_source(h) for h in used if h.doc_id not in known][:2]
    return reply
