# Source of crmlab/notebooks/{en,zh}/01_customer_value.ipynb — edit here, then
# `.venv/bin/python tools/build_notebooks.py notebooks/src/01_customer_value.py`.

# %% [markdown] lang=en
# # Customer value and customer lifetime value
#
# Customers are not equally valuable. This chapter measures value from both sides: what the customer
# receives (**customer delivered value**, 顾客让渡价值) and what the customer is worth to the firm
# (value concentration, customer tiers 客户分级, and **customer lifetime value**, 客户终身价值 CLV).
#
# **Learning goals**
# 1. Compute delivered value = total customer value − total customer cost.
# 2. Measure how concentrated revenue is (Lorenz curve, Gini, the 80/20 rule) and build ABC tiers and a customer pyramid.
# 3. Compute simple CLV from margin, retention and discount rate, and see how sensitive it is.
# 4. Fit the BG/NBD and Gamma-Gamma models, check them on a holdout period, and rank customers by CLV.

# %% [markdown] lang=zh
# # 顾客价值、客户分级与客户终身价值（CLV）
#
# 客户并不是同样有价值的。本章从两个方向衡量价值：一是顾客从企业那里得到了什么（**顾客让渡价值**），二是客户对企业值多少（客户价值的集中度、客户分级，以及**客户终身价值** CLV）。
#
# **学习目标**
# 1. 会计算顾客让渡价值 = 顾客总价值 − 顾客总成本。
# 2. 会用洛伦兹曲线、基尼系数和二八法则衡量收入的集中程度，并据此做 ABC 分级和客户金字塔。
# 3. 会用毛利、顾客保持率和折现率计算简单的 CLV，并看出它对顾客保持率有多敏感。
# 4. 会拟合 BG/NBD 和 Gamma-Gamma 模型，用验证期检验模型，并按 CLV 给客户排序。

# %% [markdown] lang=en
# ## Parameters
# `data`: a bundled name (`"cdnow"`, `"retail"`), `"synthetic:<seed>"` or a path with its `columns` mapping.
# `calibration_end`: last day used to fit the models (`None` = the middle of the data period, printed below;
# for CDNOW this is the calibration end used by Fader, Hardie & Lee 2005). `horizon`: CLV horizon in weeks.
# `discount_rate`: annual. `margin`: profit margin on revenue.

# %% [markdown] lang=zh
# ## 参数
# `data`：内置数据集的名称（`"cdnow"`、`"retail"`）、`"synthetic:<种子>"`，或者一个文件路径（同时用 `columns` 给出列名映射）。`calibration_end`：拟合模型所用的最后一天（`None` 表示取数据期的中点，实际日期见下方输出；对 CDNOW，这与 Fader、Hardie 和 Lee 2005 年论文所用的校准期末相同）。`horizon`：CLV 的预测期（周）。`discount_rate`：年折现率。`margin`：收入的毛利率。

# %% tags=["parameters"]
data = "cdnow"
columns = {}
calibration_end = None
horizon = 52
discount_rate = 0.10
margin = 0.30
lang = "en"
seed = 0

# %% [markdown] lang=en
# ## Setup

# %% [markdown] lang=zh
# ## 准备：载入数据

# %%
import numpy as np
import pandas as pd

from crmlab import clv, datasets, value
from crmlab.exercises import check
from crmlab.labels import term
from crmlab.notebook import headline, say, setup

tx = setup(data, columns, lang=lang)

# %%
first, last = tx["order_date"].min().normalize(), tx["order_date"].max().normalize()
if calibration_end is None:
    calibration_end = first + (last - first) / 2
calibration_end = pd.Timestamp(calibration_end).normalize()
say(f"Data period {first:%Y-%m-%d} .. {last:%Y-%m-%d}; the calibration period ends {calibration_end:%Y-%m-%d}.",
    f"数据期 {first:%Y-%m-%d} 至 {last:%Y-%m-%d}；校准期截至 {calibration_end:%Y-%m-%d}。", lang=lang)

# %% [markdown] lang=en
# ## 1. Customer delivered value
# Kotler's **customer delivered value** (顾客让渡价值) is what the customer gains:
#
# $$\text{delivered value} = \underbrace{V_{\text{product}} + V_{\text{service}} + V_{\text{personnel}} + V_{\text{image}}}_{\text{total customer value 顾客总价值}} - \underbrace{\left(C_{\text{money}} + C_{\text{time}} + C_{\text{energy}} + C_{\text{psychic}}\right)}_{\text{total customer cost 顾客总成本}}$$
#
# A small survey-style example (ratings 0–10) ships with crmlab; weights let you stress a component (here
# money cost counts 1.5 times). `value_ratio` is the ratio form: total value ÷ total cost (above 1 = the
# customer gains).

# %% [markdown] lang=zh
# ## 1. 顾客让渡价值
# 科特勒（Kotler）的**顾客让渡价值**是顾客在一次购买中“净得”的价值，即顾客总价值（产品价值、服务价值、人员价值、形象价值）减去顾客总成本（货币成本、时间成本、体力成本、精神成本）：
#
# $$\text{delivered value} = \underbrace{V_{\text{product}} + V_{\text{service}} + V_{\text{personnel}} + V_{\text{image}}}_{\text{total customer value 顾客总价值}} - \underbrace{\left(C_{\text{money}} + C_{\text{time}} + C_{\text{energy}} + C_{\text{psychic}}\right)}_{\text{total customer cost 顾客总成本}}$$
#
# crmlab 自带一个问卷式的小例子（各项按 0–10 打分）。权重可以突出某一项，这里让货币成本按 1.5 倍计。`value_ratio` 是比值形式：顾客总价值 ÷ 顾客总成本，大于 1 说明顾客“有得赚”。

# %% [markdown] lang=en
# **Textbook vs literature (教材 vs 文献).** Course text 000 defines customer value (顾客价值) as the
# benefit minus the price paid, and splits that price into purchase cost and **post-purchase cost**
# (购后成本: use, upkeep, disposal); Kotler's four costs are mostly paid at purchase. To include
# post-purchase cost, add it as one more column and pass it in `cost_columns`. Text 000 also calls
# value a *comparison* of benefit and cost — that is the ratio form `value_ratio`, while Kotler uses the
# difference. The ratings here measure perceived value (知觉价值), one of the three layers of text 000
# (potential, perceived and realised value), not the value the customer finally realises.

# %% [markdown] lang=zh
# **教材 vs 文献**：课程文本 000 把顾客价值定义为顾客所得收益与所花代价之差，并把代价分成购买成本和**购后成本**（使用、维护、处置等）；科特勒的四项成本则主要发生在购买环节。要计入购后成本，可以在问卷里多加一列，通过 `cost_columns` 算进顾客总成本。文本 000 还把客户价值说成总利益与总代价的“比较”，对应上面的比值形式 `value_ratio`，科特勒用的则是差额。另外，这里的评分衡量的是文本 000 所说三个层面（潜在顾客价值、知觉价值、实际实现的顾客价值）中的知觉价值，而不是顾客最终实际实现的价值。

# %%
example = pd.read_csv(datasets.DATA_DIR / "delivered_value_example.csv")
example_value = value.delivered_value(example, weights={"monetary_cost": 1.5})
example_value.round(2).head(9)

# %%
losing = example_value.index[example_value["delivered_value"] < 0].tolist()
say(f"{len(losing)} of the {len(example_value)} respondents get a negative delivered value (total cost above "
    f"total value){': ' + ', '.join(losing) if losing else ''}.",
    f"{len(example_value)} 位受访者中有 {len(losing)} 位的顾客让渡价值为负（顾客总成本高于顾客总价值）"
    f"{'：' + '、'.join(losing) if losing else ''}。", lang=lang)

# %% [markdown] lang=en
# A negative delivered value means the customer gives more than they get: as course text 002 puts it,
# the larger the delivered value the more satisfied the customer, and when it is negative the customer is
# dissatisfied. Per segment, on a larger generated sample (`value.make_delivered_value`; its three segments
# are *premium*, *convenience* and *price*-driven customers):

# %% [markdown] lang=zh
# 让渡价值为负，说明顾客付出的比得到的多。课程文本 002 说：让渡价值越大，客户满意度越高；让渡价值为负时，客户不满意。下面换一个更大的生成样本（`value.make_delivered_value`），按客户群求平均。样本里有三个客户群：premium（重品质）、convenience（重便利）和 price（重价格）。

# %%
survey = value.make_delivered_value(300, seed=seed)
value.delivered_value(survey, by="segment").round(2)

# %% [markdown] lang=en
# The components behind these totals (mean rating per segment):

# %% [markdown] lang=zh
# 这些合计背后的各个组成部分（每个客户群的平均评分）：

# %%
components = survey.groupby("segment").mean(numeric_only=True)
components.T.rename(index=lambda key: term(key, lang, value.TERMS)).round(2)

# %%
top = components.idxmax()
money = components["monetary_cost"]
dearest, cheapest = money.idxmax(), money.idxmin()
alike = top["product_value"] == top["image_value"] == dearest
say(f"**{dearest}** customers bear the highest money cost ({money[dearest]:.1f})"
    + (", and they also get the most product and image value." if alike else
       f"; the most product value goes to **{top['product_value']}**, the most image value to **{top['image_value']}**."),
    f"货币成本最高的是 **{dearest}** 客户群（{money[dearest]:.1f}）"
    + ("，他们得到的产品价值和形象价值也最高。" if alike else
       f"；产品价值最高的是 **{top['product_value']}**，形象价值最高的是 **{top['image_value']}**。"), lang=lang)
alike = top["time_cost"] == top["energy_cost"] == cheapest
say(f"**{cheapest}** customers pay the least money ({money[cheapest]:.1f})"
    + (" but bear the highest time and energy costs." if alike else
       f"; the highest time cost falls on **{top['time_cost']}**, the highest energy cost on **{top['energy_cost']}**."),
    f"货币成本最低的是 **{cheapest}** 客户群（{money[cheapest]:.1f}）"
    + ("，但他们的时间成本和体力成本最高。" if alike else
       f"；时间成本最高的是 **{top['time_cost']}**，体力成本最高的是 **{top['energy_cost']}**。"), lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** Customers choose the offer with the highest delivered value, not the
# lowest price. A segment that pays a high price stays as long as it gets matching product and image value;
# a segment that pays little money but much time and energy can be won by cutting those costs (delivery,
# opening hours, a simpler process) as well as the price.

# %% [markdown] lang=zh
# **对管理者的启示**：顾客会选择让渡价值最高的产品或服务，而不一定是价格最低的。愿意付高价的客户群，只要得到相应的产品价值和形象价值就会留下；付钱不多、却花了大量时间和体力的客户群，除了降价，还可以通过降低时间成本和体力成本（送货上门、延长营业时间、简化流程）来争取。

# %% [markdown] lang=en
# ## 2. How concentrated is customer value?
# Rank customers from the most valuable and plot the cumulative share of revenue (Lorenz curve, 洛伦兹曲线).
# The **Gini coefficient** (基尼系数) is $G = 1 - 2\int_0^1 L(u)\,du$ for the ascending curve $L$ (least
# valuable first); for the curve plotted here (most valuable first, above the diagonal) it is
# $2 \times$ the area under it $- 1$. $G = 0$ when all customers are worth the same, near 1 when one
# customer has everything. The **Pareto rule** (二八法则) asks whether the top 20% of customers bring
# about 80% of revenue: it is a rule of thumb, not a law.

# %% [markdown] lang=zh
# ## 2. 客户价值有多集中
# 把客户按价值从高到低排队，画出累计收入占比，就是**洛伦兹曲线**。对从低到高排列的曲线 $L$，**基尼系数**为 $G = 1 - 2\int_0^1 L(u)\,du$；对这里画的曲线（从高到低排列，位于对角线上方），它等于曲线下面积的 $2$ 倍减 $1$。所有客户价值相同时 $G = 0$，一个客户拥有全部价值时 $G$ 接近 1。**二八法则**问的是：前 20% 的客户是否带来约 80% 的收入？它只是经验法则，不是定律。

# %%
gini, top20 = value.gini(tx), value.top_share(tx, 0.2)
curve = value.lorenz_curve(tx)
half = float(np.interp(0.5, curve["value_share"], curve["customer_share"]))
say(f"Gini = {gini:.3f}. The top 20% of customers bring {top20:.1%} of revenue, "
    f"{'more' if top20 > 0.8 else 'less'} than the 80% of the rule of thumb; half of all revenue comes from "
    f"the top {half:.1%} of customers.",
    f"基尼系数 G = {gini:.3f}。前 20% 的客户带来 {top20:.1%} 的收入，{'高于' if top20 > 0.8 else '低于'}"
    f"二八法则所说的 80%；一半的收入来自价值最高的 {half:.1%} 的客户。", lang=lang)
ax = value.plot_lorenz(tx, lang=lang)

# %% [markdown] lang=en
# ### ABC tiers and the customer pyramid
# ABC tiers (客户分级) split customers where cumulative revenue passes 80% and 95%; the customer pyramid
# (客户金字塔; Zeithaml, Rust & Lemon 2001) sorts customers into four profitability tiers, platinum, gold,
# iron and lead; this tool cuts them by head count (defaults you can change): top 5% platinum, next 15%
# gold, next 40% iron, the rest lead.

# %% [markdown] lang=zh
# ### ABC 分级与客户金字塔
# ABC 分级在累计收入达到 80% 和 95% 的地方切开，分出 A 类（关键客户）、B 类（普通客户）和 C 类（小客户），与课程文本 002 的客户分级一致。客户金字塔（Zeithaml、Rust 和 Lemon，2001）把客户按盈利能力分为铂金、黄金、铁、铅四层；本工具按人数切分（默认值，可修改）：价值最高的 5% 为铂金客户，其次 15% 为黄金客户，再次 40% 为铁客户，其余为铅客户。

# %%
abc = value.abc_tiers(tx, cuts=(0.8, 0.95), lang=lang)
value.tier_summary(abc).round(3)

# %%
pyramid = value.customer_pyramid(tx, thresholds=(0.05, 0.20, 0.60), lang=lang)
ax = value.plot_pyramid(pyramid, lang=lang)

# %%
tier_a = value.tier_summary(abc, tier="tier_key").loc["A"]
platinum = value.tier_summary(pyramid, tier="tier_key").loc["Platinum"]
say(f"Tier A is {tier_a['customer_share']:.1%} of the customers and brings {tier_a['value_share']:.1%} of revenue; "
    f"the platinum top {platinum['customer_share']:.0%} alone brings {platinum['value_share']:.1%}, "
    f"{platinum['value_share'] / platinum['customer_share']:.1f} times its share of the head count.",
    f"A 类客户占客户数的 {tier_a['customer_share']:.1%}，带来 {tier_a['value_share']:.1%} 的收入；"
    f"仅前 {platinum['customer_share']:.0%} 的铂金客户就带来 {platinum['value_share']:.1%} 的收入，"
    f"是其人数占比的 {platinum['value_share'] / platinum['customer_share']:.1f} 倍。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** Compare each tier's share of customers with its share of value: protect
# the A / platinum tier with service and recognition, develop the gold and iron tiers, and serve the lead
# tier at low cost. **Textbook vs literature.** Course text 002 warns that a big customer is not
# necessarily a good one (大客户 ≠ 好客户: financial, profit, management and churn risks), and Zeithaml, Rust &
# Lemon build the pyramid on *profitability*. Here tiers rank revenue, so tier A is a candidate list of key
# customers, to be checked against the cost to serve them.

# %% [markdown] lang=zh
# **对管理者的启示**：把每一级的客户数占比和价值占比对照起来看：对 A 类和铂金客户，要集中优势资源、提供专门的服务把他们留住（课程文本 002 对关键客户的做法）；对黄金客户和铁客户，要努力培养升级；对铅客户，以低成本的方式服务。**教材 vs 文献**：课程文本 002 提醒，大客户不等于好客户（有财务风险、利润风险、管理风险、流失风险和竞争风险），而 Zeithaml 等人的客户金字塔是按*盈利能力*划分的。这里按收入分级，所以 A 类只是关键客户的候选名单，还要结合服务成本来核实。

# %% [markdown] lang=en
# ## 3. Simple CLV
# With a constant margin $m$ per period, retention rate $r$ (顾客保持率) and discount rate $d$:
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m\, r^t}{(1+d)^t} = \frac{m\, r}{1 + d - r}$$
#
# Below: the margin per customer-year is the mean annual revenue × margin in this data set.

# %% [markdown] lang=zh
# ## 3. 客户终身价值的简单公式
# 设每期毛利 $m$ 不变，顾客保持率为 $r$，折现率为 $d$，则
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m\, r^t}{(1+d)^t} = \frac{m\, r}{1 + d - r}$$
#
# 下面的每客户年毛利 $m$ 取本数据中客户的平均年收入 × 毛利率。

# %%
m = value.annual_margin(tx, margin=margin)
say(f"Annual margin per customer: {m:.2f}.", f"每位客户每年的毛利：{m:.2f}。", lang=lang)
sensitivity = value.clv_sensitivity(m, retention=[0.5, 0.6, 0.7, 0.8, 0.9], discount=[0.05, 0.10, 0.15])
sensitivity.round(1)

# %%
gain_retention = sensitivity.loc[0.9] / sensitivity.loc[0.8] - 1
gain_discount = sensitivity[0.05] / sensitivity[0.10] - 1
say(f"Raising retention from 80% to 90% raises CLV by {gain_retention.min():.0%}–{gain_retention.max():.0%} "
    f"(most at a {gain_retention.idxmax():.0%} discount rate); lowering the discount rate from 10% to 5% raises it "
    f"by {gain_discount.min():.0%}–{gain_discount.max():.0%}, depending on retention.",
    f"顾客保持率从 80% 提高到 90%，CLV 提高 {gain_retention.min():.0%}–{gain_retention.max():.0%}"
    f"（折现率为 {gain_retention.idxmax():.0%} 时提高最多）；折现率从 10% 降到 5%，CLV 只提高 "
    f"{gain_discount.min():.0%}–{gain_discount.max():.0%}（视顾客保持率而定）。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** CLV rises steeply with retention, and the more so the higher retention
# already is: keeping customers matters far more than the discount rate (the ratios computed above). The margin $m$ scales the
# whole table, so these ratios are the same for any data. **Textbook vs literature.** Course text 004
# defines CLV (客户终生价值, the same concept as 客户终身价值) as all the revenue a customer brings over
# time *beyond the cost* of attracting, selling to and serving them; the formula above (Gupta & Lehmann
# 2003) values a customer already acquired — for a new one, subtract the acquisition cost.

# %% [markdown] lang=zh
# **对管理者的启示**：CLV 随顾客保持率急剧上升，而且顾客保持率越高，再提高一点的作用越大：留住客户比折现率的变化重要得多（见上面计算的比例）。毛利 $m$ 只是把整张表按比例放大或缩小，所以这些比例对任何数据都一样。**教材 vs 文献**：课程文本 004 把客户终生价值（即客户终身价值）定义为企业在整个关系期间从客户那里获得的全部收益中*超过*吸引、销售和服务该客户所花成本的部分；上面的公式（Gupta 和 Lehmann 2003）衡量的是已经获得的客户，对新客户还要减去获取成本。

# %% [markdown] lang=en
# Historical value (历史客户价值) looks backwards: the margin each customer has already brought, compounded
# at `discount_rate` to the end of the data (`tenure_days` counts from the first purchase to that day):

# %% [markdown] lang=zh
# 历史客户价值是向后看的：每位客户已经带来的毛利，按 `discount_rate` 复利计算到数据期末（`tenure_days` 是关系时长，从首次购买算到那一天）：

# %%
past = value.historical_clv(tx, margin=margin, discount_rate=discount_rate)
past.sort_values("historical_clv", ascending=False).round({"revenue": 2, "historical_clv": 2}).head()

# %% [markdown] lang=en
# ## 4. BG/NBD and Gamma-Gamma: "buy till you die" models
# Retention is not observed in non-contractual settings: customers leave silently. The **BG/NBD** model
# (Fader, Hardie & Lee 2005) assumes each customer buys at rate $\lambda \sim \text{Gamma}(r, \alpha)$ while
# alive and leaves after any purchase with probability $p \sim \text{Beta}(a, b)$. It needs only the
# frequency $x$ (repeat purchases), recency $t_x$ (time of the last purchase since the first) and age $T$.
# Note: this recency is not RFM's "days since the last purchase", and this $r$ is a Gamma shape, not the
# retention rate of section 3. Time is in weeks (`unit="W"`).

# %% [markdown] lang=zh
# ## 4. BG/NBD 与 Gamma-Gamma：BTYD（“买到流失为止”）模型
# 在非合同（非契约）情形下，客户流失时不会通知企业，企业无法直接知道谁已经流失，也就无法直接算出顾客保持率。**BG/NBD** 模型（Fader、Hardie 和 Lee 2005）假设每位客户在“活跃”期间以速率 $\lambda \sim \text{Gamma}(r, \alpha)$ 购买，每次购买后以概率 $p \sim \text{Beta}(a, b)$ 流失。它只需要三个量：频率 $x$（重复购买次数）、最近一次购买时间 $t_x$（距首次购买的时间）和观察期长度 $T$（从首次购买到校准期末）。注意：这里的 $t_x$ 从首次购买算起，不是 RFM 中“距最近一次消费的天数”，这里的 $r$ 是 Gamma 分布的形状参数，也不是第 3 节的顾客保持率。时间单位为周（`unit="W"`）。

# %%
summary = clv.customer_summary(tx, calibration_end=calibration_end, observation_end=last, unit="W")
summary.round(2).head()

# %%
bg = clv.BetaGeo().fit(summary)
pd.DataFrame({"estimate": bg.params_, "std. error": bg.standard_errors_}).round(3)

# %% [markdown] lang=en
# For comparison, Fader, Hardie & Lee (2005) publish r = 0.243, α = 4.414, a = 0.793, b = 2.426 for their
# 1/10 sample of CDNOW, calibrated to 1997-09-30 (weeks).

# %% [markdown] lang=zh
# 作为对照，Fader、Hardie 和 Lee（2005）用 CDNOW 的 1/10 样本、以 1997-09-30 为校准期末（单位：周）估计出 r = 0.243、α = 4.414、a = 0.793、b = 2.426。

# %%
published = pd.Series({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426})
gap = float((bg.params_[published.index] / published - 1).abs().max())
same_setup = data == "cdnow" and calibration_end == pd.Timestamp("1997-09-30")
say(f"With the full CDNOW data and the same calibration period, every estimate is within {gap:.0%} of the "
    f"published one.", f"用完整的 CDNOW 数据和相同的校准期，各参数估计与论文的值相差都不超过 {gap:.0%}。",
    lang=lang, when=same_setup)

# %% [markdown] lang=en
# Expected purchases in the next `horizon` weeks and the probability of being alive, by frequency and recency:

# %% [markdown] lang=zh
# 按频率和近度，看未来 `horizon` 周的预期购买次数和客户仍然活跃的概率：

# %%
T_cal = float(summary["T"].max())
ax = clv.plot_frequency_recency(bg, t=horizon, T=T_cal, max_frequency=15, lang=lang)

# %%
ax = clv.plot_probability_alive(bg, T=T_cal, max_frequency=15, lang=lang)

# %% [markdown] lang=en
# ### Calibration vs holdout
# The real test: predict the holdout period (验证期) from the calibration period (校准期), then compare.

# %% [markdown] lang=zh
# ### 校准期与验证期
# 真正的检验：用校准期的数据预测验证期，再与实际对比。

# %%
ax = clv.plot_calibration_holdout(bg, summary, lang=lang)

# %%
ax = clv.plot_tracking(bg, tx, calibration_end=calibration_end, lang=lang)

# %%
duration = float(summary["duration_holdout"].iloc[0])
predicted = bg.predict_purchases(summary, duration)
actual = int(summary["frequency_holdout"].sum())
error = predicted.sum() / actual - 1 if actual else float("nan")
say(f"Holdout purchases: actual {actual:,}, predicted {predicted.sum():,.0f} ({error:+.1%}).",
    f"验证期购买次数：实际 {actual:,}，预测 {predicted.sum():,.0f}（{error:+.1%}）。", lang=lang)
top_fifth = predicted.rank(method="first", ascending=False) <= len(predicted) / 5
captured = summary.loc[top_fifth, "frequency_holdout"].sum() / actual if actual else float("nan")

# %%
level = 0 if abs(error) <= 0.05 else 1 if error < 0 else 2
say(["The total is close, so the CLV below can be read at face value.",
     "The model predicts too few purchases, so read the CLV below as a conservative estimate.",
     "The model predicts too many purchases, so read the CLV below as an optimistic estimate."][level]
    + f" The fifth of customers the model ranks highest made {captured:.0%} of all holdout purchases (a random "
    f"fifth would make about 20%), " + ("so its ranking of customers is useful." if captured >= 0.4 else
                                        "so use its ranking of customers with care."),
    ["总数接近，下面的 CLV 可以按原值理解。", "模型预测的购买偏少，下面的 CLV 应视为保守估计。",
     "模型预测的购买偏多，下面的 CLV 应视为乐观估计。"][level]
    + f"模型预测值最高的五分之一客户完成了验证期全部购买的 {captured:.0%}（随机抽五分之一客户约为 20%），"
    + ("说明模型对客户的排序是有用的。" if captured >= 0.4 else "因此对客户的排序也要谨慎使用。"), lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** Trust the model as far as the dashed line follows the actual one to the
# right of the vertical line (the holdout) and the two totals agree. Even when the level is off, a model
# whose top-ranked customers make most of the actual purchases still ranks customers usefully.

# %% [markdown] lang=zh
# **对管理者的启示**：在竖线右侧（验证期），虚线与实线贴得越紧、两个总数越接近，模型越可信。即使总量有偏差，只要模型排在前面的客户确实完成了大部分实际购买，模型对客户的排序仍然有用。

# %% [markdown] lang=en
# ### Spend per purchase: Gamma-Gamma
# The Gamma-Gamma model (Fader, Hardie & Lee 2005b) shrinks each repeat buyer's mean spend towards the
# population mean: $E[M \mid x, \bar m_x] = \frac{q-1}{px+q-1}\cdot\frac{p\gamma}{q-1} + \frac{px}{px+q-1}\,\bar m_x$.

# %% [markdown] lang=zh
# ### 客单价模型：Gamma-Gamma
# Gamma-Gamma 模型（Fader、Hardie 和 Lee 2005b）把每位重复购买者的平均消费额向总体均值“收缩”（购买次数越少，收缩得越多）：$E[M \mid x, \bar m_x] = \frac{q-1}{px+q-1}\cdot\frac{p\gamma}{q-1} + \frac{px}{px+q-1}\,\bar m_x$。

# %%
gg = clv.GammaGamma().fit(summary[summary["monetary_value"] > 0])
gg.params_.round(3)

# %% [markdown] lang=en
# ## 5. Who are the valuable customers?
# CLV over the next `horizon` weeks: BG/NBD expected purchases × Gamma-Gamma expected spend × margin,
# discounted every 4 weeks (about monthly) at the annual rate $d$ = `discount_rate`:
#
# $$\text{CLV}_i = \text{margin}\cdot E[M_i] \sum_{k} \frac{E[X_i(t_k)] - E[X_i(t_{k-1})]}{(1+d)^{t_k/52}},
# \qquad t_k = 4, 8, \dots \le \text{horizon}.$$

# %% [markdown] lang=zh
# ## 5. 谁是高价值客户
# 未来 `horizon` 周的 CLV = BG/NBD 预期购买次数 × Gamma-Gamma 预期客单价 × 毛利率，每 4 周（约一个月）按年折现率 $d$ = `discount_rate` 折现一次：
#
# $$\text{CLV}_i = \text{margin}\cdot E[M_i] \sum_{k} \frac{E[X_i(t_k)] - E[X_i(t_{k-1})]}{(1+d)^{t_k/52}},
# \qquad t_k = 4, 8, \dots \le \text{horizon}.$$

# %%
value_table = clv.customer_lifetime_value(bg, gg, summary, horizon=horizon, step=4,
                                          discount_rate=discount_rate, margin=margin)
value_table.sort_values("clv", ascending=False).round(2).head(10)

# %%
clv_tiers = value.customer_pyramid(value_table["clv"].clip(lower=0), lang=lang)
value.tier_summary(clv_tiers).round(3)

# %%
top_clv = value.tier_summary(clv_tiers, tier="tier_key").loc["Platinum"]
top10 = value_table.nlargest(10, "clv")
odd = top10["p_alive"].idxmin()
say(f"Future value is concentrated too: the platinum {top_clv['customer_share']:.0%} of customers hold "
    f"{top_clv['value_share']:.1%} of the {horizon}-week CLV. {int((top10['p_alive'] >= 0.9).sum())} of the top 10 "
    f"have P(alive) ≥ 0.9; the lowest is customer {odd}'s ({top10.loc[odd, 'p_alive']:.2f}), with an expected "
    f"spend of {top10.loc[odd, 'expected_spend']:.2f} against a median of {top10['expected_spend'].median():.2f} "
    f"in the top 10.",
    f"未来价值同样集中：占客户数 {top_clv['customer_share']:.0%} 的铂金客户贡献了未来 {horizon} 周 CLV 的 "
    f"{top_clv['value_share']:.1%}。CLV 前 10 名中有 {int((top10['p_alive'] >= 0.9).sum())} 位的活跃概率不低于 0.9；"
    f"最低的是客户 {odd}（{top10.loc[odd, 'p_alive']:.2f}），其预期客单价为 {top10.loc[odd, 'expected_spend']:.2f}，"
    f"而前 10 名的中位数是 {top10['expected_spend'].median():.2f}。", lang=lang)

# %% [markdown] lang=en
# The customers worth winning back (挽回) now are those who spent much in the calibration period but whose
# P(alive) has fallen. How many are there, and did the model read them right?

# %% [markdown] lang=zh
# 现在最值得挽回的，是校准期里消费很多、活跃概率却已经下降的客户。这样的客户有多少？模型判断得对吗？

# %%
spent = summary["frequency"] * summary["monetary_value"]
big = spent.index[(spent > 0) & (spent >= spent[spent > 0].quantile(0.8))]
fading = value_table.loc[big, "p_alive"] < 0.5
bought = summary.loc[big, "frequency_holdout"] > 0
rate = {side: f"{b.mean():.0%}" if len(b) else "–" for side, b in (("low", bought[fading]), ("high", bought[~fading]))}
say(f"Of the {len(big):,} top-20% repeat spenders of the calibration period, {int(fading.sum()):,} have "
    f"P(alive) below 0.5; {rate['low']} of them bought again in the holdout, against {rate['high']} of the others.",
    f"在校准期重复消费额排名前 20% 的 {len(big):,} 位客户中，有 {int(fading.sum()):,} 位的活跃概率低于 0.5；"
    f"其中 {rate['low']} 在验证期再次购买，其余客户则为 {rate['high']}。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** Rank by CLV to decide where service and retention spending goes; among
# the big spenders, a low P(alive) marks the customers to win back before they are gone for good.

# %% [markdown] lang=zh
# **对管理者的启示**：按 CLV 排序来决定服务和保持投入的去向；在消费大户中，活跃概率低的客户正是要赶在彻底流失之前挽回的对象。

# %% [markdown] lang=en
# ## Exercises
# Eleven exercises of four kinds: **compute** (on your own data `tx` and the chapter's parameters, so the answer is
# not printed above), **interpret** (choose the right reading of a table or figure of this chapter), **decide**
# (choose whom to invest in, or whether to acquire customers at a cost, and justify it; your instructor marks it with a rubric) and **concept check**
# (true/false and multiple choice on the course's concepts). Each card gives the question; write your answer as
# `answer = ...` and run the `check(...)` cell: it prints ✓, or names the mistake your answer reveals — never the
# answer itself. A choice question is answered with the option's key (`answer = "b"`).

# %% [markdown] lang=zh
# ## 练习
# 本章共 11 道练习，分四类：**计算题**（用你自己的数据 `tx` 和本章参数计算，所以答案不会在上文出现）、**解读题**
# （为本章的某张表或某幅图选出正确的解读）、**决策题**（决定把资源投给哪些客户、值不值得花钱获取新客户，并说明理由；由老师按评分标准批改）和
# **概念题**（判断题、选择题，考查课程中的概念）。每张题卡给出题目；把答案写成 `answer = ...`，再运行下面的
# `check(...)`：答对显示 ✓，答错会指出你的答案暴露了什么错误——但不会直接给出答案。选择题用选项的字母作答
# （`answer = "b"`）。

# %%
from crmlab.exercises import show

show("value.1", lang=lang)

# %% tags=["solution"]
answer = value.top_share(tx, 0.1)

# %%
check("value.1", answer, data=tx, lang=lang)

# %%
show("value.2", lang=lang)

# %% tags=["solution"]
answer = round(100 * int((curve["value_share"] < 0.6).sum()) / (len(curve) - 1), 2)

# %%
check("value.2", answer, data=tx, lang=lang)

# %%
show("value.3", lang=lang)

# %% tags=["solution"]
answer = round(value.retention_clv(value.annual_margin(tx, margin=margin), 0.85, discount_rate), 2)

# %%
check("value.3", answer, data=tx, margin=margin, discount_rate=discount_rate, lang=lang)

# %%
show("value.4", lang=lang)

# %% tags=["solution"]
answer = bg.probability_alive(summary).mean()

# %%
check("value.4", answer, data=tx, calibration_end=calibration_end, lang=lang)

# %%
show("value.5", lang=lang)

# %% tags=["solution"]
answer = "d"  # (revenue of A / revenue) / (customers of A / customers) = mean revenue of A / mean revenue

# %%
check("value.5", answer, lang=lang)

# %%
show("value.6", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("value.6", answer, lang=lang)

# %%
show("value.7", lang=lang)

# %% tags=["solution"]
answer = "d"  # the offer pays when 0.2 × CLV > 5 (CLV > 25); CLV already weighs P(alive); highest CLV first.

# %%
check("value.7", answer, lang=lang)

# %%
show("value.8", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("value.8", answer, lang=lang)

# %%
show("value.9", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("value.9", answer, lang=lang)

# %%
show("value.10", lang=lang)

# %% tags=["solution"]
answer = "c"

# %%
check("value.10", answer, lang=lang)

# %%
show("value.11", lang=lang)

# %% tags=["solution"]
answer = (lambda m, r, d: "a" if m * r / (1 + d - r) > 60 else "b" if m * (1 + d) / (1 + d - r) > 60 else "c")(
    value.annual_margin(tx, margin=margin), 0.85, discount_rate)  # CLV of a new customer against the cost of 60

# %%
check("value.11", answer, data=tx, margin=margin, discount_rate=discount_rate, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - Delivered value = total customer value − total customer cost (Kotler, *Marketing Management*).
# - Value is concentrated: Lorenz curve, Gini, 80/20, ABC tiers, the customer pyramid (Zeithaml, Rust & Lemon 2001, *California Management Review*).
# - Simple CLV: Gupta & Lehmann (2003), *Journal of Interactive Marketing*; Berger & Nasr (1998).
# - BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way", *Marketing Science*.
# - Gamma-Gamma: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves", *JMR*; Fader & Hardie (2013) note on the Gamma-Gamma model.
# - Schmittlein, Morrison & Colombo (1987), the Pareto/NBD model.

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - 顾客让渡价值 = 顾客总价值 − 顾客总成本（科特勒，《营销管理》）；课程文本 000 还强调购后成本。
# - 客户价值是集中的：洛伦兹曲线、基尼系数、二八法则、ABC 分级、客户金字塔（Zeithaml、Rust 和 Lemon 2001，*California Management Review*）。
# - 简单 CLV：Gupta 和 Lehmann（2003），*Journal of Interactive Marketing*；Berger 和 Nasr（1998）。
# - BG/NBD：Fader、Hardie 和 Lee（2005），“Counting your customers the easy way”，*Marketing Science*。
# - Gamma-Gamma：Fader、Hardie 和 Lee（2005），“RFM and CLV: using iso-value curves”，*JMR*；Fader 和 Hardie（2013）关于 Gamma-Gamma 模型的说明。
# - Schmittlein、Morrison 和 Colombo（1987），Pareto/NBD 模型。

# %%
headline(customers=int(tx["customer_id"].nunique()), revenue=float(tx["amount"].sum()),
         gini=f"{value.gini(tx):.3f}", top_20_percent_share=f"{value.top_share(tx, 0.2):.1%}",
         clv_total=float(value_table["clv"].sum()), clv_horizon_weeks=int(horizon), lang=lang)
