"""The shop's own handling of the shopper's data asked about ("what's your privacy policy?", "what do you do with my
data?", "do you sell my personal information?"): the shop's pages hold no privacy policy, so the reply says that
plainly, gives what the account page does say about the shopper's data (nobody sees the password, we never ask for
it, closing the account and the order history kept by law) and offers a person, instead of refusing the question as
off-topic or guessing. Someone else's data is privacy.py's (a polite no). Read at run time."""

from __future__ import annotations

import re

from bot.core.policy_lines import PERSON_OFFER
from bot.core.policy_tables import find, sentences_matching
from bot.core.ports import KnowledgePort
from bot.domain import Hit

ASKED = re.compile(
    r"\bprivacy(?: policy| notice| statement)?\b|\bgdpr\b|\bccpa\b|\bcookie policy\b"
    r"|\b(?:my|our|your customers'?|customer|personal)\s+(?:personal\s+)?(?:data|info(?:rmation)?|details)\b[^.?!]{0,40}"
    r"\b(?:do|use|used|using|sell|selling|sold|share|sharing|shared|store|stored|keep|kept|safe|protect\w*|handle\w*|collect\w*)\b"
    r"|\b(?:do|use|sell|share|store|keep|protect|handle|collect)\w*\b[^.?!]{0,25}\b(?:my|personal)\s+(?:personal\s+)?(?:data|info(?:rmation)?)\b",
    re.I,
)
OTHER_PERSON = re.compile(r"\b(?:his|her|their|sister|brother|mom|mum|dad|wife|husband|friend|someone)\b", re.I)


def data_privacy_reply(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """What the pages say about the shopper's data, and that there is no privacy policy among them; None otherwise."""
    if not ASKED.search(text) or OTHER_PERSON.search(text):
        return None
    policy = sentences_matching(kb, "privacy policy personal data", r"\bprivacy\b")
    if policy:
        return None  # a shop whose pages have a privacy section: the ordinary retrieval quotes it
    password = find(kb, "I forgot my password nobody can see your password", r"\bcan see your password\b")
    closing = find(kb, "Closing your account order history kept", r"\bclose your account\b")
    said = [s for s in (password.first(r"\bcan see your password\b"),) if s]
    said += sentences_matching(
        kb, "Changing your name address payment method verify identity", r"\bnever ask for your password\b"
    )[:1]
    said += [s for s in closing.sentences if not s.startswith("#")][:2]
    hits = [h for h in (password.hit, closing.hit) if h is not None]
    head = "Our shop's pages don't include a privacy policy or say how customer data is used, so I can't answer that from them."
    if not said:
        return f"{head} {PERSON_OFFER}", hits
    return f"{head} What they do say about your data: {' '.join(said)} {PERSON_OFFER}", hits
