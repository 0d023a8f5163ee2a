"""read_transactions never returns silently wrong numbers (issue 12, "Silently wrong numbers").

Files are laid out like real exports (title rows, totals rows, GBK, two-sheet workbooks written
with openpyxl, Parquet written by pyarrow without pandas metadata). Expected values are worked
out by hand or computed in the test from the rows written, never by crmlab.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from crmlab import CrmlabWarning, DataError, quality_report, read_transactions


def _write(path: Path, content) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        content(path)
    return path


def _read_quiet(path, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CrmlabWarning)
        return read_transactions(path, **kwargs)


def _totals(tx: pd.DataFrame) -> dict:
    return {k: round(v, 6) for k, v in tx.groupby("customer_id")["amount"].sum().items()}


# --------------------------------------------------------------------------------------------
# 1. cancel_prefix: the UCI "C" + digits convention only where it is the file's scheme
# --------------------------------------------------------------------------------------------

UCI = (b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n"
       b"536370,12583,2010-12-01,24,3.75\n"
       b"C536371,12583,2010-12-02,2,3.75\n"      # a cancellation written with a positive quantity
       b"536372,12584,2010-12-13,1,10\n")
UCI_NO_CANCEL = (b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n"
                 b"536370,12583,2010-12-01,24,3.75\n536372,12584,2010-12-13,1,10\n")
# A POS export: random alphanumeric transaction ids, some of which happen to start with C.
POS = (b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n"
       b"A93JD1,k1,2024-01-02,1,10\n"
       b"C7X2KQ,k2,2024-01-03,2,5\n"
       b"CQ3P0Z,k3,2024-01-04,1,7.5\n"
       b"Z00Q1M,k1,2024-01-05,3,2\n")
# Order ids that all start with C ("C0001"): the shop's scheme, not cancellations.
ALL_C = (b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n"
         b"C0001,k1,2024-01-02,1,10\nC0002,k2,2024-01-03,2,5\n")
UCI_MAP = dict(customer="CustomerID", date="InvoiceDate", amount=None, quantity="Quantity",
               unit_price="UnitPrice", order="InvoiceNo")


@pytest.mark.parametrize("content, options, totals, marked", [
    (UCI, {}, {"12583": 90.0, "12584": 10.0}, 1),
    (UCI, {"cancel_prefix": "C"}, {"12583": 90.0, "12584": 10.0}, 1),
    (UCI, {"cancel_prefix": None}, {"12583": 97.5, "12584": 10.0}, 0),
    (UCI_NO_CANCEL, {}, {"12583": 90.0, "12584": 10.0}, 0),
    (POS, {}, {"k1": 16.0, "k2": 10.0, "k3": 7.5}, 0),
    (POS, {"cancel_prefix": "C"}, {"k1": 16.0}, 2),
    (ALL_C, {}, {"k1": 10.0, "k2": 10.0}, 0),
], ids=["uci auto", "uci forced", "uci off", "uci without cancellations (zero counted)",
        "pos ids auto: C is part of the id", "pos ids forced", "all ids start with C"])
def test_cancel_prefix_table(tmp_path, content, options, totals, marked):
    tx = read_transactions(_write(tmp_path / "orders.csv", content), **UCI_MAP, **options)
    assert _totals(tx) == totals
    report = quality_report(tx)
    assert "order ids marked as cancellations" in [name for name, _, _ in report.items]
    assert report.count("order ids marked as cancellations") == marked


def test_cancel_prefix_auto_says_why_c_ids_were_kept(tmp_path):
    tx = read_transactions(_write(tmp_path / "pos.csv", POS), **UCI_MAP)
    report = quality_report(tx)
    assert report.count("order ids starting with 'C'") == 2
    assert "cancel_prefix='C'" in str(report)


def test_cancel_prefix_bad_value(tmp_path):
    with pytest.raises(DataError, match="cancel_prefix="):
        read_transactions(_write(tmp_path / "pos.csv", POS), **UCI_MAP, cancel_prefix="")


# --------------------------------------------------------------------------------------------
# 2. Integer ids exact from every source
# --------------------------------------------------------------------------------------------

BIG = [1760000000000000001, 1760000000000000002, None, 1760000000000000003, 1760000000000000002]


def _arrow_parquet(columns: dict, types: dict):
    def write(path: Path) -> None:
        table = pa.table({k: pa.array(v, type=types.get(k)) for k, v in columns.items()})
        assert table.schema.metadata is None  # as Spark, DuckDB or plain pyarrow write it
        pq.write_table(table, path)
    return write


def _xlsx_cells(rows: list[list], *, text_columns=()):
    """A workbook written cell by cell with openpyxl; ``text_columns`` are stored as text cells."""
    def write(path: Path) -> None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        for column in text_columns:
            for cell in sheet[column]:
                cell.number_format = "@"
                cell.data_type = "s"
        book.save(path)
    return write


PARQUET_IDS = _arrow_parquet(
    {"cid": BIG, "oid": [9000000000000000011, None, 9000000000000000013, 9000000000000000014, 9000000000000000015],
     "ts": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]).to_pydatetime().tolist(),
     "amount": [1.0, 2.0, 4.0, 8.0, 16.0]},
    {"cid": pa.int64(), "oid": pa.int64()})


@pytest.mark.parametrize("name, content, options, totals", [
    ("parquet int64 ids with nulls, no pandas metadata", PARQUET_IDS, dict(customer="cid", date="ts", order="oid"),
     {"1760000000000000001": 1.0, "1760000000000000002": 18.0, "1760000000000000003": 8.0}),
    ("19-digit ids stored as text in a CSV", b"cid,d,v\n1760000000000000001,2024-01-01,1\n"
     b"1760000000000000002,2024-01-02,2\n1760000000000000001,2024-01-03,4\n0000000000000000042,2024-01-04,8\n",
     dict(customer="cid", date="d", amount="v"),
     {"1760000000000000001": 5.0, "1760000000000000002": 2.0, "0000000000000000042": 8.0}),
    ("19-digit ids stored as text cells in Excel",
     _xlsx_cells([["cid", "d", "v"], ["1760000000000000001", "2024-01-01", 1],
                  ["1760000000000000002", "2024-01-02", 2], ["1760000000000000001", "2024-01-03", 4]],
                 text_columns="A"),
     dict(customer="cid", date="d", amount="v"), {"1760000000000000001": 5.0, "1760000000000000002": 2.0}),
    ("15-digit numeric ids in Excel are exact", _xlsx_cells([["cid", "d", "v"], [123456789012345, "2024-01-01", 1],
                                                             [123456789012346, "2024-01-02", 2]]),
     dict(customer="cid", date="d", amount="v"), {"123456789012345": 1.0, "123456789012346": 2.0}),
], ids=lambda v: v if isinstance(v, str) else "")
def test_integer_ids_exact(tmp_path, name, content, options, totals):
    suffix = ".parquet" if "parquet" in name else ".xlsx" if "Excel" in name else ".csv"
    tx = read_transactions(_write(tmp_path / f"ids{suffix}", content), **options)
    assert _totals(tx) == totals
    if "order" in options:
        # The row without a customer id (order ...013) is dropped; the one without an order id kept.
        assert set(tx["order_id"].dropna()) == {"9000000000000000011", "9000000000000000014",
                                       "9000000000000000015"}


def test_float_ids_from_plain_read_csv_get_their_integers_back(tmp_path):
    # What a user gets from pd.read_csv on a file with a missing id: float64 ids.
    path = _write(tmp_path / "raw.csv", b"cid,d,v\n12583,2024-01-01,1\n,2024-01-02,2\n"
                                         b"9007199254740991,2024-01-03,4\n12584,2024-01-04,8\n")
    raw = pd.read_csv(path)
    assert raw["cid"].dtype == "float64"
    tx = read_transactions(raw, customer="cid", date="d", amount="v")
    assert _totals(tx) == {"12583": 1.0, "9007199254740991": 4.0, "12584": 8.0}


@pytest.mark.parametrize("name, content, options, message", [
    ("DataFrame float ids above 2**53", pd.DataFrame({"cid": [1.76e18, 1.76e18 + 512, np.nan], "d": ["2024-01-01"] * 3,
                                                      "v": [1, 2, 3]}),
     dict(customer="cid", date="d", amount="v"), "2**53"),
    ("Parquet double ids above 2**53", _arrow_parquet({"cid": [1.76e18, None], "d": ["2024-01-01", "2024-01-02"],
                                                      "v": [1.0, 2.0]}, {}),
     dict(customer="cid", date="d", amount="v"), "2**53"),
    ("Excel numbers of more than 15 digits", _xlsx_cells([["cid", "d", "v"], [1760000000000000001, "2024-01-01", 1],
                                                          [1760000000000000002, "2024-01-02", 2]]),
     dict(customer="cid", date="d", amount="v"), "15 significant digits"),
    ("Excel-shown scientific ids in a CSV", b"cid,d,v\n1.76E+18,2024-01-01,1\n1.76E+18,2024-01-02,2\n",
     dict(customer="cid", date="d", amount="v"), "scientific notation"),
    ("rounded order ids", pd.DataFrame({"cid": ["a", "b"], "oid": [9.0e18, 9.1e18], "d": ["2024-01-01"] * 2,
                                        "v": [1, 2]}),
     dict(customer="cid", date="d", amount="v", order="oid"), "'oid' (order=)"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_rounded_ids_are_refused(tmp_path, name, content, options, message):
    if isinstance(content, pd.DataFrame):
        source = content
    else:
        suffix = ".parquet" if "Parquet" in name else ".xlsx" if "Excel numbers" in name else ".csv"
        source = _write(tmp_path / f"ids{suffix}", content)
    with pytest.raises(DataError) as info:
        read_transactions(source, **options)
    text = str(info.value)
    assert message in text and "rounded before crmlab saw them" in text and "text" in text.lower()


# --------------------------------------------------------------------------------------------
# 3. Excel workbooks with several sheets
# --------------------------------------------------------------------------------------------

SHEET_2023 = pd.DataFrame({"客户编号": ["a", "b", "a"], "日期": ["2023-03-01", "2023-05-02", "2023-11-30"],
                           "金额": [10.0, 20.0, 5.5]})
SHEET_2024 = pd.DataFrame({"客户编号": ["a", "c"], "日期": ["2024-01-03", "2024-02-04"], "金额": [7.0, 30.0]})
NOTES = pd.DataFrame({"说明": ["导出自 ERP", "金额单位：元"]})
ZH = dict(customer="客户编号", date="日期", amount="金额")


def _workbook(sheets: dict[str, pd.DataFrame]):
    def write(path: Path) -> None:
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in sheets.items():
                frame.to_excel(writer, sheet_name=name, index=False)
    return write


def _expected(*frames) -> dict:
    both = pd.concat(frames)
    return {k: round(v, 6) for k, v in both.groupby("客户编号")["金额"].sum().items()}


@pytest.mark.parametrize("sheets, options, expected, sheets_read, warns", [
    ({"2023": SHEET_2023, "2024": SHEET_2024}, {}, _expected(SHEET_2023), {"2023": 3}, True),
    ({"2023": SHEET_2023, "2024": SHEET_2024}, {"sheet_name": None}, _expected(SHEET_2023, SHEET_2024),
     {"2023": 3, "2024": 2}, False),
    ({"2023": SHEET_2023, "2024": SHEET_2024, "说明": NOTES}, {"sheet_name": None},
     _expected(SHEET_2023, SHEET_2024), {"2023": 3, "2024": 2}, False),
    ({"2023": SHEET_2023, "2024": SHEET_2024}, {"sheet_name": "2024"}, _expected(SHEET_2024), {"2024": 2}, True),
    ({"2023": SHEET_2023, "说明": NOTES}, {}, _expected(SHEET_2023), {"2023": 3}, False),
], ids=["default warns", "sheet_name=None reads both", "a notes sheet is left out, counted",
        "one named sheet", "other sheet has other columns: no warning"])
def test_excel_sheets(tmp_path, sheets, options, expected, sheets_read, warns):
    path = _write(tmp_path / "orders.xlsx", _workbook(sheets))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tx = read_transactions(path, **ZH, **options)
    sheet_warnings = [w for w in caught if issubclass(w.category, CrmlabWarning) and "sheet" in str(w.message)]
    assert bool(sheet_warnings) == warns
    assert _totals(tx) == expected
    report = quality_report(tx)
    assert report.sheets == sheets_read
    for name, rows in sheets_read.items():
        assert report.count(f"rows from sheet {name!r}") == rows
    if options.get("sheet_name", 0) is None:
        assert report.count("sheets with other columns") == (1 if "说明" in sheets else 0)
    else:
        assert report.count("other sheets with the same columns") == (1 if warns else 0)


def test_excel_error_names_the_sheet_and_row(tmp_path):
    bad = SHEET_2024.assign(金额=["7", "thirty"])
    path = _write(tmp_path / "orders.xlsx", _workbook({"2023": SHEET_2023, "2024": bad}))
    with pytest.raises(DataError, match=r"line 3 \(sheet '2024'\): 'thirty'"):
        read_transactions(path, **ZH, sheet_name=None)


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = _write(tmp_path / "orders.xlsx", _workbook({"2023": SHEET_2023, "2024": SHEET_2024}))
    with pytest.raises(DataError, match="'2025'.*'2023', '2024'"):
        read_transactions(path, **ZH, sheet_name="2025")


# --------------------------------------------------------------------------------------------
# 4. Title rows above the header, totals rows at the bottom
# --------------------------------------------------------------------------------------------

ZH_TITLE = "订单明细报表\n导出时间：2024-04-01 09:00,,\n\n"
ZH_BODY = "客户编号,下单日期,金额\nA01,2024-03-01,120.50\nA02,2024-03-05,80.00\nA01,2024-03-20,35.25\n"
ZH_MAP = dict(customer="客户编号", date="下单日期", amount="金额")


def _titled_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in [["Sales report"], ["Period: 2024-03-01 to 2024-03-31"], [],
                ["Customer", "Order date", "Net amount"], ["A01", "2024-03-01", 120.5], ["A02", "2024-03-05", 80],
                ["A01", "2024-03-20", 35.25], ["Total", None, 235.75]]:
        sheet.append(row)
    book.save(path)


@pytest.mark.parametrize("name, filename, content, options, totals, counts", [
    ("GBK export with a title and a 合计 row", "zh.csv",
     (ZH_TITLE + ZH_BODY + "合计,,235.75\n").encode("gbk"), ZH_MAP,
     {"A01": 155.75, "A02": 80.0}, {"title lines above the header": 3, "totals row at the bottom": 1}),
    ("title rows, semicolons and decimal commas", "de.csv",
     "Umsatzbericht März 2024\nKunde;Datum;Betrag\nK1;01.03.2024;12,50\nK2;02.03.2024;7,25\n;;19,75\n"
     .encode("cp1252"), dict(customer="Kunde", date="Datum", amount="Betrag"),
     {"K1": 12.5, "K2": 7.25}, {"title lines above the header": 1, "totals row at the bottom": 1}),
    ("Excel with title rows and a Total row", "report.xlsx", _titled_xlsx,
     dict(customer="Customer", date="Order date", amount="Net amount"),
     {"A01": 155.75, "A02": 80.0}, {"totals row at the bottom": 1}),
    ("a customer called 合计 with a date is a customer", "real.csv",
     (ZH_BODY + "合计,2024-03-31,235.75\n").encode("gbk"), ZH_MAP,
     {"A01": 155.75, "A02": 80.0, "合计": 235.75}, {"totals row at the bottom": 0}),
    ("a customer called Total is a customer", "total.csv",
     b"customer_id,order_date,amount\nTotal,2024-03-01,5\nB,2024-03-02,7\nTotal,2024-03-03,12\n", {},
     {"Total": 17.0, "B": 7.0}, {"totals row at the bottom": 0}),
    ("a last row without a date that is not the sum stays a missing date", "nodate.csv",
     b"customer_id,order_date,amount\nA,2024-03-01,5\nB,2024-03-02,7\nC,,3\n", {},
     {"A": 5.0, "B": 7.0}, {"totals row at the bottom": 0, "missing order date": 1}),
    ("totals row with a label in the date column, sum within rounding", "label.csv",
     b"customer_id,order_date,amount\nA,2024-03-01,0.33\nB,2024-03-02,0.33\nC,2024-03-03,0.33\n,Total,1.00\n",
     {}, {"A": 0.33, "B": 0.33, "C": 0.33}, {"totals row at the bottom": 1}),
], ids=lambda v: v if isinstance(v, str) and " " in v else "")
def test_titles_and_totals(tmp_path, name, filename, content, options, totals, counts):
    path = _write(tmp_path / filename, content)
    tx = read_transactions(path, **options)
    assert _totals(tx) == totals
    report = quality_report(tx)
    for issue, n in counts.items():
        assert report.count(issue) == n, str(report)


def test_header_override_and_errors(tmp_path):
    path = _write(tmp_path / "zh.csv", (ZH_TITLE + ZH_BODY).encode("gbk"))
    tx = read_transactions(path, **ZH_MAP, header=3)
    assert _totals(tx) == {"A01": 155.75, "A02": 80.0}
    # Error lines are the file's own line numbers, title lines included.
    bad = _write(tmp_path / "bad.csv", (ZH_TITLE + ZH_BODY.replace("80.00", "八十")).encode("gbk"))
    with pytest.raises(DataError, match="line 6: '八十'"):
        read_transactions(bad, **ZH_MAP)
    with pytest.raises(DataError) as info:
        read_transactions(path, **ZH_MAP, header=0)
    assert "header=" in str(info.value)
    with pytest.raises(DataError) as info:
        read_transactions(path, customer="客户编号", date="订单日期", amount="金额")
    assert "header=" in str(info.value) and "'订单日期'" in str(info.value)
    with pytest.raises(DataError, match="header="):
        read_transactions(path, **ZH_MAP, header="3")


# --------------------------------------------------------------------------------------------
# 5. One currency per amount column
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("values, error, currency", [
    (["£12.00", "€10.00", "£3.50", "€1.25", "€2.00"], ["GBP 2 row(s)", "EUR 3 row(s)", "line 2: '£12.00'",
                                                      "line 3: '€10.00'", "Split the file"], None),
    (["$5", "¥30", "12"], ["USD 1 row(s)", "CNY 1 row(s)", "convert"], None),
    (["US$ 5", "HK$ 8"], ["USD", "HKD"], None),
    (["¥12.50", "￥3", "7元", "RMB 10", "CNY 2.5"], None, "CNY"),
    (["€12,50", "€1.234,00", "3,00"], None, "EUR"),
    (["$1,299.00", "$5", "7.25"], None, "USD"),
], ids=["pounds and euros", "dollars and yuan", "US and HK dollars", "all the yuan marks",
        "euros with decimal commas", "dollars"])
def test_currencies(tmp_path, values, error, currency):
    sep = ";" if any("€" in v for v in values) else ","
    lines = [f"customer_id{sep}order_date{sep}amount"]
    lines += [f"c{i}{sep}2024-01-{i + 1:02d}{sep}\"{v}\"" for i, v in enumerate(values)]
    path = _write(tmp_path / "money.csv", ("\n".join(lines) + "\n").encode("utf-8"))
    if error:
        with pytest.raises(DataError) as info:
            read_transactions(path)
        for part in error:
            assert part in str(info.value), str(info.value)
        assert "'amount'" in str(info.value)
    else:
        tx = read_transactions(path)
        report = quality_report(tx)
        marked = sum(1 for v in values if not v.replace(",", "").replace(".", "").isdigit())
        assert report.count("currency marks in 'amount'") == marked
        assert f"({currency})" in str(report)
        expected = {"¥12.50": 12.5, "￥3": 3, "7元": 7, "RMB 10": 10, "CNY 2.5": 2.5, "€12,50": 12.5,
                    "€1.234,00": 1234.0, "3,00": 3.0, "$1,299.00": 1299.0, "$5": 5.0, "7.25": 7.25}
        assert sorted(tx["amount"]) == sorted(expected[v] for v in values)


# --------------------------------------------------------------------------------------------
# 6. Implausible dates
# --------------------------------------------------------------------------------------------

def _dated(dates: list[str]) -> bytes:
    return ("customer_id,order_date,amount\n" + "".join(f"c{i},{d},{i + 1}\n" for i, d in enumerate(dates))).encode()


DENSE = ["2023-01-05", "2023-03-01", "2023-06-30", "2023-09-15", "2023-12-20"]


@pytest.mark.parametrize("dates, options, dropped, latest", [
    (DENSE + ["2100-01-01", "1900-01-01"], {}, ["2100-01-01", "1900-01-01"], "2023-12-20"),
    (DENSE + ["9999-12-31"], {}, ["9999-12-31"], "2023-12-20"),
    (DENSE + ["1969-12-31"], {}, ["1969-12-31"], "2023-12-20"),
    # 3 of 8 rows in 2150: the median is still a real date, so the rule holds.
    (DENSE + ["2150-01-01"] * 3, {}, ["2150-01-01"] * 3, "2023-12-20"),
    # Ten years of steady trade: nothing is implausible.
    ([f"{y}-06-01" for y in range(2010, 2021)], {}, [], "2020-06-01"),
    (DENSE + ["2100-01-01", "1900-01-01"], {"date_range": ("1900-01-01", "2100-12-31")}, [], "2100-01-01"),
    (DENSE + ["2100-01-01"], {"date_range": ("2023-03-01", "2023-09-15")},
     ["2023-01-05", "2023-12-20", "2100-01-01"], "2023-09-15"),
    (DENSE, {"date_range": (None, "2023-06-30")}, ["2023-09-15", "2023-12-20"], "2023-06-30"),
], ids=["2100 and 1900", "9999 placeholder", "just before 1970", "many junk rows", "ten dense years",
        "date_range keeps them", "date_range cuts both ends", "open start"])
def test_implausible_dates(tmp_path, dates, options, dropped, latest):
    path = _write(tmp_path / "dates.csv", _dated(dates))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tx = read_transactions(path, **options)
    report = quality_report(tx)
    issue = "order dates outside date_range" if "date_range" in options else "implausible order dates"
    assert report.count(issue) == len(dropped)
    kept = [d for d in dates if d not in dropped]
    assert sorted(tx["order_date"]) == sorted(pd.Timestamp(d) for d in kept)
    # The default snapshot (the latest order date) is not moved by the bad rows.
    assert tx["order_date"].max() == pd.Timestamp(latest)
    action = next(a for name, _, a in report.items if name == issue)
    for d in dropped[:5]:
        assert d in action
    if "date_range" not in options:
        assert any(issubclass(w.category, CrmlabWarning) for w in caught) == bool(dropped)


@pytest.mark.parametrize("date_range", [("2024-01-01", "2023-01-01"), ("soon", None), ("2023-01-01",)])
def test_bad_date_range(tmp_path, date_range):
    with pytest.raises(DataError, match="date_range="):
        read_transactions(_write(tmp_path / "d.csv", _dated(DENSE)), date_range=date_range)


# --------------------------------------------------------------------------------------------
# 7. Number style per file
# --------------------------------------------------------------------------------------------

SAP = ("Kunde\tBuchungsdatum\tMenge\tBetrag\n"
       "K1\t03.01.2024\t4,000\t12,50\n"
       "K2\t04.01.2024\t1,000\t1.234,00\n"
       "K1\t05.01.2024\t12,000\t3,75\n").encode("cp1252")
SAP_PRICE = ("Kunde\tDatum\tMenge\tPreis\n"
             "K1\t03.01.2024\t4,000\t3,25\n"
             "K2\t04.01.2024\t2,500\t10,00\n").encode("cp1252")
US = (b'customer,date,qty,amount\nA,2024-01-03,"2,000","1,234.50"\nB,2024-01-04,3,15.99\n')


@pytest.mark.parametrize("content, options, quantities, amounts, style", [
    (SAP, dict(customer="Kunde", date="Buchungsdatum", quantity="Menge", amount="Betrag"),
     [4.0, 12.0, 1.0], [12.5, 3.75, 1234.0], "decimal commas"),
    (SAP_PRICE, dict(customer="Kunde", date="Datum", quantity="Menge", unit_price="Preis", amount=None),
     [4.0, 2.5], [13.0, 25.0], "decimal commas"),
    (US, dict(customer="customer", date="date", quantity="qty"), [2000.0, 3.0], [1234.5, 15.99], "decimal points"),
], ids=["SAP quantities beside decimal-comma amounts", "SAP quantity × price", "US thousands"])
def test_number_style_per_file(tmp_path, content, options, quantities, amounts, style):
    tx = read_transactions(_write(tmp_path / "export.txt", content), **options)
    assert tx["quantity"].tolist() == pytest.approx(quantities)
    assert tx["amount"].tolist() == pytest.approx(amounts)
    report = quality_report(tx)
    assert report.count("number style of the file") > 0
    assert style in str(report)


def test_totals_row_in_a_dataframe():
    # What pd.read_excel gives for a report sheet: the totals row has a label and no date.
    raw = pd.DataFrame({"cid": ["a", "b", "合计"], "d": pd.to_datetime(["2024-01-01", "2024-01-02", None]),
                        "v": [1.25, 2.5, 3.75]})
    tx = read_transactions(raw, customer="cid", date="d", amount="v")
    report = quality_report(tx)
    assert _totals(tx) == {"a": 1.25, "b": 2.5}
    assert report.count("totals row at the bottom") == 1 and report.count("missing order date") == 0
    assert "row 2" in next(a for n, _, a in report.items if n == "totals row at the bottom")


def test_sheet_name_none_skips_a_leading_notes_sheet(tmp_path):
    path = _write(tmp_path / "orders.xlsx", _workbook({"说明": NOTES, "2023": SHEET_2023, "2024": SHEET_2024}))
    tx = read_transactions(path, **ZH, sheet_name=None)
    assert _totals(tx) == _expected(SHEET_2023, SHEET_2024)
    assert quality_report(tx).count("sheets with other columns") == 1
    # Reading the notes sheet itself names the missing column, the sheet and header=.
    with pytest.raises(DataError, match="sheet '说明'.*header="):
        read_transactions(path, **ZH, sheet_name=0)
    with pytest.raises(DataError, match="sheet_name="):
        read_transactions(path, **ZH, sheet_name=["2023"])
