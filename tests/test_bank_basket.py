"""Chapter 03's exercises (bank ``basket``): the right answer on two seeds, and each misconception's own message.

The counts are made here by hand from the order lines (sets of products per order or per customer),
independently of the bank and of :mod:`crmlab.basket`, so a planted mistake is the mistake a student makes.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _wrong
from bank_checks import assert_option as _option

from crmlab.datasets import load_data
from crmlab.exercises import diagnose
from crmlab.exercises.registry import get

SEEDS = (1, 2)
IDS = [f"basket.{n}" for n in range(1, 11)]


@pytest.fixture(scope="module", params=SEEDS)
def tx(request):
    """A student's data: the chapter's data set ``synthetic:<seed>``."""
    return load_data(f"synthetic:{request.param}")


def _hand(tx, by="order_id"):
    """A, B (the two products in the most orders, ties by name) and their counts over ``by`` baskets, by hand."""
    orders = Counter(p for items in tx.groupby("order_id")["product"].agg(set) for p in items)
    a, b = sorted(orders, key=lambda p: (-orders[p], p))[:2]
    baskets = list(tx.groupby(by)["product"].agg(set))
    return {"a": a, "b": b, "n": len(baskets), "rows": len(tx),
            "n_a": sum(a in s for s in baskets), "n_b": sum(b in s for s in baskets),
            "n_ab": sum(a in s and b in s for s in baskets)}


def _lines(orders):
    """Order lines from ``{(order, customer): "xy"}`` (one product per letter)."""
    rows = [(o, c, p) for (o, c), items in orders.items() for p in items]
    frame = pd.DataFrame(rows, columns=["order_id", "customer_id", "product"])
    return frame.assign(order_date=pd.Timestamp("2024-01-01"), amount=1.0)


#: Hand-worked: x is in 5 of the 7 orders, y and z in 3 (the tie is broken by name: B = y), x and y together in 2.
#: 11 order lines. Over the 5 customers: x by 4, y by 3, both by 3 (c1 buys x and y in different orders).
SMALL = _lines({("o1", "c1"): "xy", ("o2", "c1"): "x", ("o3", "c2"): "xyz", ("o4", "c3"): "y", ("o5", "c3"): "x",
                ("o6", "c4"): "xz", ("o7", "c5"): "z"})


def test_the_bank_has_every_kind_and_both_languages():
    assert_bank_complete("basket", IDS)


def test_no_hint_gives_the_numbers_away():
    # The old basket.2 hint gave both numbers of the five-basket lift; no hint or statement holds a ratio now.
    import re

    for exercise_id in IDS:
        ex = get(exercise_id)
        for text in (ex.hint, ex.hint_zh):
            assert not re.search(r"\d+\s*/\s*\d+|\d of the \d|\d\.\d", text), (exercise_id, text)


def test_the_small_example_by_hand():
    c = _hand(SMALL)
    assert (c["a"], c["b"], c["n"], c["n_a"], c["n_b"], c["n_ab"], c["rows"]) == ("x", "y", 7, 5, 3, 2, 11)
    assert diagnose("basket.1", 2 / 5, data=SMALL)[0]
    _wrong("basket.1", 2 / 3, "wrong_direction", data=SMALL)
    _wrong("basket.1", 2 / 7, "support_for_confidence", data=SMALL)
    _wrong("basket.1", 14 / 15, "lift_for_confidence", data=SMALL)
    _wrong("basket.1", 40, "percent_for_share", data=SMALL)
    assert diagnose("basket.2", 14 / 15, data=SMALL)[0]
    _wrong("basket.2", 0.4, "confidence_for_lift", data=SMALL)
    _wrong("basket.2", 2 / 3, "reverse_confidence_for_lift", data=SMALL)
    _wrong("basket.2", 14 / 25, "antecedent_base", data=SMALL)
    _wrong("basket.2", 22 / 15, "rows_for_baskets", data=SMALL)
    assert diagnose("basket.3", 28.57, data=SMALL)[0]
    _wrong("basket.3", 0.2857, "share_for_percent", data=SMALL)
    _wrong("basket.3", 18.18, "rows_for_baskets", data=SMALL)
    _wrong("basket.3", 60, "customers_for_baskets", data=SMALL)
    _wrong("basket.3", 40, "confidence_for_support", data=SMALL)
    assert diagnose("basket.4", 0.75, data=SMALL)[0]
    _wrong("basket.4", 0.4, "baskets_for_customers", data=SMALL)
    _wrong("basket.4", 1.0, "wrong_direction", data=SMALL)
    _wrong("basket.4", 0.6, "support_for_confidence", data=SMALL)
    _wrong("basket.4", 75, "percent_for_share", data=SMALL)


# ---- compute, on the student's own data -----------------------------------------------------------


def test_basket_1_confidence(tx):
    c = _hand(tx)
    right = c["n_ab"] / c["n_a"]
    assert diagnose("basket.1", right, data=tx)[0]
    assert diagnose("basket.1", round(right, 4), data=tx)[0]
    _wrong("basket.1", c["n_ab"] / c["n_b"], "wrong_direction", data=tx)
    _wrong("basket.1", c["n_ab"] / c["n"], "support_for_confidence", data=tx)
    _wrong("basket.1", right / (c["n_b"] / c["n"]), "lift_for_confidence", data=tx)
    _wrong("basket.1", round(100 * right, 2), "percent_for_share", data=tx)


def test_basket_2_lift(tx):
    c = _hand(tx)
    s_a, s_b, s_ab = c["n_a"] / c["n"], c["n_b"] / c["n"], c["n_ab"] / c["n"]
    assert diagnose("basket.2", s_ab / (s_a * s_b), data=tx)[0]
    _wrong("basket.2", c["n_ab"] / c["n_a"], "confidence_for_lift", data=tx)
    _wrong("basket.2", c["n_ab"] / c["n_b"], "reverse_confidence_for_lift", data=tx)
    _wrong("basket.2", (c["n_ab"] / c["n_a"]) / s_a, "antecedent_base", data=tx)
    r = c["rows"]
    _wrong("basket.2", (c["n_ab"] / r) / ((c["n_a"] / r) * (c["n_b"] / r)), "rows_for_baskets", data=tx)


def test_basket_3_support_in_percent(tx):
    c = _hand(tx)
    right = round(100 * c["n_ab"] / c["n"], 2)
    assert diagnose("basket.3", right, data=tx)[0]
    _wrong("basket.3", c["n_ab"] / c["n"], "share_for_percent", data=tx)
    _wrong("basket.3", round(100 * c["n_ab"] / c["rows"], 2), "rows_for_baskets", data=tx)
    per_customer = _hand(tx, by="customer_id")
    _wrong("basket.3", round(100 * per_customer["n_ab"] / per_customer["n"], 2), "customers_for_baskets", data=tx)
    _wrong("basket.3", round(100 * c["n_ab"] / c["n_a"], 2), "confidence_for_support", data=tx)


def test_basket_4_confidence_over_customers(tx):
    c, per = _hand(tx), _hand(tx, by="customer_id")
    assert per["n"] == tx["customer_id"].nunique() and (per["a"], per["b"]) == (c["a"], c["b"])
    right = per["n_ab"] / per["n_a"]
    assert diagnose("basket.4", right, data=tx)[0]
    _wrong("basket.4", c["n_ab"] / c["n_a"], "baskets_for_customers", data=tx)
    _wrong("basket.4", per["n_ab"] / per["n_b"], "wrong_direction", data=tx)
    _wrong("basket.4", per["n_ab"] / per["n"], "support_for_confidence", data=tx)
    _wrong("basket.4", 100 * right, "percent_for_share", data=tx)


def test_a_wrong_number_no_misconception_explains_gets_the_hint(tx):
    ok, feedback, key = diagnose("basket.1", 0.999, data=tx)
    assert not ok and key is None and feedback.startswith("not yet. Hint: Confidence of A → B")


# ---- interpret, decide, concept -----------------------------------------------------------------


def test_basket_5_lift_reading_follows_the_data(tx):
    c = _hand(tx)
    lift = c["n_ab"] * c["n"] / (c["n_a"] * c["n_b"])
    assert 0.8 <= lift <= 1.25  # two best-sellers of the synthetic retailer meet about as often as chance says
    for key in "abcd":
        _option("basket.5", key, "b", data=tx)
    # Hand-worked: x and y always together in 2 of 4 orders (lift 2); x, y in 3 of 5 orders each, together
    # once (lift 5/9); the small example (lift 14/15).
    paired = _lines({("o1", "c1"): "xy", ("o2", "c2"): "xy", ("o3", "c3"): "z", ("o4", "c4"): "w"})
    apart = _lines({("o1", "c1"): "xy", ("o2", "c1"): "x", ("o3", "c2"): "x", ("o4", "c3"): "y", ("o5", "c3"): "y"})
    for key in "abcd":
        _option("basket.5", key, "a", data=paired)
        _option("basket.5", key, "c", data=apart)
        _option("basket.5", key, "b", data=SMALL)


def test_basket_5_a_lift_of_exactly_0_8_is_close_to_1():
    # x in 5 of 8 orders, y in 4, both in 2: lift = 2 × 8 / (5 × 4) = 0.8, the edge of "close to 1".
    edge = _lines({("o1", "c1"): "xy", ("o2", "c2"): "xy", ("o3", "c3"): "x", ("o4", "c4"): "x",
                   ("o5", "c5"): "x", ("o6", "c6"): "y", ("o7", "c7"): "y", ("o8", "c8"): "z"})
    c = _hand(edge)
    assert c["n_ab"] * c["n"] * 5 == 4 * c["n_a"] * c["n_b"]  # lift exactly 0.8
    _option("basket.5", "b", "b", data=edge)


def test_basket_6_is_recorded_not_marked(capsys):
    assert_recorded("basket.6", capsys, "c")
    ex = get("basket.6")
    assert "lift" in ex.rubric["en"] and "提升度" in ex.model_answer["zh"]


@pytest.mark.parametrize("exercise_id, right", [("basket.7", "false"), ("basket.8", "c"), ("basket.9", "b"),
                                                ("basket.10", "true")])
def test_concept_checks(exercise_id, right):
    assert_choice_question(exercise_id, right)


def test_concept_checks_say_which_counting():
    # Text 004 counts over customers: the course-style questions say so, and basket.9 contrasts it with baskets.
    for exercise_id in ("basket.7", "basket.8"):
        assert "客户" in get(exercise_id).statement["zh"] and "customers" in get(exercise_id).statement["en"]
    assert "购物篮" in get("basket.9").statement["zh"]
    # The confidence the wrong way round is option b of basket.8, and its message says so.
    assert "b → a" in get("basket.8").options["b"].why["en"]
