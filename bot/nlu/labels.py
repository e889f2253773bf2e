"""The table that maps fine training labels of the shipped intent data onto shopbot's intents."""

from __future__ import annotations

from bot.domain import Intent

OOS_LABEL = "out_of_scope"
"""The fine label of out-of-scope training examples in the shipped data."""

_I = Intent

# Bitext customer-service intents (CDLA-Sharing-1.0)
_BITEXT = {
    "track_order": _I.ORDER_STATUS,
    "cancel_order": _I.ORDER_CHANGE,
    "change_order": _I.ORDER_CHANGE,
    "check_cancellation_fee": _I.ORDER_CHANGE,
    "place_order": _I.PRODUCT_SEARCH,  # "I want to buy ...": the shopper is looking for something to order
    "get_refund": _I.RETURNS_REFUNDS,
    "track_refund": _I.RETURNS_REFUNDS,
    "check_refund_policy": _I.RETURNS_REFUNDS,
    "delivery_options": _I.SHIPPING,
    "delivery_period": _I.SHIPPING,
    "set_up_shipping_address": _I.SHIPPING,
    "change_shipping_address": _I.SHIPPING,
    "payment_issue": _I.PAYMENT,
    "check_payment_methods": _I.PAYMENT,
    "check_invoice": _I.PAYMENT,
    "get_invoice": _I.PAYMENT,
    "create_account": _I.ACCOUNT,
    "delete_account": _I.ACCOUNT,
    "edit_account": _I.ACCOUNT,
    "switch_account": _I.ACCOUNT,
    "recover_password": _I.ACCOUNT,
    "registration_problems": _I.ACCOUNT,
    "newsletter_subscription": _I.ACCOUNT,
    "complaint": _I.COMPLAINT,
    "review": _I.COMPLAINT,  # feedback of any kind goes to the feedback/complaint flow
    "contact_customer_service": _I.HUMAN_AGENT,
    "contact_human_agent": _I.HUMAN_AGENT,
}

# HINT3 SOFMattress and Curekart intents (ODbL 1.0 / DbCL 1.0), lower-cased
_HINT3 = {
    # shared by both shops
    "order_status": _I.ORDER_STATUS,
    "cancel_order": _I.ORDER_CHANGE,
    "check_pincode": _I.SHIPPING,
    # SOFMattress
    "100_night_trial_offer": _I.RETURNS_REFUNDS,
    "return_exchange": _I.RETURNS_REFUNDS,
    "delay_in_delivery": _I.ORDER_STATUS,
    "emi": _I.PAYMENT,
    "cod": _I.PAYMENT,
    "lead_gen": _I.HUMAN_AGENT,
    "distributors": _I.PRODUCT_QUESTION,
    "mattress_cost": _I.PRODUCT_QUESTION,
    "what_size_to_order": _I.PRODUCT_QUESTION,
    "ortho_features": _I.PRODUCT_QUESTION,
    "ergo_features": _I.PRODUCT_QUESTION,
    "comparison": _I.PRODUCT_QUESTION,
    "about_sof_mattress": _I.PRODUCT_QUESTION,
    "warranty": _I.PRODUCT_QUESTION,
    "offers": _I.PRODUCT_QUESTION,
    "size_customization": _I.PRODUCT_QUESTION,
    "product_variants": _I.PRODUCT_SEARCH,
    "pillows": _I.PRODUCT_SEARCH,
    # Curekart
    "delay_in_parcel": _I.ORDER_STATUS,
    "order_query": _I.ORDER_STATUS,
    "modify_address": _I.SHIPPING,
    "resume_delivery": _I.SHIPPING,
    "international_shipping": _I.SHIPPING,
    "refunds_returns_replacements": _I.RETURNS_REFUNDS,
    "payment_and_bill": _I.PAYMENT,
    "modes_of_payments": _I.PAYMENT,
    "sign_up": _I.ACCOUNT,
    "refer_earn": _I.ACCOUNT,
    "user_goal_form": _I.ACCOUNT,
    "recommend_product": _I.PRODUCT_SEARCH,
    "immunity": _I.PRODUCT_SEARCH,
    "original_product": _I.PRODUCT_QUESTION,
    "expiry_date": _I.PRODUCT_QUESTION,
    "side_effect": _I.PRODUCT_QUESTION,
    "consult_start": _I.PRODUCT_QUESTION,
    "store_information": _I.PRODUCT_QUESTION,
    "work_from_home": _I.PRODUCT_QUESTION,  # "is your office open during lockdown": a question about the shop
    "order_taking": _I.PRODUCT_QUESTION,
    "portal_issue": _I.COMPLAINT,
    "chat_with_agent": _I.HUMAN_AGENT,
    "call_center": _I.HUMAN_AGENT,
    "franchise": _I.HUMAN_AGENT,  # business enquiries go to staff
    "start_over": _I.GREETING,
}

# shopbot's own generic shop questions
_SHOPBOT = {
    "product_question": _I.PRODUCT_QUESTION,
    "product_search": _I.PRODUCT_SEARCH,
    "return_item": _I.RETURNS_REFUNDS,
    "shipping_question": _I.SHIPPING,
    "payment_question": _I.PAYMENT,
}

# shopbot's own small-talk file and CLINC150's small-talk intents (CC BY 3.0)
_SMALL_TALK = {
    "greeting": _I.GREETING,
    "thanks": _I.GREETING,
    "goodbye": _I.GREETING,
    "small_talk": _I.GREETING,
    OOS_LABEL: _I.OUT_OF_SCOPE,
}

LABEL_TO_INTENT: dict[str, Intent] = {**_HINT3, **_BITEXT, **_SHOPBOT, **_SMALL_TALK}
"""Every fine label of the shipped training data, mapped onto one of shopbot's intents."""


def intent_for(label: str) -> Intent | None:
    """The shopbot intent of a fine label, or None when the table does not know it."""
    if label in LABEL_TO_INTENT:
        return LABEL_TO_INTENT[label]
    try:
        return Intent(label)
    except ValueError:
        return None


def normalise_label(label: str) -> str:
    """Lower-case a raw dataset label and replace spaces, as the table expects."""
    return label.strip().lower().replace(" ", "_").replace("-", "_")
