"""One name per role: every renamed keyword still works for one release, with a DeprecationWarning.

Each case calls the function with the old keyword and with the new one: the old call warns and
gives the same result. Functions carrying renamed keywords are found by introspection, so a
rename without a case here fails :func:`test_every_renamed_keyword_has_a_case`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from crmlab import basket, clv, loyalty, rfm, satisfaction
from crmlab.datasets import ATTRIBUTES, make_survey

CHAPTERS = ("value", "clv", "rfm", "basket", "satisfaction", "loyalty", "lifecycle", "overview")


def _with_submodules(module):
    """A chapter module, or a chapter package with all its modules (crmlab.loyalty.plots …)."""
    mods = [module]
    if hasattr(module, "__path__"):
        mods += [importlib.import_module(info.name)
                 for info in pkgutil.walk_packages(module.__path__, prefix=module.__name__ + ".")]
    return mods

TX = pd.DataFrame({"customer_id": list("aabbbcdd"), "amount": [5.0, 7, 3, 4, 9, 2, 8, 1],
                   "order_date": pd.to_datetime(["2024-01-01", "2024-01-20", "2024-01-03", "2024-02-01",
                                                 "2024-03-05", "2024-01-09", "2024-02-11", "2024-03-01"]),
                   "order_id": list("12345678"), "product": list("xyxyzxyz")})
PANEL = loyalty.make_loyalty_panel(80, seed=5)
SURVEY = make_survey(300, seed=5)

# (function, positional args, old keywords, the same with the new names)
CASES = [
    (loyalty.attitude_behaviour, (PANEL,), {"attitude_threshold": 5.0, "behaviour_threshold": 0.6},
     {"attitude_at": 5.0, "behaviour_at": 0.6}),
    (loyalty.plot_attitude_behaviour, (PANEL,), {"attitude_threshold": 5.0, "behaviour_threshold": 0.6},
     {"attitude_at": 5.0, "behaviour_at": 0.6}),
    (loyalty.classify_loyalty_types, (PANEL,), {"attachment": "attachment", "repeat": "repeat",
                                                "attachment_threshold": 4.5, "repeat_threshold": 0.4},
     {"attitude": "attachment", "behaviour": "repeat", "attitude_at": 4.5, "behaviour_at": 0.4}),
    (loyalty.attitudinal_measures, (PANEL,), {"price_sensitive_min": 5}, {"price_sensitive_at": 5}),
    (satisfaction.loyalty_curve, (SURVEY,), {"confidence": 0.9}, {"confidence_level": 0.9}),
    (satisfaction.nps, (SURVEY,), {"confidence": 0.9}, {"confidence_level": 0.9}),
    (satisfaction.satisfaction_zones, (SURVEY,), {"affection_from": 4}, {"affection_at": 4}),
    (satisfaction.driver_analysis, (SURVEY, list(ATTRIBUTES)[:3]), {"importance_cut": 0.3, "performance_cut": 3.0},
     {"importance_at": 0.3, "performance_at": 3.0}),
    (clv.customer_summary, (TX,), {"freq": "D"}, {"unit": "D"}),
    (basket.basket_matrix, (TX,), {"item": "product"}, {"product": "product"}),
    (basket.basket_sizes, (TX,), {"item": "product"}, {"product": "product"}),
    (basket.frequent_itemsets, (TX,), {"item": "product", "min_support": 0.2}, {"product": "product", "min_support": 0.2}),
    (basket.mine_rules, (TX,), {"item": "product", "min_support": 0.2, "min_confidence": 0.1},
     {"product": "product", "min_support": 0.2, "min_confidence": 0.1}),
    (basket.suggest_min_support, (TX,), {"item": "product", "min_confidence": 0.1},
     {"product": "product", "min_confidence": 0.1}),
    (basket.plot_item_frequency, (TX,), {"item": "product"}, {"product": "product"}),
]


def _same(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
    elif isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b)
    elif isinstance(a, plt.Axes):
        assert (a.get_title(), a.get_xlabel(), a.get_ylabel()) == (b.get_title(), b.get_xlabel(), b.get_ylabel())
        assert [len(c.get_offsets()) for c in a.collections] == [len(c.get_offsets()) for c in b.collections]
    else:
        assert a == b


@pytest.mark.parametrize("func, args, old, new", CASES, ids=[f"{c[0].__name__}({', '.join(c[2])})" for c in CASES])
def test_old_keyword_warns_and_gives_the_same_result(func, args, old, new):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        expected = func(*args, **new)  # the new names never warn
    renamed = sorted(set(old) - set(new))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with pytest.warns(DeprecationWarning) as caught:
            got = func(*args, **old)
    messages = " ".join(str(w.message) for w in caught if issubclass(w.category, DeprecationWarning))
    for name in renamed:
        assert f"{name}=" in messages
    _same(got, expected)
    plt.close("all")
    with pytest.raises(TypeError, match="both"):
        func(*args, **{**old, **new})


def test_rfmkmeans_random_state_is_now_seed():
    table = rfm.rfm_table(TX)
    with pytest.warns(DeprecationWarning, match=r"random_state=\.\.\.\) is deprecated; use seed="):
        old = rfm.RFMKMeans(n_clusters=2, random_state=3)
    assert old.seed == 3
    new = rfm.RFMKMeans(n_clusters=2, seed=3)
    pd.testing.assert_series_equal(old.fit(table).labels_, new.fit(table).labels_)


def test_plot_tracking_freq_is_now_unit():
    summary = clv.customer_summary(TX, unit="D")
    model = clv.BetaGeo.__new__(clv.BetaGeo)  # parameters set by hand: no fit needed to draw
    clv.BetaGeo.__init__(model)
    model.params_ = pd.Series([0.5, 5.0, 2.0, 3.0], index=list(clv.BetaGeo.param_names))
    model.columns_ = {"frequency": "frequency", "recency": "recency", "T": "T"}
    with pytest.warns(DeprecationWarning, match="unit="):
        a = clv.plot_tracking(model, TX, freq="D")
    b = clv.plot_tracking(model, TX, unit="D")
    assert [line.get_ydata().tolist() for line in a.lines] == [line.get_ydata().tolist() for line in b.lines]
    assert len(summary) == 4
    plt.close("all")


def test_every_renamed_keyword_has_a_case():
    covered = {c[0].__name__ for c in CASES} | {"plot_tracking"}
    renamed = set()
    for name in CHAPTERS:
        module = importlib.import_module(f"crmlab.{name}")
        for mod in _with_submodules(module):
            for attr, obj in vars(mod).items():
                if inspect.isfunction(obj) and obj.__module__.startswith(module.__name__) \
                        and hasattr(obj, "__renamed_keywords__"):
                    renamed.add(attr)
    assert renamed and renamed <= covered, f"renamed keywords without a test: {sorted(renamed - covered)}"
