"""An FAQ entry whose question is the shopper's question: its whole answer is the reply.

The extractive picker scores sentences one by one, so an FAQ answer that covers several options in several
sentences loses to whichever single sentence reads closest to the question: "how much is shipping?" got only
"International shipping is a flat $25.00 ..." out of the entry "How much does shipping cost?", whose answer
lists the US options first. When the shopper's question is that entry's own question (by meaning, against the
heading's question alone, not the "Page > Heading" line), the page's author wrote the answer for it: it is
quoted in its order, whole up to a few sentences. Not for a follow-up (its own words ask something narrower),
and not when the question names a level, shipping option or place the entry's answer does not mention,
nor a place abroad (the sentences on its side of the border answer it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.asked import AskedDetail, details
from bot.core.places import places_in
from bot.domain import Hit

SAME_FAQ = 0.85  # the question's similarity to the FAQ heading's question alone (MiniLM cosine)
MAX_SENTENCES = 4
FAQ_HEADER = re.compile(r"^FAQ\b.* > (?P<question>[^>]+\?)$", re.I)


def faq_question(header: str) -> str:
    """The question of an FAQ chunk's header line ("FAQ – Orders and Shipping > How much does shipping cost?")."""
    found = FAQ_HEADER.match(header.strip())
    return found.group("question").strip() if found else ""


def whole_answer(
    found: Sequence[tuple[int, int, str]],
    similarity: Sequence[float],
    detail: AskedDetail,
    follow_up: bool,
) -> list[int] | None:
    """The indexes (into `found`: rank, position, sentence) of the FAQ answer to quote whole, or None.

    `similarity[rank]`: the question against that passage's FAQ question (0.0 when it has none)."""
    if follow_up or not similarity:
        return None
    rank = max(range(len(similarity)), key=lambda r: similarity[r])
    if similarity[rank] < SAME_FAQ:
        return None
    mine = [i for i, (r, _, _) in enumerate(found) if r == rank]
    text = " ".join(found[i][2] for i in mine)
    if not mine or detail.named - details(text):
        return None  # "how much is shipping for Gold members?": an answer that never says Gold is not its answer
    if detail.abroad or (detail.place and not re.search(rf"\b{re.escape(detail.place)}\b", text, re.I)):
        return None  # a place abroad: the sentences on its side of the border answer (AskedDetail), not the US ones
    return sorted(mine, key=lambda i: found[i][1])[:MAX_SENTENCES]


# A general question in the shopper's words, read as the FAQ's own wording of it: "do you charge for shipping",
# "what are your shipping rates?", "is there a delivery fee?" ask "How much does shipping cost?"; "what's the policy
# on returns", "whats ur returns policy?" ask "What is your return policy?". The FAQ entry with that very heading
# answers it (`asked_faq`); a wording that is no FAQ heading changes nothing.
_WHO = r"(?:you|u|ya|y'?all|they)(?: guys| folks)?"
_COST_FORMS = (
    rf"(?:do|does|will|would) {_WHO} (?:charge|make (?:me|us|people) pay) (?:for|to|on) (?P<t>.+)",
    rf"(?:what|how much) (?:do|does|will|would) {_WHO} charge (?:for|to|on) (?P<t>.+)",
    r"what(?:'s| is| are|s| r) (?:your|ur|the) (?P<t>.+?) (?:rates?|fees?|costs?|prices?|charges?|pricing)",
    r"(?:is|are) there (?:a|an|any) (?P<t>.+?) (?:fees?|charges?|costs?)",
    r"(?:what|how much) (?:does|do|will) (?P<t>.+?) cost(?: me)?",
    r"(?:do|will) i (?:have to )?pay (?:for|to) (?P<t>.+)",
    r"how much (?:is|are|for) (?P<t>(?:the )?(?:shipping|delivery|postage))",  # the bare topic only, never "is it"
)
_POLICY_FORMS = (
    r"what(?:'s| is|s) (?:your|ur|the) (?P<t>\w+) polic(?:y|ies)",
    r"what(?:'s| is|s| are) (?:your|ur|the) polic(?:y|ies) (?:on|for|about) (?P<t>\w+)",
    r"(?:tell me about|explain|can you explain|can i see|can i read) (?:your|ur|the) (?P<t>\w+) polic(?:y|ies)",
    r"how (?:do|does) (?:your |ur |the )?(?P<t>refunds?) work",
)
_FILLER = re.compile(r"^(?:hi|hey|hello|so|ok|okay|quick question)[,!. ]+|\b(?:please|pls|plz)\b|[?.!\s]+$", re.I)
_SHIPPING = re.compile(
    r"^(?:to |the )?(?:ship(?:ping)?|deliver(?:y|ies)?|postage)(?: (?:an|my|your|the) orders?)?$", re.I
)
_OWN = re.compile(r"\b(?:it|that|this|them|those|these|my|one|\d+|\$)", re.I)
_POLICY_TOPICS = {"return": "return", "returns": "return", "refund": "refund", "refunds": "refund"}


def canonical(text: str) -> list[str]:
    """The FAQ's wordings of a general cost or policy question ("How much does shipping cost?"; "How much do
    returns cost?" is also "Are returns free?"), or [] when the message is no such question or names anything that
    narrows it (a level, option, place, item or amount)."""
    said = _FILLER.sub("", _FILLER.sub("", text.strip())).strip().lower()
    if len(said) > 80 or details(said) or places_in(said):
        return []
    for form in _COST_FORMS:
        if (m := re.fullmatch(form, said)) and not _OWN.search(m.group("t")):
            topic = m.group("t").strip()
            if _SHIPPING.match(topic):
                return ["How much does shipping cost?"]
            if not re.fullmatch(r"[a-z]+(?: [a-z]+)?", topic):
                return []
            plural = topic.endswith("s") and not topic.endswith("ss")
            return [
                f"How much {'do' if plural else 'does'} {topic} cost?",
                f"{'Are' if plural else 'Is'} {topic} free?",
            ]
    for form in _POLICY_FORMS:
        if (m := re.fullmatch(form, said)) and (topic := _POLICY_TOPICS.get(m.group("t"))):
            return [f"What is your {topic} policy?"]
    return []


def own_words(own: str, question: str) -> str:
    """A follow-up's own words, '' when they ask the question itself (the same words, or its FAQ wording)."""
    if not own.strip() or own.strip().lower() == question.strip().lower() or question in canonical(own):
        return ""
    return own


def heading_of(hit: Hit) -> str:
    """The FAQ question of a hit's passage (its header line), '' when it is no FAQ entry."""
    return faq_question(hit.passage.text.split("\n", 1)[0])
