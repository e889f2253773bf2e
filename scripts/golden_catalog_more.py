"""Golden cases for catalog answers (#9, recommend), derived from knowledge/catalog/products.jsonl by
scripts/golden_from_data.py (writes tests/golden/catalog_more.jsonl): searches that name no kind ("the cheapest
thing you sell", "something warm for a man under $X in M"), kinds and ranges the shop lacks, catalog words as
filters ("sherpa"), "the cheapest of those in L" against the whole catalog, a colour the product in context lacks,
and facts a listing does or does not give (heel height, origin, "real linen?", "bag out at the knees")."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

WARM_TAGS = ("insulated", "winter", "windproof", "fully lined", "lined", "chunky knit")
WARM_MATERIALS = ("wool", "merino", "cashmere", "down", "fleece", "flannel", "shearling", "quilted")


def _case(turns: list[str], **expect: object) -> dict:
    return {"turns": turns, "expect": {k: v for k, v in expect.items() if v is not None}}


def _stocked(p: dict, size: str | None = None) -> bool:
    return any(int(q) > 0 for s, q in (p.get("stock") or {}).items() if size is None or s == size)


def _src(*ps: dict) -> list[str]:
    return [f"product:{p['sku']}" for p in ps]


def _says(p: dict, word: str) -> bool:
    text = " ".join([p["name"], p.get("material", ""), *p.get("tags", [])]).lower()
    return bool(re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text))


def _warm(p: dict) -> bool:
    tags = " ".join(p.get("tags") or []).lower()
    text = (p.get("material", "") + " " + p["name"]).lower()
    return any(t in tags for t in WARM_TAGS) or any(m in text for m in WARM_MATERIALS)


def _shown(items: list[dict]) -> list[dict]:
    """The first three of a plain search as the bot lists them: in stock first, best rated, cheaper."""
    return sorted(items, key=lambda p: (not _stocked(p), -p["rating"], p["price"], p["sku"]))[:3]


def _cheapest(items: list[dict]) -> dict:
    return min(items, key=lambda p: (p["price"], p["sku"]))


def whole_range(products: list[dict]) -> list[dict]:
    """No kind named: the cheapest / dearest thing in stock; something warm for someone within a budget and size."""
    stocked = [p for p in products if _stocked(p)]
    low = _cheapest(stocked)
    high = max(stocked, key=lambda p: (p["price"], p["sku"]))
    out = [
        _case(
            ["what is the cheapest item in your shop?"],
            sources=_src(low),
            must_include=[low["name"], f"{low['price']:.2f}"],
            handoff=False,
        ),
        _case(
            ["whats the most expensive thing you sell"],
            sources=_src(high),
            must_include=[high["name"], f"{high['price']:.2f}"],
            handoff=False,
        ),
    ]
    cheap = sorted(stocked, key=lambda p: (p["price"], p["sku"]))
    budget = int(cheap[2]["price"]) + 1  # three products fit
    over = [p["name"] for p in cheap if p["price"] > budget][:3]
    out.append(_case([f"anything under ${budget}?"], sources=_src(*cheap[:3]), must_not_include=over, handoff=False))
    for text, gender, budget, size in (
        ("need something warm for my husband under $180, size L", "men", 180, "L"),
        ("anything warm for a woman under $120 in size S?", "women", 120, "S"),
    ):
        kinds = [
            p
            for p in products
            if p["category"] in ("jacket", "coat", "sweater") and p["gender"] in (gender, "unisex") and _warm(p)
        ]
        fits = [p for p in kinds if p["price"] < budget and _stocked(p, size)]
        dear = [p["name"] for p in kinds if p["price"] > budget][:3]
        other = " Men's" if gender == "women" else "Women's"
        out.append(
            _case([text], sources=_src(*fits), must_not_include=[*dear, other, "could you tell me"], handoff=False)
        )
    return out


def not_carried(products: list[dict]) -> list[dict]:
    """Kinds the catalog has no category for, and children's clothes (the catalog's genders are men and women)."""
    genders = {p["gender"] for p in products}
    out = []
    for text, said in (
        ("i'm after a bikini for the beach", "don't sell bikinis"),
        ("have you got a tuxedo i could wear to a gala?", "don't sell tuxedos"),
        ("need a charcoal suit for a job interview", "don't sell suits"),
        ("any swim shorts for men?", "don't sell swim shorts"),
    ):
        out.append(
            _case(
                [text],
                must_include=[said],
                must_not_include=["Recommended for you", "Here are", "I'm the shop's assistant"],
                handoff=False,
            )
        )
    if not genders & {"kids", "children", "boys", "girls"}:
        for text in ("any clothes for children? my daughter is 8", "do you do jackets for a 10 year old boy?"):
            out.append(
                _case(
                    [text],
                    must_include=["don't sell kids' clothing", "men and women"],
                    must_not_include=["Here are", "I'm not sure"],
                    handoff=False,
                )
            )
    # "suit" as a verb is no garment
    dress = next(p for p in products if p["category"] == "dress")
    # the listing's season tag answers it (the first dress is a winter merino knit): "doesn't say" is no answer
    said = ["doesn't say"] if "winter" in dress["tags"] else []
    out.append(_case([f"would the {dress['name']} suit a summer wedding?"], must_not_include=["don't sell suits", *said]))
    return out


def catalog_words(products: list[dict]) -> list[dict]:
    """A word of the catalog's names, materials or tags filters the search; a follow-up works on that list."""
    out = []
    for word, gender, cat in (
        ("sherpa", "women", "jacket"),
        ("quilted", "men", "jacket"),
        ("distressed", "women", "jeans"),
    ):
        kind = [p for p in products if p["category"] == cat and p["gender"] in (gender, "unisex")]
        with_word = [p for p in kind if _says(p, word)]
        without = [p["name"] for p in _shown([p for p in kind if not _says(p, word)])]
        plural = "jackets" if cat == "jacket" else cat
        out.append(
            _case(
                [f"{gender}s {word} {plural}?"],
                sources=_src(*_shown(with_word)),
                must_not_include=without,
                handoff=False,
            )
        )
    # "which is cheapest in <size>" after the filtered list: among those shown, and said against the whole range
    for word, gender, size in (("sherpa", "men", "XL"), ("rain", "men", "M"), ("rain", "women", "L")):
        kind = [
            p for p in products if p["category"] == "jacket" and p["gender"] in (gender, "unisex") and _says(p, word)
        ]
        shown = _shown(kind)
        in_size = [p for p in shown if _stocked(p, size)]
        if not in_size:
            continue
        best, overall = _cheapest(in_size), _cheapest([p for p in kind if _stocked(p, size)])
        turns = [f"show me {gender}'s {word} jackets", f"which of those is the cheapest in {size}?"]
        if overall["sku"] == best["sku"]:
            out.append(
                _case(
                    turns,
                    sources=_src(best),
                    must_include=[f"Of the {len(shown)} I showed", best["name"]],
                    must_not_include=["Across all"],
                    handoff=False,
                )
            )
        else:
            out.append(
                _case(
                    turns,
                    sources=_src(best),
                    must_include=[f"Of the {len(shown)} I showed", best["name"], "Across all our", overall["name"]],
                    handoff=False,
                )
            )
    # a word of the catalog alone, then "which is cheapest in <size>" on that list
    sherpa = [p for p in products if p["gender"] in ("women", "unisex") and _says(p, "sherpa")]
    shown = _shown(sherpa)
    fit = [p for p in shown if _stocked(p, "M")]
    if fit:
        out.append(_case(["womens sherpa?", "which is cheapest in M"], sources=_src(_cheapest(fit)), must_include=[f"Of the {len(shown)} I showed", _cheapest(fit)["name"]], handoff=False))
    # a sort word misspelt still sorts, and the cheapest is named first
    for gender, size in (("men", "10"), ("women", "7")):
        boots = [
            p
            for p in products
            if p["category"] == "boots"
            and p["gender"] in (gender, "unisex")
            and "waterproof" in json.dumps(p).lower()
            and _stocked(p, size)
        ]
        if boots:
            low = _cheapest(boots)
            out.append(
                _case(
                    [f"cheapst waterproof {gender}s boots u got in a {size}?"],
                    sources=_src(low),
                    must_include=[f"the cheapest is the {low['name']}"],
                    handoff=False,
                )
            )
    return out


def product_in_context(products: list[dict]) -> list[dict]:
    """A colour asked about the product under discussion: its own colours answer, not a search."""
    out = []
    jackets = [
        p
        for p in products
        if p["category"] in ("jacket", "coat") and not any("yellow" in c or "orange" in c for c in p["colors"])
    ]
    for p in jackets[:2]:
        out.append(
            _case(
                [f"what's the price of the {p['name']}?", "does it come in yellow?"],
                sources=_src(p),
                must_include=["doesn't come in yellow", *p["colors"]],
                must_not_include=["Here are"],
                handoff=False,
            )
        )
    # after a list: a product of it named by its model word, or "it" asked of every product shown
    rain = _shown([p for p in products if p["category"] == "jacket" and p["gender"] == "women" and _says(p, "rain")])
    model = {p["sku"]: p["name"].split("'s ")[-1].split()[0] for p in rain}  # "Everett" of "... Women's Everett Rain Jacket"
    for p in rain:
        if list(model.values()).count(model[p["sku"]]) == 1 and "yellow" not in " ".join(p["colors"]):
            turns = ["show me women's rain jackets", f"does the {p['brand']} {model[p['sku']]} come in yellow?"]
            out.append(_case(turns, sources=_src(p), must_include=["doesn't come in yellow", *p["colors"]], must_not_include=["Here are"], handoff=False))
            break
    yellow = [p for p in rain if any("yellow" in c for c in p["colors"])]
    out.append(_case(["show me women's rain jackets", "does it come in yellow?"], sources=_src(*yellow) if yellow else None,
                     must_include=[f"Of the {len(rain)} I showed"], must_not_include=["Here are"], handoff=False))
    return out


def listing_facts(products: list[dict]) -> list[dict]:
    """Facts the listing gives (quoted) or lacks ("the listing doesn't give ..."), never a spec dump."""
    out = []
    no_dump = ["SKU", "sizes 5, 5.5"]
    heels = [
        p
        for p in products
        if p["category"] == "boots"
        and any("heel" in t for t in p["tags"])
        and not re.search(r"\d\s*(?:-inch|in\.|cm)", p["description"])
    ]
    for p in heels[:2]:
        tag = next(t for t in p["tags"] if "heel" in t)
        out.append(
            _case(
                [f"how high is the heel on the {p['name']}?"],
                sources=_src(p),
                must_include=["doesn't give the heel height", tag],
                must_not_include=no_dump,
                handoff=False,
            )
        )
    for p in [p for p in products if not re.search(r"made in|imported", p["description"], re.I)][:2]:
        out.append(
            _case(
                [f"where are the {p['name']} made?" if p["name"].endswith("s") else f"where is the {p['name']} made?"],
                sources=_src(p),
                must_include=["doesn't give where it is made"],
                must_not_include=no_dump,
                handoff=False,
            )
        )
    pure = [p for p in products if re.fullmatch(r"100% (linen|wool|cotton)", p["material"])]
    for p in pure[:2]:
        fibre = p["material"].split()[-1]
        out.append(
            _case(
                [f"is the {p['name']} real {fibre} or a blend?"],
                sources=_src(p),
                must_include=[p["material"], "not a blend"],
                handoff=False,
            )
        )
    # a yes/no the listing has no word for: said, with what it does give, and a person offered
    for p in [p for p in products if p["category"] == "sweater" and "itch" not in json.dumps(p).lower()][:1]:
        out.append(_case([f"is the {p['name']} itchy?"], sources=_src(p), must_include=["doesn't", p["material"]], must_not_include=["Yes", "SKU"], handoff=False))
    inseam = [p for p in products if "inch inseam" in p["description"]]
    for p in inseam[:1]:
        out.append(
            _case(
                [f"what's the inseam on the {p['name']}?"],
                sources=_src(p),
                must_include=["32-inch inseam"],
                handoff=False,
            )
        )
    asks: list[tuple[str, Callable[[str], str]]] = [
        ("bag out at the knees", lambda n: f"will the {n} bag out at the knees?"),
        ("wet pavement", lambda n: f"are the {n} ok on wet pavement?"),
        ("seal out drafts", lambda n: f"does the {n} keep drafts out?"),
    ]
    for phrase, ask in asks:
        for p in [p for p in products if phrase in p["description"]][:1]:
            out.append(_case([ask(p["name"])], sources=_src(p), must_include=[phrase], handoff=False))
    return out


def catalog_more(products: list[dict]) -> list[dict]:
    """Every catalog-answer case of this module, in a stable order."""
    return (
        whole_range(products)
        + not_carried(products)
        + catalog_words(products)
        + product_in_context(products)
        + listing_facts(products)
    )
