"""Bundled data match their published facts; generators are seeded and plant what they claim."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlab import DataError, datasets, quality_report, read_transactions


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


def test_list_datasets_names_every_bundled_file():
    listing = datasets.list_datasets()
    for name in ("cdnow", "retail", "shop_orders"):
        assert datasets.data_path(name).exists()
        assert name in listing.index
    with pytest.raises(DataError, match="unknown data set"):
        datasets.load("nope")


def test_cdnow_agrees_with_shared_copy(shared_data):
    raw = pd.read_csv(shared_data / "cdnow" / "CDNOW_master.txt", sep=r"\s+", dtype={"customer_id": str})
    tx = datasets.load_cdnow()
    assert np.isclose(raw["dollar_value"].sum(), tx["amount"].sum())
