"""Where the quality report lives: beside the frame (return_report=True), never an input, never None."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import crmlab
from crmlab import DataError, datasets, quality_report, read_survey, read_transactions
from crmlab.io import QualityReport

PACKAGE = Path(crmlab.__file__).resolve().parent

_RAW = pd.DataFrame({"客户": ["a", "a", None, "b"], "日期": ["2024-01-02", "2024-02-03", "2024-02-04", "2024-03-01"],
                     "金额": ["10", "-4", "7", "5.5"]})
_COLUMNS = {"customer": "客户", "date": "日期", "amount": "金额"}


def _readers(tmp_path):
    """Every public way to read data, as (label, call taking return_report)."""
    path = tmp_path / "mine.csv"
    _RAW.to_csv(path, index=False)
    survey = tmp_path / "survey.csv"
    survey.write_text("id,sat\nr1,4\nr2,\n", encoding="utf-8")
    return [
        ("read_transactions(frame)", lambda **kw: read_transactions(_RAW, columns=_COLUMNS, **kw)),
        ("read_transactions(file)", lambda **kw: read_transactions(path, columns=_COLUMNS, **kw)),
        ("read_survey(file)", lambda **kw: read_survey(survey, respondent="id", scales=(1, 5), **kw)),
        ("load_data(bundled)", lambda **kw: crmlab.load_data("shop_orders", **kw)),
        ("load_data(synthetic)", lambda **kw: crmlab.load_data("synthetic:2", **kw)),
        ("load_data(file)", lambda **kw: crmlab.load_data(path, _COLUMNS, **kw)),
        ("load_survey(bundled)", lambda **kw: crmlab.load_survey("ecsi", **kw)),
        ("load_survey(synthetic)", lambda **kw: crmlab.load_survey("synthetic:1", **kw)),
        ("load_survey(file)", lambda **kw: crmlab.load_survey(str(survey), respondent="id", **kw)),
        ("load(table)", lambda **kw: datasets.load("delivered_value", **kw)),
    ]


def test_every_reader_returns_its_report_beside_the_frame(tmp_path):
    for label, read in _readers(tmp_path):
        plain = read()
        frame, report = read(return_report=True)
        assert isinstance(report, QualityReport), label
        pd.testing.assert_frame_equal(frame, plain, obj=label)
        # The display copy is the same object, and the report describes the frame it came with.
        assert quality_report(frame) is report, label
        assert report.rows_kept == len(frame) and report.rows_read >= len(frame), label


def test_the_report_counts_what_a_hand_count_finds():
    tx, report = read_transactions(_RAW, columns=_COLUMNS, return_report=True)
    # By hand: one row without customer, one negative amount (a return, dropped), two kept.
    assert (report.rows_read, report.rows_kept) == (4, 2)
    assert report.count("missing customer id") == 1 and report.count("returns and cancellations") == 1
    assert tx["amount"].tolist() == [10.0, 5.5]


def test_quality_report_never_answers_none(tmp_path):
    tx = read_transactions(_RAW, columns=_COLUMNS)
    report = quality_report(tx)
    other = pd.DataFrame({"customer_id": ["a", "b"], "segment": ["x", "y"]})
    # Whatever a pandas version keeps or drops, the answer is the reader's report or an error, never None.
    transformed = {
        "merge": lambda: tx.merge(other, on="customer_id"),
        "merge into a plain frame": lambda: other.merge(tx, on="customer_id"),
        "join": lambda: tx.join(pd.Series(1, index=tx.index, name="one")),
        "concat": lambda: pd.concat([tx, other]),
        "groupby": lambda: tx.groupby("customer_id")["amount"].sum().to_frame(),
        "filter": lambda: tx[tx["amount"] > 6],
        "copy": lambda: tx.copy(),
        "new frame": lambda: pd.DataFrame(tx.to_dict("list")),
    }
    for label, make in transformed.items():
        frame = make()
        try:
            found = quality_report(frame)
        except DataError as exc:
            assert "return_report=True" in str(exc), label
        else:
            assert found == report, label  # pandas deep-copies attrs: an equal copy
    stripped = tx.copy()
    stripped.attrs.clear()  # what pandas 3 does to a merge of frames whose attrs differ
    for frame in (stripped, other, other["customer_id"]):
        with pytest.raises(DataError, match=r"carries no quality report.*return_report=True"):
            quality_report(frame)


def _attrs_reads(tree: ast.AST):
    """``(line, key)`` of every read ``<x>.attrs[key]`` or ``<x>.attrs.get(key)`` (writes are not reads)."""
    def key(node):
        return node.value if isinstance(node, ast.Constant) else ast.unparse(node)

    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) \
                and isinstance(node.value, ast.Attribute) and node.value.attr == "attrs":
            yield node.lineno, key(node.slice)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "attrs" and node.args:
            yield node.lineno, key(node.args[0])


def test_nothing_reads_attrs_as_input_but_the_display_accessor():
    # The readers and loaders write display copies into .attrs but never read one back, except
    # quality_report(), the display accessor; no other module of the package reads the report there.
    data_step, report_readers = {}, {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        reads = list(_attrs_reads(ast.parse(path.read_text(encoding="utf-8"))))
        if reads and name.startswith(("io/", "datasets/")):
            data_step[name] = reads
        if any(k in ("quality", "ATTRS_KEY") for _, k in reads):
            report_readers[name] = reads
    assert set(data_step) == {"io/quality.py"}, data_step
    assert set(report_readers) == {"io/quality.py"}, report_readers


def test_make_survey_carries_its_declared_scales_in_the_report():
    s = crmlab.make_survey(100, seed=2)
    report = quality_report(s)
    assert report.rows_kept == len(s) == 100
    # Items on 1–5 except recommend on 0–10; the answers lie on them.
    assert report.scales["recommend"] == (0.0, 10.0)
    for column, (low, high) in report.scales.items():
        assert s[column].between(low, high).all(), column
