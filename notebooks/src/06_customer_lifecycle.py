# Source of crmlab/notebooks/{en,zh}/06_customer_lifecycle.ipynb — edit here, then `make notebooks SRC=notebooks/src/06_customer_lifecycle.py`.

# %% [markdown] lang=en
# # The customer lifecycle, cohorts and retention
#
# A relationship has a life: the customer tries the firm, trust grows, purchases level off, and sooner or
# later the customer drifts away. Managing customers well means knowing where each one is.
#
# **Learning goals**
# 1. Assign each customer a lifecycle stage — exploration (考察期), formation (形成期), stability (稳定期),
#    decline (退化期) — from their purchase trajectory, with rules you can read and change.
# 2. Build a cohort retention table by acquisition month (同期群分析) and read its heatmap.
# 3. Draw a survival-style retention curve (顾客保持率曲线) with Kaplan–Meier, handling customers who are
#    still active (censored).
# 4. Compare retention between contract types in subscription data (tenure + churn).
# 5. Say what to do in each stage.

# %% [markdown] lang=zh
# # 客户生命周期、同期群与顾客保持率
#
# 客户关系和人一样有自己的“生命”：客户先试着和企业打交道，信任慢慢建立，购买逐渐稳定下来，迟早又会
# 疏远、离开。管好客户，首先要知道每位客户正处在生命周期的哪个阶段。
#
# **学习目标**
# 1. 根据每位客户的购买轨迹，用看得懂、改得动的规则把客户划入生命周期的四个阶段：考察期、形成期、
#    稳定期、退化期。
# 2. 按获客月份做同期群分析，建立同期群顾客保持率表，并读懂它的热力图。
# 3. 用 Kaplan–Meier 方法画顾客保持率曲线，正确处理仍在购买的客户（删失）。
# 4. 在订阅（合同）数据中，用关系时长和流失标记比较不同合同类型的顾客保持率。
# 5. 说出每个阶段的管理重点。

# %% [markdown] lang=en
# ## Parameters
# `data` is the purchase log (bundled name, `"synthetic:<seed>"` or a path with its `columns` mapping).
# `churn_data` may point to a subscription table such as IBM's Telco churn file (one row per customer with
# tenure in months and a churn flag); when it is `None` a Telco-like table is generated with `seed`.

# %% [markdown] lang=zh
# ## 参数
# `data` 是购买记录：内置数据集的名称、`"synthetic:<种子>"`，或者一个文件路径（再用 `columns` 给出列名对应）。
# `churn_data` 可以指向一张订阅客户表，例如 IBM 的 Telco 客户流失数据（每位客户一行，含以月计的关系时长
# 和是否流失的标记）；为 `None` 时，用 `seed` 生成一张类似 Telco 的表。

# %% tags=["parameters"]
data = "cdnow"
columns = {}
snapshot = None            # day the stages are read (None: the last date in the data)
window_days = 180          # recent window compared with the earlier history
exploration_days = 90      # customers younger than this are still exploring
cohort_freq = "M"          # cohort and period length: "M", "Q" or "W"
churn_after_days = 180     # churned after this many days without a purchase
churn_data = None          # path to a tenure / churn CSV, e.g. Telco-Customer-Churn.csv
tenure_col = "tenure"
churn_col = "Churn"
group_col = "Contract"
lang = "en"
seed = 0

# %% [markdown] lang=en
# ## Setup

# %% [markdown] lang=zh
# ## 准备：载入数据

# %%
import pandas as pd

from crmlab import datasets, lifecycle, loyalty
from crmlab.exercises import check, show
from crmlab.labels import term
from crmlab.notebook import headline, say, setup

tx = setup(data, columns, lang=lang)

# %% [markdown] lang=en
# ## 1. Lifecycle stages
# The course (客户生命周期) draws the lifecycle as transaction volume over time. For each customer we compare
# the spend rate in the last `window_days` with the rate before, and apply these rules in order:
#
# 1. **Decline (退化期)** — lapsed: silent for more than 3 × their usual (median) inter-purchase time — for
#    one-time buyers the median over all customers — and for at least `exploration_days` (column `lapse_days`);
# 2. **Exploration (考察期)** — one purchase so far, or first purchase less than `exploration_days` ago;
# 3. **Decline (退化期)** — recent rate below 0.67 × the earlier rate;
# 4. **Formation (形成期)** — few purchases yet (fewer than 3), an earlier history shorter than half a window,
#    or recent rate at least 1.33 × the earlier rate;
# 5. **Stability (稳定期)** — otherwise: regular purchases at a level rate.
#
# $$\text{recent rate} = \frac{\text{spend in the last } w \text{ days}}{w}, \qquad
#   \text{earlier rate} = \frac{\text{spend before}}{\text{days before}}$$
#
# *Course vs literature:* the course describes the stages by transaction volume, the firm's investment and
# its profit, and the relationship by its phases (built, developed, broken, recovered, ended); Dwyer, Schurr
# & Oh (1987) name five phases (awareness, exploration, expansion, commitment, dissolution). Purchase data
# shows only the behaviour, not the satisfaction and trust behind it, so the rules read the spend trajectory.

# %% [markdown] lang=zh
# ## 1. 客户生命周期的阶段
# 教材用交易量、企业投入和盈利情况描述客户生命周期的四个阶段：
# **考察期**是客户关系的孕育期，交易量较小，企业投入较多；**形成期**是关系发展阶段，客户需求进一步扩大，
# 企业开始盈利；**稳定期**是客户关系发展的最高阶段，双方长期合作；**退化期**是逆转阶段，客户购买水平下降，
# 满意度下降。在交易数据里，我们比较每位客户最近 `window_days` 天的消费速度与此前的消费速度，并按下列
# 顺序判定阶段：
#
# 1. **退化期**——已经沉寂：距上次购买的天数超过其平常购买间隔（中位数）的 3 倍（只买过一次的客户用全体
#    客户的中位数），且不少于 `exploration_days` 天（见 `lapse_days` 列）；
# 2. **考察期**——到目前只买过一次，或首次购买距今不到 `exploration_days` 天；
# 3. **退化期**——近期速度低于此前速度的 0.67 倍；
# 4. **形成期**——购买次数还少（不足 3 次），此前的购买历史不到半个窗口，或近期速度达到此前速度的 1.33 倍
#    以上；
# 5. **稳定期**——其余客户：购买规律、水平平稳。
#
# $$\text{recent rate} = \frac{\text{spend in the last } w \text{ days}}{w}, \qquad
#   \text{earlier rate} = \frac{\text{spend before}}{\text{days before}}$$
#
# **教材 vs 文献：** 教材用交易量、企业投入和盈利来刻画四个阶段，并把关系的演变概括为关系建立、关系发展、
# 关系破裂、关系恢复、关系结束；文献中 Dwyer、Schurr 和 Oh（1987）把买卖关系分为知晓、探索、扩展、承诺、
# 解体五个阶段。交易数据只记录行为，看不到背后的满意度与信任，所以这里的规则只读消费轨迹。

# %%
params = dict(snapshot=snapshot, window_days=window_days, exploration_days=exploration_days)
stages = lifecycle.lifecycle_stages(tx, lang=lang, **params)
stages.round(2).head()

# %%
summary = lifecycle.stage_summary(stages, lang=lang)
summary.drop(columns="what to do").round(3)

# %%
ax = lifecycle.plot_lifecycle_stages(stages, lang=lang)

# %% [markdown] lang=en
# The stage mix depends on when the customers were acquired, relative to the day the stages are read: a
# customer base acquired long ago has nobody left exploring, one that is still being acquired has many.

# %% [markdown] lang=zh
# 阶段构成取决于客户是在什么时候获得的（相对于判定阶段的那一天）：如果客户都是很久以前获得的，就不会再有人
# 处于考察期；如果企业还在不断获客，处于考察期的客户就多。

# %%
share = dict(zip(lifecycle.STAGES, summary["share"]))
months = stages["tenure_days"] / 30.4
largest, largest_share = summary["share"].idxmax(), summary["share"].max()
exploring_en = "nobody is still exploring" if share["exploration"] == 0 else \
    f"{share['exploration']:.1%} are still exploring"
exploring_zh = "已经没有客户处于考察期" if share["exploration"] == 0 else \
    f"仍处于考察期的客户占 {share['exploration']:.1%}"
say(f"In `tx`, the customers made their first purchase {months.min():.0f} to {months.max():.0f} months before "
    f"the day the stages are read: {exploring_en}, and the largest stage is {largest} "
    f"({largest_share:.1%} of {len(stages):,} customers).",
    f"在 `tx` 中，客户的首次购买发生在阶段判定日之前 {months.min():.0f}～{months.max():.0f} 个月：{exploring_zh}，"
    f"人数最多的阶段是{largest}（占 {len(stages):,} 位客户的 {largest_share:.1%}）。", lang=lang)

# %% [markdown] lang=en
# For comparison, the synthetic retailer of the same `seed` (`"synthetic:<seed>"`), read 334 days after its
# first sale (the end of month 11):

# %% [markdown] lang=zh
# 作为对照，看同一 `seed` 生成的模拟零售商（`"synthetic:<seed>"`），在它第一笔销售之后第 334 天（第 11 个月
# 末）判定阶段：

# %%
retail = datasets.load_data(f"synthetic:{seed}")
month_11 = retail["order_date"].min() + pd.Timedelta(days=334)
retail_stages = lifecycle.lifecycle_stages(retail, snapshot=month_11, window_days=window_days,
                                           exploration_days=exploration_days, lang=lang)
lifecycle.stage_summary(retail_stages, lang=lang).drop(columns="what to do").round(3)

# %%
r_share = dict(zip(lifecycle.STAGES, lifecycle.stage_summary(retail_stages)["share"]))
r_months = retail_stages["tenure_days"] / 30.4
say(f"The retailer's {len(retail_stages):,} customers made their first purchase {r_months.min():.0f} to "
    f"{r_months.max():.0f} months before month 11: {r_share['exploration']:.1%} are exploring and "
    f"{r_share['formation']:.1%} forming (in `tx`: {share['exploration']:.1%} and {share['formation']:.1%}), "
    f"{r_share['decline']:.1%} are in decline (in `tx`: {share['decline']:.1%}).",
    f"模拟零售商的 {len(retail_stages):,} 位客户，首次购买发生在第 11 个月末之前 {r_months.min():.0f}～"
    f"{r_months.max():.0f} 个月：考察期占 {r_share['exploration']:.1%}，形成期占 {r_share['formation']:.1%}"
    f"（`tx` 中分别为 {share['exploration']:.1%} 和 {share['formation']:.1%}），退化期占 "
    f"{r_share['decline']:.1%}（`tx` 中为 {share['decline']:.1%}）。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** the stage mix is a health check. Many customers in decline and few in
# formation means acquisition is not turning into relationships.

# %% [markdown] lang=zh
# **对管理者的启示：** 阶段构成是客户关系的“体检报告”。退化期的客户多、形成期的客户少，说明获得的客户
# 没有发展成真正的关系。

# %% [markdown] lang=en
# ## 2. Cohorts
# Cohort analysis (同期群分析): group customers by the period (`cohort_freq`, a month by default) of their first
# purchase — the acquisition cohort — and follow each group: cell $(c, k)$ is the share of cohort $c$ that
# bought in the $k$-th period after acquiring (period 0 is 100 %). Cells beyond the end of the data are empty,
# not zero. The table shows `tx` (first rows); the heatmap shows the synthetic retailer.

# %% [markdown] lang=zh
# ## 2. 同期群分析
# 按首次购买所在的时期（`cohort_freq`，默认为月）把客户分组，即获客同期群，然后跟踪每一组：单元格
# $(c, k)$ 是同期群 $c$ 中在获客后第 $k$ 期仍有购买的客户比例（第 0 期恒为 100%）。超出数据时间范围的单元格
# 留空，而不是记为 0。下表是 `tx` 的前几行；热力图画的是模拟零售商。

# %%
cohorts = lifecycle.cohort_table(tx, freq=cohort_freq)
cohorts.round(3).iloc[:12, :8]

# %%
retail_cohorts = lifecycle.cohort_table(retail, freq=cohort_freq, max_periods=12)
ax = lifecycle.plot_cohort_heatmap(retail_cohorts, lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** read down a column to compare cohorts at the same age — a cohort that
# retains worse than its neighbours points to the campaign or channel that acquired it.

# %% [markdown] lang=zh
# **对管理者的启示：** 沿着一列往下读，比较的是“同龄”的同期群；某个同期群的顾客保持率明显低于前后几个
# 同期群，就该去查获得这批客户的那次促销活动或那个渠道。

# %%
next_period = cohorts[1].dropna()
say(f"In `tx` ({len(cohorts)} cohorts), the share of a cohort buying again one period after acquisition ranges "
    f"from {next_period.min():.1%} ({next_period.idxmin()}) to {next_period.max():.1%} ({next_period.idxmax()}). "
    f"The heatmap follows the retailer's {len(retail_cohorts)} cohorts, {retail_cohorts.index[0]} to "
    f"{retail_cohorts.index[-1]}.",
    f"`tx` 共有 {len(cohorts)} 个同期群，获客后下一期再次购买的比例最低为 {next_period.min():.1%}"
    f"（{next_period.idxmin()}），最高为 {next_period.max():.1%}（{next_period.idxmax()}）。热力图跟踪的是"
    f"模拟零售商从 {retail_cohorts.index[0]} 到 {retail_cohorts.index[-1]} 的 {len(retail_cohorts)} 个同期群。",
    lang=lang)

# %% [markdown] lang=en
# ## 3. Retention and churn
# Per period, the retention rate (顾客保持率) is the share of last period's buyers who buy again
# (`loyalty.retention_by_period`) and the churn rate (顾客流失率) is the rest; here for the synthetic retailer
# by quarter:
#
# $$r_t = \frac{|A_{t-1} \cap A_t|}{|A_{t-1}|}, \qquad c_t = 1 - r_t$$
#
# with $A_t$ the customers who bought in period $t$. In a period without acquisition (`new` = 0), `active` is
# only the customers the firm keeps.
#
# *Course vs literature:* the course treats retention (客户保持) as a managerial process of consolidating long,
# stable relationships; the literature measures it as a rate and warns that a rising retention rate need not
# mean customers grow more loyal — the ones prone to leave may simply be gone (Fader & Hardie, 2007).

# %% [markdown] lang=zh
# ## 3. 顾客保持率与顾客流失率
# 每一期的**顾客保持率**是上一期购买过的客户中本期再次购买的比例（`loyalty.retention_by_period`），
# **顾客流失率**是其余部分。下面按季度计算模拟零售商：
#
# $$r_t = \frac{|A_{t-1} \cap A_t|}{|A_{t-1}|}, \qquad c_t = 1 - r_t$$
#
# 其中 $A_t$ 是第 $t$ 期有购买的客户。某一期没有获得新客户（`new` = 0）时，`active` 就只剩企业保持住的客户。
#
# **教材 vs 文献：** 教材把客户保持看作企业巩固、发展长期稳定关系的动态管理过程；文献则把顾客保持率当作可以
# 测量的比率，并提醒：顾客保持率随时间上升，未必是客户变得更忠诚，也可能只是容易流失的客户已经走了
# （Fader 和 Hardie，2007）。

# %%
by_quarter = loyalty.retention_by_period(retail, freq="Q")
by_quarter.round(3)

# %%
rates_q, no_new = by_quarter["retention_rate"].dropna(), by_quarter.index[by_quarter["new"] == 0]
stopped = len(no_new) > 0 and (by_quarter.loc[no_new[0]:, "new"] == 0).all()
first_q, last_q = (no_new[0], by_quarter.index[-1]) if stopped else (None, None)
say(f"Quarterly retention of the retailer ranges from {rates_q.min():.1%} to {rates_q.max():.1%}."
    + (f" From {first_q} on it acquires nobody new, so `active` shrinks to the customers it keeps: "
       f"{by_quarter.loc[first_q, 'active']:,} in {first_q}, {by_quarter.loc[last_q, 'active']:,} in {last_q}."
       if stopped else " It acquires new customers until the last quarter."),
    f"模拟零售商的季度顾客保持率在 {rates_q.min():.1%} 到 {rates_q.max():.1%} 之间。"
    + (f"从 {first_q} 起它不再获得新客户，`active` 只剩保持住的客户：{first_q} 为 "
       f"{by_quarter.loc[first_q, 'active']:,} 人，{last_q} 为 {by_quarter.loc[last_q, 'active']:,} 人。"
       if stopped else "它直到最后一个季度仍在获得新客户。"), lang=lang)

# %% [markdown] lang=en
# As a curve: how long do customers stay? In purchase data nobody cancels, so we call a customer churned when
# they have not bought for more than `churn_after_days` days before the end of the data, and date the churn at
# their last purchase; their lifetime is the whole months from first to last purchase. Customers still buying
# are **censored** — we only know they lasted at least this long. Kaplan–Meier counts them correctly:
#
# $$\hat S(t) = \prod_{t_j \le t} \Big(1 - \frac{d_j}{n_j}\Big)$$
#
# with $d_j$ customers churning at time $t_j$ out of $n_j$ still at risk (columns `churned`, `at_risk`;
# `lower`–`upper` is the 95 % interval). One curve per acquisition quarter:

# %% [markdown] lang=zh
# 换成曲线来问：客户能留多久？购买数据里没有人“退订”，所以约定：在数据截止日之前超过 `churn_after_days` 天
# 没有购买的客户算作流失，流失时间记在其最后一次购买；客户的关系时长是首购到末购之间的整月数。仍在购买的
# 客户是**删失**的——我们只知道他们至少留了这么久。Kaplan–Meier 估计能正确地计入他们：
#
# $$\hat S(t) = \prod_{t_j \le t} \Big(1 - \frac{d_j}{n_j}\Big)$$
#
# 其中 $d_j$ 是在时间 $t_j$ 流失的客户数，$n_j$ 是此时仍面临流失风险的客户数（`churned`、`at_risk` 列；
# `lower`–`upper` 为 95% 置信区间）。每个获客季度画一条曲线：

# %%
lifetimes = lifecycle.customer_lifetimes(retail, churn_after_days=churn_after_days)
lifetimes["quarter"] = lifetimes["cohort"].dt.asfreq("Q").astype(str)
curve = lifecycle.retention_curve(lifetimes, by="quarter", lang=lang)
curve[curve["time"].isin([0, 3, 6, 12])].round(3)

# %%
ax = lifecycle.plot_retention_curve(curve, lang=lang, time="months_since_first")

# %% [markdown] lang=en
# **How to read it:** a drop at month 0 is the customers whose last purchase came within a month of their
# first and who have not bought since; the slope after it is the customers lost later.

# %% [markdown] lang=zh
# **怎么读这张图：** 第 0 个月的落差，是末次购买距首购不到一个月、此后再没有购买的客户；之后曲线的坡度，是
# 后来陆续流失的客户。

# %%
overall = lifecycle.retention_curve(lifetimes, lang=lang).set_index("time")["survival"]
at_once = lifetimes.index[lifetimes["churned"] & (lifetimes["tenure"] == 0)]
purchases = lifecycle.lifecycle_stages(retail)["n_purchases"]
once = (purchases.loc[at_once] == 1).mean() if len(at_once) else 0.0
lost_0, lost_12 = 1 - overall.loc[0], overall.loc[0] - overall[overall.index <= 12].iloc[-1]
say(f"In the synthetic retailer, {lost_0:.1%} of customers are lost at month 0 ({once:.0%} of them bought only "
    f"once); the next 12 months lose another {lost_12:.1%}."
    + (" Here the first repeat purchase is the biggest retention lever." if lost_0 > lost_12 else ""),
    f"在模拟零售商中，{lost_0:.1%} 的客户在第 0 个月就流失了（其中 {once:.0%} 只买过一次）；此后 12 个月又流失"
    f" {lost_12:.1%}。" + ("在这里，促成第二次购买是提高顾客保持率最有力的抓手。" if lost_0 > lost_12 else ""),
    lang=lang)

# %% [markdown] lang=en
# ## 4. Contractual retention
# With subscriptions churn is observed: the customer cancels. A table with tenure (months) and a churn flag
# gives retention curves directly, here split by contract type.

# %% [markdown] lang=zh
# ## 4. 合同客户的顾客保持率
# 在订阅（合同）业务中，流失是看得见的：客户会退订。一张含关系时长（月）和流失标记的表可以直接画出顾客
# 保持率曲线，这里按合同类型分组。

# %%
if churn_data is None:
    subs = lifecycle.make_subscriptions(3000, seed=seed)
else:
    subs = pd.read_csv(churn_data)
subs[[tenure_col, churn_col, group_col]].head()

# %%
sub_curve = lifecycle.tenure_retention(subs, tenure=tenure_col, churn=churn_col, by=group_col, lang=lang)
sub_curve[sub_curve["time"].isin([1, 12, 24, 48])].pivot(index="time", columns="group", values="survival").round(3)

# %%
ax = lifecycle.plot_retention_curve(sub_curve, lang=lang, time="tenure_months")

# %% [markdown] lang=en
# Monthly churn rate (顾客流失率) and retention rate (顾客保持率) per contract: customers lost divided by the
# customer-months at risk (the sum of tenures, column `exposure`):
#
# $$\hat h = \frac{\#\text{churned}}{\sum_i \text{tenure}_i}, \qquad \hat r = 1 - \hat h$$
#
# `churned_share` is different: the share of customers who have left so far, whatever their tenure.

# %% [markdown] lang=zh
# 按合同类型计算每月的顾客流失率和顾客保持率：流失客户数除以面临流失风险的“客户·月”数（关系时长之和，
# `exposure` 列）：
#
# $$\hat h = \frac{\#\text{churned}}{\sum_i \text{tenure}_i}, \qquad \hat r = 1 - \hat h$$
#
# `churned_share` 是另一回事：不论关系时长多久，到目前为止已经流失的客户占比。

# %%
rates = lifecycle.churn_rates(subs, tenure=tenure_col, churn=churn_col, by=group_col)
rates.round(4)

# %%
planted = [f"{g} {h:.1%}" for g, h in lifecycle.DEFAULT_MONTHLY_CHURN.items()]
found = [f"{g} {h:.1%}" for g, h in rates["churn_rate"].items()]
say(f"The generated table plants monthly churn of {', '.join(planted)}; `churn_rate` estimates {', '.join(found)}.",
    "生成的订阅表设定的月流失率为 " + "、".join(f"{term(g, 'zh', lifecycle.TERMS)} {h:.1%}" for g, h in
                                              lifecycle.DEFAULT_MONTHLY_CHURN.items())
    + "；`churn_rate` 的估计值为 " + "、".join(f"{term(str(g), 'zh', lifecycle.TERMS)} {h:.1%}" for g, h in
                                           rates["churn_rate"].items()) + "。",
    lang=lang, when=churn_data is None)
fast, slow = rates["churn_rate"].idxmax(), rates["churn_rate"].idxmin()
ratio = rates.loc[fast, "churn_rate"] / rates.loc[slow, "churn_rate"]
say(f"{fast} customers leave {ratio:.1f} times as fast as {slow} customers "
    f"({rates.loc[fast, 'churn_rate']:.2%} vs {rates.loc[slow, 'churn_rate']:.2%} a month).",
    f"{term(str(fast), 'zh', lifecycle.TERMS)}客户的流失速度是{term(str(slow), 'zh', lifecycle.TERMS)}客户的 "
    f"{ratio:.1f} 倍（每月分别为 {rates.loc[fast, 'churn_rate']:.2%} 和 {rates.loc[slow, 'churn_rate']:.2%}）。",
    lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** where one contract type churns much faster, moving its customers to longer
# contracts (with a benefit that makes it worthwhile) is a retention tool in itself — although part of the gap
# is who chooses a long contract, not what the contract does.

# %% [markdown] lang=zh
# **对管理者的启示：** 某种合同的流失明显更快时，引导这类客户改签更长期的合同（并给出值得改签的优惠），本身
# 就是提高顾客保持率的手段；不过差距有一部分来自“什么样的客户会选长期合同”，而不全是合同本身的作用。

# %% [markdown] lang=en
# ## 5. What to do in each stage
# The stages follow the relationship-development view of Dwyer, Schurr & Oh (1987); each calls for different
# actions (`lifecycle.stage_actions`). For decline, the course asks the firm to listen to the customer, find
# out why they leave, and plan to rebuild trust (关系恢复计划).
#
# *Course vs literature:* the course calls stability the highest stage of the relationship (commonly taken to be
# the most profitable one); in non-contractual settings
# Reinartz & Kumar (2000) found that long-life customers are not necessarily the most profitable ones — a long
# relationship is not the same as a profitable one.

# %% [markdown] lang=zh
# ## 5. 各阶段的管理重点
# 四个阶段对应关系发展的不同时期（参见 Dwyer、Schurr 和 Oh，1987），各有不同的管理重点
# （`lifecycle.stage_actions`）。对退化期的客户，教材给出的措施是：倾听客户心声、了解客户真实需求、分析客户
# 流失原因，制定重建信任的关系恢复计划。
#
# **教材 vs 文献：** 教材把稳定期称为客户关系发展的最高阶段（一般认为此时客户带来的利润最多）；Reinartz 和 Kumar（2000）
# 在非合同情境下发现，
# 关系时长长的客户并不一定最有利可图——关系长不等于利润高。

# %%
for key, row in lifecycle.stage_actions(lang).iterrows():
    print(f"{row['stage']}\n    {row['what happens']}\n    → {row['what to do']}")

# %% [markdown] lang=en
# **What this tells a manager:** combine this with the stage mix of section 1 — the largest stage is usually
# where most of the CRM budget goes, and a stage that is nearly empty is one that relationships seldom reach
# (for exploration, a sign that few customers were acquired recently; for decline, good news).

# %% [markdown] lang=zh
# **对管理者的启示：** 把这张表和第 1 节的阶段构成结合起来看：人数最多的阶段，往往也是 CRM 预算的主要去向；几乎
# 没有客户的阶段，说明客户关系很少发展到这一步（如果是考察期，则说明近期获客很少；如果是退化期，则是好事）。

# %%
smallest = summary["share"].idxmin()
smallest_key = lifecycle.STAGES[list(summary.index).index(smallest)]
todo = summary.loc[largest, "what to do"]
say(f"In `tx` the largest stage is {largest} ({largest_share:.1%}), whose priority is: {todo} The smallest is "
    f"{smallest} ({summary['share'].min():.1%})"
    + ("; few customers are exploring: little recent acquisition." if smallest_key == "exploration"
       else "; few customers are declining, which is good news." if smallest_key == "decline"
       else f"; few customers are in {smallest}: relationships seldom get this far, worth finding out why."),
    f"在 `tx` 中，人数最多的阶段是{largest}（{largest_share:.1%}），管理重点是：{todo}人数最少的阶段是"
    f"{smallest}（{summary['share'].min():.1%}）"
    + ("；处于考察期的客户很少，说明近期获客不多。" if smallest_key == "exploration"
       else "；处于退化期的客户很少，这是好现象。" if smallest_key == "decline"
       else f"；处于{smallest}的客户很少：客户关系很少发展到这一步，值得深究原因。"), lang=lang)

# %% [markdown] lang=en
# ## Exercises
# Nine exercises of four kinds: **compute** (on your own `tx` and `subs`; the notebook does not print these
# numbers), **interpret**, **decide** (your instructor marks it with a rubric) and **concept check**. Each card
# below states the question; write your answer in the cell after it as `answer = ...` and run the check. A wrong
# answer gets a hint that names the likely mistake, never the answer.

# %% [markdown] lang=zh
# ## 练习
# 共九道题，分四类：**计算题**（用你自己的 `tx` 和 `subs` 计算，上文没有直接给出这些数）、**解读题**、**决策题**
# （由老师按评分标准批改）和**概念题**。每张题卡给出题目，在其后的单元格中写 `answer = ...`，再运行检查。答错时，
# 提示会指出可能出错的地方，但不会给出答案。

# %%
show("lifecycle.1", lang=lang)

# %% tags=["solution"]
answer = (lifecycle.cohort_table(tx, freq=cohort_freq, normalize=False)  # customers, not shares
          .dropna(subset=[1])[[0, 1]].sum().pipe(lambda total: total[1] / total[0]))

# %%
check("lifecycle.1", answer, data=tx, freq=cohort_freq, lang=lang)

# %%
show("lifecycle.2", lang=lang)

# %% tags=["solution"]
answer = ((stages["stage_key"] == "decline") & (stages["n_purchases"] >= 3)).sum()

# %%
check("lifecycle.2", answer, data=tx, lang=lang, **params)

# %%
show("lifecycle.3", lang=lang)

# %% tags=["solution"]
answer = sub_curve.query("group == 'Month-to-month' and time <= 6")["survival"].iloc[-1]

# %%
check("lifecycle.3", answer, subs=subs, group=group_col, tenure=tenure_col, churn=churn_col, lang=lang)

# %%
show("lifecycle.4", lang=lang)

# %% tags=["solution"]
answer = lifecycle.customer_lifetimes(tx, churn_after_days=churn_after_days)["churned"].mean()

# %%
check("lifecycle.4", answer, data=tx, churn_after_days=churn_after_days, lang=lang)

# %%
show("lifecycle.5", lang=lang)

# %% tags=["solution"]
answer = loyalty.retention_by_period(tx, freq="M")["retention_rate"].iloc[2]

# %%
check("lifecycle.5", answer, data=tx, lang=lang)

# %%
show("lifecycle.6", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("lifecycle.6", answer, lang=lang)

# %%
show("lifecycle.7", lang=lang)

# %% tags=["solution"]
# The option nearest three times the customers' usual gap between purchases (the median lapse_days): shorter
# flags customers who are only between purchases, longer starts the recovery plan when they are already gone.
answer = min({"a": 90, "b": 180, "c": 365}.items(), key=lambda kv: abs(kv[1] - stages["lapse_days"].median()))[0]

# %%
check("lifecycle.7", answer, data=tx, lang=lang, **params)

# %%
show("lifecycle.8", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("lifecycle.8", answer, lang=lang)

# %%
show("lifecycle.9", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("lifecycle.9", answer, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - Lifecycle stages follow each customer's purchase trajectory; the rules and thresholds are parameters, so
#   they can be fitted to a business's purchase cycle.
# - Cohort tables separate acquisition from retention; Kaplan–Meier curves measure how long customers stay,
#   counting customers who are still active as censored rather than lost.
# - Dwyer, F. R., Schurr, P. H., & Oh, S. (1987). Developing buyer–seller relationships. *Journal of
#   Marketing*, 51(2), 11–27.
# - Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete observations. *JASA*, 53, 457–481.
# - Reinartz, W., & Kumar, V. (2000). On the profitability of long-life customers in a noncontractual
#   setting. *Journal of Marketing*, 64(4), 17–35.
# - Fader, P. S., & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive
#   Marketing*, 21(1), 76–90.

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - 生命周期阶段依据每位客户的购买轨迹判定；规则和阈值都是参数，可以按企业自己的购买周期调整。
# - 同期群表把“获客”和“保持”分开来看；Kaplan–Meier 曲线衡量客户能留多久，把仍在购买的客户当作删失，
#   而不是当作已经流失。
# - Dwyer, F. R., Schurr, P. H., & Oh, S. (1987). Developing buyer–seller relationships. *Journal of
#   Marketing*, 51(2), 11–27.
# - Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete observations. *JASA*, 53, 457–481.
# - Reinartz, W., & Kumar, V. (2000). On the profitability of long-life customers in a noncontractual
#   setting. *Journal of Marketing*, 64(4), 17–35.
# - Fader, P. S., & Hardie, B. G. S. (2007). How to project customer retention. *Journal of Interactive
#   Marketing*, 21(1), 76–90.

# %%
stage_counts = stages["stage"].value_counts()
headline(customers=len(stages), largest_stage=str(stage_counts.idxmax()),
         largest_stage_share=f"{stage_counts.max() / len(stages):.1%}", lang=lang)
