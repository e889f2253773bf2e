"""Text helpers of the meaning check: sentences, clauses, stems, negation, conditions, values, perks."""

from __future__ import annotations

import re

from bot.core.facts import extract_facts

STOP = frozenset(
    """a an and are as at be been being by can could did do does for from had has have how i if in into is it its me my of on or our ours so than that the their them then there these they this those to us was we were what when where which who whom why will with would you your yours yes no not also just please any all each per via about up out more most some such only very really get gets got here let know sure great happy glad help thanks thank hi hello dear ok okay well they're it's you're we're we'll you'll i'm that's there's we've you've i'll let's here's what's should might must may shall usually typically normally generally simply currently already still even anyway though although because since able go goes going come comes make makes way ways one""".split()  # noqa: SIM905
)
NEG = re.compile(
    r"\b(?:not(?!\s+(?:all|every)\b)|no(?!\s+(?:time limit|limit|minimum|fees?|charge|extra (?:cost|charge)|problem|worries)\b)|never|cannot|can't|won't"
    r"|don't|doesn't|isn't|aren't|wasn't|weren't|didn't|unable|none|nor|neither|closed|nobody|no one|non-[a-z]+)\b|n[’']t\b",
    re.I,
)
PARTICLE = re.compile(
    r"^\s*(?:(?:yes|yep|yeah|no(?=\s*[,.!:;–—-]|\s+(?:we|you|it|they|i|that|there|sorry|unfortunately|problem|worries|doubt|way|matter)\b)|nope|sure|absolutely|of course|unfortunately|sadly|good news|great question|correct|right|sorry|"
    r"i'?m (?:sorry|afraid)(?: not)?|not (?:automatically|necessarily|quite|exactly|really|always|on its own)|unfortunately not|i'm afraid not"
    r"|not (?:for|on|with) (?:this|that|your|an?) (?:order|one|item|purchase|package)(?: any ?more)?)\b[\s,!.:;–—-]*)+",
    re.I,
)
UNLESS = re.compile(r"\b(?:unless|except (?:if|when|for)|except)\b", re.I)
# "since" reads as a reason ("since you're a Silver member, we refund you"), not a condition
IF = re.compile(r"\b(?:only if|if|when|as long as|provided(?: that)?|once)\b", re.I)
LE = re.compile(
    r"\b(?:under|below|less than|fewer than|up to|at most|no more than|within|before|lower than|maximum of|max)\s*\$?\s*$",
    re.I,
)
GE = re.compile(r"\b(?:over|above|more than|at least|after|beyond|minimum of|min|exceeding|from)\s*\$?\s*$", re.I)
GE_AFTER = re.compile(
    r"^\s*(?:USD|dollars?|days?|months?)?\s*(?:or more|or above|or over|and up|and above|or longer|\+|plus)\b", re.I
)
LE_AFTER = re.compile(r"^\s*(?:USD|dollars?|days?|months?)?\s*(?:or less|or under|or fewer|or sooner)\b", re.I)
NO_MORE = re.compile(r"\bno\s+(?:more|later|longer)\s+than\s*\$?\s*$", re.I)
PERKS = {
    "free": ("free", "no charge", "no cost", "complimentary", "at no extra cost", "waived", "waive"),
    "refund": ("refund", "refunded", "money back", "reimburse"),
    "credit": ("store credit", "credit"),
    "discount": ("discount", "% off", "percent off", "coupon", "promo code"),
    "replacement": ("replacement", "replace"),
    "extension": ("extension", "extend"),
    "unlimited": ("unlimited", "no time limit", "never expire", "forever", "any time", "anytime"),
    "guarantee": (
        "guarantee",
        "guaranteed",
        "promise",
        "always",
        "right away",
        "immediately",
        "instantly",
        "same day",
        "priority",
    ),
    "gift": ("free gift", "bonus", "reward points", "cashback", "voucher"),
}
SENT = re.compile(
    r"(?<!\b[A-Z]\.)(?<!\bP\.O\.)(?<!\bD\.C\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<![ap]\.m\.)(?<=[.!?])\s+(?=[A-Z0-9\"'“(*])|\n+"
)
CLAUSE = re.compile(
    r",\s*(?=(?:since|because)\s)|,\s*(?=(?:never|not|no|cannot|can't|don't|doesn't)\b)|\s+and\s+(?=(?:never|cannot|can't|don't|doesn't|do not|does not|is not|are not|isn't|aren't)\b)|\s*;\s*|\s*[–—]\s+|\s+-\s+|,\s*(?=(?:and|but|while|whereas|or|so)\s)|,\s+(?=[A-Z])|:\s+(?=[A-Z])"
)
QTY_NOUN = re.compile(r"(?<![\d.,$])(?<!ORD-)(\d+)\s+(?!or\b|and\b|to\b|of\b|per\b|in\b|a\b|the\b)([a-z]{3,})", re.I)
QTY_RANGE = re.compile(r"(\d+)\s*(?:-|–|to)\s*(\d+)\s+([a-z]{3,})", re.I)
HARD = (
    "binding",
    "direction",
    "polarity",
    "condition",
    "perk",
    "swap",
    "new_name",
    "yesno",  # the answer word against the question (meaning/answer.py)
    "product",  # a product's price, colour or stock bound to the fact line (meaning/products.py)
    "order",  # an order's state, shipping, carrier, date or amount bound to its order line (meaning/orders.py)
    "copula",  # "the phone number is your ZIP code": two items of one list said to be the same (meaning/terms.py)
    "promise",  # a promise about the future the data does not make (meaning/terms.py)
    "word",  # an ordinary word swapped for its opposite, or a claim about all of a group (meaning/lexical.py)
    "unrelated",  # not one of the sentence's own words is the shop's ("I'm sorry for your loss" to a forgotten password)
    "list",  # a list given as whole that leaves items out or miscounts them (meaning/lists.py)
    "praise",  # a popularity or evaluative claim the data does not make (meaning/praise.py)
    "contradiction",  # the reply contradicts itself (meaning/consistency.py)
    "action",  # a step, place or time the data does not give ("leave it in your mailbox") (meaning/actions.py)
)  # any one of these rejects the claim
SOFT = ("novel", "cover", "cosine", "q_overlap", "negated", "has_value")  # the logistic model reads these
FEATURES = HARD + SOFT

# ---------------------------------------------------------------- text helpers


def stem(word: str) -> str:
    """A crude stemmer: returns/returned/returning -> return."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if suffix in ("ing", "ed") and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # shipped -> shipp -> ship
            elif suffix in ("ing", "ed") and len(w) >= 6 and w.endswith("ell"):
                w = w[:-1]  # cancelled -> cancell -> cancel (as "cancel"); "spelled" stays "spell"
            return w
    return w[:-1] if w.endswith("e") and len(w) > 4 else w  # change -> chang, as changed -> chang


def content_words(text: str) -> frozenset[str]:
    """Stemmed content words (no stop words, negations or numbers)."""
    text = re.sub(r"n[’']t\b", " not", text.lower())
    return frozenset(stem(w) for w in re.findall(r"[a-z][a-z'-]*[a-z]|[a-z]", text) if len(w) > 2 and w not in STOP)


def sentences(text: str) -> list[str]:
    """Sentences, not split after "P.O.", "U.S.", "a.m.", "e.g."."""
    return [s.strip() for s in SENT.split(text) if s and s.strip()]


def clauses(sentence: str) -> list[str]:
    """Clauses of a sentence; fragments of a list ("Austria, Belgium") stay with their clause, and a list
    that opens a sentence ("Bronze, Silver and Gold members ...") stays with what it says."""
    parts = [p.strip() for p in CLAUSE.split(sentence) if p and p.strip()]
    out: list[str] = []
    pending = ""  # a list of names (or a bare answer word) waiting for the clause that says something about it
    for part in parts:
        words = re.findall(r"\w+", part)
        names_only = bool(words) and all(w[0].isupper() or w in ("and", "or", "the") for w in words)
        bare = not re.findall(r"\w+", PARTICLE.sub("", part))
        if names_only or bare:
            if out and not pending and not bare and len(words) < 3 and not out[-1].endswith(("Yes", "No")):
                out[-1] = f"{out[-1]}, {part}"  # "..., Austria, Belgium"
            else:
                pending = f"{pending}, {part}" if pending else part
            continue
        clause = f"{pending}, {part}" if pending else part
        pending = ""
        if out and len(words) < 3 and not NEG.match(clause):  # "never expires" stands alone: its polarity is its own
            out[-1] = f"{out[-1]}, {clause}"
        else:
            out.append(clause)
    if pending:
        if out:
            out[-1] = f"{out[-1]}, {pending}"
        else:
            out.append(pending)
    return out or [sentence]


_NO_PAY = re.compile(
    r"\b(?:do not|don't|doesn't|does not|won't|will not|never|not)\s+(?:have to\s+|need to\s+)?pay(?: anything| for (?:it|them|this|that))?\b"
    r"|\bno (?:extra )?(?:charge|fee|fees|cost|shipping fee)\b|\bat no (?:extra )?(?:cost|charge)\b",
    re.I,
)


def plain_perks(text: str) -> str:
    """Negations that mean a perk read as the perk: "don't pay", "no fee", "at no charge" -> "free"."""
    return _NO_PAY.sub("free", text)


_PERK_PATTERNS = {
    perk: re.compile("|".join(rf"(?<![\w-]){re.escape(p)}(?![\w-])" for p in phrases))
    for perk, phrases in PERKS.items()
}
_PAYING_CARD = re.compile(r"\b(?:credit|debit)(?:\s+(?:and|or)\s+(?:credit|debit))?\s+cards?\b")
_FEEL_FREE = re.compile(r"feel free|free to (?:ask|contact|reach)|free of charge to ask")


_NOT_PERK = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer|\bcannot)\s+(?:\w+\s+)?(?:free|refund\w*|right away|immediately|guaranteed|"
    r"credit\w*|discount\w*|replace\w*|extend\w*|waive\w*)"
)
_BACK = re.compile(
    r"\b(?:get|gets|getting|got|give|gives|paid|sends?|receives?)\b(?:\s+\S+){1,4}\s+back\b(?!\s+(?:in|on|to|out|as))"
)


def read_perks(low: str, *, plain: bool = False) -> set[str]:
    """Perks and promises a (lower-case) text states: "free", "refund", "unlimited", "right away", ...
    A perk said not to apply ("not right away", "we can't refund it") is no perk; "you get the $99 back" is a refund;
    with plain=True (the grounding's side), "no shipping fee" is "free"."""
    low = _PAYING_CARD.sub("card", plain_perks(low) if plain else low)  # a way to pay, not store credit
    if _FEEL_FREE.search(low):
        return set()
    low = _NOT_PERK.sub(" ", low)
    found = {perk for perk, pattern in _PERK_PATTERNS.items() if pattern.search(low)}
    return found | ({"refund"} if _BACK.search(low) else set())


# where the main clause starts after a condition without a comma ("Once it is out for delivery we can't ...")
_SUBJECT = re.compile(r"(?<=\w)\s+(?=(?:we|you|they|i|it'?s|we'?ll|you'?ll)\s+\w)", re.I)


def split_condition(text: str) -> tuple[str, str, str]:
    """(main clause, condition marker "if"|"unless"|"", condition text): "if X, Y" / "Y unless X" / "Label: Y"."""
    body = PARTICLE.sub("", text).strip()
    label = re.match(r"^\s*[-*]?\s*([^:]{2,40}):\s+(.+)$", body)
    if (
        label
        and len(label.group(1).split()) <= 5
        and not re.search(r"\d", label.group(1))
        and "—" not in label.group(1)
    ):
        rest = label.group(2)
        for marker, pattern in (("unless", UNLESS), ("if", IF)):
            m = pattern.search(rest)
            if m and m.start() > 2:  # "Contact us: we place the order if the cart does not update"
                return rest[: m.start()], marker, rest[m.end() :]
            if m:  # "Be careful: if it isn't from us, it's a scam": the label only introduces the sentence
                return split_condition(rest)
        return rest, "label", label.group(1)
    for marker, pattern in (("unless", UNLESS), ("if", IF)):
        m = pattern.search(body)
        if not m:
            continue
        if m.start() <= 2:  # "If X, Y": the condition runs to the first comma (or to the main clause's subject)
            if m.group(0).lower() == "only if":  # "Only if it arrived damaged, defective or ...": all condition
                return "", marker, body[m.end() :]
            head, comma, rest = body[m.end() :].partition(",")
            if not comma and body != text.strip() and not _SUBJECT.search(head):
                return "", marker, head  # "Yes, as long as the order has not shipped.": all condition
            if not comma:
                subject = _SUBJECT.search(head)
                words = head.split()
                head, rest = (
                    (head[: subject.start()], head[subject.start() :])
                    if subject
                    else (" ".join(words[:4]), " ".join(words[4:]))
                )
            return rest, marker, head
        return body[: m.start()], marker, body[m.end() :]
    return body, "", ""


def read_condition(text: str) -> tuple[str, frozenset[str]] | None:
    _, marker, cond = split_condition(text)
    return (marker, content_words(cond)) if marker and marker != "label" else None


# a negation inside a relative clause is not the main clause's: "a password you don't use anywhere else",
# "e-mails that don't come from us are scams"
_NEG_AUX = r"(?:do not|don't|does not|doesn't|did not|didn't|have not|haven't|has not|hasn't|is not|isn't|are not|aren't|can't|cannot)"
_RELATIVE_NEG = re.compile(
    rf"\b(?:that|which|who)\s+{_NEG_AUX}\s+\w+(?:\s+(?!(?:is|are|was|were|will|can|must|should)\b)[\w'-]+){{0,4}}?"
    rf"(?=\s+(?:is|are|was|were|will|can|must|should)\b)"
    rf"|\b(?<=[a-z] )(?:you|we|they)\s+{_NEG_AUX}\s+\w+\s+(?:anywhere|elsewhere|anything)(?:\s+else)?\b",
    re.I,
)


_REASON = re.compile(r"(?:^|(?<=[\s–—-]))(?:since|because)\b[^,;–—]*,", re.I)
# "it hasn't gone out for delivery yet, so we can waive the fee": what comes before ", so" is the reason
_SO_REASON = re.compile(r"^[^;–—]*?,\s+so\s+(?!that\b|far\b|much\b|many\b|long\b)", re.I)


def is_negative(text: str, *, plain: bool = False) -> bool:
    """Whether the main clause is negated; with plain=True, "don't pay"/"no fee" count as the perk, not a negation."""
    main, _, _ = split_condition(plain_perks(text) if plain else text)
    main = _REASON.sub(" ", _SO_REASON.sub(" ", main))  # "since it hasn't shipped, we cancel it": not the claim's
    main = re.sub(r"\([^)]*\)", "", main)
    return bool(NEG.search(_RELATIVE_NEG.sub(" ", main)) or _AVOID.match(PARTICLE.sub("", main)))


# an imperative that forbids: "Avoid acetone" says what "Never use acetone" says
_AVOID = re.compile(r"\W*(?:please\s+|and\s+)?(?:avoid|refrain from|stay away from|steer clear of)\b", re.I)


# when a rule applies in an order's life: "until it ships", "once it has shipped", "while processing"
_STAGE_WORDS = (
    (r"plac|process|not yet ship|hasn't shipped|has not shipped", "placed"),
    (r"ship|in transit", "shipped"),
    (r"out for delivery", "out"),
    (r"deliver|arriv", "delivered"),
    (r"receiv|reach", "received"),
)
_TEMPORAL = re.compile(
    r"\b(until|till|before|while|still|after|once|when|since|already|as soon as|not yet|yet to)\b"
    r"((?:\W+(?!(?:until|till|before|while|still|after|once|when|since|already)\b)\w+){1,7})",
    re.I,
)


def read_stages(text: str) -> set[tuple[str, str]]:
    """(before|after, stage) pairs: "until it ships" -> (before, shipped); "while processing" -> (before, shipped)."""
    out = set()
    for m in _TEMPORAL.finditer(text.lower()):
        marker, tail = m.group(1), m.group(2)
        hits = [(h.start(), name) for pat, name in _STAGE_WORDS if (h := re.search(rf"\b(?:{pat})", tail))]
        if not hits:
            continue
        stage = min(hits)[1]  # the stage named first: "not yet gone out for delivery (received or in transit)"
        direction = (
            "before" if marker in ("until", "till", "before", "while", "still", "not yet", "yet to") else "after"
        )
        if stage == "placed" and direction == "before":
            continue  # "before it is placed" says nothing here
        if stage == "placed":  # "while placed or processing" = "before it ships"
            direction, stage = "before", "shipped"
        out.add((direction, stage))
    return out


def typed_values(text: str) -> list[str]:
    """The values of read_values with their kind ("money:5", "number:5"), in the same order."""
    return [
        f"{f.kind}:{f.value.split()[0] if f.kind == 'money' else f.value}"
        for f in extract_facts(text)
        if f.kind in ("money", "number", "percent", "time")
    ]


_PER = re.compile(r"^\s*(?:USD|dollars?)?\s*(?:per|a|an|each|for each|for every)\s+([a-z]{3,})\b", re.I)
_PER_WORDS = frozenset(
    ["item", "order", "pair", "year", "month", "week", "day", "piece", "person", "package", "parcel"]
)


def per_values(text: str) -> dict[str, set[str]]:
    """What each value is counted per: "$5.00 per item" -> {"money:5": {"item"}} (stems of a few units)."""
    out: dict[str, set[str]] = {}
    for f in extract_facts(text):
        if f.kind != "money":
            continue
        m = _PER.match(text[f.end :])
        if m and stem(m.group(1)) in _PER_WORDS:
            out.setdefault(f"money:{f.value.split()[0]}", set()).add(stem(m.group(1)))
    return out


def read_values(text: str) -> list[tuple[str, str]]:
    out = []
    for f in extract_facts(text):
        if f.kind not in ("money", "number", "percent", "time"):
            continue
        value = f.value.split()[0] if f.kind == "money" else f.value
        before, after = text[: f.start], text[f.end :]
        direction = ""
        if NO_MORE.search(before) or LE.search(before) or LE_AFTER.match(after):
            direction = "le"
        elif GE.search(before) or GE_AFTER.match(after):
            direction = "ge"
        out.append((value, direction))
        # a range "3–5 business days" binds both ends
    return out


# what a polite reply says around its answer; such a sentence states nothing about the shop
_COURTESY = re.compile(
    r"^\W*(?:(?:good|great|excellent|thanks for (?:the|your)|thank you for (?:the|your)) question"
    r"|(?:i'?m |we'?re )?(?:happy|glad) to help|hope (?:this|that) helps|let (?:me|us) know|feel free"
    r"|(?:is there )?anything else|you'?re (?:very )?welcome|thanks?(?: you)?(?: so much)?(?: for (?:asking|reaching out|your patience))?"
    r"|(?:have|enjoy) a (?:great|nice|good|lovely) (?:day|week|weekend)|happy shopping|no problem|no worries"
    r"|of course|certainly|absolutely|sure thing)\b[^.!?]*[.!?]?\s*$",
    re.I,
)
_COURTESY_WORDS = frozenset(
    [
        "good",
        "great",
        "question",
        "happy",
        "glad",
        "help",
        "helps",
        "hope",
        "thank",
        "thanks",
        "welcome",
        "let",
        "know",
        "anything",
        "else",
        "need",
        "feel",
        "free",
        "ask",
        "reach",
        "out",
        "day",
        "week",
        "weekend",
        "nice",
        "lovely",
        "enjoy",
        "shopping",
        "problem",
        "worries",
        "sure",
        "thing",
        "course",
        "certainly",
        "absolutely",
        "assist",
        "more",
    ]
)


def courtesy(sentence: str) -> bool:
    """Whether a sentence is only politeness ("Good question!", "Let me know if you need anything else.")."""
    if not _COURTESY.match(sentence):
        return False
    return not {w for w in re.findall(r"[a-z]+", sentence.lower()) if len(w) > 2} - _COURTESY_WORDS - STOP
