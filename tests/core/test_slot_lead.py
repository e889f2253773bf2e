"""A slot row's "No." answers only the question its negation is about (blind-read regression: "do i have to pay
import taxes on top" got "No. Import duties and taxes are not included": the answer to that question is yes)."""

from bot.core.slot_answers import _negated_asked, _short_of_threshold


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


def test_a_yes_to_a_rule_with_a_money_threshold_needs_the_stated_amount_to_reach_it() -> None:
    # blind-read regression (reader11, never promise): "ive spent about 1400 ..., can you just bump me to gold now?"
    # got "Yes. Your Gold level then lasts 12 months, and renews if you spend $1,500 again"
    gold = "Your Gold level then lasts 12 months, and renews if you spend $1,500 again in that time."
    assert _short_of_threshold(gold, "ive spent about 1400 with you this year, can you just bump me to gold now?")
    assert _short_of_threshold(gold, "I spent $1,200 in the last 12 months, do I get Gold?")
    assert not _short_of_threshold(gold, "I've spent $1,600 this year, am I Gold now?")
    assert not _short_of_threshold(gold, "I spent 1500 dollars, am I gold?")
    # no amount stated, or a number that is no amount ("12 months", "20%"): the lead stays
    assert not _short_of_threshold(gold, "does gold last 12 months?")
    assert not _short_of_threshold(gold, "is gold worth 20% off?")
    free = "Yes, if your order totals $75 or more after discounts and before tax, standard US shipping is free."
    assert _short_of_threshold(free, "is standard shipping free if my cart is $60?")
    assert _short_of_threshold(free, "my order is 60, is shipping free?")
    assert not _short_of_threshold(free, "is standard shipping free on a $90 order?")
    # a rule without a money figure is never short of one
    assert not _short_of_threshold("Returns are free for Gold members.", "I spent $20, are returns free for gold?")
