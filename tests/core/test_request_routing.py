"""Understanding a turn: which classifier subjects reach retrieval, what counts as small talk, a search, a complaint,
an own-order question, and how a policy question that names a product or a foreign place is searched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.answers import care_line, material_care_answer
from bot.core.extractive import sentences
from bot.core.questions import asks_rule, names_abroad, policy_query, subject_hint
from bot.core.request import understand
from bot.domain import ConversationState, Intent, IntentPrediction, RequestKind

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
]


def pred(intent: Intent, confidence: float = 0.9, out_of_scope: bool = False) -> IntentPrediction:
    return IntentPrediction(intent=intent, confidence=confidence, label=intent.value, out_of_scope=out_of_scope)


def ask(
    text: str, intent: Intent = Intent.OUT_OF_SCOPE, state: ConversationState | None = None, confidence: float = 0.9
):  # type: ignore[no-untyped-def]
    return understand(text, pred(intent, confidence), state or ConversationState(), CATALOG, known_customer=True)


def test_retrieval_gets_a_subject_only_from_a_policy_intent_the_classifier_is_fairly_sure_of() -> None:
    assert subject_hint(pred(Intent.RETURNS_REFUNDS, 0.85)) == "returns_refunds"
    assert subject_hint(pred(Intent.SHIPPING, 0.2)) is None  # unsure
    assert (
        subject_hint(pred(Intent.SHIPPING, 0.6)) is None
    )  # not sure enough: a misread subject costs more than it gains
    assert subject_hint(pred(Intent.PRODUCT_QUESTION, 0.95)) is None  # "products" is too broad a subject
    assert subject_hint(pred(Intent.PAYMENT, 0.9, out_of_scope=True)) is None


def test_a_policy_question_naming_a_kind_of_product_is_searched_as_the_rule() -> None:
    req = ask("How long do I have to return a pair of jeans?", Intent.RETURNS_REFUNDS)
    assert req.kind == RequestKind.POLICY
    assert policy_query(req.text, req) == "How long do I have to return an item?"
    socks = ask("Can I return socks?", Intent.RETURNS_REFUNDS)
    assert policy_query(socks.text, socks) == socks.text  # the kind is the exception asked about
    care = ask("how do i wash my jeans", Intent.PRODUCT_QUESTION)
    assert policy_query(care.text, care) == care.text  # care is about the kind itself


def test_a_foreign_place_makes_a_shipping_question_international() -> None:
    req = ask("how long does delivery take to australia", Intent.SHIPPING)
    assert names_abroad(req.text) and policy_query(req.text, req).endswith("(international)")
    assert not names_abroad("do you deliver to puerto rico?")
    assert not names_abroad("what is the weather in Japan")  # no shipping or returns word


def test_only_small_talk_is_small_talk_whatever_the_classifier_says() -> None:
    assert ask("hello there!", Intent.GREETING).kind == RequestKind.SMALL_TALK
    assert ask("thanks so much", Intent.GREETING).kind == RequestKind.SMALL_TALK
    assert ask("do you have mens chinos?", Intent.GREETING, confidence=0.31).kind == RequestKind.DISCOVERY
    assert ask("whats ur email", Intent.GREETING).kind == RequestKind.POLICY


def test_a_category_with_a_size_or_budget_is_a_search_even_when_called_out_of_scope() -> None:
    for text in ("womens dresses under 100 in size S", "mens boots in size 11", "a warm coat for winter under 200"):
        assert ask(text, Intent.OUT_OF_SCOPE).kind == RequestKind.DISCOVERY, text
    assert ask("how wide are your boots", Intent.PRODUCT_QUESTION).kind == RequestKind.POLICY
    assert ask("what's the inseam on men's jeans", Intent.OUT_OF_SCOPE).kind == RequestKind.POLICY


def test_a_defect_stated_without_a_verb_of_arrival_is_a_complaint() -> None:
    assert ask("the dress i got has a stain on it", Intent.PRODUCT_SEARCH).kind == RequestKind.COMPLAINT
    assert ask("how do I get a stain out of a shirt?", Intent.PRODUCT_QUESTION).kind != RequestKind.COMPLAINT


def test_did_my_coat_ship_is_about_the_customers_own_order() -> None:
    req = ask("did my coat ship yet?", Intent.OUT_OF_SCOPE)
    assert req.kind == RequestKind.OWN_ORDER and req.order_hint == "coat"


def test_anything_cheaper_searches_below_what_was_shown() -> None:
    state = ConversationState(last_kind=RequestKind.DISCOVERY.value)
    first = ask("show me women's boots", Intent.PRODUCT_SEARCH)
    state.constraints = first.constraints
    prices = {p["sku"]: p["price"] for p in CATALOG}
    state.shown = [p["sku"] for p in CATALOG if p["category"] == "boots" and p["gender"] == "women"][:3]
    req = ask("anything cheaper?", Intent.PRODUCT_SEARCH, state=state)
    assert req.kind == RequestKind.DISCOVERY and req.constraints.categories == ["boots"]
    assert req.constraints.max_price == pytest.approx(min(prices[s] for s in state.shown) - 0.01)


def test_a_rule_question_is_not_a_question_about_one_order() -> None:
    assert asks_rule("can I change the shipping address on my order after it shipped?")
    assert not asks_rule("is my order shipped yet?")


def test_the_care_of_a_material_comes_from_the_catalog_care_lines() -> None:
    out = material_care_answer(["merino"], [], CATALOG)
    assert out is not None
    text, read = out
    assert "Hand wash cold or dry clean, dry flat" in text
    assert read and all(
        "merino" in p["material"] and care_line(p) == "hand wash cold or dry clean, dry flat" for p in read
    )
    assert all(p["name"] in text for p in read)
    # cotton care lines disagree across products: no single answer from the catalog
    assert material_care_answer(["cotton"], [], CATALOG) is None


def test_short_lines_that_are_values_are_kept_as_sentences() -> None:
    assert (
        sentences("**support@northwindthreads.example**\n\nWe answer e-mails within 1 business day.")[0]
        == "support@northwindthreads.example"
    )
    assert sentences("- **PayPal.**") == ["PayPal."]  # a short list item that reads as one (its list comes with it)
    assert sentences("- your number,") == []  # a piece of a sentence is not


def test_one_item_of_a_short_list_brings_its_list() -> None:
    from bot.core.extractive import _bullet_block

    text = (
        "- **Credit cards:** Visa, Mastercard, American Express and Discover.\n- **Debit cards** with a Visa logo.\n"
        "- **PayPal.**\n- **Northwind Threads gift cards** and store credit.\n\nWe do not accept cash on delivery."
    )
    assert _bullet_block(text, "Credit cards: Visa, Mastercard, American Express and Discover.") == [
        "Credit cards: Visa, Mastercard, American Express and Discover.",
        "Debit cards with a Visa logo.",
        "PayPal.",
        "Northwind Threads gift cards and store credit.",
    ]
    assert _bullet_block(text, "We do not accept cash on delivery.") == []
    pieces = "While it has not shipped you can:\n\n- change the shipping address,\n- add an item to the order,\n- cancel the order."
    assert _bullet_block(pieces, "add an item to the order,") == []


@pytest.mark.parametrize(
    "text",
    [
        "you charged me twice for the same order!!",
        "why did you take money from my card twice??",
        "i got double charged",
    ],
)
def test_a_disputed_charge_is_a_complaint_for_a_person(text: str) -> None:
    assert ask(text, Intent.PAYMENT).kind == RequestKind.COMPLAINT
    assert ask("what happens if I'm charged twice?", Intent.PAYMENT).kind != RequestKind.COMPLAINT


def test_order_details_outside_the_old_aspects_are_read_per_field() -> None:
    add = ask("can i add a scarf to my order?", Intent.ORDER_CHANGE)
    assert add.kind == RequestKind.OWN_ORDER and [a.value for a in add.aspects] == ["add_item"]
    assert add.order_hint == ""  # the scarf is the item to add, not one bought
    paid = ask("how did i pay for ORD-14021?", Intent.ORDER_STATUS)
    assert "payment" in [a.value for a in paid.aspects]
    contents = ask("whats in my processing order", Intent.ORDER_STATUS)
    assert "contents" in [a.value for a in contents.aspects]
    shipping = ask("did i pay for shipping on ORD-13931?", Intent.ORDER_STATUS)
    assert "total" in [a.value for a in shipping.aspects]


def test_a_service_rule_or_a_size_between_two_is_a_policy_question() -> None:
    assert ask("how long does monogramming add to my order", Intent.ORDER_STATUS).kind == RequestKind.POLICY
    between = ask("im between a medium and a large in shirts, which one should i get", Intent.PRODUCT_SEARCH)
    assert between.kind == RequestKind.POLICY


def test_the_place_of_a_yes_no_shipping_question() -> None:
    from bot.core.questions import shipping_place

    assert shipping_place("do you deliver to belarus") == "belarus"
    assert shipping_place("Can you ship to Turkey?") == "turkey"
    assert shipping_place("do u ship to the uk? im in manchester") == "uk"
    assert shipping_place("can you send it to me") == ""
    assert shipping_place("how long does delivery take to australia") == ""  # not a yes/no
