# Source of crmlab/notebooks/{en,zh}/02_rfm_segmentation.ipynb — edit here, then `make notebooks SRC=notebooks/src/02_rfm_segmentation.py`.

# %% [markdown] lang=en
# # RFM segmentation
#
# Who are your best customers, who is slipping away, and who is not worth a phone call? **RFM analysis**
# (RFM 分析) answers with three numbers per customer: how **recently** they bought (最近一次消费 R), how
# **often** (消费频率 F) and how much **money** they spent (消费金额 M).
#
# **Learning goals**
# 1. Compute R, F and M from transactions, counted to an analysis (snapshot) date.
# 2. Score each dimension on a 1–5 scale (RS, FS, MS) and read the 3-digit RFM cell and total score.
# 3. Group the 125 cells into segments: the 8 mean-split types (重要价值客户 …) and named segments (Champions …).
# 4. Size each segment by customers and revenue and choose an action for it.
# 5. Compare rule-based segments with k-means clusters (聚类细分).

# %% [markdown] lang=zh
# # RFM 分析：用最近一次消费、消费频率和消费金额细分客户
#
# 谁是最有价值的客户？谁正在悄悄流失？谁不值得再打一次电话？**RFM 分析**用每位客户的三个数字回答这些问题：
# **最近一次消费**（Recency，R）距今多久、**消费频率**（Frequency，F）有多高、**消费金额**（Monetary，M）有多大。
# 它根据客户的活跃程度和交易金额的贡献进行客户价值细分。
#
# **学习目标**
# 1. 从交易记录出发，以分析日期为基准计算每位客户的 R、F、M。
# 2. 用 5 分制为三个维度打分（RS、FS、MS），读懂三位数的 RFM 单元和 RFM 总分。
# 3. 把 125 个 RFM 单元归并为少数客户群：按均值划分的八类客户（重要价值客户……）和业界常用的命名客户群（冠军客户……）。
# 4. 衡量每个客户群的人数与收入贡献，并为它选择营销策略。
# 5. 把基于规则的细分与 k-means 聚类细分作比较。

# %% [markdown] lang=en
# ## Parameters
# `data`: a bundled name (`"cdnow"`, `"retail"`), `"synthetic:<seed>"` or a path with its `columns` mapping.
# `snapshot`: analysis date (`None` = the day after the last purchase). `bins`: score levels. `method`:
# `"quantile"`, `"rank"`, `"mean"` or a dict of cut points. `scheme`: `"named"`, `"mean_split"` or a rule table.
# `n_clusters`: k for k-means (`None` = chosen by silhouette).

# %% [markdown] lang=zh
# ## 参数
# `data`：内置数据集名称（`"cdnow"`、`"retail"`）、`"synthetic:<种子>"`，或文件路径（再用 `columns` 指明列的对应关系）。
# `snapshot`：分析日期（`None` 表示最后一笔交易的次日）。`bins`：打分的档数。`method`：切分方法，
# 可选 `"quantile"`（分位数）、`"rank"`（排名）、`"mean"`（均值）或各维度切分点的字典。
# `scheme`：细分方案，`"named"`（命名客户群）、`"mean_split"`（均值划分的八类客户）或自定义规则表。
# `n_clusters`：k-means 的聚类数（`None` 表示按轮廓系数自动选择）。

# %% tags=["parameters"]
data = "cdnow"
columns = {}
snapshot = None
bins = 5
method = "quantile"
scheme = "named"
lang = "en"
n_clusters = None
seed = 0

# %% [markdown] lang=en
# ## Setup

# %% [markdown] lang=zh
# ## 准备工作

# %%
import matplotlib.pyplot as plt
import pandas as pd

from crmlab import rfm
from crmlab.exercises import check
from crmlab.labels import term
from crmlab.notebook import headline, say, setup

tx = setup(data, columns, lang=lang)

# %% [markdown] lang=en
# ## 1. Recency, frequency, monetary
# For customer $i$ with purchases at days $t_{i1} < \dots < t_{in_i}$ and amounts $a_{ij}$, counted to the
# snapshot day $T$:
#
# $$R_i = T - t_{in_i} \text{ (days)},\qquad F_i = n_i \text{ (orders)},\qquad M_i = \sum_j a_{ij}.$$
#
# The snapshot defaults to the day after the last transaction, so the result is reproducible (no hidden
# "today"). Frequency counts distinct orders when there is an order id, otherwise rows.

# %% [markdown] lang=zh
# ## 1. 最近一次消费、消费频率、消费金额（R、F、M）
# 设客户 $i$ 在第 $t_{i1} < \dots < t_{in_i}$ 天购买，金额为 $a_{ij}$，以分析日期 $T$ 为基准：
#
# $$R_i = T - t_{in_i} \text{ (days)},\qquad F_i = n_i \text{ (orders)},\qquad M_i = \sum_j a_{ij}.$$
#
# 教材把最近一次消费定义为“研究时间点减去用户最近一次消费的时间”，单位可以是天、周、月或年，以业务情况为准；
# 这里统一用天。分析日期默认取最后一笔交易的次日，而不是“今天”，所以结果可以复现。
# 有订单号时，消费频率按不同的订单计数，否则按交易行计数。

# %%
snapshot_used = rfm.snapshot_day(tx, snapshot=snapshot)
table = rfm.rfm_table(tx, snapshot=snapshot_used)
say(f"Snapshot: {snapshot_used.date()} · customers: {len(table):,}",
    f"分析日期：{snapshot_used.date()}，客户数：{len(table):,}", lang=lang)
table.head()

# %%
table[["recency", "frequency", "monetary"]].describe().round(1)

# %%
med = table[["recency", "frequency", "monetary"]].median()
one_time = (table["frequency"] == 1).mean()
top_tenth = table["revenue"].nlargest(max(1, round(len(table) / 10))).sum() / table["revenue"].sum()
skew = table["monetary"].mean() / med["monetary"] if med["monetary"] > 0 else float("nan")
times = {1: "once", 2: "twice"}.get(med["frequency"], f"{med['frequency']:g} times")

# %%
say(f"**What this tells a manager:** the median customer bought {times}, last {med['recency']:.0f} days before the snapshot, and spent "
    f"{med['monetary']:,.2f}; {one_time:.1%} of customers bought only once. The top 10% of customers bring "
    f"{top_tenth:.1%} of revenue"
    + (f", and mean spend is {skew:.1f} times the median: this skew is why RFM scores use ranks or quantiles "
       "rather than raw values." if skew > 1.5 else "."),
    f"**对管理者的启示：**客户购买次数的中位数是 {med['frequency']:g} 次，最近一次消费距分析日期的中位数是 "
    f"{med['recency']:.0f} 天，累计消费金额的中位数是 {med['monetary']:,.2f}；{one_time:.1%} 的客户只买过一次。"
    f"消费额最高的 10% 客户贡献了 {top_tenth:.1%} 的收入"
    + (f"，平均消费额是中位数的 {skew:.1f} 倍。分布这样偏斜，所以 RFM 打分用排名或分位数，而不直接比较原始数值。"
       if skew > 1.5 else "。"),
    lang=lang)

# %% [markdown] lang=en
# ## 2. Scores
# Each dimension is cut into $b$ = `bins` levels (5 by default, the course's five-point scale). With quantile
# cuts $q_{1/b}, \dots, q_{(b-1)/b}$ (the table below), $FS_i = 1 + \#\{k : q_{k/b} < F_i\}$ (and the same for M),
# while recency is reversed so that fewer days score higher: $RS_i = b - \#\{k : q_{k/b} < R_i\}$.
# Equal values keep equal scores, so when many customers share one frequency some levels can stay
# empty (as in R's `rfm` package); `method="rank"` forces equal-sized groups instead.
# The **RFM cell** (RFM 单元) is the three digits $RS\,FS\,MS$; the **total score** is $w_R RS + w_F FS + w_M MS$.
#
# **Course text vs literature:** the course text says "e.g. a five-point scale" but not how to cut it. The classic
# choice is quintiles (Hughes, 1994); when most customers bought once or twice the F quintiles coincide and
# levels go empty, and rank scores or business thresholds fit better.

# %% [markdown] lang=zh
# ## 2. RFM 打分
# 教材的做法是给每个维度打分：RS 按最近一次交易日期计算，距离分析日期越近得分越高；FS 按交易频率计算，
# 频率越高得分越高；MS 按交易金额计算，金额越高得分越高，例如 5 分制。这里把每个维度切成 $b$ = `bins` 档
# （默认 5 档）。用分位数切分点 $q_{1/b}, \dots, q_{(b-1)/b}$（见下表）时，$FS_i = 1 + \#\{k : q_{k/b} < F_i\}$
# （M 同理）；R 反过来计分，天数越少得分越高：$RS_i = b - \#\{k : q_{k/b} < R_i\}$。
# 相同的值一定得相同的分，所以当很多客户的消费频率相同时，有些得分档可能没有客户（R 语言的 `rfm` 包也是如此）；
# `method="rank"` 则按排名强制分成人数相等的几组。
# 三个得分连起来 $RS\,FS\,MS$ 就是 **RFM 单元**，5 分制下共有 $5^3 = 125$ 个；**RFM 总分**为 $w_R RS + w_F FS + w_M MS$。
#
# **教材 vs 文献：**教材只说“如 5 分制”，没有规定怎样切分。文献中的经典做法是按五分位切分（Hughes，1994），
# 但大多数客户只买过一两次时，F 的分位点会重合，得分档因此变空；这时按排名切分或由业务设定切分点更合适。

# %%
scores = rfm.rfm_scores(table, bins=bins, method=method)
pd.DataFrame({dim: pd.Series(cuts).round(2) for dim, cuts in scores.attrs["cuts"].items()}).T

# %%
scores[["recency", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_cell", "rfm_score"]].head()

# %%
ax = rfm.plot_score_distribution(scores, lang=lang)

# %%
score_of = {"recency": ("R", "r_score"), "frequency": ("F", "f_score"), "monetary": ("M", "m_score")}
empty = {d: sorted(set(range(1, scores.attrs["bins"][d] + 1)) - set(scores[col])) for d, (_, col) in score_of.items()}
en, zh = [], []
for d, levels in empty.items():
    if levels:
        top = table[d].value_counts(normalize=True)
        dims = {"recency": "最近一次消费", "frequency": "消费频率", "monetary": "消费金额"}
        en.append(f"no customer has {score_of[d][0]} score {', '.join(map(str, levels))} ({top.iloc[0]:.1%} of "
                  f"customers share the {d} {top.index[0]:g}, and equal values get equal scores)")
        zh.append(f"没有客户的 {score_of[d][0]} 得分为 {'、'.join(map(str, levels))}（{top.iloc[0]:.1%} 的客户"
                  f"{dims[d]}都是 {top.index[0]:g}{'天' if d == 'recency' else ''}，相同的值得分相同）")
say("Empty score levels: " + "; ".join(en) + "." if en else "Every score level of R, F and M has customers.",
    "空的得分档：" + "；".join(zh) + "。" if zh else "R、F、M 的每个得分档都有客户。", lang=lang)

# %%
scores["rfm_cell"].value_counts().head(8).rename("customers").to_frame()

# %% [markdown] lang=en
# The R × F grid shows where the money is: each cell holds the mean monetary value of its customers, and a
# blank cell has no customers (the heatmap shows means, not head counts — those are in the cell table above).

# %% [markdown] lang=zh
# R × F 交叉表显示收入集中在哪些客户身上：每个格子是该格客户的平均消费金额，空白格表示没有客户
# （热力图显示的是平均值，不是人数；人数见上面的 RFM 单元表）。

# %%
fig, ax = plt.subplots(figsize=(7, 5))
ax = rfm.plot_rf_heatmap(scores, ax=ax, lang=lang)

# %%
by_f, by_r = (scores.groupby(col)["monetary"].mean() for col in ("f_score", "r_score"))
ratio_f, ratio_r = by_f.iloc[-1] / by_f.iloc[0], by_r.iloc[-1] / by_r.iloc[0]
say(f"**What this tells a manager:** mean spend goes from {by_f.iloc[0]:,.0f} at the lowest F score to "
    f"{by_f.iloc[-1]:,.0f} at the highest (×{ratio_f:.1f}), and from {by_r.iloc[0]:,.0f} at the lowest R score to "
    f"{by_r.iloc[-1]:,.0f} at the highest (×{ratio_r:.1f}): here "
    + ("frequency (left to right) separates the valuable customers more than recency (bottom to top)."
       if ratio_f > ratio_r else "recency (bottom to top) separates the valuable customers more than frequency."),
    f"**对管理者的启示：**平均消费金额从 F 得分最低档的 {by_f.iloc[0]:,.0f} 升到最高档的 {by_f.iloc[-1]:,.0f}"
    f"（×{ratio_f:.1f}），从 R 得分最低档的 {by_r.iloc[0]:,.0f} 到最高档的 {by_r.iloc[-1]:,.0f}（×{ratio_r:.1f}）："
    + ("在这份数据里，消费频率（从左到右）比最近一次消费（从下到上）更能区分出高价值客户。"
       if ratio_f > ratio_r else "在这份数据里，最近一次消费（从下到上）比消费频率更能区分出高价值客户。"),
    lang=lang)

# %%
levels = range(1, int(max(scores["r_score"].max(), scores["f_score"].max())) + 1)
grid = scores.groupby(["r_score", "f_score"]).size().unstack(fill_value=0).reindex(
    index=levels, columns=levels, fill_value=0)
cols = [f for f in levels if grid[f].sum() == 0]
rows = [r for r in levels if grid.loc[r].sum() == 0]
cells = [f"R {r}·F {f}" for r in levels for f in levels if grid.loc[r, f] == 0 and f not in cols and r not in rows]
en = [f"the F score {f} column" for f in cols] + [f"the R score {r} row" for r in rows] + cells
zh = [f"F 得分 {f} 整列" for f in cols] + [f"R 得分 {r} 整行" for r in rows] + cells
say("Blank cells (no customers): " + ", ".join(en) + "." if en else "Every cell of the R × F grid has customers.",
    "空白格（没有客户）：" + "、".join(zh) + "。" if zh else "R × F 交叉表的每个格子都有客户。", lang=lang)

# %% [markdown] lang=en
# The course text warns that averaging R, F and M scores equally is not fair across industries: a grocery
# chain may weight F, a car dealer M. Weighted total scores re-order customers; the Spearman rank
# correlation says how much (1 = the same order, lower = more re-ordering). In the literature the weights are
# usually estimated from past responses (e.g. a regression of mail-order response, Bult & Wansbeek, 1995)
# rather than set by judgement.

# %% [markdown] lang=zh
# 教材指出，不同行业的企业如果只把每位客户的 R、F、M 得分简单平均，并不公平。例如，超市可能更看重 F，汽车经销商更看重 M。
# 加权后的总分会改变客户的排序；斯皮尔曼（Spearman）等级相关系数衡量改变了多少（1 表示顺序不变，越低说明重排越多）。
#
# **教材 vs 文献：**教材只说权重应随行业而定；文献中权重通常由历史响应数据估计（例如对直邮回应做回归，
# Bult 和 Wansbeek，1995），而不是凭经验设定。

# %%
weighted = rfm.rfm_scores(table, bins=bins, method=method, weights={"recency": 1, "frequency": 2, "monetary": 3})
rho = scores["rfm_score"].corr(weighted["rfm_score"], method="spearman")
say(f"With weights R : F : M = 1 : 2 : 3, the total scores have a Spearman rank correlation of {rho:.3f} with "
    "the equal-weight scores: " + ("the order of customers barely changes." if rho > 0.95
                                  else "the weights re-order customers noticeably."),
    f"权重取 R : F : M = 1 : 2 : 3 时，加权总分与等权总分的斯皮尔曼等级相关系数为 {rho:.3f}："
    + ("客户的排序几乎不变。" if rho > 0.95 else "权重明显改变了客户的排序。"), lang=lang)

# %% [markdown] lang=en
# ## 3. Eight customer types (mean split)
# 125 cells are too many to act on. The course text's grouping splits each of R, F, M into high (↑) or low (↓)
# at its mean — for R, "high" means *more recent*, i.e. fewer days than the mean recency — and names the
# $2^3 = 8$ combinations: 重要价值客户 (important value, R↑F↑M↑), 重要发展客户 (important development, R↑F↓M↑),
# 重要保持客户 (important retention, R↓F↑M↑), 重要挽留客户 (important win-back, R↓F↓M↑), and the four
# 一般… (general …) types with M↓.
#
# **Course text vs literature:** F and M are usually strongly right-skewed, so the mean is pulled up by a few big
# customers and "above the mean" is a minority; the eight types are very unequal in size. Median or quantile
# splits are common alternatives.

# %% [markdown] lang=zh
# ## 3. 八类客户（均值划分）
# 125 个细分市场太多，无法逐一制定营销策略，需要进一步归并。教材的做法是把三个指标各分为“高”和“低”：
# 高于均值为高（↑），低于均值为低（↓）——对 R 而言，“高”指**更近**，即天数少于平均值。
# 三个维度高低组合成 $2^3 = 8$ 类：重要价值客户（R↑F↑M↑）、重要发展客户（R↑F↓M↑）、重要保持客户（R↓F↑M↑）、
# 重要挽留客户（R↓F↓M↑），以及 M↓ 的四类一般价值、一般发展、一般保持、一般挽留客户。
#
# **教材 vs 文献：**F 和 M 通常严重右偏，均值被少数大客户拉高，所以“高于均值”的客户往往只是少数，八类客户的人数很不均衡；
# 文献中也常用中位数或分位数来划分高低。

# %%
types = rfm.segments(scores, scheme="mean_split", lang=lang)
type_summary = rfm.segment_summary(scores, types, lang=lang)
type_summary[["customers", "share_customers", "share_revenue", "recency", "frequency", "monetary"]].round(2)

# %%
ax = rfm.plot_segments(type_summary, lang=lang)

# %%
arrows = {name: "R{}F{}M{}".format(*("↑" if h else "↓" for h in key)) for key, name in rfm.MEAN_SPLIT_TYPES.items()}
big, rich = type_summary.loc[type_summary["customers"].idxmax()], type_summary.loc[type_summary["share_revenue"].idxmax()]
name_en = {k: f"{k} ({term(k, 'zh', rfm.TERMS)}, {arrows[k]})" for k in rfm.MEAN_SPLIT_TYPES.values()}
name_zh = {k: f"{term(k, 'zh', rfm.TERMS)}（{arrows[k]}）" for k in rfm.MEAN_SPLIT_TYPES.values()}
same = big["segment_key"] == rich["segment_key"]
lean = rich["share_revenue"] > 2 * rich["share_customers"]  # a small group with much of the revenue

# %%
say(f"**What this tells a manager:** the largest type is {name_en[big['segment_key']]}: {big['share_customers']:.1%} "
    f"of customers, {big['share_revenue']:.1%} of revenue. "
    + ("It also brings the largest share of revenue." if same else
       f"{name_en[rich['segment_key']]} brings the largest share of revenue, {rich['share_revenue']:.1%}, with "
       f"{rich['share_customers']:.1%} of customers."),
    f"**对管理者的启示：**人数最多的是{name_zh[big['segment_key']]}，占客户的 {big['share_customers']:.1%}，"
    f"贡献收入的 {big['share_revenue']:.1%}。"
    + ("它同时也是收入占比最高的一类。" if same else
       f"收入占比最高的是{name_zh[rich['segment_key']]}：{'只' if lean else ''}占客户的 {rich['share_customers']:.1%}，"
       f"{'却' if lean else ''}贡献了 {rich['share_revenue']:.1%} 的收入。"),
    lang=lang)

# %% [markdown] lang=en
# ## 4. Named segments
# The scheme widely used in practice names regions of the score space. Each rule gives inclusive score ranges;
# the first matching rule wins, and the built-in rules cover all 125 cells exactly once. (Not in the course text:
# the scheme comes from practice — R's `rfm` package, Putler's RFM guide — and names and borders vary by source.)

# %% [markdown] lang=zh
# ## 4. 命名客户群
# 业界还常用另一种方案：把得分空间划分成若干区域，每个区域命名为一个客户群。每条规则给出各得分的闭区间，按顺序第一条匹配的规则生效；
# 内置规则恰好覆盖全部 125 个单元，每个单元只属于一个客户群。
#
# **教材 vs 文献：**这套命名客户群不在教材中，来自业界实践（R 语言 `rfm` 包、Putler 的 RFM 指南），
# 名称和边界因来源而异。中文名称按本课程术语表翻译，例如 “Loyal Customers” 译作常客、“Potential Loyalist” 译作准常客，以免与顾客忠诚度金字塔的最高一级（忠诚客户）和“潜在忠诚”混淆。

# %%
rfm.NAMED_SEGMENT_RULES.assign(segment=rfm.NAMED_SEGMENT_RULES["segment"].map(lambda k: term(k, lang, rfm.TERMS)))

# %%
segments = rfm.segments(scores, scheme=scheme, lang=lang, bins=scores.attrs["bins"])
summary = rfm.segment_summary(scores, segments, lang=lang)
summary[["customers", "share_customers", "share_revenue", "recency", "frequency", "avg_order_value"]].round(2)

# %%
ax = rfm.plot_segments(summary, lang=lang)

# %%
pd.set_option("display.max_colwidth", 90)
summary[["action"]]

# %%
rules = rfm.scheme_rules(scheme) if isinstance(scheme, str) and scheme == "named" else None
def needs(key):  # the score ranges a named segment needs, or the arrows of a mean-split type
    if rules is None:
        return arrows.get(key, "")
    boxes = rules[rules["segment"] == key]
    span = lambda lo, hi: f"{lo}" if lo == hi else f"{lo}–{hi}"
    return " / ".join(f"R {span(b.r_min, b.r_max)}, F {span(b.f_min, b.f_max)}" for b in boxes.itertuples())
missing = [k for k in segments["segment_key"].cat.categories if k not in set(summary["segment_key"])]
rescaled = rules is not None and set(scores.attrs["bins"].values()) != {5}

# %%
say("**Segments with no customers here:** " + "; ".join(f"{term(k, 'en', rfm.TERMS)} ({needs(k)})" for k in missing)
    + ". No customer has these scores" + (" (on the 1–5 scale of the rules, to which the scores were rescaled)."
                                          if rescaled else " (compare the empty score levels and blank cells above).")
    if missing else "Every segment of the scheme has customers.",
    "**这里没有客户的客户群：**" + "；".join(f"{term(k, 'zh', rfm.TERMS)}（{needs(k)}）" for k in missing)
    + "。没有客户的得分落在这些范围内" + ("（规则按 1–5 分定义，得分已换算到 1–5 分）。" if rescaled
                                       else "（可对照上面的空得分档和空白格）。") if missing else "方案中的每个客户群都有客户。",
    lang=lang)

# %%
once, first = scores[scores["f_score"] == 1], table["first_purchase"]
need = [k for k in ("New Customers", "Promising") if k in missing and rules is not None]
if need and scores.attrs["bins"]["recency"] == 5:  # on 1..5 scores, where the rules are defined
    say(f"{' and '.join(need)} need{'s' if len(need) == 1 else ''} F score 1 with a high R score "
        f"({'; '.join(needs(k) for k in need)}). Here customers with F score 1 reach at most R score "
        f"{once['r_score'].max()}: the most recent of them bought {once['recency'].min():.0f} days before the "
        f"snapshot. All first purchases fall between {first.min().date()} and {first.max().date()}.",
        f"{'和'.join(term(k, 'zh', rfm.TERMS) for k in need)}要求 F 得分为 1、R 得分较高（{'；'.join(needs(k) for k in need)}）。"
        f"这里 F 得分为 1 的客户，R 得分最高只有 {once['r_score'].max()}：其中最近的一位也是在分析日期前 "
        f"{once['recency'].min():.0f} 天购买的。所有客户的首次购买都在 {first.min().date()} 到 {first.max().date()} 之间。",
        lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** each segment gets a different message. Champions are rewarded, not
# discounted; "Can't Lose Them" (high spenders who have gone quiet) deserve a personal call; "Lost" customers
# get at most a cheap automated campaign.

# %% [markdown] lang=zh
# **对管理者的启示：**不同客户群要传递不同的信息。冠军客户要奖励，而不是打折；“不能失去的客户”曾经消费很多、
# 最近却没有动静，值得一对一地联系；已流失客户最多做一次低成本的自动唤醒。

# %%
worth = (summary["share_revenue"] / summary["share_customers"]).sort_values(ascending=False)
top, best = summary.loc[summary["share_revenue"].idxmax()], worth.index[0]
say(f"Here {top.name} bring the largest share of revenue, {top['share_revenue']:.1%}, with {top['share_customers']:.1%} "
    f"of customers; per customer, {'they' if best == top.name else best} are worth the most: {worth.iloc[0]:.1f} "
    "times the average customer.",
    f"在这份数据里，收入占比最高的是{top.name}：占客户的 {top['share_customers']:.1%}，贡献收入的 "
    f"{top['share_revenue']:.1%}；按人均收入算，最有价值的{'也是它' if best == top.name else '是' + best}，"
    f"人均收入是全体客户平均的 {worth.iloc[0]:.1f} 倍。",
    lang=lang)

# %% [markdown] lang=en
# ### Your own scheme as data
# An instructor or a company can write its own rules as a table (自定义规则). `check_scheme` lists score cells no
# rule covers (they would become "Others") and cells where rules of different segments overlap:

# %% [markdown] lang=zh
# ### 自定义规则
# 教师或企业可以把自己的细分规则写成一张表。`check_scheme` 列出没有任何规则覆盖的得分单元（这些客户会归入“其他客户”），
# 以及被不同客户群的规则同时覆盖的单元：

# %%
names = {"en": ["VIP", "Active", "Dormant big spender"], "zh": ["贵宾客户", "活跃客户", "沉睡大客户"]}[lang]
my_rules = pd.DataFrame([
    {"segment": names[0], "r_min": 4, "f_min": 4, "m_min": 4},
    {"segment": names[1], "r_min": 3},
    {"segment": names[2], "r_max": 2, "m_min": 4},
])
problems = rfm.check_scheme(my_rules)
gaps, overlaps = problems["uncovered"], problems["overlaps"]
say(f"{len(gaps)} uncovered cells, e.g. {gaps[:3]}; {len(overlaps)} overlapping cells, e.g. {overlaps[:2]}.",
    f"{len(gaps)} 个单元没有规则覆盖，例如 {gaps[:3]}；{len(overlaps)} 个单元被多条规则覆盖，例如 {overlaps[:2]}。",
    lang=lang)

# %%
custom = rfm.segment(scores, scheme=my_rules, check=False, lang=lang)
custom.value_counts().rename("customers").to_frame()

# %% [markdown] lang=en
# ## 5. A data-driven alternative: k-means
# k-means (聚类细分) groups customers by similarity of $(\log(1+R), \log(1+F), \log(1+M))$, each standardized to
# mean 0 and standard deviation 1. The number of clusters $k$ is chosen by the **silhouette** (higher is better);
# the **inertia** (within-cluster sum of squares) shows the "elbow".

# %% [markdown] lang=zh
# ## 5. 数据驱动的另一种方法：k-means 聚类细分
# k-means 按 $(\log(1+R), \log(1+F), \log(1+M))$ 的相似程度把客户分组，每个变量先标准化为均值 0、标准差 1。
# 聚类数 $k$ 按**轮廓系数**（silhouette，越高越好）选择；**组内平方和**（inertia）随 $k$ 的变化可以用来找“肘部”。

# %%
km = rfm.RFMKMeans(n_clusters=n_clusters, k_range=range(2, 7), seed=seed).fit(table)
km.selection_.round(3)

# %%
km.centers_.round(1)

# %%
pd.crosstab(segments["segment"], km.labels_.rename("cluster"))

# %%
fig, axes = plt.subplots(1, 3, figsize=(14, 4))
for ax, (x, y) in zip(axes, [("recency", "frequency"), ("recency", "monetary"), ("frequency", "monetary")]):
    rfm.plot_rfm_scatter(table, x=x, y=y, hue=km.labels_.astype(str), ax=ax, lang=lang, seed=seed)
fig.tight_layout()

# %% [markdown] lang=en
# Read the cluster centres (means of raw R, F, M per cluster): clusters are numbered by decreasing mean
# monetary value, so cluster 1 holds the highest spenders.

# %% [markdown] lang=zh
# 阅读聚类中心（每个聚类原始 R、F、M 的平均值）：聚类按平均消费金额从高到低编号，聚类 1 是消费最多的一群客户。

# %%
k, best_k = km.n_clusters_, int(km.selection_["silhouette"].idxmax())
c, cut = km.centers_, (1 - km.selection_["inertia"] / km.selection_["inertia"].shift()).dropna()
hi, big = c.iloc[0], c.loc[c["customers"].idxmax()]

# %%
say((f"k = {k} has the best silhouette ({km.selection_.loc[k, 'silhouette']:.3f}). " if n_clusters is None else
     f"k = {k} was set by `n_clusters`; the silhouette would prefer k = {best_k}. ")
    + f"Cluster 1, the highest spenders: {hi['customers']:,.0f} customers, {hi['frequency']:.1f} purchases on average, "
    f"last bought {hi['recency']:.0f} days ago, {hi['monetary']:,.0f} spent. The largest, cluster {big.name}: "
    f"{big['customers']:,.0f} customers, {big['frequency']:.1f} purchases, last bought {big['recency']:.0f} days ago, "
    f"{big['monetary']:,.0f} spent. Each extra cluster cuts the inertia by "
    + ", ".join(f"{p:.0%} (k = {i})" for i, p in cut.items()) + ": where the cuts level off is the elbow.",
    (f"k = {k} 的轮廓系数最高（{km.selection_.loc[k, 'silhouette']:.3f}）。" if n_clusters is None else
     f"k = {k} 由参数 `n_clusters` 指定；按轮廓系数会选 k = {best_k}。")
    + f"聚类 1 消费最多：{hi['customers']:,.0f} 位客户，平均购买 {hi['frequency']:.1f} 次，最近一次在 "
    f"{hi['recency']:.0f} 天前，消费 {hi['monetary']:,.0f}。人数最多的是聚类 {big.name}：{big['customers']:,.0f} 位客户，"
    f"平均购买 {big['frequency']:.1f} 次，最近一次在 {big['recency']:.0f} 天前，消费 {big['monetary']:,.0f}。"
    "每增加一个聚类，组内平方和分别下降 " + "、".join(f"{p:.0%}（k = {i}）" for i, p in cut.items())
    + "；下降幅度开始变平的地方就是“肘部”。",
    lang=lang)

# %% [markdown] lang=en
# **What this tells a manager:** clusters follow the data, not round score thresholds; they are harder to
# explain but can reveal groups the rules split or merge (the cross-table above shows which). Rule-based
# segments stay easier to act on and to compare over time.

# %% [markdown] lang=zh
# **对管理者的启示：**聚类跟着数据走，而不是按整齐的得分门槛划分；它更难解释，却可能发现被规则拆开或合并的客户群
# （上面的交叉表显示了对应关系）。基于规则的客户群更容易落实营销动作，也更便于跨期比较。

# %% [markdown] lang=en
# ## Exercises
# Eleven exercises of four kinds: **compute** (on your own `tx` — with `data = "synthetic:<seed>"` every student has
# different data — and the notebook does not print these numbers), **interpret** (choose the right reading of a
# result), **decide** (choose where a limited campaign budget goes and justify it; your instructor marks it with a
# rubric) and **concept check** (true/false and multiple choice in the style of the course's review questions). Each
# card states the question; write your answer as `answer = ...` and run the `check(...)` cell: it prints ✓, or names
# the mistake your answer reveals — never the answer itself. A choice question is answered with the option's key
# (`answer = "b"`).
#
# Start from the functions of this chapter with their defaults — `rfm.rfm_table(tx)` (one row per customer, recency
# to the default snapshot, frequency in orders), `rfm.rfm_scores(...)` and `rfm.segments(...)` — not from the
# `table` and `scores` above, which follow this notebook's parameters.

# %% [markdown] lang=zh
# ## 练习
# 本章共 11 道练习，分四类：**计算题**（用你自己的 `tx` 计算——设 `data = "synthetic:<种子号>"` 时每位同学的数据都不同——
# 上文没有给出这些数）、**解读题**（为一个结果选出正确的解读）、**决策题**（决定有限的营销预算投给哪类客户并说明理由，
# 由老师按评分标准批改）和**概念题**（判断题、选择题，仿照课程复习题的形式）。每张题卡给出题目；把答案写成
# `answer = ...`，再运行下面的 `check(...)`：答对显示 ✓，答错会指出你的答案暴露了什么错误——但不会直接给出答案。
# 选择题用选项的字母作答（`answer = "b"`）。
#
# 请从本章函数的默认用法出发——`rfm.rfm_table(tx)`（每行一位客户，R 按默认分析日期计算，F 按订单计数）、
# `rfm.rfm_scores(...)` 和 `rfm.segments(...)`——而不要直接用上文的 `table` 和 `scores`，它们随本笔记本的参数而变。

# %%
from crmlab.exercises import show

show("rfm.1", lang=lang)

# %% tags=["solution"]
answer = (rfm.rfm_table(tx)["frequency"] >= 3).mean()

# %%
check("rfm.1", answer, data=tx, lang=lang)

# %%
show("rfm.2", lang=lang)

# %% tags=["solution"]
answer = rfm.rfm_table(tx).pipe(lambda t: t.loc[t["revenue"].idxmax(), "recency"])

# %%
check("rfm.2", answer, data=tx, lang=lang)

# %%
show("rfm.3", lang=lang)

# %% tags=["solution"]
answer = rfm.rfm_table(tx).pipe(lambda t: round(
    100 * t.loc[rfm.segments(t)["segment_key"] == "Important value", "frequency"].sum() / t["frequency"].sum(), 2))

# %%
check("rfm.3", answer, data=tx, lang=lang)

# %%
show("rfm.4", lang=lang)

# %% tags=["solution"]
answer = rfm.rfm_scores(rfm.rfm_table(tx)).pipe(lambda s: s.loc[s["r_score"] == 5, "revenue"].sum() / s["revenue"].sum())

# %%
check("rfm.4", answer, data=tx, lang=lang)

# %%
show("rfm.5", lang=lang)

# %% tags=["solution"]
answer = rfm.rfm_table(tx)["monetary"].pipe(
    lambda m: "b" if (m > m.mean()).mean() < 0.4 else "c" if (m > m.mean()).mean() > 0.6 else "a")

# %%
check("rfm.5", answer, data=tx, lang=lang)

# %%
show("rfm.6", lang=lang)

# %% tags=["solution"]
answer = "c"  # R = 1: long ago; F = 5, M = 5: often and much — valuable and slipping away.

# %%
check("rfm.6", answer, lang=lang)

# %%
show("rfm.7", lang=lang)

# %% tags=["solution"]
answer = "b"  # 重要保持客户: F↑M↑ but R↓ — the most value at risk; see the rubric.

# %%
check("rfm.7", answer, lang=lang)

# %%
show("rfm.8", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("rfm.8", answer, lang=lang)

# %%
show("rfm.9", lang=lang)

# %% tags=["solution"]
answer = "d"

# %%
check("rfm.9", answer, lang=lang)

# %%
show("rfm.10", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("rfm.10", answer, lang=lang)

# %%
show("rfm.11", lang=lang)

# %% tags=["solution"]
answer = "true"

# %%
check("rfm.11", answer, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - R, F, M summarise purchase history; scores on 1–5 make them comparable, and segments make them actionable.
# - Quantile scores keep ties together (levels can be empty); rank scores force equal groups; thresholds
#   encode industry knowledge. Weights matter.
# - Mean-split types and named segments are rules; k-means is a data-driven check on them.
# - Hughes, A. M. (1994). *Strategic Database Marketing*. Probus.
# - Bult, J. R., & Wansbeek, T. (1995). Optimal selection for direct mail. *Marketing Science*, 14(4), 378–394.
# - Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using iso-value curves for customer
#   base analysis. *Journal of Marketing Research*, 42(4), 415–430.
# - Kohavi, R., & Parekh, R. (2004). Visualizing RFM segmentation. *SIAM International Conference on Data Mining*.

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - R、F、M 概括了客户的购买历史；5 分制打分让三个维度可以比较，客户细分让结果可以落实到营销动作。
# - 分位数打分让相同的值得相同的分（得分档可能为空）；排名打分强制各档人数相等；业务设定的切分点体现行业经验。
#   权重的选择会改变客户排序。
# - 均值划分的八类客户和命名客户群都是规则；k-means 聚类细分是从数据出发的检验。
# - Hughes, A. M. (1994). *Strategic Database Marketing*. Probus.
# - Bult, J. R., & Wansbeek, T. (1995). Optimal selection for direct mail. *Marketing Science*, 14(4), 378–394.
# - Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). RFM and CLV: Using iso-value curves for customer
#   base analysis. *Journal of Marketing Research*, 42(4), 415–430.
# - Kohavi, R., & Parekh, R. (2004). Visualizing RFM segmentation. *SIAM International Conference on Data Mining*.

# %%
top_share = summary["share_revenue"].max()
headline(lang=lang, customers=len(table), snapshot=snapshot_used.date().isoformat(),
         one_time_buyers=f"{(table['frequency'] == 1).mean():.1%}",
         top_revenue_segment=(f"{summary['share_revenue'].idxmax()} ({top_share:.1%} of revenue)" if lang == "en"
                              else f"{summary['share_revenue'].idxmax()}（占收入 {top_share:.1%}）"),
         k_means_clusters=int(km.n_clusters_))
