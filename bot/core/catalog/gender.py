"""The gender a search is for, from the shopper's words: "men's", "for her", and the person a gift is for, said any
way: "for my wife", "get my wife a cashmere sweater", "my husband needs a belt", "she's a medium", "his jeans are a
32". "My wife says I need boots" is the shopper's own search (no gender); "boyfriend jeans" is a style."""

from __future__ import annotations

import re

_HIM = r"husband|hubby|boyfriend|bf|dad|father|son|brother|nephew|grandson|grandpa|grandfather|uncle|fianc[eé]"
_HER = (
    r"wife|wifey|girlfriend|gf|mom|mum|mother|daughter|sister|niece|granddaughter|grandma|grandmother|aunt|fianc[eé]e"
)
# the person a gift is for: after a giving verb, or the one who needs, wears or likes it
_GIVE = r"(?:for|(?:what|how) about|get|got|buy|bought|buying|getting|gift|gifting|treat|surprise|find|shopping for|present for)"
_THEIRS = r"(?:needs?|wears?|takes?|is an?|likes?|loves?|would (?:like|love)|wants?(?![\w])(?! me\b))"
_SIZE = r"(?:a |an |size )?(?:xx?s|xx?l|xxxl|[sml]|small|medium|large|extra large|\d{1,2}(?:\.5)?)\b"


def _person(relations: str, pronoun: str, possessive: str) -> str:
    return (
        rf"\b{_GIVE} (?:my|our) (?:{relations})\b|\b(?:my|our) (?:{relations})(?:'s\b| {_THEIRS})"
        rf"|\b{pronoun}(?:'?s| is| wears| takes) {_SIZE}|\b{possessive} (?:size|waist|chest|neck|feet|shoe size|jeans are)\b"
    )


MEN = re.compile(
    rf"\b(men'?s|men|for men|for a man|male|mens|guys?|boys?|for him|(?:what|how) about him)\b|{_person(_HIM, 'he', 'his')}",
    re.I,
)
WOMEN = re.compile(
    rf"\b(women'?s|women|for women|for a woman|female|womens|ladies|lady's|girls?|for her|(?:what|how) about her)\b"
    rf"|{_person(_HER, 'she', 'her')}",
    re.I,
)
# "for both" after a figure is a budget for two items ("$60 for both"), not clothes for both genders
UNISEX = re.compile(
    r"\b(?:unisex|gender[- ]neutral|genderless|for (?:anyone|everyone)|(?<![\d$] )(?<!\d )(?<!dollars )(?<!bucks )"
    r"(?<!usd )for both)\b",
    re.I,
)
MATERNITY = re.compile(r"\b(?:maternity|pregnan\w*|expecting mother|mum-to-be|mom-to-be)\b", re.I)


# the gender came from another person ("my husband needs ...", "for her", "she's a medium"), not from "men's"
OTHER_PERSON = re.compile(
    rf"{_person(_HIM, 'he', 'his')}|{_person(_HER, 'she', 'her')}|\b(?:for|(?:what|how) about) (?:him|her)\b", re.I
)
# the shopper turns to themselves: "and something for me", "what about me? im a small", "for myself", "i wear an M"
FOR_SELF = re.compile(
    r"\b(?:for me|for myself|myself|(?:what|how) about me|me too|my own|i need (?:one|some|something)"
    rf"|i'?m (?:an? |size )?{_SIZE.removeprefix('(?:a |an |size )?')}|im (?:an? |size )?{_SIZE.removeprefix('(?:a |an |size )?')}"
    rf"|i (?:wear|take) {_SIZE}|my size)",
    re.I,
)


def stated_gender(low: str) -> tuple[bool, bool]:
    """Whether the words ask for women's and for men's things (both or neither: no gender)."""
    return bool(WOMEN.search(low)), bool(MEN.search(low.replace("women", "")))
