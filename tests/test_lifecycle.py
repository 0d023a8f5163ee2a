"""Tests of crmlab.lifecycle: hand-made trajectories, brute-force cohorts and Kaplan–Meier, generator truth,
and the real Telco churn file (skipped where ../shared/data is absent)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import DataError, datasets
from crmlab import lifecycle as LC


def _tx(rows):
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"]).astype({"order_date": "datetime64[ns]"})


def _monthly(cid, months, amount=10.0, day=15):
    return [(cid, f"2024-{m:02d}-{day:02d}", amount) for m in months]


@pytest.fixture
def trajectories():
    rows = [("new", "2024-12-01", 10.0),                                   # one purchase, recent
            ("young", "2024-11-01", 10.0), ("young", "2024-12-01", 10.0),  # first purchase 60 days ago
            *_monthly("lapsed", [1, 2, 3]),                                # stopped in March
            *_monthly("stable", range(1, 13)),                             # every month, same amount
            *_monthly("growing", [1, 4]), *_monthly("growing", range(7, 13)),
            *_monthly("falling", range(1, 7)), *_monthly("falling", [11]),
            *_monthly("cheaper", range(1, 7), 100.0), *_monthly("cheaper", range(7, 13), 10.0)]
    return _tx(rows)


# ---------------------------------------------------------------- stages

def test_stages_of_hand_made_trajectories(trajectories):
    st_ = LC.lifecycle_stages(trajectories, snapshot="2024-12-31")
    assert st_["stage_key"].to_dict() == {
        "cheaper": "decline", "falling": "decline", "growing": "formation", "lapsed": "decline",
        "new": "exploration", "stable": "stability", "young": "exploration"}
    # stable: 6 purchases of 10 in the 180-day window; before it 6 × 10 over 172 days.
    assert st_.loc["stable", "recent_rate"] == pytest.approx(60 / 180)
    assert st_.loc["stable", "earlier_rate"] == pytest.approx(60 / 172)
    assert st_.loc["lapsed", "lapse_days"] == 90


def test_stage_measure_purchases_ignores_spend(trajectories):
    st_ = LC.lifecycle_stages(trajectories, snapshot="2024-12-31", measure="purchases")
    assert st_.loc["cheaper", "stage_key"] == "stability"


def test_stage_parameters_matter(trajectories):
    loose = LC.lifecycle_stages(trajectories, snapshot="2024-12-31", decline_ratio=0.05)
    assert loose.loc["cheaper", "stage_key"] == "stability"  # rate fell to (60/180) / (600/172) = 0.096 of before: above 0.05
    later = LC.lifecycle_stages(trajectories, snapshot="2025-06-30")
    assert (later["stage_key"] == "decline").all()  # nobody bought for six months


def test_snapshot_before_any_purchase_is_an_error(trajectories):
    with pytest.raises(DataError, match="snapshot"):
        LC.lifecycle_stages(trajectories, snapshot="2023-12-31")
    with pytest.raises(DataError, match="snapshot"):
        LC.customer_lifetimes(trajectories, snapshot="2023-12-31")
    # Purchases after the snapshot are not seen: read on Mar 31, "falling" has bought monthly since January.
    early = LC.lifecycle_stages(trajectories, snapshot="2024-03-31")
    assert early.loc["falling", "n_purchases"] == 3 and "new" not in early.index


def test_stage_labels_and_summary(trajectories):
    before = trajectories.copy()
    st_ = LC.lifecycle_stages(trajectories, snapshot="2024-12-31", lang="zh")
    assert list(st_["stage"].cat.categories) == ["考察期", "形成期", "稳定期", "退化期"]
    summary = LC.stage_summary(st_)
    assert summary["customers"].tolist() == [2, 1, 1, 3] and summary["share"].sum() == pytest.approx(1)
    pd.testing.assert_frame_equal(trajectories, before)  # input not modified


def test_course_terms_in_chinese():
    """中文 labels follow the course: 顾客保持率 (not 留存率), 关系时长 (not the telecom 在网时长), text 002's stages."""
    zh = {key: pair[1] for key, pair in LC.TERMS.items()}
    assert [zh[k] for k in LC.STAGES] == ["考察期", "形成期", "稳定期", "退化期"]
    assert zh["retention"] == "顾客保持率"
    assert zh["tenure"] == "关系时长" and zh["tenure_months"].startswith("关系时长")
    assert not any(bad in label for label in zh.values() for bad in ("留存", "在网"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stage_actions_in_both_languages(trajectories, lang):
    actions = LC.stage_actions(lang)
    assert list(actions.index) == list(LC.STAGES)
    assert actions["stage"].tolist() == [LC.TERMS[k][0 if lang == "en" else 1] for k in LC.STAGES]
    assert actions[["what happens", "what to do"]].map(len).gt(10).all().all()
    if lang == "en":
        pd.testing.assert_series_equal(actions["what to do"], LC.STAGE_ACTIONS.loc[list(LC.STAGES), "what to do"],
                                       check_names=False, check_index=False)
    else:
        assert "关系恢复计划" in actions.loc["decline", "what to do"]  # the course's measure for 退化期
    summary = LC.stage_summary(LC.lifecycle_stages(trajectories, snapshot="2024-12-31", lang=lang), lang=lang)
    assert summary["what to do"].tolist() == actions["what to do"].tolist()
    with pytest.raises(ValueError, match="lang"):
        LC.stage_actions("fr")


def test_stages_on_cdnow_cover_everyone():
    tx = datasets.load_cdnow()
    st_ = LC.lifecycle_stages(tx)
    assert len(st_) == 23570 and st_["stage"].notna().all()
    # Nobody in CDNOW is new at the end (all joined in 1997-Q1), so nobody is exploring.
    assert (st_["stage_key"] == "exploration").sum() == 0


# ---------------------------------------------------------------- cohorts

def _brute_cohorts(tx, freq="M"):
    periods: dict = {}
    for c, d in zip(tx["customer_id"], tx["order_date"]):
        periods.setdefault(c, set()).add(d.to_period(freq))
    last = max(p for ps in periods.values() for p in ps)
    cohorts: dict = {}
    for c, ps in periods.items():
        cohorts.setdefault(min(ps), []).append(c)
    width = max((last - k).n for k in cohorts) + 1
    table = {}
    for k0, members in sorted(cohorts.items()):
        row = []
        for k in range(width):
            if (last - k0).n < k:
                row.append(np.nan)
            else:
                row.append(sum((k0 + k) in periods[c] for c in members) / len(members))
        table[k0] = row
    return pd.DataFrame.from_dict(table, orient="index")


@pytest.mark.parametrize("freq", ["M", "Q"])
def test_cohort_table_equals_brute_force(freq):
    tx = datasets.load_data("synthetic:3")
    tx = tx[tx["customer_id"].isin(tx["customer_id"].unique()[:400])]
    got = LC.cohort_table(tx, freq=freq)
    expected = _brute_cohorts(tx, freq)
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), equal_nan=True)
    assert list(got.index) == list(expected.index)


def test_cohort_table_hand_worked_counts():
    tx = _tx([("a", "2024-01-05", 1), ("a", "2024-03-01", 1), ("b", "2024-01-20", 1), ("c", "2024-02-03", 1),
              ("c", "2024-03-09", 1)])
    counts = LC.cohort_table(tx, normalize=False)
    expected = pd.DataFrame([[2.0, 0.0, 1.0], [1.0, 1.0, np.nan]])
    np.testing.assert_array_equal(counts.to_numpy(), expected.to_numpy())
    assert counts.attrs["cohort_size"].tolist() == [2, 1]
    assert LC.cohort_table(tx, max_periods=1).shape == (2, 2)


def test_cohort_table_on_cdnow():
    table = LC.cohort_table(datasets.load_cdnow(), normalize=False)
    assert [str(i) for i in table.index] == ["1997-01", "1997-02", "1997-03"]
    assert table[0].sum() == 23570
    assert table.shape[1] == 18 and np.isnan(table.iloc[2, 16])


def test_cohort_table_needs_dates():
    with pytest.raises(DataError, match="not dates"):
        LC.cohort_table(pd.DataFrame({"customer_id": ["a"], "order_date": ["someday"]}))
    text_dates = pd.DataFrame({"customer_id": ["a", "a"], "order_date": ["2024-01-01", "2024-02-03"]})
    assert LC.cohort_table(text_dates).iloc[0].tolist() == [1.0, 1.0]


def test_stages_without_amount_column():
    tx = pd.DataFrame({"customer_id": ["a"], "order_date": pd.to_datetime(["2024-01-01"])})
    with pytest.raises(DataError, match="amount"):
        LC.lifecycle_stages(tx)
    assert LC.lifecycle_stages(tx, measure="purchases")["stage_key"].tolist() == ["exploration"]


# ---------------------------------------------------------------- Kaplan–Meier

def _brute_km(durations, events):
    s, out = 1.0, {0.0: 1.0}
    for t in sorted(set(durations)):
        at_risk = sum(d >= t for d in durations)
        died = sum(d == t and e for d, e in zip(durations, events))
        s *= 1 - died / at_risk
        out[float(t)] = s
    return out


def test_kaplan_meier_hand_worked():
    km = LC.kaplan_meier([1, 2, 2, 3, 4, 5], [True, True, False, True, False, True])
    assert km.index.tolist() == [0, 1, 2, 3, 4, 5]
    assert km["at_risk"].tolist() == [6, 6, 5, 3, 2, 1]
    assert km["churned"].tolist() == [0, 1, 1, 1, 0, 1] and km["censored"].tolist() == [0, 0, 1, 0, 1, 0]
    np.testing.assert_allclose(km["survival"], [1, 5 / 6, 5 / 6 * 4 / 5, 5 / 6 * 4 / 5 * 2 / 3, 4 / 9, 0])
    np.testing.assert_allclose(km["period_retention"], [1, 5 / 6, 4 / 5, 2 / 3, 1, 0])
    assert (km["lower"].iloc[1:4] < km["survival"].iloc[1:4]).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.booleans()), min_size=1, max_size=40))
def test_kaplan_meier_equals_product_limit(pairs):
    d = [p[0] for p in pairs]
    e = [p[1] for p in pairs]
    km = LC.kaplan_meier(d, e)
    assert km["survival"].to_dict() == pytest.approx(_brute_km(d, e))


def test_kaplan_meier_bad_input():
    with pytest.raises(DataError):
        LC.kaplan_meier([1, -2], [True, False])
    with pytest.raises(DataError):
        LC.kaplan_meier([1, 2], [True])


def test_subscription_truth_recovered():
    subs, truth = LC.make_subscriptions(9000, seed=5, return_truth=True)
    curve = LC.tenure_retention(subs, by="Contract")
    for contract, h in truth.monthly_churn.items():
        part = curve[curve["group"] == contract].set_index("time")
        for t in (6, 12, 24):
            assert part.loc[t, "survival"] == pytest.approx((1 - h) ** t, abs=0.03)
        assert part["period_retention"].loc[1:24].mean() == pytest.approx(1 - h, abs=0.01)


def test_churn_rates_hand_worked_and_truth():
    t = pd.DataFrame({"tenure": [2, 5, 3, 4], "Churn": ["Yes", "No", "No", "yes"], "plan": ["a", "a", "b", "b"]})
    r = LC.churn_rates(t, by="plan")
    assert r["churned"].tolist() == [1, 1] and r["exposure"].tolist() == [7, 7]
    np.testing.assert_allclose(r["churn_rate"], [1 / 7, 1 / 7])
    np.testing.assert_allclose(r["retention_rate"], [6 / 7, 6 / 7])
    assert LC.churn_rates(t).loc["All customers", "churned_share"] == 0.5
    subs, truth = LC.make_subscriptions(9000, seed=8, return_truth=True)
    rates = LC.churn_rates(subs, by="Contract")["churn_rate"]
    for contract, h in truth.monthly_churn.items():
        assert rates[contract] == pytest.approx(h, rel=0.15)


def test_tenure_retention_flags():
    t = pd.DataFrame({"tenure": [3, 5, 5], "left": ["YES", "no", "Yes"]})
    curve = LC.tenure_retention(t, churn="left")
    assert curve["survival"].round(4).tolist() == [1.0, 0.6667, 0.3333]
    with pytest.raises(DataError, match="neither churned"):
        LC.tenure_retention(t.assign(left=["Yes", "maybe", "No"]), churn="left")
    with pytest.raises(DataError, match="neither churned"):
        LC.tenure_retention(t.assign(left=["Yes", None, "No"]), churn="left")
    with pytest.raises(DataError, match="non-negative"):
        LC.tenure_retention(t.assign(tenure=[1, " ", 2]), churn="left")


def test_customer_lifetimes_hand_worked():
    tx = _tx([("a", "2024-01-01", 1), ("a", "2024-03-01", 1), ("b", "2024-05-01", 1), ("c", "2024-01-15", 1),
              ("c", "2024-06-30", 1)])
    lt = LC.customer_lifetimes(tx, churn_after_days=90)
    # snapshot Jun 30: a last bought 121 days ago → churned at tenure 60 days = 2 months;
    # b 60 days ago → active, censored at 60 days; c active, 167 days → 5 months.
    assert lt[["tenure", "churned"]].values.tolist() == [[2.0, True], [2.0, False], [5.0, False]]


def test_cdnow_retention_curve_equals_brute_force():
    lt = LC.customer_lifetimes(datasets.load_cdnow(), churn_after_days=180)
    curve = LC.retention_curve(lt)
    expected = _brute_km(lt["tenure"].tolist(), lt["churned"].tolist())
    assert curve.set_index("time")["survival"].to_dict() == pytest.approx(expected)
    assert curve["at_risk"].iloc[0] == 23570


def test_telco_through_retention(shared_data):
    telco = pd.read_csv(shared_data / "churn" / "Telco-Customer-Churn.csv")
    curve = LC.tenure_retention(telco, tenure="tenure", churn="Churn", by="Contract")
    assert set(curve["group"]) == {"Month-to-month", "One year", "Two year"}
    s12 = {g: part.set_index("time").loc[12, "survival"] for g, part in curve.groupby("group")}
    assert s12["Month-to-month"] < s12["One year"] < s12["Two year"]
    overall = LC.tenure_retention(telco)
    assert overall["churned"].sum() == 1869 and overall["at_risk"].iloc[0] == 7043  # IBM's published counts
    rates = LC.churn_rates(telco, by="Contract")
    assert rates["customers"].sum() == 7043 and rates["churned"].sum() == 1869
    assert rates.loc["Month-to-month", "churn_rate"] > rates.loc["Two year", "churn_rate"] * 10
    expected = _brute_km(telco["tenure"].tolist(), (telco["Churn"] == "Yes").tolist())
    assert overall.set_index("time")["survival"].to_dict() == pytest.approx(expected)
    for _, part in curve.groupby("group"):
        assert (np.diff(part["survival"]) <= 1e-12).all()


# ---------------------------------------------------------------- plots

def test_plots_return_axes(trajectories):
    ax = LC.plot_cohort_heatmap(LC.cohort_table(trajectories))
    assert ax.get_ylabel() == "Acquisition cohort"
    ax = LC.plot_retention_curve(LC.tenure_retention(LC.make_subscriptions(200), by="Contract"))
    assert len(ax.get_lines()) == 3
    assert LC.plot_lifecycle_stages(LC.lifecycle_stages(trajectories)).get_xlabel() == "Lifecycle stage"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcde"), st.integers(0, 700), st.floats(1, 500)), min_size=1, max_size=40),
       st.integers(-400, 400), st.sampled_from([0.25, 0.5, 2.0, 8.0]))  # exact in binary floating point
def test_stages_invariant_to_time_shift_and_currency(rows, shift, factor):
    frame = _tx([(c, pd.Timestamp("2023-01-01") + pd.Timedelta(days=d), a) for c, d, a in rows])
    base = LC.lifecycle_stages(frame, snapshot="2024-12-31")["stage_key"]
    moved = frame.assign(order_date=frame["order_date"] + pd.Timedelta(days=shift), amount=frame["amount"] * factor)
    snap = pd.Timestamp("2024-12-31") + pd.Timedelta(days=shift)
    pd.testing.assert_series_equal(LC.lifecycle_stages(moved, snapshot=snap)["stage_key"], base)
