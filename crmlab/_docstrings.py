"""Shared numpydoc fragments, so a parameter that means the same everywhere is described once.

As seaborn does (``seaborn._docstrings``): a docstring holds a marker such as ``{ax}`` on a line
of its own, indented like the other parameters, and :func:`fill_doc` replaces it with the fragment.
Only the markers below are replaced, so braces elsewhere in a docstring (dict reprs in examples)
are left alone.
"""

from __future__ import annotations

import textwrap

#: Fragments: marker → numpydoc parameter entry (name line, then the description).
FRAGMENTS: dict[str, str] = {
    "customer": "customer : str\n    Customer id column (canonical default ``\"customer_id\"``).",
    "date": "date : str\n    Order date column (canonical default ``\"order_date\"``); date text is parsed, values\n"
            "    that are not dates stop with a :class:`~crmlab.DataError` naming them.",
    "amount": "amount : str\n    Order amount column (canonical default ``\"amount\"``).",
    "ax": "ax : matplotlib.axes.Axes, optional\n    Axes to draw on; default a new figure. The same Axes is returned.",
    "lang": "lang : {\"en\", \"zh\"}\n    Language of titles, axis labels and category labels (Chinese plot text needs a CJK\n"
            "    font, else English with a warning).",
    "seed": "seed : int\n    Seed of the random numbers, so the result is reproducible.",
}


def fill_doc(func):
    """Replace ``{marker}`` lines of ``func.__doc__`` with the :data:`FRAGMENTS`, keeping the indentation."""
    doc = func.__doc__ or ""
    lines = []
    for line in doc.split("\n"):
        stripped = line.strip()
        if stripped.startswith("{") and stripped.endswith("}") and stripped[1:-1] in FRAGMENTS:
            indent = line[: len(line) - len(line.lstrip())]
            lines.append(textwrap.indent(FRAGMENTS[stripped[1:-1]], indent))
        else:
            lines.append(line)
    func.__doc__ = "\n".join(lines)
    return func
