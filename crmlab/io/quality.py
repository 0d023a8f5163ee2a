"""The quality report: what a reader found and did to the data, counted.

Course concept: data preparation you can audit — every row dropped, value converted or style
detected is written down, zero counts included.

Where the report lives
----------------------
The report is an object *returned beside the frame*, never an input of any computation:

- ``tx, report = read_transactions(..., return_report=True)`` (also :func:`~crmlab.io.read_survey`,
  :func:`crmlab.load_data`, :func:`crmlab.load_survey`) hands it over explicitly. Code that keeps a
  report for later (a report generator, a pipeline) should take it this way.
- For display, the reader also puts the same object in the returned frame's ``.attrs["quality"]``, so
  that a notebook can show it on the next line: ``crmlab.quality_report(tx)``. That copy is display
  only: pandas keeps ``.attrs`` through some steps (filtering, ``copy``, ``assign``) and drops them
  through others (on pandas 3: ``merge``, ``join`` or ``concat`` with a frame whose attrs differ,
  ``groupby`` aggregations).
  No crmlab function reads it as an input, and :func:`quality_report` never answers ``None``: on a
  frame that carries no report it raises :class:`~crmlab.DataError` saying to take the report from
  the reader (``return_report=True``) or from the frame the reader returned.

Why not the other homes. Returning ``(frame, report)`` always would break every ``tx =
read_transactions(...)`` in the notebooks and in users' code for the sake of the few who keep the
report; a registry keyed by frame identity (an object the frame does not carry) loses the report on
``tx.copy()`` and on every filter, which ``.attrs`` survive, and it would keep frames alive. Opt-in
return plus a display copy whose absence is an error, not a ``None``, keeps both uses safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import DataError

__all__ = ["QualityReport", "quality_report", "attach_report"]

#: Key of the display copy in ``DataFrame.attrs``.
ATTRS_KEY = "quality"

SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", r"\s+": "whitespace"}


@dataclass
class QualityReport:
    """What a reader found and did, counted.

    Attributes
    ----------
    source : str
        File name (never a full machine path) or ``"DataFrame"``.
    rows_read, rows_kept : int
        Data rows before and after cleaning.
    encoding, separator, date_format : str or None
        What was detected or given.
    items : list of (issue, count, action)
        One entry per decision, in the order they were taken.
    sheets : dict
        Excel only: the sheets read, in order, and the rows read from each.
    scales : dict
        Surveys only: the declared answer scale ``{column: (low, high)}`` each item was checked
        against (pass it on as ``scales=`` to the satisfaction functions).
    """

    source: str
    rows_read: int = 0
    rows_kept: int = 0
    encoding: str | None = None
    separator: str | None = None
    date_format: str | None = None
    items: list[tuple[str, int, str]] = field(default_factory=list)
    sheets: dict[str, int] = field(default_factory=dict)
    scales: dict[str, tuple[float, float]] = field(default_factory=dict)

    def add(self, issue: str, count: int, action: str) -> None:
        """Record ``count`` rows (or values) with ``issue`` and what was done (zero counts too)."""
        self.items.append((issue, int(count), action))

    def count(self, issue: str) -> int:
        """Total count recorded for ``issue`` (0 if never recorded)."""
        return sum(n for name, n, _ in self.items if name == issue)

    def to_frame(self) -> pd.DataFrame:
        """The report as a table: one row per decision, plus rows read and kept."""
        rows = [("rows read", self.rows_read, "")]
        rows += self.items
        rows.append(("rows kept", self.rows_kept, ""))
        return pd.DataFrame(rows, columns=["issue", "count", "action"]).set_index("issue")

    def __str__(self) -> str:
        detected = [f"encoding {self.encoding}" if self.encoding else None,
                    f"separator {SEPARATOR_NAMES.get(self.separator, repr(self.separator))}" if self.separator else None,
                    f"dates {self.date_format}" if self.date_format else None]
        detected = ", ".join(d for d in detected if d)
        header = (f"Data quality report for {self.source}: {self.rows_read:,} rows read, "
                  f"{self.rows_kept:,} kept" + (f" ({detected})" if detected else ""))
        lines = [header]
        for issue, count, action in self.items:
            if count:
                lines.append(f"  - {issue}: {count:,} → {action}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        import html

        return f"<p>{html.escape(self.__str__().splitlines()[0])}</p>" + self.to_frame().to_html()


def attach_report(frame: pd.DataFrame, report: QualityReport, return_report: bool):
    """A reader's return value: the frame with its display copy of ``report``, and the report if asked."""
    frame.attrs[ATTRS_KEY] = report
    return (frame, report) if return_report else frame


def quality_report(data: pd.DataFrame) -> QualityReport:
    """The :class:`QualityReport` of a frame a crmlab reader returned.

    Course concept: auditing the data step (数据质量报告).

    Parameters
    ----------
    data : DataFrame
        A frame returned by :func:`~crmlab.io.read_transactions`, :func:`~crmlab.io.read_survey`,
        :func:`crmlab.load_data`, :func:`crmlab.load_survey` or :func:`crmlab.datasets.make_survey`
        (or a filtered copy of one: the report still describes the data as read, ``rows_kept`` rows).

    Returns
    -------
    QualityReport

    Raises
    ------
    DataError
        When the frame carries no report (never ``None``): it was not made by a reader, or a pandas
        step dropped the display copy in ``.attrs`` (merge, join or concat with another frame,
        groupby aggregations). The message says to take the report from the reader with
        ``return_report=True``.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmlab.io import read_transactions
    >>> raw = pd.DataFrame({"customer_id": ["a", None], "order_date": ["2024-01-02", "2024-01-03"],
    ...                     "amount": [5, 6]})
    >>> tx, report = read_transactions(raw, return_report=True)
    >>> quality_report(tx) is report, report.count("missing customer id")
    (True, 1)
    """
    report = data.attrs.get(ATTRS_KEY) if isinstance(data, (pd.DataFrame, pd.Series)) else None
    if isinstance(report, QualityReport):
        return report
    what = type(data).__name__
    raise DataError(
        f"this {what} carries no quality report. Readers (crmlab.read_transactions, read_survey, load_data, "
        "load_survey) put one on the frame they return, for display only; pandas drops it in merge, join and "
        "concat with another frame and in groupby aggregations, and a frame you built yourself never had one. Take the report from "
        "the reader: `tx, report = crmlab.read_transactions(..., return_report=True)` (also load_data, "
        "read_survey, load_survey), or call quality_report() on the frame the reader returned, before "
        "transforming it.")

