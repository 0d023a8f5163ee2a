"""Chapter 05's exercises (bank ``loyalty``): the right answer on two seeds, and each misconception's own message.

The right and the wrong answers are computed here by hand with pandas, independently of the bank's
solvers and ``Misconception.wrong`` functions, so a planted mistake is the mistake a student makes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _wrong
from bank_checks import assert_option as _option

from crmlab import loyalty
from crmlab.datasets import load_data
from crmlab.exercises import diagnose
from crmlab.exercises.registry import get

SEEDS = (1, 2)
IDS = [f"loyalty.{n}" for n in range(1, 11)]
THRESHOLDS = {"attitude_at": 5.0, "behaviour_at": 0.4}  # not the defaults, as in a notebook run with parameters


@pytest.fixture(scope="module", params=SEEDS)
def seed(request):
    return request.param


@pytest.fixture(scope="module")
def own(seed):
    """A student's data: ``tx`` (``synthetic:<seed>``), the loyalty ``panel`` and the ``brand_panel`` of the seed."""
    return (load_data(f"synthetic:{seed}"), loyalty.make_loyalty_panel(400, seed=seed),
            loyalty.make_brand_panel(300, 8, seed=seed))


def test_the_bank_has_every_kind_and_both_languages():
    assert_bank_complete("loyalty", IDS)


def test_every_data_part_of_the_chapter_follows_the_seed():
    source = (Path(__file__).parents[1] / "notebooks" / "src" / "05_loyalty_types.py").read_text(encoding="utf-8")
    assert "make_loyalty_panel(n_respondents, seed=seed" in source
    assert "make_brand_panel(300, panel_length, seed=seed" in source
    a, b = loyalty.make_loyalty_panel(400, seed=1), loyalty.make_loyalty_panel(400, seed=2)
    assert not a.equals(b)
    # One student's answer is wrong on another student's data.
    for exercise_id, context in [("loyalty.1", lambda s: {"data": load_data(f"synthetic:{s}")}),
                                 ("loyalty.2", lambda s: {"panel": loyalty.make_loyalty_panel(400, seed=s)}),
                                 ("loyalty.3", lambda s: {"brand_panel": loyalty.make_brand_panel(300, 8, seed=s)})]:
        first = get(exercise_id).solve(**context(1))
        assert diagnose(exercise_id, first, **context(1))[0]
        assert not diagnose(exercise_id, first, **context(2))[0], exercise_id


# ---- compute ------------------------------------------------------------------------------------


def _occasions(tx):
    """One row per customer and calendar day, by hand."""
    return tx.assign(day=tx["order_date"].dt.normalize())[["customer_id", "day"]].drop_duplicates()


def test_loyalty_1_repeat_rate_of_the_last_365_days(own):
    tx, _, _ = own
    last = tx["order_date"].max().normalize()
    start = last - pd.Timedelta(days=364)
    occ = _occasions(tx)
    n = occ[occ["day"] >= start]["customer_id"].value_counts()
    right = (n >= 2).sum() / len(n)
    assert diagnose("loyalty.1", right, data=tx)[0]
    assert diagnose("loyalty.1", round(right, 4), data=tx)[0]
    rows = tx[tx["order_date"] >= start]["customer_id"].value_counts()
    _wrong("loyalty.1", (rows >= 2).sum() / len(rows), "rows_for_occasions", data=tx)
    _wrong("loyalty.1", (n >= 2).sum() / tx["customer_id"].nunique(), "all_customers_denominator", data=tx)
    _wrong("loyalty.1", right * 100, "percent_for_share", data=tx)
    _wrong("loyalty.1", (n - 1).sum() / n.sum(), "purchases_share", data=tx)
    whole = occ["customer_id"].value_counts()
    _wrong("loyalty.1", (whole >= 2).mean(), "whole_period", data=tx)


def test_loyalty_1_hand_worked():
    # a buys on 1 Jan (two lines) and on 2 Jan, b on 1 Jan (two lines), c only in the year before: the last 365
    # days hold a and b, of whom a repeats: 1/2. Rows: both have two rows, 2/2. All customers: 1/3.
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "b", "c"],
                       "order_date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-02", "2024-01-01",
                                                     "2024-01-01", "2022-06-01"]),
                       "amount": 1.0})
    assert diagnose("loyalty.1", 0.5, data=tx)[0]
    _wrong("loyalty.1", 1.0, "rows_for_occasions", data=tx)
    _wrong("loyalty.1", 1 / 3, "all_customers_denominator", data=tx)
    _wrong("loyalty.1", 50, "percent_for_share", data=tx)


def test_loyalty_2_latent_among_the_mixed(own):
    _, panel, _ = own
    high_att = panel["attachment"] >= THRESHOLDS["attitude_at"]
    high_rep = panel["repeat"] >= THRESHOLDS["behaviour_at"]
    latent, spurious, none = high_att & ~high_rep, ~high_att & high_rep, ~high_att & ~high_rep
    mixed = (latent | spurious).sum()
    right = latent.sum() / mixed
    assert diagnose("loyalty.2", right, panel=panel, **THRESHOLDS)[0]
    _wrong("loyalty.2", right * 100, "percent_for_share", panel=panel, **THRESHOLDS)
    _wrong("loyalty.2", spurious.sum() / mixed, "spurious_for_latent", panel=panel, **THRESHOLDS)
    _wrong("loyalty.2", none.sum() / mixed, "none_for_latent", panel=panel, **THRESHOLDS)
    _wrong("loyalty.2", latent.sum() / len(panel), "all_respondents", panel=panel, **THRESHOLDS)
    d_att, d_rep = panel["attachment"] >= 4.0, panel["repeat"] >= 0.5
    d_latent, d_spurious = d_att & ~d_rep, ~d_att & d_rep
    _wrong("loyalty.2", d_latent.sum() / (d_latent | d_spurious).sum(), "default_thresholds", panel=panel,
           **THRESHOLDS)


def test_loyalty_3_pooled_share_of_wallet_of_the_divided(own):
    _, _, brand_panel = own
    patterns = loyalty.brand_patterns(brand_panel)["pattern_key"]
    divided = set(patterns.index[patterns == "divided"])
    rows = brand_panel[brand_panel["customer_id"].isin(divided)]
    on_a = rows.loc[rows["brand"] == "A", "amount"].sum()
    right = on_a / rows["amount"].sum()
    context = {"brand_panel": brand_panel, "min_length": 3, "core_share": 0.5}
    assert diagnose("loyalty.3", right, **context)[0]
    _wrong("loyalty.3", right * 100, "percent_for_share", **context)
    per = rows.assign(a=rows["amount"].where(rows["brand"] == "A", 0.0)).groupby("customer_id")[["a", "amount"]].sum()
    ratios = per["a"] / per["amount"]
    _wrong("loyalty.3", ratios.mean(), "mean_of_ratios", **context)
    _wrong("loyalty.3", ratios[per["a"] > 0].mean(), "buyers_only_mean", **context)
    _wrong("loyalty.3", (rows["brand"] == "A").sum() / len(rows), "purchases_for_spend", **context)
    everyone = brand_panel.loc[brand_panel["brand"] == "A", "amount"].sum()
    _wrong("loyalty.3", everyone / brand_panel["amount"].sum(), "all_customers", **context)
    _wrong("loyalty.3", on_a / everyone, "firm_denominator", **context)


def test_a_wrong_number_no_misconception_explains_gets_the_hint(own):
    tx, _, _ = own
    ok, feedback, key = diagnose("loyalty.1", 0.123, data=tx)
    assert not ok and key is None and feedback.startswith("not yet. Hint: Pass the period")
    assert diagnose("loyalty.1", 0.123, data=tx, lang="zh")[1].startswith("还不对。提示：把观察期")


# ---- interpret, decide, concept -----------------------------------------------------------------


def test_loyalty_4_the_short_window_on_the_students_data(own):
    tx, _, _ = own
    occ = _occasions(tx)
    first = occ[occ["day"] <= occ["day"].min() + pd.Timedelta(days=29)]["customer_id"].value_counts()
    whole = occ["customer_id"].value_counts()
    right = "b" if (first >= 2).mean() < (whole >= 2).mean() else "d"
    assert right == "b"
    for key in "abcd":
        _option("loyalty.4", key, right, data=tx)
    # Hand-worked: a and b buy twice within the first ten days, c once on day 100: 2/2 in the first 30 days,
    # 2/3 over the whole data — the short window does not lower the rate.
    quick = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c"],
                          "order_date": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-01", "2024-01-10",
                                                        "2024-04-10"]), "amount": 1.0})
    _option("loyalty.4", "d", "d", data=quick)
    _option("loyalty.4", "b", "d", data=quick)


def test_loyalty_5_decide_is_recorded_not_marked(capsys):
    assert_recorded("loyalty.5", capsys, "a")


@pytest.mark.parametrize("exercise_id, right", [("loyalty.6", "false"), ("loyalty.7", "c"), ("loyalty.8", "d"),
                                                ("loyalty.9", "c"), ("loyalty.10", "false")])
def test_concept_checks(exercise_id, right):
    assert_choice_question(exercise_id, right)


def test_latent_and_inertia_loyalty_are_told_apart_both_ways():
    # Attached but held back (loyalty.7): choosing inertia is explained; buying without attachment (loyalty.8):
    # choosing latent is explained — each message names the other type's attitude and behaviour.
    seven = diagnose("loyalty.7", "a", lang="zh")[1]
    eight = diagnose("loyalty.8", "b", lang="zh")[1]
    assert "惰性忠诚" in seven and "有依恋" in seven
    assert "潜在忠诚" in eight and "没有依恋" in eight
