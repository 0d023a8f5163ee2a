"""Canonical column names and dtypes: the one place the kit's data model is written down.

Every reader maps a user's columns onto these names, and every chapter module speaks only
these names (while still accepting column-name keywords with these defaults).
"""

from __future__ import annotations

CUSTOMER = "customer_id"
DATE = "order_date"
AMOUNT = "amount"
ORDER = "order_id"
PRODUCT = "product"
CATEGORY = "category"
QUANTITY = "quantity"
UNIT_PRICE = "unit_price"
CHANNEL = "channel"
REGION = "region"

#: Required columns of the canonical transaction frame, in their canonical order.
TRANSACTION_REQUIRED: tuple[str, ...] = (CUSTOMER, DATE, AMOUNT)
#: Optional columns of the canonical transaction frame, in their canonical order.
TRANSACTION_OPTIONAL: tuple[str, ...] = (ORDER, PRODUCT, CATEGORY, QUANTITY, CHANNEL, REGION)
TRANSACTION_COLUMNS: tuple[str, ...] = TRANSACTION_REQUIRED + TRANSACTION_OPTIONAL

#: pandas dtypes of the canonical transaction frame.
TRANSACTION_DTYPES: dict[str, str] = {
    CUSTOMER: "string",
    DATE: "datetime64[ns]",
    AMOUNT: "float64",
    ORDER: "string",
    PRODUCT: "string",
    CATEGORY: "string",
    QUANTITY: "float64",
    CHANNEL: "string",
    REGION: "string",
}

# Survey frame (satisfaction and loyalty chapters).
RESPONDENT = "respondent_id"
INDUSTRY = "industry"
SEGMENT = "segment"
SATISFACTION = "satisfaction"
REPURCHASE_INTENT = "repurchase_intent"
RECOMMEND = "recommend"

#: Canonical survey columns, in the order the survey reader puts them first.
SURVEY_COLUMNS: tuple[str, ...] = (RESPONDENT, CUSTOMER, INDUSTRY, SEGMENT, SATISFACTION, REPURCHASE_INTENT,
                                   RECOMMEND)

# Roles: the keys of a reader's ``columns={role: your column}`` mapping, and the canonical column
# each fills. A key may also be the canonical name itself ("customer_id" for "customer").
#: Transaction roles (the keyword names of :func:`crmlab.io.read_transactions`).
TRANSACTION_ROLES: dict[str, str] = {
    "customer": CUSTOMER, "date": DATE, "amount": AMOUNT, "order": ORDER, "product": PRODUCT,
    "category": CATEGORY, "quantity": QUANTITY, "unit_price": UNIT_PRICE, "channel": CHANNEL,
    "region": REGION,
}
#: Survey roles (:func:`crmlab.io.read_survey`); any other key names an item column of its own.
SURVEY_ROLES: dict[str, str] = {
    "respondent": RESPONDENT, "customer": CUSTOMER, "industry": INDUSTRY, "segment": SEGMENT,
    "satisfaction": SATISFACTION, "repurchase_intent": REPURCHASE_INTENT, "recommend": RECOMMEND,
}

# Brand panel (behavioural loyalty patterns).
PURCHASE_SEQ = "purchase_seq"
BRAND = "brand"


def canonical_order(columns) -> list[str]:
    """Return ``columns`` with canonical transaction columns first, in canonical order."""
    columns = list(columns)
    known = [c for c in TRANSACTION_COLUMNS if c in columns]
    return known + [c for c in columns if c not in known]
