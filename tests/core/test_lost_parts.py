"""A part the reply left out (warranty, inseam, import duties, gift-card amounts, stacking codes, a zip, a promise,
a restock date) is answered from its own source, or honestly "not sure" for that part; a reply that answers every
part is left alone. Against the real demo knowledge base (hashing embedder) and catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.lost_parts import asked_aspects, completed, fill_lost_parts, lost_aspects
from bot.core.recommendation_check import refuses_shipping
from bot.core.store_places import store_reply
from bot.domain import ConversationState, Flag, Reply, Request, RequestKind
from bot.kb.knowledge_base import KnowledgeBase

REPO = Path(__file__).parents[2]
CATALOG = {
    p["sku"]: p
    for p in (json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines())
}
BOOTS = "CK-BT-1091"  # Calvin Klein Men's Grove Combat Boots
KNEE_HIGH = "MK-BT-1179"  # Michael Kors Women's Thornton Knee-High Boots: tag "side zip"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


def search(kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    return lambda q: kb.search(q, k=4)


def test_asked_parts_are_found_by_what_they_ask() -> None:
    names = [a.name for a in asked_aspects("whats the warranty on the boots and is there a zip?")]
    assert names == ["warranty", "zip"]
    assert [a.name for a in asked_aspects("do i pay import tax on top?")] == ["duties"]
    assert [a.name for a in asked_aspects("can i get a $750 gift card?")] == ["gift_card_amount"]
    assert [a.name for a in asked_aspects("how much is the coat")] == []
    # a part the reply answers is not lost; one it names as unanswered is
    assert lost_aspects("do i pay import duties?", "Import duties and taxes are not included.") == []
    unsure = "I'm not sure about \"Do i pay import duties\", and I don't want to guess: a person can help."
    assert [a.name for a in lost_aspects("do i pay import duties?", unsure)] == ["duties"]


def test_the_boots_warranty_comes_from_the_shop_and_only_for_boots(kb: KnowledgeBase) -> None:
    boots = CATALOG[BOOTS]
    reply = "The listing for the Calvin Klein Men's Grove Combat Boots doesn't mention a wide width."
    text, added = completed(
        "whats the warranty on the calvin klein grove combat boots and do they come in wide?",
        reply,
        search(kb),
        boots,
        "boots",
    )
    assert added == ["warranty"]
    assert text.startswith("All boots have a 1-year warranty")  # asked first, answered first
    assert text.endswith("wide width.")
    # jeans: the boots' warranty is not theirs; the part is named as unanswered, with a person
    jeans = next(p for p in CATALOG.values() if p["category"] == "jeans")
    text, added = completed("whats the warranty on these jeans?", "They cost 50.00 USD.", search(kb), jeans, "jeans")
    assert added == ["warranty"] and "1-year" not in text
    assert "not sure about the warranty" in text and "person" in text


def test_import_duties_gift_card_amounts_and_stacking_are_answered(kb: KnowledgeBase) -> None:
    text, added = completed(
        "oslo here, order is $210. is shipping free? do i pay import tax on top?",
        "International shipping is free on orders of $200 or more.",
        search(kb),
        None,
    )
    assert added == ["duties"] and "Import duties and taxes are not included" in text
    text, added = completed(
        "want to get my niece a $900 gift card. can i? and can it be returned",
        "Gift cards cannot be returned.",
        search(kb),
        None,
    )
    assert added == ["gift_card_amount"]
    assert "No, not as a single card" in text and "$25 to $500" in text and "$900" not in text
    text, _ = completed("a $100 gift card, can i?", "Sure.", search(kb), None)
    assert "No, not" not in text and "$25 to $500" in text  # inside the range: no "no"
    text, added = completed(
        "can i stack my birthday code with the newsletter code?",
        "New subscribers get a code for 10% off their first order.",
        search(kb),
        None,
    )
    assert added == ["stacking"] and "cannot be combined" in text


def test_a_zip_is_read_from_the_listing_and_a_promise_is_never_given(kb: KnowledgeBase) -> None:
    boots = CATALOG[KNEE_HIGH]
    text, added = completed("thornton knee high boots: is there a zip?", "They are suede.", search(kb), boots)
    assert added == ["zip"] and "side zip" in text
    text, _ = completed("is there a hood?", "They are suede.", search(kb), boots)
    assert "doesn't mention a hood" in text
    text, added = completed("need them in a 6 before friday, can u promise?", "Size 6 is in stock.", search(kb), boots)
    assert added == ["promise"] and text.startswith("Size 6 is in stock.") and "can't promise" in text


def test_a_reply_that_answers_every_part_is_unchanged(kb: KnowledgeBase) -> None:
    reply = "All boots have a 1-year warranty from the purchase date. Import duties are collected by the carrier."
    assert completed("warranty on boots? and import duties?", reply, search(kb), None) == (reply, [])


def test_fill_uses_the_product_under_discussion_and_keeps_refusals(kb: KnowledgeBase) -> None:
    state = ConversationState(skus=[KNEE_HIGH], last_kind=RequestKind.PRODUCT_FACT.value)
    reply = fill_lost_parts(Reply(text="Size 7 is in stock."), "is there a zip on them?", None, state, kb)
    assert "side zip" in reply.text and Flag.MULTI_PART in reply.flags
    req = Request(RequestKind.PRODUCT_FACT, "x", skus=[BOOTS])
    back = fill_lost_parts(Reply(text="Not sure.", flags={Flag.OUT_OF_SCOPE}), "warranty?", req, state, kb)
    assert back.text == "Not sure."
    restock = fill_lost_parts(Reply(text="In stock in S, M and L."), "no XL?? when is it back", req, state, kb)
    assert "don't have a restock date" in restock.text and "back-order" in restock.text
    assert any(s.get("doc_id", "").startswith(("faq/", "policies/")) for s in restock.sources)


def test_a_silent_listing_gives_way_to_the_size_guide_and_amounts_get_their_no(kb: KnowledgeBase) -> None:
    jeans = next(p for p in CATALOG.values() if p["category"] == "jeans" and p["gender"] == "men")
    silent = f"The listing for the {jeans['name']} doesn't give the inseam. Size 30 is in stock."
    text, added = completed("how long is the inseam? also a 30 waist?", silent, search(kb), jeans, "jeans")
    assert added == ["inseam"] and text.startswith(silent.split(" Size", maxsplit=1)[0] + " Our size guide gives")
    assert "32 inches for men's jeans" in text and "women's" not in text and text.endswith("Size 30 is in stock.")
    said = "Northwind Threads gift cards are sold in amounts from $25 to $500, never expire and have no fees."
    text, added = completed("a $1,000 gift card? do they expire", said, search(kb), None)
    assert added == ["gift_card_amount"] and text == "No, not as a single card: " + said
    # a listing that is silent about a hood stays as it said it, once
    silent = "The listing for the coat doesn't mention a hood. It says: material wool."
    assert completed("does it have a hood", silent, search(kb), CATALOG[BOOTS]) == (silent, [])


def test_a_quoted_heading_question_does_not_answer_the_part(kb: KnowledgeBase) -> None:
    echoed = "FAQ > Boots: do they come with a warranty? Yes."
    text, added = completed("whats the warranty on them", echoed, search(kb), CATALOG[BOOTS], "boots")
    assert added == ["warranty"] and "1-year warranty" in text


def test_listings_that_do_not_record_the_inseam_give_way_to_the_size_guide(kb: KnowledgeBase) -> None:
    said = "Our product listings don't record the inseam, so I can't check that for you. Here are 3 of our men's jeans:"
    text, added = completed("men's jeans with a 32 inseam", said, search(kb), None)
    assert added == ["inseam"] and "32 inches for men's" in text and text.endswith("men's jeans:")


def test_store_hours_and_an_in_store_return_are_answered_from_the_contact_page(kb: KnowledgeBase) -> None:
    names = [
        a.name for a in asked_aspects("seattle store hours? and can i bring back something i ordered online there")
    ]
    assert names == ["store_hours", "store_return"]
    assert asked_aspects("how do i return it if there is a stain?") == []
    text, added = completed(
        "chicago store hours on sunday? can i drop off an online return there?",
        "Our online assistant is 24/7.",
        search(kb),
        None,
    )
    assert added == ["store_hours", "store_return"]
    assert "Sunday 11:00 a.m.–6:00 p.m." in text and "bring the item and your order number" in text


def test_the_stores_and_their_hours_are_added_in_the_order_asked(kb: KnowledgeBase) -> None:
    hemming = "Jeans hemming (tailoring): $12.00 per pair, ready in 3 business days in store."
    text, added = completed(
        "I'm up in Everett WA, is there a store anywhere near me? open sundays? and can they shorten jeans there",
        hemming,
        search(kb),
        None,
    )
    assert added == ["store_location", "store_hours"]
    stores = (
        "we have three Northwind Threads stores, in Portland (Oregon), Seattle (Washington) and Chicago (Illinois)."
    )
    assert text.index(stores) < text.index("The one in Washington is our Seattle store.") < text.index(hemming)
    assert "Sunday 11:00 a.m.–6:00 p.m." in text  # the Sunday hours, after the part asked before them
    # the state named in words; a store already named in the message is not named back as "the one in your state"
    text, added = completed("I live in Illinois, do you have a store near me?", "Hello.", search(kb), None)
    assert added == ["store_location"] and text.endswith("The one in Illinois is our Chicago store.")
    # customer care's hours are not the stores'; a reply that names the stores is not given them again
    assert asked_aspects("is customer care open on sundays?") == []
    assert lost_aspects("where are your stores?", "Our stores are in Portland, Seattle and Chicago.") == []


def test_a_products_material_and_return_rule_are_added_only_for_that_product(kb: KnowledgeBase) -> None:
    socks = CATALOG["MK-AC-1042"]  # Michael Kors York Crew Socks 3-Pack (category accessories)
    stock = "The Michael Kors York Crew Socks 3-Pack is in stock in sizes One Size."
    text, added = completed(
        "if I buy the michael kors york crew socks 3 pack and they don't fit can I return them",
        stock,
        search(kb),
        socks,
        "accessories|socks",
    )
    assert (
        added == ["returnable"] and "Socks, monogrammed (name-stitched) items" in text and "cannot be returned" in text
    )
    # jeans are not "hemmed jeans": the shop's general rule, with the windows
    jeans = CATALOG["GP-JN-1009"]
    text, added = completed(
        "can I return the gap rowan jeans if they don't fit?", "They cost 83.00 USD.", search(kb), jeans, "jeans|jeans"
    )
    assert added == ["returnable"] and "within your return window: 30 days for Guests" in text
    assert "hemmed" not in text
    coat = CATALOG["GP-CT-1049"]
    text, added = completed(
        "what's the thornton parka made of, and is M in stock?", "Yes, M is in stock.", search(kb), coat
    )
    assert added == ["material"] and text.endswith(f"The {coat['name']} is made of {coat['material']}.")
    # a search ("coats made of wool?") or a message not about that one product gets no product's part
    assert completed("any coats made of wool?", "Here are 3 of our coats.", search(kb), coat, of_product=False)[1] == []


def test_a_return_from_abroad_gets_the_international_label_and_fee(kb: KnowledgeBase) -> None:
    text, added = completed(
        "I want to send back the denim jacket I bought in October, how does that work from Dublin?",
        "You can return it until Friday, April 30, 2027.",
        search(kb),
        None,
    )
    assert added == ["abroad_return"]
    assert "Customers outside the United States also get a prepaid DHL Express return label." in text
    assert "A return shipping fee of $15.00 is deducted from the refund" in text
    # no place abroad: not this part
    assert "abroad_return" not in [a.name for a in asked_aspects("how do I send back a jacket from Denver?")]


def test_a_store_in_a_named_place_is_yes_with_that_store_or_no_with_where_they_are(kb: KnowledgeBase) -> None:
    assert store_reply(kb, "Do you have a store in London?")[0] == (  # type: ignore[index]
        "No, we don't have a store in London: our only stores are in Portland (Oregon), Seattle (Washington) and"
        " Chicago (Illinois)."
    )
    assert store_reply(kb, "is there a shop in chicago?")[0] == "Yes, we have a store in Chicago (Illinois)."  # type: ignore[index]
    # a state: the store in it, never "yes, near you" (the data holds no distances)
    assert store_reply(kb, "any store near Tacoma, WA?")[0] == "Our store in Washington is in Seattle."  # type: ignore[index]
    # a store asked for a return or hemming, the online shop, or no place: not this question
    assert store_reply(kb, "can I return it in your Seattle store?") is None
    assert store_reply(kb, "is your online store open in Canada?") is None
    assert store_reply(kb, "do you have stores?") is None
    # the hours of a store that exists are the question, not whether it exists
    assert store_reply(kb, "Is the store in Portland open on Sundays?") is None
    assert store_reply(kb, "Is there a store in Chicago I could visit this weekend?") is None
    # the reply names the store: the stores' sentence is not added again
    assert lost_aspects("I live in Illinois, is there a store near me?", "Our store in Illinois is in Chicago.") == []


def test_a_reply_that_refuses_shipping_gets_no_product_line() -> None:
    assert refuses_shipping("No, we don't ship to the United Kingdom. Outside the US we ship to Canada.")
    assert not refuses_shipping("Yes, we ship to Ireland.")
    # reader17 r17-017: "saw the same jacket cheaper at macys, do u price match?" got the refusal and then
    # "Recommended for you: Express Men's Presley Rain Jacket - matches what you asked about"
    assert refuses_shipping("No, we don't price match. We do not match competitors' prices.")
    assert refuses_shipping("We don't offer a student discount: it isn't among the discounts our pages list.")
    assert not refuses_shipping("We offer free standard shipping on orders of $75 or more.")
