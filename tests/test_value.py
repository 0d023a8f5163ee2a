"""Tests of crmlab.value: hand-worked examples, closed forms and invariants."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import value
from crmlab.errors import DataError

# Tiny table worked by hand: five customers' revenue 50, 20, 15, 10, 5 (total 100).
TINY = pd.DataFrame({
    "customer_id": ["a", "a", "b", "c", "d", "e", "b"],
    "amount": [30.0, 20.0, 10.0, 15.0, 10.0, 5.0, 10.0],
})


def test_customer_values_sum_per_customer():
    assert value.customer_values(TINY).to_dict() == {"a": 50.0, "b": 20.0, "c": 15.0, "d": 10.0, "e": 5.0}


def test_lorenz_by_hand():
    curve = value.lorenz_curve(TINY)
    np.testing.assert_allclose(curve["customer_share"], [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    np.testing.assert_allclose(curve["value_share"], [0, 0.5, 0.7, 0.85, 0.95, 1.0])
    asc = value.lorenz_curve(TINY, descending=False)
    np.testing.assert_allclose(asc["value_share"], [0, 0.05, 0.15, 0.30, 0.50, 1.0])


def test_gini_by_hand():
    # Ascending 5,10,15,20,50: Σ(2i−n−1)x = −4·5 −2·10 + 0 + 2·20 + 4·50 = 200; G = 200 / (5·100) = 0.4.
    assert value.gini(TINY) == pytest.approx(0.4)
    # Trapezoid area under the ascending Lorenz curve gives the same number.
    asc = value.lorenz_curve(TINY, descending=False)
    area = np.trapezoid(asc["value_share"], asc["customer_share"])
    assert value.gini(TINY) == pytest.approx(1 - 2 * area)
    assert value.gini(pd.Series([3.0, 3.0, 3.0])) == pytest.approx(0.0)
    assert value.gini(pd.Series([0.0, 0.0, 0.0, 1.0])) == pytest.approx(0.75)  # (n−1)/n


def test_top_share_pareto_by_hand():
    assert value.top_share(TINY, 0.2) == pytest.approx(0.5)
    assert value.top_share(TINY, 0.4) == pytest.approx(0.7)
    assert value.top_share(TINY, 0.3) == pytest.approx(0.6)  # half of customer b interpolated
    assert value.top_share(TINY, 1.0) == pytest.approx(1.0)


def test_abc_tiers_by_hand():
    tiers = value.abc_tiers(TINY, cuts=(0.7, 0.9))
    # cumulative shares 0.5, 0.7, 0.85, 0.95, 1.0: a and b make the first 70% (A),
    # c and d cross 90% (B), e is C.
    assert tiers["tier_key"].to_dict() == {"a": "A", "b": "A", "c": "B", "d": "B", "e": "C"}
    assert tiers.loc["a", "tier"] == "A (key)"  # the label, in lang
    summary = value.tier_summary(tiers, tier="tier_key")
    assert summary.loc["A", "value_share"] == pytest.approx(0.7)
    assert summary["customers"].sum() == 5
    zh = value.abc_tiers(TINY, cuts=(0.7, 0.9), lang="zh")
    assert zh.loc["a", "tier"].startswith("A 类")
    assert zh["tier_key"].equals(tiers["tier_key"])


def test_pyramid_thresholds_are_parameters():
    pyr = value.customer_pyramid(TINY, thresholds=(0.2, 0.4, 0.8))
    assert pyr["tier"].astype(str).to_dict() == {"a": "Platinum", "b": "Gold", "c": "Iron", "d": "Iron", "e": "Lead"}
    by_value = value.customer_pyramid(TINY, thresholds=(40, 15, 8), kind="value")
    assert by_value["tier"].astype(str).tolist() == ["Platinum", "Gold", "Gold", "Iron", "Lead"]  # ≥ threshold
    zh = value.customer_pyramid(TINY, lang="zh")
    assert list(zh["tier"].cat.categories) == ["铂金客户", "黄金客户", "铁客户", "铅客户"]
    with pytest.raises(ValueError):
        value.customer_pyramid(TINY, thresholds=(0.5, 0.2, 0.8))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=40).filter(lambda v: sum(v) > 0),
       st.floats(0, 1))
def test_concentration_invariants(values, top):
    s = pd.Series(values)
    g = value.gini(s)
    assert -1e-9 <= g <= 1 - 1 / len(s) + 1e-9
    assert value.gini(s * 3.7) == pytest.approx(g, abs=1e-9)  # scale free
    share = value.top_share(s, top)
    assert share >= top - 1e-9  # the top customers hold at least their head-count share
    tiers = value.abc_tiers(s)
    assert tiers["value"].sum() == pytest.approx(s.sum())
    assert tiers["cum_share"].is_monotonic_increasing


def test_negative_values_are_a_data_error():
    with pytest.raises(DataError, match="non-negative"):
        value.gini(pd.Series([1.0, -2.0]))


def test_delivered_value_by_hand_with_weights():
    df = value.make_delivered_value(4, seed=2)
    out = value.delivered_value(df)
    row = df.iloc[0]
    tv = sum(row[c] for c in value.VALUE_COMPONENTS)
    tc = sum(row[c] for c in value.COST_COMPONENTS)
    assert out.iloc[0]["delivered_value"] == pytest.approx(tv - tc)
    assert out.iloc[0]["value_ratio"] == pytest.approx(tv / tc)
    assert out.index.name == "customer_id"
    w = value.delivered_value(df, weights={"product_value": 2.0, "monetary_cost": 0.5})
    assert w.iloc[0]["total_value"] == pytest.approx(tv + row["product_value"])
    assert w.iloc[0]["total_cost"] == pytest.approx(tc - 0.5 * row["monetary_cost"])


def test_delivered_value_by_segment_and_generator_truth():
    df = value.make_delivered_value(600, seed=0)
    seg = value.delivered_value(df, by="segment")
    assert seg["customers"].sum() == 600
    # Planted: premium customers get the most value, price customers pay the least money.
    assert seg["total_value"].idxmax() == "premium"
    assert df.groupby("segment")["monetary_cost"].mean().idxmin() == "price"
    assert value.make_delivered_value(50, seed=3).equals(value.make_delivered_value(50, seed=3))


def test_delivered_value_errors():
    df = value.make_delivered_value(5, seed=1).drop(columns="time_cost")
    with pytest.raises(DataError, match="time_cost"):
        value.delivered_value(df)
    bad = value.make_delivered_value(5, seed=1).astype({"image_value": object})
    bad.loc[2, "image_value"] = "high"
    with pytest.raises(DataError, match="image_value"):
        value.delivered_value(bad)


def test_retention_clv_closed_form_and_finite_sum():
    assert value.retention_clv(100, 0.8, 0.1) == pytest.approx(100 * 0.8 / 0.3)
    # Two periods by hand: 100·0.8/1.1 + 100·0.64/1.21
    assert value.finite_clv(100, 0.8, 0.1, 2) == pytest.approx(80 / 1.1 + 64 / 1.21)
    assert value.finite_clv(100, 0.8, 0.1, 2000) == pytest.approx(value.retention_clv(100, 0.8, 0.1))
    table = value.clv_sensitivity(100, retention=[0.6, 0.9], discount=[0.05, 0.2])
    assert table.loc[0.9, 0.05] == pytest.approx(100 * 0.9 / 0.15)
    assert (table.diff().dropna() > 0).all().all()  # higher retention, higher CLV
    assert value.clv_sensitivity(100, retention=[0.8], discount=[0.1], periods=2).iloc[0, 0] == pytest.approx(
        80 / 1.1 + 64 / 1.21)


def test_historical_clv_compounding():
    tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "amount": [100.0, 50.0, 10.0],
                       "order_date": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-01-01"])})
    out = value.historical_clv(tx, margin=0.5, discount_rate=0.1, snapshot="2024-01-01")
    years = 365 / 365.25
    assert out.loc["a", "historical_clv"] == pytest.approx(0.5 * (100 * 1.1 ** years + 50))
    assert out.loc["a", "orders"] == 2 and out.loc["b", "tenure_days"] == 0
    assert not tx.columns.difference(["customer_id", "amount", "order_date"]).size  # input untouched


def test_plots_return_axes():
    import matplotlib.axes

    assert isinstance(value.plot_lorenz(TINY), matplotlib.axes.Axes)
    assert isinstance(value.plot_pyramid(value.customer_pyramid(TINY)), matplotlib.axes.Axes)


def test_terms_follow_the_course():
    """The 中文 terms are the course's: 顾客让渡价值 = 顾客总价值 − 顾客总成本 (text 004: 时间、精神、体力、货币),
    and the tiers of text 002 (关键 / 普通 / 小客户)."""
    zh = {key: names[1] for key, names in value.TERMS.items()}
    assert zh["energy_cost"] == "体力成本"
    assert [zh[k] for k in value.COST_COMPONENTS] == ["货币成本", "时间成本", "体力成本", "精神成本"]
    assert (zh["delivered_value"], zh["total_value"], zh["total_cost"]) == ("顾客让渡价值", "顾客总价值", "顾客总成本")
    assert all(word in zh[k] for k, word in (("A", "关键客户"), ("B", "普通客户"), ("C", "小客户")))
    assert not any("精力" in names[1] for names in value.TERMS.values())
