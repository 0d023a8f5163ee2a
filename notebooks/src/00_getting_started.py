# Source of crmlab/notebooks/{en,zh}/00_getting_started.ipynb — edit here, then `make notebooks SRC=notebooks/src/00_getting_started.py`.

# %% [markdown] lang=en
# # Getting started with crmlab
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

# %% [markdown] lang=zh
# # 入门：客户交易数据与 crmlab
#
# 客户关系管理（CRM）的分析，起点都是企业手里的**交易数据**：哪位客户、在哪一天、买了多少钱。
# 本课程后面的每一章——顾客价值、RFM 分析、关联规则、顾客满意与忠诚、客户生命周期——算的都是这张表。
# 这一章先不讲营销理论，而是带大家认识数据：数据长什么样、怎样把任何一家企业导出的文件读进来、读的时候要检查什么。
#
# 本章假定你**没有用过 pandas**（Python 里处理表格的工具）。每一段代码的作用都会用中文说明；
# 你只需要从上到下依次运行（在 Jupyter 里选中一个单元格，按 `Shift + Enter`）。
#
# **学习目标**
# 1. 说出标准交易表的各列，并理解为什么全课程只用一种数据模型。
# 2. 载入内置的 CDNOW 数据，读懂它的数据质量报告。
# 3. 用“列名映射”读入自己的文件——中文列名、GBK 编码、带退货记录。
# 4. 看懂数据出错时的提示信息，并据此改正映射。
# 5. 找到自己需要的章节。

# %% [markdown] lang=en
# ## Parameters
# Change these to run the notebook on other data: a bundled name (`"cdnow"`, `"retail"`, `"shop_orders"`),
# `"synthetic:<seed>"` for a generated data set of your own, or a path to your file with its `columns` mapping.

# %% [markdown] lang=zh
# ## 参数设置
# 下面这个单元格是整本笔记的“开关”。`data` 指定用哪份数据：内置数据的名字（`"cdnow"`、`"retail"`、
# `"shop_orders"`），`"synthetic:<种子>"` 表示按你的种子号生成一份模拟数据，也可以写你自己文件的路径，
# 同时在 `columns` 里写明列名映射（见第 3 节）。`lang` 决定表格和图形用中文还是英文；`seed` 是随机种子，
# 同一个种子总是生成同一份数据，所以结果可以复现。只改这里，不用改后面的代码。

# %% tags=["parameters"]
data = "cdnow"
columns = {}
lang = "en"
seed = 0

# %% [markdown] lang=en
# ## Setup
# Import the libraries and load the data in one call; it prints the data-quality report at once.

# %% [markdown] lang=zh
# ## 准备工作：导入工具、载入数据
# `import` 把要用的工具包载入进来：`pandas`（简写为 `pd`）是处理表格的库，`crmlab` 是本课程的工具包。
# 最后一行 `setup(...)` 按上面的参数读入数据，得到一张表，起名叫 `tx`（transactions 的缩写），
# 并马上打印出数据质量报告（英文，各条目的含义见第 2 节）。

# %%
import pandas as pd

import crmlab
from crmlab import datasets, overview, schema
from crmlab.exercises import check
from crmlab.glossary import glossary_table
from crmlab.notebook import headline, say, setup

tx = setup(data, columns, lang=lang)

# %% [markdown] lang=en
# ## 1. One data model
# A company's export may call the customer `CustomerID`, `客户编号` or `member`; the date may be `20240305`,
# `05/03/2024` or `2024年3月5日`. The reader maps all of it onto **canonical columns**, and every chapter
# function afterwards relies only on these names:

# %% [markdown] lang=zh
# ## 1. 统一的数据模型
# 不同企业的系统导出的文件千差万别：客户这一列可能叫 `CustomerID`、`客户编号` 或 `member`；日期可能写成
# `20240305`、`05/03/2024` 或 `2024年3月5日`。crmlab 的读取器（reader）先把这些五花八门的写法统一成一套
# **标准列名**，之后每一章的函数都只认这套列名。这样，同一段分析代码可以用在任何一家企业的数据上。
#
# 下表列出标准交易表的各列：`column` 是列名，`required` 表示是否必需（前三列必须有），`dtype` 是数据类型
# （`string` 文本，`datetime64` 日期时间，`float64` 小数），最后一列是对应的中文名称。
# 在 pandas 里，这样一张有行有列的表叫作 **DataFrame**（数据框），可以把它想成一张 Excel 工作表。

# %%
pd.DataFrame({
    "column": schema.TRANSACTION_COLUMNS,
    "required": [c in schema.TRANSACTION_REQUIRED for c in schema.TRANSACTION_COLUMNS],
    "dtype": [schema.TRANSACTION_DTYPES[c] for c in schema.TRANSACTION_COLUMNS],
    "中文": [crmlab.labels.term(c, "zh") for c in schema.TRANSACTION_COLUMNS],
})

# %% [markdown] lang=en
# The course text calls this step part of building a data warehouse (数据仓库): data are extracted from the
# transaction systems, cleaned and converted into one uniform format. The literature adds a precise rule for
# that format — *tidy data* (Wickham 2014): one row per observation (here one order line), one column per
# variable.

# %% [markdown] lang=zh
# > **教材 vs 文献** 教材在讲数据仓库时说，要从业务系统中抽取数据，“清理、转换”为集中统一、随时可用的格式——
# > 读取器做的正是这一步。文献（Wickham 2014 的“整洁数据” tidy data）把“统一的格式”说得更具体：
# > 每行是一条观测（这里是一行订单），每列是一个变量。

# %% [markdown] lang=en
# ## 2. The bundled data
# By default this notebook loads **CDNOW** (Fader & Hardie 2001), the classic data set of CD purchases at an
# online retailer on which repeat-purchase and customer-lifetime-value models are tested.
# The kit also ships `retail` (a synthetic retailer with products, categories and channels) and
# `shop_orders` (a small Chinese shop export, section 3). `tx.head()` shows the first five rows of a table.

# %% [markdown] lang=zh
# ## 2. 内置数据
# 默认载入的是 **CDNOW** 数据（Fader & Hardie 2001）：美国在线唱片商店 CDNOW 的唱片购买记录，
# 是研究重复购买和客户终身价值的经典数据。
# 工具包里还有 `retail`（一家模拟零售商，含商品、品类、渠道）和 `shop_orders`（一家中国小店的导出文件，见第 3 节）。
#
# `tx.head()` 显示表的前 5 行，用来快速看一眼数据。最左边没有列名的一列是行号（pandas 叫 index，索引）。

# %%
tx.head()

# %% [markdown] lang=en
# `overview.summarize` gives the key facts of the table: order lines, orders, customers, revenue, period.

# %% [markdown] lang=zh
# `overview.summarize` 给出这张表的基本概况（客户数据概览）：订单行数、订单数、客户数、收入合计、时间范围，
# 以及客均收入和客均订单数。没有订单号的数据（如 CDNOW）把每一行算作一笔订单。

# %%
summary = overview.summarize(tx)["value"]
source = crmlab.quality_report(tx).source
say(f"The data loaded here (`{source}`) has {summary['Order lines']:,} order lines of {summary['Customers']:,} "
    f"customers, from {summary['First order']} to {summary['Last order']}.",
    f"本次载入的数据（`{source}`）共有 {summary['Order lines']:,} 行订单记录，涉及 {summary['Customers']:,} 位客户，"
    f"时间从 {summary['First order']} 到 {summary['Last order']}。", lang=lang)
start, end = pd.Timestamp(summary["First order"]), pd.Timestamp(summary["Last order"])
say(f"CDNOW follows the customers who made their first purchase in the first quarter of {start.year}, with all "
    f"their purchases until {end:%B %Y}.",
    f"CDNOW 跟踪的是在 {start.year} 年第一季度首次购买的那批客户，记录了他们直到 {end.year} 年 {end.month} 月的全部购买。",
    lang=lang, when=data == "cdnow")
overview.summarize(tx, lang=lang)

# %% [markdown] lang=en
# The **quality report** says what the reader found and did: nothing is dropped silently. Read the
# `count` and `action` columns: `dropped` rows are gone from `tx`, `kept` rows are still in it.

# %% [markdown] lang=zh
# **数据质量报告**记录读取器发现了什么、做了什么：任何一行都不会被悄悄删掉。报告是英文的，
# 重点看 `count`（行数）和 `action`（处理方式：`dropped` 已删除，`kept` 保留，`computed` 已计算）两列。常见条目的含义：
#
# | 报告条目 | 含义 |
# |---|---|
# | `rows read` / `rows kept` | 读入的行数 / 清理后保留的行数 |
# | `totals row at the bottom` | 文件末尾的“合计”行（不是交易，删除） |
# | `missing customer id` / `missing order date` / `missing amount` | 缺少客户编号 / 下单日期 / 金额的行 |
# | `implausible order dates` | 不合理的日期（过早或在未来） |
# | `returns and cancellations` | 退货和取消的订单 |
# | `zero amount` | 金额为零的行 |
# | `exact duplicate rows` | 各列完全相同的重复行 |
#
# 教材讲客户服务分层的前提时，第一条就是“客户资料信息应准确完整”；质量报告就是检查这一点的工具。

# %%
crmlab.quality_report(tx).to_frame()

# %%
report = crmlab.quality_report(tx)
zero, duplicates, has_order = report.count("zero amount"), report.count("exact duplicate rows"), "order_id" in tx
say(f"Of {report.rows_read:,} rows read, {report.rows_kept:,} are kept.",
    f"读入 {report.rows_read:,} 行，保留 {report.rows_kept:,} 行。", lang=lang)
say(f"The {zero:,} rows with a zero amount are kept: a free item is still a purchase.",
    f"金额为零的 {zero:,} 行被保留：免费得到的商品也是一次购买。", lang=lang, when=zero > 0)
say(f"The {duplicates:,} exact duplicate rows are kept: this data has no order id, so buying the same again on "
    "one day cannot be told apart from a double entry.",
    f"{duplicates:,} 行完全重复的记录被保留：这份数据没有订单号，同一天再买一次同样的东西和重复录入无法区分。",
    lang=lang, when=duplicates > 0 and not has_order)
say(f"The {duplicates:,} exact duplicate rows are kept although each row carries an order id: the same line twice "
    "in one order is more likely a double entry — look at them, and drop them with `duplicates='drop'` if so.",
    f"有 {duplicates:,} 行完全重复的记录被保留。这份数据有订单号，同一订单里出现两行一模一样的记录，更可能是重复录入："
    "请检查；若确认是重复，可以用 `duplicates='drop'` 删除。", lang=lang, when=duplicates > 0 and has_order)

# %% [markdown] lang=en
# Revenue per month shows how the business develops over the period of the data.

# %% [markdown] lang=zh
# 下面的折线图是每月收入（横轴月份，纵轴当月收入合计），用来看业务在这段时间里的走势。

# %%
ax = overview.plot_revenue_over_time(tx, lang=lang)

# %%
months = overview.revenue_by_period(tx)
peak, recent = months.idxmax(), months.tail(3).mean() / months.max()
partial = end < end + pd.offsets.MonthEnd(0)
say(f"Monthly revenue peaks in {peak:%B %Y} at {months.max():,.0f}; over the last three months of the data it "
    f"averages {recent:.0%} of that peak" + (f" (the data end on {end.date()}, so the last month is incomplete)."
                                            if partial else "."),
    f"月收入在 {peak.year} 年 {peak.month} 月达到最高（{months.max():,.0f}）；数据最后三个月的月均收入是这一峰值的 "
    f"{recent:.0%}" + (f"（数据截止于 {end.date()}，最后一个月不完整）。" if partial else "。"), lang=lang)

# %%
first = tx.groupby("customer_id")["order_date"].min()
cohort = (first < first.min() + pd.DateOffset(months=3)).mean()
say("Every customer made their first purchase in the first three months of the data: the curve follows one "
    "cohort, and what remains after the peak is what that cohort keeps buying.",
    "所有客户都是在数据开始后的头三个月里首次购买的：这条曲线跟踪的是同一批客户（一个同期群），"
    "峰值之后剩下的部分就是这批客户后来还在买的量。", lang=lang, when=cohort >= 0.999)
say(f"Only {cohort:.0%} of the customers made their first purchase in the first three months: new customers keep "
    "arriving, so the curve mixes first and repeat purchases.",
    f"只有 {cohort:.0%} 的客户是在头三个月里首次购买的：新客户不断加入，所以曲线里既有首次购买也有重复购买。",
    lang=lang, when=cohort < 0.999)

# %% [markdown] lang=en
# **What this tells a manager:** the curve says how much revenue there is, not who brings it. Whether
# first-time buyers come back is what later chapters measure: repeat purchase (重复购买), customer lifetime
# value (客户终身价值) and retention and churn (顾客保持率, 流失率).

# %% [markdown] lang=zh
# **对管理者的启示：** 收入曲线只告诉我们钱有多少，不告诉我们钱来自谁。首次购买的客户会不会回来、
# 能带来多少价值，正是后面几章要衡量的：重复购买率、客户终身价值（CLV）、顾客保持率与流失率。

# %% [markdown] lang=en
# ## 3. Your own file
# `shop_orders_gbk.csv` (in `crmlab/data/`) is a small export as a Chinese shop system writes it: **GBK** encoding,
# Chinese headers, dates like `2023年1月6日`, quantity and unit price instead of an amount, returns
# (cancellation invoices `C…` with negative quantities) and rows without a customer id. Here are its first
# 200 bytes, decoded as GBK (the last line stops mid-row):

# %% [markdown] lang=zh
# ## 3. 使用自己的数据
# `shop_orders_gbk.csv`（在 `crmlab/data/` 目录下）是一家中国小店的收银系统导出的文件，和实际工作中拿到的文件一样“不整齐”：
# 用 **GBK** 编码（Windows 中文系统常见的编码，用错编码打开会出现乱码），列名是中文，日期写成 `2023年1月6日`，
# 只有数量和单价、没有金额列，有退货记录（订单号以 `C` 开头、数量为负），还有缺客户编号的行。
# 下面按 GBK 解码显示文件开头的 200 个字节（所以最后一行在中间断开）：

# %%
shop_path = datasets.data_path("shop_orders")
print(shop_path.read_bytes()[:200].decode("gbk"))

# %% [markdown] lang=en
# Map its columns onto the data model: each keyword names a canonical role, each value the file's own column.
# The encoding, separator and date style are detected; amount is computed as quantity × unit price because no
# amount column is given (`amount=None`). Dates like `2023年1月6日` are rewritten as `2023-1-6` before parsing,
# and `gb18030` is the superset of GBK that decodes GBK files.

# %% [markdown] lang=zh
# 用**列名映射**把文件的列对应到标准列：等号左边是标准角色（`customer` 客户、`date` 日期、`order` 订单号……），
# 右边是文件里自己的列名。编码、分隔符和日期格式由读取器自动识别；`amount=None` 表示文件没有金额列，
# 于是金额按“数量 × 单价”计算。`2023年1月6日` 这样的日期会先改写成 `2023-1-6` 再解析；
# 报告里的 `gb18030` 是 GBK 的扩展（超集），能正确解码 GBK 文件。`shop.head()` 显示读入后的前 5 行。

# %%
shop = crmlab.read_transactions(
    shop_path,
    customer="客户编号", date="下单日期", amount=None, order="订单号",
    product="商品", category="品类", quantity="数量", unit_price="单价",
)
print(crmlab.quality_report(shop))
shop.head()

# %%
shop_report = crmlab.quality_report(shop)
computed = shop_report.count("amount computed as quantity × unit price")
say(f"The reader detected the encoding `{shop_report.encoding}` and the date style `{shop_report.date_format}`, "
    f"and computed {computed:,} amounts as quantity × unit price.",
    f"读取器识别出编码为 `{shop_report.encoding}`、日期格式为 `{shop_report.date_format}`，"
    f"并按“数量 × 单价”算出了 {computed:,} 个金额。", lang=lang)

# %% [markdown] lang=en
# Returns can be handled three ways (`returns=`): `"drop"` removes them (default), `"keep"` keeps them as
# negative amounts flagged in `is_return`, `"net"` subtracts each from the customer's matching earlier
# purchase. `net` leaves no negative rows, which keeps per-customer figures such as RFM clean; `keep` and `net`
# give the same total when every return finds its earlier purchase. Compare revenue under each:

# %% [markdown] lang=zh
# 退货有三种处理方式（参数 `returns=`）：`"drop"` 直接删除退货行（默认）；`"keep"` 保留为负金额，并在 `is_return`
# 列中标记；`"net"` 冲销——从该客户此前对应的购买中扣除。`net` 之后表里没有负数行，按客户计算的指标（如 RFM）
# 才干净；每笔退货都找到原购买时，`keep` 和 `net` 的收入合计相同。下面比较三种方式下的收入合计
# （`{...: ... for option in ...}` 是 Python 的写法：对三个选项各读一次文件）：

# %%
revenue = pd.Series({
    option: crmlab.read_transactions(
        shop_path, customer="客户编号", date="下单日期", amount=None, order="订单号",
        product="商品", quantity="数量", unit_price="单价", returns=option)["amount"].sum().round(2)
    for option in ("drop", "keep", "net")
}, name="revenue")
revenue

# %%
same = abs(revenue["keep"] - revenue["net"]) < 0.005
say(f"Returns take {revenue['drop'] - revenue['keep']:,.2f} off the revenue of `drop`; `keep` and `net` "
    + ("agree: every return found the purchase it undoes." if same else
       f"differ by {revenue['keep'] - revenue['net']:,.2f}: some returns found no earlier purchase."),
    f"保留退货（`keep`）时，收入合计比 `drop` 少了 {revenue['drop'] - revenue['keep']:,.2f}；`keep` 和 `net` "
    + ("结果相同：每笔退货都找到了它所冲销的原购买。" if same else
       f"相差 {revenue['keep'] - revenue['net']:,.2f}：有些退货找不到此前的购买。"), lang=lang)

# %% [markdown] lang=en
# ## 4. When something is wrong
# A wrong mapping gives a `DataError` that names the column, lists the columns that exist and says what to
# pass. (Here we catch it with `try … except` to show the message.)

# %% [markdown] lang=zh
# ## 4. 数据出错时
# 映射写错时，读取器会报 `DataError`（数据错误），提示信息（英文）会指出哪一列找不到、文件里实际有哪些列、应该怎么写。
# 下面故意把客户列写成不存在的 `客户ID`；`try … except` 的作用是“捕获”这个错误并把提示打印出来，而不是让程序停下。
# 读提示时抓住三点：`'客户ID' … is not in the data`（文件里没有这一列），`Did you mean customer='客户编号'?`
# （猜你想写的是哪一列），以及文件里实际存在的列名清单。

# %%
try:
    crmlab.read_transactions(shop_path, customer="客户ID", date="下单日期", amount=None,
                             quantity="数量", unit_price="单价")
except crmlab.DataError as error:
    print(error)

# %% [markdown] lang=en
# ## 5. A data set of your own
# `make_transactions(seed=...)` generates a synthetic retailer — products, categories, channels, planted
# co-purchase rules, returns and a few dirty rows — with the **ground truth** returned alongside, so you
# can check what the methods find. Each student can use their own seed (`data = "synthetic:<seed>"`).

# %% [markdown] lang=zh
# ## 5. 每位同学一份数据
# `make_transactions(seed=...)` 生成一家模拟零售商的交易数据：有商品、品类、渠道，预先“埋”好的关联规则
# （哪些商品常被一起购买），还有退货和少量脏数据。它同时返回**真实答案**（ground truth，即生成数据时设定的真相），
# 可以用来检验分析方法是否找对了。每位同学用自己的种子号（例如学号后几位）：`data = "synthetic:<种子>"`。
#
# 下面显示生成的原始行数和埋下的问题：`return_rows` 退货行，`missing_customer_id` 缺客户编号的行，
# `duplicate_rows` 重复行，`return_rows_without_id` 缺客户编号的退货行；最后是三类客户各有多少人
# （`family` 家庭型、`essentials` 日常必需型、`gourmet` 美食型）。

# %%
raw, truth = datasets.make_transactions(500, seed=seed, return_truth=True)
say(f"{len(raw):,} raw order lines; planted problems: {truth.dirt}",
    f"共 {len(raw):,} 行原始订单记录；埋下的问题：退货行 {truth.dirt.get('return_rows', 0)} 行、"
    f"缺客户编号的行 {truth.dirt.get('missing_customer_id', 0)} 行、重复行 {truth.dirt.get('duplicate_rows', 0)} 行、"
    f"缺客户编号的退货行 {truth.dirt.get('return_rows_without_id', 0)} 行。", lang=lang)
truth.customers["type"].value_counts()

# %% [markdown] lang=en
# ## 6. Where each chapter is
#
# | Notebook | Chapter | Module |
# |---|---|---|
# | `01_customer_value` | Customer value, tiers and CLV (客户价值) | `crmlab.value`, `crmlab.clv` |
# | `02_rfm_segmentation` | RFM segmentation (RFM 分析) | `crmlab.rfm` |
# | `03_association_rules` | Association rules and cross-selling (关联规则) | `crmlab.basket` |
# | `04_satisfaction_loyalty` | Satisfaction versus loyalty (顾客满意与顾客忠诚) | `crmlab.satisfaction` |
# | `05_loyalty_types` | Loyalty types and measures (忠诚类型) | `crmlab.loyalty` |
# | `06_customer_lifecycle` | Customer lifecycle, cohorts, retention (客户生命周期) | `crmlab.lifecycle` |
#
# Every notebook has a **Parameters** cell like the one above, so `crmlab run 02 -p data synthetic:7`
# runs it on other data without editing (`crmlab report` does the same for every chapter; `make report`
# runs them all on the bundled data).

# %% [markdown] lang=zh
# ## 6. 章节导航
#
# | 笔记本 | 章节 | 模块 |
# |---|---|---|
# | `01_customer_value` | 顾客价值、客户分级与客户终身价值（CLV） | `crmlab.value`、`crmlab.clv` |
# | `02_rfm_segmentation` | RFM 分析与客户细分 | `crmlab.rfm` |
# | `03_association_rules` | 关联规则与交叉销售 | `crmlab.basket` |
# | `04_satisfaction_loyalty` | 顾客满意与顾客忠诚 | `crmlab.satisfaction` |
# | `05_loyalty_types` | 顾客忠诚的衡量与类型 | `crmlab.loyalty` |
# | `06_customer_lifecycle` | 客户生命周期、同期群与顾客保持率 | `crmlab.lifecycle` |
#
# 每本笔记都有一个和上面一样的**参数设置**单元格，所以不用改代码就能换数据运行，例如在命令行输入
# `crmlab run 02 -p data synthetic:7`；`crmlab report` 对所有章节一起这样做，`make report` 用内置数据运行全部章节。
# 中文版笔记本在 `crmlab/notebooks/zh/` 目录下，文件名与英文版相同；命令行加 `--lang zh`（如 `crmlab run 02 --lang zh`）就运行中文版。

# %% [markdown] lang=en
# ## 7. One term per concept: the glossary
# Every label in the kit's tables and figures, and the narrative of both editions, use one English and one
# Chinese term per concept, taken from the course texts where they have one (`crmlab.glossary`). The table
# below shows the first rows; `crmlab glossary --lang zh` prints all of them, and `glossary_table()` gives
# them as a DataFrame.

# %% [markdown] lang=zh
# ## 7. 一个概念一个术语：术语表
# 工具包里表格和图中的每个标签，以及两个版本的讲解文字，每个概念都只用一个英文术语和一个中文术语；
# 课程教材里有的，就用教材的说法（`crmlab.glossary`）。下表是前几行；在命令行输入
# `crmlab glossary --lang zh` 可以列出全部术语，`glossary_table()` 则把它们作为 DataFrame 返回。

# %%
terms = glossary_table(lang=lang)
say(f"The glossary has {len(terms)} terms.", f"术语表共有 {len(terms)} 个术语。", lang=lang)
terms.iloc[:12, 1:4]

# %% [markdown] lang=en
# ## Exercises
# Twelve exercises of four kinds: **compute** (on your own data — `tx`, and `raw`, the export generated from your
# seed in section 5 — so the answer is not printed above), **interpret** (choose the right reading of a result),
# **decide** (choose how to treat the data for an analysis and justify it; your instructor marks it with a
# rubric) and **concept check** (true/false and multiple choice on the course's concepts). Each card below gives the
# question; write your answer as `answer = ...` and run the `check(...)` cell: it prints ✓, or names the mistake
# your answer reveals — never the answer itself. A choice question is answered with the option's key
# (`answer = "b"`).
#
# The pandas you need, shown on other columns: `tx["amount"]` takes one column; `.sum()`, `.max()`, `.mean()` and
# `.nunique()` (number of distinct values) reduce it to one number; `tx.groupby("customer_id")["amount"]` groups it
# by customer, so `.sum()` then gives one total per customer; `tx["order_date"].dt.normalize()` keeps the date and
# drops the time of day; `frame.drop_duplicates([...])` keeps one row per combination of the columns listed.

# %% [markdown] lang=zh
# ## 练习
# 本章共 12 道练习，分四类：**计算题**（用你自己的数据计算——`tx`，以及第 5 节按你的种子号生成的原始导出数据 `raw`——
# 所以答案不会在上文出现）、**解读题**（为一个结果选出正确的解读）、**决策题**（为某项分析决定怎样处理数据，并说明理由；
# 由老师按评分标准批改）和**概念题**（判断题、选择题，考查课程中的概念）。每张题卡给出题目；把答案写成 `answer = ...`，
# 再运行下面的 `check(...)`：答对显示 ✓，答错会指出你的答案暴露了什么错误——但不会直接给出答案。
# 选择题用选项的字母作答（`answer = "b"`）。
#
# 需要用到的 pandas 写法（下面的代码用别的列演示一遍）：`tx["amount"]` 取出一列；`.sum()` 求和、`.max()` 取最大值、
# `.mean()` 求平均、`.nunique()` 数有多少个**不同的**值，都把一列变成一个数；`tx.groupby("customer_id")["amount"]`
# 表示按客户分组，后面接 `.sum()` 就得到每位客户一个合计；`tx["order_date"].dt.normalize()` 只保留日期、去掉钟点；
# `表.drop_duplicates([...])` 对所列各列的每种组合只留一行。`.round(2)` 保留两位小数。

# %%
from crmlab.exercises import show

print(tx["amount"].sum().round(2), tx["order_date"].nunique(), tx["amount"].max())
tx.groupby("customer_id")["order_date"].min().head(3)

# %%
show("start.1", lang=lang)

# %% tags=["solution"]
answer = raw["customer_id"].nunique()

# %%
check("start.1", answer, data=raw, lang=lang)

# %%
show("start.2", lang=lang)

# %% tags=["solution"]
answer = len(tx.assign(day=tx["order_date"].dt.normalize()).drop_duplicates(["customer_id", "day"]))

# %%
check("start.2", answer, data=tx, lang=lang)

# %%
show("start.3", lang=lang)

# %% tags=["solution"]
answer = tx.groupby("customer_id")["amount"].sum().max().round(2)

# %%
check("start.3", answer, data=tx, lang=lang)

# %%
show("start.4", lang=lang)

# %% tags=["solution"]
answer = crmlab.read_transactions(raw, returns="keep")["amount"].sum().round(2)

# %%
check("start.4", answer, data=raw, lang=lang)

# %%
show("start.5", lang=lang)

# %% tags=["solution"]
answer = round(crmlab.read_transactions(raw, returns="keep").pipe(
    lambda kept: -kept.loc[kept["is_return"], "amount"].sum() / kept.loc[~kept["is_return"], "amount"].sum() * 100), 2)

# %%
check("start.5", answer, data=raw, lang=lang)

# %%
show("start.6", lang=lang)

# %% tags=["solution"]
answer = "c" if "order_id" in tx.columns else "b"

# %%
check("start.6", answer, data=tx, lang=lang)

# %%
show("start.7", lang=lang)

# %% tags=["solution"]
answer = tx.groupby("customer_id")["amount"].sum().pipe(lambda per: "b" if (per < per.mean()).mean() > 0.5 else "c")

# %%
check("start.7", answer, data=tx, lang=lang)

# %%
show("start.8", lang=lang)

# %% tags=["solution"]
answer = "c"  # net: M is what the customer is worth after returns; no negative rows to distort R and F.

# %%
check("start.8", answer, lang=lang)

# %%
show("start.9", lang=lang)

# %% tags=["solution"]
answer = "b"  # real sales count in total revenue, but no customer can be credited with them; report their share.

# %%
check("start.9", answer, lang=lang)

# %%
show("start.10", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("start.10", answer, lang=lang)

# %%
show("start.11", lang=lang)

# %% tags=["solution"]
answer = "c"

# %%
check("start.11", answer, lang=lang)

# %%
show("start.12", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("start.12", answer, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - One canonical frame (`customer_id`, `order_date`, `amount`, …) lets every chapter run on any data.
# - The reader detects encodings (UTF-8, GBK/GB18030, cp1252), separators and date styles, and counts every
#   decision in the quality report; bad input stops with a message that says how to fix it.
# - Returns are dropped, kept or netted (`returns=`); choose before computing per-customer figures.
# - Fader, P. S., & Hardie, B. G. S. (2001). Forecasting repeat sales at CDNOW. *Interfaces*, 31(3).
# - Wickham, H. (2014). Tidy data. *Journal of Statistical Software*, 59(10).

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - 全课程只用一张标准交易表（`customer_id` 客户编号、`order_date` 下单日期、`amount` 金额……），所以每一章都能用在任何数据上。
# - 读取器自动识别编码（UTF-8、GBK/GB18030、cp1252）、分隔符和日期格式，每一个处理决定都记在数据质量报告里；
#   数据有错时会停下来，并说明怎样改正。
# - 退货可以删除、保留或冲销（`returns=`）；在计算按客户的指标之前先决定用哪一种。
# - Fader, P. S., & Hardie, B. G. S. (2001). Forecasting repeat sales at CDNOW. *Interfaces*, 31(3).（CDNOW 数据的出处）
# - Wickham, H. (2014). Tidy data. *Journal of Statistical Software*, 59(10).（整洁数据的原则）

# %%
headline(lang=lang, customers=int(summary["Customers"]), revenue=float(summary["Revenue"]),
         period=f"{summary['First order']} … {summary['Last order']}")
