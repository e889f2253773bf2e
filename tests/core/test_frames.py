"""Slot-filling frames: the model writes the sentence around the answer's values, code puts them in."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.frames import as_statement, fill, frame_problems, frame_question, make_frame, name_kinds
from bot.core.rewording import Rewriter, skip_reason
from bot.llm.fake import ScriptedChatModel

CATALOG = [
    {"name": "Slim Blue Jeans", "brand": "Northwind", "colors": ["black", "navy"]},
    {"name": "Harbor Rain Jacket", "brand": "Northwind", "colors": ["heather grey"]},
]
NAMES = ("Harbor Rain Jacket", "Northwind", "Slim Blue Jeans", "black", "heather grey", "navy")
KINDS = name_kinds(CATALOG)


def frame_of(answer: str):  # type: ignore[no-untyped-def]
    return make_frame(answer, NAMES, KINDS)


def test_values_become_named_slots_and_fill_back() -> None:
    frame = frame_of("No, the Slim Blue Jeans doesn't come in navy; it comes in black or heather grey for 59.90 USD.")
    assert frame.text == "No, the {product} doesn't come in {colour}; it comes in {colours} for {price}."
    assert frame.values == {
        "product": "Slim Blue Jeans",
        "colour": "navy",
        "colours": "black or heather grey",
        "price": "59.90 USD",
    }
    written = "No, sorry, the {product} isn't made in {colour}, but it comes in {colours} for {price}."
    assert frame_problems(written, frame) == []
    assert fill(written, frame) == (
        "No, sorry, the Slim Blue Jeans isn't made in navy, but it comes in black or heather grey for 59.90 USD."
    )


def test_orders_sizes_quotes_and_the_listings_fields_are_slots() -> None:
    order = frame_of("Your order ORD-10234 from 2026-11-20 is shipped. It is with UPS, tracking number 1Z999AA10.")
    assert order.text == "Your order {order} from {date} is {status}. It is with {carrier}, tracking number {code}."
    stock = frame_of("Sorry, the Slim Blue Jeans is out of stock in size S. It is in stock in sizes M, L and XL.")
    assert stock.text == "Sorry, the {product} is out of stock in size {size}. It is in stock in sizes {sizes}."
    assert stock.values["sizes"] == "M, L and XL"
    quoted = frame_of('Yes, the Harbor Rain Jacket is waterproof (the listing says "Nylon with a 10k coating").')
    assert quoted.text == "Yes, the {product} is waterproof (the listing says {quote})."
    fields = frame_of("The listing for the Slim Blue Jeans doesn't mention a lining. It says: material 98% cotton.")
    assert fields.text == "The listing for the {product} doesn't mention a lining. It says: {details}."


def test_a_list_keeps_its_lines_and_only_the_introduction_is_framed() -> None:
    frame = frame_of("Here are 2 of our jeans:\n- Slim Blue Jeans - 59.90 USD\n- Other Jeans - 40.00 USD")
    assert frame.text == "Here are {number} of our jeans:"
    assert frame.tail == "\n- Slim Blue Jeans - 59.90 USD\n- Other Jeans - 40.00 USD"
    assert as_statement(frame.text) == "Here are {number} of our jeans."


def test_the_question_names_its_values_as_the_answers_slots() -> None:
    frame = frame_of("Yes, the Slim Blue Jeans comes in navy.")
    assert frame_question("do the slim blue jeans come in navy?", frame) == "do the {product} come in {colour}?"


def test_a_frame_that_drops_adds_repeats_or_writes_a_value_is_refused() -> None:
    frame = frame_of("The Slim Blue Jeans costs 59.90 USD and comes in navy.")
    assert frame_problems("The {product} is {price}.", frame) == ["drops the slot(s) colour"]
    assert frame_problems("The {product} is {price} in {colour} and {size}.", frame) == ["adds the slot(s) size"]
    assert frame_problems("The {product} ({product}) is {price} in {colour}.", frame) == ["repeats the slot(s) product"]
    assert frame_problems("The {product} is {price} in {colour}, 20% off.", frame) == ["writes a digit of its own"]
    assert frame_problems("The {product} is {price} in {colour} {.", frame) == ["a brace outside a slot"]


def tuned_rewriter(*responses: str) -> Rewriter:
    return Rewriter(
        ScriptedChatModel(responses=list(responses)), timeout_s=30, few_shot=False, frames=True, max_tries=1
    )


def test_the_rewriter_fills_a_good_frame_and_checks_the_filled_text() -> None:
    answer = "Yes, the Slim Blue Jeans comes in navy."
    done = tuned_rewriter("Yes, you can get the {product} in {colour}.").reword(
        "navy?", answer, kind="product", known_names=NAMES, name_kinds=KINDS
    )
    assert (done.text, done.by_model) == ("Yes, you can get the Slim Blue Jeans in navy.", True)
    prompt = tuned_rewriter().build_messages("navy?", frame_of(answer).text, kind="product")
    assert "{slot}" in prompt[0].text and "Answer: Yes, the {product} comes in {colour}." in prompt[-1].text


def test_the_rewriter_keeps_the_template_when_the_frame_or_the_filled_text_is_wrong() -> None:
    answer = "No, the Slim Blue Jeans doesn't come in navy; it comes in black."
    dropped = tuned_rewriter("No, the {product} doesn't come in {colour}.").reword(
        "navy?", answer, kind="product", known_names=NAMES, name_kinds=KINDS
    )
    assert (dropped.text, dropped.by_model, dropped.problems) == (answer, False, ["drops the slot(s) colour2"])
    flipped = tuned_rewriter("Yes, the {product} comes in {colour} and {colour2}.").reword(
        "navy?", answer, kind="product", known_names=NAMES, name_kinds=KINDS
    )
    assert (flipped.text, flipped.by_model) == (answer, False)
    assert any("polarity" in p or "'No'" in p for p in flipped.problems)
    copied = tuned_rewriter("No, the {product} doesn't come in {colour}; it comes in {colour2}.").reword(
        "navy?", answer, kind="product", known_names=NAMES, name_kinds=KINDS
    )
    assert (copied.by_model, copied.reason) == (False, "same")


def test_a_list_introduction_is_worded_and_the_list_follows_as_built() -> None:
    answer = "Here are 2 of our jeans:\n- Slim Blue Jeans - 59.90 USD\n- Other Jeans - 40.00 USD"
    rewriter = tuned_rewriter("We have these {number} jeans for you:")
    assert skip_reason(rewriter, answer, "discovery") == ""
    done = rewriter.reword("jeans?", answer, kind="discovery", known_names=NAMES, name_kinds=KINDS)
    assert done.by_model and done.text == (
        "We have these 2 jeans for you:\n- Slim Blue Jeans - 59.90 USD\n- Other Jeans - 40.00 USD"
    )


def test_the_bundled_adapter_is_tuned_on_frames_and_says_how() -> None:
    metrics = json.loads((Path("bot/data/reply_adapter") / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["frames"] is True and "--frames" in metrics["recipe"]
    assert metrics["check_pass_rate_after"] > 0 and {"product", "order", "discovery"} <= set(metrics["kinds"])


def test_every_mention_of_a_name_is_a_slot_and_a_name_written_outside_a_slot_is_refused() -> None:
    colours = ("washed black", "dark indigo", "black", "white")
    kinds = {c: "colour" for c in colours}
    frame = make_frame("It comes in washed black, dark indigo, black and white.", colours, kinds)
    assert frame.text == "It comes in {colours}." and frame.values["colours"].endswith("black and white")
    assert frame_problems("You can get it in {colours}.", frame, colours) == []
    problems = frame_problems("Those are {colours}; they're black.", frame, colours)
    assert problems == ["writes a name of its own (black)"]
