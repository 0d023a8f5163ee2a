"""Purchase occasions: order lines collapsed to one purchase per customer and day.

Shared by the loyalty measures and the lifecycle stages (and re-exported as
``crmlab.loyalty.purchase_occasions``).
"""

from __future__ import annotations

import pandas as pd

from . import schema
from ._validate import as_dates, require_columns

__all__ = ["purchase_occasions"]


def purchase_occasions(transactions: pd.DataFrame, *, customer: str = schema.CUSTOMER,
                       date: str = schema.DATE, amount: str | None = schema.AMOUNT,
                       by: str = "day") -> pd.DataFrame:
    """Collapse order lines into purchase occasions (one per customer and day, or one per row).

    Course concept: a "purchase" (购买次数) for loyalty measures is a shopping occasion, so several
    lines or CDs bought the same day count once.

    Parameters
    ----------
    transactions : DataFrame
        Canonical transactions.
    by : {"day", "row"}
        ``"day"`` merges rows of one customer on one calendar day; ``"row"`` keeps each row.

    Returns
    -------
    DataFrame
        Columns ``customer_id``, ``order_date`` (and ``amount``), sorted by customer and date.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a"], "order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-01", "2024-02-01"]), "amount": [1.0, 2.0, 4.0]})
    >>> purchase_occasions(tx)["amount"].tolist()
    [3.0, 4.0]
    """
    if amount is not None and amount not in transactions.columns:
        amount = None
    require_columns(transactions, {"customer": customer, "date": date}, role="{keyword} in the data")
    if by not in ("day", "row"):
        raise ValueError(f"by={by!r} must be 'day' or 'row'.")
    cols = [customer, date] + ([amount] if amount else [])
    frame = transactions[cols].copy()
    frame[date] = as_dates(frame, date)
    frame = frame.dropna(subset=[customer, date])
    if by == "day":
        frame[date] = frame[date].dt.normalize()
        if amount:
            frame = frame.groupby([customer, date], as_index=False, sort=True)[amount].sum()
        else:
            frame = frame.drop_duplicates().sort_values([customer, date])
    else:
        frame = frame.sort_values([customer, date], kind="stable")
    frame = frame.rename(columns={customer: schema.CUSTOMER, date: schema.DATE})
    if amount:
        frame = frame.rename(columns={amount: schema.AMOUNT})
    return frame.reset_index(drop=True)
