"""The echo check: a reply that only repeats the question (or is itself a question) answers nothing; nor does a
reply that talks about the text instead of saying what it says ("This information provides details about the
return policy ...": `about_the_text`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.facts import names_in

# words that say nothing new when a reply repeats them ("yes" and "no" are handled apart: they answer)
ECHO_STOP = frozenset(
    re.findall(
        r"\S+",
        "the a an is are was were be it its this that these those they them and or of to in on for with at by "
        "from do does did can could will would you your we our us i my me yes no",
    )
)
_YES_NO_QUESTION = re.compile(r"^\s*(?:do|does|did|is|are|was|were|can|could|will|would|have|has|any)\b", re.I)
_YES_NO_ANSWER = re.compile(r"^\s*(?:yes|no)\b[^?]*[.!]\s*$", re.I)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def echoes(reply: str, question: str, *, names: Sequence[str] | None = None) -> bool:
    """True when the reply only repeats the question.

    Product and brand names the question uses do not count: "The Slim Blue Jeans cost 59.90 USD." repeats the
    name because it answers about that product, not because it echoes. A yes or no to a yes/no question
    answers it, even in the question's own words ("Yes, the Slim Blue Jeans come in black.").
    """
    named = [n.lower() for n in names_in(question, names or ())]
    name_words = set().union(*(_words(n) for n in named)) if named else set()
    r, q = _words(reply) - name_words, _words(question) - name_words
    if not _words(reply):
        return True
    if not r or (_YES_NO_QUESTION.match(question) and _YES_NO_ANSWER.match(reply)):
        return False
    overlap = len(r & q) / len(r | q)
    new = {w for w in r - q if w not in ECHO_STOP and (len(w) > 2 or any(c.isdigit() for c in w))}
    if not new and not _restates_yes_no(r, question):
        return True  # nothing the shopper did not say ("This is your wool coat." to "wheres my wool coat at")
    return (overlap >= 0.6 and not new) or (reply.strip().endswith("?") and reply.count(".") == 0)


_PARTS = re.compile(r"[?.!\n;]+|,?\s+\band\b\s+", re.I)
_LEAD = re.compile(r"^\W*(?:and|also|so|but|ok|okay|hi|hey|hello|please)\b\W*", re.I)


def _restates_yes_no(reply_words: set[str], question: str) -> bool:
    """The reply restates a yes/no part of the question ("The jeans are in stock." to "are the jeans in stock?"):
    that answers it, even in the question's own words. A reply that only repeats another part does not."""
    for raw in _PARTS.split(question):
        part = _LEAD.sub("", raw or "")
        if _YES_NO_QUESTION.match(part):
            content = {w for w in _words(part) if w not in ECHO_STOP and len(w) > 2}
            if content and reply_words & content:
                return True
    return False


# a sentence whose subject is the grounding itself and whose verb reports on it: "This information provides details
# about ...", "The policy describes ...", "Here is information about ...", "The passage explains ...". The shop's
# own sentences never speak of "this information"; a rule ("The warranty covers defects") has another subject.
_META = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:this|the|that|above|given|provided) (?:(?:\w+ )?information|(?:\w+ )?(?:policy|policies|section|"
    r"passage|text|document|article|page|excerpt|context|entry|faq|snippet|paragraph)|above)) (?:\w+ )?"
    r"(?:provides|describes|explains|outlines|details|discusses|summari[sz]es|mentions|talks about|is about|refers to"
    r"|gives (?:an? )?(?:overview|details|information|summary)|contains (?:information|details))\b"
    r"|(?:^|[.!?]\s+)here (?:is|are|'s) (?:some |the )?(?:information|details|an overview|a summary)\b",
    re.I,
)


def about_the_text(reply: str) -> bool:
    """The reply speaks of the information instead of giving it (a model's summary of its grounding)."""
    return bool(_META.search(reply.strip()))
