"""One columns dialect: read_transactions, load_data, read_survey and load_survey take {role: your column}."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import crmlab
from crmlab import DataError, load_data, read_survey, read_transactions
from crmlab.schema import SURVEY_ROLES, TRANSACTION_ROLES

_RAW = pd.DataFrame({"客户编号": ["k1", "k2", "k1"], "下单时间": ["2024-03-05", "2024-03-06", "2024-04-01"],
                     "数量": ["2", "1", "3"], "单价": ["2.5", "4", "1"], "订单": ["o1", "o2", "o3"]})


def test_columns_gives_the_same_frame_as_the_keywords():
    by_keywords = read_transactions(_RAW, customer="客户编号", date="下单时间", amount=None, quantity="数量",
                                    unit_price="单价", order="订单")
    by_roles = read_transactions(_RAW, columns={"customer": "客户编号", "date": "下单时间", "amount": None,
                                                "quantity": "数量", "unit_price": "单价", "order": "订单"})
    by_canonical = read_transactions(_RAW, columns={"customer_id": "客户编号", "order_date": "下单时间",
                                                    "amount": None, "quantity": "数量", "unit_price": "单价",
                                                    "order_id": "订单"})
    pd.testing.assert_frame_equal(by_roles, by_keywords)
    pd.testing.assert_frame_equal(by_canonical, by_keywords)
    # By hand: amount = quantity × unit price, sorted by customer then date.
    assert by_roles["amount"].tolist() == [5.0, 3.0, 4.0]
    assert by_roles["customer_id"].tolist() == ["k1", "k1", "k2"]
    # Mixed: columns for some roles, keywords (the same columns) for others.
    mixed = read_transactions(_RAW, columns={"customer": "客户编号"}, date="下单时间", amount=None,
                              quantity="数量", unit_price="单价", order="订单")
    pd.testing.assert_frame_equal(mixed, by_keywords)


@pytest.mark.parametrize("kwargs, needle", [
    ({"columns": {"custmer": "客户编号"}}, "'custmer' is not a role. Did you mean 'customer'"),
    ({"columns": {"customer": "客户编号"}, "customer": "订单"}, "customer column is given twice"),
    ({"columns": {"customer": "客户编号", "customer_id": "订单"}}, "both map the customer role"),
    ({"columns": {"customer": 3}}, "pass the column name as text"),
    ({"columns": ["客户编号"]}, r"pass a dict \{role: your column\}"),
])
def test_bad_mappings_are_named(kwargs, needle):
    with pytest.raises(DataError, match=needle):
        read_transactions(_RAW, **kwargs)


def test_every_role_of_the_readers_is_a_keyword_or_canonical_column():
    import inspect

    keywords = set(inspect.signature(read_transactions).parameters)
    assert set(TRANSACTION_ROLES) <= keywords
    assert set(TRANSACTION_ROLES.values()) <= set(crmlab.schema.TRANSACTION_COLUMNS) | {"unit_price"}
    assert set(SURVEY_ROLES.values()) == set(crmlab.schema.SURVEY_COLUMNS)
    assert "respondent" in inspect.signature(read_survey).parameters


def test_load_data_columns_may_carry_reader_options_but_not_typos(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("客户,日期,金额\nx,2024-01-01,3\nx,2024-01-02,-1\n", encoding="utf-8")
    mapping = {"customer": "客户", "date": "日期", "amount": "金额"}
    assert load_data(path, mapping)["amount"].tolist() == [3.0]
    # A notebook's `columns` parameter may hold reader options as well (returns="keep" here).
    kept = load_data(path, {**mapping, "returns": "keep"})
    assert kept["amount"].tolist() == [3.0, -1.0] and kept["is_return"].tolist() == [False, True]
    with pytest.raises(DataError, match="'custmer' is neither a role nor a reader option. Did you mean 'customer'"):
        load_data(path, {"custmer": "客户"})


def test_load_data_points_a_survey_name_at_load_survey():
    with pytest.raises(DataError, match=r"crmlab.load_survey\('ecsi'\)"):
        load_data("ecsi")
    with pytest.raises(DataError, match=r"load_data\('cdnow'\)"):
        crmlab.load_survey("cdnow")


def test_bundled_mapping_can_be_overridden_through_columns():
    # shop_orders maps 商品 to product; mapping 品类 (the category) there instead changes only that column.
    base = load_data("shop_orders")
    other = load_data("shop_orders", {"product": "品类"})
    assert other["product"].tolist() == base["category"].tolist()
    pd.testing.assert_frame_equal(other.drop(columns="product"), base.drop(columns="product"))


def test_no_deprecation_on_the_new_spellings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_transactions(_RAW, columns={"customer": "客户编号", "date": "下单时间", "amount": None,
                                         "quantity": "数量", "unit_price": "单价"})
        crmlab.load_survey("ecsi", columns={"satisfaction": "sat2"})
