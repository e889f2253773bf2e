"""What the shop sells, asked of the shop as a whole (#9): "what do u guys even sell", "what kind of stuff do you
carry?", "what is this store?" got "not sure" (no catalog search fits a question with no kind in it, and no FAQ is
headed so). The shop's about page answers it: its opening sentences (what the shop is, the kinds and for whom, the
brands), read at run time, with an invitation to name a kind, size, colour or budget. A question that names a kind,
brand or other subject ("what jeans do you sell?", "what brands do you carry?", "what sizes do you have?") is not
this one and keeps its own answer."""

from __future__ import annotations

import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.turn import hit_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply

_SHOP = (
    r"(?:you|u|ya|y'?all|you guys|u guys|you all|your (?:shop|store|site|company)|(?:the|this) (?:shop|store|site|place)"
    r"|northwind(?: threads)?)"
)
_GOODS = r"(?:stuff|things|products|items|clothes|clothing|merch\w*|goods)"
WHAT_SOLD = re.compile(
    rf"^\W*(?:(?:so|ok(?:ay)?|and|but|um+|uh+|like)\W+)*(?:what|wat|wut)(?: (?:kinds?|sorts?|types?) of| kinda| sorta)?(?: {_GOODS})?"
    rf" (?:do|does|can) {_SHOP}(?: guys| all)?(?: (?:even|actually|really|guys|all|usually))*"
    r" (?:sell|carry|have|stock|offer|do)(?: (?:here|there|online|on (?:this|your|the) (?:site|website|app)|exactly|anyway|lol))*\W*$"
    rf"|^\W*(?:what|wat)(?:'s| is) (?:this|{_SHOP})(?: (?:shop|store|site|company))?\W*(?:about)?\W*$"
    rf"|^\W*what (?:kind|sort|type) of (?:shop|store|site|company) is (?:this|it|{_SHOP})\W*$"
    rf"|^\W*(?:tell me|what'?s) about {_SHOP}\W*$",
    re.I,
)
SOLD_QUERY = "About Northwind Threads: what we sell, an online clothing store, our brands"
INVITE = "Tell me what you're looking for (a kind of item, a size, a colour or a budget) and I'll search the catalog."


# a greeting or "first time here" before the question ("morning! first time here, what kind of stuff do you sell?")
PREAMBLE = re.compile(
    r"^\W*(?:(?:hi|hey|hello|hiya|yo|howdy|greetings|(?:good )?(?:morning|afternoon|evening)|gm|there|all|folks|guys"
    r"|first time (?:here|shopping(?: (?:here|with you))?|on (?:here|this site))|(?:i'?m |im )?new (?:here|to (?:this|you))"
    r"|(?:i )?just (?:found|discovered) (?:you|this (?:site|shop|store))(?: guys)?|quick question)\b[\s!.,;:-]*)+",
    re.I,
)


def asks_what_sold(text: str) -> bool:
    """The message asks what the shop sells as a whole, and names nothing narrower."""
    said = text.strip()
    return bool(WHAT_SOLD.search(said) or WHAT_SOLD.search(PREAMBLE.sub("", said)))


def overview_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """The about page's opening sentences (what the shop is and sells, the brands), or None when not asked or the
    pages do not say it."""
    if not asks_what_sold(text):
        return None
    page = find(kb, SOLD_QUERY, r"\bwe sell\b", k=12)
    said = [s for s in page.sentences if re.search(r"\b(?:we sell|is an? (?:online )?\w+ (?:store|shop))\b", s, re.I)]
    if page.hit is None or not said:
        return None
    return Reply(
        text=" ".join([*said[:2], INVITE]),
        sources=[hit_source(page.hit)],
        flags={Flag.STRUCTURED, Flag.FROM_DATA},
        intent=Intent.PRODUCT_SEARCH,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
