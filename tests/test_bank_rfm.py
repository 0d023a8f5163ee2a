"""Chapter 02's exercises (bank ``rfm``): the right answer on two seeds, and each misconception's own message.

The wrong answers are computed here by hand with pandas and numpy — recency from the raw dates, frequency
from distinct order ids, the mean split and the quintile cuts from their definitions — independently of
``crmlab.rfm`` and of the bank's ``Misconception.wrong`` functions, so a planted mistake is the mistake a
student makes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _wrong
from bank_checks import assert_option as _option

from crmlab.datasets import load_data
from crmlab.exercises import diagnose

SEEDS = (1, 2)
IDS = [f"rfm.{n}" for n in range(1, 12)]


@pytest.fixture(scope="module", params=SEEDS)
def tx(request):
    return load_data(f"synthetic:{request.param}")


@pytest.fixture(scope="module")
def hand(tx):
    """R, F, M per customer by hand: recency to the day after the last transaction, F in distinct orders."""
    day = tx["order_date"].dt.normalize()
    by = tx.assign(day=day).groupby("customer_id")
    snapshot = day.max() + pd.Timedelta(days=1)
    out = pd.DataFrame({"last": by["day"].max(), "first": by["day"].min(), "orders": by["order_id"].nunique(),
                        "rows": by.size(), "revenue": by["amount"].sum()})
    out["recency"] = (snapshot - out["last"]).dt.days
    out.attrs["snapshot"] = snapshot
    return out


def test_the_bank_has_every_kind_and_both_languages():
    assert_bank_complete("rfm", IDS, min_misconceptions=3)


# ---- compute ------------------------------------------------------------------------------------


def test_rfm_1_share_with_three_or_more_orders(tx, hand):
    right = (hand["orders"] >= 3).sum() / len(hand)
    assert diagnose("rfm.1", right, data=tx)[0]
    assert diagnose("rfm.1", round(right, 4), data=tx)[0]
    _wrong("rfm.1", 100 * right, "percent_for_share", data=tx)
    _wrong("rfm.1", (hand["rows"] >= 3).sum() / len(hand), "rows_for_orders", data=tx)
    _wrong("rfm.1", (hand["orders"] > 3).sum() / len(hand), "more_than_three", data=tx)
    _wrong("rfm.1", int((hand["orders"] >= 3).sum()), "count_for_share", data=tx)
    _wrong("rfm.1", (hand["orders"] < 3).sum() / len(hand), "complement", data=tx)


def test_rfm_2_recency_of_the_top_customer(tx, hand):
    top = hand["revenue"].idxmax()
    right = int(hand.loc[top, "recency"])
    assert diagnose("rfm.2", right, data=tx)[0]
    last_day = tx["order_date"].max().normalize()
    _wrong("rfm.2", int((last_day - hand.loc[top, "last"]).days), "last_day_as_snapshot", data=tx)
    _wrong("rfm.2", int((pd.Timestamp.today().normalize() - hand.loc[top, "last"]).days), "from_today", data=tx)
    _wrong("rfm.2", int((hand.attrs["snapshot"] - hand.loc[top, "first"]).days), "first_purchase", data=tx)


def test_rfm_2_hand_worked_snapshot_is_the_day_after():
    # a buys on 1 and 10 Jan (40 in all), b on 5 Jan (10): snapshot 11 Jan, a's recency is 1 day, not 0.
    tx = pd.DataFrame({"customer_id": ["a", "a", "b"],
                       "order_date": pd.to_datetime(["2024-01-01 09:00", "2024-01-10 15:00", "2024-01-05 12:00"]),
                       "amount": [30.0, 10.0, 10.0]})
    assert diagnose("rfm.2", 1, data=tx)[0]
    _wrong("rfm.2", 0, "last_day_as_snapshot", data=tx)
    _wrong("rfm.2", 10, "first_purchase", data=tx)


def _important_value(hand):
    monetary = hand["revenue"]
    return ((hand["recency"] <= hand["recency"].mean()) & (hand["orders"] > hand["orders"].mean())
            & (monetary > monetary.mean()))


def test_rfm_3_order_percentage_of_important_value(tx, hand):
    mask = _important_value(hand)
    right = round(100 * hand.loc[mask, "orders"].sum() / hand["orders"].sum(), 2)
    assert diagnose("rfm.3", right, data=tx)[0]
    _wrong("rfm.3", right / 100, "share_for_percent", data=tx)
    _wrong("rfm.3", round(100 * hand.loc[mask, "revenue"].sum() / hand["revenue"].sum(), 2), "revenue_for_orders",
           data=tx)
    _wrong("rfm.3", round(100 * mask.mean(), 2), "customers_for_orders", data=tx)
    _wrong("rfm.3", round(100 * tx["customer_id"].isin(hand.index[mask]).mean(), 2), "rows_for_orders", data=tx)


def test_rfm_4_revenue_share_of_the_most_recent(tx, hand):
    cuts = np.quantile(hand["recency"].to_numpy(dtype=float), [0.2, 0.4, 0.6, 0.8])
    recent, longest_ago = hand["recency"] <= cuts[0], hand["recency"] > cuts[-1]
    total = hand["revenue"].sum()
    right = hand.loc[recent, "revenue"].sum() / total
    assert diagnose("rfm.4", right, data=tx)[0]
    _wrong("rfm.4", hand.loc[longest_ago, "revenue"].sum() / total, "recency_reversed", data=tx)
    _wrong("rfm.4", recent.mean(), "customers_for_revenue", data=tx)
    _wrong("rfm.4", 100 * right, "percent_for_share", data=tx)


def test_a_wrong_number_no_misconception_explains_gets_the_hint(tx):
    ok, feedback, key = diagnose("rfm.4", 0.999, data=tx)
    assert not ok and key is None and feedback.startswith("not yet. Hint: Select the customers with r_score == 5")


# ---- interpret, decide, concept -----------------------------------------------------------------


def test_rfm_5_mean_split_follows_the_data(tx, hand):
    assert (hand["revenue"] > hand["revenue"].mean()).mean() < 0.4
    for key in "abcd":
        _option("rfm.5", key, "b", data=tx)
    # Hand-worked: three customers spent 10, one spent 1 — mean 7.75, three of four are M↑ (75 %).
    left = pd.DataFrame({"customer_id": list("abcd"), "order_date": pd.to_datetime(["2024-01-01"] * 4),
                         "amount": [10.0, 10.0, 10.0, 1.0]})
    _option("rfm.5", "c", "c", data=left)
    _option("rfm.5", "b", "c", data=left)
    # Two of four above the mean: about half.
    even = left.assign(amount=[10.0, 9.0, 2.0, 1.0])
    _option("rfm.5", "a", "a", data=even)
    _option("rfm.5", "b", "a", data=even)


def test_decide_question_is_recorded_not_marked(capsys):
    assert_recorded("rfm.7", capsys, "b")


@pytest.mark.parametrize("exercise_id, right", [("rfm.6", "c"), ("rfm.8", "false"), ("rfm.9", "d"),
                                                ("rfm.10", "b"), ("rfm.11", "true")])
def test_fixed_answer_choices(exercise_id, right):
    assert_choice_question(exercise_id, right)
