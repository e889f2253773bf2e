"""Reader21's turns that were true but did not answer (#9), each as its class on the demo shop's own pages: a greeting
that asks after the assistant, another person's purchases asked with a verb, a percentage off claimed for a level
after "since im gold i get", a promo code that fails with its age said, the sale after the one on now, a forgotten
password asked as "whats my password", short legs beside the inseam, how cold a winter coat is made for, and the Plus
fee asked back after a benefit was used. A real Assistant (hashing KB, real SQLite) and near misses that keep their
old answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core import canned
from bot.core.assistant import Assistant
from bot.core.code_trouble import code_trouble_answer
from bot.core.premises import premise_answer
from bot.core.privacy import REFUSAL, other_persons_data
from bot.core.sale_dates import sale_reply
from bot.core.small_talk import Said, small_talk, without_small_talk
from bot.domain import Author
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant
from tests.core.test_own_orders import assistant as _seeded
from tests.core.test_own_orders import chat

CUSTOMERS = [
    {"id": "g1", "name": "Lucas", "email": "g1@example.com", "membership": "gold"},
    {"id": "b1", "name": "Maya", "email": "b1@example.com", "membership": "bronze"},
    {"id": "s1", "name": "Hannah", "email": "s1@example.com", "membership": "silver"},
    {"id": "q1", "name": "Nora", "email": "q1@example.com", "membership": "guest"},
]
seeded = _seeded  # the seeded demo shop (real orders)


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, CUSTOMERS, [])


@pytest.mark.parametrize(
    "text", ["hiii how r u today lol", "hey hows it going", "hi how is your day going", "yo how r u doing", "how r u"]
)
def test_a_greeting_that_asks_after_the_assistant_is_small_talk(text: str) -> None:
    assert small_talk(text) == Said.HOW, text


def test_questions_after_how_r_u_are_not_small_talk() -> None:
    for text in ("how r u open today", "how are your jeans sized", "how is my order", "hope you can help me"):
        assert small_talk(text) is None, text
    assert without_small_talk("hi how are you, do you sell socks") == "Do you sell socks"
    assert small_talk("hello there!") == Said.GREETING and small_talk("thanks so much") == Said.THANKS


async def test_how_r_u_gets_a_friendly_answer_and_what_the_assistant_helps_with(shop: Assistant) -> None:
    reply = await ask(shop, "hiii how r u today lol")
    assert reply.text in canned.HOW and "not sure" not in reply.text


def test_another_persons_purchases_asked_with_a_verb_are_private() -> None:
    for text in (
        "can u tell me what my brother daniel murphy ordered? dont want to buy him the same gift",
        "what did my sister order from you last month",
        "can you check if my mom already bought the wool coat",
        "which boots did my husband get",
    ):
        assert other_persons_data(text), text
    for text in (
        "what should i get my brother for christmas",
        "if my son bought the wrong size can he exchange it",
        "i bought a gift for my brother what are the return rules",
        "what did i order last week",
        "my wife ordered a coat, where is it",
        # the shopper's own order arriving or asked about: "got"/"get" with the shopper's purchase said (review)
        "can you check if my mom got the package i sent her?",
        "which size did my son get in the hoodie i ordered for him?",
        "did my dad get the parcel i shipped to him yet?",
        "can u see if my girlfriend got the coat i bought her, tracking says delivered",
        "check whether my grandma has got the gift i sent last week",
    ):
        assert not other_persons_data(text), text


def test_what_a_relative_got_is_still_private_when_the_shopper_bought_nothing_said() -> None:
    for text in (
        "which jacket did my wife get from you?",
        "can you check if my cousin already got the linen shirt, i want to buy it for him",
        "what did my dad get last time he shopped here",
        "what did my brother purchase? i bought him socks before so something else",
        "what did my sister buy last month",
    ):
        assert other_persons_data(text), text


async def test_the_shoppers_own_package_to_a_relative_is_not_refused(seeded: Assistant) -> None:
    # c034: seven delivered orders of her own, none asked for by another person
    (sent,) = await chat(seeded, "c034", "can you check if my mom got the package i sent her?")
    assert REFUSAL not in sent.text and "another person" not in sent.text, sent.text
    assert sent.author != Author.CANNED, sent.text  # answered from the pages, not a canned refusal or deflection
    (size,) = await chat(seeded, "c034", "which size did my son get in the hoodie i ordered for him?")
    assert REFUSAL not in size.text and "another person" not in size.text, size.text
    assert "Your order ORD-12353" in size.text, size.text  # her own order read, not another person's data


def test_a_level_named_in_an_earlier_sentence_is_not_the_claims_subject(shop: Assistant) -> None:
    # "gold" ends its sentence: "i get 10% off with my code" is a code's claim, not a Gold-perk one (review)
    for text in (
        "i want the ring in gold. i get 10% off with my code right?",
        "the chain in gold? i get 10% off with my code right?",
    ):
        said, _ = premise_answer(shop.kb, text) or ("", [])
        assert "membership levels don't come with a percentage discount" not in said, said
    said, _ = premise_answer(shop.kb, "since im gold, i get 50% off everything right?") or ("", [])
    assert said.startswith("No: our membership levels don't come with a percentage discount"), said


async def test_a_two_week_old_code_has_expired_and_a_bronze_member_can_get_a_new_one(shop: Assistant) -> None:
    reply = await ask(shop, "the 20% code customer service sent me doesnt work?? got it like 2 weeks ago", "b1")
    assert "valid for 7 days" in reply.text and "more than 7 days ago has expired" in reply.text
    assert "You're a Bronze member: Bronze, Silver and Gold members also get a replacement code" in reply.text
    guest = await ask(shop, "my discount code isnt working, i got it 3 weeks ago", "q1")
    assert "cannot replace expired or invalid codes for Guests" in guest.text and "You're a" not in guest.text
    fresh = await ask(shop, "my promo code says invalid at checkout, i got it 3 days ago")
    assert "should still be valid" in fresh.text and "typed the code exactly" in fresh.text


async def test_codes_that_work_keep_their_own_answers(shop: Assistant) -> None:
    both = await ask(shop, "can i use two codes on one order")
    assert both.text.startswith("No: one promo code per order") and "expired" not in both.text


def test_the_next_sale_after_the_one_on_now_is_said_when_asked(shop: Assistant) -> None:
    today = dt.date(2026, 12, 2)
    said, _ = sale_reply(shop.kb, "did i miss the annual sale?? whens the next one", today) or ("", [])
    assert said.startswith("No, you haven't missed it. The Annual Sale is on now")
    assert said.endswith(
        "The next sale after it is the Summer Sale: it starts on the second Monday of July and runs for 2 weeks."
    )
    only, _ = sale_reply(shop.kb, "is the annual sale on right now?", today) or ("", [])
    assert only.startswith("Yes, the Annual Sale is on now") and "next sale" not in only


async def test_whats_my_password_says_nobody_can_see_it(shop: Assistant) -> None:
    reply = await ask(shop, "whats my password? i forgot it and cant log in", "s1")
    assert (
        reply.text.startswith("I can't tell you your password.") and "nobody at Northwind Threads can see" in reply.text
    )
    assert "account PIN" in reply.text


async def test_short_legs_beside_the_inseam_get_the_hemming_line(shop: Assistant) -> None:
    text = "whats the inseam on the guess mens grove wide leg jeans? im a 34 waist but short legs lol"
    reply = await ask(shop, text)
    assert "standard inseam of 32 inches" in reply.text and "$12.00 per pair" in reply.text
    assert "ready in 3 business days in store" in reply.text
    plain = await ask(shop, "whats the inseam on the guess mens grove wide leg jeans?")
    assert "standard inseam of 32 inches" in plain.text and "hemming" not in plain.text


async def test_a_winter_coat_asked_for_a_cold_winter_gets_the_care_pages_temperature(shop: Assistant) -> None:
    reply = await ask(
        shop, "is the michael kors kingsley peacoat warm enough for like a chicago winter? and how do i clean it"
    )
    assert "made for cold weather" in reply.text and "14°F (-10°C) with layers" in reply.text
    assert "Dry clean only" in reply.text
    price = await ask(shop, "how much is the michael kors kingsley peacoat?")
    assert "°F" not in price.text


async def test_the_plus_fee_after_a_used_benefit_is_a_no(shop: Assistant) -> None:
    text = "signed up for northwind plus last week and used the free shipping once. can i cancel and get my $99 back?"
    reply = await ask(shop, text)
    assert reply.text.startswith("No, not in your case, because you have used a Plus benefit.")
    said = await ask(
        shop, "i subscribed to plus 10 days ago, used free shipping twice, do i get my 99 dollars back if i cancel"
    )
    assert said.text.startswith("No, not in your case")
    cart = await ask(shop, "i have northwind plus and a $60 cart, is shipping free?")
    assert "Northwind Plus subscribers get free standard shipping" in cart.text


def test_the_demo_pages_hold_the_values_the_tests_read() -> None:
    assert "valid for **7 days**" in (REPO / "knowledge" / "policies" / "promotions.md").read_text(encoding="utf-8")


async def test_codes_of_other_kinds_do_not_get_the_promo_code_rules(shop: Assistant) -> None:
    # a gift card never expires (payments page): no promo code's 7 days, no "replacement code" (with this test's
    # hashing KB the tracking and zip codes then get retrieval's lines; the real MiniLM one asks which order, and
    # gives the card check's "billing ZIP code" line)
    gift = await ask(shop, "my gift card code wont apply at checkout, got it 3 weeks ago for my birthday")
    assert "has expired" not in gift.text and "replacement code" not in gift.text and "valid for 7" not in gift.text
    assert "gift card" in gift.text
    for text, who in (
        ("the tracking code doesnt work on the ups site", None),
        ("my zip code isnt accepted at checkout", "b1"),
    ):
        reply = await ask(shop, text, who)
        assert "replacement code" not in reply.text and "codes only last" not in reply.text, text
        assert code_trouble_answer(shop.kb, text, "bronze", dt.date(2026, 12, 2)) is None, text
    # a promo code said with its kind, its amount or the team that sent it keeps the rules
    team = await ask(shop, "the discount code your support team emailed me isnt working")
    assert "most codes only last 7 days" in team.text and "replacement code" in team.text
    twenty = await ask(shop, "the 20% code customer service sent me doesnt work?? got it like 2 weeks ago", "b1")
    assert "more than 7 days ago has expired" in twenty.text


async def test_a_plus_size_item_refund_is_not_the_plus_fee(shop: Assistant) -> None:
    reply = await ask(shop, "i paid for the plus size jeans 3 weeks ago, can i get a refund?")
    assert "Plus benefit" not in reply.text and "$99" not in reply.text
    assert "the return window counts from the purchase date" in reply.text
    coat = await ask(shop, "paid for the plus-sized coat, it was $120, can i get a refund")
    assert "Plus benefit" not in coat.text and "$99" not in coat.text
    fee = await ask(shop, "i paid for plus 5 days ago and havent used it yet, can i get a refund?")
    assert fee.text.startswith("Yes: you are within 14 days of being charged and have not used a Plus benefit.")
