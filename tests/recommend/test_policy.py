"""The insertion policy: when one recommendation may join a reply."""

from __future__ import annotations

import pytest

from bot.domain import Intent
from bot.recommend.complements import complements_of, relates
from bot.recommend.policy import Decision, should_recommend

BASE = dict(
    intent=Intent.PRODUCT_QUESTION,
    resolved=False,
    handoff=False,
    consent=True,
    turns_since_last=None,
    every_n=3,
    already_shown=(),
    candidate_item="SCARF-1",
    candidate_score=0.8,
    threshold=0.5,
    relates_to_context=True,
)


def decide(**changes) -> Decision:
    return should_recommend(**{**BASE, **changes})


def test_a_product_question_with_a_good_related_candidate_is_allowed():
    d = decide()
    assert d.ok and bool(d)
    assert "product_question" in d.why


@pytest.mark.parametrize("intent", [Intent.COMPLAINT, Intent.RETURNS_REFUNDS, Intent.ORDER_CHANGE, Intent.HUMAN_AGENT])
def test_never_in_complaint_refund_cancellation_or_handoff_turns(intent):
    assert not decide(intent=intent).ok
    assert not decide(intent=intent, resolved=True).ok


def test_never_during_a_handoff_or_without_consent():
    assert not decide(handoff=True).ok
    d = decide(consent=False)
    assert not d.ok and "personalisation is off" in d.why


def test_other_intents_only_after_a_resolved_question():
    assert not decide(intent=Intent.ORDER_STATUS).ok
    assert decide(intent=Intent.ORDER_STATUS, resolved=True).ok
    assert not decide(intent="not-an-intent").ok
    assert decide(intent="product_search").ok


def test_frequency_cap_over_a_conversation():
    shown: list[str] = []
    last = None
    allowed_turns = []
    for turn in range(12):
        since = None if last is None else turn - last
        d = decide(turns_since_last=since, already_shown=shown, candidate_item=f"ITEM-{turn}")
        if d.ok:
            allowed_turns.append(turn)
            shown.append(f"ITEM-{turn}")
            last = turn
    assert allowed_turns == [0, 3, 6, 9]


def test_never_the_same_item_twice_and_relevance_rules():
    assert not decide(already_shown={"SCARF-1"}).ok
    assert not decide(candidate_score=0.49).ok
    assert not decide(relates_to_context=False).ok
    assert not decide(candidate_item=None).ok
    assert not decide(every_n=0).ok


def test_complement_table_is_symmetric_and_forgiving():
    assert "scarf" in complements_of("jacket") and "jacket" in complements_of("scarf")
    assert relates("belt", "jeans") and relates("jeans", "belt")
    assert relates("Scarves", "Jacket")
    assert relates("jacket", "jacket")
    assert not relates("kitchen", "jacket")
    assert relates("socks", "hiking gear", extra=["socks"])
    assert not relates("", "jacket")


def test_policy_module_stays_light():
    import subprocess
    import sys

    code = "import sys, bot.recommend.policy; print(any(m in sys.modules for m in ('numpy', 'torch', 'sklearn')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
