"""A return without a printer ("dont have a printer at home, how am i supposed to send my return back??"): the returns
page's ways to send a return back, read at run time, with the ways that use the printed label told apart from the one
that does not name a label (bringing the item to a store). A small model left alone answered this with advice the
pages never give ("order a returnable return paper from a local business"); this answer quotes the page only, and a
page without such a way gets the ways as they are, with a person offered (#9)."""

from __future__ import annotations

import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.return_extras import WAYS_QUERY
from bot.core.turn import HANDOFF_BUTTON, hit_source
from bot.domain import Author, Flag, IntentPrediction, Reply

NO_PRINTER = re.compile(
    r"\b(?:no|without(?: a| any)?|don'?t have(?: a| any)?|dont have(?: a| any)?|do not have(?: a| any)?"
    r"|haven'?t got(?: a)?|have no|lack(?: a)?)\s+(?:\w+\s+)?printer\b"
    r"|\bprinter\b[^.?!]{0,25}\b(?:broken|broke|out of ink|not working|doesn'?t work|died)\b"
    r"|\b(?:can'?t|cannot|can not|unable to|no way to|how (?:do|can) i)\s+print\b",
    re.I,
)
RETURN_WORDS = re.compile(
    r"\b(?:return\w*|label|send (?:it|them|\w+ \w+)? ?back|ship (?:it|them) back|exchange)\b", re.I
)
WAY = re.compile(r"^\s*(?:\d+\.\s*)?\*{0,2}([^*:]+?)\*{0,2}(?:\s+[–—-]\s+|:\s+)(.+)$")
LABEL = re.compile(r"\blabel\b", re.I)
PERSON = "If none of these works for you, a person from our team can help; would you like me to connect you?"


def asks_without_printer(text: str) -> bool:
    """A return or its label asked by someone with no way to print it."""
    return bool(NO_PRINTER.search(text) and RETURN_WORDS.search(text))


def _listed(ways: list[tuple[str, str]]) -> str:
    return " ".join(f"{name} – {said}" if name else said for name, said in ways)


def _ways(sentences: list[str]) -> list[tuple[str, str]]:
    """(name, its first two sentences) per way the section lists ("By mail – we e-mail you ... Print it, ..."); the
    section's sentences as they are, when it names no ways."""
    ways: list[tuple[str, list[str]]] = []
    for s in sentences:
        if (m := WAY.match(s)) and len(m.group(1).split()) <= 5:
            ways.append((m.group(1).strip(), [m.group(2).strip()]))
        elif ways and not s.rstrip().endswith(":"):
            ways[-1][1].append(s.strip())
    if not ways:
        return [("", s) for s in sentences if not s.rstrip().endswith(":")]
    return [(name, " ".join(said[:2])) for name, said in ways]


def no_printer_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """The ways back, those needing no printed label first; None when not asked or the page has no such section."""
    if not asks_without_printer(text):
        return None
    page = find(kb, WAYS_QUERY, r"\bUPS Access Point\b|\breturn shipping label\b")
    ways = _ways(page.sentences)
    if page.hit is None or not ways:
        return None
    free = [(name, said) for name, said in ways if not LABEL.search(said)]
    printed = [(name, said) for name, said in ways if LABEL.search(said)]
    out: list[str] = []
    if free:
        one = "One way" if len(free) == 1 else f"{len(free)} ways"
        out.append(f"{one} to send a return back doesn't use a label: " + _listed(free))
        if printed:
            out.append(
                f"The {'other' if len(printed) == 1 else 'others'} use the prepaid return label: " + _listed(printed)
            )
    else:
        out.append(
            "Every way our returns page gives to send a return back uses the prepaid return label: " + _listed(printed)
        )
    out.append(PERSON)
    return Reply(
        text=" ".join(out),
        sources=[hit_source(page.hit)],
        flags={Flag.FROM_DATA, Flag.HANDOFF},
        buttons=[HANDOFF_BUTTON],
        intent=pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
