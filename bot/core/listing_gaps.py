"""When a product's listing is silent, the shop's pages may still answer for its kind: "can the leather moto jacket
go in the washing machine?" has no care line, but the care FAQ's jackets section says leather must not go in the
washer; "does the sherpa jacket run small?" has no fit note, but the size guide says the clothes fit true to size
and what to do between two sizes. Such a question gets the listing's silence AND the page's rule, quoted as the
page's and scoped to the kind: a section that names another kind ("Shirts: how should I wash my shirt?") is never
quoted for a jacket or a sweater, and no section for the kind leaves the reply as it was ("the listing doesn't say",
and a person). Within a section, the sentences that name the product's own fabric or style words are preferred
("Leather, suede ... must not go in the washer" for lambskin leather; "Puffer jackets can be washed ..." for a
puffer); the queries are fixed per kind and aspect, so the found section is kept per knowledge-base version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core.catalog.composition import composition
from bot.core.catalog.words import KIND_WORDS, KINDS
from bot.core.policy_lines import sentences_of
from bot.core.ports import KnowledgePort
from bot.core.turn import hit_source
from bot.core.version_memo import per_version
from bot.domain import Author, Flag, Hit, IntentPrediction, Reply


@dataclass(frozen=True, slots=True)
class Aspect:
    """What the shopper asks about a product that a page may answer for its kind."""

    key: str
    asked: re.Pattern[str]
    query: str  # {kinds} / {kind}: the product's kind; a fixed question per kind, never the shopper's words
    scoped: bool  # the section must name the product's kind (care); False: a shop-wide rule (the size guide)
    about: re.Pattern[str]  # the section's text shows it answers this aspect


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


ASPECTS: tuple[Aspect, ...] = (
    Aspect(
        "fit",
        _p(
            r"\bruns? (?:small|large|big|narrow|tight|short|long)\b|\btrue to size\b|\bsize (?:up|down)\b"
            r"|\bbetween (?:two )?sizes\b|\bhow (?:does|do) (?:it|they|this|these) fit\b|\bfits? (?:small|large|big)\b"
        ),
        "Do your clothes fit true to size? Which size if I am between two sizes?",
        False,
        _p(r"\btrue to size\b|\bbetween two sizes\b"),
    ),
    Aspect(
        "shrink",
        _p(r"\bshrink\w*\b"),
        "{Kinds}: will my {kind} shrink?",
        True,
        _p(r"\bshrink\w*\b"),
    ),
    Aspect(  # "are the Everett chukkas waterproof?" (nubuck, not tagged): the boots section's sentence on leather
        "waterproof",
        _p(r"\bwaterproof\b|\bwater[- ]?(?:resistant|repellent|tight)\b|\brain ?proof\b"),
        "{Kinds}: are they waterproof?",
        True,
        _p(r"\bwaterproof\b|\bwater[- ]resistant\b"),
    ),
    Aspect(  # "do those come in wide?" of boots not marked "wide width available": the page's width rule
        "width",
        _p(r"\bcomes? in (?:a )?wide\b(?![- ]leg)|\bwide (?:width|fit|feet|foot)\b|\bwidths?\b|\bhow wide\b"),
        "{Kinds}: how wide are your {kind}?",
        True,
        _p(r"\bmedium width\b"),
    ),
    Aspect(
        "wash",
        _p(
            r"\bwash\w*\b|\bwasher\b|\bwashing machine\b|\bin the machine\b|\bdry[- ]?clean\w*\b|\btumble\b|\bdryer\b"
            r"|\bclean (?:it|them)\b|\bcare for\b|\blaunder\w*\b"
        ),
        "{Kinds}: can I machine wash my {kind} or is it dry-clean only? How should I wash my {kind}?",
        True,
        _p(r"\bwash\w*\b|\bdry[- ]?clean\w*\b|\bcleaner\b"),
    ),
)
_KIND_RX = [(re.compile(rf"\b(?:{words})\b", re.I), kind) for words, kind in KIND_WORDS]
# words of a product's name that say nothing about its fabric or style
_PLAIN = frozenset(
    [
        "men's",
        "women's",
        "mens",
        "womens",
        "unisex",
        "the",
        "a",
        "an",
        "and",
        "with",
        "of",
        "in",
        "for",
        "by",
        "on",
        "shell",
        "lining",
        "lined",
        "fill",
        "genuine",
        "blend",
    ]
)


def _kinds_in(text: str) -> set[str]:
    """The catalog categories a text names."""
    return {KINDS.get(kind, (kind, ""))[0] for rx, kind in _KIND_RX if rx.search(text)}


def _heading(hit: Hit) -> str:
    first = hit.passage.text.splitlines()[0] if hit.passage.text else ""
    return first.split(" > ", 1)[1] if " > " in first else ""


def _plural(kind: str) -> str:
    return kind if kind.endswith("s") else f"{kind}es" if kind.endswith("ss") else f"{kind}s"


def _section(kb: KnowledgePort, aspect: Aspect, kind: str) -> Hit | None:
    """The first page section (no product) among the hits for the aspect's question about `kind` that shows the
    aspect and, when scoped, whose heading names `kind` (and no other kind)."""
    query = aspect.query.format(kind=kind, Kinds=_plural(kind).capitalize())

    def find() -> Hit | None:
        for hit in kb.search(query, k=8):
            if hit.passage.metadata.get("sku") or not aspect.about.search(hit.passage.text):
                continue
            named = _kinds_in(_heading(hit))
            if aspect.scoped and named != {kind}:
                continue
            if not aspect.scoped and named:
                continue  # a shop-wide rule: not one kind's section
            return hit
        return None

    return per_version(kb, ("listing_gap", aspect.key, kind), find)


def _own_words(product: dict[str, Any]) -> set[str]:
    """The product's fabric and style words ("lambskin", "leather", "puffer"), without its brand and kind."""
    text = " ".join(str(product.get(f) or "") for f in ("name", "material"))
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w'-]+", text)}
    brand = {w.lower() for w in str(product.get("brand") or "").split()}
    kind = str(product.get("category") or "")
    return {w for w in words - _PLAIN - brand if kind not in _kinds_in(w)}  # "denim" stays on a denim jacket


_STRETCH = re.compile(r"\b(?:elastane|spandex|lycra|stretch)\b", re.I)
_WHOLE = re.compile(r"\b100\s?%\s+([a-z]+)", re.I)


def _stretchy(product: dict[str, Any]) -> bool:
    """The product has stretch: elastane (or the like) in its material, or the tag "stretch"."""
    return bool(_STRETCH.search(str(product.get("material") or ""))) or "stretch" in (product.get("tags") or [])


def _fits_build(sentence: str, product: dict[str, Any]) -> bool:
    """False when the sentence is the rule for another build than the product's: "100% cotton rigid denim can shrink"
    is not the rule for 98% cotton, 2% elastane jeans, nor "Stretch denim barely shrinks" for rigid denim."""
    stretch = _stretchy(product)
    if stretch and re.search(r"\brigid\b", sentence, re.I):
        return False
    if not stretch and re.search(r"\bstretch\b", sentence, re.I):
        return False
    material = str(product.get("material") or "")
    return all(composition(material, m.group(1))[0] == "pure" for m in _WHOLE.finditer(sentence))


def _shared(sentence: str, words: set[str]) -> int:
    """How many of the product's own words the sentence names."""
    return sum(1 for w in words if re.search(rf"\b{re.escape(w)}(?:s|es)?\b", sentence, re.I))


def _statements(sentences: list[str], n: int) -> list[str]:
    """The first `n` statements, with a question the page asks itself kept before its answer ("Between two sizes?")."""
    out: list[str] = []
    for s in sentences:
        out.append(s)
        if sum(1 for x in out if not x.endswith("?")) >= n:
            break
    return out


def asked_aspect(text: str) -> Aspect | None:
    """The first aspect the question asks about, or None."""
    return next((a for a in ASPECTS if a.asked.search(text)), None)


def kind_rule(kb: KnowledgePort, product: dict[str, Any], text: str) -> tuple[str, dict[str, str]] | None:
    """'Our page says for jackets: "..."' with its source, or None when no page answers it for the product's kind."""
    aspect = asked_aspect(text)
    kind = str(product.get("category") or "")
    if aspect is None or not kind:
        return None
    hit = _section(kb, aspect, kind)
    if hit is None:
        return None
    sentences = [s for s in sentences_of(hit) if _fits_build(s, product)]  # its own material's rule only
    words = _own_words(product) | ({"stretch"} if _stretchy(product) else set())
    shared = {s: _shared(s, words) for s in sentences if aspect.about.search(s)}
    best = max(shared.values(), default=0)
    own = [s for s, n in shared.items() if best and n == best]  # "denim, cotton twill" over "waxed cotton"
    said = " ".join(own[:2] or _statements(sentences, 2))  # its fabric named, else the section's general answer
    if not said:
        return None
    page = re.split(r"\s[–-]\s", hit.passage.title)[0].strip() or "page"  # "FAQ – Boots, Shirts, ..." -> "FAQ"
    lead = f"For {_plural(kind)}, our {page} says" if aspect.scoped else f"Our {page} says"
    return f'{lead}: "{said}"', hit_source(hit)


def page_section(kb: KnowledgePort, aspect: Aspect, kind: str) -> tuple[str, Hit, str] | None:
    """The kind's section for the aspect, every sentence of it that answers the aspect ("Boots tagged waterproof ...
    Other leather and suede boots are water-resistant at best ..."), with its hit and the page's name."""
    hit = _section(kb, aspect, kind)
    if hit is None:
        return None
    said = " ".join(s for s in sentences_of(hit) if aspect.about.search(s))
    page = re.split(r"\s[–-]\s", hit.passage.title)[0].strip() or "page"
    return (said, hit, page) if said else None


def shop_fit_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """ "Do your shirts run small? I'm between an M and an L" (no product named): the size guide's shop-wide fit
    rule, or None when the question asks no fit or no page gives a rule for all the clothes."""
    aspect = asked_aspect(text)
    if aspect is None or aspect.scoped:
        return None
    hit = _section(kb, aspect, "")
    if hit is None:
        return None
    said = " ".join(_statements(sentences_of(hit), 2))
    page = re.split(r"\s[–-]\s", hit.passage.title)[0].strip() or "page"
    return Reply(
        text=f'Our {page} says: "{said}"',
        sources=[hit_source(hit)],
        flags={Flag.STRUCTURED, Flag.FROM_DATA},
        intent=pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


_NOT_WIDE = re.compile(r"The listing for the [^.]*? doesn't mention a wide width\.(?: It says: [^.]*\.)?\s*")


def width_no(product: dict[str, Any], text: str, answer: str) -> str:
    """ "do those come in wide?" of boots whose listing is not marked "wide width available" (the page: boots are
    medium width, only styles marked so come in wide): "No: ... isn't one of the styles that come in wide" first,
    in place of "the listing doesn't mention a wide width"; any other answer unchanged."""
    aspect = asked_aspect(text)
    if aspect is None or aspect.key != "width" or not _NOT_WIDE.search(answer):
        return answer
    if "wide width available" in " ".join(str(product.get(f) or "") for f in ("description", "tags")).lower():
        return answer
    name = product["name"]
    return (
        f"No: the {name} are medium width; they aren't one of the styles that come in wide. {_NOT_WIDE.sub('', answer)}"
    )
