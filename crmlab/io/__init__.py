"""Reading real exports into canonical frames, with a quality report of every decision.

Course concept: the data step (数据准备) — any export (CSV/Excel/Parquet, any column names, any
encoding) becomes the canonical transaction or survey frame of :mod:`crmlab.schema`.

- :func:`read_transactions` — orders and order lines (:mod:`crmlab.io.transactions`);
- :func:`read_survey` — questionnaires (:mod:`crmlab.io.survey`);
- :func:`read_table` — a file as raw text columns (:mod:`crmlab.io.table`; values are read by
  :mod:`crmlab.io.values`);
- :class:`QualityReport`, :func:`quality_report` — what a reader found and did
  (:mod:`crmlab.io.quality` explains where the report lives: returned beside the frame with
  ``return_report=True``, and shown from a display copy that no computation reads).

Both readers speak one ``columns`` dialect: ``columns={role: your column}``, e.g.
``{"customer": "客户编号", "date": "下单时间"}`` or ``{"satisfaction": "满意度"}``.
"""

from __future__ import annotations

from .quality import QualityReport, quality_report
from .survey import SURVEY_COLUMNS, read_survey
from .table import read_table
from .transactions import read_transactions

__all__ = ["QualityReport", "quality_report", "read_table", "read_transactions", "read_survey", "SURVEY_COLUMNS"]
