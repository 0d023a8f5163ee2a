"""Tests of crmlab.satisfaction against hand-worked numbers, brute force and the generator's truth."""

from __future__ import annotations

import math
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from crmlab import satisfaction as S
from crmlab.datasets import ATTRIBUTES, INDUSTRIES, make_survey
from crmlab.errors import DataError
from crmlab.io import read_survey

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def survey():
    return make_survey(5000, seed=11, return_truth=True)


# ---------------------------------------------------------------- NPS

def test_nps_hand_worked():
    # 10 answers: promoters 10,9,9,10,9 (5); passives 8,7 (2); detractors 6,3,5 (3).
    r = S.nps(pd.Series([10, 9, 9, 8, 7, 6, 3, 10, 9, 5])).loc["all"]
    assert r["n"] == 10 and r["promoters"] == 0.5 and r["passives"] == pytest.approx(0.2)
    assert r["nps"] == pytest.approx(20.0)
    # Var = (0.5 + 0.3 − 0.2²)/10 = 0.076 → se = 0.275681 → ±1.959964·27.5681 = ±54.0325
    assert r["se"] == pytest.approx(27.5681, abs=1e-4)
    assert r["ci_low"] == pytest.approx(-34.0325, abs=1e-3)
    assert r["ci_high"] == pytest.approx(74.0325, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(arrays(np.int64, st.integers(2, 60), elements=st.integers(0, 10)))
def test_nps_equals_mean_of_plus_minus_scores(answers):
    score = np.where(answers >= 9, 1.0, np.where(answers <= 6, -1.0, 0.0))
    r = S.nps(pd.Series(answers)).loc["all"]
    assert r["nps"] == pytest.approx(100 * score.mean())
    assert r["se"] == pytest.approx(100 * score.std(ddof=0) / math.sqrt(len(score)), abs=1e-9)


def test_nps_by_group_and_bad_answers():
    s = pd.DataFrame({"g": ["a", "a", "b", "b"], "recommend": [10, 0, 9, 9]})
    r = S.nps(s, by="g")
    assert r["nps"].to_dict() == {"a": 0.0, "b": 100.0}
    with pytest.raises(DataError, match="whole answers 0–10"):
        S.nps(pd.Series([3, 11, 7.5]))


# ---------------------------------------------------------------- quadrants and zones

@pytest.mark.parametrize("sat, loy, expected", [
    (4, 4, "Loyalist"), (3, 4, "Hostage"), (4, 3, "Mercenary"), (3, 3, "Defector"),
    (5, 5, "Apostle"), (5, 4, "Loyalist"), (1, 1, "Terrorist"), (1, 2, "Defector"),
    (3.99, 4, "Hostage"), (4, 3.99, "Mercenary"),
])
def test_types_at_and_around_thresholds(sat, loy, expected):
    s = pd.DataFrame({"satisfaction": [sat], "repurchase_intent": [loy]})
    out = S.customer_types(s, satisfied_at=4, loyal_at=4, satisfaction_scale=(1, 5), loyalty_scale=(1, 5))
    assert out["type"].iloc[0] == expected


@pytest.mark.parametrize("call, message", [
    (lambda s: S.customer_types(s, satisfied_at=8), "satisfied_at=8 is outside the scale of column 'satisfaction' (1–5)"),
    (lambda s: S.customer_types(s, loyal_at=1), "loyal_at=1 is outside the scale of column 'repurchase_intent'"),
    (lambda s: S.satisfaction_zones(s, affection_at=6), "affection_at=6 is outside"),
    (lambda s: S.satisfaction_zones(s, defection_below=0.5), "defection_below=0.5 is outside"),
])
def test_cut_points_outside_the_scale_are_errors(call, message):
    # 8 on a 1–5 scale would make every respondent a defector without a word.
    s = pd.DataFrame({"satisfaction": [1, 3, 5], "repurchase_intent": [2, 4, 5]})
    s.attrs["scales"] = {"satisfaction": (1, 5), "repurchase_intent": (1, 5)}
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(s)
    S.customer_types(s, satisfied_at=5, loyal_at=2)  # the ends that still split the scale are fine


def test_types_defaults_reported_and_moved():
    s = pd.DataFrame({"satisfaction": [6, 5, 10, 0], "repurchase_intent": [6, 5, 10, 0]})
    s.attrs["scales"] = {"satisfaction": (0, 10), "repurchase_intent": (0, 10)}
    out = S.customer_types(s)
    assert out.attrs["cut_points"]["satisfied_at"] == 6.0  # first answer above the midpoint 5
    assert out["type"].tolist() == ["Loyalist", "Defector", "Apostle", "Terrorist"]
    moved = S.customer_types(s, satisfied_at=7, loyal_at=5, apostle_at=(11, 11), lang="zh")
    assert moved["type"].tolist() == ["人质", "人质", "忠诚者", "恐怖分子"]
    assert moved.attrs["cut_points"]["loyal_at"] == 5.0


def test_types_stop_without_declared_scale():
    with pytest.raises(DataError, match="'satisfaction' has no declared answer scale .*satisfaction_scale=\\(1, 5\\)"):
        S.customer_types(pd.DataFrame({"satisfaction": [1, 5], "repurchase_intent": [1, 5]}))


def test_a_filtered_and_merged_survey_keeps_its_scale_or_says_so():
    # Issue 13: on pandas 3 a merge drops .attrs; the scale must not silently become the observed 2–5.
    survey = make_survey(500, seed=1)
    expected = S.customer_types(survey)["type_key"]
    high = survey[survey["satisfaction"] >= 2]
    joined = high.merge(survey[["segment"]] if "segment" in survey else survey.iloc[:, :0],
                        left_index=True, right_index=True, suffixes=("", "_y"))
    try:
        got = S.customer_types(joined)
    except DataError as exc:
        assert "no declared answer scale" in str(exc)
    else:
        assert got.attrs["cut_points"] == S.customer_types(survey).attrs["cut_points"]
    declared = S.customer_types(joined, satisfaction_scale=(1, 5), loyalty_scale=(1, 5))
    assert declared["type_key"].equals(expected.loc[declared.index])


def test_zones_boundaries_and_counts():
    s = pd.DataFrame({"satisfaction": [1, 2, 3, 4, 5, 5], "repurchase_intent": [1, 1, 2, 4, 5, 5]})
    z = S.satisfaction_zones(s, scale=(1, 5))
    assert z.attrs["boundaries"]["defection_below"] == pytest.approx(2.6)
    assert z["n"].tolist() == [2, 2, 2]
    assert z["loyalty_mean"].tolist() == [1.0, 3.0, 5.0]
    z2 = S.satisfaction_zones(s, scale=(1, 5), defection_below=3, affection_at=4)
    assert z2["n"].tolist() == [2, 1, 3]
    with pytest.raises(DataError):
        S.satisfaction_zones(s, scale=(1, 5), defection_below=5, affection_at=4)


# ---------------------------------------------------------------- curves vs the generator's truth

def test_loyalty_curve_hand_ci():
    s = pd.DataFrame({"satisfaction": [1, 1, 5], "repurchase_intent": [1, 3, 5]})
    c = S.loyalty_curve(s)
    # level 1: mean 2, sd √2, se 1, t(0.975, 1) = 12.7062
    assert c.loc[1.0, "ci_low"] == pytest.approx(2 - 12.7062, abs=1e-3)
    assert np.isnan(c.loc[5.0, "ci_low"])


def test_curves_recover_truth(survey):
    s, truth = survey
    c = S.loyalty_curve(s, by="industry")
    covered = [row["ci_low"] <= truth.curves.loc[ind, int(lvl)] <= row["ci_high"] for (ind, lvl), row in c.iterrows()]
    assert sum(covered) >= 0.85 * len(covered)
    # Shape: competitive markets gain most loyalty from 4 to 5 ("only the completely satisfied").
    jump = c["mean"].unstack().pipe(lambda m: m[5.0] - m[4.0])
    assert jump[truth.competitive.index[truth.competitive]].min() > jump[truth.competitive.index[~truth.competitive]].max()


def test_types_and_zones_follow_competition(survey):
    s, truth = survey
    types = S.customer_types(s)
    share = pd.crosstab(s.loc[types.index, "industry"], types["quadrant"], normalize="index")
    comp = truth.competitive[truth.competitive].index
    monopoly = "local telephone"
    assert share.loc[comp, "Mercenary"].min() > share.loc[monopoly, "Mercenary"] + 0.2
    assert share.loc[monopoly, "Hostage"] > share.loc[comp, "Hostage"].max() + 0.2
    z = S.satisfaction_zones(s, by="industry")
    auto = z.loc["automobiles", "loyalty_mean"]
    assert auto.is_monotonic_increasing
    assert z.loc["automobiles", "share"].sum() == pytest.approx(1.0)


def test_type_shares_recover_planted_truth(survey):
    # Truth from the generator's plan: intent = 1 + Binomial(4, p) with p = (m − 1)/4, so at a satisfaction
    # level with curve value m, P(loyal: intent >= 4) = 4p³(1 − p) + p⁴, P(intent = 5) = p⁴, P(intent = 1) = (1 − p)⁴;
    # satisfaction levels have the planted shares in every industry. Default cuts: satisfied >= 4, loyal >= 4.
    s, truth = survey
    types = S.customer_types(s)
    share = pd.crosstab(s.loc[types.index, "industry"], types["type"], normalize="index")
    p = (truth.curves - 1) / 4
    loyal = 4 * p ** 3 * (1 - p) + p ** 4
    w = pd.Series(truth.satisfaction_shares, index=truth.curves.columns)
    hi, lo = [4, 5], [1, 2, 3]
    apostle, terrorist = w[5] * p[5] ** 4, w[1] * (1 - p[1]) ** 4
    expected = pd.DataFrame({
        "Apostle": apostle,
        "Loyalist": (w[hi] * loyal[hi]).sum(axis=1) - apostle,
        "Mercenary": (w[hi] * (1 - loyal[hi])).sum(axis=1),
        "Hostage": (w[lo] * loyal[lo]).sum(axis=1),
        "Defector": (w[lo] * (1 - loyal[lo])).sum(axis=1) - terrorist,
        "Terrorist": terrorist,
    })
    assert np.allclose(expected.sum(axis=1), 1.0)
    n = s["industry"].value_counts()
    for industry, row in expected.iterrows():
        for kind, e in row.items():
            got = share.loc[industry, kind] if kind in share.columns else 0.0
            tol = 4 * math.sqrt(e * (1 - e) / n[industry]) + 0.005
            assert abs(got - e) < tol, (industry, kind, got, e)


def test_drivers_recover_planted_weights(survey):
    s, truth = survey
    order = truth.driver_weights.sort_values(ascending=False).index.tolist()
    for method in ("correlation", "regression"):
        d = S.driver_analysis(s, list(ATTRIBUTES), method=method)
        assert d.index.tolist() == order, method
    d = S.driver_analysis(s, list(ATTRIBUTES))
    assert d.loc["product_quality", "performance"] == pytest.approx(s["product_quality"].mean())
    assert d.loc["product_quality", "quadrant"] == "Keep up the good work"  # important and rated high
    assert d.loc["service", "quadrant"] == "Concentrate here"               # important, rated low
    with pytest.raises(DataError, match="method"):
        S.driver_analysis(s, ["price"], method="magic")


# ---------------------------------------------------------------- Cronbach's alpha

def test_alpha_hand_worked():
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4], "c": [1, 3, 3, 5]})
    # item variances 5/3, 4/3, 8/3; totals 4, 7, 10, 13 → variance 15; α = 1.5·(1 − (17/3)/15) = 42/45
    assert S.cronbach_alpha(items) == pytest.approx(42 / 45)
    assert S.cronbach_alpha(pd.DataFrame({"x": [1, 2, 4], "y": [1, 2, 4]})) == pytest.approx(1.0)
    with pytest.raises(DataError, match="two items"):
        S.cronbach_alpha(items, ["a"])


@settings(max_examples=50, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(3, 30), st.integers(2, 5)), elements=st.integers(1, 5)))
def test_alpha_matches_covariance_form(matrix):
    cov = np.cov(matrix, rowvar=False, ddof=1)
    total = cov.sum()
    if total <= 1e-12:
        return
    k = matrix.shape[1]
    expected = k / (k - 1) * (1 - np.trace(cov) / total)
    assert S.cronbach_alpha(pd.DataFrame(matrix)) == pytest.approx(expected)


# ---------------------------------------------------------------- plots

def test_plots_return_axes(survey):
    s, _ = survey
    small = s.sample(500, random_state=0)
    ax = S.plot_loyalty_curves(S.loyalty_curve(small, by="industry"))
    assert len(ax.get_lines()) >= 5 and ax.get_xlabel() == "Satisfaction"
    ax = S.plot_customer_types(S.customer_types(small))
    assert ax.get_title().startswith("Customer types")
    ax = S.plot_importance_performance(S.driver_analysis(small, list(ATTRIBUTES)), lang="zh")
    labels = {text.get_text() for text in ax.texts}
    assert set(ATTRIBUTES) <= labels and ("重点改进" in labels or "Concentrate here" in labels)


# ---------------------------------------------------------------- real surveys (../shared/data)

def test_real_ecsi_through_chapter(shared_data):
    s = read_survey(shared_data / "satisfaction_ecsi" / "satisfaction.csv", scales=(0, 10),
                    columns={"satisfaction": "sat1", "repurchase_intent": "loy1", "recommend": "loy3"})
    alpha = S.cronbach_alpha(s, ["satisfaction", "sat2", "sat3"])
    assert 0.6 < alpha < 1
    assert len(S.loyalty_curve(s)) > 3
    types = S.customer_types(s)
    assert types.attrs["cut_points"]["satisfied_at"] == 6.0 and len(types) == 250
    r = S.nps(s).loc["all"]
    assert r["ci_low"] < r["nps"] < r["ci_high"]
    d = S.driver_analysis(s, ["imag1", "expe1", "qual1", "val1"])
    assert d["importance"].between(-1, 1).all()


def test_real_airline_through_chapter(shared_data):
    items = ["Inflight wifi service", "Seat comfort", "Online boarding", "Cleanliness", "Checkin service"]
    s = read_survey(shared_data / "airline_satisfaction" / "airline_passenger_satisfaction_test.csv",
                    respondent="id", scales={c: (1, 5) for c in items}, not_applicable=0,
                    columns={"segment": "Customer Type"},
                    recode={"satisfaction": {"satisfied": 1, "neutral or dissatisfied": 0}})
    d = S.driver_analysis(s, items, target="satisfaction")
    assert d.loc["Online boarding", "importance"] > d.loc["Checkin service", "importance"]
    s["loyal"] = (s["segment"] == "Loyal Customer").astype(float)
    c = S.loyalty_curve(s, satisfaction="Seat comfort", loyalty="satisfaction", by="segment")
    assert set(c.index.get_level_values(0)) == {"Loyal Customer", "disloyal Customer"}


def test_real_starbucks_through_chapter(shared_data):
    rates = ["productRate", "priceRate", "promoRate", "ambianceRate", "wifiRate", "serviceRate", "chooseRate"]
    s = read_survey(shared_data / "starbucks_survey" / "starbucks_satisfaction_survey_encoded.csv",
                    respondent="Id", scales={**{c: (1, 5) for c in rates}, "loyal": (0, 1)}, reverse=["loyal"],
                    columns={"satisfaction": "productRate"})
    c = S.loyalty_curve(s, loyalty="loyal")
    assert c["mean"].between(0, 1).all()
    types = S.customer_types(s, loyalty="loyal", loyal_at=1)
    assert types["quadrant"].notna().all()
    drivers = S.driver_analysis(s, rates[1:], target="loyal")
    assert drivers.shape == (6, 4)  # importance, performance, quadrant_key, quadrant
    assert set(drivers["quadrant_key"]) <= {"keep_up", "concentrate", "low_priority", "overkill"}


def _vlines_hlines(ax):
    v = [line.get_xdata()[0] for line in ax.get_lines() if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]]
    h = [line.get_ydata()[0] for line in ax.get_lines() if len(line.get_ydata()) == 2 and line.get_ydata()[0] == line.get_ydata()[1]]
    return v, h


def test_plot_cut_points_do_not_come_from_attrs():
    import matplotlib.pyplot as plt

    s = pd.DataFrame({"satisfaction": [1, 2, 3, 4, 5] * 4, "repurchase_intent": [5, 4, 3, 2, 1] * 4})
    types = S.customer_types(s, satisfaction_scale=(1, 5), loyalty_scale=(1, 5))
    bare = types.copy()
    bare.attrs = {}  # what a filter + join does on pandas 3: the lines used to vanish
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert _vlines_hlines(S.plot_customer_types(bare)) == ([3.5], [3.5])  # cut 4 on 1–5, line half below
        assert _vlines_hlines(S.plot_customer_types(types)) == ([3.5], [3.5])
        assert _vlines_hlines(S.plot_customer_types(bare, satisfied_at=3, loyal_at=5)) == ([2.5], [4.5])
    # nobody answered 4: the columns say 5, the old attrs 4 — old behaviour, with a DeprecationWarning
    gap = S.customer_types(s[s["satisfaction"] != 4], satisfied_at=4, loyal_at=4,
                           satisfaction_scale=(1, 5), loyalty_scale=(1, 5))
    with pytest.warns(DeprecationWarning, match="satisfied_at="):
        assert _vlines_hlines(S.plot_customer_types(gap))[0] == [3.5]
    drivers = S.driver_analysis(make_survey(300, seed=3), list(ATTRIBUTES)[:4])
    plain = drivers.copy()
    plain.attrs = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        v, h = _vlines_hlines(S.plot_importance_performance(plain))
    assert v == [pytest.approx(drivers["performance"].mean())] and h == [pytest.approx(drivers["importance"].mean())]
    plt.close("all")


# ---------------------------------------------------------------- 中文 terms (术语表, issue 14)

def test_zh_terms_follow_the_glossary_and_the_course():
    zh = {k: v[1] for k, v in S.TERMS.items()}
    # NPS groups: passives are 中立者 (not 被动者).
    assert (zh["promoters"], zh["passives"], zh["detractors"]) == ("推荐者", "中立者", "贬损者")
    assert "被动者" not in zh.values()
    # Jones & Sasser types and zones, as the chapter teaches them.
    s = pd.DataFrame({"satisfaction": [5, 4, 4, 2, 3, 1], "repurchase_intent": [5, 4, 2, 4, 3, 1]})
    out = S.customer_types(s, satisfaction_scale=(1, 5), loyalty_scale=(1, 5), lang="zh")
    assert out["type"].tolist() == ["传道者", "忠诚者", "图利者", "人质", "背叛者", "恐怖分子"]
    assert out["quadrant"].tolist() == ["忠诚者", "忠诚者", "图利者", "人质", "背叛者", "背叛者"]
    assert S.satisfaction_zones(s, scale=(1, 5), lang="zh").index.tolist() == ["背离区", "冷漠区", "情感区"]
    # The five industries by the course's names (text 001: 汽车、商用电脑、医院、航空、本地电话服务).
    assert [zh[k] for k in INDUSTRIES] == ["汽车", "商用电脑", "医院", "航空", "本地电话服务"]
    assert all(k in S.TERMS for k in ATTRIBUTES)
