"""Evaluative and popularity claims the shop's data does not make.

A fluent model dresses an answer up: "it's the most popular style among our customers", "a bestseller",
"customers love it", "top-rated", "the warmest coat we sell", "perfect for skiing", "most members say it pays for
itself". None of these is a number, a name or a perk, so the binding rules never see them, and every word of
them may be ordinary. They are claims about the shop all the same, and a shopper reads them as the shop's.

Each kind is supported only when the data makes the same kind of claim about the same thing:

| kind | supported by | example rejected |
| --- | --- | --- |
| ranking ("most popular", "bestseller", "number one", "in high demand", "sells out fast") | the same ranking word in the data | "the most popular style among customers" where the page says "Our customers' go-to" |
| popularity ("popular", "customers love", "a favourite", "swear by", "rave about") | any popularity statement of the product's own data ("Our customers' go-to", "an everyday favorite") | "dog walkers swear by it" for a coat whose page says nothing of the kind |
| what customers think or do ("most members say", "most of our customers are on") | the same | "most members say it pays for itself" |
| rating ("top-rated", "highly rated", "great reviews", "better-reviewed") | a rating of 4.5 or more in the product's data (a comparison: two ratings) | "one of our top-rated jackets" for a 3.4 out of 5 |
| a superlative over the range ("the warmest coat we sell", "on the market", "in the whole store") | the superlative word in the data ("our biggest sale of the year") | "the softest sweater we carry" |
| fitness for a use ("perfect for skiing", "ideal for", "great choice for", "a must-have") | the use's words (or a word of their family) in the product's data | "perfect for skiing" for a coat "that handles trails, parks and city walks" |
| opinion ("worth every penny", "pays for itself", "can't go wrong", "a steal") | the same words in the data | "you can't go wrong with it" |

Prices are left alone ("the cheapest chinos we carry" is the catalog tools' answer and checked as a record);
a bare compliment to the shopper ("Great choice!") says nothing about the shop. The question's words do not
support a claim: "is it good for a beach wedding?" answered "it's perfect for a beach wedding" is the claim the
data must make.
"""

from __future__ import annotations

import re

from bot.core.meaning.text import STOP, content_words, sentences, stem

_RANKING = re.compile(
    r"\b(?:(?:the |our |one of (?:the|our) )?most[- ](?:popular|loved|gifted|wanted|bought|purchased|ordered|requested"
    r"|reviewed|searched)|best[- ]?sell(?:er|ers|ing)|top[- ]?sell(?:er|ers|ing)|(?:number|no\.?)[- ]?(?:one|1)\b|#1"
    r"|sells? out (?:fast|quickly|every|all the time)|keeps? selling out|flying off (?:the|our) shelves"
    r"|in (?:high|hot|huge|big) demand|(?:so|very|really|incredibly|hugely|extremely|super) popular|cult (?:favou?rite|classic)"
    r"|(?:top|best) (?:pick|choice|seller)s? (?:among|with|for) (?:our )?(?:customers|shoppers|members))",
    re.I,
)
_POPULAR = re.compile(
    r"\b(?:popular(?:ity)?|(?:customer|fan|crowd|shopper|staff|reader)[- ](?:favou?rites?|pleasers?|picks?)"
    r"|(?:an?|our|everyone's|everybody's) (?:\w+ )?favou?rite|favou?rite (?:among|with|of) (?:\w+ ){0,2}(?:customers|shoppers|members|buyers|people)"
    r"|go-to (?:among|with|for) (?:our )?(?:customers|shoppers)|(?:customers|shoppers)['’]? go-to"
    r"|(?:rave|raves|raving|swear|swears) (?:about|by)|(?:much|well|widely)[- ]loved|loved by"
    r"|(?:customers|shoppers|people|everyone|everybody|reviewers|members|buyers|fans|walkers|workers|travell?ers|parents)"
    r" (?:really |absolutely |just |all |truly )?(?:love|adore|rave|can'?t get enough|keep coming back))",
    re.I,
)
_CROWD = re.compile(
    r"\b(?:most|many|lots|plenty|all|the majority) (?:of )?(?:our |the )?(?:customers|members|shoppers|buyers|people|reviewers"
    r"|subscribers)\b(?! who\b)(?: \w+){0,2}? (?:say|said|tell|find|found|agree|prefer|choose|pick|buy|bought|are on|love"
    r"|rave|recommend|report|feel|think|go for|stick)",
    re.I,
)
_RATING = re.compile(
    r"\b(?:top|highly|best|well|higher|highest|better)[- ](?:rated|reviewed)\b|\b(?:top|highly|best|well|higher|highest|better)(?:rated|reviewed)\b"
    r"|\b(?:great|excellent|glowing|stellar|rave|five-star|5-star|fantastic|amazing) (?:reviews|ratings)\b"
    r"|\b(?:rated|reviewed|rate it|rate them) (?:very )?(?:highly|well)\b",
    re.I,
)
_COMPARE_RATING = re.compile(r"\b(?:better|higher)[- ]?(?:rated|reviewed)\b", re.I)
_SUPERLATIVE = re.compile(
    r"\b(?:the |our )?(?P<word>[a-z]{3,}est|best|comfiest|most \w+)\b(?P<rest>[^.;!?]{0,50}?)\b(?:we (?:sell|carry|have|offer|stock|make|'ve got)"
    r"|on the market|in (?:the|our) (?:whole |entire )?(?:store|shop|range|catalog(?:ue)?|collection|line-?up)"
    r"|anywhere|of all(?: time)?|ever made|you(?:'ll)? (?:can )?(?:find|get|buy)|around|out there|in the world)\b",
    re.I,
)
# facts a record or a tool states (a price, a speed, a place) and words that only end like a superlative
_NOT_PRAISE = frozenset(
    """cheapest lowest priciest highest fastest quickest slowest earliest latest nearest closest shortest longest
    interest request forest honest modest harvest suggest contest protest invest chest guest west test""".split()  # noqa: SIM905
) | {"most expensive", "least expensive"}
_FIT = re.compile(
    r"\b(?:perfect|ideal|great|excellent|terrific|wonderful|fantastic|awesome|best|good|a must-have|must-have)"
    r"(?: (?:choice|pick|option|fit|match|bet|buy|gift|present))? for (?P<use>[^.,;:!?()–—]+)",
    re.I,
)
_FIT_NOUN = re.compile(
    r"\b(?:a |an )?(?:perfect|ideal|great|excellent|lovely|wonderful|thoughtful) (?P<use>gift|present|stocking stuffer)\b",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:worth every (?:penny|cent)|pays? for itself|(?:you )?can'?t go wrong|won'?t regret|won'?t be disappointed"
    r"|a (?:real )?steal|(?:great|amazing|unbeatable|incredible|excellent) (?:value|deal|price)|unbeatable|must-have"
    r"|you'?ll love (?:it|them|this|these)|a no-brainer|the best (?:deal|value|price|offer)s?)\b",
    re.I,
)
# a popularity statement of the data itself ("Our customers' go-to ...", "an everyday favorite"); "your favorite
# jeans" is the shopper's, not a claim
_DATA_POPULAR = re.compile(
    r"customers['’]? (?:go-to|favou?rite)|(?<!your )(?<!their )\b(?:an?|our) (?:\w+ )?favou?rite\b|\bpopular\b"
    r"|best[- ]?sell|\bloved\b|customers (?:love|adore)",
    re.I,
)
_RATING_DATA = re.compile(r"\bRating:\s*(\d(?:\.\d)?)\s*out of 5", re.I)
_SKU_NAME = re.compile(r"(?:^|\n)(?P<name>[^\n(>]{3,120}?)(?: by [^\n(]{2,40})? \(SKU (?P<sku>[A-Z0-9-]+)\)")
_USE_STOP = frozenset(
    ["you", "your", "yours", "anyone", "everyone", "them", "it", "this", "that", "those", "these", "me"]
)
_HIGH_RATING = 4.5


def praise_rules(reply: str, question: str, blocks: list[str]) -> list[tuple[int, str, str]]:
    """(sentence number, "praise", reason) for each evaluative or popularity claim the data does not make."""
    out: list[tuple[int, str, str]] = []
    sents = sentences(reply)
    products = _product_blocks(blocks)
    whole = "\n".join(blocks)
    for n, sentence in enumerate(sents):
        data = _about(sentence, sents[:n], question, products, whole)
        reason = _unsupported(sentence, data, whole)
        if reason:
            out.append((n, "praise", reason))
    return out


def praise_notes(grounding: str) -> str:
    """The words a shopper is told the praise the data does make in ("customers love them" for "Our customers'
    go-to", "highly rated" for a 4.7 out of 5), and a product record's stock in ("sold out", "comes in"), for the
    word share only: the rules above and the record check still read the data."""
    notes = []
    if _SKU_NAME.search(grounding):
        notes.append("sold out stock available unavailable comes come offered colours colors sizes size left")
    if _DATA_POPULAR.search(grounding):
        notes.append("customers love popular favourite favorite go-to pick")
    ratings = [float(r) for r in _RATING_DATA.findall(grounding)]
    if ratings:
        notes.append("rated rates rating reviews reviewed stars customers")
        if max(ratings) >= _HIGH_RATING:
            notes.append("highly top well great")
    return "\n".join(notes)


def _unsupported(sentence: str, data: str, whole: str) -> str | None:
    """Why the sentence's evaluative claim is not the data's, or None."""
    low = data.lower()
    m = _RANKING.search(sentence)
    if m and not _same_words(m.group(0), low, keep=("popular", "sell", "seller", "demand", "favourite", "favorite")):
        return f"claims {m.group(0).strip()!r}; the shop's data ranks nothing that way"
    m = _POPULAR.search(sentence) or _CROWD.search(sentence)
    if m and not _DATA_POPULAR.search(data):
        return f"claims {m.group(0).strip()!r}; the shop's data says nothing about what customers like"
    m = _RATING.search(sentence)
    if m and not _rating_holds(m.group(0), data, whole):
        return f"claims {m.group(0).strip()!r}; the shop's data gives no rating that high"
    m = _SUPERLATIVE.search(sentence)
    if m and m.group("word").lower() not in _NOT_PRAISE and not _superlative_said(m.group("word"), low):
        return f"claims {m.group(0).strip()!r}; the shop's data makes no such comparison"
    m = _OPINION.search(sentence)
    if m and m.group(0).lower() not in low:
        return f"says {m.group(0).strip()!r}; that is an opinion the shop's data does not state"
    for m in (*_FIT.finditer(sentence), *_FIT_NOUN.finditer(sentence)):
        if re.search(r"\b(?:not|n't|never|isn'?t|aren'?t)\s+(?:\w+\s+)?$", sentence[: m.start()], re.I):
            continue  # "it isn't ideal for heavy rain" is caution, not praise
        use = _use_words(m.group("use"))
        if use and not any(_said(w, low) for w in use):
            return f"says {m.group(0).strip()!r}; the shop's data does not say it is made for that"
    return None


def _same_words(phrase: str, low_data: str, keep: tuple[str, ...]) -> bool:
    """Whether the data uses the ranking's own key word ("best-selling" for "bestseller", "popular")."""
    words = [
        w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in STOP and w not in ("most", "our", "one", "the")
    ]
    keys = [w for w in words if any(w.startswith(k[:5]) for k in keep)] or words
    flat = re.sub(r"[\s-]+", "", low_data)
    return bool(keys) and all(stem(w)[:5] in flat for w in keys)


def _rating_holds(phrase: str, data: str, whole: str) -> bool:
    if phrase.lower() in data.lower():
        return True
    if _COMPARE_RATING.search(phrase):
        return len(_RATING_DATA.findall(whole)) >= 2  # which of two is better is the record check's to read
    ratings = [float(r) for r in _RATING_DATA.findall(data)]
    return bool(ratings) and max(ratings) >= _HIGH_RATING


def _superlative_said(word: str, low_data: str) -> bool:
    word = word.lower()
    if word.startswith("most "):
        word = word[5:]
    return bool(re.search(rf"\b{re.escape(word)}\b", low_data))


def _use_words(use: str) -> list[str]:
    """The content words of what a thing is said to be good for ("the office" -> office), none for "you"."""
    words = re.findall(r"[a-z][a-z'-]*", use.lower())[:5]
    if not words or words[0] in _USE_STOP:
        return []
    return [w for w in words if w not in STOP and w not in _USE_STOP and len(w) > 2]


def _said(word: str, low_data: str) -> bool:
    """Whether the data uses the word or one of its family ("skiing" ~ "ski", "walking" ~ "walks")."""
    root = stem(word)
    head = root[:5] if len(root) >= 5 else root
    return bool(re.search(rf"\b{re.escape(head)}", low_data)) or any(
        p and len(p) > 3 and p in low_data for p in word.split("-")
    )


def _product_blocks(blocks: list[str]) -> dict[str, tuple[frozenset[str], str]]:
    """Per SKU: the words of its name and the text of every block about it (fact line and catalog passage)."""
    out: dict[str, tuple[frozenset[str], str]] = {}
    for block in blocks:
        for m in _SKU_NAME.finditer(block):
            sku = m.group("sku")
            words, text = out.get(sku, (frozenset(), ""))
            out[sku] = (words | content_words(m.group("name")), f"{text}\n{block}")
    return out


def _about(
    sentence: str, before: list[str], question: str, products: dict[str, tuple[frozenset[str], str]], whole: str
) -> str:
    """The data a sentence's claim is read against: the blocks of the product it (or the sentence before it, or
    the question) names by a word of its name no other product shares; else all of the grounding."""
    if len(products) < 2:
        return whole
    for text in (sentence, *reversed(before), question):
        words = content_words(text)
        named = []
        for sku, (name_words, _) in products.items():
            own = name_words - frozenset().union(*(w for s, (w, _) in products.items() if s != sku))
            if own & words:
                named.append(sku)
        if named:
            return "\n".join(products[s][1] for s in named)
    return whole


# a price said to be reduced: "available at a discounted price", "on sale", "marked down" ("20% off" is a number,
# which the grounding must state as any other)
_SALE_CLAIM = re.compile(
    r"\b(?:discounted|on sale|sale prices?|reduced (?:price|prices|rate)|prices? (?:is |are |has been |have been )?reduced"
    r"|marked down|at a discount|clearance|special (?:price|offer))\b",
    re.I,
)
# the data states a sale or a reduction itself: a product's sale price, a sale (not "sales tax"), a reduced price
_SALE_STATED = re.compile(
    r"\b(?:discounted|on sale|sale_?price|sales?(?! tax)|reduced|marked down|markdown|clearance)\b", re.I
)
_NEGATED = re.compile(r"\b(?:not|no|never|none|isn't|aren't|don't|doesn't|without)\b|n't\b", re.I)


def unsupported_sales(reply: str, grounding: str) -> list[str]:
    """Reasons for the sentences that say a price is discounted or on sale when the data states no sale, sale
    price or reduction at all ("This product is available at a discounted price" from the shipping page, whose
    only such word is "after discounts"). A sentence saying there is none is no claim of one."""
    if _SALE_STATED.search(grounding):
        return []  # a sale or reduction the data states: the meaning rules judge what is said of it
    claims = [s for s in sentences(reply) if _SALE_CLAIM.search(s) and not _NEGATED.search(s)]
    return [f"a sale or discount the data does not state: {s!r}" for s in claims]
