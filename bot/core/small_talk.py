"""Small talk read from the words, whatever the classifier says: a greeting ("heyy :)", "good morning"), thanks, a
goodbye, an acknowledgement ("ok cool", "lol", an emoji alone), or a question about who is answering ("r u a real
person or a bot?", "who am I talking to"). A message is small talk only when nothing else is in it: "hi, how long
does shipping take?" is a shipping question, and `without_small_talk` drops its greeting before it is read, as it
drops "thanks, and" from "thanks, and how long is shipping?"."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum


class Said(Enum):
    """What a small-talk message says, which picks its reply."""

    IDENTITY = "identity"
    THANKS = "thanks"
    BYE = "bye"
    GREETING = "greeting"
    HOW = "how"  # "how r u today", "hey hows it going": a greeting that asks after the assistant
    ACK = "ack"


def _squeeze(word: str) -> str:
    """A word with its repeated letters said once ("heyy", "helloooo", "thanksss"): spellings compare squeezed."""
    return re.sub(r"(.)\1+", r"\1", word)


def _words(*words: str) -> frozenset[str]:
    return frozenset(_squeeze(w) for w in words)


GREET = _words("hi", "hii", "hello", "hey", "heya", "hiya", "howdy", "yo", "sup", "greetings", "morning", "evening")
GREET_TWO = ("good morning", "good afternoon", "good evening", "good day", "whats up", "what's up", "how are you")
THANK = _words("thanks", "thank", "thanx", "thnx", "thx", "ty", "tysm", "cheers", "appreciate", "appreciated")
BYE = _words("bye", "goodbye", "byebye", "cya", "later", "ciao")
BYE_TWO = ("see you", "see ya", "take care", "that's all", "thats all", "that is all", "have a")
ACK = _words(
    "ok", "okay", "okey", "k", "kk", "alright", "cool", "great", "nice", "perfect", "awesome", "sweet", "got",
    "sure", "fine", "noted", "understood", "lol", "lmao", "rofl", "haha", "hahaha", "hehe", "ha", "oh", "ah", "wow",
    "yay", "gotcha", "sounds", "good",
)  # fmt: skip
# words that only fill out small talk ("thank you so much", "hello there", "have a nice day", "thanks for the help")
FILLER = _words(
    "you", "u", "ya", "so", "very", "much", "a", "lot", "again", "there", "guys", "team", "all", "everyone", "folks",
    "for", "the", "your", "ur", "help", "it", "that", "then", "now", "well", "just", "really", "nice", "day",
    "one", "evening", "night", "weekend", "to", "and", "i", "is", "all", "see", "take", "care", "have", "what's",
    "whats", "up", "how", "are", "doing", "by", "bot", "assistant", "friend", "dear", "mate", "buddy", "or", "what",
    "r", "hows", "how's", "going", "doin", "today", "tonight", "things", "everything", "been", "hope", "youre",
    "you're", "wbu", "hbu", "about", "yourself",
)  # fmt: skip
# "how r u", "how's it going", "how is your day", "how are things": asking after the assistant
HOW_ASK = re.compile(
    r"\bhow(?:'?s| is| are| r| have| has)? (?:(?:you|u|ya)\b|it go|(?:your|ur) day|things|everything|life)"
    r"|\b(?:wbu|hbu)\b|\bhope (?:you|u|ya)(?:'?re| are| r)? (?:well|good|doing)"
)
# "r u a real person or a bot lol", "am I talking to a human?", "is this AI?", "who am I talking to"
_BEING = (
    r"(?:(?:a|an|some) )?(?:real |actual |live |automated |virtual )?"
    r"(?:person|human(?: being)?|bot|robot|ai|a\.i\.|machine|computer|chat ?bot|program|agent|chat ?gpt|gpt|someone|somebody)"
)
IDENTITY = re.compile(
    rf"\b(?:are|r) (?:you|u|ya) (?:really |actually )?(?:{_BEING}|real|human|automated)(?: or (?:just )?{_BEING})?"
    rf"|\b(?:am i|are we) (?:talking|chatting|speaking|writing|texting) (?:to|with) (?:{_BEING}|who|what|a real one)"
    rf"(?: or (?:just )?{_BEING})?"
    rf"|\bwho (?:am i|are we) (?:talking|chatting|speaking|writing|texting) (?:to|with)\b|\bwho(?:'s| is) (?:this|there|that)\b"
    rf"|\bwho are (?:you|u)\b|\bwhat are (?:you|u)\b"
    rf"|\bis (?:this|that|it|he|she) (?:a |an )?(?:{_BEING}|real|human|automated)(?: or (?:just )?{_BEING})?"
    rf"|\b(?:bot|robot|ai|human|person) or (?:{_BEING}|real|not)\b",
    re.I,
)
_EMOJI_CATEGORIES = ("So", "Sk", "Mn", "Cf")  # pictographs, skin tones and modifiers, variation selectors, joiners


def emoji_only(text: str) -> bool:
    """Emoji or emoticons and punctuation, no words: ":)", "👍", "😂😂"."""
    rest = re.sub(r"[:;=8xX]-?[)(DPp3/|]|<3|\^_?\^", " ", text)
    rest = "".join(ch for ch in rest if unicodedata.category(ch) not in _EMOJI_CATEGORIES)
    return bool(text.strip()) and not re.search(r"[^\W_]", rest)


def _tokens(text: str) -> list[str]:
    return [_squeeze(w) for w in re.findall(r"[a-z']+", text.lower().replace("’", "'"))]


def _said_with(text: str) -> Said | None:
    """What the small-talk words say, or None when a word is no small talk."""
    low = " ".join(_tokens(text))
    words = set(low.split())
    said = lambda phrases: any(re.search(rf"\b{_squeeze(p)}\b", low) for p in phrases)  # noqa: E731
    if not words <= GREET | THANK | BYE | ACK | FILLER | {"goodbye", "welcome"}:
        return None
    if words & THANK:
        return Said.THANKS
    if words & BYE or said(BYE_TWO):
        return Said.BYE
    if HOW_ASK.search(low):
        return Said.HOW
    if words & GREET or said(GREET_TWO):
        return Said.GREETING
    if words & ACK:
        return Said.ACK
    return None


def small_talk(text: str) -> Said | None:
    """What a message that is only small talk says; None when it asks or tells anything else."""
    if emoji_only(text):
        return Said.ACK
    if (who := IDENTITY.search(text)) is not None:
        rest = text[: who.start()] + " " + text[who.end() :]
        if not _tokens(rest) or _said_with(rest) is not None:
            return Said.IDENTITY  # "r u a real person or a bot lol", "hi, is this a bot?"
        return None
    return _said_with(text) if len(_tokens(text)) <= 10 else None


# a greeting or thanks that opens a message, up to where the question starts ("hi, ...", "thanks! and ...")
OPENING = re.compile(
    r"^\W*(?:(?:(?:h+i+|hello+|he+y+|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|greetings"
    r"|(?:(?:what'?s|whats|wh?at) up|sup|how(?:'s| is) it going|how are (?:you|u|ya)(?: doing)?)(?=\s*[,.!?])"
    r"|thanks?(?: you)?(?: so much| very much| a lot)?|thx|cheers)\b(?: there| again| guys| team| all)?"
    r"|(?:ok(?:ay)?|cool|great|perfect|awesome|got it)(?=\s*[,.!]))[\s,.!?:;)(\-]*)+"
    r"(?:(?:and|also|but|one more (?:thing|question)|quick question)\b[\s,.:!]*)?",
    re.I,
)


def without_small_talk(text: str) -> str:
    """The message without a greeting or thanks in front of a question: "hi, how long does shipping take?" reads
    as "how long does shipping take?"; the message itself when that is all it says, or nothing precedes."""
    found = OPENING.match(text)
    if found is None or small_talk(text) is not None or not found.group(0).strip():
        return text
    rest = text[found.end() :].strip()
    if len(re.findall(r"[^\W\d_]{2,}", rest)) < 2 or small_talk(rest) is not None:
        return text  # "hi there", "thanks a lot!", "hey, are you a bot?": small talk whole
    return rest[:1].upper() + rest[1:] if rest[:1].islower() and rest[:2] != "i " else rest
