"""shop_blind3: a third blind set of shop answers, written (round 4) after the rules were fixed on shop_dev and
shop_blind2, from knowledge sections and product lines the earlier sets mostly do not use, and committed before
the checker was ever run on it. Run once for the final figures.

Same item format as grounding_items.py: (grounding spec, question, correct answers written as a capable chat
model writes them, [(kind, subtly wrong twin)]). Kinds: binding (a number or name bound to the wrong
attribute), condition (a swapped or dropped condition), negation, entity (another entity's attribute),
invented (a promise or perk the data does not make).
"""

F_ACC = "faq/account-and-payments.md"
F_SHIP = "faq/orders-and-shipping.md"
F_CARE = "faq/product-care.md"
F_RET = "faq/returns-and-refunds.md"
F_STORE = "faq/store-info.md"

BLIND3 = [
    # ---- account
    (
        [(F_ACC, "I forgot my username. How do I get it back?")],
        "I can't remember my username, what do I do?",
        [
            "Just contact us and confirm three of these four details – your full name, ZIP or postal code, phone number "
            "and e-mail address – and we'll tell you your username.",
            "No problem: get in touch and verify 3 of the 4 details we have on file (full name, ZIP code, phone number, "
            "e-mail). It's usually your first initial, last name and a number, like jsmith1.",
        ],
        [
            ("binding", "Contact us and confirm 2 of these 4 details: your full name, ZIP code, phone number and e-mail address."),
            ("invented", "We'll e-mail your username to you automatically within a few minutes – no need to contact us."),
            ("binding", "Usernames usually look like smithj1: your last name, first initial and a number."),
        ],
    ),
    (
        [(F_ACC, "How do I reset two-factor authentication?")],
        "I lost access to my 2FA. How do I reset it?",
        [
            "Contact us and we'll send a reset code to the e-mail address on your account.",
            "Get in touch and we'll e-mail a reset code to your account's address. If you can't get into that e-mail, we "
            "can verify you with your account PIN or security-question answer instead.",
        ],
        [
            ("binding", "Contact us and we'll text a reset code to the phone number on your account."),
            ("condition", "If you can't access your e-mail, we're unable to reset it – the code only goes to your e-mail address."),
            ("invented", "Contact us and we'll turn two-factor authentication off for you right away, no verification needed."),
        ],
    ),
    (
        [(F_ACC, "Can I change the payment method on my order?")],
        "My order shipped yesterday. Can I still switch it to a different card?",
        [
            "Yes – you can change the payment method until the order is out for delivery.",
            "You can, as long as it isn't out for delivery yet. After that, a new payment method only applies to future orders.",
        ],
        [
            ("condition", "No, once an order has shipped the payment method can't be changed."),
            ("condition", "Yes, you can change it any time, even after it's delivered."),
            ("negation", "No, the payment method on an order can never be changed."),
        ],
    ),
    (
        [(F_ACC, "Why is my credit card being declined?")],
        "My card keeps getting declined at checkout.",
        [
            "Please double-check the card number, expiration date, security code and billing ZIP code, and make sure the "
            "card hasn't expired. Logging out and back in can help too. If it still fails, call us and we'll place the "
            "order for you by phone.",
            "Check the card details (number, expiry, security code, billing ZIP) and that the card is still valid. If it "
            "keeps failing, give us a call and we can take the order over the phone.",
        ],
        [
            ("invented", "If it still fails, call us and we'll give you 10% off the order for the trouble."),
            ("binding", "Check the card number, expiration date, security code and shipping address are entered correctly."),
            ("negation", "If it still fails, we can't place the order for you – you'll need to use a different card online."),
        ],
    ),
    (
        [(F_ACC, "I got an e-mail saying a service was added to my account")],
        "I got an e-mail saying a protection plan was added to my account. Is that real?",
        [
            "If that e-mail didn't come from Northwind Threads, it's a scam – please don't click any of its links. Ask us "
            "and we'll check your account.",
            "Be careful: if it isn't from us, it's a scam, so don't click the links. We can check your account for you, and "
            "if anything was changed by mistake we'll fix it and refund any charge.",
        ],
        [
            ("invented", "That's a real e-mail – we add protection plans automatically to every account."),
            ("condition", "If something was changed by mistake, we fix it, but any charge is non-refundable."),
            ("negation", "If the e-mail came from Northwind Threads it's a scam – don't click its links."),
        ],
    ),
    (
        [("policies/account.md", "Keeping your account safe")],
        "How do I keep my account secure?",
        [
            "Use a unique password and turn on two-factor authentication. We only contact you from the e-mail address and "
            "phone number on our Contact Us page.",
            "Pick a password you don't use anywhere else and enable two-factor authentication. E-mails about services added "
            "to your account that don't come from us are scams – if in doubt, ask us and we'll check.",
        ],
        [
            ("invented", "We'll never ask you anything by e-mail, and we reset your password every 90 days for you."),
            ("negation", "Two-factor authentication isn't needed – a unique password is enough."),
            ("binding", "We only contact you from the e-mail address and phone number on your order confirmation."),
        ],
    ),
    # ---- orders and shipping
    (
        [(F_SHIP, "Where is my order?")],
        "Where's my order?",
        [
            "Ask our assistant with your order number (it looks like ORD-10234), or use the tracking link in your shipping "
            "confirmation e-mail.",
            "You can check with your order number here, or follow the tracking link in the shipping confirmation e-mail. "
            "If it's still placed or processing, it hasn't shipped yet; once shipped it has a carrier and a tracking number.",
        ],
        [
            ("negation", "Orders that are placed or processing have already shipped and have a tracking number."),
            ("invented", "Every order arrives within 3 business days, so it should be with you soon."),
        ],
    ),
    (
        [(F_SHIP, "Does my order qualify for free shipping?")],
        "My cart is $80 after a coupon. Do I get free shipping?",
        [
            "Yes – standard US shipping is free when your order totals $75 or more after discounts and before tax, so $80 "
            "qualifies.",
            "It does: orders of $75 or more (after discounts, before tax) get free standard shipping in the US.",
        ],
        [
            ("condition", "No – the $75 threshold is counted before discounts, so a coupon doesn't change it."),
            ("binding", "Yes – standard US shipping is free on orders of $50 or more."),
            ("entity", "Yes, and since it's over $75 you also get free overnight shipping."),
        ],
    ),
    (
        [(F_SHIP, "Can I upgrade my order to overnight shipping?")],
        "Can I upgrade my order to overnight?",
        [
            "Yes, as long as it hasn't shipped yet. The upgrade costs $20.00, and it's free for Gold members.",
            "You can if the order hasn't shipped – it's $20.00 (free if you're Gold). Once it has shipped the delivery date "
            "can't be changed, though it usually arrives within a day or two.",
        ],
        [
            ("binding", "Yes, as long as it hasn't shipped. The upgrade costs $12.00, free for Gold members."),
            ("entity", "Yes – the upgrade costs $20.00, but it's free for Silver and Gold members."),
            ("condition", "Yes, even after it has shipped – we'll switch it to overnight for $20.00."),
        ],
    ),
    (
        [(F_SHIP, "Can I delay my delivery to save on shipping?")],
        "I'm in no hurry. Can I switch to slower shipping and save money?",
        [
            "If your order hasn't shipped, we can move it to Economy for next-week delivery.",
            "Yes, if it hasn't shipped we can switch it to Economy. If it has already shipped, Bronze, Silver and Gold "
            "members get the shipping fee back as store credit.",
        ],
        [
            ("entity", "If it has already shipped, everyone, Guests included, gets the shipping fee back as store credit."),
            ("binding", "If it has already shipped, members get the shipping fee refunded to their card."),
            ("condition", "We can move it to Economy even after it has shipped."),
        ],
    ),
    (
        [(F_SHIP, "Which countries do you not ship to?")],
        "Are there countries you don't ship to?",
        [
            "Yes – we don't ship to the United Kingdom, or to countries that aren't on our shipping list, such as Russia, "
            "Belarus, Iran, North Korea, Syria and Cuba. We also don't ship to freight-forwarding addresses.",
            "We can't deliver to the UK or to any country missing from our shipping list (Russia, Iran or Cuba, for example), "
            "and freight-forwarding addresses aren't accepted either.",
        ],
        [
            ("negation", "We ship everywhere except Russia and North Korea."),
            ("invented", "We don't ship to the UK, but you can use a freight-forwarding address instead."),
            ("entity", "We don't ship to Canada, or to countries not on our shipping list."),
        ],
    ),
    (
        [(F_SHIP, "Can I change my shipping address?")],
        "I need to change the delivery address on my order.",
        [
            "That's possible as long as the order hasn't shipped (status placed or processing). Send us your order number "
            "and the new address.",
            "Sure – if it's still placed or processing, just tell us the order number and the new address. Once it has "
            "shipped, the address can't be changed any more.",
        ],
        [
            ("condition", "You can change it until the order is delivered – just send us the new address."),
            ("invented", "If it has already shipped, we'll ask the carrier to redirect it for free."),
            ("negation", "Once the order has shipped, we can still change the address."),
        ],
    ),
    (
        [(F_SHIP, "Can I cancel my order?")],
        "Can I cancel my order? It already shipped and I'm a Silver member.",
        [
            "Yes – since you're a Silver member, we refund you immediately, and you return the item when it arrives.",
            "You can. As a Silver member you're refunded right away even though it shipped; just send the item back once it "
            "arrives.",
        ],
        [
            ("entity", "Since it has shipped, you'll need to wait for the delivery and then return the item for a refund."),
            ("invented", "Yes – we'll refund you immediately and you can keep the item."),
            ("condition", "No, shipped orders can't be cancelled by Silver members; only Gold members get an immediate refund."),
        ],
    ),
    (
        [(F_SHIP, "Can I add an item to my order?")],
        "My order shipped. Can I add a scarf? I'm a Gold member.",
        [
            "Yes – as a Gold member you can have the scarf sent separately with no shipping fee.",
            "Since it has already shipped, we can send the scarf as a separate order, and as a Gold member you won't pay "
            "shipping for it.",
        ],
        [
            ("entity", "Since it has shipped, you'll need to place a new order and pay shipping for the scarf."),
            ("invented", "Yes – we'll add the scarf to the same parcel before it arrives."),
            ("binding", "Yes, we'll send it separately for a $5.00 shipping fee."),
        ],
    ),
    (
        [(F_SHIP, "What if an item I want is out of stock?")],
        "The jacket I want is out of stock. What are my options?",
        [
            "We can back-order it: it ships as soon as it's back in stock, usually within 2–3 weeks, and you're only charged "
            "when it ships. We can also e-mail you when it's restocked.",
            "You can back-order it – it usually ships within 2–3 weeks and you pay when it ships – or we can send you an "
            "e-mail once it's back.",
        ],
        [
            ("binding", "We can back-order it; it usually ships within 2–3 days."),
            ("condition", "We can back-order it, but you're charged when you place the back-order."),
            ("invented", "We can back-order it and give you 15% off for waiting."),
        ],
    ),
    (
        [(F_SHIP, "My order confirmation shows the wrong quantity")],
        "My confirmation says 2 hoodies but I only ordered 1.",
        [
            "Contact us with your order number. If only the e-mail was wrong, you were charged just for what you ordered. If "
            "an extra hoodie really was added and the order hasn't shipped, we'll remove and refund it right away.",
            "Send us your order number and we'll check. If a second one was really added, we remove and refund it "
            "before it ships; if it has already shipped, just return the extra hoodie when it arrives.",
        ],
        [
            ("condition", "If it has already shipped, we refund the extra hoodie right away and you can keep it."),
            ("negation", "If the e-mail was wrong, you were still charged for both hoodies."),
            ("invented", "We'll refund the extra hoodie and add a $10 credit for the mistake."),
        ],
    ),
    # ---- returns and refunds
    (
        [(F_RET, "It has been more than 7 days and I have not received my refund")],
        "It's been 9 days since you got my return and I still don't see my refund.",
        [
            "Please contact us with your order number – refunds reach you within 7 days of the day we received the return, "
            "so we'll check it and issue the credit right away.",
            "Since it's been more than 7 days, send us your order number and we'll look into the refund and issue the "
            "credit right away.",
        ],
        [
            ("binding", "Refunds can take up to 14 days from when we receive the return, so please wait a few more days."),
            ("condition", "Refunds reach you within 7 days of the day you shipped the return, so we'll check it."),
            ("invented", "Contact us and we'll issue the refund plus a $5 credit for the delay."),
        ],
    ),
    # ---- product care
    (
        [(F_CARE, "Boots: how wide are your boots?")],
        "Do your boots come in wide sizes?",
        [
            "Our boots are medium width (D for men, B for women), and styles marked \"wide width available\" also come in "
            "wide – EE for men and D for women.",
            "Some do: the standard fit is medium (D men's, B women's), and styles labelled \"wide width available\" come in "
            "wide (EE men's, D women's).",
        ],
        [
            ("binding", "Our boots are medium width (B for men, D for women)."),
            ("entity", "Wide styles come in EE for women and D for men."),
            ("invented", "All our boots come in wide, extra-wide and narrow widths."),
        ],
    ),
    (
        [(F_CARE, "Boots: how long does it take to break them in?")],
        "How long does it take to break in your boots?",
        [
            "Usually 1–2 weeks. Wear them 2–3 hours a day at first, with thick socks, until the leather molds to your foot.",
            "About one to two weeks – start with a couple of hours a day in thick socks.",
        ],
        [
            ("binding", "Usually 2–3 weeks. Wear them for 1–2 hours a day at first."),
            ("negation", "They don't need breaking in – you can wear them all day from the start."),
            ("binding", "Usually 1–2 weeks; wear them with thin socks so the leather molds to your foot."),
        ],
    ),
    (
        [(F_CARE, "Shirts: how long are the sleeves?")],
        "What's the sleeve length on a men's medium shirt?",
        [
            "A men's M has a 34-inch sleeve, measured from the center back of the neck to the wrist.",
            "34 inches for a men's medium (center back of the neck to the wrist). Women's sleeves are 1.5 inches shorter.",
        ],
        [
            ("binding", "A men's M has a 35-inch sleeve, measured from the center back of the neck to the wrist."),
            ("binding", "34 inches for a men's medium; women's sleeves are 2 inches shorter."),
            ("entity", "A men's medium is 34 inches, and women's sleeves are 1.5 inches longer."),
        ],
    ),
    (
        [(F_CARE, "Jeans: how much does it cost to get jeans tailored?")],
        "How much is hemming and how long does it take?",
        [
            "Hemming is $12.00 per pair. Add it at checkout with your inseam (it adds 2 business days), or have it done in "
            "one of our stores, ready in 3 business days.",
            "It's $12.00 a pair – 2 extra business days if you add it at checkout, or 3 business days in store. Keep in mind "
            "hemmed jeans can only be returned if they're defective.",
        ],
        [
            ("binding", "Hemming is $12.00 per pair and is ready in 2 business days in store."),
            ("binding", "Hemming costs $15.00 per pair; add it at checkout with your inseam."),
            ("condition", "Hemming is $12.00 per pair, and hemmed jeans can be returned like any other item."),
        ],
    ),
    (
        [(F_CARE, "Jeans: do you have ripped jeans?")],
        "Do you sell ripped jeans?",
        [
            "Yes – styles with \"distressed\" in their details have rips and worn-in areas. Ask me for distressed jeans.",
            "We do: look for \"distressed\" in the product details – those have rips and worn-in areas.",
        ],
        [
            ("negation", "No, we don't carry ripped or distressed jeans."),
            ("invented", "Yes – and we can add rips to any pair of jeans for $10."),
        ],
    ),
    (
        [(F_CARE, "Jackets: can I machine wash my jacket or is it dry-clean only?")],
        "Can I put my wool jacket in the washing machine?",
        [
            "No – wool must not go in the washer. Always follow the care label.",
            "I'd avoid it: leather, suede, waxed cotton and wool jackets must not go in the washer. Denim, cotton twill and "
            "softshell jackets can be machine washed cold.",
        ],
        [
            ("negation", "Yes, wool jackets can be machine washed cold."),
            ("entity", "Wool is fine on a gentle cycle, but leather and suede must not go in the washer."),
            ("binding", "Yes – wool can be washed on a gentle cycle and tumble dried low with dryer balls."),
        ],
    ),
    (
        [(F_CARE, "Jackets: can I machine wash my jacket or is it dry-clean only?")],
        "How do I wash a puffer jacket?",
        [
            "Puffer jackets can go on a gentle cycle and be tumble dried low with dryer balls – but always check the care label.",
            "On a gentle cycle, then tumble dry low with dryer balls. Follow the care label for your jacket.",
        ],
        [
            ("binding", "Puffer jackets should be washed hot and tumble dried on high."),
            ("negation", "Puffer jackets must not go in the washer – dry-clean only."),
        ],
    ),
    (
        [(F_CARE, "Jackets: how do I detach the hood?")],
        "How does the hood come off?",
        [
            "Detachable hoods are fastened with a zip or snaps around the collar – unzip or unsnap it, starting at one side "
            "of the collar.",
            "It's held on by a zip or snaps around the collar; just start at one side and unzip or unsnap it.",
        ],
        [
            ("binding", "Detachable hoods are fastened with buttons along the back of the collar."),
            ("invented", "Every one of our jackets has a detachable hood."),
        ],
    ),
    (
        [(F_CARE, "Jackets: what material is this jacket made of?")],
        "What are your jackets made of?",
        [
            "It varies by jacket – the material is listed on each product page, for example 100% cotton denim, genuine "
            "lambskin leather, waxed cotton, or a recycled nylon shell with down or synthetic insulation.",
            "Each product page lists it. Tell me the jacket's name or SKU and I'll look up its material.",
        ],
        [
            ("binding", "All our jackets are made of 100% recycled nylon with down insulation."),
            ("entity", "Our leather jackets are genuine cowhide leather."),
        ],
    ),
    # ---- store info and sales
    (
        [(F_STORE, "When does the annual sale begin?")],
        "When is the Annual Sale?",
        [
            "The Annual Sale starts on the last Friday of November and runs for 10 days. Northwind Plus subscribers get "
            "24-hour early access.",
            "It begins on the last Friday of November and lasts 10 days; Plus subscribers can shop it 24 hours early.",
        ],
        [
            ("binding", "The Annual Sale starts on the last Friday of November and runs for 2 weeks."),
            ("entity", "The Annual Sale starts on the second Monday of July and runs for 10 days."),
            ("entity", "It starts on the last Friday of November; Gold members get 24-hour early access."),
        ],
    ),
    (
        [(F_STORE, "When is customer care available?")],
        "Can I reach customer care on Saturday?",
        [
            "Yes – on Saturday and Sunday customer care is available 9:00 a.m. to 5:00 p.m. Eastern Time, and our online "
            "assistant is available 24/7.",
            "Yes, weekends 9:00 a.m.–5:00 p.m. Eastern Time. During the week it's 8:00 a.m.–8:00 p.m.",
        ],
        [
            ("binding", "Yes – on Saturday customer care is available 8:00 a.m. to 8:00 p.m. Eastern Time."),
            ("negation", "No, customer care is closed on weekends; only the online assistant is available."),
            ("binding", "Yes, Saturday 9:00 a.m. – 5:00 p.m. Pacific Time."),
        ],
    ),
    (
        [("policies/about.md", "Our stores")],
        "Do you have physical stores, and when are they open?",
        [
            "Yes – we have three stores, in Portland (Oregon), Seattle (Washington) and Chicago (Illinois). They're open "
            "Monday–Saturday 10:00 a.m.–8:00 p.m. and Sunday 11:00 a.m.–6:00 p.m. local time.",
            "We have stores in Portland, Seattle and Chicago, open 10 a.m. to 8 p.m. Monday to Saturday and 11 a.m. to 6 p.m. "
            "on Sunday. You can return online orders there, and they offer jeans hemming.",
        ],
        [
            ("entity", "We have three stores, in Portland, Seattle and San Francisco."),
            ("binding", "They're open Monday–Saturday 10:00 a.m.–8:00 p.m. and Sunday 10:00 a.m.–6:00 p.m."),
            ("negation", "Our stores can't take returns of online orders – those have to go back by mail."),
        ],
    ),
    # ---- membership and pricing
    (
        [("policies/membership.md", "Checking and paying your Northwind Plus bill")],
        "My Plus payment is late. Can I get an extension? I'm a Silver member and it's 3 days overdue.",
        [
            "Unfortunately not – Silver members can get an extension only if the payment is no more than 1 day late. Your "
            "Plus benefits are paused until you pay and come back as soon as you do.",
            "I'm afraid not at 3 days: for Silver members an extension is possible only up to 1 day late. Benefits resume "
            "as soon as the payment is made.",
        ],
        [
            ("entity", "Yes – Silver members can always get an extension."),
            ("binding", "Yes, Silver members can get one if the payment is no more than 7 days late."),
            ("negation", "Your Plus benefits continue as normal while the payment is overdue."),
        ],
    ),
    (
        [("policies/membership.md", "Checking and paying your Northwind Plus bill")],
        "I cancelled Plus 20 days after being charged. Do I get a refund?",
        [
            "No – the full $99 refund applies only if you cancel within 14 days of the charge without using any Plus "
            "benefit. Your benefits continue until the end of the year you paid for, and no partial refunds are given.",
            "Not at 20 days, I'm afraid. The refund is only for cancellations within 14 days of the charge with no benefits "
            "used; otherwise you keep the benefits until the end of your paid year.",
        ],
        [
            ("binding", "Yes – you can get the full $99 back if you cancel within 30 days of the charge."),
            ("invented", "You'll get a partial refund for the months you haven't used."),
            ("condition", "Yes, you get the full $99 back as long as you cancel from your account page."),
        ],
    ),
    (
        [("policies/pricing.md", "Why did the price change?")],
        "Why is this shirt more expensive than yesterday?",
        [
            "Our prices are set by a pricing system that updates them regularly based on demand and stock, so a price can "
            "go up or down from one day to the next.",
            "Prices are updated regularly by our pricing system depending on demand and stock, which is why they can change "
            "day to day.",
        ],
        [
            ("invented", "Prices only change during our sales, so it should go back down tomorrow."),
            ("binding", "Our prices are updated once a month based on the season."),
        ],
    ),
    # ---- size guide
    (
        [("policies/size-guide.md", "Dresses")],
        "Which dress size fits a 28-inch waist?",
        [
            "A medium: size M fits a 28–29 inch waist (bust 35–36, hips 38–39).",
            "That's an M, which is for waists of 28 to 29 inches.",
        ],
        [
            ("binding", "A small: size S fits a 28–29 inch waist."),
            ("binding", "Size M fits a 26–27 inch waist, so go for M."),
        ],
    ),
    (
        [("policies/size-guide.md", "Boots")],
        "I wear EU 43 in men's boots. What US size is that?",
        [
            "EU 43 is a US men's 10.",
            "That's a US men's size 10. Our boots come in medium width (D for men), and some styles in wide.",
        ],
        [
            ("binding", "EU 43 is a US men's 11."),
            ("entity", "EU 43 is a US women's 10."),
            ("binding", "EU 43 is a US men's 10; men's half sizes go up to 12.5."),
        ],
    ),
    # ---- products
    (
        [("product", "CK-DR-1194")],
        "Is the Bowery maxi dress available in XS?",
        [
            "The Calvin Klein Bowery Maxi Dress comes in XS, but XS is out of stock right now – S, M and XL are in stock.",
            "Not at the moment: XS is out of stock. It's in stock in S, M and XL, at $155.99.",
        ],
        [
            ("negation", "Yes, the Bowery Maxi Dress is in stock in XS."),
            ("binding", "XS is out of stock; it's in stock in S, M and L."),
            ("binding", "XS is out of stock right now; the dress costs $167.50."),
        ],
    ),
    (
        [("product", "CK-DR-1194"), ("product", "CK-DR-1285")],
        "What colours do the Bowery and the Camden dresses come in?",
        [
            "The Bowery Maxi Dress comes in navy, dusty rose, ivory and black; the Camden Wrap Dress in red, floral print "
            "and navy.",
            "Both come in navy. The Bowery also comes in dusty rose, ivory and black, and the Camden in red and a floral print.",
        ],
        [
            ("entity", "The Bowery comes in red, floral print and navy; the Camden in navy, dusty rose, ivory and black."),
            ("binding", "The Bowery Maxi Dress comes in navy, dusty rose, ivory and green."),
            ("entity", "The Camden Wrap Dress comes in red, floral print, navy and black."),
        ],
    ),
    (
        [("product", "TH-JN-1124"), ("product", "TH-JN-1310")],
        "Which is cheaper, the Sterling or the York jeans?",
        [
            "The Sterling Bootcut Jeans are cheaper at $101.50; the York Tapered Stretch Jeans are $137.99.",
            "The Tommy Hilfiger Sterling, at $101.50 – the York costs $137.99.",
        ],
        [
            ("binding", "The York Tapered Stretch Jeans are cheaper at $101.50."),
            ("binding", "The Sterling is cheaper at $99.50; the York is $137.99."),
        ],
    ),
    (
        [("product", "MK-SH-1316")],
        "Does the Michael Kors Union shirt come in white?",
        [
            "No – the Michael Kors Union Dress Button-Up Shirt only comes in light blue.",
            "It doesn't; it's available in light blue only, in sizes XS to XL, for $99.50.",
        ],
        [
            ("negation", "Yes, the Union shirt comes in white and light blue."),
            ("binding", "No, it only comes in light blue, for $101.50."),
        ],
    ),
    (
        [("product", "UQ-JN-1068")],
        "Do the Uniqlo Dover jeans come in size 34?",
        [
            "No – the Uniqlo Dover Relaxed Denim Jeans go from 24 to 32, all in stock.",
            "They don't; sizes run 24 through 32. They're $51.99 in black, grey or washed black.",
        ],
        [
            ("negation", "Yes, the Dover jeans are in stock in 34."),
            ("binding", "No, they go up to 32; they cost $47.50."),
        ],
    ),
]
