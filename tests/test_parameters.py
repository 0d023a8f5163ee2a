"""Chapter parameters and mapping files: every bad input stops in one line before a kernel starts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crmlab import report as rp
from crmlab._text import decode_user_text
from crmlab.cli import main
from crmlab.errors import DataError
from crmlab.report.parameters import SPECS, check_value


@pytest.fixture()
def no_kernel(monkeypatch):
    """Record what would be passed to papermill instead of starting a kernel."""
    import papermill as pm

    calls = []

    def fake(notebook, output, parameters=None, **kwargs):
        json.dumps(parameters)  # papermill sends parameters to the kernel as JSON
        calls.append(parameters)
        raise RuntimeError("stopped by the test before a kernel starts")

    monkeypatch.setattr(pm, "execute_notebook", fake)
    return calls


def test_every_kit_parameter_is_declared_and_its_default_fits():
    import ast

    for notebook in rp.list_notebooks():
        for name, info in rp.notebook_parameters(notebook).items():
            assert name in SPECS, f"{notebook.stem}: parameter {name!r} has no declaration in crmlab.report.parameters"
            default = ast.literal_eval(info["default"])
            check_value(name, default, SPECS[name])  # raises if the chapter's own default is refused


@pytest.mark.parametrize("chapter, name, value, message", [
    ("02", "snapshot", "tomorrow", "parameter 'snapshot' expects date like 2024-06-01 or null, got 'tomorrow': not a date"),
    ("02", "snapshot", "2024-13-45", "parameter 'snapshot' expects date"),
    ("02", "bins", "1000000", "parameter 'bins' expects whole number 2 … 10, score levels, got int 1000000: out of range"),
    ("02", "bins", "1", "out of range"),
    ("02", "seed", "-1", "parameter 'seed' expects whole number 0 … 4,294,967,295"),
    ("02", "n_clusters", "100000", "parameter 'n_clusters' expects whole number 2 … 20 or null"),
    ("02", "method", "median", "parameter 'method' expects 'quantile' or 'rank' or 'mean' or a mapping"),
    ("02", "lang", "fr", "parameter 'lang' expects 'en' or 'zh'"),
    ("03", "min_support", "0", "parameter 'min_support' expects number above 0 … 1"),
    ("03", "min_confidence", "1.5", "out of range"),
    ("04", "scale", "[5, 1]", "low must be below high"),
    ("04", "satisfaction_items", "[]", "expects list of column names"),
    ("05", "freq", "D", "parameter 'freq' expects 'M' or 'Q' or 'Y'"),
    ("06", "churn_after_days", "0", "out of range"),
    ("01", "margin", "true", "parameter 'margin' expects number"),
    ("01", "horizon", "2.5", "parameter 'horizon' expects whole number"),
])
def test_bad_parameter_stops_in_one_line_before_any_kernel(tmp_path, no_kernel, chapter, name, value, message):
    result = CliRunner().invoke(main, ["run", chapter, "--out", str(tmp_path / "out"), "--no-progress",
                                       "-p", name, value])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert no_kernel == [], "nothing may start before the parameters are known to be good"


@pytest.mark.parametrize("value, passed", [
    ("2024-06-01", "2024-06-01"),          # YAML makes this a datetime.date, which JSON cannot carry
    ("'2024-06-01'", "2024-06-01"),
    ("2024-06-01 12:30:00", "2024-06-01T12:30:00"),
    ("null", None),
])
def test_snapshot_date_reaches_the_kernel_as_iso_text(tmp_path, no_kernel, value, passed):
    result = CliRunner().invoke(main, ["run", "02", "--out", str(tmp_path / "out"), "--no-progress",
                                       "-p", "snapshot", value])
    assert no_kernel and no_kernel[0]["snapshot"] == passed, result.output


def test_snapshot_in_a_parameters_file_and_in_python(tmp_path, no_kernel):
    import datetime as dt

    import pandas as pd

    params = tmp_path / "p.yaml"
    params.write_text("'02':\n  snapshot: 1998-07-01\n", encoding="utf-8")
    CliRunner().invoke(main, ["run", "02", "--out", str(tmp_path / "o"), "--no-progress", "-f", str(params)])
    assert no_kernel[-1]["snapshot"] == "1998-07-01"
    for value in (dt.date(1998, 7, 1), pd.Timestamp("1998-07-01"), pd.Period("1998-07-01", "D")):
        rp.run_notebook(rp.find_notebook("02"), tmp_path / "o2", {"snapshot": value}, html_page=False)
        assert no_kernel[-1]["snapshot"] == "1998-07-01"


# --------------------------------------------------------------------------------------------
# Mapping files
# --------------------------------------------------------------------------------------------

@pytest.fixture()
def orders(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("客户编号,下单时间,金额\nA,2024-01-05,12.5\nB,2024-02-01,8\nA,2024-03-01,3\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("mapping, message", [
    ("customer: 客户编号\ndate: 下单时间\namount: 金额\nencodng: gbk\n",
     "column mapping key 'encodng' is not a reader option; did you mean 'encoding'?"),
    ("customer: 客户编号\ndate: 下单时间\nammount: 金额\n", "did you mean 'amount'?"),
    ("customer: 客户编号\ndate: 下单时间\namount: 金额\nreturn_report: true\n",
     "column mapping key 'return_report' is not a reader option"),
    ("customer: 客户编号\ndate: 下单日期\namount: 金额\n",
     "column '下单日期' (for order_date) is not in the data. Did you mean date='下单时间'?"),
    ("customer: 客户\ndate: 下单时间\namount: 金额\n", "column '客户' (for customer_id) is not in the data"),
])
def test_mapping_that_does_not_fit_stops_before_any_kernel(tmp_path, orders, no_kernel, mapping, message):
    path = tmp_path / "mapping.yaml"
    path.write_text(mapping, encoding="utf-8")
    for command in (["run", "02"], ["report", "--chapters", "02,05"]):
        result = CliRunner().invoke(main, [*command, "--data", str(orders), "--columns", str(path),
                                           "--out", str(tmp_path / "out"), "--no-progress"])
        assert result.exit_code == 2, result.output
        assert message in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert no_kernel == []


def test_a_fitting_mapping_passes_the_check(tmp_path, orders, no_kernel):
    path = tmp_path / "mapping.yaml"
    path.write_text("customer: 客户编号\ndate: 下单时间\namount: 金额\nreturns: net\n", encoding="utf-8")
    CliRunner().invoke(main, ["run", "02", "--data", str(orders), "--columns", str(path),
                              "--out", str(tmp_path / "out"), "--no-progress"])
    assert no_kernel and no_kernel[0]["columns"]["returns"] == "net"


@pytest.mark.parametrize("text, encoding", [
    ("customer: Umsätze\n", "cp1252"),
    ("customer: Müller\n", "cp1252"),
    ("customer: Señor\n", "cp1252"),
    ("customer: Café\n", "cp1252"),
    ("customer: Kunde Ø\n", "cp1252"),
    ("customer: 客户编号\ndate: 下单时间\n", "gbk"),
    ("customer: SKU编号\n", "gbk"),
    ("customer: 喆堃昇\n", "gbk"),            # GBK outside GB2312, one with an ASCII second byte
    ("customer: 客户编号\n", "utf-8"),
    ("customer: Müller\n", "utf-8-sig"),
])
def test_hand_written_files_are_read_as_written(text, encoding):
    decoded, _ = decode_user_text(text.encode(encoding), "mapping.yaml")
    assert decoded.replace("\ufeff", "") == text


def test_text_that_reads_two_ways_is_refused_naming_the_file():
    # GBK 客户 next to cp1252 "Umsätze": no single encoding writes this; refuse rather than guess.
    raw = "客户".encode("gbk") + b": Ums" + "ä".encode("cp1252") + b"tze\n"
    with pytest.raises(DataError, match="mapping.yaml.*save the file as UTF-8"):
        decode_user_text(raw, "mapping.yaml", what="file")


def test_cp1252_mapping_file_reaches_the_reader_intact(tmp_path, no_kernel):
    data = tmp_path / "orders.csv"
    data.write_bytes("Kunde,Datum,Umsätze\nMüller,2024-01-05,12.5\nCafé,2024-02-01,8\n".encode("cp1252"))
    path = tmp_path / "mapping.yaml"
    path.write_bytes("customer: Kunde\ndate: Datum\namount: Umsätze\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["run", "02", "--data", str(data), "--columns", str(path),
                                       "--out", str(tmp_path / "out"), "--no-progress"])
    assert no_kernel and no_kernel[0]["columns"]["amount"] == "Umsätze", result.output


@pytest.mark.parametrize("chapter, data", [("02", "ecsi"), ("04", "cdnow")])
def test_data_of_the_other_kind_stops_before_any_kernel(tmp_path, no_kernel, chapter, data):
    """A chapter's data is read by the reader of the kind the chapter declares, so a survey given to a
    transactions chapter (or the reverse) stops with the reader's reason instead of failing in the kernel."""
    with pytest.raises(rp.ParameterError, match=f"data {data!r}"):
        rp.run_notebook(rp.find_notebook(chapter), tmp_path, {"data": data, "columns": {}}, html_page=False)
    assert no_kernel == []
