"""Word-shuffled stand-ins for out-of-scope validation rows."""

from __future__ import annotations

from bot.nlu.oos_standins import shuffled_word_standins


def test_each_long_enough_sentence_gets_one_shuffled_copy() -> None:
    sentences = ["where is my order", "cancel it", "I want my money back please"]
    out = shuffled_word_standins(sentences, known=sentences, seed=1)
    assert len(out) == 2  # "cancel it" is too short to lose its meaning by shuffling
    for original, shuffled in zip([sentences[0], sentences[2]], out):
        assert sorted(shuffled.split()) == sorted(original.split()) and shuffled != original


def test_stand_ins_never_repeat_a_known_sentence_and_respect_the_limit() -> None:
    known = ["my order where is", "where is my order"]
    assert "my order where is" not in shuffled_word_standins(["where is my order"] * 20, known=known, seed=0)
    assert len(shuffled_word_standins([f"word{n} a b c" for n in range(50)], limit=7)) == 7
