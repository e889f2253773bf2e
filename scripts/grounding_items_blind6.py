"""shop_blind6: a sixth set of shop answers about a customer's OWN orders, written (round 7, verifier) BEFORE any
round-7 change to the checker and committed before the checker first ran on it; the unseen set to quote.

Every grounding holds one or two of a customer's order fact lines (bot.core.lookups.describe_order, as the order
tool gives them; two lines are what "my order" without a number gets), sometimes with the policy section that
answers the question about that order. The wrong twins bind one order's status, date, carrier, shipping method or
price to the other order or to another attribute, negate the status, or invent a promise.

Caveat: written by the round-7 verifier engineer himself (no second writer); blind to the code, not to the author.
Same item format as grounding_items.py. Kinds: binding, condition, negation, entity, invented, word.
"""

ORD = "policies/orders.md"
REF = "policies/refunds.md"

BLIND6 = [
    (
        [("order", "ORD-13926"), ("order", "ORD-14021")],
        "where are my jeans?",
        [
            "Your Calvin Klein Men's Union Wide-Leg Jeans (ORD-13926) have shipped with UPS, tracking number "
            "1Z6EW3DB1509959032, and should arrive by December 4.",
            "They're on the way! ORD-13926 shipped via UPS and the estimated delivery is 2026-12-04.",
        ],
        [
            ("binding", "Your jeans (ORD-13926) are still processing and should arrive on 2026-12-07."),
            ("entity", "Your jeans are in ORD-14021, which has shipped with UPS."),
            ("invented", "Your jeans shipped with UPS and are guaranteed to arrive by 2026-12-04, or we'll refund the shipping."),
        ],
    ),
    (
        [("order", "ORD-13573")],
        "how much did shipping cost on my t-shirt order and when's it coming?",
        [
            "You paid $8.00 for standard shipping on ORD-13573, and it's expected on November 30, 2026.",
            "Standard shipping was $8.00; the estimated delivery date is 2026-11-30.",
        ],
        [
            ("binding", "You paid $45.00 for standard shipping, and it's expected on 2026-11-30."),
            ("word", "You paid $8.00 for economy shipping, and it's expected on 2026-11-30."),
            ("negation", "Shipping was free on this order, and it's expected on 2026-11-30."),
        ],
    ),
    (
        [("order", "ORD-13012"), (ORD, "Order status"), (REF, "Are shipping fees refunded?")],
        "did i get my refund for ORD-13012 and is the $25 shipping refunded too?",
        [
            "ORD-13012 shows as returned, which means the items came back and your refund was issued. The $25.00 "
            "shipping fee is only refunded if an item arrived damaged, defective or wasn't what you ordered.",
            "Yes, the refund for ORD-13012 was issued. The original $25.00 shipping is refunded only when an item "
            "arrived damaged, defective or wrong; for other returns it isn't.",
        ],
        [
            ("condition", "Yes, the refund was issued, and the $25.00 shipping is always refunded with a return."),
            ("negation", "The refund for ORD-13012 hasn't been issued yet; it's still being processed."),
            ("binding", "Yes, a refund of $25.00 for ORD-13012 was issued."),
        ],
    ),
    (
        [("order", "ORD-13505"), ("order", "ORD-13926")],
        "what happened to my chinos order?",
        [
            "Your order ORD-13505 for the Banana Republic Men's Nolan Slim Chino Pants was cancelled.",
            "ORD-13505 (Nolan Slim Chino Pants) shows as cancelled.",
        ],
        [
            ("binding", "Your chinos order ORD-13505 has shipped with UPS and should arrive by 2026-12-04."),
            ("entity", "Your chinos are in ORD-13926, which was cancelled."),
            ("word", "Your order ORD-13505 for the Nolan Slim Chino Pants was delivered."),
        ],
    ),
    (
        [("order", "ORD-12714")],
        "which carrier did my shirt go with, and when did it arrive?",
        [
            "Your Tommy Hilfiger Women's Union Dress Button-Down Shirt went with DHL Express (tracking 7421824141) "
            "and was delivered on October 30, 2026.",
            "It shipped via DHL Express and arrived on 2026-10-30.",
        ],
        [
            ("binding", "It shipped via DHL Express and was delivered on 2026-10-19."),
            ("entity", "It shipped via UPS and was delivered on 2026-10-30."),
            ("negation", "It shipped via DHL Express but hasn't been delivered yet."),
        ],
    ),
    (
        [("order", "ORD-14055"), (ORD, "Cancelling an order")],
        "can i still cancel the sweater i ordered?",
        [
            "Yes – ORD-14055 is still processing and hasn't shipped, so we can cancel it and refund you right away.",
            "Since your Kingsley Merino Sweater order hasn't shipped yet, it can be cancelled with an immediate refund.",
        ],
        [
            ("negation", "No, ORD-14055 can't be cancelled because it's already processing."),
            ("binding", "ORD-14055 has already shipped, so please wait for it to arrive and return it."),
            ("invented", "Yes, and we'll also refund the $8.00 shipping plus a $10 credit for the trouble."),
        ],
    ),
    (
        [("order", "ORD-13914"), ("order", "ORD-13573")],
        "when does the quarter zip arrive",
        [
            "Your Tommy Hilfiger Women's Everett Quarter-Zip Sweater (ORD-13914) is on its way with UPS and is "
            "estimated to arrive on December 2, 2026.",
            "ORD-13914 has shipped; estimated delivery is 2026-12-02.",
        ],
        [
            ("binding", "Your quarter-zip (ORD-13914) is estimated to arrive on 2026-11-30."),
            ("entity", "Your quarter-zip is in ORD-13573 and is estimated to arrive on 2026-12-02."),
            ("binding", "The quarter-zip has shipped; you paid $8.00 for shipping and it arrives 2026-12-02."),
        ],
    ),
    (
        [("order", "ORD-10407")],
        "how many rain jackets were in my order and what did it total?",
        [
            "ORD-10407 had two rain jackets – the Michael Kors Women's Sterling Rain Jacket and the Express Men's "
            "Presley Rain Jacket – for an items total of $345.99.",
            "Two: the Sterling Rain Jacket and the Presley Rain Jacket. The items came to $345.99, plus $5.00 "
            "economy shipping.",
        ],
        [
            ("word", "ORD-10407 had three rain jackets, for a total of $345.99."),
            ("binding", "Two rain jackets, with an items total of $5.00."),
            ("entity", "ORD-10407 had the Michael Kors Women's Harbor Rain Jacket and the Express Men's Presley Rain Jacket."),
        ],
    ),
    (
        [("order", "ORD-12035"), (ORD, "Order status")],
        "have you received my returned hiking boots back?",
        [
            "Yes – ORD-12035 shows as returned, which means the boots came back to us and your refund was issued.",
            "They did arrive: your order status is Returned, so the items are back with us and the refund has gone out.",
        ],
        [
            ("negation", "Not yet – ORD-12035 still shows as delivered, so we haven't received the boots."),
            ("condition", "Yes, ORD-12035 is returned; the refund will be issued once the boots pass inspection."),
            ("word", "Yes, ORD-12035 is cancelled, which means the order was refunded."),
        ],
    ),
    (
        [("order", "ORD-14021")],
        "is my chino order shipped yet? what shipping did i pick",
        [
            "Not yet – ORD-14021 is still processing. You chose standard shipping, which was free, and it's "
            "estimated to arrive on December 7, 2026.",
            "ORD-14021 hasn't shipped yet (it's processing); you picked standard shipping at no cost.",
        ],
        [
            ("negation", "Yes, ORD-14021 has shipped with standard shipping."),
            ("word", "Not yet – it's processing. You picked express shipping, estimated for 2026-12-07."),
            ("binding", "Not yet – it's processing; standard shipping cost $107.49."),
        ],
    ),
    (
        [("order", "ORD-11850"), ("order", "ORD-13012")],
        "when did my calder chinos get delivered?",
        [
            "You have two orders with the Michael Kors Men's Calder Tapered Chinos: ORD-11850 was delivered on "
            "2026-09-24, and ORD-13012 was delivered on 2026-11-17 and has since been returned.",
            "ORD-11850's chinos arrived on September 24, 2026; the ones in ORD-13012 arrived on November 17, 2026 "
            "and were returned.",
        ],
        [
            ("binding", "ORD-11850 was delivered on 2026-11-17, and ORD-13012 on 2026-09-24."),
            ("binding", "ORD-11850 was delivered on 2026-09-24 and has since been returned."),
            ("binding", "Your Calder chinos in ORD-11850 arrived on 2026-09-24 via DHL Express."),
        ],
    ),
    (
        [("order", "ORD-13168"), (ORD, "Order status")],
        "did i get refunded for the slip dress i cancelled",
        [
            "Yes – ORD-13168 (Guess Women's Camden Slip Dress) is cancelled, and a cancelled order is refunded.",
            "Your Camden Slip Dress order shows as cancelled, which means it was cancelled and refunded.",
        ],
        [
            ("negation", "ORD-13168 is cancelled, but cancelled orders aren't refunded."),
            ("invented", "Yes, it was refunded, plus a $15 store credit for the inconvenience."),
            ("word", "ORD-13168 is returned, so the items came back and the refund was issued."),
        ],
    ),
    (
        [("order", "ORD-12151")],
        "what was the tracking number for my sweater",
        [
            "Your Michael Kors Men's Dover Merino Sweater (ORD-12151) went with UPS, tracking number 1ZEY10K67154424271.",
            "UPS tracking 1ZEY10K67154424271 – it was delivered on 2026-09-30.",
        ],
        [
            ("binding", "UPS tracking 1ZEY10K67154424271 – it's estimated to arrive on 2026-09-30."),
            ("entity", "It went with USPS, tracking number 1ZEY10K67154424271."),
            ("invented", "UPS tracking 1ZEY10K67154424217."),
        ],
    ),
    (
        [("order", "ORD-13719"), ("order", "ORD-14055")],
        "what's going on with my rain jacket order",
        [
            "Your order ORD-13719 with the Michael Kors Women's Harbor Rain Jacket was cancelled.",
            "ORD-13719 (Harbor Rain Jacket and Sable Crew Tee) shows as cancelled.",
        ],
        [
            ("binding", "Your rain jacket order ORD-13719 is still processing and should arrive on 2026-12-03."),
            ("entity", "Your rain jacket is in ORD-14055, which was cancelled."),
            ("negation", "ORD-13719 wasn't cancelled; it's on its way."),
        ],
    ),
]
