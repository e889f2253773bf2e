"""shop_blind9: a ninth set of shop answers, written (round 10, verifier) from the data only (knowledge/ and the demo
store's catalog, customers and orders), BEFORE any round-10 change to the checker; committed alone, before the
checker first ran on it. The unseen set of round 10: its figure at the start is the blind figure; later runs are
measured but its errors are not read while tuning.

New groundings: products and orders no earlier set uses (every SKU and ORD here is new), the policy sections the
earlier sets used least (account help, contact, size guide, Northwind Plus cancellation, refund status, where we do
not ship, tracking stages) and new questions on the others (a level's figure asked for another level, a country's
rule asked for another country, a stage of the order). Right answers are written the way a capable chat model writes
them: paraphrased, reordered, with the figures restated ("six months", "a flat $25"), sometimes a fact the data
implies (a sold-out size named by the sizes that are in stock, the standard inseam of a men's style).

Wrong twins, by kind:
- binding: a number or value bound to the wrong attribute (the in-store hemming time given for online, 3 of 4
  details where the section says 3 of 6);
- condition: a condition dropped, swapped or added ("if the order is under $75", "only if unused" dropped);
- negation: the opposite polarity;
- entity: another product's or order's attribute (the other cap's price, the other jeans' stretch);
- invented: a promise, perk or fee the data does not make ("we'll hold one for you", "10% off for the trouble");
- tier: a right fact for the wrong membership level or country (Gold's free international shipping for a Silver
  member, the US free-shipping threshold for Canada);
- word: one ordinary word changed (text message for e-mail, fixed hood for detachable).

Caveat: written by the round-10 verifier engineer himself (no second writer); blind to the round-10 code, not to
the author. Same item format as grounding_items.py.
"""

SHIP = "policies/shipping.md"
PRICE = "policies/pricing.md"
MEM = "policies/membership.md"
RET = "policies/returns.md"
EXCH = "policies/exchanges.md"
PROMO = "policies/promotions.md"
REF = "policies/refunds.md"
ORD = "policies/orders.md"
PAY = "policies/payments.md"
ACC = "policies/account.md"
CON = "policies/contact.md"
SIZE = "policies/size-guide.md"
ABOUT = "policies/about.md"
F_ACC = "faq/account-and-payments.md"

_PRODUCTS = [
    (
        [("product", "GS-AC-1269"), ("passage", "GS-AC-1269"), (SIZE, "Accessories")],
        "i wear 32 waist jeans, which size larkin belt should i get",
        [
            "For a 32-inch waist you'd want a size M, which fits 31–33 inches. Unfortunately the Guess Larkin "
            "Leather Belt is out of stock in every size at the moment.",
            "Go with M – it covers waists from 31 to 33 inches. Just so you know, the Larkin (full-grain leather, "
            "cognac, $87.50) is currently sold out in all sizes.",
        ],
        [
            ("binding", "For a 32-inch waist pick L, which fits 31–33 inches. It's $87.50 in cognac."),
            ("negation", "Size M fits a 31–33 inch waist, and the Larkin is in stock in M right now."),
            ("invented", "You'd want an M (31–33 inches). It's sold out, but it will be back in stock next week."),
        ],
    ),
    (
        [("product", "EX-AC-1212"), ("product", "EX-AC-1157")],
        "which express cap is cheaper, the lennox or the hollis?",
        [
            "The Lennox is the cheaper one at $50.00; the Hollis costs $65.50. Both are one size and in stock.",
            "The Express Lennox Baseball Cap, at $50.00 – $15.50 less than the Hollis ($65.50). The Lennox comes "
            "in black, white or navy, while the Hollis is navy only.",
        ],
        [
            ("entity", "The Hollis is cheaper at $50.00; the Lennox is $65.50."),
            ("entity", "The Lennox is $50.00 and the Hollis $65.50. The Hollis comes in black, white and navy."),
            ("negation", "The Lennox is $50.00, but it's out of stock at the moment; the Hollis is $65.50."),
        ],
    ),
    (
        [("product", "CK-BT-1045"), ("passage", "CK-BT-1045"), (SIZE, "Boots")],
        "i'm an EU 40 in women's boots, can i get the bowery chukkas in my size?",
        [
            "EU 40 corresponds to a US women's 9. The Calvin Klein Bowery Chukka Boots do come in a 9, but that "
            "size is sold out right now – sizes 5 through 8.5 and 11 are in stock.",
            "An EU 40 is a women's US 9, and I'm sorry to say the Bowery is currently out of stock in 9. If you "
            "sometimes wear an 8.5, that one is available; they're $214.99 in grey or dark brown.",
        ],
        [
            ("binding", "EU 40 is a US women's 8, and the Bowery is in stock in 8 – $214.99 in grey or dark brown."),
            ("negation", "EU 40 is a US women's 9, and the Bowery is in stock in a 9."),
            ("invented", "EU 40 is a US women's 9. That size is sold out, but we can hold the next pair for you."),
        ],
    ),
    (
        [("product", "MK-BT-1055"), ("passage", "MK-BT-1055"), (SIZE, "Boots")],
        "do the presley work boots come in wide? i take a men's 10",
        [
            "Yes – the Michael Kors Presley Work Boots are available in wide widths on request. For men, wide is "
            "EE (the standard width is D); just ask us to order the wide width. Size 10 is in stock.",
            "They do: wide widths are available on request, which for men's boots means EE. Size 10 is in stock, "
            "and they're $230.00 in cognac, black, tan or burgundy.",
        ],
        [
            ("binding", "Yes, ask us for the wide width – for men's boots that's a D instead of the standard EE."),
            ("invented", "Yes, wide widths are available for an extra $10.00, and size 10 is in stock."),
            ("word", "No, the Presley only comes in medium width. Size 10 is in stock at $230.00."),
        ],
    ),
    (
        [("product", "MK-BT-1309"), ("passage", "MK-BT-1309")],
        "are the everett hiking boots waterproof? i need a 12",
        [
            "Yes, they're waterproof nubuck leather with a fully waterproof build and a lug sole that handles wet "
            "pavement and gravel. Size 12 is sold out at the moment, though – 11 and 13 are in stock.",
            "They are fully waterproof. Sorry, size 12 isn't available right now; the Everett is $200.50 in grey.",
        ],
        [
            ("negation", "Yes, they're fully waterproof, and size 12 is in stock."),
            ("word", "They're water-resistant rather than waterproof, and size 12 is sold out."),
            ("entity", "Yes, waterproof nubuck leather, $200.50, in grey or brown. Size 12 is sold out."),
        ],
    ),
    (
        [("product", "TH-CH-1012"), ("passage", "TH-CH-1012")],
        "can i put the dover chinos in the dryer?",
        [
            "Yes – the care instructions say machine wash cold and tumble dry low.",
            "You can: wash them cold in the machine and tumble dry them on low. They're 100% cotton twill and "
            "hold a crease and resist wrinkles.",
        ],
        [
            ("negation", "No, the Dover chinos should be hung to dry; don't tumble dry them."),
            ("word", "Yes, machine wash cold and tumble dry on high heat."),
            ("invented", "Yes, tumble dry low – and they're guaranteed not to shrink."),
        ],
    ),
    (
        [("product", "CK-CH-1167"), ("passage", "CK-CH-1167")],
        "do you have the sterling tapered chinos in 29 or 31?",
        [
            "Sorry, neither – 29 and 31 are both sold out. Sizes 25–28, 30 and 32 are in stock, at $91.50 in "
            "grey, navy or olive.",
            "Not at the moment: the Calvin Klein Sterling Tapered Chinos are out of stock in 29 and 31. You could "
            "look at 30, which is available.",
        ],
        [
            ("negation", "Size 29 is sold out, but 31 is in stock."),
            ("binding", "Both are sold out; the chinos are $85.50 in grey, navy or olive."),
            ("word", "Both are sold out. They're a cotton-wool blend, $91.50."),
        ],
    ),
    (
        [("product", "TH-CT-1170"), ("passage", "TH-CT-1170"), ("product", "UQ-CT-1222"), ("passage", "UQ-CT-1222")],
        "what's the difference between the everett trench and the presley overcoat?",
        [
            "The Tommy Hilfiger Everett Trench Coat is a men's cotton gabardine trench in navy, $183.99, in stock "
            "in S–XXL. The Uniqlo Presley Wool Overcoat is a women's wool-cashmere coat, fully lined with an inside "
            "pocket, $198.50 in navy, olive, black or camel, and dry clean only.",
            "The Everett is a men's trench coat in cotton gabardine ($183.99, navy only); the Presley is a women's "
            "wool-cashmere overcoat described as a cold-weather essential ($198.50, four colours, XL sold out).",
        ],
        [
            ("entity", "The Everett Trench is fully lined with an inside pocket; the Presley is cotton gabardine."),
            ("entity", "The Everett is $198.50 and the Presley $183.99."),
            ("negation", "The Presley is $198.50 and in stock in every size, XS to XL."),
        ],
    ),
    (
        [("product", "BR-CT-1038"), ("passage", "BR-CT-1038")],
        "does the sutton parka have a hood? what's the filling",
        [
            "Yes, it has a detachable hood. It's recycled polyester with down fill and warm insulation, $196.99 "
            "in navy, charcoal or olive, with S to XL all in stock.",
            "It does – the hood is detachable. The Banana Republic Sutton Parka is filled with down, in a "
            "recycled polyester shell.",
        ],
        [
            ("word", "Yes, it has a fixed hood, and it's recycled polyester with down fill."),
            ("invented", "It has a detachable hood and down fill, and Gold members get it 20% off."),
            ("binding", "Yes, a detachable hood; it's $169.99 in navy, charcoal or olive."),
        ],
    ),
    (
        [("product", "UQ-DR-1191"), ("passage", "UQ-DR-1191"), ("product", "GS-DR-1005"), ("passage", "GS-DR-1005")],
        "which of these dresses has pockets, the calder slip or the thornton wrap?",
        [
            "The Guess Thornton Wrap Dress has hidden side pockets. The Uniqlo Calder Slip Dress's description "
            "doesn't mention pockets.",
            "That would be the Thornton Wrap Dress ($88.50), which has hidden side pockets and a full lining. I "
            "don't see pockets listed for the Calder.",
        ],
        [
            ("entity", "The Calder Slip Dress has hidden side pockets; the Thornton doesn't."),
            ("entity", "Both have hidden side pockets."),
            ("entity", "The Thornton has hidden side pockets, and it's made of recycled satin."),
        ],
    ),
    (
        [("product", "MK-DR-1226"), ("passage", "MK-DR-1226")],
        "can i machine wash the sterling wrap dress?",
        [
            "It's best not to – the care instructions say hand wash cold or dry clean.",
            "The Michael Kors Sterling Wrap Dress should be hand washed in cold water or dry cleaned rather than "
            "put in the machine.",
        ],
        [
            ("negation", "Yes, you can machine wash it cold."),
            ("word", "It's dry clean only."),
            ("word", "Hand wash it in warm water or dry clean it."),
        ],
    ),
    (
        [("product", "CK-JK-1211"), ("passage", "CK-JK-1211")],
        "do you have the everett rain jacket in small?",
        [
            "Sorry, size S is sold out. Right now only M and L are in stock; it's $217.00 in olive, black or navy.",
            "Not in small at the moment – the Calvin Klein Everett Rain Jacket is available in M and L only.",
        ],
        [
            ("negation", "Yes, S is in stock, as are M and L."),
            ("invented", "S is sold out, but we're restocking it on Friday."),
            ("binding", "S is sold out; only M and XL are available."),
        ],
    ),
    (
        [("product", "TH-JK-1234"), ("passage", "TH-JK-1234")],
        "is the everett sherpa jacket warm? do you have XL",
        [
            "It's a denim jacket lined with sherpa fleece and warm insulation, and the rib-knit cuffs and "
            "adjustable hem seal out drafts. XL is sold out, though – XS, M and L are in stock.",
            "Yes, it's built for warmth with a sherpa fleece lining. Unfortunately it's out of stock in XL; "
            "it's $132.00 in navy, khaki, black or burgundy.",
        ],
        [
            ("negation", "It has a sherpa fleece lining and warm insulation, and XL is in stock."),
            ("entity", "It's a wool-cashmere jacket with a sherpa lining. XL is sold out."),
            ("invented", "It's warm enough for temperatures down to -10°F. XL is sold out."),
        ],
    ),
    (
        [("product", "TH-JN-1156"), ("passage", "TH-JN-1156"), ("product", "CK-JN-1051"), ("passage", "CK-JN-1051")],
        "which of these jeans has stretch, the harbor or the union?",
        [
            "The Tommy Hilfiger Harbor Skinny has stretch – 98% cotton, 2% elastane – while the Calvin Klein Union "
            "is 100% cotton rigid denim.",
            "The Harbor (98% cotton, 2% elastane) stretches and won't bag out at the knees; the Union is rigid "
            "denim with no stretch. Both come in white.",
        ],
        [
            ("entity", "The Union has stretch with 2% elastane; the Harbor is 100% cotton rigid denim."),
            ("entity", "The Harbor has stretch. Both come in grey."),
            ("entity", "The Harbor stretches; it's $117.99 in grey or white."),
        ],
    ),
    (
        [("product", "GP-JN-1065"), (SIZE, "Jeans and chinos")],
        "what's the inseam on the gap camden jeans? i need about 30",
        [
            "The Camden is a men's style, so it comes with the standard 32-inch inseam. For a 30-inch leg you can "
            "add hemming at checkout for $12.00 per pair.",
            "Men's styles like the Gap Camden Tapered Jeans have a 32-inch inseam; we can hem them to 30 inches "
            "for $12.00 a pair.",
        ],
        [
            ("tier", "The Camden has a 30-inch inseam, the standard for men's styles, so no hemming needed."),
            ("invented", "It's a 32-inch inseam, and we hem them to 30 inches for free."),
            ("binding", "It has a 32-inch inseam; hemming costs $12.00 per order."),
        ],
    ),
    (
        [("product", "EX-SH-1018"), ("passage", "EX-SH-1018")],
        "is the ridge flannel available in XS? does it come in plaid",
        [
            "It doesn't come in XS – sizes run from S to XXL, all in stock. And yes, there's green, red and blue "
            "plaid, plus a solid navy.",
            "No XS, I'm afraid; the Express Ridge Flannel starts at S. It comes in green plaid, red plaid, blue "
            "plaid and navy, for $52.50.",
        ],
        [
            ("negation", "Yes, XS is in stock, and it comes in green, red and blue plaid."),
            ("word", "It comes in S to XXL, in green, red and black plaid."),
        ],
    ),
    (
        [("product", "GS-SH-1058"), ("passage", "GS-SH-1058")],
        "is the alder shirt ok for the office",
        [
            "Yes – the fabric breathes well, so it stays comfortable through a long day at the office. It's a 97% "
            "cotton, 3% elastane twill with a spread collar, $66.50.",
            "It's made with the office in mind: breathable stretch twill that stays comfortable all day. Pair it "
            "with dark jeans or chinos.",
        ],
        [
            ("evaluative", "Yes, it's our best-rated office shirt, breathable stretch twill for $66.50."),
            ("invented", "Yes, it's breathable and non-iron, so it never needs pressing."),
            ("binding", "Yes, it's a breathable 93% cotton, 7% elastane twill, $66.50."),
        ],
    ),
    (
        [("product", "TH-SW-1032"), ("passage", "TH-SW-1032")],
        "vail cable knit in L or XL?",
        [
            "Unfortunately both L and XL are sold out; S, M and XXL are available. It's lambswool, $62.99, in cream "
            "or forest green.",
            "Neither L nor XL is in stock at the moment, sorry – the Tommy Hilfiger Vail is available in S, M and XXL.",
        ],
        [
            ("negation", "L is sold out, but XL is in stock."),
            ("word", "Both are sold out; it's a merino wool sweater, $62.99."),
        ],
    ),
    (
        [("product", "BR-TS-1083"), ("passage", "BR-TS-1083")],
        "will the weston v-neck shrink in the wash",
        [
            "It shouldn't – the jersey is pre-shrunk, so it keeps its fit after washing.",
            "No, it's pre-shrunk, so the fit stays the same wash after wash. It's slub cotton, $45.00.",
        ],
        [
            ("invented", "It may shrink by about half a size, so we recommend sizing up."),
            ("negation", "It isn't pre-shrunk, so wash it cold to keep its fit."),
            ("binding", "It's pre-shrunk slub cotton, $54.00."),
        ],
    ),
    (
        [("product", "CK-TS-1315"), ("passage", "CK-TS-1315")],
        "monroe long sleeve tee in black, size M?",
        [
            "The Calvin Klein Monroe only comes in white, and size M is sold out at the moment – XS, S, L, XL and "
            "XXL are in stock.",
            "Sorry, no black: it's white only, and M is out of stock right now.",
        ],
        [
            ("negation", "Yes, it's available in black in size M."),
            ("word", "It comes in white and black; M is sold out."),
            ("negation", "It's white only, but M is in stock."),
        ],
    ),
]

_ACCOUNT = [
    (
        [(ACC, "I forgot my username"), (ACC, "Changing your name, address, phone number or payment method")],
        "what do you need from me to change my address",
        [
            "First we ask for your current address, then we verify it's you with any 3 of these 6: ZIP or postal "
            "code, phone number, account PIN, username, e-mail address, or the order number of a past purchase. "
            "We'll never ask for your password.",
            "We'll need the current address on file plus 3 of 6 details to confirm your identity – for example "
            "your ZIP code, phone number and account PIN.",
        ],
        [
            ("binding", "We'll need your current address and 3 of these 4 details: full name, ZIP, phone and e-mail."),
            ("negation", "We'll need your current address, your password and your ZIP code."),
            (
                "binding",
                "We'll need your current address and 4 of these 6 details: ZIP, phone, PIN, username, "
                "e-mail or a previous order number.",
            ),
        ],
    ),
    (
        [(ACC, "I forgot my username")],
        "forgot my username",
        [
            "No problem – contact us and confirm 3 of these 4 details: your full name, ZIP or postal code, phone "
            "number and e-mail address. We'll then tell you your username. It's usually your first initial, last "
            "name and a number, like jsmith1.",
            "We can look it up once you confirm three of four details: full name, ZIP/postal code, phone number and "
            "e-mail.",
        ],
        [
            ("binding", "Contact us and confirm 3 of these 4 details: your account PIN, ZIP code, phone and e-mail."),
            ("invented", "We'll e-mail you a link to reset your username right away."),
        ],
    ),
    (
        [(ACC, "Resetting two-factor authentication (2FA)")],
        "i lost my phone with the authenticator app, how do i get back in",
        [
            "We can reset two-factor authentication for you. We'll send a reset code to the e-mail address on your "
            "account; if you can't get into that e-mail, we'll verify you with your account PIN or security "
            "question instead.",
            "Contact us and we'll reset 2FA: a reset code goes to your account e-mail, or, if you've lost access to "
            "that too, we confirm it's you with your PIN or security-question answer.",
        ],
        [
            ("word", "We'll text a reset code to your phone number; if that doesn't work, we use your account PIN."),
            ("negation", "If you can't access the e-mail on your account, we can't reset 2FA."),
            ("invented", "We'll reset 2FA and turn it off for 30 days so you can sign in."),
        ],
    ),
    (
        [(ACC, "Missing store credit")],
        "my store credit from a return disappeared",
        [
            "Sorry about that! Tell us where the credit came from – here, your return. If it shows on our side, "
            "signing out and back in usually makes it appear. If it really is missing, we restore it with a promo "
            "code for the same amount.",
            "Let us know it came from a refund. Often signing out and in again brings it back; if it's truly gone, "
            "we'll replace it with a promo code for the same amount.",
        ],
        [
            ("word", "If it's really missing we restore it as a gift card for the same amount, mailed to you."),
            ("invented", "If it's missing we restore it with a promo code for the same amount plus 10% extra."),
            ("negation", "Once store credit is gone it can't be restored, but signing out and in sometimes helps."),
        ],
    ),
    (
        [(ACC, "Closing your account")],
        "if i close my account do you delete my order history",
        [
            "No – we close the account within 30 days of your e-mail request, but your order history is kept as "
            "required by law.",
            "Your order history is kept, as the law requires, even after we close the account (which takes up to "
            "30 days).",
        ],
        [
            ("negation", "Yes, your order history is deleted when we close the account within 30 days."),
            ("binding", "We keep your order history for 30 days and then delete it."),
        ],
    ),
    (
        [(ACC, "Items will not go into my cart"), (F_ACC, "Items will not go into my shopping cart")],
        "the add to cart button does nothing",
        [
            "Try refreshing the page and adding the item again, and check that the size you picked is in stock. "
            "Logging out and back in often helps. If it still won't work, contact us – we'll report it to the "
            "website team and can place the order for you over the phone.",
            "A refresh usually fixes it; also make sure the size is in stock, and try signing out and in. Failing "
            "that, we can take the order for you by phone.",
        ],
        [
            ("invented", "Try refreshing the page; if it still fails we'll give you 10% off for the trouble."),
            ("word", "Clear your browser's cookies and reinstall the app; we can also place the order in a store."),
        ],
    ),
    (
        [(ACC, "Website is slow or search does not work"), (F_ACC, 'Search always says "No results found"')],
        "search keeps saying no results",
        [
            "Log out and back in, clear your browser's cookies, and try searching for a different product first. "
            "If it still fails, let us know and we'll report it to our website team.",
            "Signing out and in again and clearing cookies usually sorts it out; if not, tell us so the website "
            "team can fix it.",
        ],
        [
            (
                "word",
                "Log out and back in and clear your browser's history; if every site is slow, it's your search engine.",
            ),
            ("invented", "That's a known bug; it will be fixed by tomorrow."),
        ],
    ),
]

_CONTACT = [
    (
        [(CON, "Phone"), (CON, "E-mail")],
        "i'm in mexico, can i call your number?",
        [
            "Our number, 1-800-555-0142, is toll-free from the United States and Canada only. From Mexico please "
            "e-mail us at support@northwindthreads.example – we reply within 1 business day.",
            "From outside the US and Canada we ask you to e-mail us instead; we answer within one business day.",
        ],
        [
            ("tier", "Yes, 1-800-555-0142 is toll-free from the United States, Canada and Mexico."),
            ("binding", "Please e-mail us instead; we reply within 3 business days."),
        ],
    ),
    (
        [(CON, "Customer care hours")],
        "are you open on thanksgiving? and what time can i call on saturday",
        [
            "Customer care is closed on Thanksgiving Day (as well as New Year's Day and Christmas Day). On "
            "Saturdays you can call from 9:00 a.m. to 5:00 p.m. Eastern Time. Our online assistant is available "
            "around the clock.",
            "We're closed on Thanksgiving. Saturday hours are 9 a.m.–5 p.m. ET.",
        ],
        [
            ("negation", "Yes, we're open on Thanksgiving from 9:00 a.m. to 5:00 p.m. ET, same as Saturday."),
            ("binding", "We're closed on Thanksgiving. On Saturday you can call 8:00 a.m. – 8:00 p.m. ET."),
            ("word", "We're closed on Thanksgiving. On Saturday you can call 9:00 a.m. – 5:00 p.m. Pacific Time."),
        ],
    ),
    (
        [(ABOUT, "Our stores"), (CON, "Store visits")],
        "is your chicago store open sunday evening",
        [
            "On Sundays the Chicago store is open 11:00 a.m. to 6:00 p.m. local time, so it closes at 6 in the "
            "evening.",
            "It's open on Sunday, but only until 6:00 p.m. (from 11:00 a.m.).",
        ],
        [
            ("binding", "Yes, on Sunday it's open until 8:00 p.m."),
            ("invented", "On Sundays it's open 11:00 a.m. to 6:00 p.m., and until 9:00 p.m. in December."),
            ("word", "On Sunday it's open 11:00 a.m. – 6:00 p.m. Eastern Time."),
        ],
    ),
]

_MEMBERSHIP = [
    (
        [(MEM, "Cancelling Northwind Plus")],
        "i subscribed to plus 10 days ago and haven't used it, can i get my money back?",
        [
            "Yes – since you're within 14 days of being charged and haven't used any Plus benefit, cancelling gets "
            "you the full $99 back.",
            "You can: cancelling within 14 days of the charge, with no Plus benefit used, means a full $99 refund.",
        ],
        [
            ("invented", "Yes, you get a partial refund for the months you haven't used."),
            ("binding", "Yes, cancellations within 30 days of being charged get the full $99 back."),
            ("negation", "No, Plus can't be refunded once you've been charged; your benefits run to year's end."),
        ],
    ),
    (
        [(MEM, "Cancelling Northwind Plus")],
        "i used the free shipping once last week, if i cancel plus now do i get a refund",
        [
            "Unfortunately not – the full refund only applies if you haven't used any Plus benefit since you were "
            "charged. Your benefits will continue until the end of the year you paid for, and there are no partial "
            "refunds.",
            "Since you've used a Plus benefit, cancelling won't give you a refund; you keep the benefits until the "
            "end of your paid year.",
        ],
        [
            ("condition", "Yes, as long as you cancel within 14 days of being charged you get the full $99 back."),
            ("invented", "You'd get $99 back minus the cost of the shipping you used."),
        ],
    ),
    (
        [(MEM, "What are the membership levels?"), (MEM, "How long does membership last?")],
        "i've spent about $800 with you this year, what level does that make me",
        [
            "$800 within a 12-month period qualifies you for Silver, which starts at $500. Gold needs $1,500 or more.",
            "That puts you at Silver (spend of $500 or more in 12 months). Silver lasts 12 months from the day you "
            "reach it.",
        ],
        [
            ("tier", "With $800 in 12 months you qualify for Gold, our premium level."),
            ("binding", "That's Silver, which needs $800 or more in a 12-month period."),
            ("binding", "Silver, which lasts as long as you keep your account."),
        ],
    ),
    (
        [(MEM, "Membership benefits: order help and fees")],
        "i'm silver, can i get my refund credited before the 7 day wait",
        [
            "I'm afraid that one is a Gold benefit – credit issued before the 7-day refund wait is only for Gold "
            "members.",
            "Not as a Silver member: only Gold members can have the credit issued before the 7-day wait.",
        ],
        [
            ("tier", "Yes, Silver members can have credit issued before the 7-day refund wait."),
            ("tier", "Yes – Silver and Gold members get the credit before the 7 days are up."),
        ],
    ),
    (
        [(MEM, "Membership benefits: returns and shipping")],
        "i'm silver, do i pay for international shipping",
        [
            "As a Silver member international shipping costs $25.00, but it's free on orders over $200. It's "
            "free on every order only for Gold.",
            "Yes, $25.00 – unless your order is over $200, in which case it's free.",
        ],
        [
            ("tier", "No, international shipping is free for Silver members."),
            ("condition", "It's $25.00, free on orders over $75."),
            ("binding", "It's $20.00, free over $200."),
        ],
    ),
    (
        [(MEM, "Late on a subscription payment")],
        "i'm silver and my plus payment is 2 days late, can i get an extension",
        [
            "I'm sorry – Silver members can get an extension only if the payment is no more than 1 day late, so at "
            "2 days it isn't possible. Your Plus benefits are paused until you pay and come back as soon as you do.",
            "Unfortunately not: for Silver the limit is 1 day late. Once you pay, your paused Plus benefits return "
            "right away.",
        ],
        [
            ("condition", "Yes, Silver members can always get an extension on a Plus payment."),
            ("binding", "Yes, Silver members can get an extension up to 3 days late."),
            ("negation", "Yes – and your Plus benefits keep running while the payment is overdue."),
        ],
    ),
    (
        [(MEM, "Billing disputes")],
        "i'm silver and plus billed me twice, $99 extra. refund?",
        [
            "Contact us and we'll check our records and refund any amount we charged in error. The immediate refund "
            "for Silver members only applies when the difference is less than $10, so with $99 we'll verify it "
            "first.",
            "We'll look into it: for a difference of $10 or more Silver members don't get the instant refund, but "
            "we check our records and refund whatever was charged by mistake.",
        ],
        [
            ("condition", "Yes, Silver members get the difference refunded right away, so the $99 comes back now."),
            ("tier", "As a Silver member you get any billing difference refunded right away."),
        ],
    ),
]

_RETURNS = [
    (
        [(RET, "How long do I have to return an item?"), (RET, "Returns outside your window")],
        "i'm bronze, bought a coat 4 months ago, can i still return it",
        [
            "Your Bronze return window is 90 days, so it has passed, but we can still accept the return if you have "
            "the original receipt or the coat is in its original packaging.",
            "Four months is past the 90-day Bronze window. You can still return it with the original receipt, or "
            "if it's still in its original packaging.",
        ],
        [
            ("tier", "Yes, Bronze members have 6 months, so you're still within your window."),
            (
                "condition",
                "Your 90-day window has passed, and outside it Bronze members can return only with a receipt.",
            ),
            ("negation", "No, after 90 days a Bronze member can't return the coat at all."),
        ],
    ),
    (
        [(RET, "International returns"), (RET, "Ways to send a return back")],
        "i'm gold and live in canada, what does it cost me to return a sweater",
        [
            "Nothing – you get a prepaid DHL Express return label, and as a Gold member the $15.00 return shipping "
            "fee isn't deducted from your refund.",
            "It's free for you: international returns come with a prepaid DHL Express label, and Gold members are "
            "exempt from the $15.00 fee.",
        ],
        [
            ("tier", "A $15.00 return shipping fee is deducted from your refund; you get a prepaid DHL label."),
            ("entity", "It's free: we e-mail you a prepaid UPS label, and Gold members pay no fee."),
        ],
    ),
    (
        [(RET, "Ways to send a return back")],
        "can i drop my return off at fedex",
        [
            "Drop-offs go to UPS Access Point locations – bring the package with its prepaid label there. You can "
            "also hand it to the carrier, or bring it to our Portland, Seattle or Chicago store.",
            "We use UPS Access Point locations for drop-offs, not FedEx. Or return it in one of our stores with "
            "your order number.",
        ],
        [
            ("invented", "Yes, any FedEx or UPS location accepts our returns."),
            ("invented", "You can drop it at any UPS Access Point; the label costs $5.00 within the United States."),
        ],
    ),
    (
        [(RET, "How to start a return"), (RET, "After we receive your return")],
        "how do i start a return and how long until it's processed",
        [
            "Contact us with your order number and the reason for the return, like wrong size or colour. We'll "
            "check your membership level, confirm the item can go back and explain how to send it. Once it reaches "
            "us we process it within 3 business days.",
            "Just send us the order number and why you're returning it. Processing takes up to 3 business days "
            "after we receive it, then your refund goes out.",
        ],
        [
            ("word", "Contact us with your order number and the original receipt; we process it within 3 days."),
            ("binding", "Send us your order number and reason; we process returns within 7 business days."),
        ],
    ),
    (
        [(EXCH, "How do exchanges work?"), (EXCH, "Can I exchange an item for a different size or color?")],
        "do i have to wait for my return to get to you before you send the new size",
        [
            "No – we ship the replacement as soon as the carrier scans your return, so there's no need to wait "
            "for it to reach our warehouse. The exchange is free, sent by standard shipping.",
            "Not at all: the new size goes out once your return is scanned by the carrier. We reserve it for you "
            "and e-mail a prepaid label for the original.",
        ],
        [
            ("negation", "Yes, we ship the replacement once your return reaches our warehouse."),
            ("invented", "No, and we'll upgrade the replacement to overnight shipping for free."),
            ("invented", "No, but the replacement is sent by standard shipping for $8.00."),
        ],
    ),
    (
        [(ORD, "An item is out of stock"), (EXCH, "What if the size I want is out of stock?")],
        "the jacket i want is sold out, can i order it anyway",
        [
            "Yes, we can back-order it for you. It ships as soon as it's back in stock, usually within 2–3 weeks, "
            "and you're only charged when it ships. We can also e-mail you when it's restocked instead.",
            "You can back-order it – it usually comes back within two to three weeks, and we don't charge you "
            "until it ships.",
        ],
        [
            ("negation", "Yes, you can back-order it; we charge you now and ship it when it's back."),
            ("binding", "Yes, back-orders usually ship within 2–3 days."),
            ("invented", "Yes, and we'll hold one for you at the current price."),
        ],
    ),
]

_PAYMENTS = [
    (
        [(PAY, "Which payment methods do you accept?")],
        "can i pay with an american express debit card? and can i pay in euros",
        [
            "Debit cards need a Visa or Mastercard logo; American Express is accepted as a credit card. All prices "
            "are charged in US dollars, so you can't pay in euros.",
            "We take American Express credit cards, but debit cards must be Visa or Mastercard. Payment is always "
            "in USD.",
        ],
        [
            ("entity", "Yes, debit cards with a Visa, Mastercard or American Express logo are accepted."),
            ("invented", "Debit cards must be Visa or Mastercard; we can charge in euros for EU orders."),
        ],
    ),
    (
        [(PAY, "Gift cards"), (PROMO, "How do promo codes work?")],
        "can i use my 10% newsletter code to buy a gift card",
        [
            "Sorry, no – promo codes can't be used to buy gift cards. Gift cards come in amounts from $25 to $500 "
            "and never expire.",
            "Unfortunately promo codes, including the newsletter code, aren't valid on gift cards.",
        ],
        [
            ("negation", "Yes, the 10% code works on gift cards from $25 to $500."),
            ("condition", "Yes, as long as the gift card is at least $25."),
            ("binding", "No, codes can't buy gift cards. Gift cards come in amounts from $25 to $200."),
        ],
    ),
    (
        [(PAY, "When am I charged?"), (ORD, "An item is out of stock")],
        "when do you charge me for a back-ordered item",
        [
            "Back-ordered items are charged when they ship, not when you place the order.",
            "Only once it ships – usually within 2–3 weeks, when it's back in stock.",
        ],
        [
            ("negation", "You're charged when you place the order, like any other item."),
            ("invented", "We charge a $5.00 deposit now and the rest when it ships."),
        ],
    ),
    (
        [(PRICE, "Prices"), (SHIP, "International shipping")],
        "does your price include tax? i'm ordering from canada",
        [
            "Our prices don't include sales tax or shipping. Sales tax is added only for US orders; for Canada, "
            "import duties and taxes aren't included and the carrier collects them on delivery.",
            "No tax is included in the price. For an order to Canada you'll pay any import duties and taxes to "
            "DHL Express on delivery; shipping is a flat $25.00, free from $200.",
        ],
        [
            ("tier", "Prices exclude tax; Canadian sales tax is added at checkout."),
            ("negation", "Yes, import duties and taxes are included in the price for international orders."),
        ],
    ),
    (
        [(PRICE, "Do you price match?")],
        "this jacket is cheaper on another site, will you match it",
        [
            "We don't match competitors' prices, sorry. If the difference leaves you unhappy, our customer care "
            "team can offer a one-time promo code for 20% off your next purchase.",
            "Price matching isn't something we do, but customer care can give you a one-time 20%-off code for your "
            "next order.",
        ],
        [
            ("invented", "Yes, send us a screenshot and we'll match the lower price."),
            ("binding", "We don't price match, but we can offer a one-time code for 10% off your next purchase."),
        ],
    ),
    (
        [(PRICE, "Gift wrapping and name stitching")],
        "can you stitch my name on a pair of jeans",
        [
            "Sorry, name stitching is only available on shirts, jackets, coats and sweaters, not jeans. It's "
            "$10.00 per item, up to 12 characters.",
            "We can't monogram jeans – stitching is offered on shirts, jackets, coats and sweaters.",
        ],
        [
            ("negation", "Yes, name stitching is $10.00 per item on jeans too."),
            ("binding", "Not jeans, sorry. On shirts, jackets, coats and sweaters it's $10.00, up to 10 characters."),
        ],
    ),
    (
        [(PRICE, "Jeans hemming and overnight shipping")],
        "if i get my jeans hemmed in the seattle store how long does it take",
        [
            "In store, hemmed jeans are ready in 3 business days, for $12.00 per pair.",
            "It takes 3 business days at the store (online, hemming adds 2 business days). It's $12.00 a pair.",
        ],
        [
            ("binding", "In store it's ready in 2 business days, $12.00 per pair."),
            ("invented", "In store it's done while you wait, $12.00 per pair."),
        ],
    ),
]

_SHIPPING = [
    (
        [(SHIP, "International shipping"), (PRICE, "Does my cart qualify for free shipping?")],
        "i'm in canada and my cart is $150, is shipping free",
        [
            "Not quite – international shipping is free from $200. At $150 it's a flat $25.00 with DHL Express, "
            "unless you're a Gold member.",
            "For Canada, shipping is $25.00 on orders under $200 (free for Gold members), so a $150 cart pays $25.00.",
        ],
        [
            ("tier", "Yes, shipping is free on orders of $75 or more."),
            ("binding", "No, international shipping is a flat $20.00 under $200."),
            ("condition", "Yes, international shipping is free on orders over $100."),
        ],
    ),
    (
        [(SHIP, "Where we ship: United States"), (SHIP, "Shipping options and costs (United States)")],
        "i have a po box, can i get overnight delivery",
        [
            "Unfortunately not – P.O. boxes can only get Economy shipping ($5.00, 6–9 business days, USPS). "
            "Standard and Overnight need a street address.",
            "Overnight needs a street address; to a P.O. box we can only send Economy, which takes 6–9 business days.",
        ],
        [
            ("negation", "Yes, overnight to a P.O. box is $20.00."),
            ("entity", "P.O. boxes get Standard shipping only, 3–5 business days."),
            ("binding", "Only Economy goes to P.O. boxes, 3–5 business days for $5.00."),
        ],
    ),
    (
        [(SHIP, "Where we do not ship"), (SHIP, "Where we ship: other countries")],
        "do you ship to scotland? what about iceland",
        [
            "We don't ship to the United Kingdom, which includes Scotland. Iceland, yes – we ship there with DHL "
            "Express.",
            "Scotland, no (we don't deliver anywhere in the UK); Iceland is on our list, so yes.",
        ],
        [
            ("negation", "Yes to both – DHL Express delivers to Scotland and Iceland."),
            ("negation", "We ship to Scotland, but not to Iceland."),
        ],
    ),
    (
        [(SHIP, "Where we do not ship"), (SHIP, "Where we ship: other countries")],
        "can i send my order to a parcel forwarding address in delaware",
        [
            "Sorry, we don't ship to freight-forwarding or parcel-reshipping addresses.",
            "No, parcel-reshipping and freight-forwarding addresses aren't something we deliver to.",
        ],
        [
            ("negation", "Yes, we ship to parcel-forwarding addresses in the US."),
            ("condition", "Only with Economy shipping; Standard and Overnight need a street address."),
        ],
    ),
    (
        [(SHIP, "Tracking your order")],
        "my order says in transit, what does that mean",
        [
            "In Transit means your order has shipped and is on its way. The next stages are Out for Delivery and "
            "then Delivered.",
            "It's shipped! After In Transit comes Out for Delivery, then Delivered. The carrier and tracking number "
            "were e-mailed to you when it shipped.",
        ],
        [
            ("word", "In Transit means it's out for delivery today."),
            ("negation", "In Transit means we've received the order but it hasn't shipped yet."),
        ],
    ),
    (
        [(SHIP, "My package says delivered but I don't have it")],
        "tracking says delivered 3 days ago but nothing's here",
        [
            "Packages are sometimes marked delivered a little early and turn up a day or two later. Since it's "
            "been less than 7 days, please check with neighbours and your building's mail room and give it a "
            "couple more days. If it still hasn't arrived after 7 days, contact us and we'll send a replacement "
            "free of charge.",
            "At 3 days, give it a little longer and check with neighbours or the mail room. From 7 days on we send "
            "a free replacement.",
        ],
        [
            ("condition", "We'll send you a replacement order free of charge right away."),
            ("binding", "Give it a couple more days; if 3 days or more have passed, we send a free replacement."),
        ],
    ),
    (
        [(SHIP, "Shipping fee refunds")],
        "my order is out for delivery but the shipping was way too much, can you waive it",
        [
            "Once an order is out for delivery we can no longer waive its shipping fee, but we can refund the "
            "standard shipping fee of $8.00.",
            "At this stage we can refund $8.00, the standard shipping fee; waiving the whole fee is only possible "
            "before it goes out for delivery.",
        ],
        [
            ("condition", "Yes, we can waive the full shipping fee since it hasn't been delivered yet."),
            ("binding", "We can refund the overnight fee of $20.00."),
        ],
    ),
]

_REFUNDS = [
    (
        [(REF, "How do I check my refund status?")],
        "where's my refund at",
        [
            "Send me your order number and I can check it. A refund is either not started, in progress or "
            "complete, and we can also tell you how it was requested. If you're not happy with the status, we can "
            "escalate it to a manager.",
            "With your order number we can tell you whether it's not started, in progress or complete.",
        ],
        [
            ("binding", "A refund is in one of four states: requested, not started, in progress or complete."),
            ("invented", "Give me your order number and I'll speed it up so it arrives today."),
        ],
    ),
    (
        [(REF, "How will I get my money back?")],
        "i paid with paypal, will the refund go to my card",
        [
            "Refunds to the original payment method go back to PayPal for PayPal orders. You can also choose store "
            "credit, a gift card or a paper check.",
            "It goes back to PayPal, since that's how you paid – or you can ask for store credit instead.",
        ],
        [
            ("entity", "Yes, PayPal orders are refunded to the credit or debit card linked to your account."),
            ("binding", "It goes back to PayPal; store credit takes 5–7 business days to appear."),
        ],
    ),
    (
        [(PROMO, "When are your sales?")],
        "when's the summer sale and how long does it last",
        [
            "The Summer Sale starts on the second Monday of July and runs for two weeks. Northwind Plus subscribers "
            "get in 24 hours early.",
            "It begins the second Monday in July and lasts 2 weeks.",
        ],
        [
            ("binding", "The Summer Sale starts on the second Monday of July and runs for 10 days."),
            ("binding", "It starts on the first Monday of July and lasts two weeks."),
            ("tier", "It starts the second Monday of July; Gold members get 24-hour early access."),
        ],
    ),
    (
        [(PROMO, "Store credit"), (REF, "How will I get my money back?")],
        "can i turn my store credit into cash",
        [
            "No, store credit can't be exchanged for cash. It's applied automatically at checkout and never expires.",
            "Sorry, it isn't exchangeable for cash – but it never expires, and it's used automatically when you "
            "check out.",
        ],
        [
            ("negation", "Yes, we can send it to you as a paper check."),
            ("word", "No, and it expires 7 days after it's issued."),
        ],
    ),
]

_SIZES = [
    (
        [(SIZE, "Tops: shirts, T-shirts, sweaters, jackets and coats")],
        "my chest is 39 inches, what size women's top should i get",
        [
            "For women's tops a 39-inch chest is an L (37–39 inches).",
            "You'd be a women's L, which covers a 37 to 39-inch chest. If you like a relaxed fit and you're at the "
            "top of a size, the larger one works too.",
        ],
        [
            ("tier", "A 39-inch chest is a women's M (38–40 inches)."),
            ("binding", "That's a women's XL, which fits a 37–39 inch chest."),
        ],
    ),
    (
        [(SIZE, "Tops: shirts, T-shirts, sweaters, jackets and coats")],
        "are jacket sleeves longer than shirt sleeves in the same size",
        [
            "Yes, a little: jacket and coat sleeves are about half an inch longer than shirt sleeves, so they cover "
            "a shirt cuff.",
            "Slightly – jackets and coats run about half an inch longer in the sleeve than shirts of the same size.",
        ],
        [
            ("binding", "Yes, jacket sleeves are about 1.5 inches longer than shirt sleeves."),
            ("negation", "No, jackets and shirts of the same size have the same sleeve length."),
        ],
    ),
    (
        [(SIZE, "Dresses")],
        "bust 35, waist 28, hips 38 – which dress size",
        [
            "Those measurements all fall in our size M: bust 35–36, waist 28–29, hips 38–39.",
            "You're an M in our dresses.",
        ],
        [
            ("binding", "That's an S: bust 35–36, waist 28–29, hips 38–39."),
            ("binding", "You're an M, which fits a 33–34 inch bust."),
        ],
    ),
]

_ORDERS = [
    (
        [("order", "ORD-13773"), ("order", "ORD-12482")],
        "when are my gloves coming",
        [
            "Your gloves in ORD-13773 (the Calvin Klein Quincy and Dover Leather Gloves) shipped with UPS and should "
            "arrive by November 30, 2026.",
            "ORD-13773 is on its way with UPS – tracking 1Z1H6BM36609741757 – and is due on Nov 30.",
        ],
        [
            ("entity", "ORD-13773 shipped with UPS and should arrive by October 13."),
            ("negation", "ORD-13773 hasn't shipped yet; it's still processing."),
            ("entity", "Your gloves in ORD-12482 are on their way and due November 30."),
        ],
    ),
    (
        [("order", "ORD-13773"), ("order", "ORD-12482"), (SHIP, "Shipping options and costs (United States)")],
        "why did i pay shipping on one of my glove orders and not the other",
        [
            "ORD-12482 came to $62.99, under the $75 free-shipping threshold for standard shipping, so it cost "
            "$8.00. ORD-13773 was $115.98, so its standard shipping was free.",
            "Standard shipping is free from $75: ORD-13773 ($115.98) qualified, while ORD-12482 ($62.99) paid the "
            "usual $8.00.",
        ],
        [
            ("entity", "ORD-13773 came to $62.99, so it paid $8.00 shipping; ORD-12482 was over $75 and shipped free."),
            ("binding", "ORD-12482 was under $75, so you paid $5.00 for standard shipping."),
        ],
    ),
    (
        [("order", "ORD-13773"), (ORD, "Cancelling an order")],
        "i'm bronze, can i cancel ORD-13773 even though it shipped",
        [
            "Yes – because you're a Bronze member we refund you immediately. When the package arrives, contact us "
            "for a free return label and send the gloves back.",
            "As a Bronze member you get your refund right away even though ORD-13773 has shipped; once it arrives, "
            "ask us for a free return label.",
        ],
        [
            ("tier", "Since it shipped, you'll need to wait until the package arrives and return it for a refund."),
            ("invented", "Yes, we refund you now and you can keep the gloves."),
            ("binding", "Yes, we refund you immediately; the return label costs $15.00."),
        ],
    ),
    (
        [("order", "ORD-13544"), (PRICE, "Does my cart qualify for free shipping?")],
        "i'm gold - why was shipping free on ORD-13544? it was only $41",
        [
            "International shipping is free for Gold members, so ORD-13544 shipped with DHL Express at no charge.",
            "As a Gold member you don't pay for international shipping – that's why ORD-13544 ($41.50) cost $0.00 "
            "to ship.",
        ],
        [
            ("condition", "International shipping is free on orders over $200, and ORD-13544 qualified."),
            ("tier", "Standard shipping is free on orders of $75 or more, so ORD-13544 shipped free."),
        ],
    ),
    (
        [("order", "ORD-13500"), (PAY, "Can I change the payment method on an order?")],
        "can i switch ORD-13500 to paypal",
        [
            "Yes, as long as it isn't out for delivery yet – ORD-13500 has shipped and is due on November 30. You "
            "can switch between credit card, debit card and PayPal until then.",
            "You can change the payment method until the order is out for delivery, so switching ORD-13500 to "
            "PayPal is still possible if it hasn't gone out for delivery.",
        ],
        [
            ("condition", "No, the payment method can't be changed once the order has shipped."),
            ("invented", "Yes, and switching to PayPal gives you free overnight shipping."),
        ],
    ),
    (
        [("order", "ORD-10643")],
        "was ORD-10643 late?",
        [
            "Yes, by two days: it was estimated for July 2 and delivered on July 4, 2026.",
            "It arrived a little late – delivered 2026-07-04 against an estimate of 2026-07-02, via USPS economy.",
        ],
        [
            ("negation", "No, it arrived on time on July 2."),
            ("word", "Yes, two days late; it was delivered by UPS on July 4."),
        ],
    ),
    (
        [("order", "ORD-11474"), (RET, "How long do I have to return an item?")],
        "i'm silver, can i still return the quilted jacket from ORD-11474",
        [
            "Yes – Silver members have 6 months from the purchase date, and ORD-11474 was placed on August 18, "
            "2026, so you're still within your window.",
            "You can: your return window as a Silver member is six months (180 days) from purchase, and that order "
            "is from August 18.",
        ],
        [
            ("tier", "No, Silver members have 90 days from purchase, so the window for ORD-11474 has closed."),
            ("binding", "Yes, you have 6 months counted from the delivery date, August 31."),
        ],
    ),
    (
        [("order", "ORD-11994"), (REF, "Are shipping fees refunded?")],
        "i returned ORD-11994 because it didn't fit, do i get the $5 shipping back",
        [
            "Unfortunately not – shipping fees are refunded only when an item arrived damaged, defective or wasn't "
            "what you ordered. For a return because of fit, the $5.00 economy shipping isn't refunded.",
            "The $5.00 isn't refunded for a fit return; it would be if the items had arrived damaged or defective.",
        ],
        [
            ("negation", "Yes, the $5.00 economy shipping is refunded with your return."),
            ("binding", "You get $8.00 back, the standard shipping fee."),
        ],
    ),
    (
        [("order", "ORD-12157"), (RET, "International returns")],
        "how much comes off my refund for returning ORD-12157 from france",
        [
            "A return shipping fee of $15.00 is deducted from the refund for international returns (you get a "
            "prepaid DHL Express label). It's waived only for Gold members or items that arrived damaged or "
            "defective.",
            "$15.00 is taken off for return shipping from outside the US, unless the jeans arrived damaged or "
            "defective.",
        ],
        [
            ("binding", "$25.00 comes off, the same as the international shipping you paid."),
            ("invented", "Nothing – returns from the EU are free."),
        ],
    ),
    (
        [("order", "ORD-13378"), (REF, "How long does a refund take?")],
        "my return ORD-13378 was received, when will the money arrive",
        [
            "We process a return within 3 business days of receiving it, and the refund reaches you within 7 days "
            "of the day we received it. Store credit would show up as soon as it's processed.",
            "Within 7 days of the day we received it; if more than 7 days pass without it, contact us and we'll "
            "check and issue the credit.",
        ],
        [
            ("binding", "The refund reaches you within 3 days of the day we received it."),
            ("tier", "Within 7 days – or, as you're a member, we can issue it before the 7 days are up."),
        ],
    ),
]

BLIND9 = _PRODUCTS + _ACCOUNT + _CONTACT + _MEMBERSHIP + _RETURNS + _PAYMENTS + _SHIPPING + _REFUNDS + _SIZES + _ORDERS
