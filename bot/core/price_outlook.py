"""Will the price go down? No forecast (the shop's data holds none): the pricing page's own words on how prices
change, its rule for a price that drops after an order, and whether a sale is on today (bot.core.sale_dates). A
price that already dropped ("it went down after I bought it") is the price-drop rule's question, not this one."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.sale_dates import sale_reply
from bot.domain import Hit

# a future ("will", "going to", "soon", "wait for") and a price that falls; "went down" / "dropped" are past
ASKS_OUTLOOK = re.compile(
    r"\b(?:will|would|going to|gonna|might|could|may|ever|expect\w*|predict\w*|likely|chance|wait(?:ing)?|soon|later|"
    r"next (?:week|month))\b[^?.!]{0,50}\b(?:go(?:es|ing)? down|come down|drop|fall|decrease|lower(?:ed)?|"
    r"get cheaper|be cheaper|cheaper|be reduced|go on sale|be on sale|be discounted|price drop)\b",
    re.I,
)
# a price drop's refund ("will the price drop be refunded?", "...do I get the difference?") is the price-drop rule's
DROP_REFUND = re.compile(r"\b(?:refund\w*|difference|money back|adjust\w*|price match\w*)\b", re.I)
DROP_RULE = re.compile(r"\b(?:drops?|match\w*|order)\b", re.I)
PRICE_SAID = re.compile(r"\b(?:price[sd]?|cost|cheaper|on sale|discount\w*|reduced)\b", re.I)
LEAD = "I can't predict whether or when a price will change."
CHANGE_QUERY = "Why did the price change pricing system updates prices regularly demand stock"
DROP_QUERY = "Do you price match price drops after an order was placed adjust promo code"


def asks_outlook(text: str) -> bool:
    """ "Will the jeans go down in price?", "should I wait for the coat to get cheaper?"."""
    return bool(ASKS_OUTLOOK.search(text)) and bool(PRICE_SAID.search(text)) and not DROP_REFUND.search(text)


def price_outlook(kb: KnowledgePort, text: str, today: dt.date) -> tuple[str, list[Hit]] | None:
    """The lead, how prices change, the price-drop rule and the sale today; None when the pages say none of it."""
    if not asks_outlook(text):
        return None
    change = find(kb, CHANGE_QUERY, r"\bpric(?:es?|ing)\b")
    drop = find(kb, DROP_QUERY, r"\bprice drops?\b|\bdrops? later\b")
    rule = drop.first(r"\bdrops?\b")
    # how prices move: the section's sentence on prices that is not the price-drop rule about placed orders
    how = next((x for x in change.sentences if re.search(r"\bpric", x, re.I) and not DROP_RULE.search(x)), "")
    if not how and not rule:
        return None
    out = [LEAD] + [s for s in (how, rule) if s]
    offer = drop.first(r"\bpromo code\b")
    if rule and offer and offer != rule:
        out.append(offer)
    hits = [h for h in (change.hit if how else None, drop.hit if rule else None) if h is not None]
    sale = sale_reply(kb, "is there a sale on now?", today)
    if sale is not None:  # "Yes, the Annual Sale is on now" answers "is the sale on", not this question
        out.append(re.sub(r"^(?:Yes|No), (\w)", lambda m: m.group(1).upper(), sale[0]))
        hits += sale[1]
    return " ".join(out), hits
