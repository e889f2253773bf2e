"""shop_blind5: a fifth blind set of shop answers, written (round 6) BEFORE any round-6 change to the checker and
committed before the checker first ran on it. Run once at the start of round 6 and once at its end; never tuned on.

It draws on what the earlier sets do not use: a customer's own order fact lines (bot.core.lookups.describe_order)
next to the policy section that answers the question about that order, groundings with TWO product fact lines
(an attribute of one product said of the other), product lines of products no earlier set names, and policy
sections in combinations and with questions the earlier sets do not ask.

Caveat: the round-6 engineer wrote this set himself (no second writer was available), before reading any of the
earlier sets' errors in round 6; it is blind to the code but not to the author's idea of the error kinds.

Same item format as grounding_items.py: (grounding spec, question, correct answers written as a capable chat model
writes them, [(kind, subtly wrong twin)]). A spec part is (page, heading), ("product", SKU) or ("order", ORDER_ID).
Kinds: binding, condition, negation, entity, invented, word, universal.
"""

ORD = "policies/orders.md"
SHIP = "policies/shipping.md"
RET = "policies/returns.md"
REF = "policies/refunds.md"
EXC = "policies/exchanges.md"
PAY = "policies/payments.md"
PRI = "policies/pricing.md"
PRO = "policies/promotions.md"
MEM = "policies/membership.md"
CON = "policies/contact.md"

BLIND5 = [
    # ---- a customer's own order + the policy that answers the question
    (
        [("order", "ORD-14033"), (ORD, "What can I change, and until when?")],
        "Can I still switch the shirts in ORD-14033 to a bigger size?",
        [
            "Yes – ORD-14033 is still processing and hasn't shipped, so you can change the size of the shirts.",
            "Good news: since your order is still being processed, changing an item's size is possible. Just let us "
            "know which size you'd like.",
        ],
        [
            ("negation", "Unfortunately not – ORD-14033 is processing, and items can't be changed once an order is processing."),
            ("condition", "Yes, you can change the size until the order is delivered on 2026-12-10."),
            ("invented", "Yes, and since it's still processing we'll upgrade you to Overnight shipping for free."),
        ],
    ),
    (
        [("order", "ORD-14033")],
        "How much did I pay for shipping on ORD-14033 and when will it arrive?",
        [
            "Shipping on ORD-14033 was Economy, which cost $5.00, and it's estimated to arrive on 2026-12-10.",
            "You chose Economy shipping for $5.00; the estimated delivery date is December 10, 2026.",
        ],
        [
            ("binding", "Shipping was Standard for $5.00, and it should arrive on 2026-12-10."),
            ("binding", "You paid $225.98 for shipping, and the estimated delivery is 2026-12-10."),
            ("invented", "Economy shipping cost $5.00, and it's guaranteed to arrive by 2026-12-10."),
        ],
    ),
    (
        [("order", "ORD-13091"), (ORD, "Cancelling an order")],
        "I want to cancel ORD-13091. I'm a Silver member.",
        [
            "Your order ORD-13091 has already shipped. As a Silver member you'll be refunded immediately; when the "
            "package arrives, contact us for a free return label and send the boots back.",
            "Since it's already on its way, we can't stop it – but Silver members get their refund right away. Once "
            "the boots arrive, reach out for a free return label and send them back to us.",
        ],
        [
            ("condition", "It has already shipped, so please wait until the package arrives and then return it for a refund."),
            ("negation", "It hasn't shipped yet, so we can cancel it and refund you immediately."),
            ("invented", "We'll refund you immediately, and you can keep the boots – no need to send them back."),
        ],
    ),
    (
        [("order", "ORD-13091"), (ORD, "Cancelling an order")],
        "Cancel ORD-13091 please, I checked out as a guest.",
        [
            "ORD-13091 has already shipped, so it can't be cancelled now. Please wait until the package arrives, then "
            "return the boots for a refund under our Returns Policy.",
            "I'm afraid it's already in transit. As a guest, the way to go is to wait for the delivery and then send it "
            "back as a return to get your refund.",
        ],
        [
            ("entity", "It has already shipped, but we'll refund you immediately and send a free return label when it arrives."),
            ("negation", "No problem – it hasn't shipped yet, so we'll cancel it and refund you right away."),
        ],
    ),
    (
        [("order", "ORD-13091")],
        "Who is delivering my order ORD-13091?",
        [
            "Your order is with UPS; the tracking number is 1ZEBNBE61831249793.",
            "It shipped with UPS – you can follow it with tracking number 1ZEBNBE61831249793. The estimated delivery was "
            "2026-11-16.",
        ],
        [
            ("entity", "It shipped with DHL Express; the tracking number is 1ZEBNBE61831249793."),
            ("binding", "It's with UPS and should arrive on 2026-11-11."),
        ],
    ),
    (
        [("order", "ORD-12998"), (PAY, "When am I charged?")],
        "Was I charged for ORD-12998?",
        [
            "ORD-12998 was cancelled. Because it was cancelled before it shipped, the full amount was refunded right "
            "away.",
            "That order shows as cancelled, and cancelled orders are refunded in full – so you shouldn't be out of "
            "pocket for it.",
        ],
        [
            ("negation", "Yes – ORD-12998 is still processing, and you were charged $92.98 when you placed it."),
            ("invented", "It was cancelled, and the refund of $92.98 plus a $10 goodwill credit was sent to your card."),
            ("condition", "It was cancelled; the $92.98 will be refunded once the items come back to our warehouse."),
        ],
    ),
    (
        [("order", "ORD-12998")],
        "What was in ORD-12998?",
        [
            "ORD-12998 had two items: an Express Lennox Long-Sleeve Tee and a Calvin Klein Men's Sterling Knit Beanie, "
            "for a total of $92.98. The order has since been cancelled.",
            "That one contained 1 Express Lennox Long-Sleeve Tee and 1 Calvin Klein Sterling Knit Beanie (items total "
            "$92.98); it was cancelled.",
        ],
        [
            ("binding", "It had 2 Express Lennox Long-Sleeve Tees and a Calvin Klein Sterling Knit Beanie, and it was delivered."),
            ("entity", "It contained an Express Lennox Long-Sleeve Tee and a Calvin Klein Dover Leather Glove set, total $92.98."),
        ],
    ),
    (
        [("order", "ORD-14094"), (SHIP, "Changing the shipping address")],
        "I moved – can I still change the address on ORD-14094?",
        [
            "Yes. ORD-14094 is placed and hasn't shipped yet, and the shipping address can be changed until the order "
            "ships.",
            "You're in time: the address can be updated right up until the order ships, and yours is still at the "
            "placed stage.",
        ],
        [
            ("negation", "No – ORD-14094 has already been placed, so the shipping address can't be changed anymore."),
            ("condition", "Yes, you can change the address until the order is delivered, which is estimated for 2026-12-04."),
        ],
    ),
    (
        [("order", "ORD-14094")],
        "How much was my sweater order and did I pay shipping?",
        [
            "Your order ORD-14094 (a Banana Republic Men's Grove Crewneck Sweater) comes to $152.99, and shipping was "
            "free – Standard shipping at $0.00.",
            "The items total is $152.99; you chose Standard shipping, which cost you nothing.",
        ],
        [
            ("binding", "The sweater was $152.99 and Standard shipping cost $8.00."),
            ("binding", "The items total is $0.00 and shipping was $152.99."),
            ("invented", "It's $152.99 with free shipping, and we added a free gift wrap since it's your first order."),
        ],
    ),
    (
        [("order", "ORD-13310"), (SHIP, "Shipping fee refunds")],
        "I paid $25 shipping on ORD-13310, that's too much. Can you do anything?",
        [
            "ORD-13310 is shipped, which means it's in transit and not yet out for delivery – so we can waive its "
            "shipping fee. Just confirm and we'll take care of it.",
            "Since the order is still in transit and hasn't gone out for delivery, the $25.00 shipping fee can be "
            "waived.",
        ],
        [
            ("condition", "Since it has already shipped, we can only refund the standard shipping fee of $8.00."),
            ("negation", "Unfortunately shipping fees can't be waived once an order is in transit."),
            ("invented", "We'll waive the $25.00 and add a 20% promo code for your next order."),
        ],
    ),
    (
        [("order", "ORD-13310")],
        "When should ORD-13310 get here?",
        [
            "It's on its way with DHL Express (tracking 3723208959) and the estimated delivery is 2026-12-02.",
            "ORD-13310 shipped and is expected around December 2, 2026. You can track it with DHL Express using "
            "3723208959.",
        ],
        [
            ("binding", "It's on its way with DHL Express and should arrive on 2026-11-17."),
            ("negation", "It hasn't shipped yet; the estimated delivery is 2026-12-02."),
        ],
    ),
    (
        [("order", "ORD-13225"), (ORD, "Adding an item after the order shipped")],
        "Can you add a scarf to ORD-13225? I'm Gold.",
        [
            "ORD-13225 has already shipped, so we can't add to it. As a Gold member, though, you can ask us to send the "
            "scarf right away as a separate order with no shipping fee.",
            "Items can't be added to a shipped order, and yours is on its way. Because you're Gold, we can ship the "
            "new item separately, with no shipping fee.",
        ],
        [
            ("negation", "Sure – we'll add it to ORD-13225 before it's delivered on 2026-12-01."),
            ("invented", "It has shipped, but as a Gold member we'll send the scarf separately free of charge, and the scarf itself is on us too."),
            ("entity", "It has shipped; since you're Gold you'll need to place a new order and pay shipping for it."),
        ],
    ),
    (
        [("order", "ORD-13225"), (ORD, "Adding an item after the order shipped")],
        "Add a belt to ORD-13225 please. I'm a Bronze member.",
        [
            "I'm sorry, ORD-13225 has already shipped and we can't add items to a shipped order. You're welcome to "
            "place a new order for the belt.",
            "That order is already on its way, so nothing can be added. The simplest option is a new order for the "
            "belt.",
        ],
        [
            ("entity", "It has shipped, but as a Bronze member you can have the belt sent right away with no shipping fee."),
            ("negation", "Yes, we can still add the belt to ORD-13225."),
        ],
    ),
    (
        [("order", "ORD-13225")],
        "What's the total on ORD-13225 and how was it shipped?",
        [
            "ORD-13225 comes to $677.47 for the items. It went International with DHL Express, and shipping was free "
            "($0.00).",
            "The items total $677.47; it's an international shipment with DHL Express at no shipping cost.",
        ],
        [
            ("binding", "The items total $677.47, plus $25.00 for international shipping."),
            ("entity", "It comes to $677.47 and shipped Standard with UPS."),
        ],
    ),
    (
        [("order", "ORD-14005"), (PAY, "Can I change the payment method on an order?")],
        "I'd like to pay for ORD-14005 with PayPal instead of my card.",
        [
            "You can – ORD-14005 is still processing, and the payment method can be switched between credit card, "
            "debit card and PayPal until the order is out for delivery.",
            "No problem. Switching to PayPal is possible up until the order is out for delivery, and yours hasn't "
            "shipped yet.",
        ],
        [
            ("condition", "You can switch to PayPal only until the order is placed; after that the new method applies to future orders."),
            ("entity", "We can switch it to a bank transfer or PayPal while the order is processing."),
            ("negation", "The payment method can't be changed on an order that's already processing."),
        ],
    ),
    (
        [("order", "ORD-14005")],
        "What's in ORD-14005?",
        [
            "ORD-14005 contains 2 Michael Kors Women's Aspen Rain Jackets, items total $387.98. It's processing, with an "
            "estimated delivery of 2026-12-09.",
            "Two Michael Kors Aspen Rain Jackets, $387.98 in total. It's being processed now and should arrive around "
            "December 9.",
        ],
        [
            ("binding", "It contains 1 Michael Kors Aspen Rain Jacket for $387.98, estimated delivery 2026-12-09."),
            ("binding", "Two Aspen Rain Jackets, $387.98, estimated delivery 2026-11-28."),
        ],
    ),
    (
        [("order", "ORD-11329"), (RET, "How long do I have to return an item?")],
        "I'm a Bronze member. Can I still return the sweater from ORD-11329?",
        [
            "ORD-11329 was placed on 2026-08-06. Bronze members have 90 days from the purchase date, so the window runs "
            "until early November 2026 – whether you're still inside it depends on today's date; if it has passed, "
            "contact us and we'll check the options.",
            "Your Bronze return window is 90 days, counted from the purchase date (August 6, 2026).",
        ],
        [
            ("binding", "Bronze members have 6 months from the purchase date, so you can return it until February 2027."),
            ("condition", "Bronze members have 90 days counted from the delivery date, 2026-08-14."),
            ("entity", "Bronze members have no time limit on returns, so yes."),
        ],
    ),
    (
        [("order", "ORD-11329"), (REF, "Are shipping fees refunded?")],
        "If I return ORD-11329 because it doesn't fit, do I get the $8 shipping back?",
        [
            "No – for a fit return the shipping fee you paid isn't refunded. The $8.00 would only come back if the "
            "item arrived damaged, defective or wasn't what you ordered.",
            "Unfortunately not. Original shipping fees are only refunded for damaged, defective or wrong items, not for "
            "a size that doesn't fit.",
        ],
        [
            ("negation", "Yes, the $8.00 shipping fee is refunded along with the sweater."),
            ("condition", "Yes, shipping is refunded as long as you return it within your return window."),
        ],
    ),
    (
        [("order", "ORD-10931"), (RET, "International returns")],
        "I'm in Germany. If I send back the shirt from ORD-10931, what does the return cost me?",
        [
            "You'll get a prepaid DHL Express return label, and a $15.00 return shipping fee is deducted from your "
            "refund – unless you're a Gold member or the shirt arrived damaged or defective.",
            "International returns use a prepaid DHL Express label; $15.00 comes off the refund, except for Gold "
            "members and for damaged or defective items.",
        ],
        [
            ("binding", "A $25.00 return shipping fee is deducted from your refund unless you're a Gold member."),
            ("entity", "The return label is free for you, since return labels are free for every customer."),
            ("condition", "$15.00 is deducted from the refund, except for Silver and Gold members."),
        ],
    ),
    (
        [("order", "ORD-14067"), (ORD, "Cancelling an order")],
        "Please remove the wrap dress from ORD-14067.",
        [
            "Sure – ORD-14067 hasn't shipped yet, so we can remove the Michael Kors Larkin Wrap Dress and refund it "
            "immediately.",
            "Since your order is only at the placed stage, removing an item is fine; the dress will be refunded right "
            "away.",
        ],
        [
            ("condition", "We can remove it, but the refund is only issued once the rest of the order is delivered."),
            ("negation", "The order has already shipped, so you'll need to return the dress when it arrives."),
        ],
    ),
    (
        [("order", "ORD-14067")],
        "How many things did I order in ORD-14067?",
        [
            "Three items: a Michael Kors Women's Larkin Wrap Dress, a Guess Women's Sterling Poplin Shirt and Michael "
            "Kors Men's Mercer Wide-Leg 5-Pocket Jeans, for $369.98 in total.",
            "ORD-14067 has 3 items (one each of the Larkin Wrap Dress, the Sterling Poplin Shirt and the Mercer "
            "Wide-Leg Jeans), totalling $369.98.",
        ],
        [
            ("binding", "Three items: 2 Larkin Wrap Dresses and a Sterling Poplin Shirt, $369.98 in total."),
            ("entity", "Three items: a Larkin Wrap Dress, a Sterling Poplin Shirt and a pair of Sable Tapered Jeans."),
        ],
    ),
    (
        [("order", "ORD-13874"), (REF, "How long does a refund take?")],
        "ORD-13874 was returned – when do I see my money?",
        [
            "We process a return within 3 business days of receiving it, and the refund reaches you within 7 days of "
            "the day we got the return. If you chose store credit, it shows up as soon as the return is processed.",
            "Your refund should arrive within 7 days of when we received the items. Store credit appears immediately "
            "once processed; a mailed check or gift card takes 5–7 business days to get to you.",
        ],
        [
            ("binding", "The refund reaches you within 3 days of the day we received the return."),
            ("binding", "Store credit takes 5–7 business days to appear; a paper check is immediate."),
            ("invented", "Since you paid for overnight shipping, your refund is fast-tracked and arrives within 24 hours."),
        ],
    ),
    (
        [("order", "ORD-13874")],
        "What did I return in ORD-13874?",
        [
            "ORD-13874 had a Michael Kors Men's Calder Tapered Chinos and a Gap Women's Delta Sherpa-Lined Jacket "
            "(items total $224.99); its status is returned.",
            "That order – the Calder Tapered Chinos and the Delta Sherpa-Lined Jacket – shows as returned. The items "
            "came to $224.99.",
        ],
        [
            ("binding", "It shows the chinos and the jacket, $224.99 in total, with Overnight shipping at $0.00."),
            ("negation", "ORD-13874 is still shipped, so the return hasn't been received yet."),
        ],
    ),
    (
        [("order", "ORD-11293"), (ORD, "Order status")],
        "What does the status of ORD-11293 mean?",
        [
            "ORD-11293 is cancelled, which means the order was cancelled and refunded.",
            "It's marked cancelled – that order was called off and you were refunded for it.",
        ],
        [
            ("entity", "It's cancelled, which means the items came back to us and the refund was issued."),
            ("negation", "It's cancelled, which means it was stopped but has not been refunded."),
        ],
    ),
    # ---- two products in one grounding
    (
        [("product", "TH-BT-1249"), ("product", "EX-BT-1059")],
        "Which is cheaper, the Everett Winter Snow Boots or the Everett Combat Boots?",
        [
            "The Tommy Hilfiger Everett Winter Snow Boots are a little cheaper at $183.99; the Express Everett Combat "
            "Boots are $189.00.",
            "The snow boots: $183.99 versus $189.00 for the Express combat boots.",
        ],
        [
            ("binding", "The Express Everett Combat Boots are cheaper at $183.99; the snow boots are $189.00."),
            ("binding", "The snow boots are more expensive at $189.00."),
        ],
    ),
    (
        [("product", "TH-BT-1249"), ("product", "EX-BT-1059")],
        "Do either of them come in burgundy?",
        [
            "Only the Express Everett Combat Boots – they come in burgundy, black and dark brown. The Tommy Hilfiger "
            "snow boots come in dark brown and cognac.",
            "Yes, the combat boots from Express are available in burgundy. The winter snow boots aren't; those are dark "
            "brown or cognac.",
        ],
        [
            ("binding", "Yes, the Tommy Hilfiger Everett Winter Snow Boots come in burgundy and cognac."),
            ("negation", "Neither – both pairs come only in dark brown, black or cognac."),
        ],
    ),
    (
        [("product", "TH-BT-1249"), ("product", "EX-BT-1059")],
        "I need a size 9. Which of these can I get?",
        [
            "The Tommy Hilfiger Everett Winter Snow Boots are in stock in size 9. The Express Everett Combat Boots come "
            "in 9 but it's currently out of stock.",
            "Go for the snow boots – size 9 is available there. The combat boots are sold out in 9 right now.",
        ],
        [
            ("binding", "The combat boots are in stock in 9; the snow boots are out of stock in that size."),
            ("universal", "Both pairs are in stock in size 9."),
        ],
    ),
    (
        [("product", "BR-TS-1014"), ("product", "BR-TS-1084")],
        "What colours do the Nolan and Calder tees come in?",
        [
            "The Nolan Logo Tee comes in sand, olive and white. The Calder Logo Tee comes in red, sand, white and "
            "heather grey.",
            "Both come in sand and white. The Nolan adds olive; the Calder also has red and heather grey.",
        ],
        [
            ("binding", "The Nolan comes in red, sand and white; the Calder in olive, sand, white and heather grey."),
            ("binding", "Both tees come in olive and heather grey."),
        ],
    ),
    (
        [("product", "BR-TS-1014"), ("product", "BR-TS-1084")],
        "Can I get either tee in XXL?",
        [
            "The Nolan Logo Tee is offered in XXL, but XXL is out of stock right now. The Calder Logo Tee only goes up "
            "to XL.",
            "Not at the moment: the Nolan's XXL is sold out, and the Calder isn't made in XXL (its sizes are S to XL).",
        ],
        [
            ("binding", "The Calder Logo Tee is in stock in XXL; the Nolan only goes up to XL."),
            ("negation", "Yes, the Nolan Logo Tee is in stock in XXL."),
        ],
    ),
    (
        [("product", "BR-TS-1014"), ("product", "BR-TS-1084")],
        "How much are they?",
        [
            "The Banana Republic Men's Nolan Logo Tee is $39.99 and the Calder Logo Tee is $32.99.",
            "The Calder is the cheaper one at $32.99; the Nolan is $39.99.",
        ],
        [
            ("binding", "The Nolan Logo Tee is $32.99 and the Calder Logo Tee is $39.99."),
            ("binding", "The Nolan is the cheaper one at $39.99."),
        ],
    ),
    (
        [("product", "TH-SH-1132"), ("product", "MK-SH-1308")],
        "Is size M available in the Fulton oxford or the Weston flannel?",
        [
            "The Michael Kors Weston Flannel Button-Up Shirt is in stock in M. The Tommy Hilfiger Fulton Oxford is "
            "currently out of stock in M.",
            "Only the Weston flannel – M is available there. The Fulton's M is sold out right now.",
        ],
        [
            ("binding", "The Fulton Oxford is in stock in M; the Weston Flannel is out of stock in M."),
            ("universal", "Both shirts are in stock in every size, M included."),
        ],
    ),
    (
        [("product", "TH-SH-1132"), ("product", "MK-SH-1308")],
        "Which one comes in a check pattern, and what does it cost?",
        [
            "The Michael Kors Weston Flannel Button-Up Shirt comes in grey check (and blue plaid); it's $103.00.",
            "That'd be the Weston flannel: grey check or blue plaid, priced at $103.00. The Fulton comes in blue "
            "gingham, light blue and grey for $75.99.",
        ],
        [
            ("binding", "The Weston Flannel comes in grey check and costs $75.99."),
            ("entity", "The Fulton Oxford comes in grey check and costs $103.00."),
        ],
    ),
    (
        [("product", "TH-SH-1132"), ("product", "MK-SH-1308")],
        "I'm after an XL – which shirt has it?",
        [
            "The Tommy Hilfiger Fulton Oxford is in stock in XL. The Weston Flannel comes in XL but it's out of stock in "
            "that size at the moment.",
            "The Fulton oxford – XL is available. The Michael Kors Weston is sold out in XL right now.",
        ],
        [
            ("binding", "The Weston Flannel is in stock in XL; the Fulton Oxford is sold out in XL."),
            ("invented", "The Fulton is in stock in XL, and the Weston's XL will be back next week."),
        ],
    ),
    (
        [("product", "GS-JN-1251"), ("product", "TH-JN-1284")],
        "What sizes are in stock for the Everett tapered jeans and the Monroe bootcut?",
        [
            "The Guess Women's Everett Tapered Denim Jeans are in stock in sizes 24 to 28. The Tommy Hilfiger Men's "
            "Monroe Bootcut Jeans are in stock in every size they come in: 28–34, 36 and 38.",
            "Everett: 24, 25, 26, 27 and 28 are available (29–32 are sold out). Monroe Bootcut: all sizes from 28 to "
            "38 are in stock.",
        ],
        [
            ("binding", "The Everett is in stock in sizes 28 to 38; the Monroe in 24 to 28."),
            ("negation", "The Everett is in stock in every size from 24 to 32."),
        ],
    ),
    (
        [("product", "GS-JN-1251"), ("product", "TH-JN-1284")],
        "Do the Monroe jeans come in black, and how much are they?",
        [
            "Yes – the Tommy Hilfiger Monroe Bootcut 5-Pocket Jeans come in black (and dark indigo), priced at "
            "$80.99.",
            "They do: black or dark indigo, for $80.99.",
        ],
        [
            ("binding", "Yes, they come in black and cost $59.50."),
            ("entity", "Yes, in washed black and light wash, for $80.99."),
        ],
    ),
    (
        [("product", "EX-CT-1136"), ("product", "TH-JK-1133")],
        "Is the York overcoat or the Cedar rain jacket available in size S?",
        [
            "The Express York Wool Overcoat is in stock in S. The Tommy Hilfiger Cedar Rain Jacket comes in S but it's "
            "out of stock right now – it's only in stock in XS and M.",
            "Go with the York overcoat for an S; the Cedar rain jacket is sold out in S at the moment.",
        ],
        [
            ("binding", "The Cedar Rain Jacket is in stock in S; the York Overcoat is not."),
            ("universal", "Both are in stock in every size from XS to XL."),
        ],
    ),
    (
        [("product", "EX-CT-1136"), ("product", "TH-JK-1133")],
        "Which of the two comes in yellow?",
        [
            "The Tommy Hilfiger Women's Cedar Rain Jacket – it comes in yellow, black, olive and navy. The York "
            "overcoat is camel, black or charcoal.",
            "Only the Cedar rain jacket has a yellow option.",
        ],
        [
            ("binding", "The Express York Wool Overcoat comes in yellow, camel and black."),
            ("negation", "Neither – yellow isn't one of the colours for either."),
        ],
    ),
    (
        [("product", "TH-BT-1027"), ("product", "GS-BT-1200")],
        "What's the price difference between the Grove work boots and the Calder chukkas?",
        [
            "The Tommy Hilfiger Women's Grove Work Boots are $141.50 and the Guess Men's Calder Chukka Boots are "
            "$126.99, so the Grove is $14.51 more.",
            "Calder chukkas: $126.99. Grove work boots: $141.50. The chukkas are the cheaper pair.",
        ],
        [
            ("binding", "The Grove Work Boots are $126.99 and the Calder Chukkas $141.50."),
            ("binding", "The chukkas are the more expensive pair at $141.50."),
        ],
    ),
    (
        [("product", "TH-BT-1027"), ("product", "GS-BT-1200")],
        "Do the Calder chukkas come in tan, and is size 8 in stock?",
        [
            "Yes, the Guess Calder Chukka Boots come in tan (also grey and dark brown). Size 8 is offered but currently "
            "out of stock.",
            "Tan is one of the colours, yes – but size 8 is sold out right now. 7.5 and 8.5 are in stock.",
        ],
        [
            ("binding", "They come in tan and taupe, and size 8 is in stock."),
            ("negation", "Tan isn't available; the Calder only comes in grey and dark brown."),
        ],
    ),
    # ---- products no earlier set names
    (
        [("product", "TH-SW-1292")],
        "What colours does the Thornton cardigan come in?",
        [
            "The Tommy Hilfiger Women's Thornton Cardigan Sweater comes in cream, forest green and navy, and it's "
            "$53.99.",
            "You can get it in cream, forest green or navy.",
        ],
        [
            ("binding", "It comes in cream, forest green and burgundy."),
            ("invented", "It comes in cream, forest green and navy, and it's 20% off this week."),
        ],
    ),
    (
        [("product", "TH-SW-1292")],
        "Is the Thornton cardigan available in XXL?",
        [
            "Yes – the Thornton Cardigan Sweater is in stock in XXL, as it is in every size from XS to XXL.",
            "It is; all sizes, XS through XXL, are in stock.",
        ],
        [
            ("negation", "Sorry, XXL is out of stock in the Thornton cardigan."),
            ("binding", "Yes, XXL is in stock, and it costs $59.99."),
        ],
    ),
    (
        [("product", "BR-AC-1205")],
        "How much is the Mercer leather belt and what colours?",
        [
            "The Banana Republic Women's Mercer Leather Belt is $33.99 and comes in brown or cognac.",
            "It's $33.99, available in brown and cognac, in sizes S to XL.",
        ],
        [
            ("binding", "It's $33.99, in black or cognac."),
            ("invented", "It's $33.99, in brown or cognac, and it comes with a lifetime guarantee."),
        ],
    ),
    (
        [("product", "UQ-SH-1192")],
        "Does the Everett denim shirt come in a dark wash?",
        [
            "It doesn't – the Uniqlo Women's Everett Denim Button-Up Shirt comes in medium wash and light wash.",
            "Not in a dark wash, I'm afraid; the options are medium wash or light wash.",
        ],
        [
            ("negation", "Yes, it comes in dark wash as well as light wash."),
            ("invented", "Not right now, but a dark wash version is coming soon."),
        ],
    ),
    (
        [("product", "TH-JN-1054")],
        "Are the Sable tapered jeans in stock in 31?",
        [
            "Yes – the Tommy Hilfiger Men's Sable Tapered Jeans are in stock in 31. They're $94.99.",
            "Size 31 is available; in fact every size from 29 to 38 is in stock.",
        ],
        [
            ("negation", "Size 31 is out of stock at the moment."),
            ("binding", "Yes, 31 is in stock, at $80.99."),
        ],
    ),
    # ---- policy sections in new combinations
    (
        [(EXC, "Can I exchange an item for a different size or color?"), (EXC, "How do exchanges work?")],
        "How long do I have to swap for a different size as a Silver member, and who pays shipping?",
        [
            "As a Silver member you can exchange within your return window of 6 months. Exchanges are free – we send "
            "the replacement by standard shipping at no charge, and e-mail you a prepaid return label for the "
            "original.",
            "You have 6 months. There's no cost: the replacement goes out by standard shipping for free and the return "
            "label is prepaid.",
        ],
        [
            ("binding", "Silver members have 90 days to exchange, and the replacement ships free."),
            ("invented", "You have 6 months, and the replacement is sent by overnight shipping at no charge."),
            ("condition", "You have 6 months; the replacement ships once your return reaches our warehouse."),
        ],
    ),
    (
        [(EXC, "How do exchanges work?"), (CON, "Store visits")],
        "Can I do the exchange in a store on Sunday?",
        [
            "Yes, in-store exchanges are possible in Portland, Seattle and Chicago if the store has your size. On "
            "Sunday the stores are open 11:00 a.m. to 6:00 p.m. local time.",
            "You can – our Portland, Seattle and Chicago stores handle exchanges when they have your size, and on "
            "Sundays they're open from 11 a.m. until 6 p.m.",
        ],
        [
            ("binding", "Yes, on Sunday the stores are open 10:00 a.m. to 8:00 p.m. local time."),
            ("entity", "Yes, in our Portland, Seattle or Boston store, 11 a.m. to 6 p.m. on Sunday."),
            ("negation", "No, exchanges can't be done in store; they go by mail only."),
        ],
    ),
    (
        [(EXC, "Can I exchange for a different product?"), (EXC, "What if the size I want is out of stock?")],
        "Can I exchange my jeans for a jacket instead?",
        [
            "Exchanges only cover the same product in another size or colour. For a jacket, return the jeans for a "
            "refund and place a new order.",
            "Not as an exchange, unfortunately – those are for a different size or colour of the same item. You can "
            "return the jeans for a refund and then order the jacket.",
        ],
        [
            ("negation", "Yes, you can exchange the jeans for any other product of the same price."),
            ("invented", "Yes, and if the jacket costs more you only pay the difference."),
        ],
    ),
    (
        [(EXC, "What if the size I want is out of stock?")],
        "The size I want to exchange for is sold out.",
        [
            "We can back-order it for you – it ships as soon as it's back, usually within 2–3 weeks – or refund the "
            "item instead, whichever you prefer.",
            "Two options: a back-order (normally 2 to 3 weeks until it ships) or a refund.",
        ],
        [
            ("binding", "We can back-order it; it usually ships within 2–3 business days."),
            ("negation", "In that case the exchange can't go ahead and no refund is possible; you'd keep the item."),
            ("invented", "We can back-order it and send you a 20% promo code for the wait."),
        ],
    ),
    (
        [(PRI, "Gift wrapping and name stitching"), (MEM, "What is Northwind Plus?")],
        "I have Northwind Plus. What would gift wrapping and a monogram on two shirts cost me?",
        [
            "Gift wrapping is free for you as a Northwind Plus subscriber. Name stitching is $10.00 per item, so $20.00 "
            "for the two shirts, and it adds 2 business days.",
            "With Plus the wrapping costs nothing; the monogram is $10 a shirt – $20 in total.",
        ],
        [
            ("binding", "Gift wrapping is free with Plus, and the monogram is $5.00 per shirt, so $10.00."),
            ("invented", "With Plus both gift wrapping and name stitching are free."),
            ("binding", "Wrapping is free; the monogram is $10.00 per order, so $10.00 for both shirts."),
        ],
    ),
    (
        [(PRI, "Gift wrapping and name stitching")],
        "Can you stitch my full name, Alexandra Montgomery, on a sweater?",
        [
            "Name stitching takes up to 12 characters, so the full name (20 letters) won't fit – a shorter version or "
            "initials would work. It's $10.00 per item and adds 2 business days.",
            "We can stitch sweaters, but only up to 12 characters, so we'd need a shorter name. Keep in mind monogrammed "
            "items can't be returned unless defective.",
        ],
        [
            ("binding", "Sure – name stitching takes up to 20 characters, so that fits."),
            ("entity", "Name stitching is available on shirts, jackets and jeans, up to 12 characters."),
            ("negation", "Yes, and monogrammed items can be returned like any other item."),
        ],
    ),
    (
        [(PRI, "Does my cart qualify for free shipping?")],
        "My cart is $80 but I have a $10 coupon. Is standard shipping free?",
        [
            "It depends on the total after the discount: free standard shipping needs $75 or more after discounts and "
            "before tax. $80 minus $10 is $70, so it wouldn't qualify unless you're a Northwind Plus subscriber.",
            "Not quite – the $75 threshold is counted after discounts, and your cart would be $70.",
        ],
        [
            ("condition", "Yes – the $75 threshold is checked before discounts, so your $80 cart qualifies."),
            ("condition", "Yes, it counts after tax, so with sales tax you'll be over $75."),
        ],
    ),
    (
        [(PRI, "Do you price match?"), (PRI, "Why did the price change?")],
        "The coat I bought yesterday is cheaper today. Can you refund the difference?",
        [
            "I'm sorry – we don't adjust the price of an order after it was placed when the price drops later; our "
            "prices are updated regularly based on demand and stock. If it leaves you unhappy, our customer care team "
            "can offer a one-time promo code for 20% off your next purchase.",
            "Unfortunately we don't refund price drops after an order is placed. Customer care can give you a one-time "
            "20% off code for your next purchase, though.",
        ],
        [
            ("negation", "Yes, we'll refund the difference since the price dropped within a day."),
            ("binding", "We don't adjust it, but customer care can offer a one-time promo code for 10% off your next purchase."),
            ("condition", "We adjust the price if it drops within 7 days of your order."),
        ],
    ),
    (
        [(PRO, "When are your sales?")],
        "When does the Summer Sale start and how long does it last?",
        [
            "The Summer Sale starts on the second Monday of July and runs for 2 weeks. Northwind Plus subscribers get "
            "in 24 hours early.",
            "It kicks off on the second Monday in July and lasts two weeks.",
        ],
        [
            ("binding", "The Summer Sale starts on the second Monday of July and runs for 10 days."),
            ("binding", "It starts on the last Friday of July and runs for 2 weeks."),
            ("entity", "It starts the second Monday of July; Gold members get 24-hour early access."),
        ],
    ),
    (
        [(PRO, "When are your sales?")],
        "When is the Annual Sale?",
        [
            "Our Annual Sale – the biggest of the year – begins on the last Friday of November and runs for 10 days.",
            "It starts on the last Friday in November and lasts 10 days; Plus subscribers get 24-hour early access.",
        ],
        [
            ("binding", "It starts on the last Friday of November and runs for 2 weeks."),
            ("word", "It starts on the first Friday of November and runs for 10 days."),
        ],
    ),
    (
        [(PRO, "How do promo codes work?")],
        "Can I use my newsletter code together with the 20% code customer care sent me?",
        [
            "Sorry, only one promo code can be used per order – codes can't be combined. You could use one now and "
            "keep the other for a later order, as long as it's still valid (codes usually last 7 days).",
            "No, codes can't be stacked: it's one promo code per order.",
        ],
        [
            ("negation", "Yes, a newsletter code can be combined with a customer-care code."),
            ("binding", "No, one code per order; codes are valid for 10 days from the day they're issued."),
            ("invented", "Only one per order, but we'll apply the higher one automatically and refund the other as store credit."),
        ],
    ),
    (
        [(PRO, "Store credit"), (REF, "How will I get my money back?")],
        "If I take my refund as store credit, does it expire?",
        [
            "No – store credit never expires. It's added to your account right away and applied automatically at "
            "checkout, though it can't be exchanged for cash.",
            "It doesn't expire. It goes onto your Northwind Threads account immediately and is used automatically when "
            "you check out.",
        ],
        [
            ("negation", "Store credit expires after 12 months, so use it within the year."),
            ("invented", "It never expires, and you get 10% extra when you choose store credit."),
            ("word", "It never expires and can be exchanged for cash at any of our stores."),
        ],
    ),
    (
        [(REF, "How will I get my money back?")],
        "I paid with PayPal – where does my refund go?",
        [
            "If you choose the original payment method, PayPal orders are refunded to PayPal. You could also take store "
            "credit, a gift card or a paper check instead.",
            "Back to your PayPal account, if you pick the original method. Store credit, a mailed gift card or a paper "
            "check are the other options.",
        ],
        [
            ("entity", "PayPal orders are refunded to the credit or debit card linked to your account."),
            ("universal", "All refunds go back to the original card; there are no other options."),
        ],
    ),
    (
        [(REF, "Can I add another item to an existing refund?")],
        "Can I add a second item to the refund I already have open?",
        [
            "Yes. Tell us the item (brand and type, e.g. \"Guess jeans\") and its price, and we'll add it to your open "
            "refund; the amount becomes the total of both.",
            "Sure – just give us the brand, the type of item and the price, and we'll add it to the same refund.",
        ],
        [
            ("negation", "No, each refund covers one item; you'll need to start a separate return."),
            ("condition", "Yes, but only if the second item is from the same order."),
        ],
    ),
    (
        [(REF, "I see a fee on my order that I do not recognise")],
        "I'm a Bronze member and there's an overnight shipping charge I chose at checkout but regret. Can you remove it?",
        [
            "I'm sorry – for Bronze members a fee that was correctly charged, like overnight shipping chosen at "
            "checkout, stays. If it had been our mistake, we'd remove it.",
            "Unfortunately not: since it was chosen at checkout it was charged correctly, and for Bronze members such "
            "fees stay. Silver and Gold members can have unexpected fees removed on request.",
        ],
        [
            ("entity", "Yes, Bronze members always have unexpected fees removed on request."),
            ("negation", "Yes, any fee is removed on request, whether or not it was charged correctly."),
        ],
    ),
    (
        [(REF, "I was charged for something I returned or never bought")],
        "I got charged for a jacket I sent back. I'm Gold.",
        [
            "Sorry about that! Send us the order number. As a Gold member you get the credit right away while we "
            "investigate.",
            "Please contact us with your order number – Gold members receive the credit in every case while we look "
            "into it.",
        ],
        [
            ("condition", "As a Gold member you get the credit once our investigation confirms the mistake."),
            ("entity", "Please send the order number; Silver and Gold members get the credit right away while we investigate."),
        ],
    ),
    (
        [(PAY, "Gift cards"), (PAY, "Which payment methods do you accept?")],
        "Can I buy a $600 gift card, and can I pay for it with Klarna?",
        [
            "Gift cards go from $25 up to $500, so $600 isn't possible as one card. And we don't accept buy-now-pay-"
            "later services like Klarna – you could pay with a credit or debit card or PayPal.",
            "The maximum is $500 per gift card. Buy-now-pay-later isn't accepted; cards and PayPal are.",
        ],
        [
            ("binding", "Gift cards go up to $1,000, so yes; but Klarna isn't accepted."),
            ("negation", "Yes to both – gift cards go up to $600 and we accept buy-now-pay-later services."),
        ],
    ),
    (
        [(PAY, "My card keeps getting declined")],
        "My card got declined twice. What should I do?",
        [
            "Try re-entering the card number, expiration date, security code and billing ZIP code carefully, and check "
            "the card hasn't expired. Logging out and back in can help too. If it still fails, call us during customer "
            "care hours and we can place the order over the phone with the same card.",
            "First double-check the details (including the billing ZIP), then the expiry date, then log out and in "
            "again. Still stuck? Phone us in care hours and we'll place the order for you.",
        ],
        [
            ("word", "Re-enter the card details including the shipping ZIP code, and check the card hasn't expired."),
            ("invented", "Call us and we'll place the order over the phone with any other card, and waive the shipping fee."),
            ("entity", "If it still fails, we can tell you why your bank declined it."),
        ],
    ),
    (
        [(CON, "Customer care hours")],
        "Can I talk to a person on Saturday afternoon?",
        [
            "Yes – on Saturdays customer care is open 9:00 a.m. to 5:00 p.m. Eastern Time. The online assistant is "
            "available around the clock and can pass you to a person during those hours.",
            "You can, until 5 p.m. ET; weekend hours are 9 to 5 Eastern.",
        ],
        [
            ("binding", "Yes, on Saturday we're open 8:00 a.m. to 8:00 p.m. ET."),
            ("word", "Yes, until 5 p.m. Pacific Time on Saturdays."),
            ("negation", "No, customer care is closed on weekends."),
        ],
    ),
    (
        [(CON, "Customer care hours")],
        "Are you open on Thanksgiving?",
        [
            "Customer care is closed on Thanksgiving Day. The online assistant is still available 24/7, but it can't "
            "hand you over to a person that day.",
            "No, we're closed on Thanksgiving – and on New Year's Day and Christmas Day too.",
        ],
        [
            ("negation", "Yes, we're open on Thanksgiving with the usual weekday hours."),
            ("entity", "We're closed on Thanksgiving, Christmas Day and the Fourth of July."),
        ],
    ),
    (
        [(SHIP, "Where we ship: United States")],
        "Can I get Overnight shipping to my P.O. box?",
        [
            "Unfortunately not: P.O. boxes are served by Economy shipping only. Standard and Overnight need a street "
            "address.",
            "Overnight needs a street address, so a P.O. box would have to go by Economy.",
        ],
        [
            ("negation", "Yes, Overnight shipping is available to P.O. boxes."),
            ("entity", "P.O. boxes can get Standard shipping, but not Overnight."),
        ],
    ),
    (
        [(SHIP, "My package says delivered but I don't have it")],
        "Tracking says delivered 3 days ago but nothing's here.",
        [
            "Packages are sometimes marked delivered a little early and turn up a day or two later. Since it's been "
            "less than 7 days, please check with your neighbours and your building's mail room and give it a couple "
            "more days. If it still hasn't come after 7 days, contact us and we'll send a replacement free of charge.",
            "It may still turn up – that happens. Give it a few more days and check with neighbours; if 7 days pass "
            "with no package, we'll send a free replacement.",
        ],
        [
            ("condition", "Since it's been 3 days, contact us now and we'll send a replacement free of charge."),
            ("binding", "If it hasn't arrived after 14 days, contact us and we'll send a replacement."),
            ("invented", "Contact us after 7 days and we'll send a replacement and refund your shipping as well."),
        ],
    ),
    (
        [(SHIP, "Changing the delivery speed")],
        "My order already shipped Standard. Can I switch it to Economy and get something back? I'm a guest.",
        [
            "Since it has already shipped, a guest can't receive a credit for downgrading, I'm afraid. Bronze, Silver "
            "and Gold members get the shipping fee back as store credit in that case.",
            "Unfortunately not – once an order has shipped, only members (Bronze, Silver, Gold) get the fee back as "
            "store credit; guests can't receive a credit.",
        ],
        [
            ("entity", "Yes – once shipped, you get the shipping fee back as store credit."),
            ("invented", "Yes, guests get the shipping fee refunded to their card instead of store credit."),
        ],
    ),
    (
        [(MEM, "Checking and paying your Northwind Plus bill"), (MEM, "Late on a subscription payment")],
        "I'm Silver and my Plus payment is 3 days late. Can I get an extension?",
        [
            "I'm sorry – Silver members can get an extension only if the payment is no more than 1 day late, so at 3 "
            "days it's not possible. Your Plus benefits are paused until you pay and come back as soon as you do.",
            "Not at 3 days late, unfortunately: Silver extensions are for payments at most 1 day overdue. Once you pay, "
            "the benefits resume right away.",
        ],
        [
            ("binding", "Yes, Silver members can get an extension if the payment is no more than 3 days late."),
            ("entity", "Yes, Silver members can always get an extension."),
            ("negation", "Your benefits keep running while the payment is overdue, so there's no rush."),
        ],
    ),
    (
        [(MEM, "What is Northwind Plus?")],
        "Is Northwind Plus only for Gold members?",
        [
            "No, Northwind Plus is open to every account holder at any membership level. It's $99 a year and renews "
            "automatically.",
            "Not at all – anyone with an account can subscribe, whatever their level.",
        ],
        [
            ("negation", "Yes, Northwind Plus is only available to Gold members."),
            ("binding", "No, it's open to everyone; it costs $99 a month."),
            ("invented", "It's open to everyone, and Gold members get it at half price."),
        ],
    ),
    (
        [(MEM, "How long does membership last?")],
        "If my spending drops, can I lose Silver halfway through the year?",
        [
            "No – levels are never lowered during the 12 months. At the end of that period we look at your last 12 "
            "months of spending and renew or adjust your level.",
            "Your Silver status lasts the full 12 months from when you reached it; it's only reviewed at the end.",
        ],
        [
            ("negation", "Yes, we review spending every month and can lower your level at any time."),
            ("binding", "No, Silver lasts 6 months from the day you reach it, then it's reviewed."),
        ],
    ),
    (
        [(RET, "Returns outside your window")],
        "I'm a Guest and my 30 days are up, but I have the receipt. Can I still return it?",
        [
            "Yes – with the original receipt we can still accept the return, at any membership level.",
            "You can: the receipt lets us take it back even outside the window.",
        ],
        [
            ("entity", "Only if it's in its original packaging – for guests a receipt isn't enough."),
            ("negation", "No, guests can't return anything after 30 days, even with a receipt."),
        ],
    ),
    (
        [(RET, "Ways to send a return back")],
        "Do I have to mail my return or are there other ways?",
        [
            "You have three options: by mail with the prepaid label we e-mail you, in one of our stores in Portland, "
            "Seattle or Chicago, or by dropping the package with the label at any UPS Access Point location.",
            "Mail is just one way. You can also bring it to our Portland, Seattle or Chicago store, or drop it at a UPS "
            "Access Point.",
        ],
        [
            ("universal", "Returns can only be sent by mail with the prepaid label."),
            ("entity", "You can mail it, bring it to a store, or drop it at any USPS post office."),
        ],
    ),
]
