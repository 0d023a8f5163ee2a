# Source of crmlab/notebooks/{en,zh}/02_rfm_segmentation.ipynb — edit here, then `make notebooks SRC=notebooks/src/02_rfm_segmentation.py`.

# %% [markdown]
# # RFM segmentation · RFM 分析
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

# %% [markdown]
# ## Parameters
# `data`: a bundled name (`"cdnow"`, `"retail"`), `"synthetic:<seed>"` or a path with its `columns` mapping.
# `snapshot`: analysis date (`None` = the day after the last purchase). `bins`: score levels. `method`:
# `"quantile"`, `"rank"`, `"mean"` or a dict of cut points. `scheme`: `"named"`, `"mean_split"` or a rule table.
# `n_clusters`: k for k-means (`None` = chosen by silhouette).

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

# %% [markdown]
# ## Setup

# %%
import matplotlib.pyplot as plt
import pandas as pd

from crmlab import rfm
from crmlab.exercises import check
from crmlab.notebook import headline, setup

tx = setup(data, columns, lang=lang)

# %% [markdown]
# ## 1. Recency, frequency, monetary · R、F、M
# For customer $i$ with purchases at days $t_{i1} < \dots < t_{in_i}$ and amounts $a_{ij}$, counted to the
# snapshot day $T$:
#
# $$R_i = T - t_{in_i} \text{ (days)},\qquad F_i = n_i \text{ (orders)},\qquad M_i = \sum_j a_{ij}.$$
#
# The snapshot defaults to the day after the last transaction, so the result is reproducible (no hidden
# "today"). Frequency counts distinct orders when there is an order id, otherwise rows.

# %%
snapshot_used = rfm.snapshot_day(tx, snapshot=snapshot)
table = rfm.rfm_table(tx, snapshot=snapshot_used)
print("snapshot:", snapshot_used.date(), "| customers:", len(table))
table.head()

# %%
table[["recency", "frequency", "monetary"]].describe().round(1)

# %% [markdown]
# **What this tells a manager:** on CDNOW the median customer bought only once, long ago; a few customers
# buy often and spend a lot. This skew is why RFM scores use ranks or quantiles rather than raw values.

# %% [markdown]
# ## 2. Scores · RFM 打分
# Each dimension is cut into $b$ = `bins` levels (5 by default). With quantile cuts
# $q_{1/b}, \dots, q_{(b-1)/b}$ (the table below), $FS_i = 1 + \#\{k : q_{k/b} < F_i\}$ (and the same for M),
# while recency is reversed so that fewer days score higher: $RS_i = b - \#\{k : q_{k/b} < R_i\}$.
# Equal values keep equal scores, so when most customers bought once some frequency levels stay
# empty (as in R's `rfm` package); `method="rank"` forces equal-sized groups instead.
# The **RFM cell** (RFM 单元) is the three digits $RS\,FS\,MS$; the **total score** is $w_R RS + w_F FS + w_M MS$.

# %%
scores = rfm.rfm_scores(table, bins=bins, method=method)
pd.DataFrame({dim: pd.Series(cuts).round(2) for dim, cuts in scores.attrs["cuts"].items()}).T

# %%
scores[["recency", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_cell", "rfm_score"]].head()

# %%
ax = rfm.plot_score_distribution(scores, lang=lang)

# %%
scores["rfm_cell"].value_counts().head(8).rename("customers").to_frame()

# %% [markdown]
# The R × F grid shows where the money is: each cell holds the mean monetary value of its customers.

# %%
fig, ax = plt.subplots(figsize=(7, 5))
ax = rfm.plot_rf_heatmap(scores, ax=ax, lang=lang)

# %% [markdown]
# **What this tells a manager:** on CDNOW mean spend rises steeply from left to right (frequency) but
# changes much less from bottom to top (recency): the frequent customers in the right-hand column are the
# valuable ones. Blank cells have no customers (on CDNOW, F score 2 is skipped because of ties; the heatmap
# shows means, not head counts — those are in the cell table above).
#
# Textbooks note that equal weights are not fair across industries: a grocery chain may weight F, a car
# dealer M. Weighted total scores re-order customers; the Spearman rank correlation below says how much
# (1 = the same order, lower = more re-ordering):

# %%
weighted = rfm.rfm_scores(table, bins=bins, method=method, weights={"recency": 1, "frequency": 2, "monetary": 3})
pd.DataFrame({"equal weights": scores["rfm_score"], "weights 1:2:3": weighted["rfm_score"]}).corr(
    method="spearman").round(3)

# %% [markdown]
# ## 3. Eight customer types · 八类客户 (mean split)
# The textbook's grouping splits each of R, F, M into high (↑) or low (↓) at its mean — for R, "high" means
# *more recent*, i.e. fewer days than the mean recency — and names the $2^3 = 8$ combinations: 重要价值客户 (R↑F↑M↑), 重要发展客户 (R↑F↓M↑), 重要保持客户 (R↓F↑M↑),
# 重要挽留客户 (R↓F↓M↑), and the four 一般… types with M↓.

# %%
types = rfm.segments(scores, scheme="mean_split", lang=lang)
type_summary = rfm.segment_summary(scores, types, lang=lang)
type_summary[["customers", "share_customers", "share_revenue", "recency", "frequency", "monetary"]].round(2)

# %%
ax = rfm.plot_segments(type_summary, lang=lang)

# %% [markdown]
# **What this tells a manager:** on CDNOW one-time buyers from long ago (一般挽留客户) are the largest
# group by far but bring a small share of revenue; 重要价值客户 are a minority that carries most of it.

# %% [markdown]
# ## 4. Named segments · 命名客户群
# The widely used scheme names regions of the score space. Each rule gives inclusive score ranges; the
# first matching rule wins, and the built-in rules cover all 125 cells exactly once:

# %%
rfm.NAMED_SEGMENT_RULES

# %%
segments = rfm.segments(scores, scheme=scheme, lang=lang, bins=bins)
summary = rfm.segment_summary(scores, segments, lang=lang)
summary[["customers", "share_customers", "share_revenue", "recency", "frequency", "avg_order_value"]].round(2)

# %%
ax = rfm.plot_segments(summary, lang=lang)

# %%
pd.set_option("display.max_colwidth", 90)
summary[["action"]]

# %% [markdown]
# CDNOW has no "New Customers" or "Promising": every customer's first purchase was in early 1997, so
# nobody who bought once is recent. On your own data these segments fill up.
#
# **What this tells a manager:** each segment gets a different message. Champions are rewarded, not
# discounted; "Can't Lose Them" are few but valuable and deserve a personal call; "Lost" customers get at
# most a cheap automated campaign.
#
# ### Your own scheme as data · 自定义规则
# An instructor or a company can write its own rules as a table. `check_scheme` lists score cells no rule
# covers (they would become "Others") and cells where rules of different segments overlap:

# %%
my_rules = pd.DataFrame([
    {"segment": "VIP", "r_min": 4, "f_min": 4, "m_min": 4},
    {"segment": "Active", "r_min": 3},
    {"segment": "Dormant big spender", "r_max": 2, "m_min": 4},
])
problems = rfm.check_scheme(my_rules)
print(len(problems["uncovered"]), "uncovered cells, e.g.", problems["uncovered"][:3])
print(len(problems["overlaps"]), "overlapping cells, e.g.", problems["overlaps"][:2])

# %%
custom = rfm.segment(scores, scheme=my_rules, check=False)
custom.value_counts().rename("customers").to_frame()

# %% [markdown]
# ## 5. A data-driven alternative: k-means · 聚类细分
# k-means groups customers by similarity of $(\log(1+R), \log(1+F), \log(1+M))$, each standardized to mean 0
# and standard deviation 1. The number of clusters $k$ is chosen by the **silhouette** (higher is better);
# the **inertia** (within-cluster sum of squares) shows the "elbow".

# %%
km = rfm.RFMKMeans(n_clusters=n_clusters, k_range=range(2, 7), seed=seed).fit(table)
print("chosen k:", km.n_clusters_)
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

# %% [markdown]
# Read the cluster centres (means of raw R, F, M per cluster). On CDNOW the silhouette prefers $k = 2$:
# recent repeat buyers versus customers who bought once or twice long ago — the biggest split in the
# data. The inertia keeps falling with $k$ and bends around $k = 3$–4, so a few more clusters are still
# worth a look (`n_clusters=4`).
#
# **What this tells a manager:** clusters follow the data, not round score thresholds; they are harder to
# explain but can reveal groups the rules split or merge. Rule-based segments stay easier to act on and
# to compare over time.

# %% [markdown]
# ## Exercises · 练习
# Compute each answer from `tx` and check it. The check prints ✓ or a hint.
#
# **1.** What share of customers bought only once (frequency = 1)? Give a number between 0 and 1.

# %% tags=["solution"]
answer = (rfm.rfm_table(tx)["frequency"] == 1).mean()

# %%
check("rfm.1", answer, data=tx)

# %% [markdown]
# **2.** What is the median recency in days, with the default snapshot?

# %% tags=["solution"]
answer = rfm.rfm_table(tx)["recency"].median()

# %%
check("rfm.2", answer, data=tx)

# %% [markdown]
# **3.** With the mean-split scheme, what share of total revenue comes from 重要价值客户 (Important value)?

# %% tags=["solution"]
t = rfm.rfm_table(tx)
answer = t.loc[rfm.segments(t)["segment_key"] == "Important value", "revenue"].sum() / t["revenue"].sum()

# %%
check("rfm.3", answer, data=tx)

# %% [markdown]
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

# %%
headline(customers=len(table), snapshot=snapshot_used.date().isoformat(), one_time_buyers=f"{(table['frequency'] == 1).mean():.1%}",
         top_revenue_segment=f"{summary['share_revenue'].idxmax()} ({summary['share_revenue'].max():.1%} of revenue)",
         k_means_clusters=int(km.n_clusters_))
