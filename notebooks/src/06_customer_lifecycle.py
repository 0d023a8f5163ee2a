# Source of crmlab/notebooks/{en,zh}/06_customer_lifecycle.ipynb — edit here, then `make notebooks SRC=notebooks/src/06_customer_lifecycle.py`.

# %% [markdown]
# # The customer lifecycle, cohorts and retention · 客户生命周期
#
# A relationship has a life: the customer tries the firm, trust grows, purchases level off, and sooner or
# later the customer drifts away. Managing customers well means knowing where each one is.
#
# **Learning goals**
# 1. Assign each customer a lifecycle stage — 考察期 (exploration), 形成期 (formation), 稳定期 (stability),
#    退化期 (decline) — from their purchase trajectory, with rules you can read and change.
# 2. Build a cohort retention table by acquisition month (同期群分析) and read its heatmap.
# 3. Draw a survival-style retention curve (顾客保持率曲线) with Kaplan–Meier, handling customers who are
#    still active (censored).
# 4. Compare retention between contract types in subscription data (tenure + churn).
# 5. Say what to do in each stage.

# %% [markdown]
# ## Parameters
# `data` is the purchase log (bundled name, `"synthetic:<seed>"` or a path with its `columns` mapping).
# `churn_data` may point to a subscription table such as IBM's Telco churn file (one row per customer with
# tenure in months and a churn flag); when it is `None` a Telco-like table is generated with `seed`.

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

# %% [markdown]
# ## Setup

# %%
import pandas as pd

from crmlab import datasets, lifecycle, loyalty
from crmlab.exercises import check
from crmlab.notebook import headline, setup

tx = setup(data, columns, lang=lang)

# %% [markdown]
# ## 1. Lifecycle stages · 生命周期阶段
# The course draws the lifecycle as transaction volume over time. For each customer we compare the spend
# rate in the last `window_days` with the rate before, and apply these rules in order:
#
# 1. **退化期 decline** — lapsed: silent for more than 3 × their usual (median) inter-purchase time — for one-time
#    buyers the median over all customers — and for at least `exploration_days` (column `lapse_days`);
# 2. **考察期 exploration** — one purchase so far, or first purchase less than `exploration_days` ago;
# 3. **退化期 decline** — recent rate below 0.67 × the earlier rate;
# 4. **形成期 formation** — few purchases yet (fewer than 3), an earlier history shorter than half a window, or
#    recent rate at least 1.33 × the earlier rate;
# 5. **稳定期 stability** — otherwise: regular purchases at a level rate.
#
# $$\text{recent rate} = \frac{\text{spend in the last } w \text{ days}}{w}, \qquad
#   \text{earlier rate} = \frac{\text{spend before}}{\text{days before}}$$

# %%
params = dict(snapshot=snapshot, window_days=window_days, exploration_days=exploration_days)
stages = lifecycle.lifecycle_stages(tx, lang=lang, **params)
stages.round(2).head()

# %%
lifecycle.stage_summary(stages, lang=lang).drop(columns="what to do").round(3)

# %%
ax = lifecycle.plot_lifecycle_stages(stages, lang=lang)

# %% [markdown]
# The stage mix depends on when the customers were acquired. In the default data, CDNOW, all customers joined in
# early 1997 and are read 18 months later, so nobody is still exploring and most are in decline. A business read
# while it is still acquiring customers looks different — the synthetic retailer of the same `seed`, which
# acquires customers during its first year, read at the end of month 11:

# %%
retail = datasets.load_data(f"synthetic:{seed}")
month_11 = retail["order_date"].min() + pd.Timedelta(days=334)
retail_stages = lifecycle.lifecycle_stages(retail, snapshot=month_11, window_days=window_days,
                                           exploration_days=exploration_days, lang=lang)
lifecycle.stage_summary(retail_stages, lang=lang).drop(columns="what to do").round(3)

# %% [markdown]
# **What this tells a manager:** the stage mix is a health check. Many customers in decline and few in
# formation means acquisition is not turning into relationships.

# %% [markdown]
# ## 2. Cohorts · 同期群分析
# Group customers by the period (`cohort_freq`, a month by default) of their first purchase — the acquisition
# cohort — and follow each group: cell $(c, k)$ is the share of cohort $c$ that bought in the $k$-th period after
# acquiring (period 0 is 100 %). Cells beyond the end of the data are empty, not zero. The table shows `tx`
# (first rows); the heatmap shows the synthetic retailer, whose cohorts span a whole year of acquisition.

# %%
cohorts = lifecycle.cohort_table(tx, freq=cohort_freq)
cohorts.round(3).iloc[:12, :8]

# %%
ax = lifecycle.plot_cohort_heatmap(lifecycle.cohort_table(retail, freq=cohort_freq, max_periods=12), lang=lang)

# %% [markdown]
# **What this tells a manager:** read down a column to compare cohorts at the same age — a cohort that
# retains worse than its neighbours points to the campaign or channel that acquired it.

# %% [markdown]
# ## 3. Retention and churn · 顾客保持率与流失率
# Per period: the share of last period's buyers who buy again (`loyalty.retention_by_period`), here for the
# synthetic retailer by quarter:
#
# $$r_t = \frac{|A_{t-1} \cap A_t|}{|A_{t-1}|}, \qquad c_t = 1 - r_t$$
#
# with $A_t$ the customers who bought in period $t$. Once the retailer stops acquiring (`new` = 0), `active`
# shrinks to the customers it keeps.

# %%
loyalty.retention_by_period(retail, freq="Q").round(3)

# %% [markdown]
# As a curve: how long do customers stay? In purchase data nobody cancels, so we call a customer churned when
# they have not bought for more than `churn_after_days` days before the end of the data, and date the churn at
# their last purchase; their lifetime is the whole months from first to last purchase. Customers still buying are
# **censored** — we only know they lasted at least this long. Kaplan–Meier counts them correctly:
#
# $$\hat S(t) = \prod_{t_j \le t} \Big(1 - \frac{d_j}{n_j}\Big)$$
#
# with $d_j$ customers churning at time $t_j$ out of $n_j$ still at risk (columns `churned`, `at_risk`;
# `lower`–`upper` is the 95 % interval). One curve per acquisition quarter:

# %%
lifetimes = lifecycle.customer_lifetimes(retail, churn_after_days=churn_after_days)
lifetimes["quarter"] = lifetimes["cohort"].dt.asfreq("Q").astype(str)
curve = lifecycle.retention_curve(lifetimes, by="quarter", lang=lang)
curve[curve["time"].isin([0, 3, 6, 12])].round(3)

# %%
ax = lifecycle.plot_retention_curve(curve, lang=lang, time="months_since_first")

# %% [markdown]
# **What this tells a manager:** the steep drop at month 0 is the customers whose last purchase came within a
# month of their first — mostly those who never bought a second time. In purchase data the first repeat purchase
# is the biggest retention lever.

# %% [markdown]
# ## 4. Contractual retention · 合同客户的保持率
# With subscriptions churn is observed: the customer cancels. A table with tenure (months) and a churn flag
# gives retention curves directly, here split by contract type.

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

# %% [markdown]
# Monthly churn rate (流失率) and retention rate (保持率) per contract: customers lost divided by the
# customer-months at risk (the sum of tenures, column `exposure`):
#
# $$\hat h = \frac{\#\text{churned}}{\sum_i \text{tenure}_i}, \qquad \hat r = 1 - \hat h$$
#
# `churned_share` is different: the share of customers who have left so far, whatever their tenure. The generated
# table (used when `churn_data` is `None`) plants monthly churn of 6 %, 2 % and 0.6 % — compare `churn_rate`.

# %%
lifecycle.churn_rates(subs, tenure=tenure_col, churn=churn_col, by=group_col).round(4)

# %% [markdown]
# **What this tells a manager:** month-to-month customers leave several times faster (compare `churn_rate`);
# moving them to longer contracts (with a benefit that makes it worthwhile) is a retention tool in itself —
# although part of the gap is who chooses a long contract, not what the contract does.

# %% [markdown]
# ## 5. What to do in each stage · 各阶段的管理重点
# The stages follow the relationship-development view of Dwyer, Schurr & Oh (1987); each calls for different
# actions (`lifecycle.STAGE_ACTIONS`):

# %%
for key, row in lifecycle.STAGE_ACTIONS.iterrows():
    print(f"{row['中文']} {key}: {row['what happens']}\n    → {row['what to do']}")

# %% [markdown]
# **What this tells a manager:** combine this with the stage mix of section 1 — the largest stage is where the
# CRM budget is spent, and a stage that is nearly empty (e.g. few customers in formation) is where the
# relationship stalls.

# %% [markdown]
# ## Exercises · 练习
# **1.** In `tx`, what share of the first acquisition cohort bought again one period after acquisition?

# %% tags=["solution"]
answer = lifecycle.cohort_table(tx, freq=cohort_freq).iloc[0, 1]

# %%
check("lifecycle.1", answer, data=tx, freq=cohort_freq)

# %% [markdown]
# **2.** How many customers of `tx` are in decline (退化期) with the notebook's parameters?

# %% tags=["solution"]
answer = (stages["stage_key"] == "decline").sum()

# %%
check("lifecycle.2", answer, data=tx, **params)

# %% [markdown]
# **3.** In `subs`, what share of month-to-month customers is still a customer after 12 months (Kaplan–Meier)?

# %% tags=["solution"]
m2m = sub_curve[(sub_curve["group"] == "Month-to-month") & (sub_curve["time"] <= 12)]
answer = m2m["survival"].iloc[-1]

# %%
check("lifecycle.3", answer, subs=subs, group=group_col, tenure=tenure_col, churn=churn_col)

# %% [markdown]
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

# %%
stage_counts = stages["stage"].value_counts()
headline(customers=len(stages), largest_stage=str(stage_counts.idxmax()),
         largest_stage_share=f"{stage_counts.max() / len(stages):.1%}")
