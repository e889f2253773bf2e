"""The words of a budget for several items together ("$60 for both", "under 120 total") and a size said in
parentheses ("a white shirt (S)"): read by `parse` and `total_budget`."""

from __future__ import annotations

import re

# the budget covers everything together
TOTAL = re.compile(
    r"\b(?:in total|total(?:ling)?|altogether|all together|combined|for (?:both|the two|the three|all three|the lot|"
    r"everything|all of (?:it|them)|the pair)|all in|together|between (?:them|the two))\b",
    re.I,
)
# a figure said to cover everything together is a ceiling: "$60 for both", "$150 altogether", "a total of $120"
TOTAL_BUDGET = re.compile(
    r"(?:\$\s?(\d{1,5}(?:\.\d{1,2})?)|\b(\d{1,5}(?:\.\d{1,2})?)\s?(?:usd|dollars?|bucks))\s*(?:for (?:both|the two|the three|"
    r"all three|the lot|everything|all of (?:it|them))|total|altogether|all together|combined|in total|all in)\b"
    r"|\b(?:a )?total (?:of |budget of |budget )?\$\s?(\d{1,5}(?:\.\d{1,2})?)",
    re.I,
)
PAREN_SIZE = re.compile(r"\((xxs|xs|s|m|l|xl|xxl)\)", re.I)  # "a white shirt (S)"
