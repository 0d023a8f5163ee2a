"""Satisfaction versus loyalty (满意与忠诚).

Loyalty curves by satisfaction level (Jones & Sasser 1995), the satisfaction × loyalty customer
types (loyalist/apostle, mercenary, hostage, defector/terrorist), the zones of defection,
indifference and affection, the Net Promoter Score with its confidence interval, driver
(importance–performance) analysis and Cronbach's alpha. Input is a canonical survey frame
(:func:`crmlab.read_survey`, :func:`crmlab.datasets.make_survey`), but every function
takes column-name keywords so any frame of numbers works.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from scipy import stats

from crmlab import schema
from crmlab._deprecate import renamed_keywords
from crmlab._plotting import get_ax
from crmlab._validate import as_numeric, check_cut, default_high, require_columns
from crmlab.errors import DataError, format_examples
from crmlab.labels import key_label, plot_lang, term

from ._docstrings import fill_doc

__all__ = [
    "TERMS", "loyalty_curve", "customer_types", "satisfaction_zones", "nps", "driver_analysis",
    "cronbach_alpha", "plot_loyalty_curves", "plot_customer_types", "plot_importance_performance",
]

#: Bilingual terms of this chapter: {key: (english, chinese)}.
TERMS: dict[str, tuple[str, str]] = {
    "satisfaction": ("Satisfaction", "满意度"),
    "loyalty": ("Loyalty", "忠诚度"),
    "repurchase_intent": ("Repurchase intention", "再购意愿"),
    "recommend": ("Likelihood to recommend", "推荐意愿"),
    "loyalist": ("Loyalist", "忠诚者"),
    "apostle": ("Apostle", "传道者"),
    "mercenary": ("Mercenary", "图利者"),
    "hostage": ("Hostage", "人质"),
    "defector": ("Defector", "背叛者"),
    "terrorist": ("Terrorist", "恐怖分子"),
    "defection": ("Zone of defection", "背离区"),
    "indifference": ("Zone of indifference", "冷漠区"),
    "affection": ("Zone of affection", "情感区"),
    "curves_title": ("Satisfaction and loyalty by industry", "不同行业的满意度与忠诚度"),
    "types_title": ("Customer types: satisfaction × loyalty", "顾客类型：满意度 × 忠诚度"),
    "ipa_title": ("Importance–performance grid", "重要性—表现分析"),
    "importance": ("Importance", "重要性"),
    "performance": ("Performance (mean rating)", "表现（平均评分）"),
    "keep_up": ("Keep up the good work", "继续保持"),
    "concentrate": ("Concentrate here", "重点改进"),
    "low_priority": ("Low priority", "低优先级"),
    "overkill": ("Possible overkill", "可能过度投入"),
    "promoters": ("Promoters", "推荐者"),
    "passives": ("Passives", "中立者"),
    "detractors": ("Detractors", "贬损者"),
    "respondents": ("Respondents", "受访者"),
    # the five industries of Jones & Sasser (course text 001: 汽车、商用电脑、医院、航空、本地电话服务)
    "automobiles": ("automobiles", "汽车"),
    "business PCs": ("business PCs", "商用电脑"),
    "hospitals": ("hospitals", "医院"),
    "airlines": ("airlines", "航空"),
    "local telephone": ("local telephone", "本地电话服务"),
    # the attributes rated in crmlab.datasets.make_survey
    "product_quality": ("product quality", "产品质量"),
    "service": ("service", "服务"),
    "reliability": ("reliability", "可靠性"),
    "price": ("price", "价格"),
    "convenience": ("convenience", "便利性"),
}

_QUADRANTS = ("loyalist", "mercenary", "hostage", "defector")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def _require(frame: pd.DataFrame, columns: dict[str, str]) -> None:
    require_columns(frame, columns, kind="survey", hint="Read the file with crmlab.read_survey(...) first.")


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    return as_numeric(frame, column, what="numbers (ratings)",
                      fix=f"Read the survey with crmlab.read_survey(..., recode={{{column!r}: {{'<answer>': <number>}}}}).")


def _scale(frame: pd.DataFrame, column: str, scale) -> tuple[float, float]:
    """Declared scale: the argument, else the one :func:`crmlab.read_survey` declared on the frame.

    Never the observed range: a filtered or merged survey (pandas drops ``.attrs`` on a merge) would
    otherwise move a 1–5 scale to 2–5 and every default cut point with it.
    """
    if scale is not None:
        low, high = (float(v) for v in scale)
        return low, high
    declared = frame.attrs.get("scales", {}) if hasattr(frame, "attrs") else {}
    if column in declared:
        low, high = declared[column]
        return float(low), float(high)
    values = pd.to_numeric(frame[column], errors="coerce")
    raise DataError(f"column {column!r} has no declared answer scale (its answers run {values.min():g}–"
                    f"{values.max():g}, which need not be the scale). Pass it, e.g. satisfaction_scale=(1, 5) "
                    "or scale=(1, 5); a survey read with crmlab.read_survey(..., scales=...) declares it, but "
                    "a merge or filter can lose that declaration.")


# --------------------------------------------------------------------------------------------
# curves, types, zones
# --------------------------------------------------------------------------------------------

@renamed_keywords(confidence="confidence_level")
def loyalty_curve(survey: pd.DataFrame, *, satisfaction: str = schema.SATISFACTION,
                  loyalty: str = schema.REPURCHASE_INTENT, by: str | None = None,
                  confidence_level: float = 0.95) -> pd.DataFrame:
    """Mean loyalty at each satisfaction level, with a t confidence interval.

    Course concept: the satisfaction–loyalty curve (满意度—忠诚度曲线, Jones & Sasser 1995).

    Parameters
    ----------
    survey : DataFrame
        One row per respondent.
    satisfaction, loyalty : str
        Columns of the satisfaction rating and the loyalty measure (a rating, or 0/1 for
        "would buy again", in which case the mean is the share loyal).
    by : str, optional
        Group column (``"industry"``): one curve per group.
    confidence_level : float
        Confidence level of the interval ``mean ± t(n−1) · sd / √n`` (old name ``confidence``,
        deprecated).

    Returns
    -------
    DataFrame
        Indexed by (``by``,) satisfaction level; columns ``n``, ``mean``, ``sd``, ``ci_low``,
        ``ci_high``. Respondents missing either answer are left out; levels with one answer
        have no interval (NaN).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"satisfaction": [1, 1, 5, 5], "repurchase_intent": [1, 3, 5, 5]})
    >>> loyalty_curve(s)["mean"].to_dict()
    {1.0: 2.0, 5.0: 5.0}
    """
    keys = {"satisfaction": satisfaction, "loyalty": loyalty}
    if by is not None:
        keys["by"] = by
    _require(survey, keys)
    frame = pd.DataFrame({satisfaction: _numeric(survey, satisfaction), "_y": _numeric(survey, loyalty)})
    groups = [satisfaction]
    if by is not None:
        frame.insert(0, by, survey[by])
        groups = [by, satisfaction]
    frame = frame.dropna()
    if frame.empty:
        raise DataError(f"no respondent answered both {satisfaction!r} and {loyalty!r}; check the columns.")
    g = frame.groupby(groups, sort=True, observed=True)["_y"]
    out = pd.DataFrame({"n": g.size(), "mean": g.mean(), "sd": g.std(ddof=1)})
    se = out["sd"] / np.sqrt(out["n"])
    tq = stats.t.ppf(0.5 + confidence_level / 2, out["n"] - 1)
    out["ci_low"] = out["mean"] - tq * se
    out["ci_high"] = out["mean"] + tq * se
    out["n"] = out["n"].astype("int64")
    return out


def customer_types(survey: pd.DataFrame, *, satisfaction: str = schema.SATISFACTION,
                   loyalty: str = schema.REPURCHASE_INTENT, satisfied_at: float | None = None,
                   loyal_at: float | None = None, apostle_at: tuple[float, float] | None = None,
                   terrorist_at: tuple[float, float] | None = None, satisfaction_scale=None,
                   loyalty_scale=None, lang: str = "en") -> pd.DataFrame:
    """Jones & Sasser customer types from satisfaction × loyalty.

    Course concept: loyalist/apostle (忠诚者/传道者), mercenary (图利者), hostage (人质),
    defector/terrorist (背叛者/恐怖分子).

    A respondent is *satisfied* when ``satisfaction >= satisfied_at`` and *loyal* when
    ``loyalty >= loyal_at``; the four quadrants follow. Apostles are loyalists at or above
    ``apostle_at = (satisfaction, loyalty)``, terrorists defectors at or below ``terrorist_at``.

    Parameters
    ----------
    survey : DataFrame
    satisfaction, loyalty : str
        Column names.
    satisfied_at, loyal_at : float, optional
        Cut points ("at or above is high"). Default: the smallest whole answer above the scale
        midpoint — 4 on a 1–5 scale, 6 on 0–10, 5 on 1–7.
    apostle_at, terrorist_at : (float, float), optional
        Default: the top (bottom) of both scales.
    satisfaction_scale, loyalty_scale : (low, high), optional
        Scales; default: the scales :func:`crmlab.read_survey` declared (a DataError when none is
        declared — the observed range is never taken for the scale).
    lang : {"en", "zh"}
        Language of the type names.

    Returns
    -------
    DataFrame
        Indexed like ``survey`` (respondents with both answers): ``satisfaction``, ``loyalty``,
        ``quadrant_key`` (loyalist, mercenary, hostage, defector), ``type_key`` (the quadrant, or
        apostle / terrorist) — what code compares — and their labels in ``lang``, ``quadrant`` and
        ``type`` (categoricals). ``.attrs["cut_points"]`` reports the cut points used.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"satisfaction": [5, 4, 3, 2, 1], "repurchase_intent": [5, 2, 4, 2, 1]})
    >>> customer_types(s, satisfaction_scale=(1, 5), loyalty_scale=(1, 5))["type"].tolist()
    ['Apostle', 'Mercenary', 'Hostage', 'Defector', 'Terrorist']
    """
    _require(survey, {"satisfaction": satisfaction, "loyalty": loyalty})
    s_low, s_high = _scale(survey, satisfaction, satisfaction_scale)
    l_low, l_high = _scale(survey, loyalty, loyalty_scale)
    satisfied_at = default_high(s_low, s_high) if satisfied_at is None else \
        check_cut("satisfied_at", float(satisfied_at), s_low, s_high, satisfaction)
    loyal_at = default_high(l_low, l_high) if loyal_at is None else \
        check_cut("loyal_at", float(loyal_at), l_low, l_high, loyalty)
    apostle_at = (s_high, l_high) if apostle_at is None else tuple(float(v) for v in apostle_at)
    terrorist_at = (s_low, l_low) if terrorist_at is None else tuple(float(v) for v in terrorist_at)
    frame = pd.DataFrame({"satisfaction": _numeric(survey, satisfaction),
                          "loyalty": _numeric(survey, loyalty)}).dropna()
    sat_high = frame["satisfaction"] >= satisfied_at
    loy_high = frame["loyalty"] >= loyal_at
    quadrant = np.select([sat_high & loy_high, sat_high & ~loy_high, ~sat_high & loy_high],
                         ["loyalist", "mercenary", "hostage"], "defector")
    kind = np.where((quadrant == "loyalist") & (frame["satisfaction"] >= apostle_at[0])
                    & (frame["loyalty"] >= apostle_at[1]), "apostle", quadrant)
    kind = np.where((quadrant == "defector") & (frame["satisfaction"] <= terrorist_at[0])
                    & (frame["loyalty"] <= terrorist_at[1]), "terrorist", kind)
    frame["quadrant_key"], frame["quadrant"] = key_label(pd.Series(quadrant, index=frame.index), lang, TERMS,
                                                         order=_QUADRANTS, ordered=False)
    order = ["apostle", "loyalist", "mercenary", "hostage", "defector", "terrorist"]
    frame["type_key"], frame["type"] = key_label(pd.Series(kind, index=frame.index), lang, TERMS,
                                                 order=order, ordered=False)
    frame.attrs["cut_points"] = {"satisfied_at": satisfied_at, "loyal_at": loyal_at,
                                 "apostle_at": apostle_at, "terrorist_at": terrorist_at,
                                 "satisfaction_scale": (s_low, s_high), "loyalty_scale": (l_low, l_high)}
    return frame


@renamed_keywords(affection_from="affection_at")
def satisfaction_zones(survey: pd.DataFrame, *, satisfaction: str = schema.SATISFACTION,
                       loyalty: str = schema.REPURCHASE_INTENT, by: str | None = None,
                       defection_below: float | None = None, affection_at: float | None = None,
                       scale=None, lang: str = "en") -> pd.DataFrame:
    """Zones of defection, indifference and affection along the satisfaction scale.

    Course concept: zone of defection / indifference / affection (背离区 / 冷漠区 / 情感区),
    Heskett et al. (1994), Jones & Sasser (1995).

    The literature draws the zones only roughly (on a 1–5 scale: defection around 1–2,
    indifference 2–4, affection 4–5). We make the boundaries parameters with these defaults,
    stated as shares of the scale range so they carry over to other scales:
    ``defection_below = low + 0.4·range`` (answers 1–2 on 1–5, 0–3 on 0–10) and
    ``affection_at = low + 0.9·range`` (only the top answer 5 on 1–5, 9–10 on 0–10 — the
    "completely satisfied" of Jones & Sasser). Answers strictly below ``defection_below`` are in
    the defection zone, answers at or above ``affection_at`` in the affection zone
    (``affection_from`` is the deprecated old name).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the zone labels in the index (``zone_key`` does not change).

    Returns
    -------
    DataFrame
        Indexed by (``by``,) zone (its label in ``lang``): ``zone_key`` (``defection``,
        ``indifference``, ``affection``: what code compares), ``from`` and ``to`` (lowest/highest satisfaction answer seen
        in the zone), ``n``, ``share`` (within the group), ``loyalty_mean``; ``from``, ``to`` and
        ``loyalty_mean`` are NaN for a zone no answer falls in (``n`` = 0).
        ``.attrs["boundaries"]`` holds the two boundaries.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"satisfaction": [1, 2, 3, 4, 5], "repurchase_intent": [1, 1, 3, 3, 5]})
    >>> satisfaction_zones(s, scale=(1, 5))["n"].tolist()
    [2, 2, 1]
    """
    keys = {"satisfaction": satisfaction, "loyalty": loyalty}
    if by is not None:
        keys["by"] = by
    _require(survey, keys)
    low, high = _scale(survey, satisfaction, scale)
    defection_below = low + 0.4 * (high - low) if defection_below is None else \
        check_cut("defection_below", float(defection_below), low, high, satisfaction)
    affection_at = low + 0.9 * (high - low) if affection_at is None else \
        check_cut("affection_at", float(affection_at), low, high, satisfaction)
    if not defection_below <= affection_at:
        raise DataError(f"defection_below={defection_below:g} must not exceed affection_at={affection_at:g}.")
    frame = pd.DataFrame({"s": _numeric(survey, satisfaction), "y": _numeric(survey, loyalty)})
    frame["g"] = survey[by] if by is not None else "all"
    frame = frame.dropna(subset=["s"])
    keys_ = ["defection", "indifference", "affection"]
    names = [term(k, lang, TERMS) for k in keys_]
    zone = np.select([frame["s"] < defection_below, frame["s"] >= affection_at], [names[0], names[2]], names[1])
    frame["zone"] = pd.Categorical(zone, categories=names)
    g = frame.groupby(["g", "zone"], observed=False, sort=True)
    out = pd.DataFrame({"from": g["s"].min(), "to": g["s"].max(), "n": g.size(), "loyalty_mean": g["y"].mean()})
    out["share"] = out["n"] / out.groupby(level=0)["n"].transform("sum")
    out.insert(0, "zone_key", out.index.get_level_values("zone").map(dict(zip(names, keys_))).astype(str))
    out = out[["zone_key", "from", "to", "n", "share", "loyalty_mean"]]
    if by is None:
        out = out.droplevel(0)
    else:
        out.index = out.index.set_names([by, "zone"])
    out.attrs["boundaries"] = {"defection_below": defection_below, "affection_at": affection_at,
                               "scale": (low, high)}
    return out


# --------------------------------------------------------------------------------------------
# NPS, drivers, reliability
# --------------------------------------------------------------------------------------------

@renamed_keywords(confidence="confidence_level")
def nps(survey, *, recommend: str = schema.RECOMMEND, by: str | None = None,
        confidence_level: float = 0.95) -> pd.DataFrame:
    """Net Promoter Score with its confidence interval.

    Course concept: Net Promoter Score (净推荐值, Reichheld 2003).

    Promoters answer 9–10, passives 7–8, detractors 0–6 on the 0–10 "how likely are you to
    recommend" question. With shares :math:`p_P, p_D` of n answers,
    :math:`NPS = 100 (p_P - p_D)`, and (the answer being a +1/0/−1 score)
    :math:`Var = [p_P + p_D - (p_P - p_D)^2] / n`; the interval is
    :math:`NPS \\pm 100\\, z \\sqrt{Var}` (normal approximation).

    Parameters
    ----------
    survey : DataFrame or Series
        Frame with a ``recommend`` column, or the answers themselves.
    by : str, optional
        Group column: one row per group.

    Returns
    -------
    DataFrame
        Columns ``n``, ``promoters``, ``passives``, ``detractors`` (shares), ``nps``, ``se``,
        ``ci_low``, ``ci_high`` (in NPS points, −100..100). One row ``"all"`` without ``by``.

    Raises
    ------
    DataError
        If an answer is not a whole number from 0 to 10.

    Examples
    --------
    >>> import pandas as pd
    >>> r = nps(pd.Series([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]))
    >>> float(r.loc["all", "nps"])
    20.0
    """
    if isinstance(survey, pd.Series):
        survey = survey.to_frame(recommend)
    keys = {"recommend": recommend}
    if by is not None:
        keys["by"] = by
    _require(survey, keys)
    x = _numeric(survey, recommend)
    bad = x.notna() & ((x < 0) | (x > 10) | (x != np.round(x)))
    if bad.any():
        raise DataError(f"column {recommend!r} must hold whole answers 0–10 for NPS, but has "
                        f"{format_examples(zip(survey.index[bad], x[bad]))}. Rescale it, or declare the "
                        f"scale with read_survey(..., scales={{{recommend!r}: (0, 10)}}) to catch this earlier.")
    frame = pd.DataFrame({"g": survey[by] if by is not None else "all", "x": x}).dropna()
    frame["P"] = frame["x"] >= 9
    frame["D"] = frame["x"] <= 6
    g = frame.groupby("g", sort=True, observed=True)
    n = g.size()
    p_p, p_d = g["P"].mean(), g["D"].mean()
    score = p_p - p_d
    se = np.sqrt((p_p + p_d - score ** 2) / n)
    z = stats.norm.ppf(0.5 + confidence_level / 2)
    out = pd.DataFrame({"n": n, "promoters": p_p, "passives": 1 - p_p - p_d, "detractors": p_d,
                        "nps": 100 * score, "se": 100 * se,
                        "ci_low": 100 * (score - z * se), "ci_high": 100 * (score + z * se)})
    out.index.name = by
    return out


@renamed_keywords(importance_cut="importance_at", performance_cut="performance_at")
def driver_analysis(survey: pd.DataFrame, attributes: Iterable[str], *, target: str = schema.SATISFACTION,
                    method: str = "correlation", importance_at: float | None = None,
                    performance_at: float | None = None, lang: str = "en") -> pd.DataFrame:
    """Importance–performance (driver) analysis of attribute ratings.

    Course concept: importance–performance analysis (重要性—表现分析, Martilla & James 1977).

    Importance is how strongly an attribute moves ``target``: its Pearson correlation with
    the target (``method="correlation"``), or its standardised regression weight from an OLS
    of the target on all attributes (``method="regression"``; weights can turn negative when
    attributes are correlated). Performance is the mean rating. An attribute every respondent
    rated the same explains nothing: importance 0. A ``target`` that does not vary is a DataError.

    Parameters
    ----------
    survey : DataFrame
    attributes : list of str
        Attribute rating columns.
    target : str
        Outcome column (satisfaction, or a loyalty measure).
    importance_at, performance_at : float, optional
        Grid cross-hairs (at or above is "high"); default the mean importance and mean performance
        of the attributes. ``importance_cut``/``performance_cut`` are the deprecated old names.
    lang : {"en", "zh"}
        Language of the ``quadrant`` labels (``quadrant_key`` does not change).

    Returns
    -------
    DataFrame
        Indexed by attribute (most important first): ``importance``, ``performance``,
        ``quadrant_key`` (``keep_up``, ``concentrate``, ``low_priority``, ``overkill``) and
        ``quadrant``, its label in ``lang`` (keep up the good work / concentrate here / low
        priority / possible overkill). ``.attrs["cuts"]`` holds the cross-hairs. Respondents missing any of the
        columns are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 2, 2], "satisfaction": [1, 2, 3, 4, 5]})
    >>> driver_analysis(s, ["a", "b"])["importance"].round(2).tolist()
    [1.0, 0.0]
    """
    attributes = list(attributes)
    if not attributes:
        raise DataError("attributes is empty: pass the attribute rating columns, e.g. ['service', 'price'].")
    _require(survey, {**{f"attributes[{i}]": a for i, a in enumerate(attributes)}, "target": target})
    data = pd.DataFrame({c: _numeric(survey, c) for c in attributes + [target]}).dropna()
    if len(data) < len(attributes) + 2:
        raise DataError(f"only {len(data)} respondents answered every attribute and {target!r}; "
                        "need more than the number of attributes + 1.")
    if data[target].nunique() < 2:
        raise DataError(f"driver analysis explains differences in {target!r}, but all {len(data)} respondents "
                        f"answered {data[target].iloc[0]:g}; it needs answers that vary.")
    if method == "correlation":
        importance = data[attributes].corrwith(data[target]).fillna(0.0)
    elif method == "regression":
        from sklearn.linear_model import LinearRegression

        sd = data.std(ddof=0).replace(0, np.nan)
        z = ((data - data.mean()) / sd).fillna(0.0)
        fit = LinearRegression().fit(z[attributes], z[target])
        importance = pd.Series(fit.coef_, index=attributes)
    else:
        raise DataError(f"method={method!r} is not known; use 'correlation' or 'regression'.")
    performance = data[attributes].mean()
    i_cut = importance.mean() if importance_at is None else float(importance_at)
    p_cut = performance.mean() if performance_at is None else float(performance_at)
    hi_i, hi_p = importance >= i_cut, performance >= p_cut
    quad = np.select([hi_i & hi_p, hi_i & ~hi_p, ~hi_i & ~hi_p], ["keep_up", "concentrate", "low_priority"],
                     "overkill")
    keys, labels = key_label(pd.Series(quad, index=importance.index), lang, TERMS)
    out = pd.DataFrame({"importance": importance, "performance": performance,
                        "quadrant_key": keys, "quadrant": labels})
    out.index = pd.Index(attributes, name="attribute")
    out = out.sort_values("importance", ascending=False, kind="stable")
    out.attrs["cuts"] = {"importance": i_cut, "performance": p_cut}
    return out


def cronbach_alpha(items: pd.DataFrame, columns: Iterable[str] | None = None) -> float:
    """Cronbach's alpha: internal consistency of a multi-item scale.

    Course concept: reliability of a measurement scale (量表信度, Cronbach 1951).

    :math:`\\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_i s_i^2}{s_T^2}\\right)` with the item
    variances :math:`s_i^2` and the variance :math:`s_T^2` of the summed score (sample variances,
    respondents with a missing item left out). Written by hand: it is one line, and pulling in
    pingouin for it is not worth a dependency.

    Examples
    --------
    >>> import pandas as pd
    >>> round(cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4], "c": [1, 3, 3, 5]})), 4)
    0.9333
    """
    columns = list(items.columns if columns is None else columns)
    if len(columns) < 2:
        raise DataError(f"Cronbach's alpha needs at least two items; got {columns}.")
    _require(items, {f"columns[{i}]": c for i, c in enumerate(columns)})
    data = pd.DataFrame({c: _numeric(items, c) for c in columns}).dropna()
    if len(data) < 2:
        raise DataError("fewer than two respondents answered every item; alpha is undefined.")
    k = len(columns)
    total_var = data.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise DataError("the summed score does not vary across respondents; alpha is undefined.")
    return float(k / (k - 1) * (1 - data.var(ddof=1).sum() / total_var))


# --------------------------------------------------------------------------------------------
# plots
# --------------------------------------------------------------------------------------------

@fill_doc
def plot_loyalty_curves(curve: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", ylabel: str | None = None,
                        band: bool = True, **kwargs) -> Axes:
    """The classic figure: loyalty by satisfaction level, one line per group with its CI band.

    Course concept: satisfaction–loyalty curves across industries (Jones & Sasser 1995).

    ``curve`` is the output of :func:`loyalty_curve` (with or without ``by``). ``ylabel`` names
    the loyalty measure: a key of :data:`TERMS` (``"repurchase_intent"``, ``"recommend"`` …),
    shown in ``lang``, or text shown as it is. Extra keyword arguments go to
    :func:`seaborn.lineplot`.

    Parameters
    ----------
    {ax}
    {lang}

    Examples
    --------
    >>> from crmlab.datasets import make_survey
    >>> ax = plot_loyalty_curves(loyalty_curve(make_survey(500, seed=0), by="industry"))
    """
    import seaborn as sns

    lang = plot_lang(lang)
    ax = get_ax(ax)
    data = curve.reset_index()
    level = data.columns[1] if curve.index.nlevels == 2 else data.columns[0]
    hue = data.columns[0] if curve.index.nlevels == 2 else None
    sns.lineplot(data=data, x=level, y="mean", hue=hue, marker="o", ax=ax, **kwargs)
    if band:
        groups = data.groupby(hue, sort=False) if hue else [(None, data)]
        colors = [line.get_color() for line in ax.get_lines()]
        for (_, part), color in zip(groups, colors):
            ax.fill_between(part[level], part["ci_low"], part["ci_high"], alpha=0.15, color=color, linewidth=0)
    ax.set_xlabel(term("satisfaction", lang, TERMS))
    ax.set_ylabel(term(ylabel or "loyalty", lang, TERMS))
    ax.set_title(term("curves_title", lang, TERMS))
    if hue:
        ax.legend(title=None, fontsize="small")
    return ax


def _legacy_cuts(frame: pd.DataFrame, attr: str, derived: dict[str, float], what: str) -> dict[str, float]:
    """Cut points for a plot: ``derived`` from the table's columns, unless the old ``.attrs`` say otherwise."""
    stored = frame.attrs.get(attr, {})
    legacy = {k: float(stored[k]) for k in derived if k in stored}
    if legacy and any(not np.isclose(legacy[k], derived[k]) for k in legacy):
        warnings.warn(f"{what} drew its cut points {legacy} from .attrs[{attr!r}]; pass them as keywords "
                      f"({', '.join(f'{k}=' for k in legacy)}) — attributes are lost by some filters and merges, "
                      "and will not be read in the next release.", DeprecationWarning, stacklevel=3)
        return {**derived, **legacy}
    return derived


@fill_doc
def plot_customer_types(types: pd.DataFrame, *, satisfied_at: float | None = None, loyal_at: float | None = None,
                        ax: Axes | None = None, lang: str = "en", jitter: float = 0.15,
                        seed: int = 0, **kwargs) -> Axes:
    """Quadrant scatter of satisfaction × loyalty coloured by customer type, with the cut points.

    Course concept: Jones & Sasser customer types (忠诚者、图利者、人质、背叛者).

    ``types`` is the output of :func:`customer_types`. Points are jittered (answers are whole
    numbers and would sit on top of each other); ``seed`` fixes the jitter. The dashed lines sit
    half an answer below ``satisfied_at`` and ``loyal_at`` (the cut points passed to
    :func:`customer_types`); by default the lowest satisfied and the lowest loyal answer in
    ``types`` (its ``quadrant_key``).

    Parameters
    ----------
    {ax}
    {lang}
    {seed}

    Examples
    --------
    >>> from crmlab.datasets import make_survey
    >>> ax = plot_customer_types(customer_types(make_survey(500, seed=0)))
    """
    import seaborn as sns

    lang = plot_lang(lang)
    ax = get_ax(ax)
    rng = np.random.default_rng(seed)
    data = types.copy()
    data["x"] = data["satisfaction"] + rng.uniform(-jitter, jitter, len(data))
    data["y"] = data["loyalty"] + rng.uniform(-jitter, jitter, len(data))
    sns.scatterplot(data=data, x="x", y="y", hue="type", s=kwargs.pop("s", 14), alpha=kwargs.pop("alpha", 0.5),
                    ax=ax, **kwargs)
    if "quadrant_key" in types.columns:
        key = types["quadrant_key"].astype(str)
        derived = {"satisfied_at": types.loc[key.isin(["loyalist", "mercenary"]), "satisfaction"].min(),
                   "loyal_at": types.loc[key.isin(["loyalist", "hostage"]), "loyalty"].min()}
    else:
        derived = {"satisfied_at": np.nan, "loyal_at": np.nan}
    if satisfied_at is None and loyal_at is None:
        derived = _legacy_cuts(types, "cut_points", derived, "plot_customer_types")
    cuts = {"satisfied_at": derived["satisfied_at"] if satisfied_at is None else float(satisfied_at),
            "loyal_at": derived["loyal_at"] if loyal_at is None else float(loyal_at)}
    if pd.notna(cuts["satisfied_at"]):
        ax.axvline(cuts["satisfied_at"] - 0.5, color="0.3", linestyle="--", linewidth=1)
    if pd.notna(cuts["loyal_at"]):
        ax.axhline(cuts["loyal_at"] - 0.5, color="0.3", linestyle="--", linewidth=1)
    ax.set_xlabel(term("satisfaction", lang, TERMS))
    ax.set_ylabel(term("loyalty", lang, TERMS))
    ax.set_title(term("types_title", lang, TERMS))
    ax.legend(title=None, fontsize="small", markerscale=1.5, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


@fill_doc
def plot_importance_performance(drivers: pd.DataFrame, *, importance_at: float | None = None,
                                performance_at: float | None = None, ax: Axes | None = None, lang: str = "en",
                                **kwargs) -> Axes:
    """Importance–performance grid: attributes placed by importance and mean rating.

    Course concept: importance–performance analysis (重要性—表现分析).

    ``drivers`` is the output of :func:`driver_analysis`; the dashed cross-hairs are at
    ``importance_at`` and ``performance_at`` — pass the values given to :func:`driver_analysis`;
    by default the mean importance and mean performance of the attributes shown (its defaults).

    Parameters
    ----------
    {ax}
    {lang}

    Examples
    --------
    >>> from crmlab.datasets import make_survey, ATTRIBUTES
    >>> ax = plot_importance_performance(driver_analysis(make_survey(500, seed=0), list(ATTRIBUTES)))
    """
    import seaborn as sns

    lang = plot_lang(lang)
    ax = get_ax(ax)
    data = drivers.reset_index()
    sns.scatterplot(data=data, x="performance", y="importance", s=kwargs.pop("s", 60), ax=ax, **kwargs)
    for _, row in data.iterrows():
        ax.annotate(str(row["attribute"]), (row["performance"], row["importance"]), textcoords="offset points",
                    xytext=(5, 4), fontsize="small")
    derived = {"importance": float(drivers["importance"].mean()), "performance": float(drivers["performance"].mean())}
    if importance_at is None and performance_at is None:
        derived = _legacy_cuts(drivers, "cuts", derived, "plot_importance_performance")
    cuts = {"importance": derived["importance"] if importance_at is None else float(importance_at),
            "performance": derived["performance"] if performance_at is None else float(performance_at)}
    if len(drivers):
        ax.axvline(cuts["performance"], color="0.3", linestyle="--", linewidth=1)
        ax.axhline(cuts["importance"], color="0.3", linestyle="--", linewidth=1)
        ax.margins(x=0.15, y=0.2)  # room for the corner labels
        corners = {"concentrate": (0.01, 0.99, "left", "top"), "keep_up": (0.99, 0.99, "right", "top"),
                   "low_priority": (0.01, 0.01, "left", "bottom"), "overkill": (0.99, 0.01, "right", "bottom")}
        for key, (x, y, ha, va) in corners.items():
            ax.text(x, y, term(key, lang, TERMS), transform=ax.transAxes, ha=ha, va=va, fontsize="x-small",
                    color="0.45", style="italic")
    ax.set_xlabel(term("performance", lang, TERMS))
    ax.set_ylabel(term("importance", lang, TERMS))
    ax.set_title(term("ipa_title", lang, TERMS))
    return ax
