"""shop_blind4: a fourth blind set of shop answers, written (round 5) BEFORE any round-5 change to the checker, from
knowledge sections the earlier sets mostly do not use (product-care answers, order status, prices, refund status,
the size guide's tops table, the "what we sell" list) plus new answers on a few policy tables, and committed before
the checker first ran on it. Run once at the start of round 5 and once at its end; never tuned on.

Same item format as grounding_items.py: (grounding spec, question, correct answers written as a capable chat model
writes them, [(kind, subtly wrong twin)]). Kinds: binding, condition, negation, entity, invented as before, plus
word (an ordinary word changed so the meaning changes: cold/hot, plastic/metal, back/front) and universal (a claim
about all products or all cases where the data says some or names a subset).
"""

F_ACC = "faq/account-and-payments.md"
F_SHIP = "faq/orders-and-shipping.md"
F_CARE = "faq/product-care.md"
F_RET = "faq/returns-and-refunds.md"
F_STORE = "faq/store-info.md"
F_MEM = "faq/membership-and-promotions.md"

BLIND4 = [
    # ---- product care
    (
        [(F_CARE, "Boots: how do I remove a paint stain?")],
        "I got paint on my leather boots. How do I get it off?",
        [
            "If it's still wet and water-based, wipe it off with a damp cloth. If it has dried, lift it gently with a "
            "plastic scraper and then clean the spot with a leather cleaner. Please don't use paint thinner or acetone – "
            "they damage leather.",
            "Act quickly: a damp cloth takes off wet water-based paint. Dried paint can be eased off with a plastic "
            "scraper, followed by a leather cleaner. Avoid acetone and paint thinner, as they harm the leather.",
        ],
        [
            ("word", "If it has dried, scrape it off with a metal scraper and then clean the spot with a leather cleaner."),
            ("negation", "For dried paint, a little acetone or paint thinner on a cloth will lift it safely."),
            ("word", "Wipe wet oil-based paint off with a damp cloth, then clean the spot with a leather cleaner."),
        ],
    ),
    (
        [(F_CARE, "Boots: how do I remove chewing gum from the sole?")],
        "There's gum stuck on the bottom of my boot.",
        [
            "Put some ice in a plastic bag and hold it against the gum for a few minutes until it hardens, then scrape "
            "it off with a plastic card.",
            "Freeze it first: hold a bag of ice on the gum for a few minutes, and once it's hard, scrape it away with a "
            "plastic card.",
        ],
        [
            ("word", "Hold a hot cloth on the gum for a few minutes until it softens, then scrape it off with a plastic card."),
            ("word", "Put ice in a plastic bag, hold it on the gum for a few minutes, then scrape it off with a kitchen knife."),
        ],
    ),
    (
        [(F_CARE, "Boots: what color are the laces?")],
        "Do the boots come with spare laces?",
        [
            "No, spare laces aren't included – but you can get replacement laces from customer care. The laces match "
            "the boot's color.",
            "They don't come with spares. If you need new ones, customer care can send you replacement laces.",
        ],
        [
            ("negation", "Yes, every pair comes with a spare set of laces in the box."),
            ("word", "Spare laces aren't included, and we don't offer replacement laces either."),
            ("binding", "The laces are always black, whatever the color of the boot."),
        ],
    ),
    (
        [(F_CARE, "Boots: my size is not in stock. What can I do?")],
        "The boots I want are sold out in my size. Any options?",
        [
            "We can back-order your size for you – it ships as soon as it's restocked, usually within 2–3 weeks. Or we "
            "can e-mail you when it's back.",
            "You have two options: back-order it (it ships once restocked, typically in 2 to 3 weeks), or ask us to "
            "e-mail you when it's back in stock.",
        ],
        [
            ("binding", "We can back-order it; it usually ships within 2–3 days of your order."),
            ("invented", "We can back-order it, and you'll get 10% off for waiting."),
            ("condition", "We can back-order it, but only for Gold members."),
        ],
    ),
    (
        [(F_CARE, "Shirts: how do I remove a stain?")],
        "How do I get a stain out of my shirt?",
        [
            "Treat it as soon as you can: blot it (don't rub), apply a stain remover or a bit of liquid detergent, leave "
            "it for 10 minutes, then wash in cold water. For grease, start with a drop of dish soap. Make sure the "
            "stain is gone before you dry it, because heat sets stains.",
            "Blot the stain rather than rubbing it, put on some stain remover or liquid detergent for about 10 minutes "
            "and wash it cold. Check it's gone before drying – heat will set it.",
        ],
        [
            ("word", "Rub the stain firmly, apply a stain remover, leave it for 10 minutes and wash in cold water."),
            ("word", "Apply a stain remover, leave it for 10 minutes and wash in hot water."),
            ("binding", "Apply a stain remover and leave it for 30 minutes before washing it in cold water."),
            ("condition", "You can tumble dry it straight away – heat helps lift the last of the stain."),
        ],
    ),
    (
        [(F_CARE, "Shirts: how should I wash my shirt?")],
        "How should I wash my linen shirt?",
        [
            "Machine wash it cold with similar colors, and hang it to dry – linen shirts are best hung rather than "
            "tumble dried. Iron it warm while it's still slightly damp.",
            "Cold machine wash with like colors, then hang it up to dry. For a crisp finish, iron it warm while slightly damp.",
        ],
        [
            ("word", "Machine wash it hot with similar colors and tumble dry it on high."),
            ("word", "Machine wash it cold and iron it warm once it's completely dry."),
            ("universal", "All of our shirts, linen included, are best tumble dried on low."),
        ],
    ),
    (
        [(F_CARE, "Shirts: how wide is the collar?")],
        "What neck size is a medium shirt, and how long are the collar points?",
        [
            "A men's medium fits a 15–15.5 inch neck. Spread collars have 2.75-inch points and button-down collars 3-inch points.",
            "Medium is 15 to 15.5 inches at the neck. Collar points are 2.75 inches on spread collars and 3 inches on button-downs.",
        ],
        [
            ("binding", "A medium fits a 16–16.5 inch neck."),
            ("entity", "Spread collars have 3-inch points and button-down collars 2.75-inch points."),
            ("universal", "All our collars have 3-inch points."),
        ],
    ),
    (
        [(F_CARE, "Shirts: can I get the buttons in brown or black?")],
        "Can I have black buttons on this shirt instead?",
        [
            "Sorry, no – the buttons are chosen to match each shirt and can't be changed. You can see the button color in the product photos.",
            "Unfortunately the buttons can't be swapped; each shirt's buttons are picked to match it. The photos show what color they are.",
        ],
        [
            ("negation", "Yes, we can swap the buttons for brown or black ones on request."),
            ("invented", "The buttons can't be changed, but we'll send you a set of black buttons free of charge."),
        ],
    ),
    (
        [(F_CARE, "Shirts: what material is the shirt made of?")],
        "Are your shirts cotton?",
        [
            "Most of them are – oxford, poplin, twill, chambray or flannel cotton – and there are some linen and "
            "cotton-linen styles too. Each product page lists the exact material.",
            "Mostly yes: the majority are cotton, with a few linen and cotton-linen styles. Check the product page for a specific shirt's material.",
        ],
        [
            ("universal", "Yes, every one of our shirts is 100% cotton."),
            ("word", "Most of our shirts are polyester, with some linen and cotton-linen styles."),
            ("negation", "No, none of our shirts are cotton; they're linen."),
        ],
    ),
    (
        [(F_CARE, "Jeans: how do I remove a grass stain?")],
        "How do I get a grass stain out of jeans?",
        [
            "Use an enzyme-based stain remover, or a mix of equal parts white vinegar and water. Leave it for 15 minutes, "
            "then wash the jeans cold and inside out. Avoid hot water, since it sets grass stains.",
            "Put on an enzyme stain remover (or half white vinegar, half water), wait 15 minutes and wash cold, inside out. Don't use hot water.",
        ],
        [
            ("word", "Apply the stain remover, leave it for 15 minutes, then wash the jeans in hot water to lift the stain."),
            ("binding", "Mix one part white vinegar with three parts water, leave it for 15 minutes and wash cold."),
            ("binding", "Apply an enzyme-based stain remover, leave it for 5 minutes, then wash cold inside out."),
        ],
    ),
    (
        [(F_CARE, "Jeans: how long is the leg?")],
        "What's the inseam on your women's jeans?",
        [
            "The standard inseam for women's jeans is 30 inches (men's is 32).",
            "Women's jeans have a 30-inch standard inseam, and they're sized by waist from 24 to 32.",
        ],
        [
            ("entity", "Women's jeans have a standard 32-inch inseam."),
            ("binding", "Women's jeans are sized by waist from 28 to 38."),
            ("universal", "All our jeans, men's and women's, have a 32-inch inseam."),
        ],
    ),
    (
        [(F_CARE, "Jeans: do you have them in dark blue or black?")],
        "Do your jeans come in black?",
        [
            "Many of them do – a lot of our jeans come in black or dark indigo, and others in medium, light, grey or "
            "white washes. The product page shows each style's colors.",
            "Plenty of styles come in black or dark blue (indigo); each product page lists the colors for that pair.",
        ],
        [
            ("universal", "Yes, every style of our jeans comes in black."),
            ("negation", "No, our jeans only come in medium, light, grey or white washes."),
        ],
    ),
    (
        [(F_CARE, "Jackets: how do I remove a wine stain?")],
        "I spilled red wine on my wool jacket.",
        [
            "For a wool jacket, it's best to take it to a professional cleaner – leather, suede, wool and down jackets "
            "should go to one. On other jackets you'd blot it, rinse from the back with cold water and cover it with "
            "salt or baking soda before washing.",
            "Wool should go to a professional cleaner. In general: blot without rubbing, rinse from the back with cold "
            "water, then cover it in salt or baking soda to draw the wine out.",
        ],
        [
            ("word", "Blot it, rinse from the front with hot water, then cover with salt before washing."),
            ("entity", "Wool is fine to treat at home; only leather and suede jackets need a professional cleaner."),
            ("word", "Rub the stain well, then cover it with salt or baking soda before washing."),
        ],
    ),
    (
        [(F_CARE, "Jackets: how long are the sleeves?")],
        "How long are the sleeves on a men's large jacket?",
        [
            "About 35.5 inches for a men's large – jacket and coat sleeves run roughly half an inch longer than our shirt sleeves.",
            "Roughly 35.5 inches. Jacket sleeves are about half an inch longer than the shirt sleeves, so they cover a cuff.",
        ],
        [
            ("binding", "About 34.5 inches for a men's large."),
            ("word", "About 35.5 inches – jacket sleeves are about half an inch shorter than our shirt sleeves."),
        ],
    ),
    (
        [(F_CARE, "Jackets: will my jacket shrink?")],
        "Will my denim jacket shrink in the dryer?",
        [
            "Not if you follow the care label. Cotton and denim jackets can shrink a little (1–2%) in a hot dryer, so "
            "avoid high heat.",
            "It can shrink slightly, about 1–2%, if you put it in a hot dryer. Follow the care label and it won't.",
        ],
        [
            ("binding", "Denim jackets can shrink by 5–10% in a hot dryer."),
            ("negation", "No, denim jackets never shrink, even in a hot dryer."),
            ("universal", "All our jackets shrink 1–2% in the dryer whatever you do."),
        ],
    ),
    (
        [(F_CARE, "Jackets: do you have this jacket in stock?")],
        "Is this jacket in stock in medium? And if not?",
        [
            "Each product page lists the sizes in stock right now, and I can check a size for you by name or SKU. If "
            "medium is sold out, we can back-order it – it ships as soon as it's back, usually within 2–3 weeks – or "
            "e-mail you when it's restocked.",
            "You can see the sizes in stock on the product page. If yours is sold out, we can back-order it (usually "
            "2 to 3 weeks) or e-mail you once it's back.",
        ],
        [
            ("binding", "If it's sold out we can back-order it; it usually ships within 2–3 days."),
            ("negation", "If it's sold out, we can't back-order it – you'll have to check back later."),
        ],
    ),
    (
        [(F_CARE, "Boots: are they waterproof?")],
        "Are all your boots waterproof?",
        [
            "Not all of them. Boots tagged \"waterproof\" – all our hiking and winter snow boots and some work boots – "
            "have a waterproof build with sealed seams. Our other leather and suede boots are water-resistant at best.",
            "No – only the ones tagged waterproof: every hiking and winter snow boot, plus some of the work boots. "
            "Other leather and suede boots are at most water-resistant, so treat them with a protector spray.",
        ],
        [
            ("universal", "Yes, all of our boots are waterproof with sealed seams."),
            ("universal", "All our work boots are waterproof, along with our hiking and snow boots."),
            ("word", "Leather and suede boots are fully waterproof; just dry them with a hair dryer if they get wet."),
        ],
    ),
    (
        [(F_CARE, "Jackets: is this jacket warm enough for winter?")],
        "Is a bomber jacket warm enough for winter?",
        [
            "Not really – bomber jackets are meant for mild weather, around 50–65°F (10–18°C). For winter, look for "
            "jackets tagged \"winter\" or \"insulated\", like puffers, parkas or wool overcoats.",
            "Bombers are for milder days (about 50–65°F). Our puffers, parkas, sherpa-lined jackets and wool coats are "
            "the ones made for cold weather, down to about 14°F with layers.",
        ],
        [
            ("entity", "Yes, bomber jackets are made for cold weather, down to about 14°F (-10°C) with layers."),
            ("binding", "Bombers are for mild weather, about 30–45°F."),
            ("universal", "All our jackets are warm enough for winter if you layer underneath."),
        ],
    ),
    # ---- policies
    (
        [("policies/orders.md", "Order status")],
        "My order says Processing. Has it shipped?",
        [
            "Not yet – Processing means we've received your order but it hasn't shipped. Once it ships, the status "
            "changes to Shipped and you'll have a tracking number.",
            "No, \"Processing\" means the order was received and hasn't left us yet.",
        ],
        [
            ("negation", "Yes, Processing means it has shipped and is on its way."),
            ("entity", "Processing means the carrier has already delivered it."),
            ("invented", "Processing means it will ship within 24 hours."),
        ],
    ),
    (
        [("policies/orders.md", "Order status")],
        "What does Returned mean on my order?",
        [
            "It means the items came back to us and the refund has been issued.",
            "\"Returned\" shows once we've received the items back and issued your refund.",
        ],
        [
            ("entity", "It means the order was cancelled before it shipped."),
            ("condition", "It means the items came back to us; the refund will be issued once they pass inspection."),
        ],
    ),
    (
        [("policies/pricing.md", "Prices")],
        "Do your prices include tax and shipping?",
        [
            "No – all prices are in US dollars and don't include sales tax or shipping. Sales tax is added at checkout "
            "for US orders where it applies.",
            "They don't. Prices are in USD before sales tax and shipping; tax is added at checkout on US orders where applicable.",
        ],
        [
            ("negation", "Yes, all our prices include sales tax and shipping."),
            ("word", "Prices include sales tax, but shipping is added at checkout."),
            ("entity", "Prices are shown in your local currency."),
        ],
    ),
    (
        [("policies/refunds.md", "How do I check my refund status?")],
        "How can I find out where my refund is?",
        [
            "Just ask me or customer care with your order number. We'll tell you whether it's not started, in progress "
            "or complete, and how it was requested. If you're not happy with the status, we'll escalate it to a manager.",
            "Give us your order number and we'll check it: a refund is either not started, in progress or complete.",
        ],
        [
            ("binding", "A refund is in one of four states: not started, in progress, approved or complete."),
            ("invented", "If you're not happy with the status, we'll refund you immediately."),
            ("word", "If you're not happy with the status, we escalate it to the carrier."),
        ],
    ),
    (
        [("policies/shipping.md", "Changing the shipping address")],
        "Can I still change my shipping address?",
        [
            "Yes, as long as the order hasn't shipped yet – you can change the address until it ships.",
            "You can, up until the order ships.",
        ],
        [
            ("condition", "Yes, you can change it until the order is delivered."),
            ("negation", "No, the shipping address can't be changed once the order is placed."),
        ],
    ),
    (
        [("policies/payments.md", "Can I change the payment method on an order?")],
        "Can I pay with PayPal instead of my card on the order I placed?",
        [
            "Yes – until the order is out for delivery you can switch between credit card, debit card and PayPal.",
            "You can, as long as it's not out for delivery yet. After that, a new payment method only applies to future orders.",
        ],
        [
            ("entity", "You can switch between credit card, debit card and gift card, but not PayPal."),
            ("condition", "Yes, you can switch it until the order is delivered."),
            ("negation", "Once an order is placed, the payment method can't be changed."),
        ],
    ),
    (
        [("policies/account.md", "Items will not go into my cart")],
        "Nothing happens when I click add to cart.",
        [
            "Try refreshing the page and adding it again, and check the size you picked is in stock. Logging out and "
            "back in often helps. If it still won't work, contact us – we'll report it to our website team and can "
            "place the order for you over the phone.",
            "Refresh and try again, and make sure your size is in stock on the product page. If the cart still won't "
            "update, get in touch and we can take the order by phone.",
        ],
        [
            ("negation", "If the cart still doesn't update, we can't take orders over the phone, so you'll need to try another browser."),
            ("invented", "If it still fails, contact us and we'll give you free shipping on the order."),
            ("word", "Check that the color you picked is in stock, then refresh the page."),
        ],
    ),
    (
        [("policies/account.md", "Website is slow or search does not work")],
        "Your search keeps saying no results found.",
        [
            "Try logging out and back in, clearing your browser's cookies, and searching for a different product first. "
            "If that doesn't help, let us know and we'll report it to our website team.",
            "Log out and back in, clear your cookies, and try another product search. If it still fails, tell us so the "
            "website team can look into it.",
        ],
        [
            ("word", "Log out and back in, clear your browser's history, and try searching for the same product again."),
            ("invented", "If it still fails, tell us and we'll fix it within 24 hours."),
        ],
    ),
    (
        [("policies/contact.md", "Before you contact us")],
        "What should I have ready before I contact you?",
        [
            "Your order number (like ORD-10234) and the e-mail address on your account – and for account changes, the "
            "details we use to verify your identity.",
            "Please have your order number and your account's e-mail address handy, plus your verification details if "
            "it's about changing your account.",
        ],
        [
            ("word", "Have your order number and the phone number on your account ready."),
            ("invented", "Have your order number, e-mail address and the card you paid with ready."),
        ],
    ),
    (
        [("policies/about.md", "What we sell")],
        "What sizes do your women's boots come in?",
        [
            "Women's boots come in US sizes 5–11 (men's are 7–13).",
            "US women's sizes 5 through 11.",
        ],
        [
            ("entity", "Women's boots come in US sizes 7–13."),
            ("binding", "Women's boots come in US sizes 5–13."),
        ],
    ),
    (
        [("policies/about.md", "What we sell")],
        "What do you sell?",
        [
            "Jeans and chinos, shirts, T-shirts and sweaters, jackets and coats, boots, dresses, and accessories like "
            "belts, scarves, beanies, gloves, socks and caps.",
            "Clothing and footwear: bottoms (jeans, chinos), tops (shirts, tees, sweaters), outerwear, boots, dresses "
            "and accessories such as belts, scarves and caps.",
        ],
        [
            ("invented", "Jeans, shirts, jackets, boots, dresses, sneakers and accessories."),
            ("binding", "Dresses come in XS–XXL, and tops in XS–XL."),
            ("universal", "All our products come in sizes XS–XXL."),
        ],
    ),
    (
        [("policies/about.md", "Membership")],
        "Does it cost anything to join your rewards program?",
        [
            "No, joining Northwind Rewards is free. There are four levels – Guest, Bronze, Silver and Gold – and higher "
            "levels get longer return windows and more perks.",
            "It's free to join. The higher your level (Guest, Bronze, Silver, Gold), the longer your return window and the more perks you get.",
        ],
        [
            ("negation", "Yes, Northwind Rewards has a small yearly fee."),
            ("binding", "It's free, and there are three levels: Bronze, Silver and Gold."),
            ("word", "It's free; higher levels get shorter return windows but more perks."),
        ],
    ),
    (
        [("policies/about.md", "Getting help")],
        "Is customer service available 24/7?",
        [
            "The assistant answers questions around the clock, but the customer care team is available by phone and "
            "e-mail only during the hours on the Contact Us page.",
            "I'm here any time, day or night. The customer care team works by phone and e-mail during the hours listed on our Contact Us page.",
        ],
        [
            ("entity", "Yes, our customer care team is available by phone around the clock."),
            ("universal", "Yes, every channel – the assistant, phone and e-mail – is staffed around the clock."),
        ],
    ),
    (
        [("policies/size-guide.md", "Tops: shirts, T-shirts, sweaters, jackets and coats")],
        "What chest size is a men's large?",
        [
            "A men's large fits a 41–43 inch chest.",
            "Large is for a 41 to 43 inch chest in men's sizes (women's large is 37–39).",
        ],
        [
            ("entity", "A men's large fits a 37–39 inch chest."),
            ("binding", "A men's large fits a 44–46 inch chest."),
        ],
    ),
    (
        [("policies/size-guide.md", "Tops: shirts, T-shirts, sweaters, jackets and coats")],
        "Are women's sleeves the same length as men's?",
        [
            "No – women's sleeves are 1.5 inches shorter than the lengths in the table.",
            "They're a bit shorter: subtract 1.5 inches from the sleeve lengths shown.",
        ],
        [
            ("word", "Women's sleeves are 1.5 inches longer than the lengths shown."),
            ("binding", "Women's sleeves are half an inch shorter than the lengths shown."),
            ("negation", "Yes, sleeve lengths are the same for men and women."),
        ],
    ),
    (
        [("policies/returns.md", "Condition of returned items")],
        "I wore the shirt once and it has a defect. Can I still return it?",
        [
            "Yes – items normally need to be unworn and unwashed with the tags attached, but that doesn't apply when "
            "you're returning something because of a defect.",
            "You can. The unworn, unwashed, tags-on rule is waived for items returned because of a stain or a defect.",
        ],
        [
            ("condition", "No, worn items can't be returned, even if they're defective."),
            ("universal", "Yes – every item can be returned if it's defective, gift cards included."),
            ("condition", "Yes, as long as the tags are still attached."),
        ],
    ),
    (
        [("policies/returns.md", "International returns")],
        "I live in Canada. Do I pay for return shipping?",
        [
            "You'll get a prepaid DHL Express return label, and a $15.00 return shipping fee is taken off your refund – "
            "unless you're a Gold member or the item arrived damaged or defective.",
            "A $15 return fee comes out of the refund, though Gold members and items that arrived damaged or defective are exempt. The label itself is a prepaid DHL Express one.",
        ],
        [
            ("binding", "A $25.00 return shipping fee is deducted from your refund."),
            ("entity", "You'll get a prepaid UPS return label; $15.00 is deducted from the refund."),
            ("condition", "The $15.00 fee is waived for Silver and Gold members."),
        ],
    ),
    (
        [("policies/membership.md", "Membership benefits: returns and shipping")],
        "How long is the return window for Silver members?",
        [
            "Silver members have 6 months to return an item.",
            "Six months. Outside that window you'll need the receipt or the original packaging.",
        ],
        [
            ("entity", "Silver members have 90 days to return an item."),
            ("entity", "Six months, and outside the window no receipt is needed."),
            ("universal", "Every member level gets the same 6-month window."),
        ],
    ),
    (
        [("policies/shipping.md", "Shipping options and costs (United States)")],
        "If I order at 3 p.m. on a Tuesday, when does it ship?",
        [
            "The next business day – Wednesday. Orders placed before 2:00 p.m. Eastern Time on a business day ship the "
            "same day; later ones ship the next business day.",
            "It would go out on Wednesday, since the same-day cutoff is 2 p.m. Eastern.",
        ],
        [
            ("condition", "It ships the same day – orders placed before 5:00 p.m. Eastern ship that day."),
            ("word", "The next business day: the cutoff is 2:00 p.m. Pacific Time."),
            ("universal", "Every order ships the same day it's placed."),
        ],
    ),
    (
        [(F_SHIP, "My package shows as delivered but I did not get it")],
        "Tracking says delivered yesterday but nothing's here.",
        [
            "Packages are sometimes marked delivered a day or two early, so please give it a little longer and check "
            "with your neighbors or mail room. If it's still missing after 7 days, contact us and we'll send a "
            "replacement free of charge.",
            "Sometimes they're scanned as delivered a day or two before they arrive. Wait a bit and ask your neighbors; "
            "after 7 days, get in touch and we'll send a free replacement.",
        ],
        [
            ("binding", "If it's still missing after 2 days, contact us and we'll send a replacement free of charge."),
            ("invented", "Contact us now and we'll refund you in full straight away."),
            ("condition", "After 7 days, contact us and we'll send a replacement for a $5.00 fee."),
        ],
    ),
    (
        [(F_MEM, "Do you price match?")],
        "I found it cheaper at another store. Will you match it?",
        [
            "Sorry, we don't match competitors' prices, since our prices update regularly. If you're unhappy about the "
            "difference, contact us and we can offer a one-time 20% promo code for your next purchase.",
            "We don't price match, but if the difference bothers you, get in touch and we can give you a one-time 20% "
            "code for your next order.",
        ],
        [
            ("negation", "Yes, we match competitors' prices – just send us the link."),
            ("binding", "We don't price match, but we can offer a one-time 10% promo code for your next purchase."),
            ("word", "We don't price match, but we can take 20% off this order instead."),
        ],
    ),
    (
        [(F_STORE, "When do promo codes expire?")],
        "How long is my promo code good for?",
        [
            "Promo codes expire 7 days after they're issued, unless the offer gives a different date.",
            "Seven days from when it was issued, unless the offer says otherwise. One code per order, entered at checkout.",
        ],
        [
            ("binding", "Promo codes expire 30 days after they're issued."),
            ("word", "Promo codes expire 7 days after you first use them."),
            ("invented", "You can combine up to two codes per order."),
        ],
    ),
    (
        [(F_RET, "Can I add another item to my refund?")],
        "I want to add my Guess jeans to the refund I already have.",
        [
            "Sure – tell us the item (brand and type) and its price, and we'll add it to your existing refund; the "
            "refund amount becomes the total of both.",
            "Yes, just let us know the item and its price and we'll add it to that refund, so you get both amounts back.",
        ],
        [
            ("negation", "You can't add items to an existing refund; you'll need to start a new one."),
            ("word", "Tell us the item and its price and we'll add it; the refund becomes the higher of the two amounts."),
        ],
    ),
    # ---- products
    (
        [("product", "BR-CT-1115")],
        "Is the Marlow Parka in stock in small?",
        [
            "No – the Banana Republic Marlow Parka is in stock in M, L and XL, but not in S.",
            "Unfortunately not; small is sold out. Medium, large and XL are available, in black, navy or charcoal for $225.00.",
        ],
        [
            ("negation", "Yes, the Marlow Parka is in stock in small."),
            ("binding", "No, small is sold out; it's $218.99 in M, L and XL."),
        ],
    ),
    (
        [("product", "TH-SH-1161"), ("product", "TH-SH-1253")],
        "Which is cheaper, the Kingsley or the Quincy shirt?",
        [
            "The Kingsley Chambray Shirt is cheaper at $44.50; the Quincy Stretch Twill Button-Down is $86.99.",
            "The Kingsley, at $44.50 – the Quincy costs $86.99.",
        ],
        [
            ("binding", "The Quincy is cheaper at $44.50."),
            ("entity", "The Kingsley is cheaper at $44.50, and it comes in white, light blue, navy and grey."),
        ],
    ),
    (
        [("product", "MK-AC-1299")],
        "What colours do the Michael Kors Fulton socks come in?",
        [
            "Black, navy and white – they're a 3-pack for $99.50, one size.",
            "The Fulton Crew Socks 3-Pack comes in black, navy or white.",
        ],
        [
            ("binding", "Black, navy and grey."),
            ("universal", "They come in every colour we stock, in sizes S to XL."),
        ],
    ),
]
