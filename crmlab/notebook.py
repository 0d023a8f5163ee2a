"""What a chapter notebook imports: the plot style, the data loading of its Setup cell, its headline.

Course concept: every chapter starts the same way (parameters → one setup call that loads the data
and shows its quality report) and ends with its headline figures, which the report's index collects.

Examples
--------
In a chapter notebook's Setup cell::

    from crmlab.notebook import headline, setup
    tx = setup(data, columns, lang=lang)
"""

from __future__ import annotations

from ._plotting import set_theme

__all__ = ["set_theme", "setup", "headline", "say", "format_value", "HEADLINE_TERMS", "HEADLINE_MIME",
           "DISPLAY_WIDTH"]

#: MIME type of the headline output; the report reads it back from the executed notebook.
HEADLINE_MIME = "application/vnd.crmlab.headline+json"
#: Width pandas wraps tables at in the chapters.
DISPLAY_WIDTH = 120


def setup(data="cdnow", columns: dict | None = None, *, kind: str = "transactions", lang: str = "en",
          show_quality: bool = True, **options):
    """Prepare a chapter: the kit's plot style and table width, then load its data and show the quality report.

    Parameters
    ----------
    data : str or path
        A bundled data set name (``crmlab datasets``), ``"synthetic:<seed>"`` or a file path.
    columns : dict, optional
        The column mapping (and reader options) for the data, as in :func:`crmlab.datasets.load_data`
        (transactions) or :func:`crmlab.datasets.load_survey` (surveys).
    kind : {"transactions", "survey"}
        What the chapter reads; it must match the notebook's declared ``crmlab.data_kind`` metadata
        (the report runner reads that declaration before any kernel starts).
    lang : {"en", "zh"}
        The chapter's language (checked here, so a typo stops the first cell).
    show_quality : bool
        Print the reader's data-quality report (what was dropped, netted, converted).
    **options
        Passed to the reader (e.g. ``scales=``, ``not_applicable=`` for surveys).

    Returns
    -------
    pandas.DataFrame
        The canonical frame (transactions or survey answers).
    """
    import pandas as pd

    from .labels import check_lang

    check_lang(lang)
    set_theme()
    pd.set_option("display.width", DISPLAY_WIDTH)
    _warnings_without_paths()
    if kind == "transactions":
        from .datasets import load_data
        from .io import quality_report

        frame = load_data(data, columns or {}, **options)
        report = quality_report(frame)
    elif kind == "survey":
        from .datasets import load_survey
        from .io import quality_report

        frame = load_survey(data, columns=columns or None, **options)
        report = quality_report(frame)
    else:
        raise ValueError(f"kind={kind!r} is not one of ('transactions', 'survey').")
    if show_quality:
        print(report.text(lang))
    return frame


#: Names of the headline figures: key → (English, 中文). A key missing here is shown as written.
HEADLINE_TERMS: dict[str, tuple[str, str]] = {
    "customers": ("customers", "客户数"),
    "revenue": ("revenue", "收入"),
    "period": ("period", "时间范围"),
    "gini": ("gini", "基尼系数"),
    "top_20_percent_share": ("top 20 percent share", "前 20% 客户的收入占比"),
    "clv_total": ("clv total", "CLV 合计"),
    "clv_horizon_weeks": ("clv horizon weeks", "CLV 预测期 (周)"),
    "snapshot": ("snapshot", "分析日期"),
    "one_time_buyers": ("one time buyers", "只购买一次的客户"),
    "top_revenue_segment": ("top revenue segment", "收入最高的客户群"),
    "k_means_clusters": ("k means clusters", "k-means 聚类数"),
    "baskets": ("baskets", "购物篮数"),
    "rules": ("rules", "规则数"),
    "non_redundant_rules": ("non redundant rules", "非冗余规则数"),
    "top_rule": ("top rule", "提升度最高的规则"),
    "respondents": ("respondents", "受访者"),
    "nps": ("nps", "净推荐值 NPS"),
    "largest_type": ("largest type", "人数最多的类型"),
    "satisfaction_alpha": ("satisfaction alpha", "满意度量表的 α 系数"),
    "repeat_rate": ("repeat rate", "重复购买率"),
    "most_common_loyalty_type": ("most common loyalty type", "最常见的忠诚类型"),
    "largest_stage": ("largest stage", "人数最多的阶段"),
    "largest_stage_share": ("largest stage share", "该阶段的客户占比"),
}

_HEADLINE_WORD = {"en": "Headline", "zh": "本章要点"}


def _format_warning(message, category, filename, lineno, line=None) -> str:
    return f"{category.__name__}: {message}\n"


def _warnings_without_paths() -> None:
    """Show warnings in a chapter as ``Category: message``, without the file path and source line.

    Python's default names the file a warning came from (``/tmp/ipykernel_…/….py:3``, a site-packages
    path); a stored notebook or a report page must not carry this machine's paths.
    """
    import warnings

    warnings.formatwarning = _format_warning


def headline(lang: str = "en", **values) -> None:
    """Show headline figures in a notebook; the report's index collects them per chapter.

    Call it once near the end of a chapter notebook, e.g.
    ``headline(customers=23570, revenue=2500315.63, lang=lang)``. Under ``lang="zh"`` the figures
    are named in 中文 (:data:`HEADLINE_TERMS`), on the page and in the report's index.
    """
    from IPython.display import display

    from .labels import check_lang

    check_lang(lang)
    index = 0 if lang == "en" else 1
    named = [(HEADLINE_TERMS[k][index] if k in HEADLINE_TERMS else k.replace("_", " "), v)
             for k, v in values.items()]
    text = " · ".join(f"{name}: {format_value(v)}" for name, v in named)
    # A list of pairs, not an object: notebooks are saved with sorted keys, and the index should
    # show the figures in the order the chapter gives them. English keys stay keys (snake_case).
    pairs = [[k if lang == "en" else name, _jsonable(v)] for k, (name, v) in zip(values, named)]
    display({HEADLINE_MIME: pairs, "text/plain": f"{_HEADLINE_WORD[lang]} — {text}"}, raw=True)


def say(en: str, zh: str, *, lang: str = "en", when: bool = True) -> None:
    """Show a sentence of narrative that states a result, in the chapter's language.

    Both editions of a chapter share their code cells, so a sentence computed from the data is
    written once in each language, here, and formatted from the computed values (an f-string)::

        say(f"The median customer bought {median:.0f} times.",
            f"客户购买次数的中位数是 {median:.0f} 次。", lang=lang)

    ``when=False`` shows nothing: a remark that holds for one bundled data set is shown only when
    that data set is loaded (``when=data == "cdnow"``), so a run on other data never shows it.
    The text is Markdown; it is displayed as Markdown and as plain text (which nbval compares).
    """
    from IPython.display import display

    from .labels import check_lang

    check_lang(lang)
    if not when:
        return
    text = en if lang == "en" else zh
    display({"text/markdown": text, "text/plain": text}, raw=True)


def _jsonable(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, (int, float, str, bool)) or value is None else str(value)


def format_value(value) -> str:
    """A headline figure as text: thousands separators, two decimals for floats, lists joined."""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    return str(value)
