"""Edge data × the chapter functions each notebook calls (issue 12).

Each chapter's steps below are the crmlab calls of ``notebooks/src/<chapter>.py`` on the user's data,
in notebook order, with the notebook's default parameters. On each edge data set (a single customer,
all purchases on one day, all amounts equal, zero amounts, and combinations) a chapter either runs to
the end, every step's output meeting its invariants, or stops at one step with a ``crmlab.DataError``
whose one-line message names what the data lack. Nothing else: no IndexError, ZeroDivisionError,
"zero-size array", optimiser message or silent NaN/inf.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from crmlab import basket, clv, lifecycle, loyalty, overview, rfm, satisfaction, value
from crmlab.datasets import load_survey
from crmlab.errors import DataError

# ------------------------------------------------------------------------------------------ data

DAYS = pd.date_range("2024-01-01", periods=12, freq="17D")
CUSTOMERS = [f"c{i % 4}" for i in range(12)]
AMOUNTS = [5, 12, 30, 7, 80, 3, 14, 22, 9, 41, 6, 18]


def _tx(customers, dates, amounts):
    n = len(customers)
    return pd.DataFrame({
        "customer_id": pd.Series(customers, dtype="string"),
        "order_date": pd.to_datetime(list(dates)),
        "amount": np.asarray(amounts, dtype=float),
        "order_id": pd.Series([f"o{i:02d}" for i in range(n)], dtype="string"),
        "product": pd.Series([f"p{i % 3}" for i in range(n)], dtype="string"),
    })


EDGE = {
    "single customer": _tx(["c0"] * 6, DAYS[:6], AMOUNTS[:6]),
    "single order": _tx(["c0"], DAYS[:1], [10]),
    "one day": _tx(CUSTOMERS, [DAYS[0]] * 12, AMOUNTS),
    "equal amounts": _tx(CUSTOMERS, DAYS, [10] * 12),
    "zero amounts": _tx(CUSTOMERS, DAYS, [0] * 12),
    "single customer, one day": _tx(["c0"] * 4, [DAYS[0]] * 4, AMOUNTS[:4]),
    "one day, equal amounts": _tx(CUSTOMERS, [DAYS[0]] * 12, [10] * 12),
    "single customer, zero amounts": _tx(["c0"] * 6, DAYS[:6], [0] * 6),
    "one day, zero amounts": _tx(CUSTOMERS, [DAYS[0]] * 12, [0] * 12),
}


def _finite(frame, allow_nan=()):
    """Numbers are finite, except NaN in the columns documented to hold it."""
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    for col in frame.select_dtypes("number").columns:
        values = frame[col].to_numpy(dtype=float)
        if col in allow_nan:
            values = values[~np.isnan(values)]
        assert np.isfinite(values).all(), f"non-finite values in {col!r}: {frame[col].tolist()}"


def _axes(ax):
    import matplotlib.axes

    axes = ax if isinstance(ax, (tuple, list)) else [ax]
    assert all(isinstance(a, matplotlib.axes.Axes) for a in axes)


# ------------------------------------------------------------------------------------------ steps
# Each step: (name, function(tx, ctx) -> value, invariant(value, tx, ctx)). ctx carries results forward.

def _summary_ok(s, tx, ctx):
    assert set(s.index) == set(tx["customer_id"])
    _finite(s)
    assert (s["frequency"] >= 0).all() and (s["recency"] <= s["T"]).all()


def _ch00(tx, ctx):
    yield "overview.summarize", lambda: overview.summarize(tx), \
        lambda s: s.shape[0] > 0
    yield "overview.plot_revenue_over_time", lambda: overview.plot_revenue_over_time(tx), _axes


def _ch01(tx, ctx):
    first, last = tx["order_date"].min().normalize(), tx["order_date"].max().normalize()
    cal = first + (last - first) / 2
    yield "value.gini", lambda: value.gini(tx), lambda g: 0 <= g <= 1
    yield "value.top_share", lambda: value.top_share(tx, 0.2), lambda s: 0 < s <= 1
    yield "value.plot_lorenz", lambda: value.plot_lorenz(tx), _axes
    yield "value.abc_tiers", lambda: value.tier_summary(value.abc_tiers(tx, cuts=(0.8, 0.95))), _finite
    yield "value.customer_pyramid", lambda: ctx.setdefault("pyramid", value.customer_pyramid(
        tx, thresholds=(0.05, 0.20, 0.60))), lambda p: _axes(value.plot_pyramid(p))
    yield "value.annual_margin", lambda: value.clv_sensitivity(value.annual_margin(tx, margin=0.3),
                                                               retention=[0.5, 0.9], discount=[0.05, 0.10]), _finite
    yield "value.historical_clv", lambda: value.historical_clv(tx, margin=0.3, discount_rate=0.1), _finite
    yield "clv.customer_summary", lambda: ctx.setdefault("summary", clv.customer_summary(
        tx, calibration_end=cal, observation_end=last, unit="W")), _finite
    yield "clv.BetaGeo", lambda: ctx.setdefault("bg", clv.BetaGeo().fit(ctx["summary"])), \
        lambda bg: _finite(bg.params_)
    yield "clv.plots", lambda: (
        clv.plot_frequency_recency(ctx["bg"], t=52, T=float(ctx["summary"]["T"].max()), max_frequency=15),
        clv.plot_probability_alive(ctx["bg"], T=float(ctx["summary"]["T"].max()), max_frequency=15),
        clv.plot_calibration_holdout(ctx["bg"], ctx["summary"]), clv.plot_tracking(ctx["bg"], tx, calibration_end=cal)
    ), _axes
    yield "BetaGeo.predict_purchases", lambda: ctx["bg"].predict_purchases(
        ctx["summary"], float(ctx["summary"]["duration_holdout"].iloc[0])), _finite
    yield "clv.GammaGamma", lambda: ctx.setdefault("gg", clv.GammaGamma().fit(
        ctx["summary"][ctx["summary"]["monetary_value"] > 0])), lambda gg: _finite(gg.params_)
    yield "clv.customer_lifetime_value", lambda: ctx.setdefault("clv", clv.customer_lifetime_value(
        ctx["bg"], ctx["gg"], ctx["summary"], horizon=52, step=4, discount_rate=0.1, margin=0.3)), _finite


def _ch02(tx, ctx):
    yield "rfm.rfm_table", lambda: ctx.setdefault("table", rfm.rfm_table(tx)), \
        lambda t: _finite(t) or len(t) == tx["customer_id"].nunique()
    yield "rfm.rfm_scores", lambda: ctx.setdefault("scores", rfm.rfm_scores(ctx["table"], bins=5)), \
        lambda s: s[["r_score", "f_score", "m_score"]].isin(range(1, 6)).all().all()
    yield "rfm plots", lambda: (rfm.plot_score_distribution(ctx["scores"]), rfm.plot_rf_heatmap(ctx["scores"])), _axes
    yield "rfm.segment mean_split", lambda: rfm.segment_summary(
        ctx["scores"], rfm.segment(ctx["scores"], scheme="mean_split")), \
        lambda s: s["customers"].sum() == len(ctx["table"]) and np.isclose(s["share_revenue"].sum(), 1)
    yield "rfm.segment named", lambda: rfm.segment_summary(ctx["scores"], rfm.segment(ctx["scores"], scheme="named")), \
        lambda s: _finite(s) or (s["customers"].sum() == len(ctx["table"]) and s["share_revenue"].idxmax() in s.index)
    yield "rfm.RFMKMeans", lambda: ctx.setdefault("km", rfm.RFMKMeans(k_range=range(2, 7)).fit(ctx["table"])), \
        lambda km: km.labels_.between(1, km.n_clusters_).all()
    yield "rfm.plot_rfm_scatter", lambda: rfm.plot_rfm_scatter(
        ctx["table"], hue=ctx["km"].labels_.astype(str)), _axes


def _ch03(tx, ctx):
    yield "basket.basket_matrix", lambda: ctx.setdefault("matrix", basket.basket_matrix(tx)), \
        lambda m: m.shape == (tx["order_id"].nunique(), tx["product"].nunique())
    yield "basket.basket_sizes", lambda: basket.basket_sizes(ctx["matrix"]), lambda s: (s >= 1).all()
    yield "basket.plot_item_frequency", lambda: basket.plot_item_frequency(ctx["matrix"]), _axes
    yield "basket.frequent_itemsets", lambda: ctx.setdefault("itemsets", basket.frequent_itemsets(
        ctx["matrix"], min_support=0.005)), lambda f: f["support"].between(0, 1).all()
    yield "basket.mine_rules", lambda: ctx.setdefault("rules", basket.mine_rules(
        ctx["itemsets"], min_support=0.005, min_confidence=0.3, single_consequent=True)), \
        lambda r: list(r.columns) == basket.RULE_COLUMNS
    yield "basket.suggest_min_support", lambda: basket.suggest_min_support(
        ctx["matrix"], min_confidence=0.3, single_consequent=True), \
        lambda s: s is None or 0 < s <= 1
    yield "basket.prune_redundant", lambda: ctx.setdefault("pruned", basket.prune_redundant(ctx["rules"])), \
        lambda p: len(p) <= len(ctx["rules"])
    yield "basket plots", lambda: (basket.plot_rules_scatter(ctx["rules"]), basket.plot_rule_matrix(ctx["pruned"]),
                                   basket.plot_rule_graph(ctx["pruned"])), _axes
    yield "basket.recommend", lambda: basket.recommend(ctx["pruned"], ["p0"]), \
        lambda r: list(r.columns) == ["confidence", "lift", "n_rules", "because"]


def _ch05(tx, ctx):
    yield "loyalty.repeat_purchase", lambda: loyalty.repeat_purchase(tx), \
        lambda r: 0 <= r["repeat_rate"] <= 1 and (r["repeat_customers"] == 0 or math.isfinite(
            r["median_interpurchase_days"]))
    yield "loyalty.purchase_frequency", lambda: ctx.setdefault("freq", loyalty.purchase_frequency(tx)), \
        lambda f: _finite(f, allow_nan=["mean_interpurchase_days"]) or \
        f["mean_interpurchase_days"].isna().eq(f["n_purchases"] == 1).all()
    yield "loyalty.interpurchase_times", lambda: loyalty.interpurchase_times(tx), lambda g: (g >= 0).all()
    yield "loyalty.retention_by_period", lambda: loyalty.retention_by_period(tx, freq="Q"), \
        lambda r: _finite(r.iloc[1:]) or r.iloc[1:][["retention_rate", "churn_rate"]].stack().between(0, 1).all()
    yield "loyalty.loyalty_ladder", lambda: loyalty.loyalty_ladder(ctx["freq"]), \
        lambda lad: lad["stage"].notna().all()


def _ch06(tx, ctx):
    yield "lifecycle.lifecycle_stages", lambda: ctx.setdefault("stages", lifecycle.lifecycle_stages(tx)), \
        lambda s: _finite(s, allow_nan=["earlier_rate"]) or s["stage_key"].notna().all()
    yield "lifecycle.stage_summary", lambda: lifecycle.stage_summary(ctx["stages"]), \
        lambda s: s.select_dtypes("number").notna().any().any()
    yield "lifecycle.plot_lifecycle_stages", lambda: lifecycle.plot_lifecycle_stages(ctx["stages"]), _axes
    yield "lifecycle.cohort_table", lambda: lifecycle.cohort_table(tx, freq="M"), \
        lambda c: c.shape[1] >= 2 and (c[0] == 1).all()  # the notebook's exercise reads column 1


CHAPTERS = {"00": _ch00, "01": _ch01, "02": _ch02, "03": _ch03, "05": _ch05, "06": _ch06}

# Where each chapter stops on each data set, and what the message must say; absent: it runs through.
NO_REPEAT = r"BetaGeo needs at least 4 customers, 2 of them with repeat purchases.*this data has"
ONE_DAY = r"every purchase is on one day"
NO_VALUE = r"needs at least one customer with positive value"
ONE_CUSTOMER_RFM = r"RFM scores .* need at least 2 customers; this data has 1"
ONE_MONTH = r"a cohort table .* every purchase is in 2024-01 .* at least 2 periods"
NO_REVENUE = r"segment shares of revenue need a positive total revenue; the 4 customers' revenue adds up to 0"
KMEANS = r"k-means segments need at least 3 customers.*this data has 4 customers, 1 distinct"
STOPS = {
    ("01", "single customer"): ("clv.BetaGeo", NO_REPEAT + " 1 customers, 1 with"),
    ("01", "single order"): ("value.annual_margin", ONE_DAY),
    ("01", "one day"): ("value.annual_margin", ONE_DAY),
    ("01", "equal amounts"): ("clv.BetaGeo", r"BetaGeo has no usable estimate .*not finite.*4 here"),
    ("01", "zero amounts"): ("value.gini", NO_VALUE),
    ("01", "single customer, one day"): ("value.annual_margin", ONE_DAY),
    ("01", "one day, equal amounts"): ("value.annual_margin", ONE_DAY),
    ("01", "single customer, zero amounts"): ("value.gini", NO_VALUE),
    ("01", "one day, zero amounts"): ("value.gini", NO_VALUE),
    ("02", "single customer"): ("rfm.rfm_scores", ONE_CUSTOMER_RFM),
    ("02", "single order"): ("rfm.rfm_scores", ONE_CUSTOMER_RFM),
    ("02", "single customer, one day"): ("rfm.rfm_scores", ONE_CUSTOMER_RFM),
    ("02", "single customer, zero amounts"): ("rfm.rfm_scores", ONE_CUSTOMER_RFM),
    ("02", "one day, equal amounts"): ("rfm.RFMKMeans", KMEANS),
    ("02", "zero amounts"): ("rfm.segment mean_split", NO_REVENUE),
    ("02", "one day, zero amounts"): ("rfm.segment mean_split", NO_REVENUE),
    ("06", "single order"): ("lifecycle.cohort_table", ONE_MONTH),
    ("06", "one day"): ("lifecycle.cohort_table", ONE_MONTH),
    ("06", "single customer, one day"): ("lifecycle.cohort_table", ONE_MONTH),
    ("06", "one day, equal amounts"): ("lifecycle.cohort_table", ONE_MONTH),
    ("06", "one day, zero amounts"): ("lifecycle.cohort_table", ONE_MONTH),
}


def _run(steps):
    """Run the steps in order: (names of the steps that ran, the DataError that stopped them or None)."""
    done = []
    for name, call, check in steps:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", RuntimeWarning)  # numpy's divide-by-zero / invalid value
                warnings.filterwarnings("ignore", category=RuntimeWarning, module="matplotlib")
                warnings.filterwarnings("ignore", category=RuntimeWarning, module="seaborn")
                result = call()
        except DataError as error:
            return done, name, error
        outcome = check(result)
        assert outcome is None or outcome is True or bool(outcome), f"{name}: invariant failed"
        done.append(name)
    return done, None, None


CASES = [pytest.param(ch, data, id=f"{ch}-{data}") for ch in CHAPTERS for data in EDGE]


@pytest.mark.filterwarnings("ignore::crmlab.CrmlabWarning")
@pytest.mark.parametrize("chapter, data", CASES)
def test_chapter_runs_or_stops_with_one_line(chapter, data):
    tx = EDGE[data].copy()
    done, stopped_at, error = _run(list(CHAPTERS[chapter](tx, {})))
    expected = STOPS.get((chapter, data))
    if expected is None:
        assert stopped_at is None, f"stopped at {stopped_at}: {error}"
        return
    step, pattern = expected
    assert stopped_at == step, f"expected a DataError at {step}, got {stopped_at!r} after {done}: {error}"
    message = str(error)
    assert "\n" not in message and re.search(pattern, message), message
    pd.testing.assert_frame_equal(tx, EDGE[data])  # the input is untouched


# ------------------------------------------------------------------------------------------ chapter 04 (surveys)

@pytest.fixture(scope="module")
def ecsi():
    return load_survey("ecsi")


def _constant(survey, level):
    out = survey.copy()
    out[out.select_dtypes("number").columns] = float(level)
    return out


SURVEYS = {
    "single respondent": lambda s: s.iloc[:1],
    "two respondents": lambda s: s.iloc[:2],
    "all answers equal": lambda s: _constant(s, 7),
    "all answers zero": lambda s: _constant(s, 0),
}
ITEMS = ["satisfaction", "sat2", "sat3", "sat4"]
ATTRIBUTES = ["imag1", "expe1", "qual1", "val1", "val3"]


def _ch04(survey, ctx):
    yield "satisfaction.loyalty_curve", lambda: satisfaction.loyalty_curve(survey), \
        lambda c: _axes(satisfaction.plot_loyalty_curves(c))
    yield "satisfaction.customer_types", lambda: satisfaction.customer_types(survey), \
        lambda t: t["quadrant"].notna().all() and len(t) == len(survey)
    yield "satisfaction.satisfaction_zones", lambda: satisfaction.satisfaction_zones(survey), \
        lambda z: z["n"].sum() == len(survey) and z.loc[z["n"] > 0, ["from", "to", "loyalty_mean"]].notna().all().all()
    yield "satisfaction.nps", lambda: satisfaction.nps(survey), lambda n: n["nps"].between(-100, 100).all()
    yield "satisfaction.driver_analysis", lambda: satisfaction.driver_analysis(survey, ATTRIBUTES), \
        lambda d: _finite(d) or _axes(satisfaction.plot_importance_performance(d))
    yield "satisfaction.cronbach_alpha", lambda: satisfaction.cronbach_alpha(survey, ITEMS), \
        lambda a: math.isfinite(a) and a <= 1


TOO_FEW = r"only \d respondents answered every attribute and 'satisfaction'"
SURVEY_STOPS = {
    "single respondent": ("satisfaction.driver_analysis", TOO_FEW),
    "two respondents": ("satisfaction.driver_analysis", TOO_FEW),
    "all answers equal": ("satisfaction.driver_analysis", r"all 250 respondents answered 7; it needs answers that vary"),
    "all answers zero": ("satisfaction.driver_analysis", r"all 250 respondents answered 0; it needs answers that vary"),
}


@pytest.mark.filterwarnings("ignore::crmlab.CrmlabWarning")
@pytest.mark.parametrize("data", SURVEYS)
def test_survey_chapter_runs_or_stops_with_one_line(ecsi, data):
    survey = SURVEYS[data](ecsi)
    done, stopped_at, error = _run(list(_ch04(survey, {})))
    step, pattern = SURVEY_STOPS[data]
    assert stopped_at == step, f"expected a DataError at {step}, got {stopped_at!r} after {done}: {error}"
    assert "\n" not in str(error) and re.search(pattern, str(error)), str(error)
    # the steps after the stop are independent of it in the notebook: they still run or stop cleanly
    rest = [s for s in _ch04(survey, {}) if s[0] not in done and s[0] != step]
    for _name, call, check in rest:
        try:
            check(call())
        except DataError as later:
            assert "\n" not in str(later)


# ------------------------------------------------------------------------------------------ two notebook runs

def _notebook_from_source(chapter: str, folder):
    """The chapter notebook built from notebooks/src (the stored .ipynb is rebuilt separately)."""
    import importlib.util
    from pathlib import Path

    import nbformat

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_notebooks", root / "tools" / "build_notebooks.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    source = next((root / "notebooks" / "src").glob(f"{chapter}_*.py"))
    path = Path(folder) / f"{source.stem}.ipynb"
    nbformat.write(build.to_notebook(build.parse_source(source.read_text(encoding="utf-8"))), str(path))
    return path


def _outputs(path):
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    # Printed text and displayed text (say() shows its sentences as display data)
    return "\n".join(o.get("text", "") or o.get("data", {}).get("text/plain", "")
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_notebook_03_without_rules_says_so_and_suggests_a_support(tmp_path):
    from crmlab.report import run_notebook

    # {a, b} in 3 of 10 baskets (confidence 1): rules exist at min_support ≤ 0.3, none at 0.5
    lines = [(f"o{i}", p) for i in range(3) for p in ("a", "b")] + [(f"o{i}", "c") for i in range(3, 10)]
    data = tmp_path / "few_pairs.csv"
    pd.DataFrame({"customer_id": [f"c{o[1:]}" for o, _ in lines], "order_date": "2024-03-01",
                  "amount": 1.0, "order_id": [o for o, _ in lines], "product": [p for _, p in lines]}
                 ).to_csv(data, index=False)
    notebook = _notebook_from_source("03", tmp_path)
    params = {"data": str(data), "columns": {"order": "order_id", "product": "product"}, "min_support": 0.5}
    run = run_notebook(notebook, tmp_path / "out", params, html_page=False,
                       cwd=tmp_path)
    assert run.ok, f"cell {run.failed_cell}: {run.error}"
    text = _outputs(tmp_path / "out" / notebook.name)
    assert "0 rules" in text
    assert "0 rules reach min_support = 0.5 and min_confidence = 0.3" in text
    assert "The best-supported rule at this confidence is in 3 of 10 baskets; run with min_support=0.3" in text


def test_notebook_02_on_a_single_customer_stops_with_one_line(tmp_path):
    from crmlab.report import run_notebook

    data = tmp_path / "one_customer.csv"
    EDGE["single customer"].to_csv(data, index=False)
    notebook = _notebook_from_source("02", tmp_path)
    run = run_notebook(notebook, tmp_path / "out", {"data": str(data)}, html_page=False, cwd=tmp_path)
    assert not run.ok
    assert run.error == ("DataError: RFM scores rank customers against each other: they need at least 2 customers; "
                         "this data has 1.")
