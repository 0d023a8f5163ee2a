"""Tests of crmlab.basket against hand-worked examples, brute force and the published Groceries count."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import basket
from crmlab.errors import DataError

# The five-basket example of Tan, Steinbach & Kumar (Introduction to Data Mining, ch. 6).
FIVE = [
    ["bread", "milk"],
    ["bread", "diapers", "beer", "eggs"],
    ["milk", "diapers", "beer", "cola"],
    ["bread", "milk", "diapers", "beer"],
    ["bread", "milk", "diapers", "cola"],
]


def rule(rules, ante, cons):
    hit = rules[(rules["antecedents"] == tuple(sorted(ante))) & (rules["consequents"] == tuple(sorted(cons)))]
    assert len(hit) == 1, (ante, cons)
    return hit.iloc[0]


# ---------------------------------------------------------------- basket matrix

def test_basket_matrix_long_frame_sorted_boolean_sparse():
    long = pd.DataFrame({"order_id": ["o2", "o1", "o2", "o1", "o1"],
                         "product": ["milk", "bread", "bread", "milk", "milk"]})
    m = basket.basket_matrix(long)
    assert list(m.index) == ["o1", "o2"] and list(m.columns) == ["bread", "milk"]
    assert all(isinstance(t, pd.SparseDtype) and pd.api.types.is_bool_dtype(t.subtype) for t in m.dtypes)
    assert m.sparse.to_dense().to_numpy().tolist() == [[True, True], [True, True]]
    dense = basket.basket_matrix(long, sparse=False)
    assert all(pd.api.types.is_bool_dtype(t) for t in dense.dtypes)
    assert long["order_id"].tolist() == ["o2", "o1", "o2", "o1", "o1"]  # input untouched


def test_basket_matrix_custom_columns_and_missing_values():
    long = pd.DataFrame({"bon": [1, 1, 2], "artikel": ["x", "y", None]})
    with pytest.raises(DataError, match="artikel"):
        basket.basket_matrix(long, order="bon", product="artikel")
    with pytest.raises(DataError):
        basket.basket_matrix(pd.DataFrame({"order_id": [1], "sku": ["a"]}))


def test_basket_matrix_from_file_strips_labels(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("citrus fruit,semi-finished bread ,margarine\nmilk,,\n\nlong life bakery product ,milk\n")
    m = basket.basket_matrix(path)
    assert m.shape == (3, 5)
    assert "semi-finished bread" in m.columns and "long life bakery product" in m.columns
    assert m.sparse.to_dense()["milk"].tolist() == [False, True, True]
    assert basket.basket_matrix(str(path)).equals(m)


def test_basket_matrix_order_independent_of_input_order():
    a = basket.basket_matrix([["b", "a"], ["c"]]).sparse.to_dense()
    b = basket.basket_matrix([["a", "b"], ["c"]]).sparse.to_dense()
    assert a.equals(b) and list(a.columns) == ["a", "b", "c"]


# ---------------------------------------------------------------- worked example

def test_five_basket_worked_example():
    f = basket.frequent_itemsets(FIVE, min_support=0.4)
    support = dict(zip(f["itemset"], f["support"]))
    assert support[("bread",)] == pytest.approx(4 / 5)
    assert support[("beer", "diapers")] == pytest.approx(3 / 5)
    assert support[("beer", "diapers", "milk")] == pytest.approx(2 / 5)
    assert ("cola",) in support and ("eggs",) not in support
    r = basket.mine_rules(FIVE, min_support=0.4, min_confidence=0.6)
    md_b = rule(r, ["milk", "diapers"], ["beer"])
    assert md_b["confidence"] == pytest.approx(2 / 3)
    assert md_b["lift"] == pytest.approx((2 / 3) / (3 / 5))
    assert md_b["count"] == 2
    d_b = rule(r, ["diapers"], ["beer"])
    assert d_b["confidence"] == pytest.approx(3 / 4)
    assert d_b["lift"] == pytest.approx(1.25)
    assert d_b["leverage"] == pytest.approx(3 / 5 - 4 / 5 * 3 / 5)
    assert d_b["conviction"] == pytest.approx((1 - 3 / 5) / (1 - 3 / 4))
    b_d = rule(r, ["beer"], ["diapers"])
    assert b_d["confidence"] == 1 and np.isinf(b_d["conviction"])
    assert list(r.columns) == basket.RULE_COLUMNS and r.index.name == "rule"
    assert all(isinstance(a, tuple) for a in r["antecedents"])


def test_threshold_exactly_met_is_kept():
    # conf(a -> b) = 8/10 and support(a, b) = 3/10 * ... chosen so that float products round badly
    baskets = [["a", "b"]] * 8 + [["a"]] * 2
    r = basket.mine_rules(baskets, min_support=0.8, min_confidence=0.8)
    assert rule(r, ["a"], ["b"])["confidence"] == pytest.approx(0.8)
    # 0.3 * 10 == 3.0000000000000004 in floating point: an itemset in exactly 3 of 10 baskets
    b3 = [["x", "y"]] * 3 + [["z"]] * 7
    f = basket.frequent_itemsets(b3, min_support=0.3)
    assert ("x", "y") in set(f["itemset"])
    for alg in ("apriori", "eclat"):
        assert ("x", "y") in set(basket.frequent_itemsets(b3, min_support=0.3, algorithm=alg)["itemset"])
    r3 = basket.mine_rules([["p", "q"]] * 7 + [["p"]] * 3, min_support=0.1, min_confidence=0.7)
    assert len(basket.filter_rules(r3, consequent="q")) == 1
    # 8/10 where float supports do round badly: with N = 49 both s(a,b)/s(a) and mlxtend's
    # (s(a,b)·N)/(s(a)·N) come out just below 0.8, so an unguarded filter drops the rule.
    assert (8 / 49) / (10 / 49) < 0.8 and (8 / 49 * 49) / (10 / 49 * 49) < 0.8
    b49 = [["a", "b"]] * 8 + [["a"]] * 2 + [["c"]] * 39
    for alg in ("fpgrowth", "apriori", "eclat"):
        r49 = basket.mine_rules(b49, min_support=0.1, min_confidence=0.8, algorithm=alg)
        assert rule(r49, ["a"], ["b"])["confidence"] == 0.8
    # ... while 7/10 stays below it: the tolerance does not let real misses through.
    below = basket.mine_rules([["a", "b"]] * 7 + [["a"]] * 3 + [["c"]] * 39, min_support=0.1, min_confidence=0.8)
    assert basket.filter_rules(below, consequent="b").empty


# ---------------------------------------------------------------- brute force

def brute_itemsets(baskets, min_support, max_len=None):
    n = len(baskets)
    items = sorted({x for b in baskets for x in b})
    sets = [set(b) for b in baskets]
    out = {}
    for k in range(1, (max_len or len(items)) + 1):
        for combo in combinations(items, k):
            c = sum(set(combo) <= s for s in sets)
            if c >= min_support * n - 1e-9 and c > 0:
                out[combo] = c
    return out


def brute_rules(baskets, min_support, min_confidence, max_len=None):
    freq = brute_itemsets(baskets, min_support, max_len)
    out = {}
    for s, c in freq.items():
        for k in range(1, len(s)):
            for ante in combinations(s, k):
                cons = tuple(x for x in s if x not in ante)
                conf = c / freq[ante]
                if conf >= min_confidence - 1e-9:
                    out[(ante, cons)] = (c, conf)
    return out


baskets_strategy = st.lists(
    st.lists(st.sampled_from("abcdef"), min_size=1, max_size=5, unique=True), min_size=1, max_size=14)


@settings(max_examples=60, deadline=None)
@given(baskets=baskets_strategy, min_support=st.sampled_from([0.1, 0.2, 0.25, 0.3, 0.5]),
       algorithm=st.sampled_from(["fpgrowth", "apriori", "eclat"]), max_len=st.sampled_from([None, 2, 3]))
def test_itemsets_equal_brute_force(baskets, min_support, algorithm, max_len):
    f = basket.frequent_itemsets(baskets, min_support=min_support, algorithm=algorithm, max_len=max_len)
    got = dict(zip(f["itemset"], f["count"]))
    assert got == brute_itemsets(baskets, min_support, max_len)
    assert np.allclose(f["support"], f["count"] / len(baskets))


@settings(max_examples=60, deadline=None)
@given(baskets=baskets_strategy, min_support=st.sampled_from([0.1, 0.2, 0.3]),
       min_confidence=st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.75, 1.0]))
def test_rules_equal_brute_force(baskets, min_support, min_confidence):
    r = basket.mine_rules(baskets, min_support=min_support, min_confidence=min_confidence)
    got = {(a, c): (n, conf) for a, c, n, conf in zip(r["antecedents"], r["consequents"], r["count"],
                                                        r["confidence"])}
    want = brute_rules(baskets, min_support, min_confidence)
    assert got.keys() == want.keys()
    for key, (c, conf) in want.items():
        assert got[key][0] == c and got[key][1] == pytest.approx(conf)
    single = basket.mine_rules(baskets, min_support=min_support, min_confidence=min_confidence,
                               single_consequent=True)
    assert set(zip(single["antecedents"], single["consequents"])) == {k for k in want if len(k[1]) == 1}
    # lift from its definition
    n = len(baskets)
    for a, c, lift in zip(r["antecedents"], r["consequents"], r["lift"]):
        n_a = sum(set(a) <= set(b) for b in baskets)
        n_c = sum(set(c) <= set(b) for b in baskets)
        n_ac = sum(set(a + c) <= set(b) for b in baskets)
        assert lift == pytest.approx(n_ac * n / (n_a * n_c))


@settings(max_examples=50, deadline=None)
@given(baskets=baskets_strategy, min_support=st.sampled_from([0.1, 0.2, 0.3]))
def test_maximal_closed_and_redundant_equal_brute_force(baskets, min_support):
    f = basket.frequent_itemsets(baskets, min_support=min_support)
    freq = dict(zip(f["itemset"], f["count"]))
    maximal = {s for s in freq if not any(set(s) < set(t) for t in freq)}
    closed = {s for s in freq if not any(set(s) < set(t) and freq[t] == freq[s] for t in freq)}
    assert set(basket.maximal_itemsets(f)["itemset"]) == maximal
    assert set(basket.closed_itemsets(f)["itemset"]) == closed
    assert set(basket.frequent_itemsets(baskets, min_support=min_support, algorithm="fpmax")["itemset"]) == maximal
    r = basket.mine_rules(f, min_support=min_support, min_confidence=0.2)
    conf = {(a, c): x for a, c, x in zip(r["antecedents"], r["consequents"], r["confidence"])}
    keep = {(a, c) for (a, c), x in conf.items()
            if not any(c2 == c and set(a2) < set(a) and x2 >= x - 1e-12 for (a2, c2), x2 in conf.items())}
    pruned = basket.prune_redundant(r)
    assert set(zip(pruned["antecedents"], pruned["consequents"])) == keep


# ---------------------------------------------------------------- constraints and recommendations

def test_filter_rules_constraints():
    r = basket.mine_rules(FIVE, min_support=0.2, min_confidence=0.5)
    beer = basket.filter_rules(r, consequent="beer")
    assert len(beer) > 0 and all(c == ("beer",) for c in beer["consequents"])
    no_milk = basket.filter_rules(r, exclude=["milk"])
    assert all("milk" not in a + c for a, c in zip(no_milk["antecedents"], no_milk["consequents"]))
    req = basket.filter_rules(r, require=["bread", "cola"])
    assert len(req) > 0 and all({"bread", "cola"} <= set(a + c) for a, c in zip(req["antecedents"], req["consequents"]))
    ante = basket.filter_rules(r, antecedent="diapers")
    assert all("diapers" in a for a in ante["antecedents"])
    assert len(no_milk) + len(basket.filter_rules(r, require="milk")) == len(r)


def test_recommend_explained_by_fired_rules():
    r = basket.mine_rules(FIVE, min_support=0.4, min_confidence=0.6)
    rec = basket.recommend(r, ["milk", "diapers"], top=5)
    assert "milk" not in rec.index and "diapers" not in rec.index
    assert rec.index[0] == "beer"
    assert rec.loc["beer", "confidence"] == pytest.approx(max(2 / 3, 3 / 4))  # diapers -> beer fires
    assert rec.loc["beer", "because"] == "diapers → beer"
    assert list(rec["confidence"]) == sorted(rec["confidence"], reverse=True)
    assert basket.recommend(r, ["nothing"]).empty
    assert len(basket.recommend(r, ["bread"], top=1)) == 1


# ---------------------------------------------------------------- data sets

def test_planted_rules_found_in_retail():
    from crmlab import datasets

    tx = datasets.load_retail()
    r = basket.mine_rules(tx, min_support=0.005, min_confidence=0.3, single_consequent=True)
    for ante, cons, prob in datasets.PLANTED_RULES:
        hit = r[(r["antecedents"] == tuple(sorted(ante))) & (r["consequents"] == (cons,))]
        assert len(hit) == 1, (ante, cons)
        assert hit["confidence"].iloc[0] >= prob * 0.8
        assert hit["lift"].iloc[0] > 1.5


def test_groceries_reproduces_arules_463(shared_data):
    path = shared_data / "groceries" / "groceries.csv"
    m = basket.basket_matrix(path)
    assert m.shape == (9835, 169)
    assert not any(c != c.strip() for c in m.columns)
    r = basket.mine_rules(m, min_support=0.006, min_confidence=0.25, single_consequent=True)
    assert len(r) == 463  # Lantz, Machine Learning with R: arules apriori(support=0.006, confidence=0.25, minlen=2)
    fast = basket.mine_rules(path, min_support=0.006, min_confidence=0.25, single_consequent=True,
                             algorithm="eclat")
    pd.testing.assert_frame_equal(r, fast)
    top = rule(r, ["herbs"], ["root vegetables"])
    assert top["lift"] == pytest.approx(3.956, abs=1e-3)  # the top-lift rule in Lantz


# ---------------------------------------------------------------- plots

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plots_return_axes(lang):
    import warnings

    r = basket.mine_rules(FIVE, min_support=0.2, min_confidence=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        axes = [basket.plot_item_frequency(FIVE, lang=lang, top=3), basket.plot_rules_scatter(r, lang=lang),
                basket.plot_rule_matrix(r, lang=lang, top=5), basket.plot_rule_graph(r, lang=lang, top=5)]
    assert all(hasattr(ax, "get_title") for ax in axes)
    assert len(axes[0].patches) == 3
    assert len(axes[1].collections[0].get_offsets()) == len(r)


def test_rules_need_all_itemsets_and_empty_results_keep_columns():
    with pytest.raises(ValueError, match="fpmax"):
        basket.mine_rules(FIVE, min_support=0.4, min_confidence=0.5, algorithm="fpmax")
    maximal = basket.maximal_itemsets(basket.frequent_itemsets(FIVE, min_support=0.4))
    with pytest.raises(ValueError, match="subsets"):
        basket.mine_rules(maximal, min_support=0.4, min_confidence=0.5)
    empty = basket.mine_rules(FIVE, min_support=0.9, min_confidence=0.5)
    assert empty.empty and list(empty.columns) == basket.RULE_COLUMNS
    assert basket.recommend(empty, ["milk"]).empty


def test_groceries_reproduces_arules_5668(shared_data):
    # Hahsler & Chelluboina, arulesViz vignette: apriori(Groceries, parameter = list(support = 0.001,
    # confidence = 0.5)) gives "a set of 5668 rules"; the three highest-lift rules have lift
    # 18.995654, 16.697793 and 16.408075.
    r = basket.mine_rules(shared_data / "groceries" / "groceries.csv", min_support=0.001,
                          min_confidence=0.5, single_consequent=True, algorithm="eclat")
    assert len(r) == 5668
    assert r["count"].min() == 10  # ceil(0.001 × 9835)
    top = rule(r, ["Instant food products", "soda"], ["hamburger meat"])
    assert top.name == 0 and top["lift"] == pytest.approx(18.995654, abs=1e-6)
    assert top["support"] == pytest.approx(0.001220132, abs=1e-9) and top["confidence"] == pytest.approx(12 / 19)
    np.testing.assert_allclose(r["lift"].iloc[1:3], [16.697793, 16.408075], atol=1e-6)


def test_groceries_padded_and_long_formats_agree(shared_data):
    folder = shared_data / "groceries"
    one = basket.basket_matrix(folder / "groceries.csv").sparse.to_dense()
    padded = basket.basket_matrix(folder / "groceries_padded_wide.csv").sparse.to_dense()
    pd.testing.assert_frame_equal(one, padded)
    long = pd.read_csv(folder / "Groceries_dataset_member_date.csv")
    long["order_id"] = long["Member_number"].astype(str) + "_" + long["Date"]
    m = basket.basket_matrix(long, product="itemDescription")
    assert m.shape[0] == long["order_id"].nunique()
    # 759 duplicate rows count once: matrix cells = distinct (order, item) pairs
    assert int(m.sparse.to_coo().nnz) == len(long.drop_duplicates(["order_id", "itemDescription"]))


def test_rules_from_an_itemsets_table_respect_this_calls_thresholds():
    low = basket.frequent_itemsets(FIVE, min_support=0.2)
    direct = basket.mine_rules(FIVE, min_support=0.4, min_confidence=0.6, max_len=2)
    via_table = basket.mine_rules(low, min_support=0.4, min_confidence=0.6, max_len=2)
    pd.testing.assert_frame_equal(direct, via_table)


# ---------------------------------------------------------------- scale and edge data (issue 12)

def _wide_sparse(n_rows, n_cols, popular, seed=0):
    """Sparse basket matrix with n_rows × n_cols > 2**31 but few purchases: each basket holds one
    random long-tail item and, sometimes, some of the first `popular` items."""
    rng = np.random.default_rng(seed)
    rows = [np.arange(n_rows)]
    cols = [rng.integers(popular, n_cols, n_rows)]
    for j in range(popular):
        hit = np.flatnonzero(rng.random(n_rows) < 0.05 + 0.05 * j)
        rows.append(hit)
        cols.append(np.full(len(hit), j))
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    import scipy.sparse as sp

    mat = sp.csc_matrix((np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n_rows, n_cols))
    frame = pd.DataFrame.sparse.from_spmatrix(mat, columns=[f"i{j:05d}" for j in range(n_cols)])
    return frame, mat


@pytest.fixture(scope="module")
def beyond_int32():
    # 70,000 baskets × 31,000 items = 2.17e9 cells > 2**31 (the limit hit at 667k × 5k and at 1M products),
    # with only ~0.2M purchases: reaches pandas' 32-bit sparse index limit without materialising anything.
    frame, mat = _wide_sparse(70_000, 31_000, popular=4)
    assert frame.shape[0] * frame.shape[1] > 2 ** 31
    return frame, mat


def test_basket_sizes_beyond_the_int32_sparse_index(beyond_int32):
    frame, mat = beyond_int32
    with pytest.raises(OverflowError):  # the notebook's former `matrix.sum(axis=1)`: the limit is reached
        frame.sum(axis=1)
    sizes = basket.basket_sizes(frame)
    assert sizes.tolist() == np.asarray(mat.sum(axis=1)).ravel().tolist()  # independent: scipy's row sums
    assert sizes.index.equals(frame.index) and sizes.dtype == np.int64
    assert basket.basket_sizes([["a", "b", "a"], ["b"]]).tolist() == [2, 1]


def test_itemsets_beyond_int32_stay_sparse(beyond_int32, monkeypatch):
    from mlxtend import frequent_patterns as fp

    frame, mat = beyond_int32
    real = fp.fpgrowth
    seen = []

    def guarded(df, **kwargs):  # mlxtend densifies its input: it must only get the frequent part
        seen.append(df.shape)
        assert df.shape[0] * df.shape[1] <= 2 ** 26, df.shape
        return real(df, **kwargs)

    monkeypatch.setattr(fp, "fpgrowth", guarded)
    f = basket.frequent_itemsets(frame, min_support=0.01)
    assert seen and seen[0][1] == 4
    dense = mat[:, :4].toarray()  # brute force on the four popular items (all long-tail items are rare)
    assert np.diff(mat.indptr)[4:].max() < 0.01 * mat.shape[0]
    want = {}
    for k in range(1, 5):
        for combo in combinations(range(4), k):
            want[tuple(f"i{j:05d}" for j in combo)] = int(dense[:, list(combo)].all(axis=1).sum())
    want = {s: c for s, c in want.items() if c >= 0.01 * mat.shape[0]}
    assert dict(zip(f["itemset"], f["count"])) == want
    assert f.attrs["n_baskets"] == 70_000
    r = basket.mine_rules(f, min_support=0.01, min_confidence=0.1)
    assert len(r) and (r["support"] * 70_000).round().astype(int).tolist() == r["count"].tolist()


@settings(max_examples=30, deadline=None)
@given(baskets=baskets_strategy, min_support=st.sampled_from([0.1, 0.2, 0.3]))
def test_auto_engine_switches_to_eclat_past_the_dense_limit(baskets, min_support):
    from unittest import mock

    from mlxtend import frequent_patterns as fp

    small = basket.frequent_itemsets(baskets, min_support=min_support)  # fpgrowth: under the limit
    with mock.patch.object(basket, "_DENSE_CELLS", 0), \
            mock.patch.object(fp, "fpgrowth", side_effect=AssertionError("densified")):
        big = basket.frequent_itemsets(baskets, min_support=min_support)
    assert big.equals(small)
    assert dict(zip(big["itemset"], big["count"])) == brute_itemsets(baskets, min_support)


@pytest.mark.parametrize("matrix, n", [(pd.DataFrame([[]]), 1), (pd.DataFrame(), 0),
                                       (pd.DataFrame(index=range(3)), 3), ([], 0), ([[], []], 2)])
def test_empty_basket_matrix_gives_empty_tables(matrix, n):
    f = basket.frequent_itemsets(matrix, min_support=0.5)
    assert f.empty and list(f.columns) == ["itemset", "support", "count", "length"]
    assert f.attrs["n_baskets"] == n
    r = basket.mine_rules(matrix, min_support=0.5, min_confidence=0.5)
    assert r.empty and list(r.columns) == basket.RULE_COLUMNS
    assert basket.suggest_min_support(matrix, min_confidence=0.5) is None
    assert basket.basket_sizes(matrix).tolist() == [0] * n
    ax = basket.plot_item_frequency(matrix)
    assert len(ax.patches) == 0


# Small data sets where nothing passes the notebook's thresholds (0.005 support, 0.3 confidence) or
# where no rule exists at all; each must give an empty rules table with the documented columns.
NO_RULES = {
    "one basket per item": [["a"], ["b"], ["c"]],
    "one basket of one item": [["a"]],
    "pairs seen once": [["a", "b"], ["c", "d"], ["e"], ["f"], ["g"]],
    "confidence too low": [["a", "b"]] + [["a"]] * 9 + [["b"]] * 9,
    "one item everywhere": [["a"]] * 5,
}


@pytest.mark.parametrize("name", NO_RULES)
def test_no_rules_gives_documented_empty_table_and_plots(name):
    import matplotlib.pyplot as plt

    baskets = NO_RULES[name]
    r = basket.mine_rules(baskets, min_support=0.3, min_confidence=0.3, single_consequent=True)
    assert r.empty and list(r.columns) == basket.RULE_COLUMNS and r.index.name == "rule"
    assert r["count"].dtype == np.int64 and r["lift"].dtype == float
    assert basket.prune_redundant(r).empty and basket.recommend(r, ["a"]).empty
    for plot in (basket.plot_rules_scatter, basket.plot_rule_matrix, basket.plot_rule_graph):
        ax = plot(r)
        assert "No rule" in " ".join(t.get_text() for t in ax.texts)
        plt.close(ax.figure)


def brute_best_support(baskets, min_confidence, *, max_len=None, single_consequent=False, min_lift=None,
                       min_count=2):
    """Largest support over all rules (from all itemsets, no support threshold) passing the other thresholds."""
    n = len(baskets)
    every = brute_itemsets(baskets, 0.0, max_len)
    best = 0
    for s, c in every.items():
        for k in range(1, len(s)):
            for ante in combinations(s, k):
                cons = tuple(x for x in s if x not in ante)
                conf = c / every[ante]
                lift = conf / (every[cons] / n)
                if (conf >= min_confidence - 1e-9 and c >= min_count and (not single_consequent or len(cons) == 1)
                        and (min_lift is None or lift >= min_lift - 1e-9)):
                    best = max(best, c)
    return best / n if best else None


@settings(max_examples=80, deadline=None)
@given(baskets=baskets_strategy, min_confidence=st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.0]),
       max_len=st.sampled_from([None, 2, 3]), single=st.booleans(), min_lift=st.sampled_from([None, 1.2]),
       min_count=st.sampled_from([1, 2]))
def test_suggest_min_support_equals_brute_force(baskets, min_confidence, max_len, single, min_lift, min_count):
    got = basket.suggest_min_support(baskets, min_confidence=min_confidence, max_len=max_len,
                                     single_consequent=single, min_lift=min_lift, min_count=min_count)
    want = brute_best_support(baskets, min_confidence, max_len=max_len, single_consequent=single,
                              min_lift=min_lift, min_count=min_count)
    assert got == want
    if got is not None:  # the suggestion works, and nothing above it does
        kw = dict(min_confidence=min_confidence, max_len=max_len, single_consequent=single, min_lift=min_lift)
        assert len(basket.mine_rules(baskets, min_support=got, **kw))
        above = (round(got * len(baskets)) + 1) / len(baskets)
        assert above > 1 or basket.mine_rules(baskets, min_support=above, **kw).empty


def test_rules_from_an_itemset_table_do_not_depend_on_its_attrs():
    # mine_rules used to take N from itemsets.attrs["n_baskets"]; N is count / support of any row.
    baskets = [["milk", "bread"], ["bread", "butter"], ["milk", "bread", "butter"], ["milk"], ["tea"]] * 3
    table = basket.frequent_itemsets(baskets, min_support=0.2)
    bare = pd.concat([table.iloc[:0], table])  # concat drops attrs on pandas 3
    bare.attrs = {}
    direct = basket.mine_rules(baskets, min_support=0.2, min_confidence=0.5)
    pd.testing.assert_frame_equal(basket.mine_rules(bare, min_support=0.2, min_confidence=0.5), direct)
    assert (direct["support"] == direct["count"] / 15).all()


# ---------------------------------------------------------------- course text and terms

def test_course_counts_over_customers_the_literature_over_baskets():
    """Course text 004: support = customers who bought a and b / all customers, confidence over customers
    who bought a. ``order="customer_id"`` gives that counting; the default counts baskets (orders)."""
    tx = pd.DataFrame({"customer_id": ["c1", "c1", "c2", "c2", "c3"],
                       "order_id": ["o1", "o2", "o3", "o3", "o4"],
                       "product": ["a", "b", "a", "b", "c"]})
    by_basket = rule(basket.mine_rules(tx, min_support=0.1, min_confidence=0.1), ["a"], ["b"])
    assert by_basket["support"] == pytest.approx(1 / 4) and by_basket["confidence"] == pytest.approx(1 / 2)
    by_customer = rule(basket.mine_rules(tx, min_support=0.1, min_confidence=0.1, order="customer_id"), ["a"], ["b"])
    assert by_customer["support"] == pytest.approx(2 / 3) and by_customer["confidence"] == pytest.approx(1.0)


def test_terms_are_english_and_chinese():
    import re

    cjk = re.compile(r"[\u4e00-\u9fff]")
    for key, (en, zh) in basket.TERMS.items():
        assert en and not cjk.search(en), key
        assert cjk.search(zh), key
    zh = [pair[1] for pair in basket.TERMS.values()]
    assert len(zh) == len(set(zh)) + zh.count("后项（那么）") - 1, "one 中文 term per concept"
    assert (basket.TERMS["support"][1], basket.TERMS["confidence"][1], basket.TERMS["lift"][1]) == \
        ("支持度", "置信度", "提升度")
