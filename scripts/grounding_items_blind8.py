"""shop_blind8: an eighth set of shop answers, written (round 9, verifier) from the data only (knowledge/ and the demo
store's catalog and orders), BEFORE any round-9 change to the checker; committed before the checker first ran on it.
The unseen set of round 9: run at the start and after each landing, only its aggregate figures looked at, its errors
never read while tuning.

It covers "claims the data does not make", with groundings no earlier set uses in the same combination:
- a product's fact line next to its catalog passage (description, material, rating), answered the way a capable
  model answers a product question; some descriptions do make a popularity claim ("Our customers' go-to ...",
  "an everyday favorite") and a right answer may repeat it; most do not;
- fees and prices with their qualifiers (a flat fee, per item, per pair, per order, per year; free over a threshold
  or for a level) from the shipping, pricing, returns and membership pages;
- one reply that says two things about the same subject (a level, a fee, a size's stock).
Wrong twins, by kind:
- evaluative: a popularity or evaluative claim the data does not make ("our bestseller", "customers love it",
  "most popular", "top-rated" for a 3.4, "perfect for hiking", "the warmest coat we sell");
- contradiction: the reply contradicts itself ("The level is Bronze. You're on Gold.", "$8.00 ... so $5.00");
- qualifier: a qualifier that changes a fee ("$8.00 per item" for a flat $8.00, "per order" for per item, a
  threshold or a level's exception dropped or added);
- binding, negation, condition, entity, invented, word as in the earlier sets.

Caveat: written by the round-9 verifier engineer himself (no second writer); blind to the round-9 code, not to the
author. Same item format as grounding_items.py; ("passage", SKU) is the product's catalog passage
(bot.kb.sources.product_text) as retrieval passes it.
"""

SHIP = "policies/shipping.md"
PRICE = "policies/pricing.md"
MEM = "policies/membership.md"
RET = "policies/returns.md"
EXCH = "policies/exchanges.md"
PROMO = "policies/promotions.md"
REF = "policies/refunds.md"

BLIND8 = [
    # --- products: evaluative and popularity claims -------------------------------------------------------------
    (
        [("product", "UQ-TS-1126"), ("passage", "UQ-TS-1126")],
        "tell me about the quincy long sleeve tee",
        [
            "The Uniqlo Quincy Long-Sleeve T-Shirt is $21.99, in navy or red, made from a cotton-modal blend with a "
            "tagless neckline. It's our customers' go-to long-sleeve tee and is rated 4.9 out of 5. All sizes, S to "
            "XL, are in stock.",
            "It's a cotton-modal long-sleeve tee from Uniqlo for $21.99 – soft-washed, tagless, and an everyday "
            "favorite with a 4.9/5 rating. Colours: navy and red; sizes S–XL, all in stock.",
        ],
        [
            ("word", "The Quincy is $21.99 in a 100% cotton jersey, navy or red, sizes S–XL all in stock."),
            (
                "contradiction",
                "The Quincy is $21.99 and in stock in every size. Size M is sold out at the moment, though.",
            ),
        ],
    ),
    (
        [("product", "MK-JK-1070"), ("passage", "MK-JK-1070")],
        "what about the sterling rain jacket",
        [
            "The Michael Kors Women's Sterling Rain Jacket is $257.99. It's nylon with a waterproof coating, fully "
            "waterproof, with a detachable hood, and comes in navy or olive. Sizes S to XL are all in stock.",
            "That one is $257.99 – a fully waterproof nylon shell with a detachable hood, in navy and olive, and "
            "every size from S to XL is available.",
        ],
        [
            (
                "evaluative",
                "The Sterling Rain Jacket is $257.99 in navy or olive, and it's the most popular style among our "
                "customers.",
            ),
            ("evaluative", "It's one of our top-rated jackets: $257.99, fully waterproof, with a detachable hood."),
            ("binding", "The Sterling Rain Jacket is $207.99, fully waterproof with a detachable hood."),
        ],
    ),
    (
        [("product", "MK-JK-1160"), ("passage", "MK-JK-1160")],
        "is the harbor rain jacket any good? do you have it in M",
        [
            "It's our customers' go-to rain jacket from Michael Kors, rated 4.5 out of 5. It sheds light rain and "
            "blocks the wind, for $207.99. Yes, M is in stock (so is XL).",
            "Customers rate it 4.5/5 and it's their go-to rain jacket from Michael Kors. Size M is available, as is "
            "XL; XS, S and L are sold out. It's $207.99 in black or navy.",
        ],
        [
            ("word", "It's rated 4.5 out of 5 and keeps you dry in heavy downpours. M is in stock at $207.99."),
            ("negation", "Customers rate it 4.5/5, but size M is sold out right now; only XL is left."),
            ("evaluative", "It's our bestselling jacket this season, rated 4.5/5, and yes, M is in stock at $207.99."),
        ],
    ),
    (
        [("product", "GS-BT-1107"), ("passage", "GS-BT-1107")],
        "are the everett chukkas comfortable? need a 10",
        [
            "They have a cushioned footbed and a grippy rubber outsole, so they're easy to wear all day. "
            "Unfortunately size 10 is sold out; 9 and 11 are in stock.",
            "Comfort-wise, the cushioned footbed makes them easy to wear all day, and customers rate them 4.4 out "
            "of 5. Size 10 isn't available right now, but 9 and 11 are.",
        ],
        [
            (
                "contradiction",
                "They're easy to wear all day, and size 10 is in stock. Sorry, 10 is sold out at the moment.",
            ),
            (
                "evaluative",
                "Customers love how comfortable they are – the comfiest boots we sell. Size 10 is sold out.",
            ),
            ("negation", "They have a cushioned footbed, and yes, size 10 is in stock."),
        ],
    ),
    (
        [("product", "MK-CT-1043"), ("passage", "MK-CT-1043")],
        "is the grove overcoat warm enough for chicago winters?",
        [
            "It's a wool-cashmere blend with a storm flap and deep pockets to keep the cold out – a "
            "cold-weather essential. It's $310.00 in camel, sizes XS–XL all in stock.",
            "The Grove Wool Overcoat is described as a cold-weather essential – wool-cashmere, with a storm flap and "
            "deep pockets that keep the cold out. It's $310.00, camel only.",
        ],
        [
            (
                "evaluative",
                "Yes – it's the warmest coat we sell, a wool-cashmere blend with a storm flap, $310.00 in camel.",
            ),
            ("entity", "It's a wool-cashmere blend with a storm flap, $310.00, in camel or charcoal."),
            ("invented", "Yes, it's wool-cashmere with a storm flap and rated for temperatures down to -20°F."),
        ],
    ),
    (
        [("product", "TH-CT-1235"), ("passage", "TH-CT-1235")],
        "would the sutton peacoat work for walking the dog on cold mornings?",
        [
            "Yes, it's made for trails, parks and city walks, and it's warm enough for freezing winter mornings "
            "without feeling heavy. It's $264.99 in charcoal, navy or black, sizes S–XXL.",
            "It should: the description says it handles parks and city walks and is warm enough for freezing "
            "winter mornings. 80% wool, 20% nylon, $264.99.",
        ],
        [
            ("evaluative", "Absolutely – dog walkers swear by it. It's $264.99, 80% wool and 20% nylon."),
            ("word", "Yes, it's 80% nylon, 20% wool, warm enough for freezing winter mornings, for $264.99."),
            ("evaluative", "It's warm enough for freezing mornings and perfect for skiing too, at $264.99."),
        ],
    ),
    (
        [("product", "GS-DR-1064"), ("passage", "GS-DR-1064")],
        "does the harbor maxi dress have pockets? and is S available",
        [
            "Yes – it has hidden pockets, plus adjustable straps. Size S is sold out at the moment; XS, M, L and XL "
            "are in stock.",
            "It does have hidden pockets. Unfortunately it's out of stock in S, but XS, M, L and XL are available, "
            "at $183.99.",
        ],
        [
            ("negation", "Yes, it has hidden pockets, and S is in stock along with XS, M, L and XL."),
            ("evaluative", "Yes, hidden pockets – it's a customer favourite for summer weddings. S is sold out."),
            ("contradiction", "Yes, it has pockets. S is sold out, so you can order the S today at $183.99."),
        ],
    ),
    (
        [("product", "BR-AC-1205"), ("passage", "BR-AC-1205")],
        "looking for a gift for my sister, is the mercer belt a good present?",
        [
            "It comes in gift-ready packaging, so it works well as a present. The Banana Republic Mercer Leather "
            "Belt is genuine leather with an adjustable fit, $33.99, in brown or cognac, sizes S–XL.",
            "It could be a nice gift: genuine leather, adjustable, and it arrives in gift-ready packaging. $33.99, "
            "brown or cognac.",
        ],
        [
            ("evaluative", "It's our most-gifted accessory and comes in gift-ready packaging, $33.99."),
            ("invented", "Yes, and it comes with free engraving and gift-ready packaging for $33.99."),
            ("binding", "It's genuine leather in gift-ready packaging, $43.99 in brown or cognac."),
        ],
    ),
    (
        [("product", "UQ-DR-1015"), ("passage", "UQ-DR-1015")],
        "can i wear the ridge sweater dress to the office? XL?",
        [
            "Yes, it's built for office wear – a cotton-cashmere ribbed knit you can dress up with heels. "
            "XL is out of stock, though; XS to L are available at $90.00.",
            "It's designed for the office, so that works. Sorry, XL is sold out; XS, S, M and L are in stock.",
        ],
        [
            ("negation", "Yes, it's built for office wear, and XL is in stock at $90.00."),
            (
                "evaluative",
                "It's built for office wear and it's the best-selling dress in our workwear range. XL is sold out.",
            ),
            ("word", "Yes, it's built for office wear in a cotton-cashmere cable knit. XL is sold out."),
        ],
    ),
    (
        [("product", "TH-SW-1189"), ("passage", "TH-SW-1189")],
        "whats the sutton cardigan made of",
        [
            "The Tommy Hilfiger Sutton Cardigan Sweater is 100% cashmere. It comes in heather grey for $61.99, "
            "sizes S–XL, all in stock.",
            "It's 100% cashmere – heather grey, $61.99, and every size from S to XL is available.",
        ],
        [
            ("word", "It's a cashmere-wool blend in heather grey, $61.99."),
            ("evaluative", "It's 100% cashmere and it's the softest sweater we carry. $61.99 in heather grey."),
            ("entity", "It's 100% cashmere, in heather grey or navy, for $61.99."),
        ],
    ),
    (
        [("product", "TH-BT-1249"), ("passage", "TH-BT-1249")],
        "are the everett snow boots waterproof and do you have 9.5",
        [
            "They're leather and rubber with a grippy rubber outsole, and customers rate them 4.7 out of 5. Size "
            "9.5 is sold out; 9 and 10 are in stock, at $183.99.",
            "They're our customers' go-to winter snow boots from Tommy Hilfiger (4.7/5). Unfortunately 9.5 is out "
            "of stock – 9 and 10 are available.",
        ],
        [
            ("negation", "They're rated 4.7/5, and 9.5 is in stock at $183.99."),
            ("binding", "They're rated 4.7 out of 5 and cost $138.99; 9.5 is sold out."),
        ],
    ),
    (
        [("product", "TH-SW-1209"), ("passage", "TH-SW-1209")],
        "is the brooklyn merino sweater popular?",
        [
            "Yes – it's our customers' go-to merino sweater from Tommy Hilfiger, rated 4.3 out of 5. It's 100% "
            "merino wool, $105.99, in forest green, heather grey or oatmeal.",
            "It is: the description calls it our customers' go-to merino sweater, and it has a 4.3/5 rating.",
        ],
        [
            ("binding", "Yes, it's our customers' go-to merino sweater, rated 4.7 out of 5."),
            ("evaluative", "Yes – it's the number-one sweater in the whole store, rated 4.3 out of 5."),
        ],
    ),
    (
        [("product", "GS-SH-1259"), ("passage", "GS-SH-1259")],
        "camden flannel shirt in L?",
        [
            "Sorry, the Guess Men's Camden Flannel Button-Up Shirt is currently out of stock in every size, "
            "including L. It's $81.99 in red plaid or navy.",
            "Unfortunately that shirt is sold out in all sizes right now, L included.",
        ],
        [
            ("evaluative", "Sorry, it's sold out in L – it's so popular that it keeps selling out."),
            ("negation", "Yes, the Camden Flannel Button-Up Shirt is in stock in L for $81.99."),
            ("invented", "It's sold out in L, but it's back in stock next week."),
        ],
    ),
    (
        [("product", "MK-SH-1303"), ("passage", "MK-SH-1303")],
        "is the juniper chambray shirt ok for long days at work",
        [
            "Yes – the fabric breathes well, so it stays comfortable through a long day at the office. It's 100% "
            "cotton chambray, $116.00, in light blue, grey or indigo.",
            "It should be: it's breathable cotton chambray that stays comfortable through a long office day, and "
            "it's our customers' go-to chambray shirt from Michael Kors.",
        ],
        [
            ("word", "Yes, the fabric is wrinkle-proof, so it stays sharp through a long day at the office. $116.00."),
            ("evaluative", "Yes, office workers rave about it – breathable cotton chambray for $116.00."),
            ("binding", "Yes, it's breathable 100% cotton chambray, rated 4.7 out of 5, $116.00."),
        ],
    ),
    (
        [("product", "TH-AC-1314"), ("passage", "TH-AC-1314")],
        "thornton leather gloves - whats the lining",
        [
            "They're lambskin leather with a cashmere lining. $85.99 in brown, camel or black, sizes S–XL.",
            "The lining is cashmere; the outside is lambskin leather.",
        ],
        [
            ("word", "They're lambskin leather with a fleece lining, $85.99."),
            ("evaluative", "They're lambskin with a cashmere lining – the warmest gloves on the market, $85.99."),
        ],
    ),
    (
        [("product", "UQ-JN-1068"), ("product", "GS-CH-1022")],
        "dover jeans or lennox chinos, which is cheaper",
        [
            "The Uniqlo Women's Dover Relaxed Denim Jeans are cheaper at $51.99; the Guess Women's Lennox Pleated "
            "Chino Pants are $58.99.",
            "The Dover jeans: $51.99, against $58.99 for the Lennox chinos.",
        ],
        [
            ("binding", "The Lennox chinos are cheaper at $51.99; the Dover jeans are $58.99."),
            ("evaluative", "The Dover jeans are cheaper at $51.99 and they're also the better-reviewed of the two."),
        ],
    ),
    # --- fees and their qualifiers --------------------------------------------------------------------------------
    (
        [(SHIP, "Shipping options and costs (United States)")],
        "how much is standard shipping",
        [
            "Standard shipping is $8.00, and it's free on orders of $75 or more. It takes 3–5 business days with UPS.",
            "It's a flat $8.00 per order, free once your order reaches $75. Delivery is 3–5 business days.",
            "Standard costs $8.00 (free from $75), arriving in 3 to 5 business days.",
        ],
        [
            ("qualifier", "Standard shipping is $8.00 per item, free on orders of $75 or more."),
            ("qualifier", "Standard shipping is $8.00 on every order, whatever the total."),
            ("qualifier", "Standard shipping is $8.00, free on orders over $50."),
        ],
    ),
    (
        [(SHIP, "Shipping options and costs (United States)"), (PRICE, "Jeans hemming and overnight shipping")],
        "how much would overnight be for 3 shirts",
        [
            "Overnight shipping is $20.00 for the order, however many items are in it (free for Gold members), and "
            "it arrives the next business day.",
            "It's $20.00 – free if you're a Gold member – and your order arrives the next business day.",
        ],
        [
            ("qualifier", "Overnight is $20.00 per item, so $60.00 for three shirts."),
            ("qualifier", "Overnight is $20.00, free on orders of $75 or more."),
            ("binding", "Overnight is $20.00 and arrives in 3–5 business days."),
        ],
    ),
    (
        [(SHIP, "International shipping")],
        "how much is shipping to germany",
        [
            "International shipping is a flat $25.00 with DHL Express, free on orders of $200 or more and for Gold "
            "members. Delivery takes 5–10 business days; import duties and taxes aren't included.",
            "To Germany it's $25.00 (free from $200, or if you're Gold), delivered by DHL Express in 5–10 business "
            "days. Duties are collected by the carrier on delivery.",
        ],
        [
            ("qualifier", "Shipping to Germany is $25.00 per item with DHL Express, free from $200."),
            ("invented", "It's $25.00 with DHL Express, and that includes import duties and taxes."),
            ("binding", "It's $25.00, free on orders of $75 or more, delivered in 5–10 business days."),
            ("contradiction", "It's a flat $25.00 with DHL Express. Orders under $200 pay $20.00 for shipping."),
        ],
    ),
    (
        [(PRICE, "Gift wrapping and name stitching")],
        "how much is gift wrapping if i order 2 sweaters",
        [
            "Gift wrapping is $5.00 per item, so $10.00 for two sweaters – and it's free if you subscribe to "
            "Northwind Plus. It includes a gift message and a gift receipt.",
            "$5.00 each, so $10.00 for the two (free for Northwind Plus subscribers).",
        ],
        [
            ("qualifier", "Gift wrapping is a flat $5.00 per order, so $5.00 for both sweaters."),
            ("qualifier", "Gift wrapping is $5.00 per item, free for Gold members."),
            ("invented", "Gift wrapping is $5.00 per item and includes a free greeting card and ribbon upgrade."),
        ],
    ),
    (
        [(PRICE, "Gift wrapping and name stitching")],
        "can you stitch a name on a sweater, and what does it cost",
        [
            "Yes – name stitching is $10.00 per item, up to 12 characters, on shirts, jackets, coats and sweaters. "
            "It adds 2 business days, and monogrammed items can't be returned unless they're defective.",
            "We can: $10.00 per item, up to 12 characters. Expect 2 extra business days, and note that stitched "
            "items are only returnable if defective.",
        ],
        [
            ("qualifier", "Yes, name stitching is $10.00 per letter, up to 12 characters."),
            ("condition", "Yes, $10.00 per item; stitched items can be returned within your normal return window."),
            ("binding", "Yes, $10.00 per item, up to 10 characters, and it adds 2 business days."),
        ],
    ),
    (
        [(PRICE, "Jeans hemming and overnight shipping")],
        "do you hem jeans? how much",
        [
            "Yes – hemming is $12.00 per pair. Choose your inseam at checkout, or visit a store; it adds 2 business "
            "days online and is ready in 3 business days in store. Hemmed jeans can only be returned if defective.",
            "We do: $12.00 a pair. It adds 2 business days to an online order, or takes 3 business days in store.",
        ],
        [
            ("qualifier", "Yes, hemming is $12.00 per leg."),
            ("binding", "Yes, $12.00 per pair; it adds 3 business days online and is ready in 2 in store."),
            ("condition", "Yes, $12.00 per pair, and hemmed jeans can be returned like any other item."),
        ],
    ),
    (
        [(RET, "International returns")],
        "im in canada, does a return cost me anything?",
        [
            "You'll get a prepaid DHL Express return label, and a $15.00 return shipping fee is deducted from your "
            "refund – unless you're a Gold member or the item arrived damaged or defective.",
            "Yes, usually $15.00, taken off the refund. Gold members and items that arrived damaged or defective "
            "are exempt. The DHL Express label itself is prepaid.",
        ],
        [
            ("qualifier", "A $15.00 return fee is deducted for each item you send back, unless you're Gold."),
            ("qualifier", "A $15.00 fee is deducted from the refund, even for Gold members."),
            ("negation", "No – international returns are free with the prepaid DHL Express label."),
        ],
    ),
    (
        [(MEM, "What is Northwind Plus?")],
        "how much is northwind plus",
        [
            "Northwind Plus is $99 per year, billed once a year on your renewal date, and it renews automatically. "
            "It gives free standard shipping on every US order with no minimum, free gift wrapping, and 24-hour "
            "early access to the Summer Sale and the Annual Sale.",
            "It's $99 a year, auto-renewing. You get free standard US shipping with no minimum, free gift wrapping "
            "and early access to the two big sales.",
        ],
        [
            ("qualifier", "Northwind Plus is $99 per month, billed on your renewal date."),
            ("invented", "It's $99 a year and includes free overnight shipping on every order."),
            ("evaluative", "It's $99 a year – our most popular perk, and most members say it pays for itself."),
        ],
    ),
    (
        [(PRICE, "Does my cart qualify for free shipping?")],
        "my cart is $70, do i get free shipping",
        [
            "Not yet – standard US shipping is free when your order totals $75 or more after discounts and before "
            "tax, so you're $5 short. If you have Northwind Plus, standard shipping is free on every order.",
            "At $70 you're just under the $75 free-shipping threshold (counted after discounts, before tax). "
            "Northwind Plus subscribers get free standard shipping with no minimum.",
        ],
        [
            ("qualifier", "Yes, standard shipping is free on orders of $50 or more."),
            ("qualifier", "Not yet – the $75 is counted after tax, so add a little more."),
            ("contradiction", "Not quite – free shipping starts at $75. So yes, your $70 cart ships free."),
        ],
    ),
    (
        [(EXCH, "Can I exchange an item for a different size or color?")],
        "do i pay shipping for an exchange?",
        [
            "No – exchanges are free. We send the replacement by standard shipping at no charge.",
            "Exchanges don't cost you anything: the replacement goes out by standard shipping free of charge.",
        ],
        [
            ("qualifier", "Exchanges are free, but the replacement ships at the standard $8.00 rate."),
            ("qualifier", "Exchanges are free on orders over $75; otherwise standard shipping applies."),
            ("contradiction", "Exchanges are free. You'll just pay standard shipping for the replacement."),
        ],
    ),
    (
        [(SHIP, "Shipping fee refunds")],
        "my package is out for delivery and i paid $8 shipping, can i get it back?",
        [
            "Since it's already out for delivery, we can refund the standard shipping fee of $8.00 – just contact us.",
            "Yes, once an order is out for delivery or delivered, we can refund the $8.00 standard shipping fee.",
        ],
        [
            ("condition", "Since it's out for delivery, we can waive the whole shipping fee before it arrives."),
            ("qualifier", "We can refund $8.00 per item on a standard shipment once it's out for delivery."),
        ],
    ),
    # --- membership: self-contradictions and levels ---------------------------------------------------------------
    (
        [(MEM, "What are the membership levels?")],
        "what membership level do i need for silver? and whats after that",
        [
            "Silver takes $500 or more of spending in a 12-month period. After Silver comes Gold, at $1,500 or more "
            "in 12 months – our premium level.",
            "You reach Silver by spending $500+ in 12 months; the next level is Gold, at $1,500+ in 12 months.",
        ],
        [
            ("binding", "Silver needs $1,500 in 12 months; Gold needs $500."),
            ("contradiction", "Silver takes $500 in a 12-month period. Since Silver starts at $1,500, Gold is next."),
            ("evaluative", "Silver takes $500 in 12 months, and it's the level most of our customers are on."),
        ],
    ),
    (
        [(MEM, "Membership benefits: returns and shipping")],
        "im bronze, how long is my return window",
        [
            "As a Bronze member you have 90 days to return an item.",
            "Bronze members get a 90-day return window. Outside it, you can still return with the receipt or in the "
            "original packaging.",
        ],
        [
            ("contradiction", "Bronze members get 90 days. As a Silver member, you have 6 months."),
            ("binding", "As a Bronze member you have 6 months."),
            ("contradiction", "Your window is 90 days. Since you're on the Gold level, there's no time limit at all."),
        ],
    ),
    (
        [(MEM, "What are the membership levels?")],
        "what level am i? i joined when i made my account",
        [
            "Joining Northwind Rewards when you create an account makes you Bronze – it's free.",
            "If you joined Northwind Rewards when you created your account, you're at the Bronze level.",
        ],
        [
            ("contradiction", "The level is Bronze. You're currently on the Gold level."),
            ("binding", "Creating an account makes you Silver."),
            ("contradiction", "You're Bronze, since you joined when you created your account. That makes you Silver."),
        ],
    ),
    (
        [(MEM, "How long does membership last?")],
        "does gold expire",
        [
            "Gold lasts 12 months from the day you reach it; then we look at your spending over the last 12 months "
            "and renew or adjust your level. It's never lowered during those 12 months.",
            "It runs for 12 months from when you reach it, after which it's renewed or adjusted based on the last "
            "12 months of spending.",
        ],
        [
            ("swap", "Gold lasts as long as you keep your account."),
            ("contradiction", "No, Gold never expires. It lasts 12 months and is then reviewed."),
            ("negation", "Yes, and your level can be lowered at any time during the 12 months."),
        ],
    ),
    (
        [(MEM, "Membership benefits: order help and fees")],
        "im silver, can you remove a fee i didnt expect",
        [
            "Yes – Silver and Gold members can have unexpected fees removed on request. Contact us with the order "
            "and we'll look at it.",
            "As a Silver member you can ask for unexpected fees to be removed.",
        ],
        [
            ("binding", "No, fee removal is only for Gold members."),
            (
                "contradiction",
                "Yes, Silver members can have unexpected fees removed. Unfortunately Silver doesn't include that.",
            ),
        ],
    ),
    # --- returns, refunds and promotions ---------------------------------------------------------------------------
    (
        [(RET, "Condition of returned items")],
        "can i return socks i tried on",
        [
            "Sorry, no – socks can't be returned unless they arrived damaged or defective.",
            "Unfortunately socks are only returnable if they arrived damaged or defective.",
        ],
        [
            ("negation", "Yes, socks can be returned if they're unworn and have the tags attached."),
            (
                "contradiction",
                "No, socks can't be returned. You can return them within your window like anything else.",
            ),
        ],
    ),
    (
        [(REF, "How long does a refund take?")],
        "how long does a refund take",
        [
            "We process a return within 3 business days of receiving it, and the refund reaches you within 7 days "
            "of the day we received it. Store credit shows up as soon as the return is processed; a mailed gift "
            "card or check takes 5–7 business days to arrive.",
            "Within 7 days of us receiving your return. Store credit is immediate once it's processed, while gift "
            "cards and checks by mail take 5 to 7 business days.",
        ],
        [
            ("binding", "We process returns within 7 business days, and the refund reaches you within 3 days."),
            ("qualifier", "The refund reaches you within 7 days, and store credit incurs a $5.00 processing fee."),
            (
                "contradiction",
                "Store credit appears immediately once the return is processed. Store credit takes 5–7 business days.",
            ),
            ("condition", "Within 7 days – and any member can ask us to issue the credit before the 7 days are up."),
        ],
    ),
    (
        [(PROMO, "How do promo codes work?")],
        "can i use two promo codes",
        [
            "No – it's one promo code per order; codes can't be combined.",
            "Sorry, only one code per order, and codes can't be combined with each other.",
        ],
        [
            ("negation", "Yes, you can combine up to two codes on one order."),
            ("evaluative", "No, one code per order – but the 20% customer-care code is the best deal we offer."),
            ("binding", "No, one code per order, and codes last 10 days."),
        ],
    ),
    (
        [(PROMO, "When are your sales?")],
        "when is the annual sale",
        [
            "The Annual Sale starts on the last Friday of November and runs for 10 days. Northwind Plus subscribers "
            "get 24-hour early access.",
            "It kicks off on the last Friday of November and lasts 10 days – our biggest sale of the year.",
        ],
        [
            ("binding", "The Annual Sale starts on the second Monday of July and runs for 10 days."),
            ("binding", "It starts on the last Friday of November and runs for 2 weeks."),
            ("evaluative", "It starts on the last Friday of November, with prices at the lowest of the year."),
        ],
    ),
    (
        [(PROMO, "Store credit")],
        "does store credit expire",
        [
            "No, store credit never expires. It's applied automatically at checkout and can't be exchanged for cash.",
            "It doesn't expire – it's used automatically at checkout (it can't be cashed out).",
        ],
        [
            ("binding", "Store credit lasts 7 days from the day it's issued."),
            ("contradiction", "Store credit never expires, but it has to be used within 12 months."),
        ],
    ),
    # --- own orders with a fee or a claim ---------------------------------------------------------------------------
    (
        [("order", "ORD-13215")],
        "what did i pay for shipping on ORD-13215",
        [
            "You paid $5.00 for economy shipping on ORD-13215; the items came to $371.48.",
            "Shipping on that order was economy, $5.00.",
        ],
        [
            ("qualifier", "Economy shipping was $5.00 per item, so $15.00 for your three items."),
            ("binding", "You paid $8.00 for standard shipping on ORD-13215."),
            ("contradiction", "You paid $5.00 for economy shipping. Shipping on this order was free."),
        ],
    ),
    (
        [("order", "ORD-13436"), (REF, "Are shipping fees refunded?")],
        "i returned ORD-13436, do i get the overnight fee back?",
        [
            "Unfortunately not: the $20.00 overnight fee on ORD-13436 is only refunded when an item arrived damaged, "
            "defective or wasn't what you ordered. For other returns the shipping fee isn't refunded.",
            "Only if the items arrived damaged, defective or weren't what you ordered – otherwise the $20.00 you paid "
            "for overnight shipping stays.",
        ],
        [
            ("negation", "Yes, the $20.00 overnight fee is refunded along with your items."),
            ("qualifier", "You get $8.00 of the $20.00 overnight fee back, the standard shipping part."),
            (
                "contradiction",
                "No, the shipping fee isn't refunded for a normal return. We'll refund the $20.00 with your items.",
            ),
        ],
    ),
    (
        [("order", "ORD-13965")],
        "where are my boots",
        [
            "Your boots are in ORD-13965, which has shipped with UPS (tracking 1Z56CYFF2628595586) and is expected "
            "on December 2, 2026.",
            "ORD-13965 is on its way with UPS and should arrive by Dec 2. Standard shipping on it was free.",
        ],
        [
            ("contradiction", "ORD-13965 has shipped with UPS. It hasn't left our warehouse yet."),
            ("binding", "ORD-13965 shipped with UPS and should arrive on November 27."),
            ("evaluative", "ORD-13965 shipped with UPS, and those boots are a customer favourite – expected Dec 2."),
        ],
    ),
    (
        [("order", "ORD-13209"), (RET, "International returns")],
        "if i send back the parka from ORD-13209 whats the fee",
        [
            "Returns from outside the US come with a prepaid DHL Express label, and $15.00 is deducted from the "
            "refund – unless you're a Gold member or the parka arrived damaged or defective.",
            "The return shipping fee is $15.00, taken from your refund (not charged to Gold members or for items "
            "that arrived damaged or defective).",
        ],
        [
            ("qualifier", "It's $15.00 per item, and since ORD-13209 has two items that's $30.00."),
            ("qualifier", "It's $25.00, the same as international shipping."),
        ],
    ),
]
