"""Chapter 01's exercises (bank ``value``): the right answer on two seeds, and each misconception's own message.

The wrong answers are computed here by hand with pandas and numpy (sorting and summing customer
totals, the CLV formulas written out), independently of the bank's own ``Misconception.wrong``
functions, so a planted mistake is the mistake a student makes. value.4's wrong answers use the
library's BG/NBD fit, as a student would, but choose the customers and the period by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _wrong
from bank_checks import assert_option as _option

from crmlab.clv import BetaGeo, customer_summary
from crmlab.datasets import load_data
from crmlab.exercises import check, diagnose
from crmlab.exercises.registry import get

SEEDS = (1, 2)
IDS = [f"value.{n}" for n in range(1, 12)]
MARGIN, DISCOUNT = 0.3, 0.10


@pytest.fixture(scope="module", params=SEEDS)
def tx(request):
    return load_data(f"synthetic:{request.param}")


@pytest.fixture(scope="module")
def calibration_end(tx):
    first, last = tx["order_date"].min().normalize(), tx["order_date"].max().normalize()
    return pd.Timestamp(first + (last - first) / 2).normalize()


def _totals(tx):
    """Each customer's revenue, from the largest, by hand (a dict, then sorted)."""
    per = {}
    for customer, amount in zip(tx["customer_id"], tx["amount"]):
        per[customer] = per.get(customer, 0.0) + float(amount)
    return sorted(per.values(), reverse=True)


def _share_of_top(values, k):
    return sum(values[:k]) / sum(values)


def _count_to_reach(values, level):
    """How many values, in the given order, it takes for their sum to reach ``level`` of the total."""
    total, running = sum(values), 0.0
    for i, v in enumerate(values, start=1):
        running += v
        if running >= level * total:
            return i
    return len(values)


def test_the_bank_has_every_kind_and_both_languages():
    assert_bank_complete("value", IDS, exact_whys=True)
    # The right key is not always the same letter.
    fixed = [i for i in IDS if get(i).kind != "compute" and i != "value.11"]
    assert len({str(get(i).solve()) for i in fixed}) >= 3


# ---- compute ------------------------------------------------------------------------------------


def test_value_1_top_ten_percent_share(tx):
    values = _totals(tx)
    n = len(values)
    right = _share_of_top(values, n // 10)  # the whole customers in the top tenth (floor): within tolerance
    assert diagnose("value.1", right, data=tx)[0]
    assert diagnose("value.1", _share_of_top(values, math.ceil(n / 10)), data=tx)[0]
    _wrong("value.1", 100 * right, "percent_for_share", data=tx)
    _wrong("value.1", 0.1, "customer_share_for_revenue_share", data=tx)
    _wrong("value.1", sum(values[-(n // 10):]) / sum(values), "lowest_first", data=tx)
    lines = sorted(tx["amount"].tolist(), reverse=True)
    _wrong("value.1", _share_of_top(lines, len(lines) // 10), "lines_for_customers", data=tx)


def test_value_2_customers_for_sixty_percent(tx):
    values = _totals(tx)
    n = len(values)
    right = round(100 * _count_to_reach(values, 0.6) / n, 2)
    assert diagnose("value.2", right, data=tx)[0]
    _wrong("value.2", right / 100, "share_for_percent", data=tx)
    _wrong("value.2", round(100 * _share_of_top(values, round(0.6 * n)), 2), "revenue_share_for_customer_share",
           data=tx)
    _wrong("value.2", round(100 * _count_to_reach(values[::-1], 0.6) / n, 2), "lowest_first", data=tx)
    lines = sorted(tx["amount"].tolist(), reverse=True)
    _wrong("value.2", round(100 * _count_to_reach(lines, 0.6) / len(lines), 2), "lines_for_customers", data=tx)


def _annual(tx, margin):
    years = (tx["order_date"].max() - tx["order_date"].min()).total_seconds() / 86400 / 365.25
    return margin * tx["amount"].sum() / tx["customer_id"].nunique() / years


@pytest.mark.parametrize("margin, d", [(MARGIN, DISCOUNT), (0.4, 0.15)])
def test_value_3_clv_on_own_margin(tx, margin, d):
    m, r = _annual(tx, margin), 0.85
    context = dict(data=tx, margin=margin, discount_rate=d)
    # The series itself, summed by hand: margins at the end of years 1, 2, … while retained.
    series = sum(m * r ** t / (1 + d) ** t for t in range(1, 2000))
    assert diagnose("value.3", round(series, 2), **context)[0]
    _wrong("value.3", round(m + series, 2), "margin_at_start", **context)  # = m(1+d)/(1+d−r): one margin now
    _wrong("value.3", round(m * (1 + d) / (1 + d - r), 2), "margin_at_start", **context)
    _wrong("value.3", round(series / r, 2), "first_year_certain", **context)  # = m/(1+d−r)
    _wrong("value.3", round(m * r / (1 - r), 2), "no_discount", **context)
    _wrong("value.3", round(m * 85 / (1 + 100 * d - 85), 2), "rates_as_percent", **context)
    _wrong("value.3", round(series / margin, 2), "revenue_for_margin", **context)


def test_value_3_answer_follows_the_students_data():
    a, b = load_data("synthetic:1"), load_data("synthetic:2")
    m = _annual(a, MARGIN)
    answer = m * 0.85 / (1 + DISCOUNT - 0.85)
    assert diagnose("value.3", answer, data=a, margin=MARGIN, discount_rate=DISCOUNT)[0]
    assert not diagnose("value.3", answer, data=b, margin=MARGIN, discount_rate=DISCOUNT)[0]


def test_value_4_mean_p_alive(tx, calibration_end):
    summary = customer_summary(tx, calibration_end=calibration_end)
    p = BetaGeo().fit(summary).probability_alive(summary).to_numpy()
    right = float(np.mean(p))
    assert diagnose("value.4", right, data=tx, calibration_end=calibration_end)[0]
    context = dict(data=tx, calibration_end=calibration_end)
    _wrong("value.4", 100 * right, "percent_for_share", **context)
    repeat = summary["frequency"].to_numpy() > 0
    _wrong("value.4", float(p[repeat].sum() / repeat.sum()), "repeat_buyers_only", **context)
    _wrong("value.4", float(sum(q > 0.5 for q in p) / len(p)), "share_above_half", **context)
    everything = customer_summary(tx, calibration_end=tx["order_date"].max())
    _wrong("value.4", float(BetaGeo().fit(everything).probability_alive(everything).mean()), "fitted_on_all_data",
           **context)


def test_a_wrong_number_no_misconception_explains_gets_the_hint(tx):
    ok, feedback, key = diagnose("value.3", 1.5, data=tx, margin=MARGIN, discount_rate=DISCOUNT)
    assert not ok and key is None and feedback.startswith("not yet. Hint: CLV = m·r/(1 + d − r)")


# ---- interpret, decide, concept -----------------------------------------------------------------


def test_value_5_tier_ratio_is_the_ratio_of_means(tx):
    values = _totals(tx)
    k = _count_to_reach(values, 0.8)  # tier A by hand: up to the customer who crosses 80 %
    ratio = (sum(values[:k]) / sum(values)) / (k / len(values))
    assert math.isclose(ratio, (sum(values[:k]) / k) / (sum(values) / len(values)))
    assert k / len(values) < 0.8, "option a (80 % of the customers in tier A) is wrong on this data"
    for key in "abcd":
        _option("value.5", key, "d")


def test_value_6_frequent_but_silent_customers_are_the_least_alive(tx, calibration_end):
    summary = customer_summary(tx, calibration_end=calibration_end)
    bg = BetaGeo().fit(summary)
    T = float(summary["T"].max())
    grid = pd.DataFrame({"frequency": [0, 1, 5, 10], "recency": [0.0, 0.1 * T, 0.1 * T, 0.1 * T], "T": T})
    p = bg.probability_alive(grid).to_numpy()
    assert p[0] == pytest.approx(1.0) and p[1] > p[2] > p[3], "option b holds and option c is wrong on this data"
    for key in "abcd":
        _option("value.6", key, "b")


def test_value_7_decide_is_recorded_not_marked(capsys):
    assert_recorded("value.7", capsys, "d")
    assert "25" in get("value.7").model_answer["en"] and "0.2 × CLV" in get("value.7").rubric["en"]


def test_value_11_acquisition_key_follows_the_students_numbers(tx, capsys):
    m, r = _annual(tx, MARGIN), 0.85
    for d in (DISCOUNT, 0.15, 0.05):
        end, start = m * r / (1 + d - r), m + m * r / (1 + d - r)  # start: one margin now, then the same series
        right = "a" if end > 60 else "b" if start > 60 else "c"
        assert get("value.11").solve(data=tx, margin=MARGIN, discount_rate=d) == right
    # Hand-worked: two customers, 2,000 of revenue over two years → m = 0.3 × 1,000 / 2 = 150 a year, far above 60.
    rich = pd.DataFrame({"customer_id": ["a", "b"], "amount": [1000.0, 1000.0],
                         "order_date": pd.to_datetime(["2023-01-01", "2024-12-31"])})
    assert get("value.11").solve(data=rich, margin=MARGIN, discount_rate=DISCOUNT) == "a"
    # m ≈ 11 a year: CLV_end ≈ 37.3, CLV_start ≈ 48.2 → c; m ≈ 16: CLV_end ≈ 54.3, CLV_start ≈ 70.2 → b.
    for revenue, key in ((73.05, "c"), (106.3, "b")):
        small = rich.assign(amount=[revenue, revenue])
        assert get("value.11").solve(data=small, margin=MARGIN, discount_rate=DISCOUNT) == key
    check("value.11", "d", data=tx, margin=MARGIN, discount_rate=DISCOUNT)
    assert capsys.readouterr().out.startswith("· value.11: recorded")


@pytest.mark.parametrize("exercise_id, right", [("value.8", "false"), ("value.9", "b"), ("value.10", "c")])
def test_concept_checks(exercise_id, right):
    assert_choice_question(exercise_id, right)


def test_value_2_hand_worked():
    # Four customers with 50, 30, 10, 10: the top two (50 %) make 80 % ≥ 60 %; from the bottom it takes all four.
    tiny = pd.DataFrame({"customer_id": list("abcd"), "order_date": pd.to_datetime(["2024-01-01"] * 4),
                         "amount": [50.0, 30.0, 10.0, 10.0]})
    assert diagnose("value.2", 50.0, data=tiny)[0]
    _wrong("value.2", 0.5, "share_for_percent", data=tiny)
    _wrong("value.2", 100.0, "lowest_first", data=tiny)
