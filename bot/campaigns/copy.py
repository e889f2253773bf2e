"""Campaign copy: the model writes a sentence from the offer's facts, the segment and the tone; the verifier checks it;
a template replaces it when it fails; per-customer fields (first name, offered product) are filled in afterwards."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.campaigns.model import Offer, describe_segment
from bot.campaigns.names import ProductNames
from bot.core.verify import verify

log = logging.getLogger(__name__)
PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
SYSTEM = (PROMPTS / "campaign_copy_system.txt").read_text(encoding="utf-8").strip()
USER = (PROMPTS / "campaign_copy_user.txt").read_text(encoding="utf-8").strip()

Generate = Callable[[str, str, str], str]  # (system, user, grounding) -> text

TEMPLATES = {
    "friendly": "We picked something we think you will like.",
    "elegant": "A considered choice, selected for you.",
    "playful": "Look what we found just for you!",
    "urgent": "Take a look today.",
    "calm": "Whenever you are ready, here is a suggestion for you.",
}
# claims a campaign may make only when the admin typed the matching offer field
PROMO_CLAIMS: list[tuple[str, re.Pattern[str]]] = [
    ("free_shipping", re.compile(r"\bfree\s+(?:shipping|delivery)\b|\bships?\s+free\b", re.I)),
    (
        "discount",
        re.compile(
            r"\b(?:discount\w*|sale|% off|\d+\s*%|percent off|save|saving|savings|cheaper|reduced|deal|bargain|half price|clearance|off\b)",
            re.I,
        ),
    ),
    ("code", re.compile(r"\b(?:promo|coupon|voucher|discount)\s+code\b|\buse code\b|\bcode\b", re.I)),
    (
        "ends",
        re.compile(
            r"\b(?:ends?|ending|until|expires?|last chance|limited time|only today|today only|hurry|while stocks? last|before it'?s gone)\b",
            re.I,
        ),
    ),
]
# a support bot's phrases, not marketing: a small model falls back to them when it did not understand the task
OFF_MESSAGE = re.compile(
    r"\b(?:not sure|human agent|talk to a (?:human|person)|sorry|i can(?:'|no)t|i don'?t know|as an ai|language model|assistant"
    r"|question|your message|sample|the facts|facts you|your order|your purchase|assist|help you find)\b",
    re.I,
)
NEVER = re.compile(
    r"\b(?:guarantee\w*|free returns?|refund\w*|gift card|winner|prize|giveaway|free gift|no cost|risk-free|limited edition"
    r"|exclusive\w*|(?:just |newly )?launch\w*|new(?:est)? collection|newest|available (?:on|from))\b",
    re.I,
)


@dataclass(slots=True)
class CopyResult:
    """A segment-level copy with placeholders {first_name} and {product}, where it came from and the verifier's verdict."""

    text: str
    source: str  # model | template | staff
    ok: bool
    reasons: list[str] = field(default_factory=list)
    model_text: str = ""  # what the model wrote, also when it was rejected

    def as_verdict(self) -> dict[str, Any]:
        """The JSON stored with the copy."""
        return {"ok": self.ok, "reasons": self.reasons, "model_text": self.model_text}


def price_text(product: dict[str, Any]) -> str:
    """'49.99 USD' from a catalog product."""
    price = product.get("price")
    return f"{float(price):.2f} {product.get('currency') or 'USD'}" if isinstance(price, (int, float)) else ""


def offer_lines(offer: Offer, products: list[dict[str, Any]]) -> list[str]:
    """The offer's facts, one per line: the only prices, discounts, dates, codes and product names copy may use."""
    lines = []
    if offer.mode == "recommend":
        lines.append("Product: one product picked for each customer from what they bought and viewed")
    for p in products:
        lines.append(f"Product: {p.get('name')} for {price_text(p)}")
    if offer.discount:
        lines.append(f"Discount: {offer.discount} off")
    if offer.code:
        lines.append(f"Code: {offer.code}")
    if offer.free_shipping:
        lines.append("Free shipping on this offer")
    if offer.ends:
        lines.append(f"Offer ends: {offer.ends}")
    return lines


def promo_problems(text: str, offer: Offer) -> list[str]:
    """Claims the admin did not type into the offer (free shipping, discounts, codes, deadlines) and promises never allowed."""
    allowed = {
        "free_shipping": offer.free_shipping,
        "discount": bool(offer.discount),
        "code": bool(offer.code),
        "ends": bool(offer.ends),
    }
    out = [
        f"claims {kind.replace('_', ' ')} the offer does not have: {m.group(0)!r}"
        for kind, pattern in PROMO_CLAIMS
        if not allowed[kind] and (m := pattern.search(text))
    ]
    if m := NEVER.search(text):
        out.append(f"makes a promise campaigns never make: {m.group(0)!r}")
    if m := OFF_MESSAGE.search(text):
        out.append(f"not marketing copy: {m.group(0)!r}")
    return out


def check_copy(
    text: str, offer: Offer, grounding: str, *, known_names: Iterable[str], names: ProductNames | None = None
) -> list[str]:
    """Every reason the text may not be sent (empty: it may). Facts and names must be in the grounding."""
    verdict = verify(text, grounding, known_names=known_names, system_prompt=SYSTEM)
    reasons = list(verdict.reasons) + promo_problems(text, offer)
    if names is not None and (other := names.foreign(text, grounding)):
        reasons.append(f"names a product the offer does not have: {', '.join(repr(o) for o in other)}")
    if re.search(r"[{}]", text.replace("{first_name}", "").replace("{product}", "")):
        reasons.append("stray braces")
    if re.search(r"[$€£](?!\s*\d)", text):
        reasons.append("a currency sign without an amount")
    return reasons


def compose(body: str, offer: Offer, *, product_line: bool = True) -> str:
    """The segment copy around a body sentence: greeting, the body, the product line and what the admin typed."""
    parts = [("Hi {first_name}! " + body.strip()).strip()]
    if product_line:
        parts.append("🛍 {product}")
    extra = []
    if offer.discount:
        extra.append(f"{offer.discount} off" + (f" with code {offer.code}" if offer.code else ""))
    elif offer.code:
        extra.append(f"Code {offer.code}")
    if offer.free_shipping:
        extra.append("free shipping")
    if offer.ends:
        extra.append(f"until {offer.ends}")
    if extra:
        line = ", ".join(extra)
        parts.append(line[0].upper() + line[1:] + ".")
    return "\n".join(parts)


@dataclass(slots=True)
class Message:
    """One customer's filled message and where its body came from (copy: the segment's copy; template: the fallback)."""

    text: str
    source: str
    reasons: list[str] = field(default_factory=list)  # why the segment's copy failed for this customer, if it did


class CopyWriter:
    """Writes, checks and falls back; `generate` is the configured backend (None: templates only)."""

    def __init__(self, generate: Generate | None, *, catalog: list[dict[str, Any]]) -> None:
        self.generate = generate
        self.catalog = {str(p.get("sku")): p for p in catalog}
        self.known_names = sorted(
            {str(p["name"]) for p in catalog if p.get("name")} | {str(p["brand"]) for p in catalog if p.get("brand")}
        )
        self.names = ProductNames(catalog)

    def grounding(self, offer: Offer, *, segment: str, tone: str, products: list[dict[str, Any]] | None = None) -> str:
        """The facts a copy (and every message filled from it) may use."""
        prods = products if products is not None else [self.catalog[s] for s in offer.skus if s in self.catalog]
        return "\n".join(offer_lines(offer, prods) + [f"Audience: {describe_segment(segment)}", f"Tone: {tone}"])

    def write(self, offer: Offer, *, segment: str, tone: str) -> CopyResult:
        """The copy for one variant and segment: the model's if it passes every check, else the tone's template."""
        model_text = self._generate_body(offer, segment=segment, tone=tone)
        reasons: list[str] = []
        if model_text:
            reasons = self.check(compose(model_text, offer), offer, segment=segment, tone=tone)
            if not reasons:
                return CopyResult(compose(model_text, offer), "model", True, [], model_text)
            log.info("model copy rejected (%s): %r", "; ".join(reasons), model_text)
        for text in self.templates(offer, tone):
            if not self.check(text, offer, segment=segment, tone=tone):
                return CopyResult(text, "template", True, reasons, model_text)
        return CopyResult(self.templates(offer, tone)[-1], "template", False, reasons, model_text)

    def _generate_body(self, offer: Offer, *, segment: str, tone: str) -> str:
        """The model's sentence for this offer, segment and tone ('' with no generator or when it fails)."""
        if self.generate is None:
            return ""
        grounding = self.grounding(offer, segment=segment, tone=tone)
        user = USER.format(facts=grounding.rsplit("\nAudience:", 1)[0], audience=describe_segment(segment), tone=tone)
        try:
            return _clean(self.generate(SYSTEM, user, grounding))
        except Exception as exc:  # noqa: BLE001 - any backend failure means the template
            log.warning("copy generation failed (%s); using the template", exc)
            return ""

    @staticmethod
    def templates(offer: Offer, tone: str) -> list[str]:
        """The fallback copies, in order: the tone's template sentence, then the bare greeting and product line."""
        return [compose(TEMPLATES.get(tone, TEMPLATES["friendly"]), offer), compose("", offer)]

    def check(self, copy: str, offer: Offer, *, segment: str, tone: str) -> list[str]:
        """Check a segment copy by filling it with each product it may carry (staff edits go through this too)."""
        products = [self.catalog[s] for s in offer.skus if s in self.catalog] or list(self.catalog.values())[:1]
        reasons: list[str] = []
        for p in products[:3]:
            text = self.fill(copy, first_name="Alex", product=p)
            more = self.verify_message(text, offer, product=p, first_name="Alex", segment=segment, tone=tone)
            reasons += [r for r in more if r not in reasons]
        return reasons

    def message(
        self, copy: str, offer: Offer, *, product: dict[str, Any] | None, first_name: str, segment: str, tone: str
    ) -> Message | None:
        """The customer's verified message: the segment's copy filled in, or, when that fails the verifier for this
        customer (a name or product that makes it unsafe), a template filled in and verified; None if nothing passes."""

        def problems(text: str) -> list[str]:
            return self.verify_message(text, offer, product=product, first_name=first_name, segment=segment, tone=tone)

        text = self.fill(copy, first_name=first_name, product=product)
        reasons = problems(text)
        if not reasons:
            return Message(text, "copy")
        for template in self.templates(offer, tone):
            text = self.fill(template, first_name=first_name, product=product)
            if not problems(text):
                return Message(text, "template", reasons)
        return None

    def _with(self, offer: Offer, product: dict[str, Any] | None) -> list[dict[str, Any]]:
        """The offer's hand-picked products plus the one shown to this customer."""
        prods = [self.catalog[s] for s in offer.skus if s in self.catalog]
        if product is not None and all(p.get("sku") != product.get("sku") for p in prods):
            prods.append(product)
        return prods

    @staticmethod
    def fill(copy: str, *, first_name: str, product: dict[str, Any] | None) -> str:
        """Per-customer message: first name and the offered product (name and price) filled in."""
        name = re.sub(r"[^\w' -]", "", first_name).strip()[:40] or "there"
        line = f"{product.get('name')} for {price_text(product)}" if product else ""
        text = copy.replace("{first_name}", name).replace("{product}", line)
        return "\n".join(t for t in text.splitlines() if t.strip() and t.strip() != "🛍")

    def verify_message(
        self, text: str, offer: Offer, *, product: dict[str, Any] | None, first_name: str, segment: str, tone: str
    ) -> list[str]:
        """Reasons a filled, per-customer message may not go out (empty: it may)."""
        grounding = (
            self.grounding(offer, segment=segment, tone=tone, products=self._with(offer, product))
            + f"\nCustomer: {first_name}"
        )
        return check_copy(text, offer, grounding, known_names=self.known_names, names=self.names)


def _clean(text: str) -> str:
    """The model's sentence(s): one paragraph, no greeting line, no quotes, at most 300 characters."""
    text = " ".join(text.replace("\u201c", "").replace("\u201d", "").replace('"', "").split())
    text = re.sub(r"^(?:hi|hello|hey|dear)\b[^.!?,]*[,!.]\s*", "", text, flags=re.I)
    if len(text) > 300:
        cut = max(text.rfind(".", 0, 300), text.rfind("!", 0, 300))
        text = text[: cut + 1] if cut > 40 else ""
    return text.strip()


def first_name(customer: dict[str, Any]) -> str:
    """The customer's first name, or 'there'."""
    name = str(customer.get("name") or "").strip()
    return name.split()[0] if name else "there"
