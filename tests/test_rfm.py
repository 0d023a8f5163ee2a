"""Tests of crmlab.rfm against a hand-worked table, direct computations, invariants and real data."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmlab
from crmlab import _ids as ids_module
from crmlab import datasets
from crmlab import rfm as R
from crmlab.errors import CrmlabWarning, DataError

# ---------------------------------------------------------------------------------------------
# Hand-worked example: 10 customers, last transaction 2023-12-31, so the snapshot is 2024-01-01.
# Every expected number below was worked out by hand (numpy "linear" quantiles at .2/.4/.6/.8,
# positions 1.8, 3.6, 5.4, 7.2 of the sorted values).
# ---------------------------------------------------------------------------------------------
_LINES = [  # customer, order, date, amount
    ("A", "a1", "2023-12-31", 100), ("A", "a2", "2023-12-20", 50), ("A", "a3", "2023-11-01", 150),
    ("B", "b1", "2023-12-25", 40), ("B", "b2", "2023-12-01", 60),
    ("C", "c1", "2023-10-02", 500),
    ("D", "d1", "2023-12-29", 20),
    ("E", "e1", "2023-06-01", 30), ("E", "e2", "2023-07-01", 30), ("E", "e3", "2023-08-03", 30),
    ("E", "e4", "2023-09-02", 30),
    ("F", "f1", "2023-01-01", 10),
    ("G", "g1", "2023-12-11", 80), ("G", "g2", "2023-12-11", 20),      # two orders on one day
    ("H", "h1", "2023-11-21", 250), ("H", "h2", "2023-12-21", 250),
    ("I", "i1", "2023-03-03", 5), ("I", "i2", "2023-04-02", 5),
    ("J", "j1", "2023-12-31", 600), ("J", "j1", "2023-12-31", 400),     # one order, two lines
]
HAND = pd.DataFrame({  # recency, frequency, monetary, quantile scores (bins=5), segments
    "recency":   [1, 7, 91, 3, 121, 365, 21, 11, 274, 1],
    "frequency": [3, 2, 1, 1, 4, 1, 2, 2, 2, 1],
    "monetary":  [300.0, 100, 500, 20, 120, 10, 100, 500, 10, 1000],
    "r_score":   [5, 4, 2, 4, 2, 1, 3, 3, 1, 5],
    "f_score":   [5, 3, 1, 1, 5, 1, 3, 3, 3, 1],
    "m_score":   [4, 2, 4, 2, 3, 1, 2, 4, 1, 5],
    "cell":      ["554", "432", "214", "412", "253", "111", "332", "334", "131", "515"],
    "named":     ["Champions", "Potential Loyalist", "Hibernating", "Promising", "At Risk", "Lost",
                  "Need Attention", "Need Attention", "At Risk", "New Customers"],
    # Means: R 89.5 days, F 1.9, M 266.
    "mean_split": ["Important value", "General value", "Important win-back", "General development",
                   "General retention", "General win-back", "General value", "Important value",
                   "General retention", "Important development"],
    # Rank method: equal groups of 2, ties broken by customer id.
    "r_rank":    [5, 4, 2, 4, 2, 1, 3, 3, 1, 5],
    "f_rank":    [5, 3, 1, 1, 5, 2, 3, 4, 4, 2],
    "m_rank":    [4, 2, 4, 2, 3, 1, 3, 5, 1, 5],
}, index=pd.Index(list("ABCDEFGHIJ"), name="customer_id"))


@pytest.fixture
def tx():
    frame = pd.DataFrame(_LINES, columns=["customer_id", "order_id", "order_date", "amount"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["amount"] = frame["amount"].astype(float)
    return frame


@pytest.fixture
def hand_scores(tx):
    return R.rfm_scores(R.rfm_table(tx))


def test_rfm_table_matches_hand_worked_values(tx):
    before = tx.copy()
    table = R.rfm_table(tx)
    pd.testing.assert_frame_equal(tx, before)  # input not mutated
    assert table.attrs["snapshot"] == "2024-01-01"
    assert list(table.index) == list("ABCDEFGHIJ")
    assert table["recency"].tolist() == HAND["recency"].tolist()
    assert table["frequency"].tolist() == HAND["frequency"].tolist()
    assert table["monetary"].tolist() == HAND["monetary"].tolist()
    assert table.loc["E", "first_purchase"] == pd.Timestamp("2023-06-01")
    assert table.loc["E", "last_purchase"] == pd.Timestamp("2023-09-02")


def test_frequency_counts_rows_without_order_id_and_mean_monetary(tx):
    table = R.rfm_table(tx.drop(columns="order_id"), monetary="mean")
    assert table.loc["J", "frequency"] == 2  # two lines, no order id → two purchases
    assert table.loc["G", "frequency"] == 2
    assert table.loc["J", "monetary"] == 500.0
    assert table.loc["J", "revenue"] == 1000.0


def test_explicit_snapshot_and_later_transactions(tx):
    table = R.rfm_table(tx, snapshot="2023-12-31")
    assert table.loc["A", "recency"] == 0 and table.loc["F", "recency"] == 364
    with pytest.warns(CrmlabWarning, match="after the snapshot"):
        early = R.rfm_table(tx, snapshot="2023-12-01")
    assert "D" not in early.index  # D's only purchase is later
    assert early.loc["A", "frequency"] == 1 and early.loc["A", "recency"] == 30
    with pytest.raises(DataError, match="snapshot"):
        R.rfm_table(tx, snapshot="2020-01-01")


def test_bad_input_raises_data_error(tx):
    with pytest.raises(DataError, match="customer"):
        R.rfm_table(tx, customer="client")
    # Date strings are parsed (one rule for every chapter, crmlab._validate.as_dates): same table.
    pd.testing.assert_frame_equal(R.rfm_table(tx.assign(order_date=tx["order_date"].astype(str))),
                                  R.rfm_table(tx))
    garbage = tx.assign(order_date=tx["order_date"].astype(str).where(tx.index != 3, "someday"))
    with pytest.raises(DataError, match=r"not dates: row 3: 'someday'"):
        R.rfm_table(garbage)
    with pytest.raises(DataError, match="empty"):
        R.rfm_scores(R.rfm_table(tx).iloc[:0])


def test_quantile_scores_match_hand_worked(hand_scores):
    assert hand_scores["r_score"].tolist() == HAND["r_score"].tolist()
    assert hand_scores["f_score"].tolist() == HAND["f_score"].tolist()
    assert hand_scores["m_score"].tolist() == HAND["m_score"].tolist()
    assert hand_scores["rfm_cell"].tolist() == HAND["cell"].tolist()
    assert hand_scores["rfm_score"].tolist() == (HAND["r_score"] + HAND["f_score"] + HAND["m_score"]).tolist()
    cuts = hand_scores.attrs["cuts"]
    np.testing.assert_allclose(cuts["recency"], [2.6, 9.4, 49.0, 151.6])
    np.testing.assert_allclose(cuts["frequency"], [1.0, 1.6, 2.0, 2.2])
    np.testing.assert_allclose(cuts["monetary"], [18.0, 100.0, 192.0, 500.0])
    # Level 2 of frequency is skipped: ties stay together.
    assert 2 not in set(hand_scores["f_score"])


def test_rank_scores_equal_groups_and_deterministic_ties(tx):
    table = R.rfm_table(tx)
    s = R.rfm_scores(table, method="rank")
    assert s["r_score"].tolist() == HAND["r_rank"].tolist()
    assert s["f_score"].tolist() == HAND["f_rank"].tolist()
    assert s["m_score"].tolist() == HAND["m_rank"].tolist()
    shuffled = R.rfm_scores(R.rfm_table(tx.sample(frac=1, random_state=3)), method="rank")
    pd.testing.assert_frame_equal(s, shuffled)


def test_rank_ties_follow_customer_id_not_row_order(tx):
    table = R.rfm_table(tx)
    reordered = table.iloc[::-1]
    s = R.rfm_scores(reordered, method="rank")
    assert s.loc[list("ABCDEFGHIJ"), "f_score"].tolist() == HAND["f_rank"].tolist()


def test_reader_edge_cases(tx):
    with pytest.raises(DataError, match="amount"):
        R.rfm_table(tx.assign(amount=tx["amount"].where(tx.index != 3)))
    aware = R.rfm_table(tx.assign(order_date=tx["order_date"].dt.tz_localize("Asia/Shanghai")))
    assert aware["recency"].tolist() == HAND["recency"].tolist()
    cat = R.rfm_table(tx.assign(customer_id=tx["customer_id"].astype("category")))
    assert cat["frequency"].tolist() == HAND["frequency"].tolist()
    # A missing order id counts as one more order of that customer.
    missing = tx.assign(order_id=tx["order_id"].where(tx.index != 0))
    assert R.rfm_table(missing).loc["A", "frequency"] == 3
    timed = tx.assign(order_date=tx["order_date"] + pd.Timedelta(hours=23, minutes=59))
    assert R.rfm_table(timed)["recency"].tolist() == HAND["recency"].tolist()  # whole calendar days


def test_threshold_scores_and_weights(tx):
    s = R.rfm_scores(R.rfm_table(tx), method={"recency": [30, 90, 180, 365], "frequency": [1, 2, 3, 4],
                                              "monetary": "quantile"},
                     weights={"recency": 1, "frequency": 2, "monetary": 3})
    # ≤30 → 5, 31–90 → 4, 91–180 → 3, 181–365 → 2, >365 → 1
    assert s["r_score"].tolist() == [5, 5, 3, 5, 3, 2, 5, 5, 2, 5]
    assert s["f_score"].tolist() == [3, 2, 1, 1, 4, 1, 2, 2, 2, 1]
    assert s.attrs["bins"] == {"recency": 5, "frequency": 5, "monetary": 5}
    assert s.attrs["method"]["recency"] == "thresholds"
    assert s.loc["A", "rfm_score"] == 5 * 1 + 3 * 2 + 4 * 3
    with pytest.raises(ValueError, match="increasing"):
        R.rfm_scores(R.rfm_table(tx), method={"recency": [90, 30]})


def test_named_segments_match_hand_worked(hand_scores):
    assert R.segment(hand_scores, scheme="named").tolist() == HAND["named"].tolist()
    zh = R.segment(hand_scores, scheme="named", lang="zh")
    assert zh["A"] == "冠军客户" and zh["F"] == "已流失客户"
    assert zh["B"] == "准常客"


def test_named_segments_use_the_glossary_terms():
    """常客 / 准常客, not 忠诚客户 (the loyalty ladder's top rung) or 潜在忠诚 (latent loyalty)."""
    assert R.TERMS["Loyal Customers"][1] == "常客"
    assert R.TERMS["Potential Loyalist"][1] == "准常客"
    zh_texts = [zh for _, zh in R.TERMS.values()] + [zh for _, zh in R.ACTIONS.values()]
    assert not [t for t in zh_texts if "忠诚" in t or "潜在" in t or "留存" in t]


def test_mean_split_matches_hand_worked_and_direct_computation(hand_scores):
    seg = R.segment(hand_scores, scheme="mean_split")
    assert seg.tolist() == HAND["mean_split"].tolist()
    assert R.segment(hand_scores, lang="zh")["A"] == "重要价值客户"
    # Direct computation through rfm_scores(method="mean"): cell "212" = R high, F low, M high.
    two = R.rfm_scores(hand_scores[["recency", "frequency", "monetary"]], method="mean")
    direct = [R.MEAN_SPLIT_TYPES[(r == 2, f == 2, m == 2)]
              for r, f, m in zip(two["r_score"], two["f_score"], two["m_score"])]
    assert seg.tolist() == direct


def test_mean_split_on_scores(hand_scores):
    seg = R.segment(hand_scores, split_on="scores")
    # Mean scores R 3.1, F 3.0, M 2.8: above the mean is high (recency scores are already reversed).
    r_high = HAND["r_score"] >= HAND["r_score"].mean()
    f_high = HAND["f_score"] > HAND["f_score"].mean()
    m_high = HAND["m_score"] > HAND["m_score"].mean()
    assert seg["A"] == "Important value"
    assert seg.tolist() == [R.MEAN_SPLIT_TYPES[k] for k in zip(r_high, f_high, m_high)]


def test_mean_split_against_direct_computation_on_cdnow():
    rfm = R.rfm_table(datasets.load_cdnow())
    seg = R.segment(rfm)
    r_high = rfm["recency"] <= rfm["recency"].mean()
    f_high = rfm["frequency"] > rfm["frequency"].mean()
    m_high = rfm["monetary"] > rfm["monetary"].mean()
    chinese = {(True, True, True): "重要价值客户", (True, False, True): "重要发展客户",
               (False, True, True): "重要保持客户", (False, False, True): "重要挽留客户",
               (True, True, False): "一般价值客户", (True, False, False): "一般发展客户",
               (False, True, False): "一般保持客户", (False, False, False): "一般挽留客户"}
    expected = [chinese[k] for k in zip(r_high, f_high, m_high)]
    assert R.segment(rfm, lang="zh").astype(str).tolist() == expected
    assert seg.notna().all() and len(seg.cat.categories) == 8


def test_named_scheme_is_complete_and_disjoint():
    assert R.check_scheme("named") == {"uncovered": [], "overlaps": []}
    # Brute force over all 125 cells: exactly one rule row matches each.
    rules = R.NAMED_SEGMENT_RULES
    for r in range(1, 6):
        for f in range(1, 6):
            for m in range(1, 6):
                n = ((rules.r_min <= r) & (r <= rules.r_max) & (rules.f_min <= f) & (f <= rules.f_max)
                     & (rules.m_min <= m) & (m <= rules.m_max)).sum()
                assert n == 1, (r, f, m)
    assert set(rules["segment"]) == {"Champions", "Loyal Customers", "Potential Loyalist", "New Customers",
                                     "Promising", "Need Attention", "About To Sleep", "At Risk",
                                     "Can't Lose Them", "Hibernating", "Lost"}


def test_custom_scheme_first_match_others_and_warnings(hand_scores):
    rules = pd.DataFrame([
        {"segment": "Best", "r_min": 4, "f_min": 3},
        {"segment": "Recent", "r_min": 4},           # overlaps Best: Best wins
        {"segment": "Old", "r_max": 2, "m_max": 2},
    ])
    with pytest.warns(CrmlabWarning) as record:
        seg = R.segment(hand_scores, scheme=rules)
    messages = " ".join(str(w.message) for w in record)
    assert "match no rule" in messages and "several segments" in messages
    assert seg["A"] == "Best" and seg["B"] == "Best"
    assert seg["D"] == "Recent" and seg["J"] == "Recent"
    assert seg["F"] == "Old" and seg["I"] == "Old"
    assert seg["C"] == "Others" and seg["G"] == "Others"
    assert list(seg.cat.categories) == ["Best", "Recent", "Old", "Others"]
    problems = R.check_scheme(rules)
    assert (3, 3, 3) in problems["uncovered"]
    assert ((5, 5, 5), ["Best", "Recent"]) in problems["overlaps"]
    with pytest.raises(DataError, match="segment"):
        R.segment(hand_scores, scheme=pd.DataFrame({"r_min": [1]}))


def test_named_scheme_rescales_other_bins(tx):
    s = R.rfm_scores(R.rfm_table(tx), bins=3)
    with pytest.warns(CrmlabWarning, match="rescaled"):
        seg = R.segment(s, scheme="named")
    assert seg.notna().all()


def test_segment_summary_against_groupby(hand_scores):
    seg = R.segment(hand_scores, scheme="named")
    summary = R.segment_summary(hand_scores, seg)
    assert summary["customers"].sum() == 10
    assert summary.loc["Need Attention", "customers"] == 2
    assert summary.loc["Need Attention", "revenue"] == 600.0
    assert summary.loc["Need Attention", "avg_order_value"] == pytest.approx(600 / 4)
    assert summary.loc["At Risk", "recency"] == pytest.approx((121 + 274) / 2)
    assert summary["share_revenue"].sum() == pytest.approx(1.0)
    assert summary.loc["Champions", "share_revenue"] == pytest.approx(300 / 2660)
    assert summary["action"].str.len().gt(0).all()
    zh = R.segment_summary(hand_scores, R.segments(hand_scores, scheme="named", lang="zh"), lang="zh")
    assert zh.loc["冠军客户", "action"] == R.ACTIONS["Champions"][1]
    assert zh.loc["冠军客户", "segment_key"] == "Champions"
    keyed = R.segment_summary(hand_scores, R.segments(hand_scores, scheme="named"))
    pd.testing.assert_frame_equal(keyed.drop(columns="segment_key"), summary)


def test_segments_give_a_key_that_does_not_change_with_lang(hand_scores):
    en, zh = (R.segments(hand_scores, scheme=s, lang=lang) for s in ("named",) for lang in ("en", "zh"))
    assert en["segment_key"].astype(str).tolist() == zh["segment_key"].astype(str).tolist()
    assert zh["segment"].astype(str).tolist() == [R.TERMS[k][1] for k in en["segment_key"].astype(str)]
    assert R.segment(hand_scores, scheme="named", lang="zh").tolist() == zh["segment"].tolist()


def test_translating_labels_back_is_deprecated(hand_scores):
    # The old way: Chinese labels into segment_summary, which looked them up in both languages.
    labels_zh = R.segment(hand_scores, scheme="named", lang="zh")
    with pytest.warns(DeprecationWarning, match="translating them back"):
        old = R.segment_summary(hand_scores, labels_zh, lang="zh")
    new = R.segment_summary(hand_scores, R.segments(hand_scores, scheme="named", lang="zh"), lang="zh")
    pd.testing.assert_frame_equal(old, new.drop(columns="segment_key"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # English names are keys: no translation, no warning
        R.segment_summary(hand_scores, R.segment(hand_scores, scheme="named"))


def test_score_levels_are_an_argument_not_an_attribute(hand_scores):
    # Scores on 1..7 where nobody reached 7: the levels used to come from .attrs["bins"] alone,
    # and a filter or merge that drops attrs silently changed the rescaling to 1..5.
    scores = hand_scores[["recency", "frequency", "monetary"]].copy()
    for dim in R.SCORE_COLUMNS.values():
        scores[dim] = np.minimum(hand_scores[dim], 5) + (hand_scores[dim] >= 4)  # 1..6 on 1..7 levels
    scores.attrs["bins"] = dict.fromkeys(R.DIMENSIONS, 7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CrmlabWarning)
        explicit = R.segment(scores, scheme="named", bins=7)
        with pytest.warns(DeprecationWarning, match="pass bins="):
            from_attrs = R.segment(scores, scheme="named")
        bare = scores.copy()
        bare.attrs = {}
        observed = R.segment(bare, scheme="named")
    assert from_attrs.tolist() == explicit.tolist()
    assert R.segment(bare, scheme="named", bins=7).tolist() == explicit.tolist()
    assert observed.tolist() != explicit.tolist()  # 1..6 rescaled as if 6 were the top: why bins= matters


def test_kmeans_recovers_separated_groups():
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(1)
    truth = np.repeat([0, 1, 2], 100)
    rfm = pd.DataFrame({
        "recency": np.exp(np.array([1.0, 4.0, 5.5])[truth] + rng.normal(0, 0.1, 300)),
        "frequency": np.exp(np.array([2.5, 1.0, 0.0])[truth] + rng.normal(0, 0.1, 300)),
        "monetary": np.exp(np.array([7.0, 4.5, 3.0])[truth] + rng.normal(0, 0.1, 300)),
    })
    km = R.RFMKMeans(k_range=range(2, 6)).fit(rfm)
    assert km.n_clusters_ == 3
    assert km.selection_["inertia"].is_monotonic_decreasing
    assert adjusted_rand_score(truth, km.labels_) == 1.0
    assert km.labels_[truth == 0].eq(1).all()  # cluster 1 = highest mean monetary
    assert km.centers_["customers"].sum() == 300


def test_plots_return_axes(hand_scores):
    import matplotlib.axes

    seg = R.segment(hand_scores, scheme="named")
    axes = [
        R.plot_score_distribution(hand_scores),
        R.plot_rf_heatmap(hand_scores),
        R.plot_segments(R.segment_summary(hand_scores, seg)),
        R.plot_rfm_scatter(hand_scores, x="recency", y="monetary", hue=seg),
    ]
    assert all(isinstance(ax, matplotlib.axes.Axes) for ax in axes)
    heat = axes[1]
    # Annotations hold the mean monetary of the R×F cells, e.g. R5,F1 (J) = 1000.
    assert "1000" in [t.get_text() for t in heat.texts]


def test_plots_label_in_chinese(hand_scores, monkeypatch):
    import matplotlib as mpl

    from crmlab import labels

    # The labels do not depend on the font: pretend a CJK font is installed (rendering with real
    # glyphs is tested in test_labels.py where one is).
    monkeypatch.setattr(labels, "cjk_font", lambda: "DejaVu Sans")
    term = labels.term
    with mpl.rc_context(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        heat = R.plot_rf_heatmap(hand_scores, lang="zh")
        assert (heat.get_xlabel(), heat.get_ylabel()) == ("F 得分", "R 得分")
        assert heat.get_title() == "各 R、F 得分的平均消费金额"
        dist = R.plot_score_distribution(hand_scores, lang="zh")
        assert dist.get_title() == "RFM 得分分布"
        assert [t.get_text() for t in dist.get_legend().get_texts()] == ["R 得分", "F 得分", "M 得分"]
        seg = R.segment(hand_scores, scheme="named", lang="zh")
        bars = R.plot_segments(R.segment_summary(hand_scores, R.segments(hand_scores, scheme="named", lang="zh"),
                                                 lang="zh"), lang="zh")
        assert bars.get_title() == "客户群规模与收入占比"
        assert "冠军客户" in [t.get_text() for t in bars.get_yticklabels()]
        scatter = R.plot_rfm_scatter(hand_scores, x="frequency", y="monetary", hue=seg, lang="zh")
        assert scatter.get_xlabel() == term("frequency", "zh") != "frequency"


# ---------------------------------------------------------------------------------------------
# Invariants (hypothesis): heavy ties, any bins.
# ---------------------------------------------------------------------------------------------
_tied = st.lists(st.tuples(st.integers(0, 400), st.sampled_from([1, 1, 1, 1, 2, 2, 3, 7]),
                           st.sampled_from([0.0, 5.0, 5.0, 10.0, 12.5, 99.0, 1000.0])),
                 min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(rows=_tied, bins=st.integers(2, 7), method=st.sampled_from(["quantile", "rank"]))
def test_scores_invariants(rows, bins, method):
    rfm = pd.DataFrame(rows, columns=["recency", "frequency", "monetary"],
                       index=pd.Index([f"c{i:03d}" for i in range(len(rows))], name="customer_id"))
    if len(rows) == 1:  # nobody to rank against
        with pytest.raises(DataError, match="at least 2 customers; this data has 1"):
            R.rfm_scores(rfm, bins=bins, method=method)
        return
    s = R.rfm_scores(rfm, bins=bins, method=method)
    for dim, col in R.SCORE_COLUMNS.items():
        assert s[col].between(1, bins).all()
        # Monotone in the raw value: a larger F or M never scores lower, a larger recency never
        # scores higher (compared across distinct values; ties may be split by rank).
        by_value = s[col].groupby(rfm[dim]).agg(["min", "max"]).sort_index()
        if dim == "recency":
            assert (by_value["min"].to_numpy()[:-1] >= by_value["max"].to_numpy()[1:]).all()
        else:
            assert (by_value["max"].to_numpy()[:-1] <= by_value["min"].to_numpy()[1:]).all()
        if method == "quantile":  # ties stay together
            assert (s.groupby(rfm[dim])[col].nunique() == 1).all()
        else:  # equal-sized groups
            sizes = s[col].value_counts()
            assert sizes.max() - sizes.min() <= 1 or len(rfm) < bins
    for scheme in ("mean_split", "named"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CrmlabWarning)
            seg = R.segment(s, scheme=scheme, bins=bins)
        assert seg.notna().all() and len(seg) == len(rfm)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 40), seed=st.integers(0, 10_000))
def test_rfm_table_invariants(n, seed):
    rng = np.random.default_rng(seed)
    tx = pd.DataFrame({
        "customer_id": rng.choice(["a", "b", "c", "d", "e"], n),
        "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 100, n), unit="D"),
        "amount": rng.gamma(2.0, 10.0, n),
    })
    table = R.rfm_table(tx)
    assert table["frequency"].sum() == n
    assert table["monetary"].sum() == pytest.approx(tx["amount"].sum())
    assert (table["recency"] >= 1).all() and table["recency"].min() == 1
    assert (table["first_purchase"] <= table["last_purchase"]).all()
    # Brute force per customer.
    for cid, rows in tx.groupby("customer_id"):
        assert table.loc[cid, "recency"] == (pd.Timestamp(table.attrs["snapshot"]) - rows["order_date"].max()).days


_ids = st.lists(st.one_of(st.text(alphabet="ab1Z é中😀", max_size=9), st.text(max_size=4)),
                min_size=1, max_size=40)


@settings(max_examples=80, deadline=None)
@given(ids=_ids, dtype=st.sampled_from(["string", "str", "arrow", "object"]), start=st.integers(0, 2))
def test_id_factorization_matches_sorted_python_strings(ids, dtype, start):
    # rfm_table hashes short Arrow-backed string ids as integers (crmlab._ids.factorize_ids);
    # truth: Python's own sort of the distinct strings (code point order) and a dict lookup.
    pa = pytest.importorskip("pyarrow")
    series = pd.Series(ids, dtype=pd.ArrowDtype(pa.string()) if dtype == "arrow" else dtype).iloc[start:]
    if len(series) == 0:
        return
    codes, uniques, perm = ids_module.factorize_ids(series)
    expected = sorted(set(series.tolist()))
    assert list(uniques) == expected and uniques.dtype == series.dtype
    # perm[p] is the code of the p-th smallest id: row values come back through it.
    sorted_position = np.arange(len(uniques)) if perm is None else np.argsort(perm)
    assert uniques.take(sorted_position[codes]).tolist() == series.tolist()
    fast = ids_module._short_string_keys(series) is not None
    short = all(len(v.encode()) <= 8 and "\x00" not in v for v in series.tolist())
    arrow_backed = isinstance(series.dtype, pd.ArrowDtype) or \
        str(getattr(series.dtype, "storage", "")).startswith("pyarrow")  # "str" is object in pandas 2
    assert fast == (short and arrow_backed)


def test_rfm_table_same_for_object_and_arrow_string_ids(tx):
    as_object = R.rfm_table(tx.assign(customer_id=tx["customer_id"].astype(object)))
    for dtype in ("string", "str"):
        as_arrow = R.rfm_table(tx.assign(customer_id=tx["customer_id"].astype(dtype)))
        assert as_arrow.index.dtype == pd.Series([], dtype=dtype).dtype
        pd.testing.assert_frame_equal(as_arrow, as_object, check_index_type=False)
    # Ids longer than 8 bytes take pd.factorize: same table.
    long_ids = tx.assign(customer_id=("customer-" + tx["customer_id"]).astype("string"))
    assert R.rfm_table(long_ids)["recency"].tolist() == HAND["recency"].tolist()


# ---------------------------------------------------------------------------------------------
# Real data: UCI Online Retail, France (cancellations, missing ids, US dates).
# ---------------------------------------------------------------------------------------------

def test_online_retail_france_through_rfm(shared_data):
    path = shared_data / "online_retail" / "online_retail_france.csv"
    if not path.exists():
        pytest.skip(f"{path.name} not in shared data")
    tx = crmlab.read_transactions(path, customer="CustomerID", date="InvoiceDate", amount=None,
                                  quantity="Quantity", unit_price="UnitPrice", order="InvoiceNo",
                                  product="Description")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CrmlabWarning)
        table = R.rfm_table(tx)
        scores = R.rfm_scores(table)
        seg = R.segment(scores, scheme="named")
    # Independent computation from the raw file with plain pandas.
    raw = pd.read_csv(path, dtype={"CustomerID": str, "InvoiceNo": str})
    raw = raw[raw["CustomerID"].notna() & ~raw["InvoiceNo"].str.startswith("C") & (raw["Quantity"] > 0)]
    raw["CustomerID"] = raw["CustomerID"].str.replace(r"\.0$", "", regex=True)
    raw["when"] = pd.to_datetime(raw["InvoiceDate"], format="%m/%d/%Y %H:%M").dt.normalize()
    by = raw.groupby("CustomerID")
    assert len(table) == raw["CustomerID"].nunique()
    assert table["frequency"].sort_index().tolist() == by["InvoiceNo"].nunique().sort_index().tolist()
    expected_m = (raw["Quantity"] * raw["UnitPrice"]).groupby(raw["CustomerID"]).sum().sort_index()
    np.testing.assert_allclose(table["monetary"].sort_index().to_numpy(), expected_m.to_numpy(), rtol=1e-9)
    snapshot = raw["when"].max() + pd.Timedelta(days=1)
    assert pd.Timestamp(table.attrs["snapshot"]) == snapshot
    assert (table["recency"].sort_index().to_numpy()
            == (snapshot - by["when"].max().sort_index()).dt.days.to_numpy()).all()
    assert not tx["order_id"].str.startswith("C").any()
    assert seg.notna().all() and scores["r_score"].between(1, 5).all()


def test_snapshot_day_is_the_day_rfm_table_counts_to(tx):
    day = R.snapshot_day(tx)
    assert day == tx["order_date"].max().normalize() + pd.Timedelta(days=1)  # the day after the last purchase
    pd.testing.assert_frame_equal(R.rfm_table(tx, snapshot=day), R.rfm_table(tx))
    assert R.rfm_table(tx).attrs["snapshot"] == day.date().isoformat()
    assert R.snapshot_day(tx, snapshot=pd.Period("2024-06")) == pd.Timestamp("2024-06-30")
