"""shop_blind7: a seventh set of shop answers, written (round 8, verifier) from the data only (knowledge/ and the demo
store's customers/orders), BEFORE any round-8 change to the checker and before the round-8 engineer read the checker's
code; committed before the checker first ran on it. The unseen set of round 8: run at the start and at the end, only
its aggregate figures looked at, its errors never read while tuning.

It covers what round 8 works on, with groundings no earlier set uses in the same combination:
- a customer's OWN orders (one or two order fact lines, bot.core.lookups.describe_order), answered in paraphrase;
- policy conditions tied to the order's state (processing / shipped / delivered / returned / cancelled) and to the
  shopper's membership level (stated in the question, as the order desk knows it);
- list answers: complete lists are supported; a "list" twin claims to give the whole list (a count, "only", "exactly",
  "those are all") and omits items.
Wrong twins: binding (a value bound to the wrong order or attribute), entity, condition (wrong state or membership
condition), negation, invented promise, word (one wrong word), list (an incomplete list that claims to be complete).

Caveat: written by the round-8 verifier engineer himself (no second writer); blind to the code, not to the author.
Same item format as grounding_items.py.
"""

ORD = "policies/orders.md"
REF = "policies/refunds.md"
RET = "policies/returns.md"
SHIP = "policies/shipping.md"
MEM = "policies/membership.md"
PAY = "policies/payments.md"
PROMO = "policies/promotions.md"

BLIND7 = [
    (
        [("order", "ORD-13800"), ("order", "ORD-13977")],
        "when will my rain jackets get here?",
        [
            "Your two Michael Kors Women's Harbor Rain Jackets are in ORD-13800, which shipped with UPS (tracking "
            "1ZR1B41P2701143777). The estimated delivery is December 2, 2026.",
            "They're on their way! ORD-13800 went out with UPS and should reach you by Dec 2.",
            "The rain jackets (2 of them) are part of order ORD-13800. It has shipped and is expected on 2026-12-02.",
        ],
        [
            ("binding", "Your rain jackets are in ORD-13800 and should arrive by 2026-12-04."),
            ("entity", "Your rain jackets are in ORD-13977, which shipped with UPS and is expected on December 4."),
            ("negation", "ORD-13800 with your rain jackets hasn't shipped yet; it's still being processed."),
        ],
    ),
    (
        [("order", "ORD-13645")],
        "did my boots come early? and what did I pay for overnight?",
        [
            "Yes – ORD-13645 was delivered on November 23, a day ahead of the November 24 estimate. Overnight "
            "shipping on that order cost $20.00.",
            "They arrived a day early (delivered 2026-11-23, estimated 2026-11-24), and you paid $20.00 for "
            "overnight shipping.",
        ],
        [
            ("binding", "They arrived on 2026-11-24, right on the estimated date, and overnight shipping cost $20.00."),
            ("negation", "No, they arrived a day late, on 2026-11-24; overnight shipping cost $20.00."),
            ("word", "Yes, they were delivered on 2026-11-23, and overnight shipping was free on this order."),
        ],
    ),
    (
        [("order", "ORD-13852"), ("order", "ORD-13632")],
        "what's in my economy order and how much was it?",
        [
            "Your economy order is ORD-13852: one Tommy Hilfiger Women's Monroe Flannel Button-Down Shirt, two Tommy "
            "Hilfiger Women's Thornton Denim Button-Up Shirts and a Gap Men's Thornton Parka. The items came to "
            "$400.47, plus $5.00 for economy shipping.",
            "ORD-13852 (economy, $5.00 shipping) has the Monroe flannel shirt, 2 Thornton denim shirts and the "
            "Thornton parka – $400.47 for the items.",
        ],
        [
            (
                "list",
                "Your economy order ORD-13852 contains two items: the Monroe Flannel Button-Down Shirt and the "
                "Gap Men's Thornton Parka, $400.47 in total.",
            ),
            (
                "entity",
                "ORD-13852 has the Tommy Hilfiger Women's Sutton Peacoat and a Michael Kors baseball cap, "
                "$400.47 for the items.",
            ),
            ("binding", "ORD-13852 came to $434.98 for the items, plus $5.00 economy shipping."),
        ],
    ),
    (
        [("order", "ORD-14055"), (ORD, "What can I change, and until when?")],
        "can I still change the size of the sweater in ORD-14055?",
        [
            "Yes – ORD-14055 is still processing and hasn't shipped, so you can still change the size of the "
            "Kingsley Merino Sweater.",
            "You can: an item's size can be changed until the order ships, and ORD-14055 is still being processed.",
        ],
        [
            ("negation", "Unfortunately ORD-14055 has already shipped, so the size can no longer be changed."),
            ("condition", "Yes, sizes can be changed until the order is delivered, so you have until 2026-12-03."),
            ("invented", "Yes, and we'll upgrade it to overnight shipping for free while we're at it."),
        ],
    ),
    (
        [("order", "ORD-13849"), (ORD, "What can I change, and until when?")],
        "I need to change the delivery address on ORD-13849",
        [
            "I'm sorry, ORD-13849 has already shipped with UPS, and once an order has shipped the address can no "
            "longer be changed.",
            "Unfortunately that one is already on its way (tracking 1ZF3L1DY2467553500), so the shipping address "
            "can't be changed anymore.",
        ],
        [
            (
                "condition",
                "No problem – the address can be changed until the order is delivered, and ORD-13849 is "
                "only due on 2026-12-02.",
            ),
            ("negation", "Sure, ORD-13849 hasn't shipped yet, so we can still update the address."),
        ],
    ),
    (
        [("order", "ORD-13735"), (ORD, "Cancelling an order")],
        "please cancel ORD-13735, I checked out as a guest",
        [
            "ORD-13735 has already shipped, so it can't simply be cancelled. As a guest, please wait until the "
            "package arrives and then return it for a refund as described in our returns policy.",
            "Since your coat is already on its way, the refund for a guest order comes through a return: once it "
            "arrives, send it back and you'll be refunded.",
        ],
        [
            (
                "condition",
                "It has shipped, but we'll refund you immediately; when the package arrives, contact us "
                "for a free return label.",
            ),
            ("negation", "ORD-13735 hasn't shipped yet, so we can cancel it and refund you immediately."),
        ],
    ),
    (
        [("order", "ORD-13677"), (ORD, "Cancelling an order")],
        "I want to cancel ORD-13677. I'm a Bronze member.",
        [
            "ORD-13677 is already on its way with DHL Express, but as a Bronze member you're refunded immediately. "
            "When the package arrives, contact us for a free return label and send the items back.",
            "Because it has shipped we can't stop it, but Bronze members get the refund right away. Just ask us for "
            "a free return label once it's delivered.",
        ],
        [
            (
                "condition",
                "It has shipped, so please wait until it arrives and return it for a refund; only Gold "
                "members are refunded immediately.",
            ),
            ("invented", "We'll refund you immediately, and you can keep the dresses – no need to send them back."),
            ("negation", "It hasn't shipped yet, so we'll cancel it and refund you right away."),
        ],
    ),
    (
        [("order", "ORD-13343"), (SHIP, "Changing the delivery speed")],
        "Can I upgrade ORD-13343 to overnight?",
        [
            "ORD-13343 has already shipped, so the delivery speed can't be changed anymore – an upgrade to Overnight "
            "is only possible before an order ships.",
            "Sorry, too late for that one: it's already on its way with DHL Express, and once an order has shipped "
            "the date can't be changed. It will usually arrive within a day or two anyway.",
        ],
        [
            ("negation", "Yes, it hasn't shipped yet, so you can upgrade it to Overnight for $20.00."),
            ("condition", "Yes – a shipped order can still be upgraded to Overnight for $20.00."),
        ],
    ),
    (
        [("order", "ORD-14055"), (SHIP, "Changing the delivery speed")],
        "can I switch ORD-14055 to the slower shipping to save money?",
        [
            "Yes – ORD-14055 hasn't shipped yet, so we can move it to Economy (next-week delivery).",
            "Since it's still processing, we can switch it to Economy shipping for next-week delivery.",
        ],
        [
            ("negation", "It has already shipped, so instead you'll get the shipping fee back as store credit."),
            ("invented", "Yes, we'll move it to Economy and refund the $8.00 standard shipping to your card."),
        ],
    ),
    (
        [("order", "ORD-13455"), (SHIP, "Changing the delivery speed")],
        "ORD-13455 already shipped. I'm a Silver member - can I still get something back if I downgrade the shipping?",
        [
            "Since ORD-13455 has already shipped it can't be moved to Economy, but as a Silver member you get the "
            "shipping fee back as store credit – that's the $25.00 you paid.",
            "Yes: for an order that has shipped, Bronze, Silver and Gold members receive the shipping fee back as "
            "store credit, so your $25.00 would come back as credit.",
        ],
        [
            ("condition", "No – once an order has shipped, only Gold members get the shipping fee back."),
            ("word", "Yes, you'll get the $25.00 back as a refund to your card."),
            ("binding", "Yes, you'd get $8.00 back as store credit."),
        ],
    ),
    (
        [("order", "ORD-13310"), (SHIP, "Shipping fee refunds")],
        "the shipping on ORD-13310 seems too high, can you do anything?",
        [
            "ORD-13310 is in transit and hasn't gone out for delivery yet, so we can waive its $25.00 shipping fee.",
            "Yes – because the order is still on its way and not out for delivery yet, the $25.00 shipping charge "
            "can be waived.",
        ],
        [
            ("condition", "Since it has already shipped, we can only refund the standard shipping fee of $8.00."),
            ("negation", "Unfortunately shipping fees can't be changed once an order has shipped."),
        ],
    ),
    (
        [("order", "ORD-13157"), (SHIP, "Shipping fee refunds")],
        "I paid shipping on ORD-13157 and that seems steep. Can I get it back?",
        [
            "ORD-13157 has already been delivered, so the fee can't be waived anymore, but we can refund the "
            "standard shipping fee of $8.00.",
            "Since it was delivered on November 20, the $8.00 standard shipping can be refunded.",
        ],
        [
            ("negation", "It hasn't gone out for delivery yet, so we can waive the whole fee."),
            ("invented", "Yes, we'll refund the $8.00 and add a 20% promo code for your next order."),
            ("binding", "Yes, we can refund the $20.00 you paid for shipping."),
        ],
    ),
    (
        [("order", "ORD-13008"), (RET, "International returns"), (REF, "Are shipping fees refunded?")],
        "Was anything taken off my refund for ORD-13008? I'm a guest in Australia and the items just didn't fit.",
        [
            "Yes. ORD-13008 was returned from outside the US, so a $15.00 return shipping fee is deducted from the "
            "refund, and because the items weren't damaged or defective, the $25.00 you paid for international "
            "shipping isn't refunded either.",
            "For international returns a $15.00 return shipping fee comes off the refund unless you're a Gold member "
            "or the item arrived damaged or defective – neither applies here. The original $25.00 shipping isn't "
            "refunded for a fit return.",
        ],
        [
            ("condition", "No – the $15.00 return fee is only charged to Bronze members, so your refund is complete."),
            (
                "condition",
                "The $15.00 return fee was deducted, but your $25.00 shipping was refunded because you "
                "returned the items.",
            ),
            ("negation", "Nothing was deducted: international returns are free for guests."),
        ],
    ),
    (
        [("order", "ORD-12799"), (RET, "How long do I have to return an item?"), (RET, "Returns outside your window")],
        "can I still return the belt from ORD-12799? I checked out as a guest and don't have the receipt anymore",
        [
            "As a guest your return window is 30 days from the purchase date. ORD-12799 was placed on October 28, "
            "2026, so the window ended in late November. Without the original receipt we can't accept the return "
            "outside the window – the original-packaging exception is only for Bronze and Silver members.",
            "I'm afraid not: guest returns have a 30-day window counted from the purchase date (2026-10-28), and "
            "after that we need the original receipt. Original packaging only counts for Bronze and Silver members.",
        ],
        [
            (
                "condition",
                "If it's still in its original packaging, we can accept it even though your 30-day window has passed.",
            ),
            ("binding", "Guests have 90 days from the purchase date, so you can return it until late January."),
            (
                "condition",
                "Guests have 30 days counted from the delivery date, 2026-11-02, so you're within the "
                "window until December 2.",
            ),
        ],
    ),
    (
        [("order", "ORD-12724"), (RET, "How long do I have to return an item?")],
        "I'm a Silver member, am I still able to return the jeans from ORD-12724?",
        [
            "Yes. Silver members have 6 months from the purchase date, and ORD-12724 was placed on October 19, "
            "2026, so you can return the jeans until April 2027.",
            "You're well within your window – as Silver you get 6 months (180 days) from the purchase date of "
            "2026-10-19.",
        ],
        [
            ("binding", "Silver members have 90 days from the purchase date, so you have until mid-January 2027."),
            ("entity", "Yes – Silver members have no time limit on returns."),
            ("condition", "Silver members have 6 months from the delivery date, 2026-10-26."),
        ],
    ),
    (
        [("order", "ORD-13837"), (ORD, "Adding an item after the order shipped")],
        "Can you add a belt to ORD-13837? I'm a Silver member.",
        [
            "ORD-13837 has already shipped, so we can't add to it – but as a Silver member you can have the belt "
            "sent right away as a separate order with no shipping fee.",
            "Items can't be added once an order ships, and that one is on its way. Silver and Gold members can get "
            "the new item sent separately, free of shipping.",
        ],
        [
            ("condition", "It has shipped, so you'll need to place a new order and pay shipping as usual."),
            ("negation", "Sure, we'll add the belt to ORD-13837 – it hasn't shipped yet."),
            ("invented", "It's shipped, but we'll send the belt separately with no shipping fee and 20% off."),
        ],
    ),
    (
        [("order", "ORD-13632"), (ORD, "Changing the payment method")],
        "can I switch ORD-13632 to PayPal?",
        [
            "You can switch between credit card, debit card and PayPal until the order is out for delivery. "
            "ORD-13632 has shipped with UPS; if it isn't out for delivery yet we can still change it, otherwise "
            "PayPal would apply to your future orders only.",
        ],
        [
            (
                "condition",
                "No – ORD-13632 has already shipped, and the payment method can only be changed before an order ships.",
            ),
            ("invented", "Yes, and you can also switch it to Apple Pay or a buy-now-pay-later plan."),
        ],
    ),
    (
        [(MEM, "What are the membership levels?")],
        "what membership tiers do you have?",
        [
            "There are four levels in Northwind Rewards: Guest, Bronze, Silver and Gold. Bronze is free when you "
            "create an account, Silver takes $500 of spending in 12 months and Gold $1,500.",
            "Four: Guest (no sign-up needed), Bronze (free to join), Silver ($500+ in 12 months) and Gold, the "
            "premium tier ($1,500+ in 12 months).",
        ],
        [
            ("list", "We have three membership levels: Bronze, Silver and Gold."),
            ("binding", "Guest, Bronze, Silver and Gold – Silver needs $1,500 of spending in 12 months and Gold $500."),
            ("list", "The levels are Bronze, Silver and Gold – Bronze is free when you create an account."),
        ],
    ),
    (
        [(RET, "Condition of returned items")],
        "what can't be returned?",
        [
            "Socks, monogrammed (name-stitched) items and hemmed jeans can't be returned unless they arrived damaged "
            "or defective, and gift cards can't be returned at all.",
            "A few things can't come back: gift cards, plus socks, name-stitched items and hemmed jeans – those three "
            "only if they arrived damaged or defective.",
        ],
        [
            (
                "list",
                "Only three kinds of items can't be returned: socks, monogrammed items and hemmed jeans, unless "
                "they arrived damaged or defective.",
            ),
            (
                "negation",
                "Gift cards can be returned if unused; socks, monogrammed items and hemmed jeans can't be "
                "returned unless damaged.",
            ),
            (
                "condition",
                "Socks, monogrammed items and hemmed jeans can be returned as long as they're unworn with "
                "the tags attached; gift cards can't be returned.",
            ),
        ],
    ),
    (
        [(RET, "Ways to send a return back")],
        "how can I send something back?",
        [
            "There are three ways: by mail with the prepaid label we e-mail you (free within the US), in one of our "
            "stores in Portland, Seattle or Chicago, or at any UPS Access Point drop-off.",
            "You can mail it with our prepaid return label, bring it with your order number to the Portland, Seattle "
            "or Chicago store, or drop it off at a UPS Access Point.",
        ],
        [
            ("list", "You have two options: mail it back with our prepaid label, or drop it at a UPS Access Point."),
            (
                "entity",
                "Mail it with our prepaid label, bring it to our Portland, Seattle or Denver store, or drop it "
                "at a UPS Access Point.",
            ),
            ("entity", "Mail it with the prepaid label, bring it to a store, or leave it at any FedEx location."),
        ],
    ),
    (
        [(PAY, "Which payment methods do you accept?")],
        "what payment options do you take?",
        [
            "We accept Visa, Mastercard, American Express and Discover credit cards, debit cards with a Visa or "
            "Mastercard logo, PayPal, and Northwind Threads gift cards and store credit.",
            "Credit cards (Visa, Mastercard, Amex, Discover), Visa or Mastercard debit cards, PayPal, plus our own "
            "gift cards and store credit.",
        ],
        [
            ("list", "We take exactly three payment methods: credit cards, debit cards and PayPal."),
            ("negation", "Credit and debit cards, PayPal and gift cards – and you can also pay cash on delivery."),
            ("negation", "Visa, Mastercard and Discover credit cards – but not American Express."),
        ],
    ),
    (
        [(ORD, "What can I change, and until when?")],
        "what can I still change on an order before it ships?",
        [
            "Until it ships you can change the shipping address, change an item or its size or color, add an item, "
            "change the delivery speed, change the payment method, or cancel the order or remove an item.",
            "Quite a lot: the address, the items (including size and color), adding something, the delivery speed "
            "and the payment method – and you can still cancel or remove an item.",
        ],
        [
            ("list", "Before it ships you can change just two things: the shipping address and the payment method."),
            (
                "condition",
                "You can change the address, items, delivery speed and payment method, and all of that "
                "stays possible after it ships, right up until delivery.",
            ),
        ],
    ),
    (
        [(MEM, "What is Northwind Plus?")],
        "what do I get with Northwind Plus?",
        [
            "Northwind Plus costs $99 a year and gives you free standard shipping on every US order with no minimum, "
            "free gift wrapping, and 24-hour early access to the Summer Sale and the Annual Sale.",
            "For $99/year (it renews automatically) you get free standard US shipping with no minimum, free gift "
            "wrapping and a 24-hour head start on the Summer and Annual Sales.",
        ],
        [
            (
                "list",
                "Plus gives you exactly two perks for $99 a year: free standard US shipping and free gift wrapping.",
            ),
            (
                "word",
                "For $99 a year you get free overnight shipping on every US order, free gift wrapping and early "
                "sale access.",
            ),
            ("condition", "Plus is only open to Silver and Gold members and costs $99 a year."),
        ],
    ),
    (
        [(MEM, "Membership benefits: returns and shipping")],
        "what's the return window for each membership level?",
        [
            "Guest 30 days, Bronze 90 days, Silver 6 months, and Gold has no time limit.",
            "It goes by level: 30 days for Guests, 90 days for Bronze, 6 months for Silver and unlimited for Gold.",
        ],
        [
            ("list", "Bronze gets 90 days, Silver 6 months and Gold unlimited – those are all the levels."),
            ("binding", "Guest 90 days, Bronze 30 days, Silver 6 months, Gold unlimited."),
        ],
    ),
    (
        [(MEM, "Late on a subscription payment")],
        "I'm Silver and my Plus payment is 3 days late. Can I get an extension?",
        [
            "I'm sorry – Silver members can only get an extension when the payment is no more than 1 day late, so at "
            "3 days it isn't possible. Your Plus benefits are paused until you pay and come back as soon as you do.",
            "Unfortunately not: for Silver the extension only applies up to 1 day late. Once you pay, the benefits "
            "resume right away.",
        ],
        [
            ("condition", "Yes – Silver members can always get an extension."),
            ("condition", "No – only Gold members can get extensions; Silver members never can."),
            (
                "negation",
                "You can't get an extension, but your Plus benefits stay active while the payment is overdue.",
            ),
        ],
    ),
    (
        [(MEM, "Billing disputes")],
        "I'm a Silver member and was billed twice for Plus, so $99 extra. Refund?",
        [
            "Sorry about that! Silver members are refunded right away only when the difference is under $10, so for "
            "$99 we'll check our records and refund any amount we charged in error.",
            "Since the difference is more than $10, it isn't an instant refund for Silver – we check our records "
            "first and then refund anything charged by mistake.",
        ],
        [
            ("condition", "As a Silver member you get the $99 difference refunded right away."),
            ("negation", "Only Gold members can get a refund for a billing error."),
        ],
    ),
    (
        [("order", "ORD-13033"), (REF, "I see a fee on my order that I do not recognise")],
        "there's a $20 overnight charge on ORD-13033 I don't want to pay. I'm Bronze - can you remove it?",
        [
            "The $20.00 on ORD-13033 is its overnight shipping charge. If it was charged by mistake we'll remove it, "
            "but for Bronze members a correctly charged fee, like overnight shipping chosen at checkout, stays.",
            "If the overnight fee was our mistake, we remove it. Otherwise it stays: removal of unexpected fees on "
            "request is a Silver and Gold benefit.",
        ],
        [
            ("condition", "Yes – Bronze members always have unexpected fees removed on request."),
            ("binding", "The $8.00 standard shipping fee on ORD-13033 can be removed."),
        ],
    ),
    (
        [("order", "ORD-13247"), (REF, "How long does a refund take?")],
        "I returned ORD-13247 but haven't seen the money. I'm Gold.",
        [
            "ORD-13247 shows as returned. Refunds reach you within 7 days of the day we received the return, and as "
            "a Gold member you can ask us to issue the credit even before the 7 days are up.",
            "Your return for ORD-13247 is recorded. Normally the refund arrives within 7 days of us receiving the "
            "return; Gold members can have the credit issued early – just ask.",
        ],
        [
            ("negation", "Refunds take 7 days and nobody can get the credit sooner, not even Gold members."),
            ("binding", "Refunds reach you within 3 business days of the day we received your return."),
            ("invented", "As a Gold member you'll also get a 20% promo code for the wait."),
        ],
    ),
    (
        [("order", "ORD-13484"), (SHIP, "My package says delivered but I don't have it")],
        "ORD-13484 says delivered but I never got it",
        [
            "ORD-13484 was marked delivered on November 25, 2026. Packages are sometimes marked delivered a little "
            "early – if it's been less than 7 days, please check with your neighbors and your building's mail room "
            "and give it a couple more days. If 7 days or more pass and it still hasn't arrived, contact us and we'll "
            "send a replacement free of charge.",
            "It shows as delivered by UPS on 2026-11-25. Give it a couple more days and check with neighbours and "
            "your mail room; from 7 days on, we'll send a free replacement after confirming your address.",
        ],
        [
            ("condition", "Since it's marked delivered, we'll send a replacement right away, free of charge."),
            ("binding", "It was delivered on 2026-11-26; if 14 days pass, we'll send a replacement."),
            ("invented", "We'll refund the order in full and also send a replacement."),
        ],
    ),
    (
        [("order", "ORD-13611")],
        "what happened with my bootcut jeans order?",
        [
            "ORD-13611, with the Tommy Hilfiger Women's Brooklyn Bootcut 5-Pocket Jeans, shows as returned.",
            "That order (ORD-13611) was returned – it had the Brooklyn Bootcut jeans and the Quincy Slim Stretch "
            "Jeans, $269.99 for the items.",
        ],
        [
            ("negation", "ORD-13611 was delivered on 2026-11-24 and hasn't been returned."),
            ("word", "ORD-13611 was cancelled before it shipped."),
        ],
    ),
    (
        [("order", "ORD-13343"), ("order", "ORD-13624")],
        "are my hiking boots coming?",
        [
            "You had hiking boots in two orders: ORD-13343 (two pairs of Camden Lace-Up Hiking Boots) has shipped "
            "with DHL Express and is expected on December 1, 2026; ORD-13624 (one pair) was cancelled.",
            "The two pairs in ORD-13343 are on the way with DHL Express, due 2026-12-01. The pair in ORD-13624 won't "
            "come – that order was cancelled.",
        ],
        [
            ("entity", "Yes – ORD-13624 with your hiking boots shipped with DHL Express and arrives 2026-12-01."),
            ("negation", "No, your hiking boots order was cancelled, so nothing is on the way."),
            ("binding", "ORD-13343, with one pair of hiking boots, is due on 2026-12-01."),
        ],
    ),
    (
        [("order", "ORD-13931")],
        "tracking for my chinos please",
        [
            "Your Calvin Klein Women's Sterling Tapered Chinos (ORD-13931) are with DHL Express, tracking number "
            "2508830085. They're expected on December 7.",
            "Sure! ORD-13931 shipped via DHL Express – tracking 2508830085, estimated delivery 2026-12-07.",
        ],
        [
            ("entity", "ORD-13931 shipped with UPS, tracking number 2508830085, due 2026-12-07."),
            ("invented", "ORD-13931 is with DHL Express (tracking 2508830085) and guaranteed to arrive by 2026-12-07."),
            ("negation", "ORD-13931 hasn't shipped yet, so there's no tracking number."),
        ],
    ),
    (
        [("order", "ORD-13800"), ("order", "ORD-13977")],
        "how much did I spend on my last two orders?",
        [
            "ORD-13800 came to $755.48 and ORD-13977 to $368.49 – $1,123.97 for the items altogether, and standard "
            "shipping was free on both.",
            "$755.48 (ORD-13800) plus $368.49 (ORD-13977), with no shipping charged on either.",
        ],
        [
            ("binding", "ORD-13800 came to $368.49 and ORD-13977 to $755.48."),
            ("binding", "$755.48 plus $368.49 – $1,132.97 altogether."),
            ("negation", "$755.48 and $368.49, plus $8.00 standard shipping on each."),
        ],
    ),
    (
        [("order", "ORD-13404"), (RET, "International returns")],
        "If I return the sweaters from ORD-13404, is there a fee? I'm Gold.",
        [
            "No – you'd get a prepaid DHL Express return label, and as a Gold member you don't pay the $15.00 "
            "international return shipping fee.",
            "There's no fee for you: the $15.00 deducted on international returns doesn't apply to Gold members.",
        ],
        [
            (
                "condition",
                "Yes, since you're outside the US, a $15.00 return shipping fee is deducted from the refund.",
            ),
            ("invented", "No fee, and we'll also refund the sweaters in cash."),
        ],
    ),
    (
        [(PROMO, "My promo code does not work")],
        "I'm a guest and my code expired - can you send me a new one?",
        [
            "I'm sorry – we can't replace expired codes for guests. Replacement codes for expired or invalid codes "
            "are for Bronze, Silver and Gold members.",
            "Unfortunately not: expired or invalid codes can only be replaced for Bronze, Silver and Gold members, "
            "not for guests.",
        ],
        [
            ("condition", "Sure – since it expired, we'll send you a replacement code."),
            ("invented", "We can't replace it, but we'll send you a 20% off code instead."),
        ],
    ),
]
