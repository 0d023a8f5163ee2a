"""Every plot_* function of every chapter: draws on the Axes it is given, returns it, labels in lang.

The functions are found by introspection of the chapter modules, so a new plot without a case
below fails :func:`test_every_plot_function_has_a_case`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import typing
import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes

from crmlab import labels

CHAPTERS = ("value", "clv", "rfm", "basket", "satisfaction", "loyalty", "lifecycle", "overview")


def _with_submodules(module):
    """A chapter module, or a chapter package with all its modules (crmlab.loyalty.plots …)."""
    mods = [module]
    if hasattr(module, "__path__"):
        mods += [importlib.import_module(info.name)
                 for info in pkgutil.walk_packages(module.__path__, prefix=module.__name__ + ".")]
    return mods
_CJK = re.compile(r"[\u3400-\u9fff]")


def _plot_functions() -> dict[str, typing.Callable]:
    found = {}
    for name in CHAPTERS:
        module = importlib.import_module(f"crmlab.{name}")
        for mod in _with_submodules(module):
            for attr, obj in vars(mod).items():
                if attr.startswith("plot_") and inspect.isfunction(obj) and obj.__module__.startswith(module.__name__):
                    found[f"{name}.{attr}"] = obj
    return found


PLOTS = _plot_functions()


# --------------------------------------------------------------------------- small inputs
class _Data:
    """Inputs built once, at a scale that takes a fraction of a second each."""

    def __init__(self):
        from crmlab import basket, clv, lifecycle, loyalty, rfm, satisfaction, value
        from crmlab.datasets import ATTRIBUTES, make_survey, make_transactions

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tx = make_transactions(150, seed=4)
            self.tx = tx[tx["customer_id"].notna() & (tx["amount"] > 0)].reset_index(drop=True)
            self.summary = clv.customer_summary(self.tx, calibration_end=self.tx["order_date"].quantile(0.6))
            self.bg = clv.BetaGeo().fit(self.summary)
            self.table = rfm.rfm_table(self.tx)
            self.scores = rfm.rfm_scores(self.table)
            self.seg_summary = rfm.segment_summary(self.scores, rfm.segments(self.scores, scheme="named"))
            baskets = [["milk", "bread"], ["bread", "butter"], ["milk", "bread", "butter"], ["milk", "tea"],
                       ["tea", "bread"], ["milk", "bread", "tea"]] * 3
            self.baskets = baskets
            self.rules = basket.mine_rules(baskets, min_support=0.1, min_confidence=0.3)
            self.survey = make_survey(300, seed=1)
            self.curve = satisfaction.loyalty_curve(self.survey, by="industry")
            self.types = satisfaction.customer_types(self.survey)
            self.drivers = satisfaction.driver_analysis(self.survey, list(ATTRIBUTES)[:4])
            self.panel = loyalty.make_loyalty_panel(120, seed=2)
            self.patterns = loyalty.brand_patterns(loyalty.make_brand_panel(40, 6, seed=2))
            self.ladder = loyalty.loyalty_ladder(self.panel, recommend="recommend")
            self.cohorts = lifecycle.cohort_table(self.tx)
            self.stages = lifecycle.lifecycle_stages(self.tx)
            self.retention = lifecycle.tenure_retention(lifecycle.make_subscriptions(200, seed=3), by="Contract")
            self.pyramid = value.customer_pyramid(self.tx)


@pytest.fixture(scope="module")
def data():
    return _Data()


CASES: dict[str, typing.Callable[[_Data], tuple[tuple, dict]]] = {
    "value.plot_lorenz": lambda d: ((d.tx,), {}),
    "value.plot_pyramid": lambda d: ((d.pyramid,), {}),
    "clv.plot_calibration_holdout": lambda d: ((d.bg, d.summary), {}),
    "clv.plot_frequency_recency": lambda d: ((d.bg,), {"T": 30.0}),
    "clv.plot_probability_alive": lambda d: ((d.bg,), {"T": 30.0}),
    "clv.plot_tracking": lambda d: ((d.bg, d.tx), {}),
    "rfm.plot_rf_heatmap": lambda d: ((d.scores,), {}),
    "rfm.plot_rfm_scatter": lambda d: ((d.table,), {}),
    "rfm.plot_score_distribution": lambda d: ((d.scores,), {}),
    "rfm.plot_segments": lambda d: ((d.seg_summary,), {}),
    "basket.plot_item_frequency": lambda d: ((d.baskets,), {}),
    "basket.plot_rule_graph": lambda d: ((d.rules,), {"top": 5}),
    "basket.plot_rule_matrix": lambda d: ((d.rules,), {"top": 5}),
    "basket.plot_rules_scatter": lambda d: ((d.rules,), {}),
    "satisfaction.plot_customer_types": lambda d: ((d.types,), {}),
    "satisfaction.plot_importance_performance": lambda d: ((d.drivers,), {}),
    "satisfaction.plot_loyalty_curves": lambda d: ((d.curve,), {}),
    "loyalty.plot_attitude_behaviour": lambda d: ((d.panel,), {}),
    "loyalty.plot_brand_patterns": lambda d: ((d.patterns,), {}),
    "loyalty.plot_loyalty_ladder": lambda d: ((d.ladder,), {}),
    "loyalty.plot_interpurchase_times": lambda d: ((d.tx,), {}),
    "lifecycle.plot_cohort_heatmap": lambda d: ((d.cohorts,), {}),
    "lifecycle.plot_lifecycle_stages": lambda d: ((d.stages,), {}),
    "lifecycle.plot_retention_curve": lambda d: ((d.retention,), {}),
    "overview.plot_revenue_over_time": lambda d: ((d.tx,), {}),
}


def test_every_plot_function_has_a_case():
    assert len(PLOTS) >= 24
    assert sorted(PLOTS) == sorted(CASES), "add a case for each new plot_* function"


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_signature_follows_the_convention(name):
    func = PLOTS[name]
    hints = typing.get_type_hints(func)
    assert hints["return"] is Axes, f"{name} must be annotated -> matplotlib.axes.Axes"
    params = inspect.signature(func).parameters
    for keyword, default in (("ax", None), ("lang", "en")):
        assert params[keyword].kind is inspect.Parameter.KEYWORD_ONLY and params[keyword].default == default


def _texts(ax: Axes) -> dict[str, str]:
    return {"title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel()}


def _draw(name, data, lang):
    args, kwargs = CASES[name](data)
    fig, ax = plt.subplots()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = PLOTS[name](*args, ax=ax, lang=lang, **kwargs)
        assert out is ax, f"{name} must draw on and return the Axes passed as ax="
        assert len(fig.axes) >= 1 and fig.axes[0] is ax  # drew there, no new figure's Axes
        return _texts(ax)
    finally:
        plt.close(fig)


def _all_terms(lang: str) -> set[str]:
    index = 0 if lang == "en" else 1
    found = {pair[index] for pair in labels.TERMS.values()}
    for name in CHAPTERS:
        table = getattr(importlib.import_module(f"crmlab.{name}"), "TERMS", {})
        found |= {pair[index] for pair in table.values()}
    return found


def _from_terms(text: str, terms: set[str]) -> bool:
    # A label is a term, or a term with numbers filled in ("未来 1 期的…"), or terms joined.
    if text in terms:
        return True
    pattern_terms = [t for t in terms if "{" in t]
    if any(re.fullmatch(re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(t)), text) for t in pattern_terms):
        return True
    return any(t and t in text for t in terms if len(t) > 1)


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plot_takes_ax_returns_it_and_labels_follow_lang(name, data, monkeypatch):
    monkeypatch.setattr(labels, "cjk_font", lambda: "DejaVu Sans")  # labels do not depend on the font
    with matplotlib.rc_context():
        en = _draw(name, data, "en")
        zh = _draw(name, data, "zh")
    shown = {k: v for k, v in en.items() if v}
    assert shown, f"{name} sets no title and no axis label"
    en_terms, zh_terms = _all_terms("en"), _all_terms("zh")
    for key, text in shown.items():
        assert zh[key], f"{name}: {key} {text!r} in English but empty in Chinese"
        assert zh[key] != text, f"{name}: {key} {text!r} is not translated (hard-coded English?)"
        assert _CJK.search(zh[key]), f"{name}: Chinese {key} {zh[key]!r} holds no Chinese"
        assert _from_terms(text, en_terms), f"{name}: English {key} {text!r} is not from a term table"
        assert _from_terms(zh[key], zh_terms), f"{name}: Chinese {key} {zh[key]!r} is not from a term table"
    assert not {k for k, v in zh.items() if v} - set(shown), f"{name}: labels only in Chinese"


def test_labels_do_not_depend_on_data_values(data):
    # The same plot on other data keeps its axis labels (they come from labels, not from columns).
    a = _draw("value.plot_lorenz", data, "en")
    other = _Data.__new__(_Data)
    other.tx = data.tx.assign(amount=np.round(data.tx["amount"] * 3, 2))
    assert _draw("value.plot_lorenz", other, "en") == a


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_docstring_markers_are_filled(name):
    from crmlab._docstrings import FRAGMENTS

    doc = PLOTS[name].__doc__ or ""
    leftover = [line for line in doc.split("\n") if line.strip() in {f"{{{k}}}" for k in FRAGMENTS}]
    assert not leftover, f"{name}: unfilled docstring markers {leftover} (decorate with crmlab._docstrings.fill_doc)"
    if name.startswith("loyalty."):  # the chapter that uses the shared fragments
        assert FRAGMENTS["ax"].split("\n")[1].strip() in doc and "lang : {\"en\", \"zh\"}" in doc
