# Source of crmlab/notebooks/{en,zh}/05_loyalty_types.ipynb — edit here, then `make notebooks SRC=notebooks/src/05_loyalty_types.py`.

# %% [markdown] lang=en
# # Loyalty measures and loyalty types
#
# Loyalty is both **behaviour** (customers buy again) and **attitude** (they feel attached and recommend).
# This notebook measures the behaviour in purchase data, combines it with attitude from a survey, and
# sorts customers into the loyalty types of the course (顾客忠诚的类型).
#
# **Learning goals**
# 1. Compute the repeat purchase rate (重复购买率), purchase frequency, inter-purchase time and the retention
#    and churn rate per period (顾客保持率 / 顾客流失率) — and choose a period longer than the purchase cycle.
# 2. Measure share of wallet (钱包份额) and cross-buying (交叉购买).
# 3. Place customers in Dick & Basu's attitude × behaviour matrix: 绝对忠诚, 潜在忠诚, 惯性忠诚, 非忠诚.
# 4. Classify the seven loyalty types by their source (垄断, 惰性, 潜在, 习惯性, 价格, 激励, 超值) with rules,
#    and compare their recommendation likelihood (推荐意愿, NPS) and price sensitivity (价格敏感度).
# 5. Read Brown's brand-loyalty patterns from purchase sequences and place customers on the loyalty ladder
#    (the course's loyalty pyramid, 顾客忠诚度金字塔).

# %% [markdown] lang=zh
# # 顾客忠诚的衡量与类型
#
# 关于客户忠诚的定义，教材介绍了两种观点：广义的客户忠诚是**积极、满意的态度**加上**重复购买的行为**；狭义的观点则认为态度和行为只是忠诚的表现（产出结果），真正的忠诚是“信赖忠诚”——因为很多原因都可能让客户重复购买。
# 本章先用交易数据衡量**行为忠诚**（重复购买），再结合问卷中的**态度忠诚**（心理依恋、推荐意愿），
# 把客户归入教材中的各种忠诚类型。
#
# **学习目标**
# 1. 计算重复购买率、购买频率、购买间隔，以及各时期的顾客保持率与顾客流失率，并懂得观察期必须长于购买周期。
# 2. 衡量钱包份额与交叉购买。
# 3. 按态度 × 行为矩阵（Dick & Basu）把客户分为绝对忠诚、潜在忠诚、惯性忠诚和非忠诚。
# 4. 用规则表按忠诚的来源区分七种忠诚类型（垄断、惰性、潜在、习惯性、价格、激励、超值忠诚），
#    并比较各类型的推荐意愿（NPS）与价格敏感度。
# 5. 从购买序列识别品牌忠诚的行为模式，并把客户放到顾客忠诚度金字塔的各层上。

# %% [markdown] lang=en
# ## Parameters
# `data` is the purchase log for the behavioural measures (a bundled name, `"synthetic:<seed>"` or a path with
# its `columns` mapping). The survey panel and the brand panel are generated with `seed`; the thresholds are
# the cut-offs of the classifications.

# %% [markdown] lang=zh
# ## 参数
# `data` 是计算行为指标所用的购买记录（内置数据集名、`"synthetic:<种子>"`，或文件路径加上列名映射 `columns`）。
# 问卷样本和品牌购买样本用 `seed` 生成；各个阈值是分类的分界点。

# %% tags=["parameters"]
data = "cdnow"
columns = {}
freq = "Q"                  # period of the retention table: "M", "Q" or "Y"
attitude_threshold = 4.0    # attachment (1-7 scale) at or above this is "high"
repeat_threshold = 0.5      # repeat share at or above this is "high"
min_length = 3              # Brown: fewer purchases are "insufficient"
core_share = 0.5            # Brown: repeated brands must hold this share, else "no loyalty"
n_respondents = 400
panel_length = 8
lang = "en"
seed = 0

# %% [markdown] lang=en
# ## Setup
# `tr` translates a column or row name of the chapter's tables into the notebook's language.

# %% [markdown] lang=zh
# ## 准备
# `tr` 把本章表格的行名、列名译成本笔记本的语言。

# %%
import pandas as pd

from crmlab import datasets, loyalty
from crmlab.exercises import check, show
from crmlab.labels import term
from crmlab.notebook import headline, say, setup

tx = setup(data, columns, lang=lang)


def tr(key):
    return term(key, lang, loyalty.TERMS)

# %% [markdown] lang=en
# ## 1. Repeat purchase rate
# Among the customers who bought in a period, the **repeat purchase rate** (重复购买率, the course's 回头率) is
# the share who bought at least twice; **repeat purchases per customer** counts the purchases after the first.
# Several lines on one day are one purchase occasion.

# %% [markdown] lang=zh
# ## 1. 重复购买率
# 重复购买率（也叫回头率）是衡量行为忠诚最常用的指标：在某一时期内购买过的客户中，至少购买两次的客户所占的比例；
# **客均重复购买次数**则统计每位客户首次购买之后又买了几次。同一客户同一天的多行记录算作一次购买。

# %% [markdown]
# $$\text{repeat rate} = \frac{\#\{i: n_i \ge 2\}}{\#\{i: n_i \ge 1\}}, \qquad
#   \text{repeat purchases per customer} = \frac{1}{N}\sum_{i:\,n_i \ge 1} (n_i - 1)$$

# %% [markdown] lang=en
# with $n_i$ the purchase occasions of customer $i$ in the period and $N = \#\{i: n_i \ge 1\}$ the customers who
# bought in it.

# %% [markdown] lang=zh
# 其中 $n_i$ 是客户 $i$ 在该时期内的购买次数，$N = \#\{i: n_i \ge 1\}$ 是该时期内购买过的客户数。
#
# > **教材 vs 文献**：教材给出两种算法——以每位顾客为单位的重复购买次数（对应上面的客均重复购买次数），
# > 和“单位时间内重复购买的总次数占比”（按购买次数计）；营销文献与实务中的重复购买率多按客户计，即上面的第一个公式。

# %%
repeat = loyalty.repeat_purchase(tx)
repeat.round(3).rename(tr)

# %% [markdown] lang=en
# The period must be **longer than the purchase cycle** (购买周期). The next cell measures the same rate over only
# the first 30 days; when such a window is not longer than the median inter-purchase time, the function warns.
# (*Course text vs literature:* the course asks for a period longer than the customer relationship's life cycle;
# the literature and practice ask for one longer than the purchase cycle, which is what the function checks.)

# %% [markdown] lang=zh
# 观察期必须**长于购买周期**。下面只用数据的前 30 天再算一次；如果观察期不长于购买间隔的中位数，函数会给出警告。
#
# > **教材 vs 文献**：教材写的是“统计的时间跨度应该大于客户关系生命周期”；文献和实务中通常要求观察期长于**购买周期**（两次购买的典型间隔），本工具按后者检查并发出警告。

# %%
import warnings

start = tx["order_date"].min()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    short = loyalty.repeat_purchase(tx, start=start, end=start + pd.Timedelta(days=29))
for w in caught:
    print("Warning:", w.message)
pd.DataFrame({"whole_data": repeat, "first_30_days": short}).round(3).loc[
    ["customers", "repeat_rate", "repeat_purchases_per_customer", "period_days"]].rename(index=tr, columns=tr)

# %%
lower = short["repeat_rate"] < repeat["repeat_rate"]
say(f"Over the first 30 days the repeat purchase rate is {short['repeat_rate']:.1%}; over the whole data "
    f"({repeat['period_days']:.0f} days) it is {repeat['repeat_rate']:.1%}. "
    + ("Measured over too short a period, customers look less loyal than they are."
       if lower else "Here the short window does not lower the rate.")
    + (" The warning above says why: the window is not longer than the purchase cycle." if caught else ""),
    f"只看前 30 天，重复购买率为 {short['repeat_rate']:.1%}；看全部数据（{repeat['period_days']:.0f} 天）则为 "
    f"{repeat['repeat_rate']:.1%}。"
    + ("观察期太短，客户就显得比实际更不忠诚。" if lower else "在这份数据上，短观察期并没有压低重复购买率。")
    + ("上面的警告说明了原因：观察期不长于购买周期。" if caught else ""), lang=lang)

# %% [markdown] lang=en
# ## 2. Purchase frequency and inter-purchase time
# Frequency (购买频率) is purchases per month since the customer's first purchase; the inter-purchase time
# (购买间隔) is the gap between two consecutive purchases.

# %% [markdown] lang=zh
# ## 2. 购买频率与购买间隔
# 购买频率是客户自首次购买以来平均每月的购买次数；购买间隔是相邻两次购买之间相隔的天数。
# 教材列出的忠诚度相关指标中，“重复购买次数”就是购买次数减一。

# %%
freq_table = loyalty.purchase_frequency(tx)
freq_table[["n_purchases", "frequency", "mean_interpurchase_days", "spend"]].describe().round(2).rename(
    columns=tr)

# %%
ax = loyalty.plot_interpurchase_times(tx, longest=0.05, lang=lang)

# %% [markdown] lang=en
# Two "typical" cycles can be read: the median of all gaps (`median_interpurchase_days` in section 1, pulled
# towards the frequent buyers, who contribute many gaps) and the median of each repeat customer's mean gap
# (the 50 % row of the mean inter-purchase time above).

# %% [markdown] lang=zh
# “典型的购买周期”有两种读法：所有购买间隔的中位数（第 1 节的购买间隔中位数；购买频繁的客户贡献的间隔多，
# 会把它拉向短间隔），以及每位重复购买客户的平均间隔的中位数（上表“平均购买间隔”一列的 50% 行）。

# %%
gap_all = repeat["median_interpurchase_days"]
gap_customer = freq_table["mean_interpurchase_days"].median()
low, high = sorted([gap_all, gap_customer])
say(f"The median of all gaps is {gap_all:.0f} days, the median of the repeat customers' mean gaps "
    f"{gap_customer:.0f} days. **What this tells a manager:** the purchase cycle — here about {low:.0f} to "
    f"{high:.0f} days — sets the rhythm of CRM: a reminder sent long before it is wasted, and a customer "
    "silent for several cycles is at risk.",
    f"所有购买间隔的中位数是 {gap_all:.0f} 天，重复购买客户平均间隔的中位数是 {gap_customer:.0f} 天。"
    f"**对管理者的启示：**购买周期（这里约 {low:.0f}～{high:.0f} 天）决定了客户关系管理的节奏——"
    "远早于这个周期发出的提醒是浪费，连续几个周期没有购买的客户则有流失的危险。", lang=lang, when=pd.notna(gap_all))
say("No customer bought twice, so the data show no purchase cycle.", "没有客户购买过两次，数据中看不出购买周期。",
    lang=lang, when=pd.isna(gap_all))

# %% [markdown] lang=en
# ## 3. Retention and churn per period
# The retention rate (顾客保持率) of period $t$ is the share of the previous period's buyers who buy again;
# the churn rate (顾客流失率) is its complement:

# %% [markdown] lang=zh
# ## 3. 顾客保持率与顾客流失率
# 顾客保持率和顾客流失率也在教材所列的忠诚度相关指标之中。第 $t$ 期的顾客保持率是上一期购买过的客户中本期再次购买的比例，顾客流失率是它的补数：

# %% [markdown]
# $$r_t = \frac{|A_{t-1} \cap A_t|}{|A_{t-1}|}, \qquad c_t = 1 - r_t$$

# %% [markdown] lang=en
# where $A_t$ is the set of customers who bought in period $t$.

# %% [markdown] lang=zh
# 其中 $A_t$ 是第 $t$ 期购买过的客户集合。

# %%
retention = loyalty.retention_by_period(tx, freq=freq)
retention.round(3).head(8).rename(columns=tr).rename_axis(tr("period"))

# %%
rates = retention["retention_rate"].dropna()
one_cohort = bool((retention["new"].iloc[1:] == 0).all())
first, later = (rates.iloc[0], rates.iloc[1:].mean()) if len(rates) else (float("nan"), float("nan"))
say(("All customers first bought in the first period, so the table follows one cohort. " if one_cohort else
     "New customers arrive in later periods too, so each rate mixes cohorts. ")
    + (f"From the first to the second period {first:.1%} of the buyers are retained ({1 - first:.1%} churn)"
       if len(rates) else "The data span a single period: choose a shorter `freq` to see retention.")
    + (f"; later periods keep {later:.1%} of the previous period's buyers on average." if len(rates) > 1 else
       "." if len(rates) else ""),
    ("所有客户都在第一期首次购买，这张表追踪的是同一批客户（一个同期群）。" if one_cohort else
     "后面各期也有新客户加入，所以每期的顾客保持率混合了不同批次的客户。")
    + (f"从第一期到第二期，第一期的客户中有 {first:.1%} 在第二期再次购买（顾客保持率 {first:.1%}，流失率 {1 - first:.1%}）" if len(rates) else
       "数据只覆盖一个时期：请把 `freq` 设得更短，才能看到顾客保持率。")
    + (f"；之后各期平均保持上一期客户的 {later:.1%}。" if len(rates) > 1 else "。" if len(rates) else ""),
    lang=lang)

# %%
gap = later - first
say("**What this tells a manager:** "
    + ("retention is much weaker at the start: the first repeat purchase is the hurdle to work on." if gap > 0.05
       else "retention weakens after the start: work on keeping established customers." if gap < -0.05
       else "retention is about as strong at the start as later on." if len(rates) > 1
       else "with fewer than two retention rates, no trend can be read; use a shorter period."),
    "**对管理者的启示：**"
    + ("起步阶段的顾客保持率明显更低：促成客户的第一次重复购买是要攻克的关口。" if gap > 0.05
       else "后期的顾客保持率反而更低：要着力留住老客户。" if gap < -0.05
       else "起步阶段和之后的顾客保持率相差不大。" if len(rates) > 1
       else "只有不到两期的顾客保持率，看不出趋势；请用更短的时期。"), lang=lang)

# %% [markdown] lang=en
# ## 4. Share of wallet and cross-buying
# **Share of wallet** (钱包份额, in the course's words: the customer's purchases from the firm as a share of
# their total demand in the category) needs the customer's spend at competitors too — from a survey ("how
# much do you spend on this category in total?") or from a consumer panel that records every brand. Here a
# generated panel: brand `A` is our firm.

# %% [markdown] lang=zh
# ## 4. 钱包份额与交叉购买
# 教材把“客户购买企业产品的数量占该类产品总需求量的比例”称为客户的**钱包份额**。
# 计算它需要知道客户在竞争对手那里花了多少钱：可以来自问卷（“您在这类产品上一共花多少钱？”），
# 也可以来自记录每个品牌的消费者固定样本。这里用一个生成的样本，品牌 `A` 代表本企业。

# %% [markdown]
# $$SOW_i = \frac{\text{spend}_{i,A}}{\sum_b \text{spend}_{i,b}}$$

# %%
brand_panel, brand_truth = loyalty.make_brand_panel(300, panel_length, seed=seed, return_truth=True)
sow = loyalty.share_of_wallet(brand_panel, focal="A")
sow.round(2).head().rename(columns=tr)

# %% [markdown] lang=en
# **Cross-buying** (交叉购买) counts the categories a customer buys. It is shown on a synthetic retailer
# generated with the same `seed`, so every run shows the same kind of example; the first table compares its
# repeat rate and purchase cycle with those of `tx`, so you know what kind of customers it has.

# %% [markdown] lang=zh
# **交叉购买**统计客户购买了多少个品类，教材把它列为与顾客忠诚度相关的指标之一（“交叉购买的数量”）。
# 这里用同一个 `seed` 生成的模拟零售商数据来演示；第一张表把它的重复购买率和购买周期与 `tx` 对比，
# 让你知道这些客户是什么样的。

# %%
retail = datasets.load_data(f"synthetic:{seed}")
say("`tx` has no product categories; the synthetic retailer has them." if "category" not in tx.columns
    else "`tx` has product categories too: try `loyalty.cross_buying(tx)` after this section.",
    "`tx` 没有品类信息，模拟零售商数据有。" if "category" not in tx.columns
    else "`tx` 也有品类信息：学完本节后可以试试 `loyalty.cross_buying(tx)`。", lang=lang)
pd.DataFrame({
    tr("repeat_rate"): [loyalty.repeat_purchase(r)["repeat_rate"] for r in (tx, retail)],
    tr("median_interpurchase_days"): [loyalty.repeat_purchase(r)["median_interpurchase_days"] for r in (tx, retail)],
}, index=[str(data), f"synthetic:{seed}"]).round(3)

# %%
cross = loyalty.cross_buying(retail)
spend = loyalty.purchase_frequency(retail)["spend"]
spend.groupby(cross).agg(["count", "mean"]).round(1).rename_axis(tr("n_categories")).rename(
    columns={"count": tr("customers"), "mean": tr("mean_spend")})

# %%
by_categories = spend.groupby(cross).mean()
rho = cross.corr(spend.reindex(cross.index), method="spearman")
lo_n, hi_n, lo_s, hi_s = by_categories.index[0], by_categories.index[-1], by_categories.iloc[0], by_categories.iloc[-1]
step = by_categories.is_monotonic_increasing
say(f"Mean spend goes from {lo_s:.1f} ({lo_n} categor{'y' if lo_n == 1 else 'ies'}) to {hi_s:.1f} ({hi_n} categories)"
    + (", rising with every category" if step else "") + f"; Spearman's ρ between categories and spend is {rho:.2f}. "
    + ("**What this tells a manager:** customers who buy across more categories spend more. This is an association, "
       "not a cause — heavy buyers naturally touch more categories — but cross-selling is also a way to raise "
       "the customer's switching cost (one of the external drivers the course lists) and deepen the relationship."
       if rho > 0 else
       "Here buying across more categories does not go with higher spend."),
    f"平均消费金额从 {lo_s:.1f}（{lo_n} 个品类）变到 {hi_s:.1f}（{hi_n} 个品类）" + ("，随品类数逐级上升" if step else "")
    + f"；品类数与消费金额的斯皮尔曼等级相关系数 ρ = {rho:.2f}。"
    + ("**对管理者的启示：**跨品类购买越多的客户花钱越多。这只是相关而非因果——购买量大的客户自然会接触更多品类；"
       "但交叉销售也是提高客户转换成本（教材所列的外在驱动因素之一）、深化客户关系的办法。" if rho > 0 else
       "在这份数据上，购买品类多并不伴随更高的消费。"), lang=lang)

# %% [markdown] lang=en
# ## 5. Attitude × behaviour (Dick & Basu)
# Behaviour alone cannot tell a devoted customer from one who simply has no choice. Dick & Basu (1994)
# cross **relative attitude** (依恋) with **repeat patronage** (重复购买):
#
# | | repeat high | repeat low |
# |---|---|---|
# | **attitude high** | true loyalty 绝对忠诚 | latent loyalty 潜在忠诚 |
# | **attitude low** | spurious / inertia loyalty 惯性忠诚 | no loyalty 非忠诚 |
#
# The course builds attachment (依恋) from two parts: **preference** (喜好程度) × **perceived differentiation**
# (差异化程度) of the product — much as Dick & Basu build relative attitude from attitude strength and
# differentiation. The panel below is a generated survey linked to behaviour: attachment on a 1–7 scale,
# `repeat` = the share of the customer's category purchases made with us.

# %% [markdown] lang=zh
# ## 5. 态度与行为：四种忠诚
# 只看行为，分不清真心喜欢我们的客户和别无选择的客户。教材从**态度**（心理依恋）和**行为**（重复购买）两个角度划分顾客忠诚，与 Dick & Basu（1994）的框架一致：
#
# | | 重复购买高 | 重复购买低 |
# |---|---|---|
# | **态度（依恋）高** | 绝对忠诚 | 潜在忠诚 |
# | **态度（依恋）低** | 惯性忠诚 | 非忠诚 |
#
# 教材指出，顾客对产品或服务的依恋程度取决于两个方面：
#
# $$\text{依恋} = \text{喜好程度} \times \text{差异化程度}$$
#
# 喜好程度是顾客对产品或服务认可的延伸，差异化程度是顾客对它不同于其他产品的认知；两者的高低组合出依恋“强烈、一般、少、无”四个区域。Dick & Basu 的“相对态度”同样由态度强度和态度差异化两部分构成，两者思路一致。
# 下面的样本是一份与购买行为相连的模拟问卷：依恋用 1–7 分量表，`repeat` 是客户在该品类的购买中投向本企业的比例。

# %%
panel, truth = loyalty.make_loyalty_panel(n_respondents, seed=seed, return_truth=True)
panel.head()

# %%
segments = loyalty.attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold,
                                      lang=lang)
segments["segment"].value_counts().rename_axis(tr("segment"))

# %%
ax = loyalty.plot_attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold,
                                     lang=lang)

# %%
share = segments["segment_key"].value_counts(normalize=True)
say(f"{share.get('spurious', 0):.0%} of the respondents are spurious-loyal (they buy without attachment) and "
    f"{share.get('latent', 0):.0%} latent-loyal (attached, but buying elsewhere).",
    f"受访者中 {share.get('spurious', 0):.0%} 属于惯性忠诚（买得多却没有依恋），"
    f"{share.get('latent', 0):.0%} 属于潜在忠诚（有依恋，却多在别处购买）。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** latent-loyal customers like us but buy elsewhere — remove the barrier
# (availability, price, distance); spurious-loyal customers buy without attachment — they leave as soon as a
# competitor is easier, so build attachment before that happens.

# %% [markdown] lang=zh
# **对管理者的启示：**潜在忠诚的客户喜欢我们却在别处购买——要消除障碍（供货、价格、距离）；
# 惯性忠诚的客户买而不“爱”，一旦竞争对手更方便就会离开，要赶在那之前培养他们的依恋。

# %% [markdown] lang=en
# ## 6. The seven loyalty types
# The course sorts loyal behaviour by its **source** (通过顾客忠诚的内涵分类). Each type is a rule: attachment
# level × repeat level × the driver the customer names. The rules are a table — edit a copy to use another
# textbook's version. (*Course text vs literature:* the course's list calls latent loyalty "low attachment, low
# repeat", but its own description — customers who want to buy but are held back — and its attitude × behaviour
# matrix put it at high attitude, low behaviour, as Griffin (1995) does; the rule follows the latter.)

# %% [markdown] lang=zh
# ## 6. 七种忠诚类型
# 教材还按忠诚的**来源（内涵）**把顾客忠诚分为七种：垄断忠诚（别无选择）、惰性忠诚（懒得另找）、潜在忠诚（想买却受限制）、
# 习惯性忠诚（出于习惯，例如地点方便）、价格忠诚（追逐最低价）、激励忠诚（冲着奖励而来）和超值忠诚（情感依恋，乐于推荐）。
# 每种类型写成一条规则：依恋高低 × 重复购买高低 × 客户说出的购买原因（驱动因素）。规则是一张表，
# 复制后修改即可换用其他教材的版本。
#
# > **教材 vs 文献**：教材在七种类型中把潜在忠诚写成“低依恋、低重复购买”，可它的描述（客户想继续购买，却受企业规定或环境因素限制）以及教材自己的态度 × 行为矩阵，都把潜在忠诚放在“态度高、行为低”；Griffin（1995）也是如此。
# > 本工具的规则采用“高依恋、低重复购买”。

# %%
rules = loyalty.LOYALTY_TYPE_RULES[["attachment", "repeat", "driver"]]
rules.assign(attachment=rules["attachment"].map(tr), repeat=rules["repeat"].map(tr),
             driver=rules["driver"].map(lambda d: tr(f"driver:{d}"))).rename(index=tr, columns=tr).rename_axis(
    tr("loyalty_type"))

# %%
types = loyalty.classify_loyalty_types(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold,
                                       lang=lang)
pd.crosstab(types["loyalty_type"], segments["segment"]).rename_axis(index=tr("loyalty_type"),
                                                                    columns=tr("segment"))

# %% [markdown] lang=en
# By the rules, the seven types split spurious (惯性) loyalty by its source — monopoly, inertia, habit
# (convenience) and incentives — while latent, price and super-value loyalty each sit in one segment. A customer
# whose levels do not fit the driver they named is "unclassified" (with a warning).

# %% [markdown] lang=zh
# 按照规则，七种类型把惯性忠诚按来源细分为垄断、惰性、习惯性和激励忠诚；潜在忠诚、价格忠诚和超值忠诚则各自只落在一个格子里。依恋和重复购买的高低与客户所说的驱动因素对不上的客户记为“未分类”（并给出警告）。

# %%
unclassified = int((types["loyalty_type_key"] == "unclassified").sum())
say(f"{unclassified} of {len(types)} respondents are unclassified: with these thresholds their levels no longer "
    "fit the driver they named." if unclassified else "Every respondent fits one of the rules.",
    f"{len(types)} 位受访者中有 {unclassified} 位未分类：在这组阈值下，他们的依恋与重复购买水平和所说的驱动因素对不上。"
    if unclassified else "每位受访者都符合其中一条规则。", lang=lang)

# %% [markdown] lang=en
# Two survey measures of loyalty complete the picture. **Recommendation likelihood** (推荐意愿, 0–10; the course's
# 客户推荐给他人的概率) is summarised as the Net Promoter Score (净推荐值): the share of promoters (9–10) minus
# the share of detractors (0–6). **Price sensitivity** (价格敏感度, 1–5, higher = more sensitive) as its mean and
# the share answering 4–5. Missing answers are left out and counted. The course lists further measures that
# need a survey as well: decision time (决策时间), attitude to competitors (对竞争者的态度) and tolerance of
# defects (对瑕疵品的态度).

# %% [markdown] lang=zh
# 问卷中的两个态度指标可以补充行为指标看不到的一面。**推荐意愿**（0–10 分，即教材说的“客户推荐给他人的概率”）汇总为净推荐值 NPS：
# 推荐者（9–10 分）占比减去贬损者（0–6 分）占比，7–8 分为中立者。**价格敏感度**（1–5 分，分越高越敏感）给出均值和答 4–5 分者的占比。缺失的回答不计入，但单独计数。教材列出的其他忠诚度指标——决策时间的长短、对竞争者的态度、
# 对瑕疵品的态度——同样需要通过问卷来测量。

# %% [markdown]
# $$NPS = 100\,(p_{9\text{–}10} - p_{0\text{–}6})$$

# %%
measures = loyalty.attitudinal_measures(panel.join(types["loyalty_type"]), by="loyalty_type")
shown = ["respondents", "recommend_mean", "nps", "price_sensitivity_mean", "price_sensitive_share"]
measures[shown].round(2).rename(columns=tr).rename_axis(tr("loyalty_type"))

# %%
typed = measures.drop(index=tr("unclassified"), errors="ignore")  # rank the seven types only
nps = typed["nps"].dropna()
positive = [str(t) for t in nps[nps > 0].index]
listed = " and ".join([", ".join(positive[:-1]), positive[-1]] if len(positive) > 1 else positive)
sensitive = typed["price_sensitivity_mean"].idxmax()
say((f"Only {listed} {'has' if len(positive) == 1 else 'have'} a positive NPS. " if positive
     else "No loyalty type has a positive NPS. ")
    + f"The most price-sensitive type is {sensitive} (mean {measures.loc[sensitive, 'price_sensitivity_mean']:.2f}, "
    f"{measures.loc[sensitive, 'price_sensitive_share']:.0%} answer 4–5): a competitor's discount takes them.",
    (f"只有{'、'.join(positive)}的 NPS 为正。" if positive else "没有哪种忠诚类型的 NPS 为正。")
    + f"最在意价格的是{sensitive}（均值 {measures.loc[sensitive, 'price_sensitivity_mean']:.2f}，"
    f"{measures.loc[sensitive, 'price_sensitive_share']:.0%} 的人答 4–5 分）：竞争对手一打折，他们就会被吸引走。",
    lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** only super-value loyalty (超值忠诚) rests on attachment *and* behaviour.
# Monopoly, inertia, convenience, price and incentive loyalty vanish when the market changes — treat them as
# customers still to be won. (The generated panel plants these relations; on a real survey, read them from the
# table above.)

# %% [markdown] lang=zh
# **对管理者的启示：**只有超值忠诚同时建立在依恋和行为之上，对多数行业也最有价值。垄断、惰性、习惯性、价格和激励忠诚在市场条件变化时（出现替代者、更方便的门店、更低的价格、奖励结束）就会消失——应把这些客户看作仍需争取的客户。
# （模拟样本预先设定了这些关系；换成真实问卷时，请从上表读出结论。）

# %% [markdown] lang=en
# ## 7. Behavioural patterns of brand loyalty (Brown)
# From the order of brands a customer buys (Brown 1952–53):
# **undivided** `AAAAAA` (专一), **divided** `ABABAB` (左右逢源), **unstable** `AAABBB` (移情别恋) and
# **no loyalty** `ABCDEF`. One-off brands count as trials; a sequence shorter than `min_length` is
# "insufficient"; ties for the main brand go to the most recent one.

# %% [markdown] lang=zh
# ## 7. 品牌忠诚的行为模式
# 根据客户依次购买的品牌（Brown，1952–53），行为忠诚表现为四种模式：**专一** `AAAAAA`、**左右逢源** `ABABAB`
# （同时忠诚于不止一个品牌，在两三个品牌间循环使用）、**移情别恋** `AAABBB`（体验后变心，改选另一个品牌）和**无品牌忠诚** `ABCDEF`。只买过一次的品牌视为试用；购买次数少于 `min_length` 的序列记为“购买次数不足”；
# 主要品牌并列时取最近购买的那个。
#
# > **教材 vs 文献**：教材还有一种“转移”：通常选同一品牌，偶尔因想换换口味或缺货改买别的（如 `AAAABA`）；
# > 本工具的规则把偶尔一次的品牌当作试用，这样的序列仍记为专一。科特勒教材的中译本把 `AAABBB` 称为“转移型忠诚者”，
# > 本课程按教材称“移情别恋”。

# %%
patterns = loyalty.brand_patterns(brand_panel, min_length=min_length, core_share=core_share, lang=lang)
patterns.groupby("pattern").head(1)[["sequence", "pattern", "main_brand", "switches"]].rename(columns=tr)

# %%
ax = loyalty.plot_brand_patterns(patterns, lang=lang)

# %% [markdown] lang=en
# The panel is generated with known patterns (columns): counts off the diagonal are customers the rules read
# differently from the generator, e.g. after changing `min_length` or `core_share`.

# %% [markdown] lang=zh
# 这个样本按已知的模式生成：下表的列是生成时设定的模式，行是规则识别出的模式。对角线以外的计数，是规则的判断与设定不一致的客户，例如改动了 `min_length` 或 `core_share` 之后就会出现。

# %%
pd.crosstab(patterns["pattern_key"], brand_truth.patterns, margins=True).rename(index=tr, columns=tr).rename_axis(
    index=tr("pattern_rules"), columns=tr("pattern_planted"))

# %%
agree = (patterns["pattern_key"] == brand_truth.patterns.reindex(patterns.index)).mean()
say(f"The rules read {agree:.0%} of the customers as the generator planted them"
    + (": every customer is on the diagonal." if agree == 1 else
       f"; the other {1 - agree:.0%} are off the diagonal (min_length={min_length}, core_share={core_share})."),
    f"规则对 {agree:.0%} 的客户的判断与生成器设定的一致"
    + ("，全部落在对角线上。" if agree == 1 else
       f"；其余 {1 - agree:.0%} 落在对角线以外（min_length={min_length}，core_share={core_share}）。"), lang=lang)

# %% [markdown] lang=en
# Share of wallet of our brand `A` by pattern, among the customers who bought `A` at least once:

# %% [markdown] lang=zh
# 在至少买过一次品牌 `A` 的客户中，按行为模式统计 `A` 的钱包份额：

# %%
buyers = sow[sow["focal_spend"] > 0].join(patterns["pattern"])
buyers.groupby("pattern")["share_of_wallet"].agg(["count", "mean"]).round(2).rename_axis(tr("pattern")).rename(
    columns={"count": tr("customers"), "mean": tr("share_of_wallet")})

# %%
mean_sow = sow.loc[sow["focal_spend"] > 0, "share_of_wallet"].groupby(patterns["pattern_key"]).mean()
divided, unstable = mean_sow.get("divided"), mean_sow.get("unstable")
say("**What this tells a manager:** "
    + (f"divided-loyal buyers of `A` already give it {divided:.0%} of their spend — the cheapest share to win; "
       if divided is not None else "no divided-loyal customer buys `A` here; ")
    + (f"unstable customers ({unstable:.0%} for `A`) are switching right now, in one direction or the other."
       if unstable is not None else "no unstable customer buys `A` here."),
    "**对管理者的启示：**"
    + (f"左右逢源的客户已经把 {divided:.0%} 的花费给了 `A`——这是最容易争取的份额；" if divided is not None
       else "这里没有左右逢源的客户购买 `A`；")
    + (f"移情别恋的客户（`A` 的份额为 {unstable:.0%}）正在转换品牌，可能转来，也可能转走。"
       if unstable is not None else "这里没有移情别恋的客户购买 `A`。"), lang=lang)

# %% [markdown] lang=en
# ## 8. The loyalty ladder (the course's loyalty pyramid)
# 潜在客户 (prospect) → 普通购买者 (first-time buyer) → 客户 (client) → 跟随者 (supporter) → 拥护者
# (advocate) → 忠诚客户 (loyal partner). Purchases move a customer up to supporter (1 purchase: first-time buyer,
# 2–3: client, 4 or more: supporter); advocacy (a recommendation score of 9–10) is needed for the top rungs: a
# supporter who recommends us is an advocate, and an advocate with 8 or more purchases a loyal customer.

# %% [markdown] lang=zh
# ## 8. 顾客忠诚度金字塔
# 教材的顾客忠诚度金字塔自下而上是：潜在客户 → 普通购买者 → 客户 → 跟随者 → 拥护者 → 忠诚客户。下面三层的重点在**争取**客户，上面三层的重点在**发展和扩大关系**。本工具的规则是：购买次数把客户推到跟随者为止（买过 1 次为普通购买者，
# 2–3 次为客户，4 次及以上为跟随者）；再往上需要推荐（推荐意愿 9–10 分）：愿意推荐我们的跟随者是拥护者，
# 购买 8 次及以上的拥护者是忠诚客户。
#
# > **教材 vs 文献**：金字塔来自关系营销的“忠诚阶梯”（Christopher、Payne 和 Ballantyne，1991），其顶层是“合作伙伴”（partner），教材称为忠诚客户。各层之间的购买次数门槛是本工具的选择，教材没有给出。

# %%
ladder = loyalty.loyalty_ladder(panel, recommend="recommend", lang=lang)
ax = loyalty.plot_loyalty_ladder(ladder, lang=lang)

# %% [markdown] lang=en
# From purchases alone (the transaction data has no recommendation score) customers reach at most supporter:

# %% [markdown] lang=zh
# 只有购买记录（交易数据里没有推荐意愿）时，客户最多只能到跟随者这一层：

# %%
tx_ladder = loyalty.loyalty_ladder(freq_table, lang=lang)
tx_ladder["stage"].value_counts(sort=False).rename_axis(tr("stage"))

# %%
rung = tx_ladder["stage_key"].value_counts(normalize=True)
top = ladder["stage_key"].isin(["advocate", "loyal"]).mean()
say(f"In `tx`, {rung.get('first_time', 0):.1%} of the customers are first-time buyers, {rung.get('client', 0):.1%} "
    f"clients and {rung.get('supporter', 0):.1%} supporters. In the survey panel, where recommendation is known, "
    f"{top:.1%} reach advocate or loyal customer.",
    f"在 `tx` 中，{rung.get('first_time', 0):.1%} 的客户是普通购买者，{rung.get('client', 0):.1%} 是客户，"
    f"{rung.get('supporter', 0):.1%} 是跟随者。在知道推荐意愿的问卷样本中，{top:.1%} 的客户达到拥护者或忠诚客户。",
    lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** the ladder turns loyalty into a next step for each rung — a second purchase for
# first-time buyers, regular purchases for clients, and for supporters a reason to recommend us. Behaviour alone
# cannot show the top rungs: ask for advocacy (a recommendation question) to see them.

# %% [markdown] lang=zh
# **对管理者的启示：**金字塔为每一层客户指明了下一步：让普通购买者买第二次，让客户定期购买，给跟随者一个推荐我们的理由。
# 只看行为看不到金字塔的顶层——要通过推荐意愿之类的问题了解客户是否愿意为我们说话。

# %% [markdown] lang=en
# ## Exercises
# Ten exercises of four kinds: **compute** (on your own `tx`, `panel` and `brand_panel`, all generated from your
# seed; the notebook does not print these numbers), **interpret**, **decide** (your instructor marks it with a
# rubric) and **concept check**. Each card below states the question; write your answer in the cell after it as
# `answer = ...` and run the check. A wrong answer gets a hint that names the likely mistake, never the answer.

# %% [markdown] lang=zh
# ## 练习
# 共十道题，分四类：**计算题**（用你自己的 `tx`、`panel` 和 `brand_panel` 计算，它们都由你的种子号生成；上文没有直接给出
# 这些数）、**解读题**、**决策题**（由老师按评分标准批改）和**概念题**（判断题、选择题）。每张题卡给出题目，在其后的单元格中写
# `answer = ...`，再运行检查。答错时，提示会指出可能出错的地方，但不会给出答案。

# %%
show("loyalty.1", lang=lang)

# %% tags=["solution"]
answer = loyalty.repeat_purchase(tx, start=tx["order_date"].max().normalize() - pd.Timedelta(days=364),
                                 end=tx["order_date"].max().normalize())["repeat_rate"]

# %%
check("loyalty.1", answer, data=tx, lang=lang)

# %%
show("loyalty.2", lang=lang)

# %% tags=["solution"]
answer = (loyalty.attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold)
          ["segment_key"].loc[lambda s: s.isin(["latent", "spurious"])].eq("latent").mean())

# %%
check("loyalty.2", answer, panel=panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold, lang=lang)

# %%
show("loyalty.3", lang=lang)

# %% tags=["solution"]
answer = (sow.loc[patterns.index[patterns["pattern_key"] == "divided"], ["focal_spend", "category_spend"]].sum()
          .pipe(lambda total: total["focal_spend"] / total["category_spend"]))

# %%
check("loyalty.3", answer, brand_panel=brand_panel, min_length=min_length, core_share=core_share, lang=lang)

# %%
show("loyalty.4", lang=lang)

# %% tags=["solution"]
answer = "b" if short["repeat_rate"] < repeat["repeat_rate"] else "d"

# %%
check("loyalty.4", answer, data=tx, lang=lang)

# %%
show("loyalty.5", lang=lang)

# %% tags=["solution"]
# Latent-loyal customers already like us and recommend us; removing what holds them back turns that attitude into
# purchases. Rewards or discounts for low-attachment customers buy incentive or price loyalty that ends with them.
answer = "a"

# %%
check("loyalty.5", answer, lang=lang)

# %%
show("loyalty.6", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("loyalty.6", answer, lang=lang)

# %%
show("loyalty.7", lang=lang)

# %% tags=["solution"]
answer = "c"

# %%
check("loyalty.7", answer, lang=lang)

# %%
show("loyalty.8", lang=lang)

# %% tags=["solution"]
answer = "d"

# %%
check("loyalty.8", answer, lang=lang)

# %%
show("loyalty.9", lang=lang)

# %% tags=["solution"]
answer = "c"

# %%
check("loyalty.9", answer, lang=lang)

# %%
show("loyalty.10", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("loyalty.10", answer, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - Behavioural loyalty: repeat purchase rate, frequency, inter-purchase time, retention/churn per period,
#   share of wallet, cross-buying — always over a period longer than the purchase cycle. Attitudinal:
#   recommendation likelihood (推荐意愿, NPS) and price sensitivity (价格敏感度) from a survey.
# - Attitude × behaviour separates true loyalty from latent and spurious loyalty; the seven types add the
#   *source* of loyalty; Brown's patterns and the loyalty ladder describe how loyalty shows and grows.
# - Four of the course's five characteristics of a loyal customer have a measure or a proxy here: regular
#   repeat purchase (repeat rate, inter-purchase time), buying several products (cross-buying), recommending
#   (NPS) and immunity to competitors' offers (price sensitivity, only a proxy); the fifth, tolerating the
#   supplier's occasional mistakes, needs a survey question (attitude to a faulty product). They also carry the economics of loyalty: repeat purchase, a larger
#   share of wallet and lower price sensitivity raise revenue; familiar customers cost less to serve and market to.
# - Satisfaction is not loyalty: satisfied customers may leave and dissatisfied ones may stay (Jones & Sasser,
#   chapter 04).
# - Brown, G. H. (1952–53). Brand loyalty — fact or fiction? *Advertising Age*, 23–24.
# - Dick, A. S., & Basu, K. (1994). Customer loyalty: toward an integrated conceptual framework.
#   *Journal of the Academy of Marketing Science*, 22(2), 99–113.
# - Griffin, J. (1995). *Customer Loyalty: How to Earn It, How to Keep It*. Lexington Books.
# - Christopher, M., Payne, A., & Ballantyne, D. (1991). *Relationship Marketing*. Butterworth-Heinemann (the ladder).
# - Oliver, R. L. (1999). Whence consumer loyalty? *Journal of Marketing*, 63, 33–44.
# - Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12), 46–54 (NPS).

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - **行为忠诚**：重复购买率、购买频率、购买间隔、各期的顾客保持率与顾客流失率、钱包份额、交叉购买——
#   观察期一定要长于购买周期。**态度忠诚**：问卷中的推荐意愿（NPS）和价格敏感度。
# - 态度 × 行为矩阵把绝对忠诚与潜在忠诚、惯性忠诚区分开；七种忠诚类型进一步说明忠诚的**来源**；
#   品牌忠诚的行为模式和顾客忠诚度金字塔描述忠诚怎样表现、怎样成长。
# - 教材列出的五项顾客忠诚特征中，前四项在本章都有对应或近似的指标：有规律的重复购买（重复购买率、购买间隔）、愿意购买多种产品和服务（交叉购买）、经常向他人推荐（NPS）、对竞争对手的拉拢具有免疫力（价格敏感度只是近似）；第五项“能够忍受供应商偶尔失误”需要用问卷（对瑕疵品的态度）来测量。
# - 这些指标也说明了忠诚的经济价值：重复购买、更高的钱包份额和更低的价格敏感度增加收入，熟悉企业的老客户又节约服务和营销成本。
# - 满意不等于忠诚：满意的顾客不一定忠诚，不满意的顾客也不见得不重复购买（琼斯和赛塞的研究，见第 04 章）。
# - Brown, G. H. (1952–53). Brand loyalty — fact or fiction? *Advertising Age*, 23–24.
# - Dick, A. S., & Basu, K. (1994). Customer loyalty: toward an integrated conceptual framework.
#   *Journal of the Academy of Marketing Science*, 22(2), 99–113.
# - Griffin, J. (1995). *Customer Loyalty: How to Earn It, How to Keep It*. Lexington Books.（七种忠诚类型、依恋的两个维度）
# - Christopher, M., Payne, A., & Ballantyne, D. (1991). *Relationship Marketing*. Butterworth-Heinemann.（忠诚阶梯）
# - Oliver, R. L. (1999). Whence consumer loyalty? *Journal of Marketing*, 63, 33–44.
# - Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12), 46–54.（NPS）

# %%
repeat = loyalty.repeat_purchase(tx)
top_type = str(types["loyalty_type"].value_counts().idxmax())  # the label, in lang
headline(customers=int(repeat["customers"]), repeat_rate=f"{repeat['repeat_rate']:.1%}",
         most_common_loyalty_type=top_type, lang=lang)
