"""Chapter 07's data: the customer-economics generator plants what it claims, consistently with its
retailer's order lines; an analyst's own table maps onto the canonical roles or stops with a DataError.

Checks are against independent computations: the per-customer figures are recomputed with plain pandas
from the order lines the generator returns; the whale curve and the correlations from the table alone.
"""

from __future__ import annotations

import doctest
import io

import numpy as np
import pandas as pd
import pytest

import crmlab
from crmlab import datasets, profitability
from crmlab.datasets import make_transactions
from crmlab.profitability import COST_COMPONENTS, ROLES, customer_economics, make_customer_economics

SEEDS = (1, 7, 2024)


@pytest.fixture(scope="module", params=SEEDS)
def generated(request):
    table, truth = make_customer_economics(1200, seed=request.param, return_truth=True)
    return request.param, table, truth


def _profit(table):
    return table["margin"] - table["cost_to_serve"] - table["acquisition_cost"]


# ------------------------------------------------------------------ seeded, registered
def test_the_same_seed_gives_the_same_table_and_truth():
    a, ta = make_customer_economics(300, seed=5, return_truth=True)
    b, tb = make_customer_economics(300, seed=5, return_truth=True)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(ta.customers, tb.customers)
    pd.testing.assert_frame_equal(a, make_customer_economics(300, seed=5))  # the truth draws nothing the table uses


def test_different_seeds_differ():
    a, b = make_customer_economics(300, seed=5), make_customer_economics(300, seed=6)
    assert not a.equals(b)
    assert not np.allclose(a["cost_to_serve"], b["cost_to_serve"])


def test_registered_and_reached_through_datasets():
    entry = datasets.REGISTRY["make_customer_economics"]
    assert (entry.kind, entry.data) == ("generator", "customer economics")
    assert datasets.make_customer_economics is make_customer_economics is entry.generator()
    assert "make_customer_economics" in datasets.names(kind="generator")


def test_bad_arguments_stop():
    with pytest.raises(crmlab.DataError, match="n_customers"):
        make_customer_economics(0)
    with pytest.raises(crmlab.DataError, match="high_maintenance_share"):
        make_customer_economics(50, high_maintenance_share=1.5)


# ------------------------------------------------------------------ consistent with the transactions
def test_ids_are_the_retailers_customers(generated):
    seed, table, truth = generated
    assert table["customer_id"].is_unique
    assert list(table["customer_id"]) == list(truth.retailer.customers.index)
    assert list(truth.customers.index) == list(table["customer_id"])
    # The same customers as the retailer the rest of the kit uses (its export dirt aside).
    raw = make_transactions(1200, seed=seed)
    assert set(raw["customer_id"].dropna()) <= set(table["customer_id"])
    assert set(truth.transactions["customer_id"]) == set(table["customer_id"])
    # and the same orders: the clean lines are the dirty export without its planted dirt
    clean = raw.dropna(subset=["customer_id"]).drop_duplicates()
    assert set(clean["order_id"]) <= set(truth.transactions["order_id"])


def test_per_customer_figures_recomputed_from_the_order_lines(generated):
    _, table, truth = generated
    lines = truth.transactions
    t = table.set_index("customer_id")
    is_return = lines["order_id"].str.startswith("C")
    sales = lines[~is_return]
    by = lambda frame: frame.groupby("customer_id")  # noqa: E731
    revenue = by(lines)["amount"].sum().reindex(t.index)
    np.testing.assert_allclose(t["revenue"], revenue, atol=0.011)
    assert (t["n_orders"] == by(sales)["order_id"].nunique().reindex(t.index)).all()
    online = by(sales[sales["channel"] == "online"])["order_id"].nunique().reindex(t.index, fill_value=0)
    assert (t["online_orders"] == online).all()
    n_returns = by(lines[is_return]).size().reindex(t.index, fill_value=0)
    assert (t["n_returns"] == n_returns).all()
    margin = (lines["amount"] * lines["category"].map(truth.margin_rates)).groupby(lines["customer_id"]).sum()
    np.testing.assert_allclose(t["margin"], margin.reindex(t.index), atol=0.011)
    first = by(sales)["order_date"].min().dt.normalize().reindex(t.index)
    assert (t["first_purchase"] == first).all()
    assert (first == truth.retailer.customers["first_purchase"].reindex(t.index)).all()


def test_cost_invariants(generated):
    _, table, truth = generated
    for column in (*COST_COMPONENTS, "cost_to_serve", "acquisition_cost", "days_late", "tenure_years"):
        assert (table[column] >= 0).all(), column
    np.testing.assert_allclose(table["cost_to_serve"], table[list(COST_COMPONENTS)].sum(axis=1), atol=0.011)
    # returns handling is tied to the customer's actual returns, delivery to their online orders
    no_returns = table["n_returns"] == 0
    assert (table.loc[no_returns, "returns_cost"] == 0).all() and (table.loc[~no_returns, "returns_cost"] > 0).all()
    assert no_returns.any() and (~no_returns).any()
    assert (table.loc[table["online_orders"] == 0, "delivery_cost"] == 0).all()
    assert (table.loc[table["online_orders"] > 0, "delivery_cost"] > 0).all()
    u = truth.unit_costs
    np.testing.assert_allclose(table["service_cost"],
                               u["inquiry"] * table["inquiries"] + u["complaint"] * table["complaints"], atol=0.011)
    # credit: only customers who pay later are late or default
    assert (table.loc[~table["pays_later"], ["days_late", "credit_cost"]] == 0).all().all()
    assert not table.loc[~table["pays_later"], "defaulted"].any()
    assert table["satisfaction"].between(1, 5).all() and table["loyalty"].between(1, 5).all()


def test_profit_identity(generated):
    _, table, truth = generated
    np.testing.assert_allclose(_profit(table).to_numpy(), truth.customers["profit"].to_numpy(), atol=1e-6)


# ------------------------------------------------------------------ the planted structure is recoverable
def _whale_curve(profit: pd.Series) -> np.ndarray:
    ranked = np.sort(profit.to_numpy())[::-1]
    return np.cumsum(ranked) / ranked.sum()


def test_whale_curve_peaks_above_total_profit(generated):
    _, table, _ = generated
    profit = _profit(table)
    assert profit.sum() > 0
    curve = _whale_curve(profit)
    assert curve.max() > 1.2 and curve[-1] == pytest.approx(1.0)
    assert (profit < 0).any()


def test_big_customers_are_not_always_good_ones(generated):
    _, table, truth = generated
    profit = _profit(table)
    top = table["revenue"] >= table["revenue"].quantile(0.9)
    assert (profit[top] < 0).sum() >= 1
    # the planted high-maintenance customers are big, unprofitable and risky
    planted = truth.customers["high_maintenance"].to_numpy()
    assert planted.sum() >= 1 and top[planted].all() and (profit[planted] < 0).all()
    assert table.loc[planted, "days_late"].mean() > table.loc[~planted, "days_late"].mean()
    assert table.loc[planted, "complaints"].mean() > table.loc[~planted, "complaints"].mean()


def test_loyal_customers_cost_less_to_serve_and_refer_more(generated):
    # Reichheld: per order (a long relationship has more orders, so its total cost is larger) and per
    # unit of revenue, the cost to serve falls with tenure; referrals rise with it.
    _, table, _ = generated
    per_order = table["cost_to_serve"] / table["n_orders"]
    assert table["tenure_years"].corr(per_order, method="spearman") < 0
    assert table["tenure_years"].corr(table["cost_to_serve"] / table["revenue"].clip(lower=1), method="spearman") < 0
    assert table["tenure_years"].corr(table["referrals"], method="spearman") > 0
    assert table["tenure_years"].corr(table["loyalty"], method="spearman") > 0


def test_the_planted_retention_response(generated):
    _, table, truth = generated
    c = truth.customers
    np.testing.assert_allclose(truth.churn_probability(0), c["churn_baseline"])
    p5, p50 = truth.churn_probability(5.0), truth.churn_probability(50.0)
    assert (p5 <= c["churn_baseline"] + 1e-12).all() and (p50 <= p5 + 1e-12).all() and (p50 >= c["churn_floor"]).all()
    assert c["churn_baseline"].between(0, 1).all() and (c["churn_floor"] <= c["churn_baseline"]).all()
    # customers who already left (the retailer's truth) cannot be won back by a budget
    gone = ~truth.retailer.customers["alive_at_end"].to_numpy()
    assert (truth.churn_probability(100.0)[gone] == 1.0).all()
    # the closed-form optimum beats no budget and nearby budgets, customer by customer
    best = truth.optimal_budget()
    at_best = truth.expected_profit(best)
    assert (at_best >= truth.expected_profit(0) - 1e-9).all()
    for factor in (0.5, 1.5):
        assert (at_best >= truth.expected_profit(best * factor) - 1e-9).all()
    assert (best > 0).any()
    # a Series budget by customer id: the others get nothing
    one = pd.Series({table["customer_id"].iloc[0]: 10.0})
    given = truth.churn_probability(one)
    np.testing.assert_allclose(given.iloc[1:], c["churn_baseline"].iloc[1:])
    assert given.iloc[0] <= c["churn_baseline"].iloc[0]
    with pytest.raises(crmlab.DataError, match="negative"):
        truth.churn_probability(-1.0)


# ------------------------------------------------------------------ an analyst's own table
_SHOP = ("客户编号,销售额,毛利,客服成本,退货处理,配送费,折扣,获客成本,获客渠道,逾期天数,是否违约,满意度,推荐人数\n"
         "K001,1200,360,40,12,30,300,20,促销,35,是,2,0\n"
         "K002,800,240,8,0,10,16,15,搜索,0,否,4,2\n"
         "K003,150,45,4,0,5,3,12,推荐,0,否,5,3\n"
         "K004,60,18,8,3,5,2,25,社交,3,否,3,0\n"
         "K005,2000,600,20,6,25,40,30,搜索,0,否,5,1\n")
_MAP = {"customer": "客户编号", "revenue": "销售额", "margin": "毛利", "service_cost": "客服成本",
        "returns_cost": "退货处理", "delivery_cost": "配送费", "discount_cost": "折扣",
        "acquisition_cost": "获客成本", "acquisition_channel": "获客渠道", "days_late": "逾期天数",
        "defaulted": "是否违约", "satisfaction": "满意度", "referrals": "推荐人数"}


def _shop(text: str = _SHOP) -> pd.DataFrame:
    # A small shop's export in GBK, as Chinese spreadsheets save it.
    return pd.read_csv(io.BytesIO(text.encode("gbk")), encoding="gbk", dtype={"客户编号": str})


def test_an_analysts_table_with_chinese_headers():
    mine = _shop()
    before = mine.copy()
    table = customer_economics(mine, columns=_MAP)
    pd.testing.assert_frame_equal(mine, before)  # the input is not changed
    assert list(table.columns) == [r for r in ROLES if r in set(_MAP) - {"customer"} | {"customer_id", "cost_to_serve"}]
    assert table["customer_id"].tolist() == ["K001", "K002", "K003", "K004", "K005"]
    # cost to serve = the sum of its parts, by hand: 40+12+30+300 = 382, 8+0+10+16 = 34, …
    assert table["cost_to_serve"].tolist() == [382.0, 34.0, 12.0, 18.0, 91.0]
    # profit by hand: 360−382−20 = −42 (the big, late, defaulting customer loses money), 240−34−15 = 191, …
    assert _profit(table).tolist() == [-42.0, 191.0, 21.0, -25.0, 479.0]
    assert table["defaulted"].tolist() == [True, False, False, False, False]
    assert table["acquisition_channel"].tolist() == ["促销", "搜索", "推荐", "社交", "搜索"]


def test_a_canonical_table_passes_through():
    table = make_customer_economics(80, seed=2)
    again = customer_economics(table)
    pd.testing.assert_frame_equal(again, table, check_dtype=False)


@pytest.mark.parametrize("edit, columns, match", [
    # a value that is not a number: the column, its line (line 1 is the header) and what to pass
    (("K003,150,45,4,", "K003,150,45,4元,"), None, r"'客服成本' \(service_cost\).*line 4: '4元'.*plain numbers"),
    (("K004,60,18,8,3,5,2,25", "K004,60,18,8,3,5,2,-25"), None, r"'获客成本' \(acquisition_cost\) cannot be negative.*line 5"),
    (("35,是,", "35,可能,"), None, r"'是否违约' \(defaulted\).*line 2: '可能'.*是/否"),
    (("K005,", "K001,"), None, r"'客户编号'.*repeats ids.*line 2.*line 6"),
    ((None, None), {"profit": "毛利"}, r"unknown role.*profit"),
    ((None, None), {"margin": "利润"}, r"'利润'.*not in the data.*毛利"),
])
def test_a_bad_value_stops_with_a_data_error(edit, columns, match):
    text = _SHOP if edit[0] is None else _SHOP.replace(edit[0], edit[1], 1)
    with pytest.raises(crmlab.DataError, match=match):
        customer_economics(_shop(text), columns={**_MAP, **(columns or {})})


def test_no_customer_id_and_not_a_frame():
    with pytest.raises(crmlab.DataError, match="customer"):
        customer_economics(pd.DataFrame({"销售额": [1.0]}), columns={"revenue": "销售额"})
    with pytest.raises(crmlab.DataError, match="DataFrame"):
        customer_economics([1, 2, 3])


# ------------------------------------------------------------------ documented
def test_docstrings_are_filled_and_their_examples_run():
    for function in (make_customer_economics, customer_economics):
        doc = function.__doc__
        assert "Parameters" in doc and "Returns" in doc and "Examples" in doc and "Course concept" in doc
        assert "{seed}" not in doc
    assert "seed : int" in make_customer_economics.__doc__
    assert "rarely" in customer_economics.__doc__ and "rarely" in profitability.__doc__
    result = doctest.testmod(profitability, extraglobs={"pd": pd}, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 4 and result.failed == 0
