# Source of crmlab/notebooks/{en,zh}/00_getting_started.ipynb — edit here, then `make notebooks SRC=notebooks/src/00_getting_started.py`.

# %% [markdown]
# # Getting started with crmlab · 入门
#
# Every chapter of this course computes on **transactions** (交易数据): who bought, when, and for how much.
# This notebook shows the one data model the whole kit speaks, and how to bring any export onto it.
#
# **Learning goals**
# 1. Name the columns of the canonical transaction frame and say why one data model helps.
# 2. Load the bundled CDNOW data and read its data-quality report (数据质量报告).
# 3. Load your own file — Chinese column names, GBK encoding, returns — with a column mapping.
# 4. Recognise a clear data error and fix the mapping it points to.
# 5. Find the chapter you need.

# %% [markdown]
# ## Parameters
# Change these to run the notebook on other data: a bundled name (`"cdnow"`, `"retail"`, `"shop_orders"`),
# `"synthetic:<seed>"` for a generated data set of your own, or a path to your file with its `columns` mapping.

# %% tags=["parameters"]
data = "cdnow"
columns = {}
lang = "en"
seed = 0

# %% [markdown]
# ## Setup

# %%
import pandas as pd

import crmlab
from crmlab import datasets, overview, schema
from crmlab.exercises import check
from crmlab.notebook import headline, setup

tx = setup(data, columns, lang=lang)

# %% [markdown]
# ## 1. One data model · 统一的数据模型
# A company's export may call the customer `CustomerID`, `客户编号` or `member`; the date may be `20240305`,
# `05/03/2024` or `2024年3月5日`. The reader maps all of it onto **canonical columns**, and every chapter
# function afterwards relies only on these names:

# %%
pd.DataFrame({
    "column": schema.TRANSACTION_COLUMNS,
    "required": [c in schema.TRANSACTION_REQUIRED for c in schema.TRANSACTION_COLUMNS],
    "dtype": [schema.TRANSACTION_DTYPES[c] for c in schema.TRANSACTION_COLUMNS],
    "中文": [crmlab.labels.term(c, "zh") for c in schema.TRANSACTION_COLUMNS],
})

# %% [markdown]
# ## 2. The bundled data · 内置数据
# By default this notebook loads **CDNOW** (Fader & Hardie): every purchase of 23,570 customers who first
# bought CDs from the online retailer in the first quarter of 1997, followed until June 1998.

# %%
tx.head()

# %%
overview.summarize(tx, lang=lang)

# %% [markdown]
# The **quality report** says what the reader found and did: nothing is dropped silently. Read the
# `count` and `action` columns. With the default CDNOW data it notes zero-dollar rows (kept: a free CD is
# still a purchase) and exact duplicate rows — same customer, day, quantity and amount (kept: CDNOW has no
# order id, so buying the same again on one day cannot be told apart from a double entry).

# %%
crmlab.quality_report(tx).to_frame()

# %%
ax = overview.plot_revenue_over_time(tx, lang=lang)

# %% [markdown]
# **What this tells a manager:** on the default CDNOW data, revenue peaks while the 1997-Q1 cohort is new
# and then settles at a much lower level — most first-time buyers do not come back (on other data, read
# your own curve). Later chapters measure exactly this:
# repeat purchase (重复购买), customer lifetime value (客户终身价值) and churn (流失).

# %% [markdown]
# ## 3. Your own file · 使用自己的数据
# `shop_orders_gbk.csv` (in `crmlab/data/`) is a small export as a Chinese shop system writes it: **GBK** encoding,
# Chinese headers, dates like `2023年1月6日`, quantity and unit price instead of an amount, returns
# (cancellation invoices `C…` with negative quantities) and a row without a customer id. Here are its first
# 200 bytes, decoded as GBK (the last line stops mid-row):

# %%
shop_path = datasets.data_path("shop_orders")
print(shop_path.read_bytes()[:200].decode("gbk"))

# %% [markdown]
# Map its columns onto the data model. The encoding, separator and date style are detected; amount is
# computed as quantity × unit price because no amount column is given (`amount=None`). The report names
# the encoding `gb18030` (the superset of GBK that decodes it) and the dates `ISO8601`: `2023年1月6日` is
# rewritten as `2023-1-6` before parsing.

# %%
shop = crmlab.read_transactions(
    shop_path,
    customer="客户编号", date="下单日期", amount=None, order="订单号",
    product="商品", category="品类", quantity="数量", unit_price="单价",
)
print(crmlab.quality_report(shop))
shop.head()

# %% [markdown]
# Returns can be handled three ways (`returns=`): `"drop"` removes them (default), `"keep"` keeps them as
# negative amounts flagged in `is_return`, `"net"` subtracts each from the customer's matching earlier
# purchase. Compare revenue under each (`keep` and `net` give the same total when every return finds its
# earlier purchase; `net` leaves no negative rows, which keeps per-customer figures such as RFM clean):

# %%
pd.Series({
    option: crmlab.read_transactions(
        shop_path, customer="客户编号", date="下单日期", amount=None, order="订单号",
        product="商品", quantity="数量", unit_price="单价", returns=option)["amount"].sum().round(2)
    for option in ("drop", "keep", "net")
}, name="revenue")

# %% [markdown]
# ## 4. When something is wrong · 数据错误
# A wrong mapping gives a `DataError` that names the column, lists the columns that exist and says what to
# pass. (Here we catch it to show the message.)

# %%
try:
    crmlab.read_transactions(shop_path, customer="客户ID", date="下单日期", amount=None,
                             quantity="数量", unit_price="单价")
except crmlab.DataError as error:
    print(error)

# %% [markdown]
# ## 5. A data set of your own · 每位同学一份数据
# `make_transactions(seed=...)` generates a synthetic retailer — products, categories, channels, planted
# co-purchase rules, returns and a few dirty rows — with the **ground truth** returned alongside, so you
# can check what the methods find. Each student can use their own seed (`data = "synthetic:<seed>"`).

# %%
raw, truth = datasets.make_transactions(500, seed=seed, return_truth=True)
print(f"{len(raw):,} raw order lines; planted problems: {truth.dirt}")
truth.customers["type"].value_counts()

# %% [markdown]
# ## 6. Where each chapter is · 章节导航
#
# | Notebook | Chapter | Module |
# |---|---|---|
# | `01_customer_value` | Customer value, tiers and CLV · 客户价值 | `crmlab.value`, `crmlab.clv` |
# | `02_rfm_segmentation` | RFM segmentation · RFM 分析 | `crmlab.rfm` |
# | `03_association_rules` | Association rules and cross-selling · 关联规则 | `crmlab.basket` |
# | `04_satisfaction_loyalty` | Satisfaction versus loyalty · 满意与忠诚 | `crmlab.satisfaction` |
# | `05_loyalty_types` | Loyalty types and measures · 忠诚类型 | `crmlab.loyalty` |
# | `06_customer_lifecycle` | Customer lifecycle, cohorts, retention · 客户生命周期 | `crmlab.lifecycle` |
#
# Every notebook has a **Parameters** cell like the one above, so `crmlab run 02 -p data synthetic:7`
# runs it on other data without editing (`crmlab report` does the same for every chapter; `make report`
# runs them all on the bundled data).

# %% [markdown]
# ## Exercises · 练习
# Compute the answer from `tx` (the data loaded above) and check it. The check prints ✓ or a hint.
#
# **1.** How many distinct customers are in `tx`?

# %% tags=["solution"]
answer = tx["customer_id"].nunique()

# %%
check("start.1", answer, data=tx)

# %% [markdown]
# **2.** How many rows of the shop file did the reader drop because the customer id was missing?

# %% tags=["solution"]
answer = crmlab.quality_report(shop).count("missing customer id")

# %%
check("start.2", answer, data=shop)

# %% [markdown]
# **3.** What is the largest total revenue of a single customer in `tx`?

# %% tags=["solution"]
answer = tx.groupby("customer_id")["amount"].sum().max().round(2)

# %%
check("start.3", answer, data=tx)

# %% [markdown]
# ## Summary and further reading
# - One canonical frame (`customer_id`, `order_date`, `amount`, …) lets every chapter run on any data.
# - The reader detects encodings (UTF-8, GBK/GB18030, cp1252), separators and date styles, and counts every
#   decision in the quality report; bad input stops with a message that says how to fix it.
# - Fader, P. S., & Hardie, B. G. S. (2001). Forecasting repeat sales at CDNOW. *Interfaces*, 31(3).
# - Wickham, H. (2014). Tidy data. *Journal of Statistical Software*, 59(10).

# %%
summary = overview.summarize(tx)["value"]
headline(customers=int(summary["Customers"]), revenue=float(summary["Revenue"]),
         period=f"{summary['First order']} … {summary['Last order']}")
