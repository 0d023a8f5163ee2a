"""Bundled data match their published facts; generators are seeded and plant what they claim; one
registry lists every shipped file and generator."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crmlab
from crmlab import DataError, datasets, quality_report, read_transactions

PACKAGE = Path(crmlab.__file__).resolve().parent


def test_cdnow_matches_published_facts():
    tx = datasets.load_cdnow()
    assert len(tx) == 69_659
    assert tx["customer_id"].nunique() == 23_570
    assert round(tx["amount"].sum(), 2) == 2_500_315.63
    assert tx["order_date"].min() == pd.Timestamp("1997-01-01")
    assert tx["order_date"].max() == pd.Timestamp("1998-06-30")
    # Published quirk: 80 zero-dollar rows, reported and kept.
    assert quality_report(tx).count("zero amount") == 80
    # Everyone in CDNOW is a first-time buyer in 1997 Q1 (the cohort design of the data set).
    first = tx.groupby("customer_id")["order_date"].min()
    assert first.max() < pd.Timestamp("1997-04-01")


def test_shipped_synthetic_files_regenerate_byte_identically(tmp_path):
    written = datasets.regenerate(tmp_path)
    assert {p.name for p in written} == {"retail_synthetic.csv", "shop_orders_gbk.csv"}
    for path in written:
        assert path.read_bytes() == datasets.data_path(path.name).read_bytes(), path.name


def test_make_transactions_is_seeded():
    a = datasets.make_transactions(150, seed=5)
    b = datasets.make_transactions(150, seed=5)
    c = datasets.make_transactions(150, seed=6)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_make_transactions_truth_is_consistent_with_the_data():
    raw, truth = datasets.make_transactions(800, seed=11, return_truth=True)
    tx = read_transactions(raw, order="order_id", product="product", quantity="quantity")
    report = quality_report(tx)
    assert report.count("missing customer id") == truth.dirt["missing_customer_id"]
    assert report.count("returns and cancellations") == truth.dirt["return_rows"] - truth.dirt["return_rows_without_id"]
    assert report.count("exact duplicate rows") >= truth.dirt["duplicate_rows"]
    # Orders per customer: the truth counts every order; ids blanked at random can hide a few lines.
    orders = raw.dropna(subset=["customer_id"]).query("amount > 0").groupby("customer_id")["order_id"].nunique()
    diff = truth.customers["n_orders"].reindex(orders.index) - orders
    assert (diff >= 0).all() and (diff > 0).mean() < 0.05
    # First purchases fall inside the acquisition window, and all dates inside the observation window.
    assert truth.customers["first_purchase"].max() < truth.start + pd.Timedelta(weeks=52)
    assert raw["order_date"].min() >= truth.start and raw["order_date"].max() <= truth.end + pd.Timedelta(days=1)
    # Individual draws follow the population parameters: E[λ] = r/α, E[p] = a/(a+b).
    bg = truth.bgnbd
    assert truth.customers["purchase_rate"].mean() == pytest.approx(bg["r"] / bg["alpha"], rel=0.2)
    assert truth.customers["dropout_probability"].mean() == pytest.approx(bg["a"] / (bg["a"] + bg["b"]), rel=0.1)


def test_planted_rules_hold_in_generated_baskets():
    raw = datasets.make_transactions(3000, seed=3, dirty=False, returns_rate=0.0)
    baskets = raw.groupby("order_id")["product"].agg(set)
    for antecedents, consequent, prob in datasets.PLANTED_RULES:
        has_lhs = baskets.map(set(antecedents).issubset)
        confidence = baskets[has_lhs].map(lambda items, c=consequent: c in items).mean()
        # The planted probability is a floor: the consequent can also be drawn on its own.
        assert confidence >= prob - 0.05, (antecedents, consequent, confidence)


def test_shop_orders_are_gbk_with_chinese_headers():
    raw_bytes = datasets.data_path("shop_orders").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw_bytes.decode("utf-8")
    assert raw_bytes.decode("gbk").startswith("订单号,客户编号,下单日期")
    tx = datasets.load_shop_orders()
    report = quality_report(tx)
    assert report.encoding == "gb18030"
    assert report.count("missing customer id") == 1
    assert set(tx["category"].unique()) <= {"食品", "饮料", "熟食", "家居", "个护", "母婴"}


def test_load_data_sources(tmp_path):
    assert len(datasets.load_data("cdnow")) == 69_659
    synthetic = datasets.load_data("synthetic:4")
    assert quality_report(synthetic).source == "synthetic:4"
    assert synthetic["customer_id"].str.match(r"C\d{5}").all()
    with pytest.raises(DataError, match="whole number"):
        datasets.load_data("synthetic:abc")
    path = tmp_path / "mine.csv"
    path.write_text("客户,日期,金额\nx,2024-01-01,3\n", encoding="utf-8")
    mine = datasets.load_data(path, {"customer": "客户", "date": "日期", "amount": "金额"})
    assert mine["amount"].tolist() == [3.0]


def test_list_datasets_names_every_shipped_file_and_every_generator():
    listing = datasets.list_datasets()
    assert listing.index.is_unique and {"kind", "description", "file", "data", "load"} <= set(listing.columns)
    # Every file in the data folder (but its README) is one registry entry, and loads by its name.
    shipped = {p.name for p in datasets.DATA_DIR.iterdir() if p.is_file() and p.name != "README.md"}
    files = listing[listing["kind"] == "file"]
    assert sorted(files["file"]) == sorted(shipped)
    for name in files.index:
        assert datasets.data_path(name).exists()
        frame = datasets.load(name)
        assert len(frame) > 0 and quality_report(frame).rows_kept == len(frame), name
    # Every make_* function defined anywhere in the package is a registry entry (found by parsing,
    # not by importing), and crmlab.datasets.<name> is that very function.
    defined = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("make_"):
                defined[node.name] = path
    generators = set(listing.index[listing["kind"] == "generator"])
    assert generators == set(defined), defined
    for name in generators:
        function = getattr(datasets, name)
        assert function is datasets.REGISTRY[name].generator() and function.__name__ == name
        module = sys.modules[function.__module__]
        assert Path(module.__file__).resolve() == defined[name].resolve(), name
    with pytest.raises(DataError, match="unknown data set"):
        datasets.load("nope")
    with pytest.raises(DataError, match="is a generator"):
        datasets.load("make_survey")


def test_every_generator_is_seeded():
    for name in datasets.names(kind="generator"):
        make = getattr(datasets, name)
        a, b, c = make(60, seed=3), make(60, seed=3), make(60, seed=4)
        pd.testing.assert_frame_equal(a, b, obj=name)
        assert not a.equals(c), name


def test_the_cli_lists_every_entry():
    from click.testing import CliRunner

    from crmlab.cli import main

    result = CliRunner().invoke(main, ["datasets"])
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line.strip()]
    assert listed == list(datasets.REGISTRY)


def test_the_data_readme_describes_every_shipped_file():
    readme = (datasets.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for entry in datasets.REGISTRY.values():
        if entry.kind == "file":
            assert f"`{entry.file}`" in readme, entry.file


def test_regenerate_from_the_command_line_is_byte_identical(tmp_path):
    out = subprocess.run([sys.executable, "-m", "crmlab.datasets", "regenerate", str(tmp_path)],
                         capture_output=True, text=True, check=True)
    written = [Path(line) for line in out.stdout.splitlines()]
    assert {p.name for p in written} == {"retail_synthetic.csv", "shop_orders_gbk.csv"}
    for path in written:
        assert path.read_bytes() == datasets.data_path(path.name).read_bytes(), path.name
    usage = subprocess.run([sys.executable, "-m", "crmlab.datasets"], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage" in usage.stderr


# ---------------------------------------------------------------- the bundled numbers, derived by hand
# Each loader's result is recomputed with plain pandas from the shipped file (the reader's rules:
# rows without a customer id and returns — negative amounts or quantities, 'C' cancellation ids —
# are dropped); the figures are also pinned, so a change to a generator or a file shows.

def _kept_by_plain_pandas(raw: pd.DataFrame, customer: str, order: str, amount: pd.Series, quantity: pd.Series):
    keep = raw[customer].notna() & (amount >= 0) & (quantity >= 0) & ~raw[order].str.startswith("C")
    return raw.loc[keep, customer], amount[keep]


def test_retail_numbers():
    raw = pd.read_csv(datasets.data_path("retail"), dtype={"customer_id": str, "order_id": str})
    ids, amount = _kept_by_plain_pandas(raw, "customer_id", "order_id", raw["amount"], raw["quantity"])
    tx = datasets.load_retail()
    assert (len(tx), tx["customer_id"].nunique()) == (len(ids), ids.nunique()) == (16_805, 1_999)
    assert round(tx["amount"].sum(), 2) == round(amount.sum(), 2) == 154_233.11


def test_shop_orders_numbers():
    raw = pd.read_csv(datasets.data_path("shop_orders"), encoding="gbk", dtype=str)
    quantity, price = raw["数量"].astype(float), raw["单价"].astype(float)
    ids, amount = _kept_by_plain_pandas(raw, "客户编号", "订单号", quantity * price, quantity)
    tx = datasets.load_shop_orders()
    assert (len(tx), tx["customer_id"].nunique()) == (len(ids), ids.nunique()) == (113, 25)
    assert round(tx["amount"].sum(), 2) == round(amount.sum(), 2) == 992.27


def test_synthetic_numbers():
    raw = datasets.make_transactions(seed=0)
    ids, amount = _kept_by_plain_pandas(raw, "customer_id", "order_id", raw["amount"], raw["quantity"])
    tx = datasets.load_data("synthetic")
    assert (len(tx), tx["customer_id"].nunique()) == (len(ids), ids.nunique())
    assert len(tx) == 17_922 and round(tx["amount"].sum(), 2) == round(amount.sum(), 2) == 163_921.18
    pd.testing.assert_frame_equal(datasets.load_data("synthetic:0"), tx)


def test_ecsi_survey_numbers():
    raw = pd.read_csv(datasets.data_path("ecsi"))
    survey, report = crmlab.load_survey("ecsi", return_report=True)
    items = [c for c in raw.columns if c[:3] in ("ima", "exp", "qua", "val", "sat", "loy")]
    assert survey.shape == (250, 29) and len(items) == 27 == report.count("items on a declared scale")
    renamed = {"sat1": "satisfaction", "loy1": "repurchase_intent", "loy3": "recommend"}
    for item in items:
        assert survey[renamed.get(item, item)].tolist() == raw[item].astype(float).tolist(), item
    assert float(survey["satisfaction"].mean()) == pytest.approx(raw["sat1"].mean()) and raw["sat1"].sum() == 1_795


def test_cdnow_agrees_with_shared_copy(shared_data):
    raw = pd.read_csv(shared_data / "cdnow" / "CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": str})
    tx = datasets.load_cdnow()
    assert np.isclose(raw["dollar_value"].sum(), tx["amount"].sum())
