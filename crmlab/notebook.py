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

__all__ = ["set_theme", "setup", "headline", "format_value", "HEADLINE_MIME", "DISPLAY_WIDTH"]

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
        print(report)
    return frame


def headline(**values) -> None:
    """Show headline figures in a notebook; the report's index collects them per chapter.

    Call it once near the end of a chapter notebook, e.g.
    ``headline(customers=23570, revenue=2500315.63)``.
    """
    from IPython.display import display

    text = " · ".join(f"{k.replace('_', ' ')}: {format_value(v)}" for k, v in values.items())
    # A list of pairs, not an object: notebooks are saved with sorted keys, and the index should
    # show the figures in the order the chapter gives them.
    display({HEADLINE_MIME: [[k, _jsonable(v)] for k, v in values.items()], "text/plain": f"Headline — {text}"},
            raw=True)


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
