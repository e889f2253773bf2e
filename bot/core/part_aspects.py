"""The kinds of part a message can ask beside its main question (the warranty, the inseam, import duties, the
gift-card amounts, stacking codes, a restock date, the stores and their hours, returning in a store or from abroad,
a promise, a zip, hood or pockets, what an item is made of, whether it can be returned): how each is asked, how a
reply shows it answered, and where its answer is. `lost_parts` answers the ones a reply left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.payment_methods import PAY_WITH, TAKE
from bot.core.places import places_in


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
    unless: re.Pattern[str] | None = None  # a message this matches does not ask it ("is customer care open Sunday?")
    abroad: bool = False  # asked only with a place outside the US named ("how do I send it back from Dublin?")
    more: re.Pattern[str] | None = (
        None  # a sentence after the answering one that belongs to it (the fee after the label)
    )
    product: bool = False  # asked of the product under discussion only (none known: not asked)
    lead: bool = True  # answered before the reply when asked first (the international return terms follow it)


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
        "store_location",
        _re(
            r"\b(?:stores?|shops?|branch\w*|locations?)\b[^?.]{0,25}\b(?:near|close to|nearby|around|in my area)\b"
            r"|\b(?:nearest|closest|nearby|local)\s+(?:stores?|shops?|branch\w*|locations?)\b"
            r"|\bwhere (?:are|is) (?:your|the) (?:stores?|shops?|locations?)\b|\b(?:physical|real) (?:stores?|shops?)\b"
            r"|\b(?:do|does) (?:you|northwind\w*) have (?:a |any )?(?:stores?|shops?)\b|\bwhich (?:stores?|cities)\b"
        ),
        _re(r"\bPortland\b[^.]*\bSeattle\b[^.]*\bChicago\b|\b(?:our|a) stores? in [A-Z]"),
        "Our stores: where are the Northwind Threads stores?",
        _re(r"\bstores\b.*\bPortland\b.*\bSeattle\b"),
        label="our stores",
    ),
    Aspect(
        "store_hours",
        _re(
            r"\bstore hours\b|\b(?:store|stores|shop) (?:open|close|opening|closing)\b|\bwhen (?:does|do|is) (?:the |your )?\w* ?stores? (?:open|close)"
            r"|\b(?:open|close|closing|opening)\b[^?.]{0,15}\b(?:sundays?|saturdays?|weekends?|today|tonight|tomorrow|late|hours|times?)\b"
        ),
        _re(r"\bSunday\b[^.]*\d"),
        "What are the store hours in Portland, Seattle and Chicago?",
        _re(r"\bstores?\b.*\bSunday 11"),
        label="the store hours",
        unless=_re(
            r"^(?!.*\b(?:stores?|shops?)\b)|\b(?:customer (?:care|service)|support|phone|call|chat|agent|person|line)\b"
        ),
    ),
    Aspect(
        "store_return",
        _re(
            r"\b(?:return|bring|drop|take)\w*\b(?:\s+\S+){0,8}\s+(?:in|at|to)\b(?:\s+(?:the|a|your|one of your))?(?:\s+\w+)?\s*(?:store|stores|shop)\b|\b(?:return|bring|drop)\w*\b[^?.]{0,50}\bthere\b(?=\s*(?:[?.!,]|$|and\b|too\b))"
        ),
        _re(  # "No, we don't have a store in Boston": the premise denied answers it
            r"\bin store\b|\bstores?\b[^.]{0,80}\breturn|\breturn\w*[^.]{0,80}\bstores?\b|\bbring the item\b"
            r"|\bdon't have a store in\b"
        ),
        "Can I return an online order in one of your stores?",
        _re(r"\bIn store\b.*\bbring the item\b|\bbring the item\b.*\bstore\b"),
        label="returning it in a store",
        unless=_re(
            r"\b(?:ups|fedex|usps|dhl|post(?:al)?|post office)\s+(?:office\s+)?(?:stores?|shops?)\b"
        ),  # a carrier's
    ),
    Aspect(
        "abroad_return",
        _re(r"\b(?:return\w*|refund\w*)\b|\b(?:send|sending|ship|mail|post)\b[^.?!]{0,30}\bback\b"),
        _re(r"\bDHL\b[^.]*\breturn|\breturn\w*[^.]*\bDHL\b|\binternational returns?\b|\boutside the United States\b"),
        "International returns: customers outside the United States, DHL Express return label, return shipping fee",
        _re(r"\boutside the United States\b[^.]*\breturn label\b"),
        label="returning it from abroad",
        abroad=True,
        more=_re(r"\breturn shipping fee\b"),
        lead=False,
    ),
    Aspect(
        "returnable",
        _re(
            r"\b(?:can|could|may) (?:i|you|we) (?:still )?(?:return|send (?:it|them|these|those|this) back)\b|\breturnable\b"
            r"|\bcan (?:it|they|these|this|those) be returned\b"
        ),
        _re(r"\breturn|\bsend\w* back|\brefund|\bexchang"),
        "Which items cannot be returned? Socks, monogrammed items, hemmed jeans, gift cards",
        _re(r"\bcannot be returned\b"),
        kind_bound=True,
        label="returning it",
        product=True,
    ),
    Aspect(
        "material",
        _re(r"\bmade (?:of|out of|from|with)\b|\bmaterials?\b|\bfabrics?\b|\bwhat(?:'s| is) (?:it|this|that) made\b"),
        _re(r"\bmade (?:of|from|out of)\b|\bmaterials?\b|\bfabric\b|\d+%"),
        label="what it is made of",
        product=True,
    ),
    Aspect(
        "promise",
        _re(
            r"\b(?:can|could|will) (?:you|u) (?:promise|guarantee)\b|\b(?:promise|guarantee) me\b|\bdo you (?:promise|guarantee)\b"
        ),
        _re(r"\bpromise\b|\bguarantee\b"),
        label="a promise",
    ),
    Aspect(
        "payment_method",  # "do you even take amex?? mine keeps getting declined": the yes/no beside the steps
        re.compile("|".join(p.pattern.replace("?P<m>", "") for p in (TAKE, PAY_WITH)), re.I),
        _re(r"\b(?:we|do not|don't) accept\b|\bnot listed among the payment methods\b"),
        label="paying that way",
    ),
    Aspect(  # "the black quarter zip", "a zip-up hoodie": the item's name, not a question about its zip
        "zip",
        _re(
            r"(?<!quarter[ -])(?<!half[ -])(?<!full[ -])\bzip(?:per|pers|ped)?\b(?![ -]?up\b)(?!\s*(?:hoodie|jacket|fleece)s?\b)"
        ),
        _re(r"\bzip"),
        label="a zip",
    ),
    Aspect("hood", _re(r"\bhood(?:ed|s)?\b"), _re(r"\bhood"), label="a hood"),
    Aspect("pockets", _re(r"\bpockets?\b"), _re(r"\bpocket"), label="pockets"),
)


def asked_aspects(text: str) -> list[Aspect]:
    """The kinds of part the message asks, in the order of the table (a product's own part only with a product:
    `lost_parts` drops it when none is known)."""
    abroad = any(not in_us for _name, in_us in places_in(text))
    return [
        a
        for a in ASPECTS
        if a.asked.search(text) and not (a.unless and a.unless.search(text)) and (abroad or not a.abroad)
    ]


# "can I return them?" about a kind no exception names: the shop's general rule, the windows by level
RETURN_ANY = Aspect(
    "returnable",
    _re(r"\breturn"),
    _re(r"\breturn"),
    "What is your return policy? return items for any reason within your return window",
    _re(r"\breturn items for any reason\b"),
    label="returning it",
)
