"""Round 8: a customer's own order answered in paraphrase, with the policy that answers it. The order line is read
as a record by meaning/orders.py; the general rules (swap, polarity, names together, refusal, value moved) no longer
read the order line as a policy statement, so a right paraphrase of the record passes, and each wrong twin is still
rejected (by the record check, or by the policy rule against the policy's own statement).

The groundings are passed the way the composer passes them (`Grounding.blocks()`: each fact line, each passage
with its title). Orders from the demo store (knowledge/_seed/orders.jsonl); none of them is in shop_blind7."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.core.lookups import describe_order
from bot.core.meaning import MeaningChecker
from bot.core.verify import verify
from bot.grounding_eval import case_blocks

ROOT = Path(__file__).resolve().parents[2]
ORDERS = {
    r["order_id"]: r
    for r in map(json.loads, (ROOT / "knowledge" / "_seed" / "orders.jsonl").read_text(encoding="utf-8").splitlines())
}


def line(order_id: str) -> str:
    return describe_order(ORDERS[order_id])


def section(page: str, heading: str) -> str:
    text = (ROOT / "knowledge" / "policies" / page).read_text(encoding="utf-8")
    title = re.search(r"^title:\s*(.+)$", text, re.M)
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()
    return f"{title.group(1) if title else page} > {heading}\n{body}"


@pytest.fixture(scope="module")
def checker() -> MeaningChecker:
    return MeaningChecker()


def ok(checker: MeaningChecker, reply: str, question: str, *parts: str) -> bool:
    grounding = "\n\n".join(parts)
    blocks = case_blocks(grounding)
    return verify(reply, grounding, question=question, min_support=0.75, meaning=checker, grounding_blocks=blocks).ok


CHINOS = (line("ORD-11850"), line("ORD-13012"))  # the same chinos in two orders: delivered, returned
GLOVES = line("ORD-12336")  # delivered, DHL Express, free international shipping, 1 + 2 gloves
SHIRTS = line("ORD-12104")  # delivered, DHL Express, $25.00 international shipping
PLACED = line("ORD-14094")  # placed, not shipped
BOOTS = line("ORD-13091")  # shipped


def test_case_blocks_split_fact_lines_and_titled_passages() -> None:
    passage = section("orders.md", "What can I change, and until when?")
    grounding = "\n\n".join([*CHINOS, passage])
    assert case_blocks(grounding) == [*CHINOS, passage]  # the passage keeps its own blank lines
    assert case_blocks("Returns Policy > Condition\nSome text.\n\nMore text.") == [
        "Returns Policy > Condition\nSome text.\n\nMore text."
    ]


def test_a_date_with_its_year_and_a_carrier_are_the_records(checker: MeaningChecker) -> None:
    q = "which carrier did my gloves go with, and when did they arrive?"
    assert ok(checker, "They went with DHL Express and were delivered on October 15, 2026.", q, GLOVES)
    assert ok(checker, "It went international with DHL Express, free of charge.", q, GLOVES)
    assert not ok(checker, "They went with UPS and were delivered on October 15, 2026.", q, GLOVES)
    assert not ok(checker, "They were delivered on October 16, 2026.", q, GLOVES)
    assert not ok(checker, "They went with DHL Express, free of charge.", q, SHIRTS)  # $25.00


def test_counts_of_orders_and_a_bare_count_are_read_against_the_records(checker: MeaningChecker) -> None:
    q = "when did my calder chinos get delivered?"
    right = "You have two orders with the Calder Tapered Chinos: ORD-11850 was delivered on 2026-09-24, and ORD-13012 was delivered on 2026-11-17."
    assert ok(checker, right, q, *CHINOS)
    assert not ok(checker, right.replace("two orders", "three orders"), q, *CHINOS)
    assert ok(
        checker, "Three: the Dover gloves and two pairs of Quincy gloves.", "how many gloves were in my order?", GLOVES
    )
    assert not ok(
        checker, "Four: the Dover gloves and three pairs of Quincy gloves.", "how many gloves were in my order?", GLOVES
    )


def test_an_order_id_with_a_possessive_is_no_quantity(checker: MeaningChecker) -> None:
    q = "when did my calder chinos get delivered?"
    right = "ORD-11850's chinos arrived on September 24, 2026; the ones in ORD-13012 arrived on November 17, 2026 and were returned."
    assert ok(checker, right, q, *CHINOS)
    twin = "ORD-11850's chinos arrived on November 17, 2026; the ones in ORD-13012 arrived on September 24, 2026."
    assert not ok(checker, twin, q, *CHINOS)


def test_the_orders_state_in_a_reason_is_the_records_and_the_rule_is_the_policys(checker: MeaningChecker) -> None:
    change = section("orders.md", "What can I change, and until when?")
    q = "I moved - can I still change the address on ORD-14094?"
    right = "Yes. ORD-14094 is placed and hasn't shipped yet, and the shipping address can be changed until the order ships."
    assert ok(checker, right, q, PLACED, change)
    assert not ok(checker, "No, ORD-14094 has already shipped, so the address can't be changed.", q, PLACED, change)
    assert not ok(
        checker, "Yes, ORD-14094 is placed, and the address can be changed until it is delivered.", q, PLACED, change
    )
    fees = section("shipping.md", "Shipping fee refunds")
    q = "shipping on ORD-13091 seems too high, can you do anything?"
    right = "Since the order has shipped and hasn't gone out for delivery yet, we can waive its shipping fee."
    assert ok(checker, right, q, BOOTS, fees)
    assert not ok(
        checker, "Since the order has shipped, we can only refund the standard shipping fee of $8.00.", q, BOOTS, fees
    )


def test_a_step_after_the_package_arrives_restates_when_it_arrives(checker: MeaningChecker) -> None:
    cancel = section("orders.md", "Cancelling an order")
    q = "I want to cancel ORD-13091. I'm a Silver member."
    right = "Once the boots arrive, reach out for a free return label and send them back to us."
    assert ok(checker, right, q, BOOTS, cancel)
    # the guests' route said of a Silver member is still another entity's statement
    twin = "As a Silver member, please wait until the boots arrive, then return them for a refund."
    assert not ok(checker, twin, q, BOOTS, cancel)


# ---------------------------------------------------------------- list answers (meaning/lists.py)


def passage(page: str, heading: str) -> str:
    return section(page, heading)


def test_a_list_given_as_whole_must_hold_every_item(checker: MeaningChecker) -> None:
    refunds = passage("refunds.md", "How will I get my money back?")
    q = "how can I get my refund?"
    assert ok(checker, "Original card, store credit, gift card or paper check - your choice.", q, refunds)
    assert ok(
        checker,
        "You can choose from four options: your original card, store credit, a mailed gift card or a paper check.",
        q,
        refunds,
    )
    assert not ok(
        checker, "There are three ways: back to your original card, store credit, or a paper check.", q, refunds
    )
    assert not ok(checker, "Your original card or store credit - those are the options.", q, refunds)
    hours = passage("contact.md", "Customer care hours")
    q = "which holidays are you closed?"
    assert ok(checker, "We're closed on New Year's Day, Thanksgiving Day and Christmas Day.", q, hours)
    assert not ok(checker, "We're closed on two holidays: Thanksgiving and Christmas Day.", q, hours)


def test_a_right_count_of_a_list_is_a_supported_number(checker: MeaningChecker) -> None:
    places = passage("shipping.md", "Where we ship: other countries")
    q = "which Asia-Pacific countries do you ship to?"
    right = "We ship to five Asia-Pacific countries: Australia, New Zealand, Japan, South Korea and Singapore."
    assert ok(checker, right, q, places)
    assert not ok(checker, "We ship to three Asia-Pacific countries: Australia, New Zealand and Japan.", q, places)
    status = passage("orders.md", "Order status")
    q = "what order statuses are there?"
    assert ok(checker, "Placed/Processing, Shipped, Delivered, Cancelled and Returned.", q, status)
    assert not ok(checker, "There are four statuses: Processing, Shipped, Delivered and Cancelled.", q, status)


def test_the_answer_to_what_the_items_are_is_the_whole_list(checker: MeaningChecker) -> None:
    # the list of four things that cannot be returned is read from two statements of the passage
    items = passage("returns.md", "Condition of returned items")
    q = "which items are non-returnable?"
    right = "Socks, monogrammed items and hemmed jeans can't be returned unless they arrived damaged or defective, and gift cards can't be returned at all."
    assert ok(checker, right, q, items)
    twin = "The non-returnable items are socks, monogrammed items and hemmed jeans, unless they arrived damaged or defective."
    assert not ok(checker, twin, q, items)
    q = "how do I return a sweater that's too small?"  # not asked for the list: a part of it is no claim about all
    assert ok(
        checker, "Socks and hemmed jeans can't be returned unless they arrived damaged, but a sweater can.", q, items
    )


# ---------------------------------------------------------------- policy claims about an order's items


def test_an_orders_item_in_a_policy_claim_is_the_item_the_policy_speaks_of(checker: MeaningChecker) -> None:
    cancel = passage("orders.md", "Cancelling an order")
    q = "Please remove the sweater from ORD-14094."
    right = (
        "Sure - ORD-14094 hasn't shipped yet, so we can remove the Grove Crewneck Sweater and refund it immediately."
    )
    assert ok(checker, right, q, PLACED, cancel)
    twin = "ORD-14094 hasn't shipped yet, so we can remove the Grove Crewneck Sweater and you can keep it for free."
    assert not ok(checker, twin, q, PLACED, cancel)


def test_a_perk_said_positively_needs_a_statement_that_gives_it(checker: MeaningChecker) -> None:
    fees = passage("refunds.md", "Are shipping fees refunded?")
    q = "If I return ORD-13091 because it doesn't fit, do I get the shipping back?"
    assert not ok(checker, "Yes, the shipping fee is refunded along with the boots.", q, BOOTS, fees)
    right = "Only if the boots arrived damaged, defective or weren't what you ordered; for other returns the shipping fee isn't refunded."
    assert ok(checker, right, q, BOOTS, fees)


def test_a_request_to_the_shopper_and_as_soon_as_state_nothing_new(checker: MeaningChecker) -> None:
    change = passage("orders.md", "What can I change, and until when?")
    q = "Can I still switch the sweater in ORD-14094 to a bigger size?"
    right = "Yes - it hasn't shipped yet, so the size can still be changed. Just let us know which size you'd like."
    assert ok(checker, right, q, PLACED, change)
    refunds = passage("refunds.md", "How long does a refund take?")
    q = "when do I see my money?"
    assert ok(checker, "Store credit appears as soon as the return is processed.", q, refunds)
    assert not ok(checker, "Your refund will be issued soon, probably next week.", q, refunds)


def test_a_tables_rows_listed_for_a_level_are_each_that_levels(checker: MeaningChecker) -> None:
    help_ = passage("membership.md", "Membership benefits: order help and fees")
    q = "what extra help do Silver members get with orders?"
    right = (
        "Silver members get a shipping credit when they downgrade a shipped order, an immediate refund when cancelling "
        "a shipped order, a replacement promo code if a code doesn't work, unexpected fees removed on request, and can "
        "add an item after shipping with free shipping."
    )
    assert ok(checker, right, q, help_)
    gold_only = "Silver members get a shipping credit when they downgrade a shipped order, unexpected fees removed on request, and credit issued before the 7-day refund wait."
    assert not ok(checker, gold_only, q, help_)
    silver_up = "Bronze members get a shipping credit when they downgrade a shipped order, unexpected fees removed on request, and a replacement promo code if a code does not work."
    assert not ok(checker, silver_up, "what do Bronze members get?", help_)


def test_no_need_to_is_a_negation_not_an_answer_word(checker: MeaningChecker) -> None:
    steps = passage("exchanges.md", "How do exchanges work?")
    q = "how does an exchange work?"
    right = "We ship the replacement as soon as the carrier scans your return - no need to wait for it to reach the warehouse."
    assert ok(checker, right, q, steps)
    twin = "We ship the replacement as soon as the carrier scans your return - but you need to wait for it to reach the warehouse."
    assert not ok(checker, twin, q, steps)


# ---------------------------------------------------------------- the record in a shopper's words


COATS = line("ORD-13209")  # delivered on its estimated date (2026-11-24), DHL Express, free shipping
RETURNED = line("ORD-13012")


def test_short_dates_timing_and_leaving_are_the_records_words(checker: MeaningChecker) -> None:
    q = "did my coats arrive?"
    assert ok(checker, "Yes, delivered on 11/24 via DHL Express.", q, COATS)
    assert ok(checker, "Yep - your order went out with DHL Express and was delivered on the 24th.", q, COATS)
    assert ok(checker, "They arrived on schedule on the 24th.", q, COATS)
    assert not ok(checker, "Yes, they arrived a day late, on the 24th.", q, COATS)
    assert not ok(checker, "They were delivered on 11/25.", q, COATS)
    q = "has my sweater shipped yet?"
    assert ok(checker, "Not yet, it hasn't left - it's still being prepared.", q, PLACED)
    assert not ok(checker, "It has left and is on its way.", q, PLACED)
    assert not ok(checker, "ORD-13091 hasn't left yet.", "where are my chukkas?", BOOTS)


def test_a_returned_orders_refund_is_the_records(checker: MeaningChecker) -> None:
    q = "did I get my money back for the gloves and chinos?"
    assert ok(
        checker,
        "Yes - ORD-13012 shows as returned, which means the items came back and your refund was issued.",
        q,
        RETURNED,
    )
    assert ok(checker, "Yes, that order was returned and refunded.", q, RETURNED)
    assert not ok(checker, "No, the refund hasn't been issued yet.", q, RETURNED)
    q = "was shipping free?"
    assert ok(checker, "Yes, international shipping was free.", q, GLOVES)
    assert not ok(checker, "Yes, and the gloves were free too.", q, GLOVES)
