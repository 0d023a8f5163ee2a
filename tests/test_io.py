"""read_transactions on real files written byte for byte: encodings, separators, dates, dirt.

Each case writes a file the way a real tool exports it, reads it, and asserts the exact outcome:
either the error class with the column it names, or the parsed values and the counted fixes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crmlab import DataError, quality_report, read_transactions

ZH_HEADER = "客户编号,下单时间,金额\n"
ZH_ROWS = "A001,2024-03-01,120.5\nA002,2024-03-05,80\nA001,2024-04-02,35.25\n"
ZH_MAP = dict(customer="客户编号", date="下单时间", amount="金额")


def _xlsx(frame: pd.DataFrame):
    def write(path: Path) -> None:
        frame.to_excel(path, index=False)
    return write


def _parquet(frame: pd.DataFrame):
    def write(path: Path) -> None:
        frame.to_parquet(path, index=False)
    return write


@dataclass
class Case:
    name: str
    filename: str
    content: bytes | object  # bytes, or a callable writing the file
    kwargs: dict
    error: str | None = None  # substrings the DataError message must contain, "|"-separated
    amounts: list | None = None
    customers: list | None = None
    dates: list | None = None
    counts: dict = field(default_factory=dict)
    encoding: str | None = None
    separator: str | None = None


CASES = [
    Case("utf-8 with BOM, Chinese headers", "bom.csv", b"\xef\xbb\xbf" + (ZH_HEADER + ZH_ROWS).encode(),
         ZH_MAP, amounts=[120.5, 35.25, 80.0], customers=["A001", "A001", "A002"], encoding="utf-8-sig"),
    Case("utf-8 without BOM", "plain.csv", (ZH_HEADER + ZH_ROWS).encode(), ZH_MAP,
         amounts=[120.5, 35.25, 80.0], encoding="utf-8"),
    Case("GBK export from Chinese Excel", "gbk.csv", (ZH_HEADER + ZH_ROWS).encode("gbk"), ZH_MAP,
         amounts=[120.5, 35.25, 80.0], encoding="gb18030"),
    Case("cp1252, semicolons, decimal commas", "eu.csv",
         "Kunde;Datum;Betrag;Artikel\nK1;2024-01-03;12,50;Café\nK2;2024-01-04;1.234,00;Crème\n".encode("cp1252"),
         dict(customer="Kunde", date="Datum", amount="Betrag", product="Artikel"),
         amounts=[12.5, 1234.0], counts={"decimal commas in 'Betrag'": 2}, encoding="cp1252", separator=";"),
    Case("tab separated", "tab.tsv", b"cust\tday\tvalue\nx\t2024-02-01\t5\ny\t2024-02-02\t6\n",
         dict(customer="cust", date="day", amount="value"), amounts=[5.0, 6.0], separator="\t"),
    Case("whitespace separated, YYYYMMDD dates (CDNOW style)", "cdnow.txt",
         b" 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n",
         dict(customer="c", date="d", amount="v"), error=None, amounts=None),  # replaced below
    Case("dd/mm/yyyy dates", "dmy.csv", b"id,when,amt\n1,25/12/2023,10\n2,03/01/2024,20\n",
         dict(customer="id", date="when", amount="amt"),
         dates=["2023-12-25", "2024-01-03"], amounts=[10.0, 20.0]),
    Case("Excel serial dates in xlsx", "serial.xlsx",
         _xlsx(pd.DataFrame({"cid": ["a", "b"], "date": [45292, 45323], "amount": [1.5, 2.5]})),
         dict(customer="cid", date="date"), dates=["2024-01-01", "2024-02-01"], amounts=[1.5, 2.5]),
    Case("Parquet with quantity × unit price", "orders.parquet",
         _parquet(pd.DataFrame({"cid": ["a", "b"], "ts": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                                "qty": [2, 3], "price": [1.25, 2.0]})),
         dict(customer="cid", date="ts", amount=None, quantity="qty", unit_price="price"),
         amounts=[2.5, 6.0], counts={"amount computed as quantity × unit price": 2}),
    Case("missing customer ids dropped and counted", "ids.csv",
         b"customer_id,order_date,amount\nA,2024-01-01,1\n,2024-01-02,2\nNA,2024-01-03,3\nB,2024-01-04,4\n",
         {}, customers=["A", "B"], counts={"missing customer id": 2}),
    Case("returns dropped: negative quantity and C invoice", "returns.csv",
         b"InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n536370,12583.0,12/1/2010 8:45,24,3.75\n"
         b"C536371,12583.0,12/2/2010 9:00,-2,3.75\n536372,12584.0,12/13/2010 9:00,1,10\n",
         dict(customer="CustomerID", date="InvoiceDate", amount=None, quantity="Quantity",
              unit_price="UnitPrice", order="InvoiceNo"),
         customers=["12583", "12584"], amounts=[90.0, 10.0], counts={"returns and cancellations": 1},
         dates=["2010-12-01 08:45", "2010-12-13 09:00"]),
    Case("exact duplicate rows counted", "dups.csv",
         b"customer_id,order_date,amount\nA,2024-01-01,1\nA,2024-01-01,1\nB,2024-01-02,2\n",
         {}, amounts=[1.0, 1.0, 2.0], counts={"exact duplicate rows": 1}),
    Case("missing column named with a suggestion", "cols.csv", b"CustomerID,order_date,amount\nA,2024-01-01,1\n",
         dict(customer="Customer"), error="'Customer'|customer='CustomerID'|columns that exist"),
    Case("unparseable dates name the column and the line", "baddate.csv",
         b"customer_id,order_date,amount\nA,2024-01-01,1\nB,not a date,2\nC,2024-13-45,3\n",
         {}, error="'order_date'|line 3: 'not a date'|line 4|date_format="),
    Case("non-numeric amounts name the column and value", "badamount.csv",
         b"customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-01-02,twelve\n",
         {}, error="'amount'|line 3: 'twelve'|not numbers"),
    Case("unknown encoding", "enc.csv", b"customer_id,order_date,amount\nA,2024-01-01,1\n",
         dict(encoding="gbk-ish"), error="unknown encoding 'gbk-ish'|gb18030"),
    Case("wrong explicit encoding", "wrongenc.csv", (ZH_HEADER + ZH_ROWS).encode("gbk"),
         dict(ZH_MAP, encoding="utf-8"), error="not valid 'utf-8'|gb18030"),
    Case("nothing left after cleaning", "allreturns.csv",
         b"customer_id,order_date,amount\nA,2024-01-01,-5\nB,2024-01-02,-1\n",
         {}, error="no rows left|returns and cancellations: 2"),
    Case("currency symbols and thousands separators", "money.csv",
         "customer_id,order_date,amount\nA,2024-01-01,\"¥1,299.00\"\nB,2024-01-02,5元\n".encode(),
         {}, amounts=[1299.0, 5.0], counts={"currency marks in 'amount'": 2}),
    Case("thousands separators decided per column, not per value", "thousands.csv",
         b'customer_id,order_date,amount\nA,2024-01-01,"1,234.50"\nB,2024-01-02,"2,000"\nC,2024-01-03,15.99\n',
         {}, amounts=[1234.5, 2000.0, 15.99], counts={"decimal commas in 'amount'": 0}),
    Case("only ambiguous 1,234 values in a comma file: thousands, counted", "ambiguous.csv",
         b'customer_id,order_date,amount\nA,2024-01-01,"1,234"\nB,2024-01-02,"2,000"\n',
         {}, amounts=[1234.0, 2000.0], counts={"ambiguous thousands/decimal separators in 'amount'": 2}),
    Case("German export: decimal commas, dotted thousands, dd.mm.yyyy", "de.csv",
         "Kunde;Datum;Betrag\nK1;05.03.2024;12,50\nK2;25.12.2023;1.234\n".encode("cp1252"),
         dict(customer="Kunde", date="Datum", amount="Betrag"), amounts=[12.5, 1234.0],
         dates=["2024-03-05", "2023-12-25"], counts={"decimal commas in 'Betrag'": 1}, separator=";"),
    Case("missing order dates dropped and counted", "nodate.csv",
         b"customer_id,order_date,amount\nA,2024-01-01,1\nB,,2\nC,2024-01-03,3\n",
         {}, customers=["A", "C"], counts={"missing order date": 1}),
    Case("ISO dates with and without a UTC offset", "tz.csv",
         b"customer_id,order_date,amount\nA,2024-01-01T10:00:00Z,1\nB,2024-01-02 11:30,2\n",
         {}, dates=["2024-01-01 10:00", "2024-01-02 11:30"],
         counts={"dates with and without time zone in 'order_date'": 2}),
    Case("a ragged line names the line instead of a parser traceback", "ragged.csv",
         b"customer_id;order_date;amount\nA;2024-01-01;1\nB;2024-01-02;2;\n",
         {}, error="'ragged.csv'|semicolon|line 3|sep="),
    Case("a corrupt xlsx is a DataError", "broken.xlsx", b"not a zip file",
         {}, error="'broken.xlsx' could not be read as an Excel file"),
    Case("cp1252 accents before ASCII letters are not read as GBK", "fr.csv",
         "client;date;montant\nHélène;2024-01-03;12,50\nStéphane;2024-01-04;7,00\n".encode("cp1252"),
         dict(customer="client", date="date", amount="montant"), customers=["Hélène", "Stéphane"],
         amounts=[12.5, 7.0], encoding="cp1252"),
    Case("a short GBK file whose bytes are also valid UTF-8", "yuan.csv",
         "customer_id,order_date,amount\nA,2024-01-03,12元\n".encode("gbk"), {},
         amounts=[12.0], encoding="gb18030"),
    Case("Chinese 年月日 dates", "nianyue.csv", "客户,日期,金额\n甲,2024年3月5日,10\n乙,2024年12月25日,20\n".encode("gbk"),
         dict(customer="客户", date="日期", amount="金额"), dates=["2024-12-25", "2024-03-05"],
         customers=["乙", "甲"]),
]
# CDNOW layout has a header in the real file; write one.
CASES[5] = Case("whitespace separated, YYYYMMDD dates (CDNOW style)", "cdnow.txt",
                b" customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n"
                b" 00002 19970112  1   12.00\r\n",
                dict(date="date", amount="dollar_value", quantity="number_of_cds"),
                customers=["00001", "00002"], dates=["1997-01-01", "1997-01-12"], amounts=[11.77, 12.0],
                separator=r"\s+")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_transactions_table(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.filename
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    else:
        case.content(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    if case.error:
        with pytest.raises(DataError) as info:
            read_transactions(path, **case.kwargs)
        for part in case.error.split("|"):
            assert part in str(info.value), f"{part!r} missing from: {info.value}"
    else:
        tx = read_transactions(path, **case.kwargs)
        report = quality_report(tx)
        assert list(tx.columns[:3]) == ["customer_id", "order_date", "amount"]
        assert tx["order_date"].dtype == "datetime64[ns]"
        if case.amounts is not None:
            assert tx["amount"].tolist() == pytest.approx(case.amounts)
        if case.customers is not None:
            assert tx["customer_id"].tolist() == case.customers
        if case.dates is not None:
            assert tx["order_date"].tolist() == [pd.Timestamp(d) for d in case.dates]
        for issue, count in case.counts.items():
            assert report.count(issue) == count, str(report)
        if case.encoding:
            assert report.encoding == case.encoding
        if case.separator:
            assert report.separator == case.separator
        assert report.rows_kept == len(tx)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the input file was modified"


RETURNS_CSV = (b"order_id,customer_id,order_date,product,quantity,amount\n"
               b"1,A,2024-01-01,tea,2,20\n"
               b"2,A,2024-01-05,tea,1,10\n"
               b"3,A,2024-01-06,cup,1,5\n"
               b"C4,A,2024-01-09,tea,-1,10\n"   # returns one tea: taken from order 2 (latest first)
               b"C5,B,2024-01-09,mug,-1,7\n")   # nothing to net against


@pytest.mark.parametrize("returns, amounts, extra", [
    ("drop", [20.0, 10.0, 5.0], {"returns and cancellations": 2}),
    ("keep", [20.0, 10.0, 5.0, -10.0, -7.0], {"returns and cancellations": 2}),
    ("net", [20.0, 5.0], {"returns netted against earlier purchases": 1,
                          "returns with no matching earlier purchase": 1,
                          "purchase lines fully returned": 1}),
])
def test_returns_options(tmp_path, returns, amounts, extra):
    path = tmp_path / "r.csv"
    path.write_bytes(RETURNS_CSV)
    tx = read_transactions(path, order="order_id", product="product", quantity="quantity", returns=returns)
    assert sorted(tx["amount"].tolist()) == sorted(amounts)
    report = quality_report(tx)
    for issue, count in extra.items():
        assert report.count(issue) == count
    if returns == "keep":
        assert tx["is_return"].sum() == 2
    if returns != "keep":
        # Netting preserves revenue minus matched returns: 35 − 10.
        assert tx["amount"].sum() == pytest.approx(35.0 if returns == "drop" else 25.0)


def test_dataframe_input_is_not_mutated():
    raw = pd.DataFrame({"cid": ["1", None], "d": ["2024-01-01", "2024-01-02"], "v": ["3", "4"]})
    copy = raw.copy()
    tx = read_transactions(raw, customer="cid", date="d", amount="v")
    pd.testing.assert_frame_equal(raw, copy)
    assert tx["customer_id"].tolist() == ["1"]


def test_duplicates_drop_option(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(b"customer_id,order_date,amount\nA,2024-01-01,1\nA,2024-01-01,1\n")
    tx = read_transactions(path, duplicates="drop")
    assert len(tx) == 1 and quality_report(tx).count("exact duplicate rows") == 1


def test_ambiguous_day_month_warns_and_is_reported(tmp_path):
    from crmlab import CrmlabWarning

    path = tmp_path / "amb.csv"
    path.write_bytes(b"customer_id,order_date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n")
    with pytest.warns(CrmlabWarning, match="dd/mm or mm/dd"):
        tx = read_transactions(path)
    assert tx["order_date"].tolist() == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-04-03")]
    tx = read_transactions(path, date_format="%m/%d/%Y")
    assert tx["order_date"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-03-04")]


def test_missing_file_says_so(tmp_path):
    with pytest.raises(DataError, match="file not found: 'nope.csv'"):
        read_transactions(tmp_path / "nope.csv")


def test_real_online_retail_france(shared_data):
    path = shared_data / "online_retail" / "online_retail_france.csv"
    tx = read_transactions(path, customer="CustomerID", date="InvoiceDate", amount=None, quantity="Quantity",
                           unit_price="UnitPrice", order="InvoiceNo", product="Description")
    report = quality_report(tx)
    raw = pd.read_csv(path)
    # Independent counts from the raw file with plain pandas.
    assert report.count("missing customer id") == int(raw["CustomerID"].isna().sum())
    with_id = raw[raw["CustomerID"].notna()]
    is_return = (with_id["Quantity"] < 0) | with_id["InvoiceNo"].astype(str).str.startswith("C")
    assert report.count("returns and cancellations") == int(is_return.sum())
    kept = with_id[~is_return]
    assert len(tx) == len(kept)
    assert tx["amount"].sum() == pytest.approx((kept["Quantity"] * kept["UnitPrice"]).sum())
    assert tx["order_date"].min() == pd.Timestamp("2010-12-01 08:45")


def test_real_sales_sample_semicolon_cp850(shared_data):
    path = shared_data / "sales_data_sample" / "sales_data_sample_semicolon.csv"
    tx = read_transactions(path, customer="CUSTOMERNAME", date="ORDERDATE", amount="SALES",
                           order="ORDERNUMBER", product="PRODUCTCODE", encoding="cp850")
    assert tx["customer_id"].nunique() == 92
    assert np.isfinite(tx["amount"]).all()
