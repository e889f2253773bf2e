"""A slot row's "No." answers only the question its negation is about (blind-read regression: "do i have to pay
import taxes on top" got "No. Import duties and taxes are not included": the answer to that question is yes)."""

from bot.core.slot_answers import _negated_asked


def test_a_negated_rule_says_no_only_to_the_negated_question() -> None:
    taxes = "Import duties and taxes are not included; the carrier collects them on delivery."
    assert not _negated_asked(taxes, "do i have to pay import taxes on top")
    assert _negated_asked(taxes, "are import taxes included in the price?")
    socks = "Socks, monogrammed items and hemmed jeans cannot be returned."
    assert _negated_asked(socks, "can i return socks?")
    assert not _negated_asked(socks, "do you sell socks?")
    shipped = "Once the order has shipped, the address can no longer be changed."
    assert _negated_asked(shipped, "can I change my address after it shipped")
    # a rule without a negated word keeps its lead
    assert _negated_asked("Returns are free for Gold members.", "do gold members pay for returns?")
