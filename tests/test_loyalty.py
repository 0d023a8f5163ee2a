"""Tests of crmlab.loyalty against hand-worked examples, brute force, invariants and generator truth."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import CrmlabWarning, DataError, datasets
from crmlab import loyalty as L


@pytest.fixture
def tiny():
    """a: Jan 1 (two lines), Feb 1, Mar 1; b: Jan 5; c: Jan 10, Mar 10."""
    rows = [("a", "2024-01-01", 5.0), ("a", "2024-01-01", 7.0), ("a", "2024-02-01", 10.0), ("a", "2024-03-01", 8.0),
            ("b", "2024-01-05", 20.0), ("c", "2024-01-10", 3.0), ("c", "2024-03-10", 4.0)]
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"]).astype({"order_date": "datetime64[ns]"})


# ---------------------------------------------------------------- repeat purchase, frequency

def test_repeat_purchase_hand_worked(tiny):
    r = L.repeat_purchase(tiny)
    # 3 customers; a (3 occasions) and c (2) bought again; repeat purchases 2 + 0 + 1 = 3.
    assert r["customers"] == 3 and r["repeat_customers"] == 2
    assert r["repeat_rate"] == pytest.approx(2 / 3)
    assert r["repeat_purchases"] == 3 and r["repeat_purchases_per_customer"] == pytest.approx(1.0)
    # gaps a: 31, 29; c: 60 → median 31; period Jan 1 … Mar 10 = 70 days.
    assert r["median_interpurchase_days"] == 31 and r["period_days"] == 70


def test_repeat_purchase_counts_rows_when_asked(tiny):
    r = L.repeat_purchase(tiny, by="row")
    assert r["repeat_purchases"] == 4  # a: 4 rows → 3 repeats, c: 1


def test_repeat_purchase_window(tiny):
    r = L.repeat_purchase(tiny, start="2024-02-01", end="2024-03-31")
    # a: Feb 1, Mar 1; c: Mar 10 → 2 customers, 1 repeater.
    assert (r["customers"], r["repeat_customers"], r["repeat_rate"]) == (2, 1, 0.5)


def test_repeat_purchase_warns_when_period_shorter_than_cycle(tiny):
    with pytest.warns(CrmlabWarning, match="purchase cycle"):
        L.repeat_purchase(tiny, start="2024-01-01", end="2024-01-20")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L.repeat_purchase(tiny)


def test_repeat_purchase_empty_window_is_an_error(tiny):
    with pytest.raises(DataError, match="no purchases"):
        L.repeat_purchase(tiny, start="2030-01-01")


def test_interpurchase_and_frequency(tiny):
    gaps = L.interpurchase_times(tiny)
    assert sorted(gaps.tolist()) == [29.0, 31.0, 60.0]
    f = L.purchase_frequency(tiny, per_days=30)
    assert f.loc["a", "n_purchases"] == 3 and f.loc["a", "mean_interpurchase_days"] == 30
    assert np.isnan(f.loc["b", "mean_interpurchase_days"])
    # b: first purchase Jan 5, data end Mar 10 → 66 days observed, 1 purchase.
    assert f.loc["b", "observed_days"] == 66 and f.loc["b", "frequency"] == pytest.approx(30 / 66)
    assert f.loc["a", "spend"] == 30.0
    assert tiny.shape == (7, 3)  # input untouched


def test_frequency_leaves_out_purchases_after_the_snapshot(tiny):
    f = L.purchase_frequency(tiny, snapshot="2024-02-15")
    # a: Jan 1, Feb 1 (Mar 1 is after the snapshot); c: Jan 10 only; b: Jan 5.
    assert f["n_purchases"].to_dict() == {"a": 2, "b": 1, "c": 1}
    assert f.loc["a", "observed_days"] == 46 and f.loc["a", "spend"] == 22.0
    assert f.loc["c", "last_purchase"] == pd.Timestamp("2024-01-10")
    with pytest.raises(DataError, match="snapshot"):
        L.purchase_frequency(tiny, snapshot="2023-12-31")


def test_missing_column_names_the_keyword(tiny):
    with pytest.raises(DataError, match="customer"):
        L.repeat_purchase(tiny, customer="cust")


# ---------------------------------------------------------------- retention per period

def test_retention_by_period_hand_worked(tiny):
    extra = pd.DataFrame({"customer_id": ["d"], "order_date": pd.to_datetime(["2024-05-02"]), "amount": [1.0]})
    r = L.retention_by_period(pd.concat([tiny, extra]), freq="M")
    assert list(r.index.astype(str)) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert r["active"].tolist() == [3, 1, 2, 0, 1]
    assert r["new"].tolist() == [3, 0, 0, 0, 1]
    assert r["retained"].tolist() == [0, 1, 1, 0, 0]
    # Feb: 1 of Jan's 3; Mar: 1 of Feb's 1; Apr: 0 of Mar's 2; May: nobody active in Apr → undefined.
    np.testing.assert_allclose(r["retention_rate"], [np.nan, 1 / 3, 1.0, 0.0, np.nan])
    np.testing.assert_allclose(r["churn_rate"], [np.nan, 2 / 3, 0.0, 1.0, np.nan])


def _brute_retention(tx, freq):
    active: dict = {}
    for c, d in zip(tx["customer_id"], tx["order_date"]):
        active.setdefault(d.to_period(freq), set()).add(c)
    periods = sorted(active)
    return {p: len(active[p] & active[q]) / len(active[q]) for q, p in zip(periods, periods[1:])}


def test_retention_by_period_on_cdnow_equals_brute_force():
    tx = datasets.load_cdnow()
    r = L.retention_by_period(tx, freq="Q")
    expected = _brute_retention(tx, "Q")
    assert r["retention_rate"].dropna().to_dict() == pytest.approx(expected)
    # CDNOW is the cohort of first-time buyers of 1997-Q1 (Fader & Hardie): everybody is new then.
    assert r["new"].iloc[0] == 23570 and r["new"].iloc[1:].sum() == 0


def test_repeat_purchase_on_cdnow_equals_brute_force():
    tx = datasets.load_cdnow()
    days: dict = {}
    for c, d in zip(tx["customer_id"], tx["order_date"].dt.normalize()):
        days.setdefault(c, set()).add(d)
    r = L.repeat_purchase(tx)
    assert r["customers"] == len(days) == 23570
    assert r["repeat_customers"] == sum(len(v) >= 2 for v in days.values())
    assert r["repeat_purchases"] == sum(len(v) - 1 for v in days.values())


# ---------------------------------------------------------------- share of wallet, cross-buying

def test_share_of_wallet_panel_and_survey():
    p = pd.DataFrame({"customer_id": ["a", "a", "a", "b", "c"], "brand": ["A", "B", "A", "C", "A"],
                      "amount": [10.0, 20.0, 30.0, 5.0, 0.0]})
    s = L.share_of_wallet(p, focal="A")
    assert s.loc["a", "share_of_wallet"] == pytest.approx(40 / 60)
    assert s.loc["b", "share_of_wallet"] == 0.0
    assert np.isnan(s.loc["c", "share_of_wallet"])  # no category spend: undefined
    survey = pd.DataFrame({"firm_spend": [30, 0, 10], "category_spend": [120, 40, 10]})
    assert L.share_of_wallet_survey(survey).tolist() == [0.25, 0.0, 1.0]
    with pytest.raises(DataError, match="exceeds"):
        L.share_of_wallet_survey(pd.DataFrame({"firm_spend": [50], "category_spend": [10]}))


def test_share_of_wallet_of_generated_panel_matches_brute_force():
    panel = L.make_brand_panel(30, 6, seed=4)
    sow = L.share_of_wallet(panel, focal="A")["share_of_wallet"]
    for cid, part in panel.groupby("customer_id"):
        assert sow[cid] == pytest.approx(part.loc[part["brand"] == "A", "amount"].sum() / part["amount"].sum())


def test_cross_buying():
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "category": ["x", "y", "x", None]})
    assert L.cross_buying(tx).to_dict() == {"a": 2}


# ---------------------------------------------------------------- Dick & Basu

def test_attitude_behaviour_quadrants_and_inclusive_thresholds():
    d = pd.DataFrame({"att": [7, 4, 3.9, 1, 4], "beh": [0.9, 0.2, 0.5, 0.0, 0.5]})
    seg = L.attitude_behaviour(d, attitude="att", behaviour="beh", attitude_at=4, behaviour_at=0.5)
    assert seg["segment_key"].tolist() == ["true", "latent", "spurious", "none", "true"]
    assert seg["segment"].tolist()[:2] == ["True loyalty", "Latent loyalty"]  # the label, in lang
    zh = L.attitude_behaviour(d, attitude="att", behaviour="beh", lang="zh")["segment"]
    assert zh.tolist()[:4] == ["绝对忠诚", "潜在忠诚", "惯性忠诚", "非忠诚"]


def test_attitude_behaviour_rejects_text_scores():
    d = pd.DataFrame({"attachment": ["high", 3], "repeat": [0.5, 0.1]})
    with pytest.raises(DataError, match="numeric"):
        L.attitude_behaviour(d)


# ---------------------------------------------------------------- seven types

SEVEN = [
    ("monopoly", 2.0, 0.9, "no_alternative"),
    ("inertia", 2.5, 0.8, "inertia"),
    ("latent_type", 6.0, 0.2, "barriers"),
    ("habitual", 3.0, 0.7, "convenience"),
    ("price", 1.5, 0.1, "lowest_price"),
    ("incentive", 3.5, 0.95, "rewards"),
    ("super_value", 6.5, 0.9, "emotional_attachment"),
]


@pytest.mark.parametrize("expected, attachment, repeat, driver", SEVEN, ids=[s[0] for s in SEVEN])
def test_each_of_the_seven_types_is_reachable(expected, attachment, repeat, driver):
    d = pd.DataFrame({"attachment": [attachment], "repeat": [repeat], "driver": [driver]})
    assert L.classify_loyalty_types(d)["loyalty_type_key"].iloc[0] == expected


def test_seven_types_all_distinct_and_chinese_names():
    d = pd.DataFrame(SEVEN, columns=["t", "attachment", "repeat", "driver"])
    out = L.classify_loyalty_types(d, lang="zh")["loyalty_type"].tolist()
    assert out == ["垄断忠诚", "惰性忠诚", "潜在忠诚", "习惯性忠诚", "价格忠诚", "激励忠诚", "超值忠诚"]


def test_unmatched_respondent_is_unclassified_with_warning():
    d = pd.DataFrame({"attachment": [6.5], "repeat": [0.1], "driver": ["rewards"]})
    with pytest.warns(CrmlabWarning, match="match no loyalty-type rule"):
        assert L.classify_loyalty_types(d)["loyalty_type_key"].iloc[0] == "unclassified"


def test_missing_answers_get_no_type_rather_than_low():
    d = pd.DataFrame({"attachment": [np.nan, 6.5, 2.0, 6.5], "repeat": [0.9, np.nan, 0.9, 0.9],
                      "driver": ["inertia", "emotional_attachment", None, "emotional_attachment"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing answer is not "unclassified" either
        out = L.classify_loyalty_types(d)
    assert out["loyalty_type"].isna().tolist() == [True, True, True, False]
    assert out["loyalty_type_key"].isna().tolist() == [True, True, True, False]
    assert out["loyalty_type_key"].iloc[3] == "super_value"
    assert out["attachment_level"].isna().tolist() == [True, False, False, False]
    assert out["repeat_level"].isna().tolist() == [False, True, False, False]
    assert L.classify_loyalty_types(d, lang="zh")["loyalty_type"].iloc[3] == "超值忠诚"


def test_driver_text_is_normalised_and_unknown_driver_is_an_error():
    d = pd.DataFrame({"attachment": [6.5], "repeat": [0.9], "driver": [" Emotional attachment"]})
    assert L.classify_loyalty_types(d)["loyalty_type_key"].iloc[0] == "super_value"
    with pytest.raises(DataError, match="no rule knows"):
        L.classify_loyalty_types(d.assign(driver=["brand love"]))


def test_rules_are_data():
    rules = L.LOYALTY_TYPE_RULES.copy()
    rules.loc["price", "repeat"] = "high"  # a textbook that calls price-loyal customers frequent buyers
    d = pd.DataFrame({"attachment": [2.0], "repeat": [0.9], "driver": ["lowest_price"]})
    assert L.classify_loyalty_types(d, rules=rules)["loyalty_type_key"].iloc[0] == "price"
    dup = pd.concat([rules, rules.loc[["price"]].rename(index={"price": "other"})])
    with pytest.raises(ValueError, match="ambiguous"):
        L.classify_loyalty_types(d, rules=dup)
    assert L.LOYALTY_TYPE_RULES.loc["price", "repeat"] == "low"  # module table untouched


def test_loyalty_panel_truth_recovered():
    for seed in (0, 1, 2):
        panel, truth = L.make_loyalty_panel(400, seed=seed, return_truth=True)
        assert (L.classify_loyalty_types(panel)["loyalty_type_key"] == truth.types).all()
        assert (L.attitude_behaviour(panel)["segment_key"] == truth.segments).all()
        assert set(truth.types) == set(L.LOYALTY_TYPE_RULES.index)
        sow = L.share_of_wallet_survey(panel)
        np.testing.assert_allclose(sow, panel["repeat"], atol=0.01)


def test_loyalty_panel_is_deterministic():
    pd.testing.assert_frame_equal(L.make_loyalty_panel(50, seed=3), L.make_loyalty_panel(50, seed=3))


# ---------------------------------------------------------------- recommendation and price sensitivity

@pytest.fixture
def answers():
    """Seven respondents in two groups; one recommendation and one price answer are missing."""
    return pd.DataFrame({"group": ["x", "x", "x", "x", "y", "y", "y"],
                         "recommend": [10, 9, 6, None, 8, 0, 10],
                         "price_sensitivity": [5, 2, 4, 3, 1, None, 5]})


def test_attitudinal_measures_hand_worked(answers):
    r = L.attitudinal_measures(answers, by="group")
    # x: 4 respondents, recommend 10, 9, 6 (+1 missing) → mean 25/3; promoters 10, 9 → 2/3; detractor 6 → 1/3;
    #    NPS 100·(2/3 − 1/3) = 33.3; price 5, 2, 4, 3 → mean 3.5; ≥ 4 (top two boxes of 1–5): 5, 4 → 2/4.
    # y: 3 respondents, recommend 8, 0, 10 → mean 6; promoter 10 → 1/3, detractor 0 → 1/3, NPS 0;
    #    price 1, 5 (+1 missing) → mean 3; ≥ 4: 5 → 1/2.
    expected = pd.DataFrame({
        "respondents": [4, 3], "recommend_missing": [1, 0], "recommend_mean": [25 / 3, 6.0],
        "promoters": [2 / 3, 1 / 3], "detractors": [1 / 3, 1 / 3], "nps": [100 / 3, 0.0],
        "price_sensitivity_missing": [0, 1], "price_sensitivity_mean": [3.5, 3.0], "price_sensitive_share": [0.5, 0.5],
    }, index=pd.Index(["x", "y"], name="group"))
    pd.testing.assert_frame_equal(r, expected, check_dtype=False)
    # Everyone: recommend mean 43/6, promoters 3/6, detractors 2/6, NPS 100/6; price mean 20/6, share 3/6.
    a = L.attitudinal_measures(answers).loc["all"]
    assert (a["respondents"], a["recommend_missing"], a["price_sensitivity_missing"]) == (7, 1, 1)
    np.testing.assert_allclose(a[["recommend_mean", "promoters", "detractors", "nps", "price_sensitivity_mean",
                                  "price_sensitive_share"]].astype(float), [43 / 6, 0.5, 1 / 3, 100 / 6, 20 / 6, 0.5])


def test_attitudinal_measures_nps_is_the_satisfaction_chapters(answers):
    from crmlab.satisfaction import nps

    r = L.attitudinal_measures(answers, by="group")
    pd.testing.assert_frame_equal(r[["promoters", "detractors", "nps"]],
                                  nps(answers, by="group")[["promoters", "detractors", "nps"]])


def test_attitudinal_measures_leaves_out_absent_items(answers):
    only_price = L.attitudinal_measures(answers, recommend=None)
    assert list(only_price.columns) == ["respondents", "price_sensitivity_missing", "price_sensitivity_mean",
                                        "price_sensitive_share"]
    only_rec = L.attitudinal_measures(answers.drop(columns="price_sensitivity"))  # default name absent → left out
    assert list(only_rec.columns) == ["respondents", "recommend_missing", "recommend_mean", "promoters",
                                      "detractors", "nps"]
    with pytest.raises(DataError, match="'prices'.*Pass price_sensitivity="):  # a name the user gave must exist
        L.attitudinal_measures(answers, price_sensitivity="prices")
    with pytest.raises(DataError, match="neither"):
        L.attitudinal_measures(answers[["group"]])


def test_attitudinal_measures_threshold_and_scale(answers):
    # On 1–5 the default cut is 4; with 5 only the two 5s count: x 1/4, y 1/2.
    r = L.attitudinal_measures(answers, by="group", price_sensitive_at=5)
    assert r["price_sensitive_share"].tolist() == [0.25, 0.5]
    # Shifted to a 1–7 scale the default cut is 5: x 7, 4, 6, 5 → 3/4; y 3, 7 → 1/2.
    seven = answers.assign(price_sensitivity=answers["price_sensitivity"] + 2)
    r7 = L.attitudinal_measures(seven, by="group", price_scale=(1, 7))
    assert r7["price_sensitive_share"].tolist() == [0.75, 0.5]
    with pytest.raises(ValueError, match="price_sensitive_at"):
        L.attitudinal_measures(answers, price_sensitive_at=6)


@pytest.mark.parametrize("column, value, match", [
    ("price_sensitivity", 7, r"'price_sensitivity'.*1–5 scale.*row 2: 7\.0"),
    ("price_sensitivity", 0, r"1–5 scale.*row 2: 0\.0"),
    ("price_sensitivity", "high", r"'price_sensitivity'.*numeric.*'high'"),
    ("recommend", 11, r"'recommend'.*0–10"),
    ("recommend", 7.5, r"'recommend'.*0–10"),
])
def test_attitudinal_measures_rejects_out_of_scale_answers(answers, column, value, match):
    bad = answers.astype({column: object})
    bad.loc[2, column] = value
    with pytest.raises(DataError, match=match):
        L.attitudinal_measures(bad)


def test_attitudinal_measures_missing_group_is_left_out_with_warning(answers):
    answers.loc[0, "group"] = None
    with pytest.warns(CrmlabWarning, match="1 respondents"):
        r = L.attitudinal_measures(answers, by="group")
    assert r["respondents"].tolist() == [3, 3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("pqr"), st.one_of(st.none(), st.integers(0, 10)),
                          st.one_of(st.none(), st.integers(1, 5))), min_size=1, max_size=40))
def test_attitudinal_measures_grouped_equals_per_group_brute_force(rows):
    survey = pd.DataFrame(rows, columns=["g", "recommend", "price_sensitivity"]).astype(
        {"recommend": float, "price_sensitivity": float})
    grouped = L.attitudinal_measures(survey, by="g")
    assert list(grouped.index) == sorted(set(survey["g"]))
    for name, part in survey.groupby("g"):
        rec, price = part["recommend"].dropna(), part["price_sensitivity"].dropna()
        brute = {"respondents": len(part), "recommend_missing": len(part) - len(rec),
                 "recommend_mean": rec.mean(), "promoters": (rec >= 9).mean(), "detractors": (rec <= 6).mean(),
                 "nps": 100 * ((rec >= 9).mean() - (rec <= 6).mean()),
                 "price_sensitivity_missing": len(part) - len(price), "price_sensitivity_mean": price.mean(),
                 "price_sensitive_share": (price >= 4).mean()}
        row = grouped.loc[name]
        for column, value in brute.items():
            assert row[column] == pytest.approx(value, nan_ok=True), column
        # grouping does not change a group's numbers: same as the group alone
        alone = L.attitudinal_measures(part).loc["all"]
        pd.testing.assert_series_equal(alone, row, check_names=False, check_dtype=False)


def test_attitudinal_measures_show_the_planted_truth():
    panel, truth = L.make_loyalty_panel(1000, seed=4, return_truth=True)
    r = L.attitudinal_measures(panel.join(truth.types), by="loyalty_type")
    assert r["respondents"].sum() == 1000 and set(r.index) == set(L.LOYALTY_TYPE_RULES.index)
    # price loyalty (价格忠诚) is the most price-sensitive type, by mean and by share
    assert r["price_sensitivity_mean"].idxmax() == "price" and r["price_sensitive_share"].idxmax() == "price"
    # high-attachment types (潜在忠诚, 超值忠诚) recommend more than every low-attachment type
    high = L.LOYALTY_TYPE_RULES.index[L.LOYALTY_TYPE_RULES["attachment"] == "high"]
    low = r.index.difference(high)
    assert r.loc[high, "recommend_mean"].min() > r.loc[low, "recommend_mean"].max()
    assert r.loc[high, "nps"].min() > r.loc[low, "nps"].max()
    assert (r.loc[high, "detractors"] == 0).all()  # high attachment answers 7–10


# ---------------------------------------------------------------- Brown's patterns

BROWN = [
    ("AAAAAA", "undivided"), ("ABABAB", "divided"), ("AAABBB", "unstable"), ("ABCDEF", "no_loyalty"),
    ("AABBCC", "unstable"),      # two switches, never back: still shifting loyalty
    ("AABBAA", "divided"),       # goes back to A
    ("AAAABA", "undivided"),     # B bought once: a trial, ignored
    ("AAACBBB", "unstable"),     # the one-off C between the two phases is ignored
    ("ABCABC", "divided"),       # divided among three brands
    ("AAABCD", "undivided"),     # A has exactly core_share = 0.5 of purchases (inclusive)
    ("AABCDE", "no_loyalty"),    # A only 1/3 of purchases
    ("AAB", "undivided"),        # short but long enough (min_length = 3)
    ("ABC", "no_loyalty"),
    ("AB", "insufficient"), ("A", "insufficient"), ("", "insufficient"),
]


@pytest.mark.parametrize("sequence, expected", BROWN, ids=[s or "empty" for s, _ in BROWN])
def test_brown_patterns_hand_made(sequence, expected):
    assert L.brand_pattern(sequence)["pattern"] == expected


def test_brown_short_sequences_follow_min_length():
    assert L.brand_pattern("AA", min_length=2)["pattern"] == "undivided"
    assert L.brand_pattern("AB", min_length=2)["pattern"] == "no_loyalty"
    assert L.brand_pattern("AAAB", min_length=5)["pattern"] == "insufficient"


@pytest.mark.parametrize("sequence, main", [("AABB", "B"), ("BBAA", "A"), ("ABBA", "A"), ("ABAB", "B"),
                                            ("AAAB", "A"), ("ABCDEF", "F")])
def test_brown_ties_go_to_the_most_recent_brand(sequence, main):
    assert L.brand_pattern(sequence)["main_brand"] == main


def test_brown_fields():
    info = L.brand_pattern(["A", "A", "B", "B", "B"])
    assert info == {"pattern": "unstable", "n_purchases": 5, "n_brands": 2, "main_brand": "B", "main_share": 0.6,
                    "switches": 1, "from_brand": "A", "to_brand": "B"}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from("ABCD"), min_size=0, max_size=12), st.permutations("ABCD"))
def test_brown_pattern_ignores_brand_names_and_direction(seq, perm):
    rename = dict(zip("ABCD", perm))
    base = L.brand_pattern(seq)["pattern"]
    assert L.brand_pattern([rename[b] for b in seq])["pattern"] == base
    assert L.brand_pattern(seq[::-1])["pattern"] == base


def test_brand_patterns_sorts_by_sequence_number():
    p = pd.DataFrame({"customer_id": ["x"] * 6, "purchase_seq": [6, 5, 4, 3, 2, 1], "brand": list("BBBAAA")})
    out = L.brand_patterns(p)
    assert out.loc["x", "sequence"] == "A-A-A-B-B-B" and out.loc["x", "to_brand"] == "B"


@pytest.mark.parametrize("seed, length", [(0, 4), (1, 6), (2, 8), (3, 12)])
def test_brand_panel_truth_recovered(seed, length):
    panel, truth = L.make_brand_panel(200, length, seed=seed, return_truth=True)
    assert len(panel) == 200 * length
    found = L.brand_patterns(panel)["pattern_key"]
    assert (found == truth.patterns).all()
    assert set(truth.patterns) == {"undivided", "divided", "unstable", "no_loyalty"}


def test_brand_panel_rejects_bad_length():
    with pytest.raises(DataError, match="length"):
        L.make_brand_panel(10, 3)


# ---------------------------------------------------------------- ladder

def test_ladder_rungs_and_boundaries():
    c = pd.DataFrame({"n_purchases": [0, 1, 2, 3, 4, 4, 7, 8, 8],
                      "recommend": [10, 10, 10, 10, 8, 9, 10, 10, 8]})
    out = L.loyalty_ladder(c, recommend="recommend")
    assert out["stage_key"].tolist() == ["prospect", "first_time", "client", "client", "supporter", "advocate",
                                         "advocate", "loyal", "supporter"]
    assert out["stage"].cat.ordered and list(out["stage"].cat.categories)[0] == "Prospect"


def test_ladder_without_advocacy_stops_at_supporter():
    c = pd.DataFrame({"n_purchases": [20, 5, 1]})
    assert L.loyalty_ladder(c)["stage_key"].tolist() == ["supporter", "supporter", "first_time"]
    assert L.loyalty_ladder(c, lang="zh")["stage"].tolist() == ["跟随者", "跟随者", "普通购买者"]


def test_ladder_on_cdnow_purchase_counts():
    f = L.purchase_frequency(datasets.load_cdnow())
    ladder = L.loyalty_ladder(f)
    counts = ladder["stage_key"].value_counts()
    assert counts["first_time"] == (f["n_purchases"] == 1).sum()
    assert counts.sum() == 23570


# ---------------------------------------------------------------- plots

def test_plots_return_axes():
    panel = L.make_loyalty_panel(60, seed=0)
    ax = L.plot_attitude_behaviour(panel)
    assert ax.get_xlabel() == "Repeat patronage"
    assert len(ax.collections[0].get_offsets()) == 60  # every respondent drawn
    pats = L.brand_patterns(L.make_brand_panel(30, 6, seed=0))
    assert L.plot_brand_patterns(pats).get_ylabel() == "Pattern"
    ax = L.plot_brand_patterns(L.brand_patterns(L.make_brand_panel(30, 6, seed=0), lang="zh"))
    assert sum(p.get_width() for p in ax.patches) == 30  # Chinese labels are counted too
    assert L.plot_loyalty_ladder(L.loyalty_ladder(panel, recommend="recommend")).get_xlabel() == "Customers"


def test_chinese_labels_are_the_course_terms():
    """中文 labels follow the course texts: the pyramid's rungs, 潜在忠诚 (latent), 移情别恋 (unstable)."""
    panel = L.make_loyalty_panel(60, seed=4)
    ladder = L.loyalty_ladder(pd.DataFrame({"n_purchases": [0, 1, 2, 5, 5, 9], "recommend": [0, 0, 10, 3, 10, 10]}),
                              recommend="recommend", lang="zh")
    assert ladder["stage"].tolist() == ["潜在客户", "普通购买者", "客户", "跟随者", "拥护者", "忠诚客户"]
    assert list(ladder["stage"].cat.categories) == ["潜在客户", "普通购买者", "客户", "跟随者", "拥护者", "忠诚客户"]
    seg = L.attitude_behaviour(pd.DataFrame({"attachment": [6, 6, 2, 2], "repeat": [0.9, 0.1, 0.9, 0.1]}), lang="zh")
    assert seg["segment"].tolist() == ["绝对忠诚", "潜在忠诚", "惯性忠诚", "非忠诚"]
    types = L.classify_loyalty_types(panel, lang="zh")
    assert set(types["loyalty_type"]) <= {"垄断忠诚", "惰性忠诚", "潜在忠诚", "习惯性忠诚", "价格忠诚", "激励忠诚", "超值忠诚"}
    assert [L.TERMS[k][1] for k in ("undivided", "divided", "unstable", "no_loyalty")] == \
        ["专一忠诚", "左右逢源", "移情别恋", "无品牌忠诚"]
    assert L.TERMS["retention_rate"][1] == "顾客保持率" and L.TERMS["churn_rate"][1] == "顾客流失率"
    assert not any("潜在忠诚客户" in zh or "留存率" in zh for _, zh in L.TERMS.values())
