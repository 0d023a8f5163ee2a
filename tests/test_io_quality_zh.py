"""The data-quality report in 中文 (the first output of every chapter of the 中文 edition)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crmlab.io import quality
from crmlab.io.quality import QualityReport

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _recorded_issues() -> set[str]:
    """The literal issue names the readers record (``report.add("…", …)``), found in their source."""
    found = set()
    for path in Path(quality.__file__).parent.glob("*.py"):
        found |= set(re.findall(r'report\.add\(\s*f?"([^"{]+)', path.read_text(encoding="utf-8")))
        found |= set(re.findall(r'issue = "([^"]+)"', path.read_text(encoding="utf-8")))
    return {i.strip() for i in found}


def test_every_issue_the_readers_record_has_a_chinese_name():
    issues = _recorded_issues()
    assert len(issues) >= 20, issues
    untranslated = [i for i in issues if not _CJK.search(quality._zh_issue(i))]
    assert not untranslated, untranslated


def test_report_text_in_chinese_counts_the_same_decisions():
    report = QualityReport("orders.csv", rows_read=1200, rows_kept=1100, encoding="gbk", separator=",",
                           date_format="%Y/%m/%d")
    report.add("missing customer id", 40, "dropped")
    report.add("returns and cancellations", 60, "dropped (value 1,234.50)")
    report.add("currency marks in '金额'", 3, "one currency (¥): marks removed")
    report.add("exact duplicate rows", 0, "kept (pass duplicates='drop' to remove)")
    en, zh = report.text("en"), report.text("zh")
    assert str(report) == en and len(en.splitlines()) == len(zh.splitlines()) == 4  # zero counts not listed
    assert zh.splitlines()[0] == "数据质量报告（orders.csv）：读取 1,200 行，保留 1,100 行（编码 gbk，分隔符 逗号，日期格式 %Y/%m/%d）"
    assert "  - 缺少客户编号：40 → 已删除" in zh
    assert "  - 退货与取消：60 → 已删除（金额 1,234.50）" in zh
    assert "货币符号，列 '金额'：3 → 单一币种" in zh
    with pytest.raises(ValueError, match="lang="):
        report.text("fr")
