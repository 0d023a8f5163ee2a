"""English / 中文 terms for tables and plots (the CJK font they need is in :mod:`crmlab._fonts`).

Course concept: the course is taught in Chinese; every label the kit shows exists in both
languages (``lang="en"`` or ``lang="zh"``).

Chapter modules keep their own term tables (``{key: (english, chinese)}``) next to the code that
uses them and look terms up with :func:`term`; the terms every chapter shares live here. Every
concept has one 中文 term, fixed in :mod:`crmlab.glossary` (the 术语表); ``tests/test_glossary.py``
checks that every term table follows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from .glossary import lookup, pair

LANGS = ("en", "zh")

#: Terms shared by every chapter: key → (English, 中文). Concepts come from the glossary
#: (:mod:`crmlab.glossary`, one term per concept); the rest are column labels.
TERMS: dict[str, tuple[str, str]] = {
    "customer_id": ("Customer", "客户编号"),
    "order_date": ("Order date", "下单日期"),
    "amount": ("Amount", "金额"),
    "order_id": ("Order", "订单号"),
    "product": ("Product", "商品"),
    "category": ("Category", "品类"),
    "quantity": ("Quantity", "数量"),
    "channel": ("Channel", "渠道"),
    "region": ("Region", "地区"),
    "customers": pair("customers"),
    "share_of_customers": pair("share_of_customers"),
    "revenue": pair("revenue"),
    "share_of_revenue": pair("share_of_revenue"),
    "segment": pair("segment"),
    "count": ("Count", "数量"),
    "share": ("Share", "占比"),
    "recency": ("Recency (days)", f"{lookup('recency', 'zh')} (天)"),
    "frequency": pair("frequency"),
    "monetary": pair("monetary"),
}




def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"en"`` or ``"zh"``; raise ``ValueError`` otherwise."""
    if lang not in LANGS:
        raise ValueError(f"lang={lang!r} is not one of {LANGS}.")
    return lang


def term(key: str, lang: str = "en", table: Mapping[str, tuple[str, str]] | None = None) -> str:
    """Translate ``key`` into ``lang`` using ``table`` first, then the shared :data:`TERMS`.

    Unknown keys come back unchanged, so data values (a product name) pass through.

    Examples
    --------
    >>> term("revenue", "zh")
    '收入'
    >>> term("Champions", "zh", {"Champions": ("Champions", "冠军客户")})
    '冠军客户'
    """
    check_lang(lang)
    for source in (table or {}, TERMS):
        if key in source:
            return source[key][0 if lang == "en" else 1]
    return key


def both(key: str, table: Mapping[str, tuple[str, str]] | None = None) -> str:
    """``"English (中文)"`` for narrative text and headers, e.g. ``'Revenue (收入)'``."""
    en, zh = term(key, "en", table), term(key, "zh", table)
    return en if en == zh else f"{en} ({zh})"


def cjk_font() -> str:
    """The font family Chinese plot text is drawn with (the kit ships one, so there always is one).

    A full CJK font installed on the system (Noto Sans CJK SC, …) is preferred; otherwise the
    kit's own "crmlab CJK Sans" (see :mod:`crmlab._fonts`).
    """
    from ._fonts import cjk_family

    return cjk_family()


def plot_lang(lang: str) -> str:
    """Check ``lang`` and make sure plot text in it renders; returns ``lang``.

    Plot functions call this and label their axes with ``term(key, plot_lang(lang))``. It (re)applies
    the kit's CJK font fallback, which ``seaborn.set_theme`` and style sheets reset, for both
    languages: Chinese data (product names, segment labels) appear under ``lang="en"`` too.
    """
    from ._fonts import configure

    check_lang(lang)
    configure()
    return lang


def key_label(keys, lang: str, table: Mapping[str, tuple[str, str]] | None = None, *,
              order=None, ordered: bool = True) -> tuple[object, object]:
    """The one rule for translated categories: a stable key and a label in ``lang``.

    Chapter functions return a category as two columns, ``<name>_key`` (the key, English
    snake_case: what code compares) and ``<name>`` (its term in ``lang``, what people read).
    Code never translates a label back.

    Parameters
    ----------
    keys : Series
        The keys (missing values stay missing).
    lang : {"en", "zh"}
    table : mapping, optional
        Term table ``key → (English, 中文)``; unknown keys are their own label.
    order : sequence, optional
        All keys in display order: both columns become categoricals with these categories
        (``ordered`` or not).

    Returns
    -------
    (Series, Series)
        The keys and the labels, indexed like ``keys``.

    Examples
    --------
    >>> import pandas as pd
    >>> k, l = key_label(pd.Series(["true", "none"]), "zh", {"true": ("True loyalty", "绝对忠诚")})
    >>> l.tolist()
    ['绝对忠诚', 'none']
    """
    import pandas as pd

    check_lang(lang)
    keys = pd.Series(keys)
    mapping = {k: term(k, lang, table) for k in (order if order is not None else keys.dropna().unique())}
    labels = keys.map(mapping)
    if order is not None:
        cats = list(dict.fromkeys(order))
        keys = pd.Series(pd.Categorical(keys, categories=cats, ordered=ordered), index=keys.index, name=keys.name)
        labels = pd.Series(pd.Categorical(labels, categories=list(dict.fromkeys(mapping[k] for k in cats)),
                                          ordered=ordered), index=keys.index, name=keys.name)
    return keys, labels
