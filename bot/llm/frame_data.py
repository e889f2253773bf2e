"""Training examples for slot-filling frames (`shopbot llm tune --task reply --frames`).

The model learns to reword a frame ("Yes, the {product} comes in {colour}.") into another frame with the same
slots ("Yes, you can get the {product} in {colour}."); code fills the values in (bot/core/frames.py). Where the
examples come from, all of it the shop's own data and none from tests/golden or any eval set:
- answers: the shop's real templates over the catalog and the orders (bot/core/answers.py through
  bot/llm/reply_data.py; product attributes through bot/core/catalog/attributes.py) and the list introductions of
  a catalog search (the head formats of bot/core/catalog/text.py over the catalog's categories, brands, sizes);
- targets: the answer re-said by sentence rules (reply_data.REWRITES and EXTRA_REWRITES below), kept only when
  it is not a near copy and passes the paraphrase check replies use, then turned into a frame with the answer's
  own slots (a target that loses or adds a slot is dropped).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import Any

from bot.core.catalog.attributes import attribute_answer
from bot.core.frames import Frame, as_statement, frame_problems, frame_question, make_frame, name_kinds
from bot.core.paraphrase import near_copy, paraphrase_problems, same_wording
from bot.core.register import register_problems
from bot.llm import reply_data

N = reply_data.N
Q = r"(?P<q>\"[^\"]+\")"
EXTRA_REWRITES: list[tuple[str, list[str]]] = [
    (
        rf"Yes, the {N} (?P<v>is|are) (?P<a>[\w -]+) \(the listing says {Q}\)\.",
        ["Yes, the {n} {v} {a}: the listing says {q}.", "Yes: the listing says {q}, so the {n} {v} {a}."],
    ),
    (
        rf"Yes, the {N} (?P<v>is|are) (?P<a>[\w -]+): the care line says {Q}\.",
        ["Yes, the care line says {q}, so the {n} {v} {a}.", "Yes, the {n} {v} {a}; its care line says {q}."],
    ),
    (
        rf"The {N} (?P<v>is|are) not listed as (?P<a>[\w -]+); the listing says {Q}\.",
        ["The {n} {v} not listed as {a}: its listing says {q}."],
    ),
    (
        rf"The listing for the {N} doesn't mention (?P<m>[^.]+)\.",
        ["The {n}'s listing doesn't mention {m}.", "Sorry, the listing for the {n} doesn't mention {m}."],
    ),
    (r"It says: (?P<d>.+)\.", ["What it says is: {d}.", "The listing says: {d}."]),
    (
        r"A person from our team can check anything the listing doesn't cover\.",
        [
            "Anything the listing doesn't cover, a person from our team can check.",
            "A person from our team can check anything that the listing doesn't cover.",
        ],
    ),
    (
        r"Here are (?P<k>\S+) of our (?P<w>.+):",
        ["These are {k} of our {w}:", "Here are {k} of the {w} we have:", "We have these {k} {w}:"],
    ),
    (r"Here are the (?P<w>.+) we have:", ["These are the {w} we have:", "We have these {w}:"]),
    (
        r"Of our (?P<w>.+), (?P<l>the [\w ]+?) is the (?P<x>.+)\. The top (?P<k>\S+):",
        ["{L} of our {w} is the {x}. Here are the top {k}:", "Of our {w}, the {x} is {l}. The top {k}:"],
    ),
]
# hand-written ways to say the templates' sentences that open with another word than the template (at run time the
# model may not copy the answer's first word, or the word after its leading yes/no: targets that obey the same rule
# teach it a natural opener instead of a forced one such as "You order ..." or "You have your order ...")
OPENERS: list[tuple[str, list[str]]] = [
    (
        rf"The {N} costs (?P<p>[\d.]+ [A-Z]{{3}})\.",
        [
            "It's {p} for the {n}.",
            "We sell the {n} for {p}.",
            "You can buy the {n} for {p}.",
            "Our price for the {n} is {p}.",
        ],
    ),
    (
        rf"The {N} costs (?P<p>[\d.]+ [A-Z]{{3}}) and is in stock in sizes (?P<l>.+)\.",
        [
            "You can buy the {n} for {p}, and sizes {l} are in stock.",
            "It's {p} for the {n}, and it is in stock in sizes {l}.",
        ],
    ),
    (
        rf"The {N} is in stock in sizes (?P<l>.+)\.",
        ["Right now we have the {n} in stock in sizes {l}.", "In stock right now: the {n} in sizes {l}."],
    ),
    (rf"The {N} is in stock\.", ["We have the {n} in stock right now.", "Right now the {n} is in stock."]),
    (
        rf"The {N} doesn't come in size (?P<s>\S+); it comes in sizes (?P<l>.+)\.",
        [
            "Sorry, the {n} doesn't come in size {s}; it comes in sizes {l}.",
            "Sorry, we don't have the {n} in size {s}; it comes in sizes {l}.",
        ],
    ),
    (
        rf"Yes, the {N} comes in (?P<l>.+)\.",
        ["Yes, it does: the {n} comes in {l}.", "Yes, you can get the {n} in {l}.", "Yes, we have the {n} in {l}."],
    ),
    (
        rf"No, the {N} doesn't come in (?P<c>.+?); it comes in (?P<l>.+)\.",
        [
            "No, sorry: the {n} doesn't come in {c}, but it comes in {l}.",
            "No, it doesn't: the {n} comes in {l}, not {c}.",
        ],
    ),
    (rf"The {N} is made of (?P<m>.+)\.", ["Our {n} is made of {m}.", "It's made of {m}, the {n}."]),
    (
        rf"The {N} is rated (?P<r>[\d.]+) out of 5\.",
        ["Our {n} is rated {r} out of 5.", "It's rated {r} out of 5, the {n}."],
    ),
    (
        r"Your order (?P<o>ORD-\d+) from (?P<d>[\d-]+) is (?P<st>shipped|delivered|out for delivery)\.",
        ["Good news: your order {o} from {d} is {st}.", "I've checked: your order {o} from {d} is {st}."],
    ),
    (
        r"Your order (?P<o>ORD-\d+) from (?P<d>[\d-]+) is (?P<st>[a-z ]+)\.",
        ["I've checked: your order {o} from {d} is {st}.", "Order {o}, from {d}, is {st}."],
    ),
    (
        r"It is with (?P<c>[\w ]+), tracking number (?P<t>\S+)\.",
        ["{c} has it, and the tracking number is {t}.", "It's with {c}; the tracking number is {t}."],
    ),
    (r"Estimated delivery: (?P<d>\S+)\.", ["The estimated delivery date is {d}.", "We estimate delivery on {d}."]),
    (r"It was delivered on (?P<d>\S+)\.", ["It arrived on {d}.", "It got delivered on {d}."]),
    (
        r"Your order (?P<o>ORD-\d+) from (?P<d>[\d-]+) contains (?P<i>.+)\.",
        ["I've checked: your order {o} from {d} contains {i}.", "In your order {o} from {d} there is {i}."],
    ),
    (
        r"Your order (?P<o>ORD-\d+) is with (?P<c>[\w ]+); the tracking number is (?P<t>\S+)\.",
        [
            "{c} has your order {o}; the tracking number is {t}.",
            "It's {c} that has your order {o}, with tracking number {t}.",
        ],
    ),
    (
        r"Your order (?P<o>ORD-\d+) was delivered on (?P<d>\S+)\.",
        ["I've checked: your order {o} was delivered on {d}.", "Order {o} was delivered on {d}."],
    ),
    (
        r"Your order (?P<o>ORD-\d+) is (?P<st>[a-z ]+); its estimated delivery date is (?P<d>\S+)\.",
        [
            "I've checked: your order {o} is {st}, and its estimated delivery date is {d}.",
            "Order {o} is {st}; we estimate delivery on {d}.",
        ],
    ),
    (
        r"Here are (?P<k>\S+) of our (?P<w>.+):",
        ["We have these {k} {w}:", "I found these {k} {w} for you:", "Take a look at these {k} {w}:"],
    ),
    (
        r"Here are the (?P<w>.+) we have:",
        ["These are the {w} we have:", "We have these {w}:", "Take a look at the {w} we have:"],
    ),
    (
        r"Of our (?P<w>.+), (?P<l>the [\w ]+?) is the (?P<x>.+)\. The top (?P<k>\S+):",
        ["{L} of our {w} is the {x}. Here are the top {k}:", "The {x} is {l} of our {w}. The top {k}:"],
    ),
    (
        r"Sorry, we don't have any (?P<w>.+)\.",
        ["We don't have any {w}, sorry.", "Unfortunately, we don't have any {w}."],
    ),
    (r"We don't carry (?P<b>.+?)\.", ["Sorry, we don't carry {b}.", "Unfortunately, we don't carry {b}."]),
    (r"The brands we carry are (?P<l>.+)\.", ["The brands we do carry are {l}.", "We carry these brands: {l}."]),
    (
        r"Of our (?P<w>.+), (?P<l>the [\w ]+?) is the (?P<x>.+)\.",
        ["{L} of our {w} is the {x}.", "The {x} is {l} of our {w}."],
    ),
    (r"The top (?P<k>\S+):", ["Here are the top {k}:", "These are the top {k}:"]),
]
_EXTRA = [(re.compile(p + r"$"), outs) for p, outs in EXTRA_REWRITES + OPENERS]
_GOOD_NEWS = re.compile(r"\b(?:shipped|delivered|out for delivery|in stock)\b")
_LEAD = re.compile(r"\s*(yes|no)\b\W*(\S+)", re.I)


def opens_otherwise(answer: str, text: str) -> bool:
    """Whether `text` opens as a rewording may at run time (Rewriter._generate): not with the answer's first word, or,
    after the answer's leading yes or no, with the same yes or no and then another word."""
    lead = _LEAD.match(answer)
    if lead:
        said = _LEAD.match(text)
        if said is None:
            return False
        return said.group(1).lower() == lead.group(1).lower() and said.group(2) != lead.group(2)
    first = answer.strip().split(" ", 1)[0]
    return text.strip().split(" ", 1)[0] != first


def reads_well(answer: str, text: str) -> bool:
    """A target the register check (bot/core/register.py) passes, with "Good news" only for good news."""
    if text.startswith("Good news") and not _GOOD_NEWS.search(answer):
        return False
    return not register_problems(text, answer)


ATTRIBUTE_QUESTIONS = (
    "Is the {short} waterproof?",
    "is the {short} lined?",
    "is the {short} machine washable?",
    "will the {short} shrink?",
    "does the {short} come in wide width?",
    "is the {short} real leather?",
)
HEADS = (
    "Here are {k} of our {w}:",
    "Here are the {w} we have:",
    "Of our {w}, the {lead} is the {x}. The top {k}:",
    "Sorry, we don't have any {w}.",
)
NOT_CARRIED = ("Adidas", "Nike", "Zara", "Patagonia", "Levi's", "Puma", "Prada", "Uniqlo Kids")  # our phrasings


def _variants(sentence: str) -> list[str]:
    out = reply_data.sentence_variants(sentence)
    for pattern, outs in _EXTRA:
        m = pattern.match(sentence)
        if m:
            groups = m.groupdict()
            groups["L"] = (groups.get("l") or "")[:1].upper() + (groups.get("l") or "")[1:]
            out += [o.format(**groups) for o in outs]
    return list(dict.fromkeys(out))


def _candidates(answer: str, rng: random.Random, tries: int = 12) -> list[str]:
    parts = [_variants(s) for s in re.split(r"(?<=[.!:])\s+(?=[A-Z])", answer.strip()) if s]
    return list(dict.fromkeys(" ".join(rng.choice(v[1:] or v) for v in parts) for _ in range(tries)))


def framed(
    ex: dict[str, Any], names: tuple[str, ...], kinds: dict[str, str], rng: random.Random
) -> dict[str, Any] | None:
    """The example as frames {question, answer, target, kind} (answer and target with the same slots), or None."""
    answer = ex["answer"].strip()
    frame: Frame = make_frame(answer, names, kinds)
    if not frame.values or frame.tail:
        return None
    for text in _candidates(answer, rng):
        if same_wording(text, answer) or near_copy(answer, text):
            continue
        if not opens_otherwise(answer, text) or not reads_well(answer, text):
            continue
        if paraphrase_problems(as_statement(answer), as_statement(text), question=ex["question"], known_names=names):
            continue
        target = frame_question(text, frame)  # the same values said as the same slots
        if not frame_problems(target, frame) and target != frame.text:
            return {"question": frame_question(ex["question"], frame), "answer": frame.text, "target": target} | {
                "kind": ex["kind"],
                "about": ex.get("about", ""),
                "filled": {"question": ex["question"], "answer": answer, "target": text},
            }
    return None


def _attribute_example(product: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    question = rng.choice(ATTRIBUTE_QUESTIONS).format(short=reply_data.short_name(product, rng))
    answer = attribute_answer(product, question)
    if not answer:
        return None
    return {"question": question, "answer": answer, "kind": "product", "about": str(product["sku"])}


def _head_example(products: list[dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    p = rng.choice(products)
    kind = reply_data_plural(str(p.get("category") or "product"))
    wanted = rng.choice(
        [
            kind,
            f"{p.get('gender')}'s {kind}" if p.get("gender") in ("men", "women") else kind,
            f"{p.get('brand')} {kind}",
            f"{kind} in stock in size {rng.choice(list(p.get('sizes') or ['M']))}",
            f"{kind} under {rng.choice([50, 80, 100, 150])}.00 USD",
        ]
    )
    lead, field = rng.choice([("cheapest", "price"), ("best rated", "rating"), ("most expensive", "price")])
    x = f"{p['name']} ({p['price']:.2f} USD)" if field == "price" else f"{p['name']} (rated {p['rating']}/5)"
    roll = rng.random()
    if roll < 0.15:  # a brand we don't carry, and the ones we do
        brands = sorted({str(q["brand"]) for q in products if q.get("brand")})
        missing = rng.choice([b for b in NOT_CARRIED if b not in brands] or ["Adidas"])
        head = f"We don't carry {missing}. The brands we carry are {', '.join(brands[:-1])} and {brands[-1]}."
        question = rng.choice(["got anything from {b}?", "{b} stuff in your shop?", "is {b} one of your brands"])
        return {"question": question.format(b=missing), "answer": head, "kind": "discovery", "about": missing}
    head = rng.choice(HEADS).format(k=rng.choice([2, 3, 4, 5]), w=wanted, lead=lead, x=x)
    return {"question": f"any {wanted}?", "answer": head, "kind": "discovery", "about": str(p["sku"])}


def reply_data_plural(kind: str) -> str:
    if kind.endswith("ss"):
        return kind + "es"
    return kind if kind.endswith("s") else kind + "s"


def examples(
    catalog: list[dict[str, Any]],
    orders: list[dict[str, Any]],
    n: int,
    *,
    seed: int,
    names: Iterable[str] | None = None,
    all_catalog: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """n frame examples drawn at random: template answers about products and orders (reply_data), product
    attribute answers and list introductions; `all_catalog` gives the names and colours known to the shop."""
    rng = random.Random(seed)
    everything = all_catalog or catalog
    known = tuple(sorted(names if names is not None else reply_data.known_names(everything)))
    kinds = name_kinds(everything)
    products = [p for p in catalog if p.get("sku") and p.get("name") and p.get("price") is not None]
    pool = reply_data.examples(catalog, orders, n, seed=seed, names=list(known))
    out: list[dict[str, Any]] = []
    attempts = 0
    while len(out) < n and attempts < n * 20 and products:
        attempts += 1
        roll = rng.random()
        if roll < 0.15:
            ex = _attribute_example(rng.choice(products), rng)
        elif roll < 0.45:
            ex = _head_example(products, rng)
        else:
            ex = pool.pop() if pool else None
        if ex is None or len(ex["answer"]) > 400:
            continue
        done = framed(ex, known, kinds, rng)
        if done is not None:
            out.append(done)
    return out
