"""shop_actions: shop answers that tell the shopper to do something, or say when or where something happens (#9).

Written from knowledge/policies and knowledge/faq, before the rule they measure (`meaning/actions.py`) existed. The
local model (SmolLM2) writes steps, places and times that no page gives ("leave it in your mailbox for pickup", "the
store closes on Sundays"); the verifier kept them because their words are ordinary or taken from the page. Right
answers are the pages' own instructions, times and places paraphrased the way a capable model writes them ("drop the
parcel at any UPS Access Point", "stick the label on the box", "you can call 9 to 5 Eastern on weekends").

Wrong twins, by kind:
- instruction: a step, tool or service no page gives ("restart your router", "file a police report");
- place: the right action sent somewhere the page does not name, or a place of another action ("any dry cleaner",
  "the carrier's local depot");
- time: a day, hour or period the page does not give for that event ("closes on Sundays", "every weekend in July").

Caveat: written by the engineer of the rule, before writing it; blind to the code, not to the author. Same item
format as grounding_items.py.
"""

RET = "policies/returns.md"
EXCH = "policies/exchanges.md"
CON = "policies/contact.md"
SHIP = "policies/shipping.md"
ACC = "policies/account.md"
PAY = "policies/payments.md"
ORD = "policies/orders.md"
REF = "policies/refunds.md"
PRICE = "policies/pricing.md"
PROMO = "policies/promotions.md"
ABOUT = "policies/about.md"
F_STORE = "faq/store-info.md"
F_CARE = "faq/product-care.md"
F_SHIP = "faq/orders-and-shipping.md"
F_RET = "faq/returns-and-refunds.md"

_RETURNS = [
    (
        [(RET, "Ways to send a return back"), (RET, "How to start a return")],
        "how do i send back a return?",
        [
            "Contact us with your order number and the reason, and we'll e-mail you a prepaid label. Print it, stick "
            "it on the package and hand it to the carrier.",
            "You can mail it with the free prepaid label we e-mail you, bring it to our Portland, Seattle or Chicago "
            "store, or drop the parcel off at any UPS Access Point location.",
            "Just print the prepaid label we e-mail you, attach it to the box and drop it at any UPS Access Point.",
        ],
        [
            (
                "instruction",
                "We'll e-mail you a prepaid return label. Print it at your local library, tape it to the box and leave it in "
                "your mailbox for pickup.",
            ),
            (
                "place",
                "Contact us with your order number and we'll e-mail you a prepaid label. You can also drop the package at any "
                "post office or pharmacy counter.",
            ),
            ("instruction", "You'll need to buy a shipping box from the carrier and fill in a customs form first."),
        ],
    ),
    (
        [(RET, "Ways to send a return back")],
        "i don't have a printer, how can i return my order?",
        [
            "No printer needed if you bring the item and your order number to one of our stores in Portland, Seattle "
            "or Chicago.",
        ],
        [
            (
                "instruction",
                "No problem. Ask the carrier's driver to print the label for you when they pick up the package.",
            ),
            (
                "instruction",
                "You can bring it to one of our stores. Or write the return address by hand on a piece of paper and tape it to "
                "the parcel.",
            ),
        ],
    ),
    (
        [(RET, "How long do I have to return an item?")],
        "i checked out as a guest, how long do i have to return something?",
        [
            "You can return it within 30 days of the purchase date.",
            "As a guest you have 30 days from the day you bought it.",
        ],
        [
            ("time", "You can return it within 30 days, but only on weekdays."),
        ],
    ),
    (
        [(ABOUT, "Our stores")],
        "can i return an online order in store?",
        ["Yes, you can return online orders in any of our stores in Portland, Seattle or Chicago."],
        [
            ("place", "Yes, you can return online orders at any of our partner outlets and department stores."),
            (
                "instruction",
                "Yes, you can return online orders in any of our stores. Just book an appointment online before you visit.",
            ),
        ],
    ),
    (
        [(EXCH, "How do exchanges work?"), (RET, "Ways to send a return back")],
        "how do i swap my jeans for a smaller size?",
        [
            "Contact us with your order number, the item and the size you want. We'll reserve the new size, e-mail "
            "you a prepaid return label for the original, and ship the replacement as soon as the carrier scans "
            "your return.",
            "You can also exchange it in our Portland, Seattle or Chicago store if they have your size.",
        ],
        [
            ("place", "Just take the jeans to any UPS Access Point and they'll hand you the new size on the spot."),
            (
                "instruction",
                "Contact us with your order number and the size you want. Then fill out the exchange form on your order page and "
                "print the new size's label yourself.",
            ),
        ],
    ),
    (
        [(F_RET, "It has been more than 7 days and I have not received my refund")],
        "it's been 10 days and no refund",
        [
            "Please contact us with your order number – after 7 days we check the refund and issue the credit right away."
        ],
        [
            (
                "instruction",
                "Refunds reach you within 7 days of the day we received your return. Wait another two weeks, then call your "
                "card company to trace the payment.",
            ),
        ],
    ),
]

_CONTACT = [
    (
        [(CON, "Customer care hours")],
        "when can i call you?",
        [
            "You can call Monday to Friday from 8 a.m. to 8 p.m. ET, and on weekends from 9 a.m. to 5 p.m. ET.",
            "Phone lines are open 8:00 a.m.–8:00 p.m. Eastern on weekdays and 9–5 Eastern on Saturday and Sunday, "
            "except New Year's Day, Thanksgiving and Christmas Day.",
        ],
        [
            (
                "time",
                "You can call Monday to Friday from 8 a.m. to 8 p.m. ET. You can also call us any evening until midnight.",
            ),
            ("time", "We're open on holidays too, just with shorter hours."),
        ],
    ),
    (
        [(F_STORE, "When does my local store open?")],
        "what time does the chicago store open on sunday?",
        ["On Sundays our Chicago store opens at 11:00 a.m. and closes at 6:00 p.m. local time."],
        [
            ("time", "The Chicago store closes on Sundays."),
            ("time", "It opens at 11:00 a.m. on Sunday, and it stays open late on Thursday evenings."),
        ],
    ),
    (
        [(CON, "Store visits")],
        "where can i get my jeans hemmed in person?",
        [
            "Visit one of our stores in Portland, Seattle or Chicago – they're open Monday–Saturday 10 a.m.–8 p.m. and "
            "Sunday 11 a.m.–6 p.m. local time.",
        ],
        [
            ("place", "You can get them hemmed at our pop-up stands in local malls."),
        ],
    ),
]

_ACCOUNT = [
    (
        [(REF, "How do I check my refund status?")],
        "how can i see where my refund is?",
        [
            "Just ask us or our assistant with your order number and we'll tell you whether it's not started, in "
            "progress or complete.",
        ],
        [
            (
                "instruction",
                "Ask us with your order number and we'll tell you the status. You can also log in to your bank's app and look "
                "for a pending credit from us.",
            ),
            ("instruction", "You'll need to fill in the refund tracking form on our website."),
        ],
    ),
    (
        [(ACC, "I forgot my password")],
        "i forgot my password",
        [
            "Use “Forgot password?” on the sign-in page and we'll e-mail you a reset link. If that doesn't work, "
            "contact us with your username and your account PIN or security-question answer, and we'll generate a "
            "temporary password.",
        ],
        [
            (
                "instruction",
                "Use Forgot password? on the sign-in page to get a reset link. If that fails, just reinstall our app and sign "
                "up again with the same e-mail.",
            ),
        ],
    ),
    (
        [(ACC, "Website is slow or search does not work")],
        "your website is so slow",
        [
            "Try closing other browser tabs and programs, and check whether other websites are slow too – if they "
            "are, it's your internet connection. Logging out and back in can also help.",
        ],
        [
            (
                "instruction",
                "Close other browser tabs and programs. Then restart your router and switch to our mobile app instead.",
            ),
            ("instruction", "Please update your browser to the latest version and disable any ad blockers."),
        ],
    ),
    (
        [(PAY, "My card keeps getting declined")],
        "my card keeps getting declined",
        [
            "Re-enter the card number, expiry date, security code and billing ZIP carefully, and check the card "
            "hasn't expired. Logging out and back in can help; if it still fails, call us during customer care hours "
            "and we can place the order over the phone.",
        ],
        [
            (
                "instruction",
                "Enter the card details again carefully. If it still fails, contact your bank and ask them to whitelist our "
                "website.",
            ),
            ("instruction", "Wait 24 hours and then try again with the card's PIN."),
        ],
    ),
    (
        [(ACC, "Closing your account")],
        "how do i delete my account",
        [
            "Just ask us by e-mail to close it; we close it within 30 days, and your order history is kept as the law requires."
        ],
        [
            (
                "instruction",
                "We close accounts within 30 days. Just go to your account settings, click the delete button and confirm with "
                "your password.",
            ),
        ],
    ),
    (
        [(REF, "I was charged for something I returned or never bought")],
        "i was charged for something i never bought",
        [
            "Contact us with your order number. If our records show a mistake on our side, we credit the amount right away."
        ],
        [
            (
                "instruction",
                "Contact us with your order number. Please dispute the charge with your bank first and send us the bank's "
                "letter.",
            ),
        ],
    ),
]

_SHIPPING = [
    (
        [(SHIP, "My package says delivered but I don't have it")],
        "it says delivered but i can't find it",
        [
            "Packages are sometimes marked delivered a day or two early. If it's been under 7 days, check with your "
            "neighbours and your building's mail room and give it a couple more days; after 7 days, contact us and "
            "we'll send a free replacement.",
        ],
        [
            ("instruction", "File a police report and send us a copy so we can ship a replacement."),
            (
                "place",
                "Packages are sometimes marked delivered a day or two early. Check the carrier's local depot, where "
                "undelivered parcels are kept for pickup.",
            ),
        ],
    ),
    (
        [(SHIP, "Where we do not ship"), (F_SHIP, "Do you ship to the UK?")],
        "can you ship to my address in london?",
        [
            "Sorry, we don't ship to the United Kingdom, and we can't send UK orders through a forwarding service either."
        ],
        [
            (
                "instruction",
                "We don't ship to the UK, but you can have it sent to a friend in Ireland who posts it on to you.",
            ),
        ],
    ),
    (
        [(SHIP, "Tracking your order")],
        "how do i track my package?",
        [
            "When your order ships we e-mail you the carrier and tracking number, and you can also ask our assistant "
            "for the status with your order number.",
        ],
        [
            (
                "instruction",
                "We e-mail you the carrier and tracking number when it ships. Download the carrier's app and scan the barcode "
                "on your receipt.",
            ),
            ("time", "Tracking numbers are sent out every Friday afternoon."),
        ],
    ),
    (
        [(SHIP, "Shipping options and costs (United States)")],
        "if i order now will it ship today?",
        [
            "If you order before 2:00 p.m. Eastern on a business day, it ships the same day; later orders ship the "
            "next business day.",
        ],
        [
            ("time", "Weekend orders also go out the same day."),
        ],
    ),
    (
        [(ORD, "Cancelling an order")],
        "i'm a guest and my order already shipped, can i cancel?",
        [
            "Since it's already shipped, please wait until the package arrives and then return it for a refund as "
            "described in our Returns Policy.",
        ],
        [
            (
                "instruction",
                "Since it has shipped, we can't cancel it. Just refuse the package at the door when the driver arrives and it "
                "will come back to us.",
            ),
        ],
    ),
    (
        [(ORD, "An item is out of stock")],
        "the jacket i want is out of stock",
        [
            "We can back-order it for you – it ships as soon as it's back, usually within 2–3 weeks, and you're only "
            "charged when it ships. Or ask us to e-mail you when it's restocked.",
        ],
        [
            (
                "instruction",
                "We can back-order it for you. You can also add it to your wishlist and turn on push notifications in our app.",
            ),
            ("time", "Check back on Monday mornings, when we restock our shelves."),
        ],
    ),
]

_OTHER = [
    (
        [(F_CARE, "Boots: how do I remove chewing gum from the sole?")],
        "there's gum stuck on my boot sole",
        [
            "Put some ice in a plastic bag and hold it on the gum for a few minutes so it hardens, then scrape it off "
            "with a plastic card.",
        ],
        [
            (
                "instruction",
                "Put ice in a plastic bag and hold it on the gum. If that fails, soak the sole in warm soapy water overnight "
                "and scrub the gum off with a toothbrush.",
            ),
        ],
    ),
    (
        [(F_CARE, "Jeans: how often should I wash my jeans?")],
        "how should i wash my jeans",
        ["Every 5–10 wears is plenty – turn them inside out, wash in cold water and hang them to dry."],
        [
            ("instruction", "Put them in the freezer overnight instead of washing them to kill bacteria."),
        ],
    ),
    (
        [(PROMO, "How do promo codes work?")],
        "where do i put my promo code?",
        [
            "Enter it in the Promo code box at checkout. It's valid for 7 days from the day it was issued, and only "
            "one code works per order.",
        ],
        [
            (
                "place",
                "Codes are valid for 7 days. Type it into the gift card field on your account page before you check out.",
            ),
            ("instruction", "Read the code out to the cashier when you pay."),
        ],
    ),
    (
        [(PROMO, "When are your sales?")],
        "when is the summer sale?",
        [
            "The Summer Sale starts on the second Monday of July and runs for two weeks; Northwind Plus subscribers "
            "get in 24 hours early.",
        ],
        [
            ("time", "The Summer Sale begins every weekend in July."),
            ("time", "The Summer Sale starts on the second Monday of July and runs through the school holidays."),
        ],
    ),
    (
        [(REF, "How will I get my money back?")],
        "how do i get my refund as a paper check",
        [
            "Choose paper check as your refund method and we'll mail it to your address – we just need your full mailing address."
        ],
        [
            ("place", "We can send your refund as a paper check. You can pick it up at the customer service desk."),
        ],
    ),
    (
        [(PRICE, "Jeans hemming and overnight shipping")],
        "can i get my jeans hemmed?",
        [
            "Yes – choose your inseam at checkout ($12.00 per pair, adds 2 business days) or visit one of our stores, "
            "where it's ready in 3 business days.",
        ],
        [
            (
                "place",
                "Yes, hemming is $12.00 per pair. You can also take them to any dry cleaner and send us the receipt for a refund.",
            ),
            ("instruction", "Yes, just mail them to our tailoring department with a note of your inseam."),
        ],
    ),
]

ACTIONS = _RETURNS + _CONTACT + _ACCOUNT + _SHIPPING + _OTHER
