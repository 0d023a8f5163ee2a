"""The data overview (chapter 00): hand-counted facts, date text parsed like every chapter, bad dates named."""

from __future__ import annotations

import pandas as pd
import pytest

from crmlab import DataError
from crmlab import overview as O

TX = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
                   "order_date": ["2024-01-05", "2024-02-01", "2024-01-20", "2024-03-31"],
                   "amount": [10.0, 20.0, 30.0, 5.5]})


def test_summary_and_revenue_by_month_by_hand():
    table = O.summarize(TX)["value"]
    assert (table["Customers"], table["Revenue"], table["First order"], table["Last order"]) == \
        (3, 65.5, "2024-01-05", "2024-03-31")
    months = O.revenue_by_period(TX)
    assert months.tolist() == [40.0, 20.0, 5.5] and list(months.index.month) == [1, 2, 3]


def test_date_text_and_datetimes_give_the_same_overview():
    typed = TX.assign(order_date=pd.to_datetime(TX["order_date"]))
    assert O.summarize(typed).equals(O.summarize(TX))
    assert O.revenue_by_period(typed).equals(O.revenue_by_period(TX))


@pytest.mark.parametrize("func", [O.summarize, O.revenue_by_period])
def test_values_that_are_not_dates_are_named(func):
    bad = TX.assign(order_date=["2024-01-05", "soon", "2024-01-20", "2024-03-31"])
    with pytest.raises(DataError, match=r"'order_date'.*row 1: 'soon'"):
        func(bad)
    with pytest.raises(DataError, match="amount"):
        func(TX.drop(columns="amount"))
