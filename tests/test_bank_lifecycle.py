"""Chapter 06's exercise bank: the right answer on two seeds, and each misconception's planted answer gets its message.

The expected and the wrong answers are worked out here by hand with pandas (purchase occasions, cohorts,
Kaplan–Meier, quarters), independently of the bank's solvers, so a bank that computes the wrong thing fails.
"""

from __future__ import annotations

import pandas as pd
import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _planted

from crmlab import lifecycle
from crmlab.datasets import load_data
from crmlab.exercises import diagnose, registry

SEEDS = (1, 2)
PARAMS = dict(snapshot=None, window_days=180, exploration_days=90)
IDS = [f"lifecycle.{n}" for n in range(1, 10)]
CHOICES = {"lifecycle.6": "b", "lifecycle.8": "false", "lifecycle.9": "b"}


@pytest.fixture(scope="module", params=SEEDS)
def seeded(request):
    return request.param, load_data(f"synthetic:{request.param}"), lifecycle.make_subscriptions(3000, seed=request.param)


def _right(exercise_id, answer, **context):
    assert diagnose(exercise_id, answer, **context)[0], (exercise_id, answer)


# ------------------------------------------------------------------------------------------ by hand

def _periods(tx, freq):
    """Each customer's purchase periods and their acquisition period (as integer ordinals)."""
    p = pd.to_datetime(tx["order_date"]).dt.to_period(freq)
    frame = pd.DataFrame({"c": tx["customer_id"].to_numpy(), "p": p.array.asi8}).drop_duplicates()
    frame["first"] = frame.groupby("c")["p"].transform("min")
    return frame, frame["p"].max()


def _pooled(tx, freq="M"):
    frame, last = _periods(tx, freq)
    cohort = frame.groupby("c")["first"].first()
    again = set(frame.loc[frame["p"] == frame["first"] + 1, "c"])
    observed = cohort[cohort + 1 <= last]
    return observed.index.isin(list(again)).mean(), cohort, again, observed


def _occasions(tx, until=None):
    days = tx.assign(day=pd.to_datetime(tx["order_date"]).dt.normalize())
    return days.drop_duplicates(["customer_id", "day"]).groupby("customer_id").size()


def _km(subs, level="Month-to-month", months=6):
    part = subs[subs["Contract"] == level]
    t, gone = part["tenure"].to_numpy(), (part["Churn"] == "Yes").to_numpy()
    s, last_ret = 1.0, 1.0
    for time in sorted(set(t[gone])):
        if time > months:
            break
        at_risk, died = (t >= time).sum(), (gone & (t == time)).sum()
        s *= 1 - died / at_risk
        last_ret = 1 - died / at_risk
    return s, last_ret, part, gone


def _months(tx, n=4):
    """The customers buying in each of the first ``n`` months of the data."""
    m = pd.to_datetime(tx["order_date"]).dt.to_period("M")
    return [set(tx.loc[m == m.min() + i, "customer_id"]) for i in range(n)]


# ------------------------------------------------------------------------------------------ lifecycle.1

def test_cohorts_pooled_next_period_share_on_two_seeds(seeded):
    seed, tx, _ = seeded
    expected, cohort, again, observed = _pooled(tx)
    _right("lifecycle.1", expected, data=tx, freq="M")
    other = _pooled(load_data(f"synthetic:{3 - seed}"))[0]
    assert abs(other - expected) > 1e-3 and not diagnose("lifecycle.1", other, data=tx, freq="M")[0]
    _planted("lifecycle.1", expected * 100, "percent_for_share", data=tx, freq="M")
    shares = pd.Series(observed.index.isin(list(again)), index=observed.index).groupby(observed).mean()
    _planted("lifecycle.1", shares.mean(), "unweighted_mean", data=tx, freq="M")
    _planted("lifecycle.1", 1.0, "period_zero", data=tx, freq="M")


def test_cohorts_unobserved_next_period_is_not_zero():
    # a, b acquired in January (a back in February); c acquired in February, the last month: not observed.
    tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c"], "amount": 1.0,
                       "order_date": pd.to_datetime(["2024-01-03", "2024-02-03", "2024-01-09", "2024-02-20"])})
    _right("lifecycle.1", 0.5, data=tx, freq="M")
    feedback = _planted("lifecycle.1", 1 / 3, "unobserved_as_zero", data=tx, freq="M")
    assert "0.5" not in feedback


# ------------------------------------------------------------------------------------------ lifecycle.2

def test_lapsed_regulars_count_purchase_occasions(seeded):
    _, tx, _ = seeded
    stages = lifecycle.lifecycle_stages(tx, **PARAMS)
    decline = stages.index[stages["stage_key"] == "decline"]
    occasions = _occasions(tx).reindex(decline)
    expected = int((occasions >= 3).sum())
    _right("lifecycle.2", expected, data=tx, **PARAMS)
    rows = tx.groupby("customer_id").size().reindex(decline)
    assert int((rows >= 3).sum()) != expected, "synthetic data has several lines per purchase"
    _planted("lifecycle.2", int((rows >= 3).sum()), "rows_for_occasions", data=tx, **PARAMS)
    _planted("lifecycle.2", len(decline), "all_declining", data=tx, **PARAMS)
    _planted("lifecycle.2", int((occasions > 3).sum()), "more_than_three", data=tx, **PARAMS)
    assert not diagnose("lifecycle.2", expected + 1, data=tx, **PARAMS)[0]


# ------------------------------------------------------------------------------------------ lifecycle.3

def test_month_to_month_kaplan_meier_at_six_months(seeded):
    _, _, subs = seeded
    expected, one_month, part, gone = _km(subs)
    ctx = dict(subs=subs, group="Contract", tenure="tenure", churn="Churn")
    _right("lifecycle.3", expected, **ctx)
    _planted("lifecycle.3", expected * 100, "percent_for_share", **ctx)
    _planted("lifecycle.3", 1 - gone.mean(), "ignores_censoring", **ctx)
    _planted("lifecycle.3", (part["tenure"] > 6).mean(), "censored_as_lost", **ctx)
    _planted("lifecycle.3", one_month, "one_month_retention", **ctx)
    _planted("lifecycle.3", _km(subs, months=12)[0], "wrong_month", **ctx)


def test_kaplan_meier_follows_the_students_subscriptions():
    a, b = (lifecycle.make_subscriptions(3000, seed=s) for s in SEEDS)
    assert not diagnose("lifecycle.3", _km(a)[0], subs=b)[0]


# ------------------------------------------------------------------------------------------ lifecycle.4

def test_churned_share_counts_the_silence_to_the_end_of_the_data(seeded):
    _, tx, _ = seeded
    dates = pd.to_datetime(tx["order_date"])
    first, last = dates.groupby(tx["customer_id"]).min(), dates.groupby(tx["customer_id"]).max()
    churned = (dates.max() - last).dt.days > 180
    expected = churned.mean()
    ctx = dict(data=tx, churn_after_days=180)
    _right("lifecycle.4", expected, **ctx)
    _planted("lifecycle.4", expected * 100, "percent_for_share", **ctx)
    _planted("lifecycle.4", 1 - expected, "complement", **ctx)
    _planted("lifecycle.4", ((last - first).dt.days > 180).mean(), "from_first_purchase", **ctx)
    _planted("lifecycle.4", ((pd.Timestamp.today() - last).dt.days > 180).mean(), "to_today", **ctx)
    _planted("lifecycle.4", int(churned.sum()), "count_not_share", **ctx)
    _right("lifecycle.4", ((dates.max() - last).dt.days > 90).mean(), data=tx, churn_after_days=90)


# ------------------------------------------------------------------------------------------ lifecycle.5

def test_third_month_retention(seeded):
    _, tx, _ = seeded
    m1, m2, m3, m4 = _months(tx)
    expected = len(m2 & m3) / len(m2)
    _right("lifecycle.5", expected, data=tx)
    _planted("lifecycle.5", expected * 100, "percent_for_share", data=tx)
    _planted("lifecycle.5", 1 - expected, "churn_rate", data=tx)
    _planted("lifecycle.5", len(m1 & m2) / len(m1), "earlier_period", data=tx)
    _planted("lifecycle.5", len(m3 & m4) / len(m3), "later_period", data=tx)
    _planted("lifecycle.5", len(m2 & m3) / len(m3), "this_period_denominator", data=tx)


# ------------------------------------------------------------------------------------------ choices

@pytest.mark.parametrize("exercise_id", sorted(CHOICES))
def test_each_wrong_option_explains_its_misconception(exercise_id):
    ex = registry.get(exercise_id)
    assert ex.kind in ("interpret", "concept")
    assert_choice_question(exercise_id, CHOICES[exercise_id], right_without_why=True)


def test_the_threshold_decision_is_recorded_for_the_instructor(capsys):
    tx = load_data("synthetic:1")
    ex = registry.get("lifecycle.7")
    assert ex.kind == "decide" and not ex.auto_graded and ex.rubric["zh"] and ex.model_answer["en"]
    assert ex.solve(data=tx, **PARAMS) in ex.options
    assert_recorded("lifecycle.7", capsys, "b", data=tx, **PARAMS)


def test_the_bank_has_all_four_kinds_and_both_languages():
    ids = assert_bank_complete("lifecycle", IDS, min_misconceptions=3)
    assert {"lifecycle.1", "lifecycle.2", "lifecycle.3"} <= set(ids)
