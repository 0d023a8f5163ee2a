"""Plots of the loyalty chapter: attitude × behaviour, inter-purchase times, Brown's patterns, the ladder."""

from __future__ import annotations

import warnings

import pandas as pd
from matplotlib.axes import Axes

from .. import schema
from .._deprecate import renamed_keywords
from .._docstrings import fill_doc
from .._plotting import get_ax
from ..labels import plot_lang, term
from ._common import BROWN_PATTERNS, LADDER, TERMS
from .measures import interpurchase_times
from .types import attitude_behaviour

__all__ = ["plot_attitude_behaviour", "plot_interpurchase_times", "plot_brand_patterns", "plot_loyalty_ladder"]


# ------------------------------------------------------------------------------------------
# plots
# ------------------------------------------------------------------------------------------

@renamed_keywords(attitude_threshold="attitude_at", behaviour_threshold="behaviour_at")
@fill_doc
def plot_attitude_behaviour(data: pd.DataFrame, *, attitude: str = "attachment", behaviour: str = "repeat",
                            attitude_at: float = 4.0, behaviour_at: float = 0.5,
                            ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Scatter of attitude × behaviour coloured by Dick & Basu segment, with the threshold lines.

    Course concept: 态度与行为矩阵 (Dick & Basu 1994).

    Parameters
    ----------
    data : DataFrame
        One row per respondent, as for :func:`attitude_behaviour`.
    attitude, behaviour, attitude_at, behaviour_at
        As for :func:`attitude_behaviour`.
    {ax}
    {lang}

    Returns
    -------
    matplotlib.axes.Axes
    """
    import seaborn as sns

    pl = plot_lang(lang)
    seg = attitude_behaviour(data, attitude=attitude, behaviour=behaviour, attitude_at=attitude_at,
                             behaviour_at=behaviour_at)["segment_key"].map(lambda k: term(k, pl, TERMS))
    ax = get_ax(ax)
    frame = pd.DataFrame({"x": data[behaviour].to_numpy(), "y": data[attitude].to_numpy(),
                          term("segment", pl, TERMS): seg.to_numpy()})
    order = [term(k, pl, TERMS) for k in ("true", "latent", "spurious", "none")]
    sns.scatterplot(data=frame, x="x", y="y", hue=term("segment", pl, TERMS), hue_order=order, ax=ax,
                    s=kwargs.pop("s", 20), alpha=kwargs.pop("alpha", 0.7), **kwargs)
    ax.axvline(behaviour_at, color="grey", ls="--", lw=1)
    ax.axhline(attitude_at, color="grey", ls="--", lw=1)
    ax.set_xlabel(term("behaviour", pl, TERMS))
    ax.set_ylabel(term("attitude", pl, TERMS))
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return ax


@fill_doc
def plot_interpurchase_times(transactions: pd.DataFrame, *, longest: float = 0.05, bins: int = 30,
                             customer: str = schema.CUSTOMER, date: str = schema.DATE,
                             ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Histogram of the days between purchases (output of :func:`interpurchase_times`).

    Course concept: 购买间隔 — the purchase cycle a repeat-purchase period must be longer than.

    Parameters
    ----------
    transactions : DataFrame
        Canonical transactions.
    longest : float
        Share of the longest gaps left out of the picture (their long tail would squash the rest);
        0 shows every gap.
    bins : int
        Number of histogram bars.
    {customer}
    {date}
    {ax}
    {lang}

    Returns
    -------
    matplotlib.axes.Axes
    """
    import seaborn as sns

    pl = plot_lang(lang)
    gaps = interpurchase_times(transactions, customer=customer, date=date)
    shown = gaps[gaps <= gaps.quantile(1 - longest)] if longest > 0 else gaps
    ax = get_ax(ax)
    sns.histplot(shown, bins=bins, ax=ax, **kwargs)
    ax.set_xlabel(term("interpurchase_hist", pl, TERMS).format(share=longest))
    ax.set_ylabel(term("count", pl, TERMS))
    ax.set_title(term("interpurchase_title", pl, TERMS))
    return ax


@fill_doc
def plot_brand_patterns(patterns: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Bar chart of the number of customers per Brown pattern (output of :func:`brand_patterns`).

    Course concept: 品牌忠诚的行为模式.

    Parameters
    ----------
    patterns : DataFrame
        Output of :func:`brand_patterns` (its ``pattern_key`` column is counted).
    {ax}
    {lang}

    Returns
    -------
    matplotlib.axes.Axes
    """

    pl = plot_lang(lang)
    if "pattern_key" in patterns.columns:
        keys = pd.Series(patterns["pattern_key"])
    else:  # a frame from before the key column: translate the labels back, one release more
        warnings.warn("plot_brand_patterns reads the 'pattern_key' column of brand_patterns(...); a frame with "
                      "only 'pattern' labels is deprecated and will stop working in the next release.",
                      DeprecationWarning, stacklevel=2)
        reverse = {term(k, code, TERMS): k for k in BROWN_PATTERNS for code in ("en", "zh")} | {k: k for k in BROWN_PATTERNS}
        keys = pd.Series(patterns["pattern"]).map(reverse)
    counts = keys.value_counts().reindex(list(BROWN_PATTERNS), fill_value=0)
    return _customer_bars(counts[counts > 0], ax=ax, lang=pl, category="pattern", color="C0", **kwargs)


def _customer_bars(counts: pd.Series, *, ax, lang: str, category: str, color: str, **kwargs) -> Axes:
    """Horizontal bars of customers per category key, labelled through the term table."""
    import seaborn as sns

    ax = get_ax(ax)
    sns.barplot(x=counts.to_numpy(), y=[term(k, lang, TERMS) for k in counts.index], ax=ax,
                color=kwargs.pop("color", color), **kwargs)
    ax.set_xlabel(term("customers", lang, TERMS))
    ax.set_ylabel(term(category, lang, TERMS))
    return ax


@fill_doc
def plot_loyalty_ladder(ladder: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Horizontal bars of customers per rung, bottom rung at the bottom (output of :func:`loyalty_ladder`).

    Course concept: 客户忠诚阶梯.

    Parameters
    ----------
    ladder : DataFrame
        Output of :func:`loyalty_ladder` (its ``stage_key`` column is counted).
    {ax}
    {lang}

    Returns
    -------
    matplotlib.axes.Axes
    """

    pl = plot_lang(lang)
    counts = pd.Series(ladder["stage_key"]).value_counts().reindex(list(LADDER), fill_value=0)[::-1]
    return _customer_bars(counts, ax=ax, lang=pl, category="stage", color="C2", **kwargs)
