"""A return without a printer (#9): the returns page's ways to send a return back, the way that uses no label (in
store) first, quoted from the page; never advice the page does not give. A real KnowledgeBase (hashing embedder) over
the demo store's pages and a real Assistant."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.core.no_printer import asks_without_printer, no_printer_reply
from bot.domain import Author, Flag, Intent, IntentPrediction
from bot.kb.knowledge_base import KnowledgeBase
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
PRED = IntentPrediction(Intent.RETURNS_REFUNDS, 0.9)
IN_STORE = "In store – bring the item and your order number to our Portland, Seattle or Chicago store."
BY_MAIL = "By mail – we e-mail you a prepaid return shipping label. Print it, attach it to the package"
DROP_OFF = "At a drop-off center – drop the package, with the label, at any UPS Access Point location."


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("printer")
    for part in ("policies", "faq", "catalog"):
        shutil.copytree(KNOWLEDGE / part, root / "knowledge" / part)
    kb = KnowledgeBase(root / "knowledge", root / "kb", embedder="hashing")
    kb.open()
    return kb


@pytest.mark.parametrize(
    "text",
    [
        "dont have a printer at home. how am i supposed to send my return back??",
        "I don't have a printer, how do I print the return label?",
        "no printer here - can i still return my jeans?",
        "my printer is broken, how do i send the return?",
    ],
)
def test_no_printer_gets_the_way_without_a_label_first_then_the_others(kb: KnowledgeBase, text: str) -> None:
    reply = no_printer_reply(kb, text, PRED)
    assert reply is not None and reply.author == Author.TEMPLATE and Flag.FROM_DATA in reply.flags
    said = reply.text
    assert said.startswith("One way to send a return back doesn't use a label: " + IN_STORE)
    assert said.index(IN_STORE) < said.index(BY_MAIL) < said.index(DROP_OFF)
    assert said.endswith("would you like me to connect you?") and Flag.HANDOFF in reply.flags
    assert reply.sources and "returns" in str(reply.sources[0])


@pytest.mark.parametrize(
    "text",
    [
        "how do i return something?",  # no printer said: the usual returns answer
        "do you sell printers?",
        "can you print my name on a t-shirt?",
        "I don't have a printer",  # no return asked
    ],
)
def test_near_misses_are_not_a_printerless_return(kb: KnowledgeBase, text: str) -> None:
    assert not asks_without_printer(text)
    assert no_printer_reply(kb, text, PRED) is None


def test_a_page_without_the_ways_gives_no_such_answer(tmp_path: Path) -> None:
    root = tmp_path / "knowledge" / "policies"
    root.mkdir(parents=True)
    (root / "returns.md").write_text(
        "# Returns\n\nYou can return any item within 30 days of delivery.\n", encoding="utf-8"
    )
    kb = KnowledgeBase(tmp_path / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    assert no_printer_reply(kb, "no printer at home, how do i send my return back?", PRED) is None


def test_the_assistant_answers_it_from_the_page(tmp_path: Path, intents: IntentClassifier) -> None:
    assistant = demo_assistant(tmp_path, intents, [], [])
    reply = asyncio.run(ask(assistant, "dont have a printer at home. how am i supposed to send my return back??"))
    assert IN_STORE in reply.text and reply.author == Author.TEMPLATE
