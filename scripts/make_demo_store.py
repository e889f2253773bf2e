#!/usr/bin/env python3
"""Generate the Northwind Threads demo store: product catalog, customers, orders and interactions.

The output is deterministic: a fixed seed and no dependence on the clock, the locale or hash
ordering, so running the script twice gives byte-identical files.  It writes

    <out>/catalog/products.jsonl     (indexed into the knowledge base)
    <out>/_seed/customers.jsonl      (loaded into SQLite, not indexed)
    <out>/_seed/orders.jsonl
    <out>/_seed/interactions.jsonl

The hand-written policy and FAQ pages under knowledge/policies and knowledge/faq are not
touched.  Fees and delivery times used for the orders are the ones those pages state
(see STORE_FACTS below); change both together.

Only the standard library is used, so the script runs anywhere Python 3.11+ does.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

SEED = 20261129
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "knowledge"

N_PRODUCTS = 320
N_CUSTOMERS = 60
N_ORDERS = 200
N_INTERACTIONS = 2000

# All seed dates fall in 2026, before this day (the "today" of the demo).
DEMO_TODAY = date(2026, 11, 29)
FIRST_DAY = date(2026, 1, 2)

# Facts shared with knowledge/policies/*.md -- keep them in step.
STORE_FACTS = {
    "name": "Northwind Threads",
    "currency": "USD",
    "free_standard_shipping_threshold": 75.00,
    "shipping": {
        # method: (fee, min business days, max business days, carrier)
        "economy": (5.00, 6, 9, "USPS"),
        "standard": (8.00, 3, 5, "UPS"),
        "overnight": (20.00, 1, 1, "UPS"),
        "international": (25.00, 5, 10, "DHL Express"),
    },
    "free_international_threshold": 200.00,
}

US = "United States"

# --------------------------------------------------------------------------------------
# catalog vocabulary
# --------------------------------------------------------------------------------------

# Brands: the four of ABCD's ontology first (they carry most of the catalog), then brands the
# ABCD agent guidelines name in their examples.
BRANDS: dict[str, dict[str, Any]] = {
    "Calvin Klein": {"code": "CK", "tier": 1.15, "weight": 14, "voice": "clean, minimal lines"},
    "Guess": {"code": "GS", "tier": 1.00, "weight": 13, "voice": "a bold, West-Coast attitude"},
    "Michael Kors": {"code": "MK", "tier": 1.25, "weight": 13, "voice": "polished, jet-set detailing"},
    "Tommy Hilfiger": {"code": "TH", "tier": 1.10, "weight": 14, "voice": "classic American prep"},
    "Banana Republic": {"code": "BR", "tier": 1.05, "weight": 6, "voice": "modern, work-ready tailoring"},
    "Express": {"code": "EX", "tier": 0.90, "weight": 5, "voice": "sharp, going-out style"},
    "Gap": {"code": "GP", "tier": 0.80, "weight": 5, "voice": "easy everyday basics"},
    "Uniqlo": {"code": "UQ", "tier": 0.60, "weight": 5, "voice": "functional, no-fuss design"},
}

TOP_SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
MEN_WAIST = ["28", "29", "30", "31", "32", "33", "34", "36", "38"]
WOMEN_WAIST = ["24", "25", "26", "27", "28", "29", "30", "31", "32"]
MEN_BOOTS = ["7", "7.5", "8", "8.5", "9", "9.5", "10", "10.5", "11", "12", "13"]
WOMEN_BOOTS = ["5", "5.5", "6", "6.5", "7", "7.5", "8", "8.5", "9", "10", "11"]

# category -> everything needed to make a plausible product of that kind.
# "group" and "pairs_with" give a recommender complementary structure.
CATEGORIES: dict[str, dict[str, Any]] = {
    "jeans": {
        "code": "JN",
        "weight": 14,
        "group": "bottoms",
        "base_price": (59, 129),
        "pairs_with": ["shirt", "t-shirt", "sweater", "jacket", "boots"],
        "styles": ["Slim", "Straight", "Skinny", "Relaxed", "Bootcut", "Tapered", "Wide-Leg", "Mom", "Athletic"],
        "nouns": ["Jeans", "Denim Jeans", "Stretch Jeans", "5-Pocket Jeans"],
        "materials": [
            "99% cotton, 1% elastane stretch denim",
            "100% cotton rigid denim",
            "92% cotton, 6% polyester, 2% elastane",
            "organic cotton denim",
            "98% cotton, 2% elastane",
        ],
        "colors": ["dark indigo", "medium wash", "light wash", "black", "washed black", "grey", "white"],
        "seasons": ["all-season"],
        "occasions": ["casual", "weekend", "smart casual"],
        "features": ["stretch", "distressed", "high-rise", "mid-rise", "raw hem", "5-pocket", "button fly"],
    },
    "shirt": {
        "code": "SH",
        "weight": 14,
        "group": "tops",
        "base_price": (39, 99),
        "pairs_with": ["jeans", "chinos", "jacket", "sweater", "boots"],
        "styles": ["Oxford", "Poplin", "Flannel", "Chambray", "Linen", "Dress", "Denim", "Stretch Twill"],
        "nouns": ["Shirt", "Button-Down Shirt", "Button-Up Shirt"],
        "materials": ["100% cotton", "100% cotton poplin", "cotton-linen blend", "100% linen",
                      "brushed cotton flannel", "97% cotton, 3% elastane", "organic cotton"],
        "colors": ["white", "light blue", "navy", "black", "pink", "sage green", "red plaid",
                   "blue gingham", "grey", "burgundy"],
        "seasons": ["all-season", "spring", "summer", "fall"],
        "occasions": ["business casual", "formal", "casual", "office"],
        "features": ["button-down collar", "spread collar", "wrinkle-resistant", "slim fit", "regular fit",
                     "chest pocket", "long sleeve", "short sleeve"],
    },
    "jacket": {
        "code": "JK",
        "weight": 12,
        "group": "outerwear",
        "base_price": (89, 249),
        "pairs_with": ["jeans", "shirt", "sweater", "boots", "accessories"],
        "styles": ["Denim", "Bomber", "Leather Moto", "Puffer", "Quilted", "Rain", "Field", "Trucker",
                   "Softshell", "Sherpa-Lined"],
        "nouns": ["Jacket"],
        "materials": ["100% cotton denim", "genuine lambskin leather", "recycled nylon shell, 650-fill down",
                      "polyester shell, synthetic insulation", "waxed cotton", "nylon with waterproof coating",
                      "cotton twill", "polyester softshell with fleece backing"],
        "colors": ["black", "navy", "olive", "camel", "charcoal", "khaki", "cognac brown", "burgundy",
                   "medium wash"],
        "seasons": ["fall", "winter", "spring"],
        "occasions": ["casual", "outdoor", "commute", "smart casual"],
        "features": ["detachable hood", "water-resistant", "waterproof", "insulated", "lightweight",
                     "zip pockets", "packable", "windproof"],
    },
    "boots": {
        "code": "BT",
        "weight": 11,
        "group": "footwear",
        "base_price": (99, 229),
        "pairs_with": ["jeans", "chinos", "jacket", "coat", "accessories"],
        "styles": ["Chelsea", "Combat", "Chukka", "Lace-Up Hiking", "Ankle", "Knee-High", "Work",
                   "Winter Snow", "Western"],
        "nouns": ["Boots"],
        "materials": ["full-grain leather", "suede", "waxed leather", "leather and rubber",
                      "nubuck leather", "vegan leather"],
        "colors": ["black", "dark brown", "tan", "cognac", "taupe", "grey", "burgundy"],
        "seasons": ["fall", "winter", "all-season"],
        "occasions": ["casual", "outdoor", "smart casual", "workwear"],
        "features": ["waterproof", "lug sole", "side zip", "cushioned insole", "slip-resistant",
                     "wide width available", "shearling lined"],
    },
    "sweater": {
        "code": "SW",
        "weight": 9,
        "group": "tops",
        "base_price": (49, 149),
        "pairs_with": ["jeans", "chinos", "shirt", "coat", "boots"],
        "styles": ["Crewneck", "V-Neck", "Cable-Knit", "Turtleneck", "Quarter-Zip", "Cardigan", "Merino"],
        "nouns": ["Sweater"],
        "materials": ["100% merino wool", "cotton-cashmere blend", "100% cotton", "lambswool",
                      "recycled wool blend", "100% cashmere"],
        "colors": ["oatmeal", "navy", "charcoal", "forest green", "cream", "black", "rust", "heather grey"],
        "seasons": ["fall", "winter"],
        "occasions": ["casual", "business casual", "weekend"],
        "features": ["ribbed cuffs", "relaxed fit", "lightweight knit", "chunky knit", "layering"],
    },
    "t-shirt": {
        "code": "TS",
        "weight": 8,
        "group": "tops",
        "base_price": (19, 49),
        "pairs_with": ["jeans", "jacket", "chinos", "sweater"],
        "styles": ["Crew", "V-Neck", "Pocket", "Logo", "Henley", "Long-Sleeve", "Oversized"],
        "nouns": ["T-Shirt", "Tee"],
        "materials": ["100% cotton jersey", "organic cotton", "cotton-modal blend", "slub cotton",
                      "60% cotton, 40% polyester"],
        "colors": ["white", "black", "heather grey", "navy", "olive", "sand", "red"],
        "seasons": ["summer", "all-season", "spring"],
        "occasions": ["casual", "weekend", "lounge"],
        "features": ["pre-shrunk", "tagless", "relaxed fit", "slim fit", "soft-washed"],
    },
    "coat": {
        "code": "CT",
        "weight": 6,
        "group": "outerwear",
        "base_price": (149, 349),
        "pairs_with": ["sweater", "shirt", "boots", "accessories", "chinos"],
        "styles": ["Wool Overcoat", "Trench Coat", "Parka", "Peacoat", "Car Coat", "Long Puffer Coat"],
        "nouns": [""],
        "materials": ["wool-cashmere blend", "cotton gabardine", "recycled polyester with down fill",
                      "80% wool, 20% nylon", "water-repellent cotton blend"],
        "colors": ["camel", "charcoal", "black", "navy", "olive", "stone"],
        "seasons": ["winter", "fall"],
        "occasions": ["formal", "commute", "business casual", "outdoor"],
        "features": ["insulated", "detachable hood", "water-repellent", "storm flap", "belted", "fully lined"],
    },
    "chinos": {
        "code": "CH",
        "weight": 6,
        "group": "bottoms",
        "base_price": (45, 99),
        "pairs_with": ["shirt", "sweater", "boots", "jacket", "t-shirt"],
        "styles": ["Slim", "Straight", "Tapered", "Relaxed", "Pleated"],
        "nouns": ["Chinos", "Chino Pants", "Trousers"],
        "materials": ["98% cotton, 2% elastane twill", "100% cotton twill", "cotton-linen blend"],
        "colors": ["khaki", "navy", "olive", "stone", "black", "grey"],
        "seasons": ["all-season", "spring", "summer"],
        "occasions": ["business casual", "smart casual", "office"],
        "features": ["stretch", "wrinkle-resistant", "flat front", "tapered leg"],
    },
    "dress": {
        "code": "DR",
        "weight": 6,
        "group": "dresses",
        "base_price": (59, 189),
        "pairs_with": ["jacket", "boots", "coat", "accessories"],
        "styles": ["Wrap", "Shirt", "Slip", "Sweater", "Midi", "Sheath", "Maxi"],
        "nouns": ["Dress"],
        "materials": ["viscose crepe", "100% cotton poplin", "satin", "merino wool knit", "linen blend"],
        "colors": ["black", "navy", "emerald", "floral print", "ivory", "red", "dusty rose"],
        "seasons": ["spring", "summer", "fall", "all-season"],
        "occasions": ["formal", "party", "office", "casual"],
        "features": ["midi length", "adjustable straps", "pockets", "tie waist", "lined"],
    },
    "accessories": {
        "code": "AC",
        "weight": 6,
        "group": "accessories",
        "base_price": (15, 89),
        "pairs_with": ["coat", "jacket", "sweater", "boots"],
        "styles": ["Leather Belt", "Wool Scarf", "Knit Beanie", "Leather Gloves", "Crew Socks 3-Pack",
                   "Baseball Cap"],
        "nouns": [""],
        "materials": ["genuine leather", "wool blend", "cotton blend", "lambswool", "recycled polyester"],
        "colors": ["black", "brown", "navy", "grey", "camel", "burgundy"],
        "seasons": ["all-season", "winter", "fall"],
        "occasions": ["casual", "formal", "outdoor"],
        "features": ["gift idea", "soft touch", "adjustable"],
    },
}

# Per-style overrides so that material, features, season and colors fit the style
# (no leather rain jackets, no wool summer dresses).
STYLE_TRAITS: dict[str, dict[str, dict[str, list[str]]]] = {
    "shirt": {
        "Oxford": {"materials": ["100% cotton oxford cloth", "organic cotton oxford"],
                   "features": ["button-down collar", "chest pocket", "regular fit", "slim fit"]},
        "Poplin": {"materials": ["100% cotton poplin", "97% cotton, 3% elastane poplin"]},
        "Flannel": {"materials": ["brushed cotton flannel"], "seasons": ["fall", "winter"],
                    "colors": ["red plaid", "green plaid", "blue plaid", "grey check", "navy"],
                    "occasions": ["casual", "weekend"],
                    "features": ["chest pocket", "long sleeve", "regular fit", "relaxed fit"]},
        "Chambray": {"materials": ["100% cotton chambray"], "colors": ["light blue", "indigo", "grey"]},
        "Linen": {"materials": ["100% linen", "cotton-linen blend"], "seasons": ["summer", "spring"],
                  "occasions": ["casual", "vacation"], "features": ["relaxed fit", "short sleeve", "long sleeve"]},
        "Dress": {"materials": ["100% cotton poplin", "non-iron cotton twill"], "occasions": ["formal", "office"],
                  "colors": ["white", "light blue", "pink", "navy", "lavender"],
                  "features": ["spread collar", "wrinkle-resistant", "slim fit", "regular fit", "long sleeve"]},
        "Denim": {"materials": ["100% cotton denim"], "colors": ["light wash", "medium wash", "dark indigo"],
                  "occasions": ["casual", "weekend"]},
        "Stretch Twill": {"materials": ["97% cotton, 3% elastane twill"],
                          "colors": ["white", "light blue", "navy", "black", "sage green", "grey"]},
    },
    "jacket": {
        "Denim": {"materials": ["100% cotton denim", "99% cotton, 1% elastane denim"],
                  "colors": ["light wash", "medium wash", "dark indigo", "black"], "seasons": ["spring", "fall"],
                  "features": ["button front", "chest pockets", "lightweight"]},
        "Bomber": {"materials": ["nylon shell with polyester lining", "satin shell with quilted lining"],
                   "seasons": ["spring", "fall"], "features": ["rib-knit cuffs", "zip pockets", "lightweight"]},
        "Leather Moto": {"materials": ["genuine lambskin leather", "vegan leather"], "seasons": ["fall", "spring"],
                         "colors": ["black", "cognac brown", "burgundy"],
                         "features": ["asymmetric zip", "zip pockets", "fully lined"]},
        "Puffer": {"materials": ["recycled nylon shell, 650-fill down", "nylon shell, synthetic insulation"],
                   "seasons": ["winter"], "always": ["insulated"],
                   "features": ["packable", "water-resistant", "detachable hood"]},
        "Quilted": {"materials": ["polyester shell, synthetic insulation"], "seasons": ["fall", "winter"],
                    "features": ["insulated", "lightweight", "zip pockets", "snap front"]},
        "Rain": {"materials": ["nylon with waterproof coating", "recycled polyester, waterproof-breathable membrane"],
                 "seasons": ["spring", "fall"], "colors": ["navy", "olive", "black", "yellow"], "always": ["waterproof"],
                 "features": ["detachable hood", "packable", "taped seams"]},
        "Field": {"materials": ["waxed cotton", "cotton twill"], "seasons": ["fall", "spring"],
                  "colors": ["olive", "khaki", "navy", "camel"], "features": ["water-resistant", "four patch pockets", "corduroy collar"]},
        "Trucker": {"materials": ["100% cotton denim", "cotton corduroy"], "seasons": ["fall", "spring"],
                    "colors": ["medium wash", "dark indigo", "camel", "black"], "features": ["button front", "chest pockets"]},
        "Softshell": {"materials": ["polyester softshell with fleece backing"], "seasons": ["spring", "fall"],
                      "occasions": ["outdoor", "commute"], "features": ["windproof", "water-resistant", "zip pockets"]},
        "Sherpa-Lined": {"materials": ["cotton twill with sherpa fleece lining", "denim with sherpa fleece lining"],
                         "seasons": ["winter"], "always": ["insulated"], "features": ["button front", "chest pockets"]},
    },
    "boots": {
        "Chelsea": {"materials": ["full-grain leather", "suede"], "always": ["elastic side panels"],
                    "features": ["pull tab", "cushioned insole", "lug sole"]},
        "Combat": {"materials": ["full-grain leather", "waxed leather"], "colors": ["black", "dark brown", "burgundy"],
                   "features": ["lug sole", "side zip", "cushioned insole"]},
        "Chukka": {"materials": ["suede", "nubuck leather"], "colors": ["tan", "taupe", "dark brown", "grey"],
                   "features": ["crepe sole", "cushioned insole"]},
        "Lace-Up Hiking": {"materials": ["waterproof leather and mesh", "waterproof nubuck leather"], "occasions": ["outdoor"],
                           "always": ["waterproof"], "features": ["lug sole", "cushioned insole", "wide width available"]},
        "Ankle": {"materials": ["full-grain leather", "suede", "vegan leather"], "features": ["side zip", "block heel", "cushioned insole"]},
        "Knee-High": {"materials": ["full-grain leather", "suede"], "features": ["side zip", "block heel"]},
        "Work": {"materials": ["full-grain leather", "waxed leather"], "occasions": ["workwear", "outdoor"],
                 "features": ["slip-resistant", "lug sole", "waterproof", "wide width available"]},
        "Winter Snow": {"materials": ["waterproof nylon and rubber", "leather and rubber"], "seasons": ["winter"],
                        "occasions": ["outdoor", "casual"], "always": ["waterproof"],
                        "features": ["shearling lined", "lug sole", "insulated"]},
        "Western": {"materials": ["full-grain leather"], "colors": ["tan", "cognac", "black", "dark brown"],
                    "features": ["stacked heel", "pull tab"]},
    },
    "coat": {
        "Wool Overcoat": {"materials": ["wool-cashmere blend", "80% wool, 20% nylon"], "seasons": ["winter"],
                          "occasions": ["formal", "business casual", "commute"], "features": ["fully lined", "notch lapel"]},
        "Trench Coat": {"materials": ["cotton gabardine", "water-repellent cotton blend"], "seasons": ["spring", "fall"],
                   "colors": ["stone", "camel", "navy", "black"], "features": ["water-repellent", "belted", "storm flap"]},
        "Parka": {"materials": ["recycled polyester with down fill"], "seasons": ["winter"], "occasions": ["outdoor", "commute"],
                  "always": ["insulated"], "features": ["detachable hood", "water-repellent"]},
        "Peacoat": {"materials": ["80% wool, 20% nylon"], "seasons": ["winter"], "colors": ["navy", "charcoal", "black", "camel"],
                    "features": ["fully lined", "double-breasted"]},
        "Car Coat": {"materials": ["wool-cashmere blend", "80% wool, 20% nylon"], "seasons": ["fall", "winter"],
                     "features": ["fully lined", "storm flap"]},
        "Long Puffer Coat": {"materials": ["recycled polyester with down fill"], "seasons": ["winter"],
                             "always": ["insulated"], "features": ["detachable hood", "water-repellent"]},
    },
    "dress": {
        "Wrap": {"materials": ["viscose crepe", "jersey"], "features": ["tie waist", "midi length", "lined"]},
        "Shirt": {"materials": ["100% cotton poplin", "linen blend"], "features": ["pockets", "tie waist", "button front"]},
        "Slip": {"materials": ["satin", "recycled satin"], "occasions": ["party", "formal"], "features": ["adjustable straps", "midi length"]},
        "Sweater": {"materials": ["merino wool knit", "cotton-cashmere knit"], "seasons": ["fall", "winter"],
                    "occasions": ["casual", "office"], "features": ["ribbed knit", "midi length"]},
        "Midi": {"materials": ["viscose crepe", "linen blend"], "features": ["midi length", "pockets", "lined"]},
        "Sheath": {"materials": ["stretch crepe"], "occasions": ["office", "formal"], "seasons": ["all-season"],
                   "colors": ["black", "navy", "red", "ivory", "emerald"], "features": ["lined", "back zip"]},
        "Maxi": {"materials": ["linen blend", "viscose crepe"], "seasons": ["summer", "spring"],
                 "occasions": ["vacation", "casual", "party"], "features": ["adjustable straps", "pockets", "tie waist"]},
    },
    "sweater": {
        "Merino": {"materials": ["100% merino wool"]},
        "Cardigan": {"features": ["button front", "ribbed cuffs", "layering"]},
        "Cable-Knit": {"materials": ["lambswool", "100% cotton", "recycled wool blend"], "features": ["chunky knit", "ribbed cuffs"]},
    },
    "t-shirt": {
        "Long-Sleeve": {"seasons": ["fall", "all-season"]},
    },
    "chinos": {
        "Pleated": {"features": ["stretch", "wrinkle-resistant", "tapered leg"]},
    },
    "accessories": {
        "Leather Belt": {"materials": ["genuine leather", "full-grain leather"], "colors": ["black", "brown", "cognac"],
                         "seasons": ["all-season"], "occasions": ["formal", "casual", "office"], "features": ["gift idea", "adjustable"]},
        "Wool Scarf": {"materials": ["lambswool", "wool-cashmere blend"], "seasons": ["winter", "fall"],
                       "colors": ["camel", "grey", "navy", "burgundy", "red plaid"], "features": ["gift idea", "soft touch"]},
        "Knit Beanie": {"materials": ["wool blend", "recycled polyester knit"], "seasons": ["winter"],
                        "features": ["gift idea", "soft touch", "ribbed knit"]},
        "Leather Gloves": {"materials": ["lambskin leather with cashmere lining"], "seasons": ["winter"],
                           "colors": ["black", "brown", "camel"], "features": ["gift idea", "touchscreen fingertips"]},
        "Crew Socks 3-Pack": {"materials": ["cotton blend"], "seasons": ["all-season"], "occasions": ["casual"],
                              "colors": ["black", "navy", "grey", "white"], "features": ["cushioned sole", "reinforced heel"]},
        "Baseball Cap": {"materials": ["cotton twill"], "seasons": ["summer", "all-season"], "occasions": ["casual", "outdoor"],
                         "colors": ["navy", "black", "khaki", "white"], "features": ["adjustable", "embroidered logo"]},
    },
}

# How a feature reads inside a sentence ("... with <phrase> and <phrase>").
FEATURE_PHRASES = {
    "stretch": "a comfortable stretch", "distressed": "lightly distressed details", "high-rise": "a high rise",
    "mid-rise": "a mid rise", "raw hem": "a raw hem", "5-pocket": "classic five-pocket styling",
    "button fly": "a button fly", "slim fit": "a slim fit", "regular fit": "a regular fit",
    "relaxed fit": "a relaxed fit", "long sleeve": "long sleeves", "short sleeve": "short sleeves",
    "insulated": "warm insulation", "waterproof": "a fully waterproof build", "lightweight": "a lightweight feel",
    "packable": "a packable design", "wide width available": "wide widths on request",
    "shearling lined": "a cozy shearling lining", "layering": "an easy layering weight",
    "pre-shrunk": "pre-shrunk fabric", "tagless": "a tagless neckline", "soft-washed": "a soft-washed finish",
    "gift idea": "gift-ready packaging", "soft touch": "a soft hand", "adjustable": "an adjustable fit",
    "midi length": "a midi length", "lined": "a full lining", "pockets": "hidden pockets",
    "water-resistant": "a water-resistant finish", "water-repellent": "a water-repellent finish",
    "windproof": "a windproof shell", "wrinkle-resistant": "wrinkle-resistant fabric",
    "slip-resistant": "a slip-resistant outsole", "double-breasted": "a double-breasted front",
    "fully lined": "a full lining", "belted": "a matching belt", "chunky knit": "a chunky knit",
    "lightweight knit": "a lightweight knit", "ribbed knit": "a ribbed knit", "adjustable straps": "adjustable straps",
    "tapered leg": "a tapered leg", "flat front": "a flat front", "embroidered logo": "an embroidered logo",
    "touchscreen fingertips": "touchscreen-friendly fingertips",
}


# Pairs of features one product never has together.
CONFLICTING_FEATURES = [
    ("chunky knit", "lightweight knit"), ("slim fit", "relaxed fit"), ("slim fit", "regular fit"),
    ("regular fit", "relaxed fit"), ("long sleeve", "short sleeve"), ("high-rise", "mid-rise"),
    ("waterproof", "water-resistant"), ("button-down collar", "spread collar"), ("insulated", "lightweight"),
]


def feature_phrase(feature: str) -> str:
    """`feature` as a noun phrase that reads well after "with"."""
    if feature in FEATURE_PHRASES:
        return FEATURE_PHRASES[feature]
    if feature.endswith("s"):
        return feature
    return f"{a_or_an(feature)} {feature}"


MODEL_NAMES = [
    "Harbor", "Aspen", "Cedar", "Marlow", "Hudson", "Bowery", "Laurel", "Ridge", "Sable", "Alder",
    "Brooklyn", "Calder", "Delta", "Everett", "Fulton", "Grove", "Hollis", "Juniper", "Kingsley",
    "Larkin", "Monroe", "Nolan", "Orchard", "Presley", "Quincy", "Rowan", "Sterling", "Thornton",
    "Union", "Vail", "Weston", "York", "Beacon", "Camden", "Dover", "Sutton", "Mercer", "Lennox",
]

# --------------------------------------------------------------------------------------
# description templates
# --------------------------------------------------------------------------------------

OPENERS = [
    "The {model} brings {voice} to {a_item} you will reach for again and again.",
    "Made from {material}, {this_item} {is_are} cut in a {fit_word} fit that {occasion_phrase}.",
    "A {season_word} essential: {name_short} in {color_list}.",
    "{brand}'s take on {a_item}, with {voice} and a {fit_word} fit.",
    "Meet the {model} {style}: {material}, finished with {feature_a} and {feature_b}.",
    "Our customers' go-to {item} from {brand}, {color_note}.",
    "Built for {occasion} wear, {this_item} {pair_verb} {material} with {feature_a}.",
    "{Item_plain} in {material}, finished with {feature_a}{and_feature_b}.",
]

OCCASION_PHRASES = {
    "casual": "works for everyday errands and easy weekends",
    "weekend": "is made for slow weekends",
    "smart casual": "goes from the office to dinner",
    "business casual": "fits right in at the office",
    "formal": "looks sharp at weddings and formal dinners",
    "office": "keeps you polished through the workday",
    "outdoor": "handles trails, parks and city walks",
    "commute": "keeps you comfortable on the daily commute",
    "workwear": "stands up to long shifts on your feet",
    "lounge": "is made for lounging at home",
    "party": "is ready for parties and nights out",
    "vacation": "packs easily for vacations",
}

MIDDLES = {
    "jeans": [
        "The {rise} sits comfortably at the waist and the leg {leg_word}.",
        "Stretch recovery keeps the shape all day, so they won't bag out at the knees.",
        "Finished with classic five-pocket styling and a {detail} hem.",
        "A standard 32-inch inseam (30-inch on women's sizes) leaves room to cuff or hem.",
    ],
    "shirt": [
        "Cut with a {collar} and a curved hem that works tucked or untucked.",
        "Pre-washed for a soft hand and easy care straight out of the dryer.",
        "The fabric breathes well, so it stays comfortable through a long day at the office.",
        "Tonal buttons and a single chest pocket keep the look clean.",
    ],
    "jacket": [
        "Two zip hand pockets and an interior media pocket keep essentials secure.",
        "The shell sheds light rain and blocks the wind on cold commutes.",
        "Layer it over a tee in spring or a chunky knit once the temperature drops.",
        "Rib-knit cuffs and an adjustable hem seal out drafts.",
    ],
    "boots": [
        "A cushioned footbed and a grippy rubber outsole make them easy to wear all day.",
        "Expect a short break-in period of a week or two before the leather molds to your foot.",
        "The {sole} outsole handles wet pavement and gravel paths alike.",
        "Pull tabs and {fastening} make them quick to slip on and off.",
    ],
    "sweater": [
        "The knit is soft against the skin and warm without bulk.",
        "Ribbed cuffs and hem hold their shape wash after wash.",
        "Layer it over a collared shirt for the office or wear it solo on weekends.",
    ],
    "t-shirt": [
        "Pre-shrunk jersey keeps its fit after washing.",
        "A tagless neckline and soft-washed finish make it an everyday favorite.",
        "Easy to layer under a jacket or flannel shirt.",
    ],
    "coat": [
        "Fully lined with an inside pocket, it layers easily over a suit or a sweater.",
        "Warm enough for freezing winter mornings without feeling heavy.",
        "A storm flap and deep pockets keep the cold out.",
    ],
    "chinos": [
        "Cut with a touch of stretch for comfort at the desk and beyond.",
        "A flat front and clean pockets dress up or down with ease.",
        "They hold a crease and resist wrinkles on busy days.",
    ],
    "dress": [
        "The silhouette flatters without clinging and moves easily.",
        "Dress it up with heels or down with ankle boots and a denim jacket.",
        "Hidden side pockets add a practical touch.",
    ],
    "accessories": [
        "An easy finishing touch that also makes a great gift.",
        "Designed to pair with our outerwear and knitwear.",
        "Built to last season after season.",
    ],
}

CLOSERS = [
    "Care: {care}.",
    "Pair {it_them} with {pair_hint} for an easy outfit.",
    "True to size; see our size guide if you are between sizes.",
    "Care: {care}; fits true to size.",
    "",
    "",
]

CARE = {
    "jeans": "machine wash cold inside out, hang dry",
    "shirt": "machine wash cold, tumble dry low, warm iron",
    "jacket": "spot clean or follow the care label; professional clean recommended",
    "boots": "wipe clean and treat with a leather or suede protector",
    "sweater": "hand wash cold or dry clean, dry flat",
    "t-shirt": "machine wash cold, tumble dry low",
    "coat": "dry clean only",
    "chinos": "machine wash cold, tumble dry low",
    "dress": "hand wash cold or dry clean",
    "accessories": "spot clean",
}

PAIR_HINTS = {
    "jeans": "a crisp Oxford shirt and Chelsea boots",
    "shirt": "dark jeans or chinos",
    "jacket": "slim jeans and a crewneck sweater",
    "boots": "straight-leg jeans or a midi dress",
    "sweater": "chinos and leather boots",
    "t-shirt": "your favorite jeans and a denim jacket",
    "coat": "a merino sweater and ankle boots",
    "chinos": "a button-down shirt and chukka boots",
    "dress": "ankle boots and a leather jacket",
    "accessories": "a wool coat",
}

LAST_NAMES = [
    "Smith", "Johnson", "Garcia", "Nguyen", "Patel", "Kim", "Muller", "Rossi", "Dubois", "Silva",
    "Okafor", "Tanaka", "Cohen", "Novak", "Larsen", "Murphy", "Chen", "Haddad", "Kowalski", "Moreau",
    "Schmidt", "Lopez", "Walker", "Singh", "Fischer", "Bianchi", "Costa", "Reyes", "Olsen", "Wright",
    "Ahmed", "Sato", "Brennan", "Ivanova", "Petrov", "Martin", "Young", "Hughes", "Lindqvist", "Park",
]
FIRST_NAMES = [
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Mateo", "Sophia", "Lucas", "Mia", "Ethan", "Amara",
    "Kenji", "Chloe", "Diego", "Priya", "Jonas", "Lea", "Marco", "Camille", "Rafael", "Hannah",
    "Omar", "Grace", "Daniel", "Zoe", "Samuel", "Isla", "Leo", "Nora", "Aiden", "Yuki", "Elena",
    "Felix", "Maya", "Owen", "Sara", "Tomas", "Julia", "Ben", "Aisha",
]

# (city, country, language, postal code pattern) -- only places the shipping policy serves
# (knowledge/policies/shipping.md; notably not the United Kingdom).
LOCATIONS = [
    ("Portland", US, "en", "972##"), ("Seattle", US, "en", "981##"), ("Chicago", US, "en", "606##"),
    ("New York", US, "en", "100##"), ("Austin", US, "en", "787##"), ("Denver", US, "en", "802##"),
    ("Boston", US, "en", "021##"), ("Miami", US, "es", "331##"), ("Los Angeles", US, "es", "900##"),
    ("Atlanta", US, "en", "303##"), ("San Diego", US, "en", "921##"), ("Minneapolis", US, "en", "554##"),
    ("Toronto", "Canada", "en", "M5V #A#"), ("Montreal", "Canada", "fr", "H2X #B#"),
    ("Vancouver", "Canada", "en", "V6B #C#"), ("Dublin", "Ireland", "en", "D0# X#Y#"),
    ("Berlin", "Germany", "de", "10###"), ("Paris", "France", "fr", "750##"),
    ("Madrid", "Spain", "es", "280##"), ("Sydney", "Australia", "en", "20##"),
    ("Mexico City", "Mexico", "es", "06###"),
]

ORDER_STATUSES = ["placed", "processing", "shipped", "delivered", "cancelled", "returned"]
RETURN_REASONS = ["wrong size", "wrong color", "stain or defect", "changed my mind"]
PAYMENT_METHODS = ["credit card", "credit card", "debit card", "paypal", "paypal", "gift card"]


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def weighted_choice(rng: random.Random, weights: dict[str, float]) -> str:
    """One key of `weights`, chosen with probability proportional to its weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def a_or_an(word: str) -> str:
    """English indefinite article for `word`."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def fill_pattern(rng: random.Random, pattern: str) -> str:
    """Replace # by a digit and a few capital placeholders by letters."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randrange(10)))
        else:
            out.append(ch)
    return "".join(out)


# Numbers in ranges set aside for fiction where the country has one.
PHONE_PATTERNS = {
    US: "+1 (###) 555-01##",
    "Canada": "+1 (###) 555-01##",
    "Ireland": "+353 20 91# ####",
    "Germany": "+49 30 23125 ###",
    "France": "+33 1 99 00 ## ##",
    "Australia": "+61 2 5550 ####",
    "Spain": "+34 600 0## ###",
    "Mexico": "+52 55 5555 ####",
}


def fake_phone(rng: random.Random, country: str) -> str:
    """A phone number that looks real for `country` but is not anyone's."""
    return fill_pattern(rng, PHONE_PATTERNS[country]).replace("(0", "(2").replace("(1", "(3")


def money(x: float) -> float:
    """Round to cents."""
    return round(x + 1e-9, 2)


def sentence_case(text: str) -> str:
    """Capitalise the first character only."""
    return text[:1].upper() + text[1:] if text else text


def join_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --------------------------------------------------------------------------------------
# products
# --------------------------------------------------------------------------------------


def _sizes_for(rng: random.Random, category: str, gender: str, style: str) -> list[str]:
    """The size run a product of this category, gender and style is sold in."""
    if category in ("jeans", "chinos"):
        full = WOMEN_WAIST if gender == "women" else MEN_WAIST
        start = rng.randrange(0, 2)
        return full[start:]
    if category == "boots":
        return list(WOMEN_BOOTS if gender == "women" else MEN_BOOTS)
    if category == "accessories":
        if style in ("Leather Belt", "Leather Gloves"):
            return ["S", "M", "L", "XL"]
        return ["One Size"]
    if category == "dress":
        return ["XS", "S", "M", "L", "XL"]
    start = rng.choice([0, 1])
    end = rng.choice([5, 6])
    return TOP_SIZES[start:end]


def _gender_for(rng: random.Random, category: str, style: str) -> str:
    """Who the product is cut for: men, women or unisex."""
    if category == "dress" or style in ("Knee-High", "Mom", "Wrap", "Slip"):
        return "women"
    if category in ("accessories", "t-shirt") and rng.random() < 0.6:
        return "unisex"
    if style in ("Pleated",):
        return "women"
    return rng.choice(["men", "women"])


def make_product(rng: random.Random, index: int, brand: str, category: str, used_names: set[str]) -> dict[str, Any]:
    """One catalog entry."""
    cat = CATEGORIES[category]
    binfo = BRANDS[brand]
    for _ in range(50):
        style = rng.choice(cat["styles"])
        model = rng.choice(MODEL_NAMES)
        noun = rng.choice(cat["nouns"])
        gender = _gender_for(rng, category, style)
        g_prefix = {"men": "Men's ", "women": "Women's ", "unisex": ""}[gender]
        full_name = f"{brand} {g_prefix}{model} {style}{(' ' + noun) if noun else ''}"
        if full_name not in used_names:
            break
    else:
        # a large catalog (--products) runs out of combinations: a model number keeps names unique
        full_name = f"{full_name} {index + 1:05d}"
    used_names.add(full_name)
    name = full_name

    traits = {**cat, **STYLE_TRAITS.get(category, {}).get(style, {})}
    material = rng.choice(traits["materials"])
    n_colors = rng.choice([1, 2, 2, 3, 3, 4])
    colors = rng.sample(traits["colors"], k=min(n_colors, len(traits["colors"])))
    sizes = _sizes_for(rng, category, gender, style)
    if "Stretch" in name and "elastane" not in material:
        material = rng.choice([m for m in traits["materials"] if "elastane" in m] or [material])
    always = list(traits.get("always", []))
    optional = [f for f in traits["features"] if f not in always]
    if category in ("jeans", "chinos") and "elastane" not in material:
        optional = [f for f in optional if f != "stretch"]
    for _ in range(20):
        features = always + rng.sample(optional, k=min(max(0, 2 - len(always)), len(optional)))
        if not any(a in features and b in features for a, b in CONFLICTING_FEATURES):
            break
    season = rng.choice(traits["seasons"])
    occasion = rng.choice(traits["occasions"])

    # Stock: most products well stocked, some with gaps, some sold out entirely.
    roll = rng.random()
    stock: dict[str, int] = {}
    for size in sizes:
        if roll < 0.07:
            qty = 0
        elif roll < 0.35:
            qty = rng.choice([0, 0, 1, 2, 3, 5, 8])
        else:
            qty = rng.choice([0, 2, 4, 6, 8, 10, 12, 15, 20, 25])
        stock[size] = qty
    in_stock = any(q > 0 for q in stock.values())

    lo, hi = cat["base_price"]
    raw = rng.uniform(lo, hi) * binfo["tier"]
    price = float(int(raw)) + rng.choice([0.99, 0.99, 0.5, 0.0])
    if price < 9:
        price = 9.99
    rating = round(rng.triangular(3.1, 5.0, 4.4), 1)

    fit_word = rng.choice(["slim", "regular", "relaxed", "tailored", "classic", "modern"])
    if "slim fit" in features:
        fit_word = "slim"
    elif "relaxed fit" in features:
        fit_word = "relaxed"
    item = f"{style} {noun}".strip().lower() if noun else style.lower()
    plural = category in ("jeans", "boots", "chinos") or item.endswith(("socks 3-pack", "gloves"))
    if item.endswith("3-pack"):
        item = item.replace(" 3-pack", "")
    ctx = {
        "name": name,
        "name_short": f"the {brand} {model}",
        "brand": brand,
        "model": model,
        "style": f"{style} {noun}".strip(),
        "item": item,
        "Item_plain": sentence_case(item),
        "a_item": f"a pair of {item}" if plural else f"{a_or_an(item)} {item}",
        "this_item": f"these {item}" if plural else f"this {item}",
        "is_are": "are" if plural else "is",
        "pair_verb": "pair" if plural else "pairs",
        "occasion_phrase": OCCASION_PHRASES[occasion],
        "color_note": f"now in {len(colors)} colors" if len(colors) > 1 else f"in {colors[0]}",
        "and_feature_b": f" and {feature_phrase(features[1])}" if len(features) > 1 else "",
        "voice": binfo["voice"],
        "material": material,
        "fit_word": fit_word,
        "occasion": occasion,
        "season_word": {"all-season": "year-round", "winter": "cold-weather", "summer": "warm-weather",
                        "spring": "spring", "fall": "fall"}[season],
        "color_list": join_list(colors),
        "color_count": len(colors) if len(colors) > 1 else "a signature",
        "feature_a": feature_phrase(features[0]),
        "feature_b": feature_phrase(features[-1]) if len(features) > 1 else "clean finishing",
        "rise": "high rise" if "high-rise" in features else "mid rise",
        "leg_word": {"Slim": "narrows slightly below the knee", "Skinny": "hugs from hip to ankle",
                     "Straight": "falls straight from the hip", "Relaxed": "leaves plenty of room",
                     "Bootcut": "opens gently over boots", "Tapered": "tapers to a clean ankle",
                     "Wide-Leg": "flares wide from the hip", "Mom": "is relaxed with a cropped ankle",
                     "Athletic": "gives extra room in the seat and thigh"}.get(style, "falls straight"),
        "detail": "raw" if "raw hem" in features else "clean-finished",
        "collar": "button-down collar" if "button-down collar" in features else "spread collar",
        "sole": "lug" if "lug sole" in features else "rubber",
        "fastening": "a side zip" if "side zip" in features else "elastic gores" if style == "Chelsea" else "sturdy laces",
        "it_them": "them" if plural else "it",
        "care": CARE[category],
        "pair_hint": PAIR_HINTS[category],
    }
    openers = OPENERS if category not in ("boots", "accessories") else [o for o in OPENERS if "{fit_word}" not in o]
    parts = [rng.choice(openers).format(**ctx)]
    if rng.random() < 0.8:
        weatherproof = any(f.startswith(("water", "windproof")) for f in features)
        middles = [m for m in MIDDLES[category]
                   if not ("five-pocket" in m and "5-pocket" in features)
                   and not ("rain" in m and not weatherproof)
                   and not ("leather" in m and "leather" not in material)
                   and not ("flat front" in m and style == "Pleated")
                   and not ("stretch" in m.lower() and "elastane" not in material)]
        parts.append(rng.choice(middles).format(**ctx))
    closer = rng.choice(CLOSERS).format(**ctx)
    if closer and len(parts) < 3:
        parts.append(closer)
    description = " ".join(sentence_case(p) for p in parts)

    tags = [cat["group"], occasion, season]
    if season == "winter" or "insulated" in features or "shearling lined" in features:
        tags.append("winter")
    tags.extend(features)
    if occasion in ("formal", "office", "business casual"):
        tags.append("workwear")
    if category in ("jeans", "jacket") and style == "Denim" or category == "jeans":
        tags.append("denim")
    if "waterproof" in features or "water-resistant" in features or "water-repellent" in features:
        tags.append("rainy-weather")
    if category == "accessories" or "gift idea" in features or "cashmere" in material:
        tags.append("gift")
    tags.append(gender)
    tags = sorted(set(t for t in tags if t))

    sku = f"{binfo['code']}-{cat['code']}-{1000 + index:04d}"
    return {
        "sku": sku,
        "name": name,
        "brand": brand,
        "category": category,
        "gender": gender,
        "description": description,
        "sizes": sizes,
        "colors": colors,
        "material": material,
        "price": money(price),
        "currency": STORE_FACTS["currency"],
        "stock": stock,
        "in_stock": in_stock,
        "rating": rating,
        "tags": tags,
        "pairs_with": list(cat["pairs_with"]),
    }


def make_products(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """The catalog: every (ontology brand, core category) pair appears at least twice."""
    plan: list[tuple[str, str]] = []
    for brand in ("Calvin Klein", "Guess", "Michael Kors", "Tommy Hilfiger"):
        for category in ("jeans", "shirt", "jacket", "boots"):
            plan.extend([(brand, category)] * 2)
    brand_w = {b: float(v["weight"]) for b, v in BRANDS.items()}
    cat_w = {c: float(v["weight"]) for c, v in CATEGORIES.items()}
    while len(plan) < n:
        plan.append((weighted_choice(rng, brand_w), weighted_choice(rng, cat_w)))
    rng.shuffle(plan)
    used: set[str] = set()
    return [make_product(rng, i, b, c, used) for i, (b, c) in enumerate(plan)]


# --------------------------------------------------------------------------------------
# customers, orders, interactions
# --------------------------------------------------------------------------------------


def make_customers(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Customers plus their (hidden) tastes: 1-3 favorite categories and 1-2 favorite brands."""
    customers = []
    tastes: dict[str, dict[str, Any]] = {}
    used_names: set[tuple[str, str]] = set()
    categories = list(CATEGORIES)
    brands = list(BRANDS)
    levels = {"guest": 18, "bronze": 22, "silver": 12, "gold": 8}
    for i in range(1, n + 1):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if (first, last) not in used_names:
                used_names.add((first, last))
                break
        cid = f"c{i:03d}"
        home = [loc for loc in LOCATIONS if loc[1] == US]
        abroad = [loc for loc in LOCATIONS if loc[1] != US]
        city, country, lang, pc = rng.choice(home if rng.random() < 0.7 else abroad)
        level = weighted_choice(rng, levels)
        first_seen = FIRST_DAY - timedelta(days=rng.randrange(0, 2)) + timedelta(days=rng.randrange(0, 200))
        username = f"{first[0].lower()}{last.lower()}{rng.randrange(1, 10)}"
        domain = rng.choice(["example.com", "example.org", "example.net"])
        gender = rng.choice(["men", "women"])
        customers.append({
            "id": cid,
            "name": f"{first} {last}",
            "username": username,
            "email": f"{first.lower()}.{last.lower()}{i}@{domain}",
            "phone": fake_phone(rng, country),
            "membership": level,
            "city": city,
            "country": country,
            "postal_code": fill_pattern(rng, pc),
            "language": lang,
            "first_seen": first_seen.isoformat(),
            "personalization": rng.random() < 0.8,
            "telegram_id": None,
        })
        n_cat = rng.choice([1, 2, 2, 3])
        fav_cats = rng.sample(categories, k=n_cat)
        fav_brands = rng.sample(brands, k=rng.choice([1, 2]))
        tastes[cid] = {"categories": fav_cats, "brands": fav_brands, "gender": gender}
    return customers, tastes


def pick_product(rng: random.Random, products: list[dict[str, Any]], taste: dict[str, Any],
                 by_cat: dict[str, list[dict[str, Any]]], strength: float = 0.8) -> dict[str, Any]:
    """A product that usually matches the customer's taste."""
    if rng.random() < strength:
        cat = rng.choice(taste["categories"])
        pool = by_cat[cat]
        fav = [p for p in pool if p["brand"] in taste["brands"]]
        fitting = [p for p in (fav or pool) if p["gender"] in (taste["gender"], "unisex")]
        candidates = fitting or fav or pool
        if rng.random() < 0.75 and candidates:
            return rng.choice(candidates)
        return rng.choice(pool)
    return rng.choice(products)


def add_business_days(day: date, n: int) -> date:
    """`day` plus n Monday-to-Friday days."""
    current = day
    added = 0
    while added < n:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def tracking_for(rng: random.Random, carrier: str) -> str:
    """A tracking number in the carrier's usual shape."""
    if carrier == "UPS":
        chars = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
        return "1Z" + "".join(rng.choice(chars) for _ in range(6)) + "".join(str(rng.randrange(10)) for _ in range(10))
    if carrier == "USPS":
        return "9400" + "".join(str(rng.randrange(10)) for _ in range(18))
    return "".join(str(rng.randrange(10)) for _ in range(10))  # DHL Express


def make_orders(rng: random.Random, n: int, customers: list[dict[str, Any]], tastes: dict[str, dict[str, Any]],
                products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Orders spread over 2026; status follows from the order date."""
    by_cat: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for p in products:
        by_cat[p["category"]].append(p)
    # Buyers: weight some customers as frequent shoppers.
    activity = {c["id"]: rng.choice([1, 1, 2, 3, 4, 6]) for c in customers}
    cust_by_id = {c["id"]: c for c in customers}
    raw = []
    span = (DEMO_TODAY - timedelta(days=1) - FIRST_DAY).days
    for _ in range(n):
        cid = weighted_choice(rng, {k: float(v) for k, v in activity.items()})
        customer = cust_by_id[cid]
        earliest = max(FIRST_DAY, date.fromisoformat(customer["first_seen"]))
        # Skew towards recent weeks so there are open orders (placed, processing, shipped) to ask about.
        roll = rng.random()
        if roll < 0.08:
            day = DEMO_TODAY - timedelta(days=rng.randint(1, 3))
        elif roll < 0.2:
            day = DEMO_TODAY - timedelta(days=rng.randint(4, 12))
        else:
            day = FIRST_DAY + timedelta(days=int(span * (rng.random() ** 0.7)))
        if day < earliest:
            day = earliest + timedelta(days=rng.randrange(0, max(1, (DEMO_TODAY - earliest).days - 1)))
        if day >= DEMO_TODAY:
            day = DEMO_TODAY - timedelta(days=1)
        raw.append((day, rng.randrange(8, 22), rng.randrange(60), cid))
    raw.sort()

    orders = []
    number = 10001
    for day, hour, minute, cid in raw:
        number += rng.randrange(3, 40)
        customer = cust_by_id[cid]
        taste = tastes[cid]
        items = []
        seen_skus: set[str] = set()
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            for _attempt in range(20):
                product = pick_product(rng, products, taste, by_cat, strength=0.85)
                if product["sku"] not in seen_skus:
                    break
            seen_skus.add(product["sku"])
            sizes = product["sizes"]
            size = sizes[len(sizes) // 2] if rng.random() < 0.4 else rng.choice(sizes)
            items.append({
                "sku": product["sku"],
                "name": product["name"],
                "qty": rng.choice([1, 1, 1, 1, 2]),
                "price": product["price"],
                "size": size,
                "color": rng.choice(product["colors"]),
            })
        total = money(sum(it["qty"] * it["price"] for it in items))

        international = customer["country"] != US
        if international:
            method = "international"
        else:
            method = weighted_choice(rng, {"standard": 70, "economy": 18, "overnight": 12})
        fee, dmin, dmax, carrier = STORE_FACTS["shipping"][method]
        if method == "standard" and total >= STORE_FACTS["free_standard_shipping_threshold"]:
            fee = 0.0
        if method == "overnight" and customer["membership"] == "gold":
            fee = 0.0
        if method == "international" and (total >= STORE_FACTS["free_international_threshold"]
                                          or customer["membership"] == "gold"):
            fee = 0.0

        # A same-day cutoff of 2 p.m.: later orders ship the next business day.
        ship_day = day if (hour < 14 and day.weekday() < 5) else add_business_days(day, 1)
        eta = add_business_days(ship_day, rng.randint(dmin, dmax))
        age = (DEMO_TODAY - day).days

        if age <= 1:
            status = rng.choice(["placed", "placed", "processing"])
        elif ship_day >= DEMO_TODAY:
            status = "processing"
        elif eta >= DEMO_TODAY:
            status = "shipped" if rng.random() < 0.9 else "cancelled"
        else:
            status = weighted_choice(rng, {"delivered": 80, "returned": 10, "cancelled": 5, "shipped": 5})
            if status == "shipped" and age > 20:
                status = "delivered"

        order: dict[str, Any] = {
            "order_id": f"ORD-{number}",
            "customer_id": cid,
            "date": datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="seconds") + "Z",
            "status": status,
            "items": items,
            "total": total,
            "currency": STORE_FACTS["currency"],
            "shipping_method": method,
            "shipping_cost": money(fee),
            "payment_method": rng.choice(PAYMENT_METHODS),
            "ship_to": {"city": customer["city"], "country": customer["country"],
                        "postal_code": customer["postal_code"]},
            "carrier": None,
            "tracking_number": None,
            "estimated_delivery": None,
            "delivered_date": None,
        }
        if status in ("shipped", "delivered", "returned"):
            order["carrier"] = carrier
            order["tracking_number"] = tracking_for(rng, carrier)
            order["estimated_delivery"] = eta.isoformat()
        if status in ("placed", "processing"):
            order["carrier"] = carrier
            order["estimated_delivery"] = eta.isoformat()
        if status in ("delivered", "returned"):
            delivered = eta - timedelta(days=rng.choice([0, 0, 0, 1])) if rng.random() < 0.9 else eta + timedelta(days=rng.randint(1, 3))
            order["delivered_date"] = min(delivered, DEMO_TODAY - timedelta(days=1)).isoformat()
        if status == "returned":
            order["return_reason"] = rng.choice(RETURN_REASONS)
        if status == "cancelled":
            order["shipping_cost"] = 0.0
        orders.append(order)
    return orders


def make_interactions(rng: random.Random, n: int, customers: list[dict[str, Any]],
                      tastes: dict[str, dict[str, Any]], products: list[dict[str, Any]],
                      orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Browsing events driven by taste, plus one purchase event for each ordered item."""
    by_cat: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for p in products:
        by_cat[p["category"]].append(p)

    events: list[dict[str, Any]] = []
    for order in orders:
        if order["status"] == "cancelled":
            continue
        for item in order["items"]:
            event: dict[str, Any] = {"customer_id": order["customer_id"], "sku": item["sku"], "type": "purchase",
                                     "timestamp": order["date"]}
            if order["status"] in ("delivered", "returned") and rng.random() < 0.55:
                base = 2 if order["status"] == "returned" else 4
                event["rating"] = max(1, min(5, base + rng.choice([-1, 0, 0, 1])))
            events.append(event)

    activity = {c["id"]: rng.choice([1, 2, 2, 3, 4, 5]) for c in customers}
    remaining = max(0, n - len(events))
    for _ in range(remaining):
        cid = weighted_choice(rng, {k: float(v) for k, v in activity.items()})
        customer = next(c for c in customers if c["id"] == cid)
        product = pick_product(rng, products, tastes[cid], by_cat, strength=0.8)
        kind = weighted_choice(rng, {"view": 62, "click": 24, "cart": 14})
        start = max(FIRST_DAY, date.fromisoformat(customer["first_seen"]))
        days = max(1, (DEMO_TODAY - start).days)
        day = start + timedelta(days=rng.randrange(days))
        ts = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), rng.randrange(60))
        events.append({"customer_id": cid, "sku": product["sku"], "type": kind,
                       "timestamp": ts.isoformat(timespec="seconds") + "Z"})
    events.sort(key=lambda e: (e["timestamp"], e["customer_id"], e["sku"], e["type"]))
    return events


# --------------------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------------------


def dump_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write rows as UTF-8 JSON lines with "\n" endings, whatever the platform."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def generate(seed: int = SEED, n_products: int = N_PRODUCTS) -> dict[str, list[dict[str, Any]]]:
    """Everything the demo store holds, as rows per output file (relative path -> rows)."""
    rng = random.Random(seed)
    products = make_products(random.Random(rng.randrange(2**32)), n_products)
    customers, tastes = make_customers(random.Random(rng.randrange(2**32)), N_CUSTOMERS)
    orders = make_orders(random.Random(rng.randrange(2**32)), N_ORDERS, customers, tastes, products)
    interactions = make_interactions(random.Random(rng.randrange(2**32)), N_INTERACTIONS, customers, tastes,
                                     products, orders)
    return {
        "catalog/products.jsonl": products,
        "_seed/customers.jsonl": customers,
        "_seed/orders.jsonl": orders,
        "_seed/interactions.jsonl": interactions,
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Generate the Northwind Threads demo catalog and seed data (deterministic).",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="knowledge folder to write into (default: the repository's knowledge/)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    parser.add_argument("--products", type=int, default=N_PRODUCTS,
                        help=f"catalog size (default: {N_PRODUCTS}, the demo store); e.g. 50000 for the scale "
                             "benchmark, written with --out to a folder outside the repository")
    args = parser.parse_args(argv)
    if not 300 <= args.products <= 1_000_000:  # fewer leaves some categories empty for the orders
        parser.error("--products must be between 300 and 1000000")
    if args.products != N_PRODUCTS and args.out.resolve() == DEFAULT_OUT.resolve():
        parser.error("a catalog of another size would replace the demo store's: give --out DIR")

    files = generate(args.seed, args.products)
    for rel, rows in files.items():
        dump_jsonl(args.out / rel, rows)
        print(f"wrote {len(rows):5d} rows to {args.out / rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
