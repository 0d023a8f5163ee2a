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

import re

from dataclasses import dataclass, field

import pandas as pd

from ..errors import DataError

__all__ = ["QualityReport", "quality_report", "attach_report"]

#: Key of the display copy in ``DataFrame.attrs``.
ATTRS_KEY = "quality"

SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", r"\s+": "whitespace"}

# 中文 of the report (the 中文 edition's first output). Issues are translated whole or by their
# leading phrase (a column or sheet name may follow); actions by their leading word, the details
# after it (values, file names, options to pass) stay as the reader wrote them.
_ZH_SEPARATORS = {"comma": "逗号", "semicolon": "分号", "tab": "制表符", "pipe": "竖线", "whitespace": "空白"}
_ZH_ISSUES = {
    "missing answers": "缺失的回答", "not-applicable codes": "“不适用”代码", "reverse-coded items": "反向计分题项",
    "items on a declared scale": "按声明量表检查的题项", "sheets with other columns": "列不同的工作表",
    "other sheets with the same columns": "列相同的其他工作表", "title lines above the header": "表头上方的标题行",
    "returns netted against earlier purchases": "与先前购买冲抵的退货",
    "returns with no matching earlier purchase": "找不到对应购买的退货", "purchase lines fully returned": "全部退货的购买行",
    "order ids marked as cancellations": "标记为取消的订单号", "order ids starting with 'C'": "以 'C' 开头的订单号",
    "order dates outside date_range": "超出 date_range 的下单日期", "implausible order dates": "不合理的下单日期",
    "totals row at the bottom": "末尾的合计行", "missing customer id": "缺少客户编号", "missing order date": "缺少下单日期",
    "amount computed as quantity × unit price": "金额按 数量 × 单价 计算", "missing amount": "缺少金额",
    "returns and cancellations": "退货与取消", "zero amount": "金额为零", "exact duplicate rows": "完全重复的行",
    "number style of the file": "文件的数字格式", "currency marks in": "货币符号，列",
    "ambiguous thousands/decimal separators in": "千位/小数分隔符有歧义，列", "rows from sheet": "读取的行，工作表",
    "decimal commas in": "小数逗号，列", "dates with and without time zone in": "日期有的带时区有的不带，列",
    "ambiguous day/month order in": "日/月顺序有歧义，列",
}
_ZH_ACTIONS = (("turned round as", "已反向计分"), ("checked against the scale", "已按量表检查"),
               ("kept as negative amounts", "保留为负金额"), ("kept as ordinary orders", "作为普通订单保留"),
               ("kept as NaN", "保留为缺失值 (NaN)"), ("set to NaN", "设为缺失值 (NaN)"),
               ("treated as cancellations", "视为取消"), ("subtracted from", "从客户对应的购买行中扣除"),
               ("one currency", "单一币种"), ("read as decimal commas", "按小数逗号读取"),
               ("read as decimal points", "按小数点读取"), ("read as day/month", "按 日/月 读取"),
               ("not read", "未读取"),
               ("dropped", "已删除"), ("removed", "已移除"), ("netted", "已冲抵"), ("computed", "已计算"),
               ("skipped", "已跳过"), ("kept", "保留"), ("read", "已读取"), ("none", "无"))


_ZH_DETAILS = ((r"\bvalue (-?[\d,.]+)", r"金额 \1"), (r"pass (\S+) to remove", r"传入 \1 可删除"),
               (r"pass (\S+) to choose the window", r"传入 \1 可自定时间窗口"), (r"\bpass (\S+)", r"可传入 \1"))


def _zh_issue(issue: str) -> str:
    for english in sorted(_ZH_ISSUES, key=len, reverse=True):
        if issue == english or issue.startswith(english + " "):
            rest = issue[len(english):].strip()
            return _ZH_ISSUES[english] + (f" {rest}" if rest else "")
    return issue


def _zh_action(action: str) -> str:
    for english, chinese in _ZH_ACTIONS:
        if action.startswith(english):
            rest = action[len(english):].lstrip(" :;,").strip("()")
            for pattern, replacement in _ZH_DETAILS:
                rest = re.sub(pattern, replacement, rest)
            return chinese + (f"（{rest}）" if rest else "")
    return action


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

    def text(self, lang: str = "en") -> str:
        """The report as text in ``lang`` (``"en"`` or ``"zh"``): what was read, and each decision with a count."""
        separator = SEPARATOR_NAMES.get(self.separator, repr(self.separator)) if self.separator else None
        if lang == "zh":
            detected = [f"编码 {self.encoding}" if self.encoding else None,
                        f"分隔符 {_ZH_SEPARATORS.get(separator, separator)}" if separator else None,
                        f"日期格式 {self.date_format}" if self.date_format else None]
            detected = "，".join(d for d in detected if d)
            lines = [f"数据质量报告（{self.source}）：读取 {self.rows_read:,} 行，保留 {self.rows_kept:,} 行"
                     + (f"（{detected}）" if detected else "")]
            lines += [f"  - {_zh_issue(issue)}：{count:,} → {_zh_action(action)}"
                      for issue, count, action in self.items if count]
            return "\n".join(lines)
        if lang != "en":
            raise ValueError(f"lang={lang!r} is not one of ('en', 'zh').")
        detected = [f"encoding {self.encoding}" if self.encoding else None,
                    f"separator {separator}" if separator else None,
                    f"dates {self.date_format}" if self.date_format else None]
        detected = ", ".join(d for d in detected if d)
        header = (f"Data quality report for {self.source}: {self.rows_read:,} rows read, "
                  f"{self.rows_kept:,} kept" + (f" ({detected})" if detected else ""))
        lines = [header]
        for issue, count, action in self.items:
            if count:
                lines.append(f"  - {issue}: {count:,} → {action}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text("en")

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

