"""Extractive replies that answer: question types, whole sentences, abbreviations, meaning-based choice."""

from __future__ import annotations

import pytest

from bot.core.composer import Composer, Grounding
from bot.core.extractive import (
    CachedEmbed,
    answers_type,
    extractive_reply,
    question_types,
    sentences,
    split_sentences,
)
from bot.embed import get_embedder
from bot.llm.fake import ScriptedChatModel

RETURNS = {
    "title": "Returns Policy",
    "source": "policies/returns.md",
    "text": "Returns Policy > How long do I have to return an item?\nWe want you to love what you buy. "
    "Your return window depends on your membership level and counts from the purchase date:\n\n"
    "| Membership level | Return window |\n| --- | --- |\n| Guest | 30 days |\n| Bronze | 90 days |\n| Gold | Unlimited |",
}
HEMMING = {
    "title": "Pricing",
    "source": "policies/pricing.md",
    "text": "Pricing > Jeans hemming\nJeans hemming costs $12.00 per pair. Hemmed jeans can be returned only if defective.",
}
SHIPPING = {
    "title": "Shipping Policy",
    "source": "policies/shipping.md",
    "text": "Shipping Policy > Where we ship\nWe ship to all 50 US states, Washington D.C. and Puerto Rico. "
    "P.O. boxes are served by Economy shipping only, e.g. for APO addresses. "
    "Outside the US we ship with DHL Express to Canada, Mexico, Japan and Australia. "
    "International orders cost a flat $25.00 and arrive in 5-10 business days.",
}


def test_question_types_and_the_answers_that_fit_them() -> None:
    assert question_types("How long do I have to return jeans?") == ["duration"]
    assert question_types("how much is overnight shipping") == ["price"]
    assert "place" in question_types("Which countries do you ship to?")
    assert question_types("What time does the Portland store open on Sunday?") == ["time"]
    assert question_types("Can I change my password?") == []
    assert answers_type("Guest: return window 30 days.", ["duration"])
    assert not answers_type("Jeans hemming costs $12.00 per pair.", ["duration"])
    assert answers_type("Jeans hemming costs $12.00 per pair.", ["price"])
    assert answers_type("We ship to Canada, Mexico and Japan.", ["place"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We ship to Washington D.C. and Puerto Rico. P.O. boxes get Economy.",
            ["We ship to Washington D.C. and Puerto Rico.", "P.O. boxes get Economy."],
        ),
        (
            "Open 10:00 a.m. to 8:00 p.m. daily. Closed on Christmas.",
            ["Open 10:00 a.m. to 8:00 p.m. daily.", "Closed on Christmas."],
        ),
        (
            "Stores open at 10:00 a.m. Monday to Saturday and at 11:00 a.m. on Sunday. Hours may vary.",
            ["Stores open at 10:00 a.m. Monday to Saturday and at 11:00 a.m. on Sunday.", "Hours may vary."],
        ),
        (
            "It takes approx. 5 days, e.g. to Ohio. Then it arrives.",
            ["It takes approx. 5 days, e.g. to Ohio.", "Then it arrives."],
        ),
        (
            "Within the U.S. shipping is free. Abroad it is not.",
            ["Within the U.S. shipping is free.", "Abroad it is not."],
        ),
        ("Call Mr. Smith now! Or write?  Fine.", ["Call Mr. Smith now!", "Or write?", "Fine."]),
    ],
)
def test_sentences_are_not_split_after_abbreviations(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_the_chunk_header_line_is_not_a_sentence_and_table_rows_read_alone() -> None:
    found = sentences(RETURNS["text"], header=RETURNS["title"])
    assert not any(s.startswith("Returns Policy >") for s in found)
    assert "Guest: return window 30 days." in found and "Gold: return window Unlimited." in found


def test_without_an_embedder_the_word_overlap_choice_is_kept() -> None:
    reply = extractive_reply("How much does jeans hemming cost?", Grounding(passages=[HEMMING]))
    assert reply.startswith("Jeans hemming costs $12.00 per pair.")


@pytest.fixture(scope="module")
def minilm() -> CachedEmbed:
    embedder = get_embedder("minilm")
    return CachedEmbed(lambda texts: embedder.embed(texts))


@pytest.mark.slow
def test_a_how_long_question_gets_the_duration_not_the_price(minilm: CachedEmbed) -> None:
    # retrieval put the hemming passage first; the reply still answers "how long" from the returns table
    grounding = Grounding(passages=[HEMMING, RETURNS])
    reply = extractive_reply("How long do I have to return a pair of jeans?", grounding, embed=minilm)
    assert "30 days" in reply and "90 days" in reply and "Unlimited" in reply
    assert "$12.00" not in reply


@pytest.mark.slow
def test_where_and_how_much_pick_the_sentence_that_answers_them(minilm: CachedEmbed) -> None:
    grounding = Grounding(passages=[SHIPPING])
    where = extractive_reply("Do you deliver to Japan?", grounding, embed=minilm, max_sentences=1)
    assert where == "Outside the US we ship with DHL Express to Canada, Mexico, Japan and Australia."
    cost = extractive_reply("what does it cost to send an order to Australia", grounding, embed=minilm, max_sentences=1)
    assert cost == "International orders cost a flat $25.00 and arrive in 5-10 business days."
    po_box = extractive_reply("can you ship to my PO box", grounding, embed=minilm, max_sentences=1)
    assert (
        po_box == "P.O. boxes are served by Economy shipping only, e.g. for APO addresses."
    )  # whole, not cut at "P.O."


@pytest.mark.slow
def test_meaning_wins_where_words_do_not_overlap(minilm: CachedEmbed) -> None:
    passage = {
        "title": "Refunds",
        "source": "policies/refunds.md",
        "text": "Refunds > Timing\nGift cards are mailed to your address. The money reaches your card within 7 days of our receiving the parcel.",
    }
    reply = extractive_reply("when do I get paid back?", Grounding(passages=[passage]), embed=minilm, max_sentences=1)
    assert reply == "The money reaches your card within 7 days of our receiving the parcel."


@pytest.mark.slow
def test_the_composer_uses_its_embedder_for_the_fallback(minilm: CachedEmbed) -> None:
    composer = Composer(ScriptedChatModel(), embed=minilm.embed)
    reply = composer.extractive_reply(
        "How long do I have to return a pair of jeans?", Grounding(passages=[HEMMING, RETURNS])
    )
    assert "30 days" in reply and "$12.00" not in reply


def test_an_embedder_failure_falls_back_to_word_overlap() -> None:
    def broken(texts: list[str]) -> object:
        raise RuntimeError("model gone")

    reply = extractive_reply("How much does jeans hemming cost?", Grounding(passages=[HEMMING]), embed=broken)
    assert "$12.00" in reply


@pytest.mark.slow
def test_a_list_intro_or_a_dangling_list_item_is_never_the_answer(minilm: CachedEmbed) -> None:
    passage = {
        "title": "Returns Policy",
        "source": "policies/returns.md",
        "text": "Returns Policy > Ways to send a return back\nYou can return an item in three ways:\n"
        "1. By mail – we e-mail you a prepaid return shipping label.\n2. In store – bring the item to our Portland store.\n"
        "- your order number, and",
    }
    reply = extractive_reply("how can I send a return back", Grounding(passages=[passage]), embed=minilm)
    assert reply and not reply.endswith((":.", ",.", "and.")) and "prepaid return shipping label" in reply


@pytest.mark.slow
def test_the_asked_detail_wins_over_the_topic_sentence(minilm: CachedEmbed) -> None:
    contact = {
        "title": "Contact Us > E-mail",
        "source": "policies/contact.md",
        "text": "Contact Us > E-mail\n**support@shop.example**\n\nWe answer e-mails within 1 business day.",
    }
    assert extractive_reply("whats the support email address", Grounding(passages=[contact]), embed=minilm).startswith(
        "support@shop.example"
    )
    table = {
        "title": "Shipping Policy",
        "source": "policies/shipping.md",
        "text": "Shipping Policy > Options\nStandard shipping is free on orders of $75 or more.\n\n"
        "| Option | Delivery time | Carrier |\n| --- | --- | --- |\n| Economy | 6–9 business days | USPS |\n| Standard | 3–5 business days | UPS |",
    }
    carrier = extractive_reply("who delivers standard shipping orders?", Grounding(passages=[table]), embed=minilm)
    assert "UPS" in carrier and "USPS" not in carrier  # the row of the option asked, not the whole table
    silver = extractive_reply(
        "how long do i have to return something? (Silver members)", Grounding(passages=[RETURNS_4]), embed=minilm
    )
    assert (
        "Silver: return window 6 months" in silver and "Guest" not in silver and "depends on your membership" in silver
    )


RETURNS_4 = {
    "title": "Returns Policy",
    "source": "policies/returns.md",
    "text": "Returns Policy > How long do I have to return an item?\n"
    "Your return window depends on your membership level and counts from the purchase date:\n\n"
    "| Membership level | Return window |\n| --- | --- |\n| Guest | 30 days |\n| Bronze | 90 days |\n"
    "| Silver | 6 months |\n| Gold | Unlimited |",
}


@pytest.mark.slow
def test_a_foreign_place_gets_its_own_rule_and_an_unlisted_one_the_shops_no(minilm: CachedEmbed) -> None:
    returns = {
        "title": "FAQ > Are returns free?",
        "source": "faq/returns.md",
        "text": "Returns within the United States are free: we send you a prepaid label. For international returns a "
        "$15.00 return shipping fee is deducted from the refund.",
    }
    answer = extractive_reply(
        "are returns free if i live in mexico? (international)", Grounding(passages=[returns]), embed=minilm
    )
    assert answer.startswith("For international returns")
    where = {
        "title": "Shipping > Where we ship",
        "source": "policies/shipping.md",
        "text": "We ship to Canada, Mexico, Ireland, Norway, Japan and Singapore with DHL Express. We do not ship to the "
        "United Kingdom, or to any country that is not on our shipping list.",
    }
    assert "not on our shipping list" in extractive_reply(
        "can you ship to turkey?", Grounding(passages=[where]), embed=minilm
    )
    assert extractive_reply("do you ship to norway", Grounding(passages=[where]), embed=minilm).startswith(
        "We ship to Canada"
    )


PEACOAT = {
    "title": "Kingsley Peacoat",
    "source": "catalog/products.jsonl",
    "text": "Kingsley Peacoat by Example (SKU EX-CT-1). Warm enough for freezing winter mornings without feeling heavy.",
}
AFTER_WINDOW = {
    "title": "FAQ > Can I return an item after my return window?",
    "source": "faq/returns.md",
    "text": "Yes, if you have the original receipt. Bronze members can also return unopened items.",
}
CARE_HOURS = {
    "title": "Contact > Customer care hours",
    "source": "policies/contact.md",
    "text": "Call us during customer care hours. Our team answers the phone from Monday to Friday.",
}


def test_a_products_page_is_quoted_only_about_that_product() -> None:
    question = "is the Weston Bomber Jacket warm enough for winter?"
    reply = extractive_reply(question, Grounding(passages=[PEACOAT]))
    assert "freezing" not in reply and reply.startswith("I'm not sure")
    named = extractive_reply("is the Kingsley Peacoat warm enough for winter?", Grounding(passages=[PEACOAT]))
    assert "Warm enough for freezing winter mornings" in named
    in_context = Grounding(passages=[PEACOAT], facts=["Kingsley Peacoat (SKU EX-CT-1): price 99.00 USD"])
    assert "Warm enough for freezing" in extractive_reply("is it warm enough?", in_context)


def test_an_faq_yes_goes_with_the_question_it_answers() -> None:
    reply = extractive_reply("can I return it with the original receipt?", Grounding(passages=[AFTER_WINDOW]))
    assert reply.startswith("Can I return an item after my return window? Yes, if you have the original receipt.")


def test_a_question_for_a_time_or_amount_is_not_answered_by_a_sentence_without_one() -> None:
    reply = extractive_reply("if I order on Sunday, how long until it arrives?", Grounding(passages=[CARE_HOURS]))
    assert reply.startswith("I'm not sure")


FREE_RETURNS = {
    "title": "FAQ – Returns > Are returns free?",
    "source": "faq/returns.md",
    "text": "Returns within the United States are free: we send you a prepaid label. "
    "For international returns a $15.00 return shipping fee is deducted from the refund, except for Gold members.",
}
OVERNIGHT = {
    "title": "FAQ – Shipping > How much is overnight shipping?",
    "source": "faq/shipping.md",
    "text": "Overnight shipping costs $20.00 and delivers the next business day for orders placed before 2:00 p.m. "
    "It is free for Gold members.",
}


@pytest.mark.slow
def test_the_customers_country_and_level_in_the_focus_pick_their_rule(minilm: CachedEmbed) -> None:
    # the router adds the known customer's country and Gold level to the query (bot.core.shopper_facts.from_home)
    abroad = extractive_reply("are returns free? (from Canada)", Grounding(passages=[FREE_RETURNS]), embed=minilm)
    assert "$15.00 return shipping fee" in abroad and "within the United States are free" not in abroad
    gold = extractive_reply("how much is overnight? (Gold members)", Grounding(passages=[OVERNIGHT]), embed=minilm)
    assert gold.endswith("It is free for Gold members.")


COST_FAQ = {
    "title": "FAQ – Orders and Shipping > How much does shipping cost?",
    "source": "faq/orders-and-shipping.md",
    "text": "Within the United States: Economy $5.00 (6–9 business days), Standard $8.00 (3–5 business days) and "
    "Overnight $20.00 (next business day). Standard shipping is free on orders of $75 or more. International "
    "shipping is a flat $25.00 and is free on orders of $200 or more.",
}
OVERNIGHT_FAQ = {
    "title": "FAQ – Orders and Shipping > How much is overnight shipping?",
    "source": "faq/orders-and-shipping.md",
    "text": "Overnight shipping costs $20.00 and delivers the next business day for orders placed before 2:00 p.m. "
    "Eastern Time. It is free for Gold members.",
}


@pytest.mark.slow
def test_the_faq_entry_asked_in_other_words_is_answered_whole(minilm: CachedEmbed) -> None:
    # one sentence of it ("International shipping is a flat $25.00 ...") read closest and was the whole reply
    grounding = Grounding(passages=[COST_FAQ, OVERNIGHT_FAQ])
    for asked in ("how much is shipping", "whats the shipping fee?"):
        reply = extractive_reply(asked, grounding, embed=minilm, max_sentences=2)
        assert reply.startswith("Within the United States: Economy $5.00"), (asked, reply)
        assert "free on orders of $75 or more" in reply and "$25.00" in reply, (asked, reply)
    # near-misses: a narrower question has its own entry or names what the entry does not say
    overnight = extractive_reply("how much is overnight shipping", grounding, embed=minilm, max_sentences=2)
    assert overnight.startswith("Overnight shipping costs $20.00") and "Economy" not in overnight
    gold = extractive_reply("how much is shipping for gold members", grounding, embed=minilm, max_sentences=2)
    assert "Gold" in gold and "Economy $5.00" not in gold, gold
    said = Grounding(passages=[COST_FAQ, OVERNIGHT_FAQ], said=["Standard shipping is free on orders of $75 or more."])
    follow = extractive_reply("how much is shipping", said, embed=minilm, max_sentences=2, asked="and for overnight?")
    assert "Economy $5.00" not in follow, follow  # a follow-up's own words ask something narrower
