"""Plain questions one policy section answers whole, asked right after the premises are checked (#9): a forgotten
password ("forgot my pw, can u just tell me what it is lol": the account page's section, that nobody can see it),
whether the shop price matches ("saw the same jacket cheaper at macys, do u price match?": the pricing page's no
and what care can offer, never a search for jackets), and a discount for a group of people the pages never name
("do u guys do a student discount", military, senior, teacher ...): that we don't offer one, with the discounts the
pages do list (the promo-code rules' percentages, the sales). A remark that this is a bot ("lol ur a bot arent u")
gets the assistant's own word in front. Every fact is read from the pages at run time; a group the pages do name
("... students get 10% off") goes the usual way."""

from __future__ import annotations

import re

from bot.core.contact_channels import IDENTITY_LEAD
from bot.core.gift_cards import gift_card_back
from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort
from bot.core.premise_replies import premise_reply
from bot.core.small_talk import IDENTITY
from bot.core.turn import hit_source
from bot.domain import Author, Flag, Hit, Intent, IntentPrediction, Reply

PW = r"(?:pass ?words?|pw|pwd|pword|passwd|passcode)"
FORGOT_PW = re.compile(
    rf"\b(?:forg[eo]t\w*|lost|can'?t (?:remember|recall|find)|don'?t (?:remember|know)|reset\w*|recover\w*|"
    rf"what(?:'s|s| is| was)|tell me|locked out)\b[^.?!]{{0,30}}?\b(?:my |the |our )?{PW}\b"
    rf"|\b{PW}\b[^.?!]{{0,30}}?\b(?:forg[eo]t\w*|reset|recover|remember)\b",
    re.I,
)
TELL_PW = re.compile(
    rf"\b(?:tell|give|send|show|remind)\s+(?:me\s+)?(?:what (?:it|my \w+) (?:is|was)|my {PW}|it)\b"
    rf"|\bwhat(?:'s|s| is| was) my {PW}\b",
    re.I,
)
PRICE_MATCH = re.compile(
    r"\bprice[- ]?match\w*|\bmatch(?:ing)?\b[^.?!]{0,25}\b(?:prices?|price tags?)\b|\bbeat (?:their|that|the|a) price\b",
    re.I,
)
GROUP = (
    r"(?:student|college|university|military|army|veteran|vet|senior|senior citizen|pensioner|oap|teacher|educator|"
    r"nurse|healthcare|health care|medical|doctor|first responder|nhs|police|firefighter|key worker|employee|youth)"
)
GROUP_DISCOUNT = re.compile(
    rf"\b(?P<g>{GROUP})s?'?\s+(?:discount|deal|offer|pricing|price|rate|code|promo)s?\b"
    rf"|\b(?:discount|deal|offer|code)s?\s+for\s+(?:a\s+|an\s+)?(?P<f>{GROUP})s?\b"
    rf"|\b(?:give|offer|do)\s+(?P<o>{GROUP})s?\s+(?:a\s+)?(?:discount|\d{{1,2}}\s?% off)\b",
    re.I,
)
BOT_SAID = re.compile(
    r"\b(?:ur|you'?re|you are|u r|u are)\s+(?:just\s+)?(?:a|an)\s+(?:bot|robot|ai|machine|chat ?bot)\b", re.I
)
NEGATED = re.compile(r"\b(?:do not|don't|does not|doesn't|never|cannot|can't)\b", re.I)


def premise_or_plain(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """An invented premise corrected (premise_replies.py), else a plain question one section answers, else None."""
    return premise_reply(kb, text, pred) or plain_ask_reply(kb, text, pred)


def plain_ask_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """The section's answer to a forgotten password, a price match or a group discount asked; None otherwise."""
    for check, intent in (
        (_password, Intent.ACCOUNT),
        (_price_match, Intent.PAYMENT),
        (_group_discount, Intent.PAYMENT),
        (gift_card_back, Intent.PAYMENT),  # "can i return a gift card or get the cash back"
    ):
        found = check(kb, text)
        if found is not None:
            said, hits = found
            if IDENTITY.search(text) or BOT_SAID.search(text):
                said = [IDENTITY_LEAD, *said]  # "lol ur a bot arent u. whatever, ...": the assistant's own word
            sources = [hit_source(h) for h in hits]
            return Reply(
                text=" ".join(said),
                sources=[s for n, s in enumerate(sources) if s not in sources[:n]],
                flags={Flag.STRUCTURED, Flag.FROM_DATA},
                intent=pred.intent if pred.intent != Intent.OUT_OF_SCOPE else intent,
                confidence=max(pred.confidence, 0.9),
                author=Author.TEMPLATE,
            )
    return None


def _password(kb: KnowledgePort, text: str) -> tuple[list[str], list[Hit]] | None:
    """ "forgot my pw, can u just tell me what it is": the account page's forgotten-password section whole."""
    if not FORGOT_PW.search(text):
        return None
    page = find(kb, "I forgot my password, reset link", r"\breset link\b|\bForgot password\b")
    if not page.sentences:
        return None
    lead = ["I can't tell you your password."] if TELL_PW.search(text) else []
    return [*lead, *page.sentences], _hits(page)


def price_match_lines(kb: KnowledgePort) -> tuple[list[str], list[Hit]] | None:
    """The pricing page's price-match lines (competitors' prices, what care offers), "No" first when they refuse."""
    page = find(kb, "Do you price match? competitors' prices", r"\bcompetitors'? prices\b")
    said = [s for s in page.sentences if re.search(r"\bcompetitors'? prices\b|\bone-time\b", s)]
    if not said:
        return None
    no = any(NEGATED.search(s) and re.search(r"\bcompetitors'? prices\b", s) for s in said)
    return (["No, we don't price match."] if no else []) + said, _hits(page)


def _price_match(kb: KnowledgePort, text: str) -> tuple[list[str], list[Hit]] | None:
    """ "do u price match?", "will you match amazon's price on these jeans?": a policy question, not a search."""
    return price_match_lines(kb) if PRICE_MATCH.search(text) else None


def _group_discount(kb: KnowledgePort, text: str) -> tuple[list[str], list[Hit]] | None:
    """ "do u do a student discount": none when the pages never name the group; the discounts they do list."""
    m = GROUP_DISCOUNT.search(text)
    if m is None:
        return None
    group = (m.group("g") or m.group("f") or m.group("o")).lower()
    named = re.compile(
        rf"\b{re.escape(group)}s?\b[^.]*\b(?:discount|\d+\s?% off|codes?|offer)|\b(?:discount|\d+\s?% off|codes?|offer)\b[^.]*\b{re.escape(group)}s?\b",
        re.I,
    )
    pages = [h.passage.text for h in kb.search(f"{group} discount", k=8) if not h.passage.metadata.get("sku")]
    if any(named.search(page) for page in pages):
        return None  # a page names a discount for the group ("military addresses" names none): its words answer
    codes = find(kb, "How do promo codes work? newsletter subscribers code % off", r"\bnewsletter\b.*\d+\s?% off")
    sales = find(kb, "When are your sales? Summer Sale Annual Sale runs", r"\bsale\b.*\bruns\b")
    offers = [s for s in codes.sentences if re.search(r"\d+\s?% off", s)]
    offers += [s for s in sales.sentences if re.search(r"\bsale\b", s, re.I) and re.search(r"\bruns?\b|\bstarts?\b", s)]
    said = [f"We don't offer a {group} discount: it isn't among the discounts our pages list."]
    if offers:
        said.append("The discounts we do have: " + " ".join(offers))
    return said, _hits(codes, sales) if offers else []


def _hits(*pages: Page) -> list[Hit]:
    return [p.hit for n, p in enumerate(pages) if p.hit is not None and p.hit not in [q.hit for q in pages[:n]]]
