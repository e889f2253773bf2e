"""The last gate on a model-composed reply: it must answer THIS question about the right subject.

The verifier (bot/core/verify.py) checks that each fact of a reply is the grounding's, bound the way the
grounding binds it. What it cannot see is whether the reply is an answer at all:

- an echo: the reply hands the shopper's own words back ("Seattle store hours today." to "seattle store hours
  today? and can i bring back something i ordered online there", "This is your wool coat." to "wheres my wool
  coat at"): nothing in it is new, and the message asked for something (a wh-question, or a yes/no question
  the reply does not restate);
- a yes or no where nothing was asked ("Yes, the dress is available in navy." to "you sent black, i want the
  right one"), or one bare yes for two yes/no questions ("did the refund go through and do I get the $20
  back too?" - "Yes, ..." says yes to both);
- the wrong kind of product: a reply to "any mens flannels in medium" that names the Sable jeans (by their
  name or by brand and model word, "The Tommy Hilfiger Sable in medium wash") answers about something else.

Each problem sends the turn to the fallback (the reply from the data, or "not sure" and a person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.core.echo import echoes
from bot.core.facts import names_in

# a kind of product the shopper asks for, and the words of a product name that make a product of that kind
KINDS: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "flannel": "flannel",
        "jeans": "jeans",
        "denim": "jeans denim",
        "chino": "chinos chino pants trousers",
        "trouser": "pants trousers chinos chino jeans",
        "pant": "pants trousers chinos chino jeans",
        "coat": "coat overcoat parka peacoat jacket puffer",
        "jacket": "jacket coat parka puffer overcoat peacoat",
        "parka": "parka",
        "peacoat": "peacoat",
        "overcoat": "overcoat coat",
        "puffer": "puffer",
        "dress": "dress",
        "shirt": "shirt t-shirt tee button-down button-up flannel polo oxford",
        "tee": "tee t-shirt",
        "t-shirt": "tee t-shirt",
        "sweater": "sweater cardigan quarter-zip crewneck pullover jumper knit",
        "cardigan": "cardigan",
        "boot": "boots boot",
        "glove": "gloves",
        "belt": "belt",
        "beanie": "beanie",
        "hat": "hat cap beanie",
        "cap": "cap",
        "sock": "socks",
        "scarf": "scarf",
    }.items()
}
_PRODUCT_WORDS = frozenset(KINDS).union(*KINDS.values())
_BRAND_WORDS = frozenset("men's women's mens womens unisex the".split())  # noqa: SIM905
_YES_NO = re.compile(
    r"^\W*(?:and|also|so|but|ok|okay|hi|hey|hello|please)?\W*"
    r"(?:do|does|did|is|are|was|were|can|could|will|would|have|has|any|should|may)\b",
    re.I,
)
_PARTS = re.compile(
    r"[?.!\n;]+|,?\s+\band\b\s+(?=(?:do|does|did|is|are|was|were|can|could|will|would|have|has)\b)", re.I
)
_ORDER_LINE = re.compile(r"\bOrder ORD-\d+ placed on\b")
_OWN_STATE = re.compile(
    r"\b(?:your|my)\s+(?:\w+\s+){0,3}?(?:order|package|parcel|delivery|refund)\s+(?:has|is|was|'s|’s)\s+(?:already\s+|now\s+|"
    r"still\s+|been\s+)*(?:shipped|delivered|on (?:its|the) way|in transit|out for delivery|cancell?ed|returned|"
    r"dispatched|arrived)\b(?!\s+(?:within|in \d|by|after|once|when|as soon|if|unless))|\bORD-\d+\s+(?:has|is|was)\s+(?:already\s+|now\s+|still\s+|been\s+)*\w+",
    re.I,
)
_CONDITION_BEFORE = re.compile(r"\b(?:once|when|after|if|until|before|as soon as|unless|while)\s+$", re.I)
_LEADING_YES_NO = re.compile(r"^\W*(?:yes|no|yep|nope|yeah)\b", re.I)
_NEGATIVE = re.compile(r"\b(?:not|no|never|cannot)\b|n[’']t\b", re.I)


def gate_problems(reply: str, question: str, *, grounding_text: str = "", known_names: Sequence[str] = ()) -> list[str]:
    """Why the composed reply does not answer this question about the right subject (empty: it does)."""
    problems = ["echoes the question"] if echoes(reply, question, names=known_names) else []
    return problems + subject_problems(reply, question, grounding_text=grounding_text, known_names=known_names)


def subject_problems(
    reply: str, question: str, *, grounding_text: str = "", known_names: Sequence[str] = ()
) -> list[str]:
    """The yes/no, product-kind and order-state problems (the echo is its own check)."""
    problems = yes_no_problems(reply, question) + wrong_kind(reply, question, grounding_text, known_names)
    return problems + unrecorded_state(reply, grounding_text)


def unrecorded_state(reply: str, grounding_text: str) -> list[str]:
    """ "Your order has shipped" with no order line in the grounding: a state nobody looked up."""
    if _ORDER_LINE.search(grounding_text):
        return []  # the order records check the state (meaning/orders.py)
    return [
        f"gives an order a state no order line gives: {m.group(0)!r}"
        for m in _OWN_STATE.finditer(reply)
        if not _CONDITION_BEFORE.search(reply[: m.start()])  # "once your order has shipped, ...": a rule
    ][:1]


def yes_no_parts(question: str) -> list[str]:
    """The parts of a message that ask a yes/no question."""
    return [p.strip() for p in _PARTS.split(question) if p and _YES_NO.match(p)]


def yes_no_problems(reply: str, question: str) -> list[str]:
    """A leading yes or no must answer a yes/no question, and only one."""
    if not _LEADING_YES_NO.match(reply):
        return []
    parts = yes_no_parts(question)
    if not parts:
        return ["answers yes or no where no yes/no question was asked"]
    rest = _LEADING_YES_NO.sub("", reply, count=1)
    said = len(re.findall(r"\b(?:yes|no|both)\b", rest, re.I)) + len(_NEGATIVE.findall(rest))
    if len(parts) >= 2 and said == 0:
        return [f"one bare {reply.split(maxsplit=1)[0].strip(',.!').lower()} for {len(parts)} yes/no questions"]
    return []


def asked_kinds(question: str) -> set[str]:
    """The kinds of product the question names (flannel, jeans, coat...)."""
    out = set()
    for w in re.findall(r"[a-z][a-z-]+", question.lower()):
        for form in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w):
            if form in KINDS:
                out.add(form)
    return out


def wrong_kind(reply: str, question: str, grounding_text: str, known_names: Iterable[str]) -> list[str]:
    """Products the reply names (in full, or by brand and model word) that are not of a kind the question asks for."""
    kinds = asked_kinds(question)
    if not kinds or not grounding_text:
        return []
    allowed = set().union(*(KINDS[k] for k in kinds))
    out = []
    for name in sorted(set(names_in(grounding_text, known_names))):
        words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", name)}
        if not words & _PRODUCT_WORDS:
            continue  # a brand, not a product
        if words & allowed or not _named(reply, name, known_names):
            continue
        out.append(f"names {name}, not a {' or '.join(sorted(kinds))}")
    return out


def _named(reply: str, name: str, known_names: Iterable[str]) -> bool:
    """The reply names the product: its whole name, or its model word (capitalised, as a name) with its brand."""
    if name.lower() in reply.lower():
        return True
    brands = [b for b in names_in(name, known_names) if b != name and len(b) < len(name)]
    brand = max(brands, key=len) if brands else " ".join(name.split()[:1])
    if brand.lower() not in reply.lower():
        return False
    rest = [w for w in name[len(brand) :].split() if w.lower() not in _BRAND_WORDS] if name.startswith(brand) else []
    return bool(rest) and bool(re.search(rf"\b{re.escape(rest[0])}\b", reply))
