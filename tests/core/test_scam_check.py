"""A message the shopper got saying something was added to their account, asked whether it is from the shop (#9).
Blind set: "got an email saying a $29.99 'premium protection plan' got added to my account?? is that u" got only the
support e-mail address. The account page's "Keeping your account safe" and the contact page's official contacts
answer it, read at run time. A real Assistant on the demo store's knowledge (hashing embedder)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.scam_check import asks_if_from_us
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

ACCOUNT = (REPO / "knowledge/policies/account.md").read_text()
SCAM = next(s for s in re.split(r"(?<=\.)\s+", ACCOUNT) if "are scams" in s).removeprefix("- ")
CONTACT = (REPO / "knowledge/policies/contact.md").read_text()
EMAIL = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", CONTACT).group(0)  # type: ignore[union-attr]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_a_message_about_a_service_added_gets_the_official_contacts_and_the_scam_rule(
    assistant: Assistant,
) -> None:
    q = "got an email saying a $29.99 'premium protection plan' got added to my account?? is that u"
    text = (await ask(assistant, q)).text
    assert SCAM in text and EMAIL in text and "We only contact you from" in text
    assert 'I can\'t find anything called "premium protection plan" on our pages.' in text
    assert "person from our team" in text
    other = (await ask(assistant, "i got a text saying some insurance was added to my account, was that you?")).text
    assert SCAM in other and "can't find anything called" not in other  # nothing quoted: nothing said missing


async def test_near_misses_keep_their_replies(assistant: Assistant) -> None:
    text = (await ask(assistant, "what is your support email?")).text
    assert EMAIL in text and SCAM not in text
    assert not asks_if_from_us("i got an email that my order shipped, is that real?")
    assert not asks_if_from_us("there's a charge on my card i don't recognise")
    # a service the pages hold is never said to be missing
    plus = (await ask(assistant, "an email says 'Northwind Plus' was added to my account, is that legit?")).text
    assert SCAM in plus and "can't find anything called" not in plus
