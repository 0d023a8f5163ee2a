# Source of crmlab/notebooks/{en,zh}/01_customer_value.ipynb — edit here, then
# `.venv/bin/python tools/build_notebooks.py notebooks/src/01_customer_value.py`.

# %% [markdown]
# # Customer value and customer lifetime value · 客户价值与客户终身价值
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

# %% [markdown]
# ## Parameters
# `data`: a bundled name (`"cdnow"`, `"retail"`), `"synthetic:<seed>"` or a path with its `columns` mapping.
# `calibration_end`: last day used to fit the models (`None` = the middle of the data period; for CDNOW
# this is 1997-09-30, as in Fader, Hardie & Lee 2005). `horizon`: CLV horizon in weeks.
# `discount_rate`: annual. `margin`: profit margin on revenue.

# %% tags=["parameters"]
data = "cdnow"
columns = {}
calibration_end = None
horizon = 52
discount_rate = 0.10
margin = 0.30
lang = "en"
seed = 0

# %% [markdown]
# ## Setup

# %%
import pandas as pd

from crmlab import clv, datasets, value
from crmlab.exercises import check
from crmlab.notebook import headline, setup

tx = setup(data, columns, lang=lang)

# %%
first, last = tx["order_date"].min().normalize(), tx["order_date"].max().normalize()
if calibration_end is None:
    calibration_end = first + (last - first) / 2
calibration_end = pd.Timestamp(calibration_end).normalize()
print(f"Data period {first:%Y-%m-%d} .. {last:%Y-%m-%d}; calibration ends {calibration_end:%Y-%m-%d}")

# %% [markdown]
# ## 1. Customer delivered value · 顾客让渡价值
# Kotler's **customer delivered value** is what the customer gains:
#
# $$\text{delivered value} = \underbrace{V_{\text{product}} + V_{\text{service}} + V_{\text{personnel}} + V_{\text{image}}}_{\text{total customer value 顾客总价值}} - \underbrace{\left(C_{\text{money}} + C_{\text{time}} + C_{\text{energy}} + C_{\text{psychic}}\right)}_{\text{total customer cost 顾客总成本}}$$
#
# A small survey-style example (ratings 0–10) ships with crmlab; weights let you stress a component (here
# money cost counts 1.5 times). `value_ratio` is the ratio form: total value ÷ total cost (above 1 = the
# customer gains).

# %%
example = pd.read_csv(datasets.DATA_DIR / "delivered_value_example.csv")
value.delivered_value(example, weights={"monetary_cost": 1.5}).round(2).head(9)

# %% [markdown]
# Per segment, on a larger generated sample (`value.make_delivered_value`):

# %%
survey = value.make_delivered_value(300, seed=seed)
value.delivered_value(survey, by="segment").round(2)

# %% [markdown]
# The components behind these totals (mean rating per segment):

# %%
survey.groupby("segment").mean(numeric_only=True).round(2).T

# %% [markdown]
# **What this tells a manager.** Customers choose the offer with the highest delivered value, not the
# lowest price. In the component table, premium customers accept the highest money cost because they get
# the most product and image value; price-sensitive customers pay little money but high time and energy
# costs, so you can win them by cutting those costs as well as the price.

# %% [markdown]
# ## 2. How concentrated is customer value? · 客户价值集中度
# Rank customers from the most valuable and plot the cumulative share of revenue (Lorenz curve, 洛伦兹曲线).
# The **Gini coefficient** (基尼系数) is $G = 1 - 2\int_0^1 L(u)\,du$ for the ascending curve $L$ (least
# valuable first); for the curve plotted here (most valuable first, above the diagonal) it is
# $2 \times$ the area under it $- 1$. $G = 0$ when all customers are worth the same, near 1 when one
# customer has everything. The **Pareto rule** (二八法则) asks whether the top 20% of customers bring
# about 80% of revenue — compare the printed share with 80%: it is a rule of thumb, not a law.

# %%
print(f"Gini = {value.gini(tx):.3f}; top 20% of customers bring {value.top_share(tx, 0.2):.1%} of revenue")
ax = value.plot_lorenz(tx, lang=lang)

# %% [markdown]
# ### ABC tiers and the customer pyramid · 客户分级与客户金字塔
# ABC tiers split customers where cumulative revenue passes 80% and 95%; the pyramid (Zeithaml, Rust &
# Lemon 2001) uses head-count thresholds: top 5% platinum, next 15% gold, next 40% iron, the rest lead.

# %%
abc = value.abc_tiers(tx, cuts=(0.8, 0.95), lang=lang)
value.tier_summary(abc).round(3)

# %%
pyramid = value.customer_pyramid(tx, thresholds=(0.05, 0.20, 0.60), lang=lang)
ax = value.plot_pyramid(pyramid, lang=lang)

# %% [markdown]
# **What this tells a manager.** Compare each tier's share of customers with its share of value (table
# and pyramid): the top tiers bring far more than their head count. Protect the A / platinum tier
# with service and recognition, develop the gold and iron tiers, and serve the lead tier at low cost.

# %% [markdown]
# ## 3. Simple CLV · 客户终身价值的简单公式
# With a constant margin $m$ per period, retention rate $r$ and discount rate $d$:
#
# $$\text{CLV} = \sum_{t=1}^{\infty} \frac{m\, r^t}{(1+d)^t} = \frac{m\, r}{1 + d - r}$$
#
# Below: the margin per customer-year is the mean annual revenue × margin in this data set.

# %%
m = value.annual_margin(tx, margin=margin)
print(f"Annual margin per customer: {m:.2f}")
value.clv_sensitivity(m, retention=[0.5, 0.6, 0.7, 0.8, 0.9], discount=[0.05, 0.10, 0.15]).round(1)

# %% [markdown]
# **What this tells a manager.** CLV rises steeply with retention: in the table, going from 80% to 90%
# retention raises it by roughly 60–90% (most at the lowest discount rate), while moving the discount
# rate by 5 points changes it far less. (The margin $m$ scales the whole table, so these ratios hold for
# any data.)

# %% [markdown]
# Historical value (历史客户价值) looks backwards: the margin each customer has already brought, compounded
# at `discount_rate` to the end of the data (`tenure_days` counts from the first purchase to that day):

# %%
past = value.historical_clv(tx, margin=margin, discount_rate=discount_rate)
past.sort_values("historical_clv", ascending=False).round({"revenue": 2, "historical_clv": 2}).head()

# %% [markdown]
# ## 4. BG/NBD and Gamma-Gamma · "buy till you die" 模型（BTYD）
# Retention is not observed in non-contractual settings: customers leave silently. The **BG/NBD** model
# (Fader, Hardie & Lee 2005) assumes each customer buys at rate $\lambda \sim \text{Gamma}(r, \alpha)$ while
# alive and leaves after any purchase with probability $p \sim \text{Beta}(a, b)$. It needs only the
# frequency $x$ (repeat purchases), recency $t_x$ (time of the last purchase since the first) and age $T$.
# Note: this recency is not RFM's "days since the last purchase", and this $r$ is a Gamma shape, not the
# retention rate of section 3. Time is in weeks (`unit="W"`).

# %%
summary = clv.customer_summary(tx, calibration_end=calibration_end, observation_end=last, unit="W")
summary.round(2).head()

# %%
bg = clv.BetaGeo().fit(summary)
pd.DataFrame({"estimate": bg.params_, "std. error": bg.standard_errors_}).round(3)

# %% [markdown]
# For comparison, the published CDNOW estimates (1/10 sample, weeks) are r = 0.243, α = 4.414, a = 0.793,
# b = 2.426; with the default CDNOW data the table above is similar. Expected purchases in the next
# `horizon` weeks and the probability of being alive, by frequency and recency:

# %%
T_cal = float(summary["T"].max())
ax = clv.plot_frequency_recency(bg, t=horizon, T=T_cal, max_frequency=15, lang=lang)

# %%
ax = clv.plot_probability_alive(bg, T=T_cal, max_frequency=15, lang=lang)

# %% [markdown]
# ### Calibration vs holdout · 校准期与验证期
# The real test: predict the holdout period from the calibration period, then compare.

# %%
ax = clv.plot_calibration_holdout(bg, summary, lang=lang)

# %%
ax = clv.plot_tracking(bg, tx, calibration_end=calibration_end, lang=lang)

# %%
duration = float(summary["duration_holdout"].iloc[0])
predicted = bg.predict_purchases(summary, duration)
print(f"Holdout purchases: actual {summary['frequency_holdout'].sum():,}, predicted {predicted.sum():,.0f}")

# %% [markdown]
# **What this tells a manager.** Trust the model as far as the dashed line follows the actual one to the
# right of the vertical line (the holdout) and the two printed totals agree. If the prediction falls
# short, as it does somewhat on CDNOW, treat the CLV below as a conservative estimate; if the predicted
# curve still rises with frequency like the actual one, the ranking of customers remains useful.

# %% [markdown]
# ### Spend per purchase: Gamma-Gamma · 客单价模型
# The Gamma-Gamma model (Fader, Hardie & Lee 2005b) shrinks each repeat buyer's mean spend towards the
# population mean: $E[M \mid x, \bar m_x] = \frac{q-1}{px+q-1}\cdot\frac{p\gamma}{q-1} + \frac{px}{px+q-1}\,\bar m_x$.

# %%
gg = clv.GammaGamma().fit(summary[summary["monetary_value"] > 0])
gg.params_.round(3)

# %% [markdown]
# ## 5. Who are the valuable customers? · 谁是高价值客户
# CLV over the next `horizon` weeks: BG/NBD expected purchases × Gamma-Gamma expected spend × margin,
# discounted every 4 weeks (about monthly) at the annual rate $d$ = `discount_rate`:
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

# %% [markdown]
# **What this tells a manager.** Future value is concentrated too: compare the Platinum row's share of
# customers (5%) with its share of CLV. The top of the ranking mostly combines frequent, recent buying, a
# high P(alive) and good spend — but not always (look for a high-spend customer with a low `p_alive`).
# Customers with a high past revenue but a low P(alive) are the ones to win back now.

# %% [markdown]
# ## Exercises · 练习
# **1.** What share of revenue comes from the top 20% of customers?

# %% tags=["solution"]
answer = value.top_share(tx, 0.2)

# %%
check("value.1", answer, data=tx)

# %% [markdown]
# **2.** What is the Gini coefficient of revenue per customer?

# %% tags=["solution"]
answer = value.gini(tx)

# %%
check("value.2", answer, data=tx)

# %% [markdown]
# **3.** A customer brings a margin of 100 per year, retention is 75% and the discount rate 10%. What is
# the infinite-horizon CLV?

# %% tags=["solution"]
answer = value.retention_clv(100, 0.75, 0.10)

# %%
check("value.3", answer)

# %% [markdown]
# **4.** Averaged over all customers in the calibration summary, what is the BG/NBD probability of being
# alive at the end of calibration?

# %% tags=["solution"]
answer = bg.probability_alive(summary).mean()

# %%
check("value.4", answer, data=tx, calibration_end=calibration_end)

# %% [markdown]
# ## Summary and further reading
# - Delivered value = total customer value − total customer cost (Kotler, *Marketing Management*).
# - Value is concentrated: Lorenz curve, Gini, 80/20, ABC tiers, the customer pyramid (Zeithaml, Rust & Lemon 2001, *California Management Review*).
# - Simple CLV: Gupta & Lehmann (2003), *Journal of Interactive Marketing*; Berger & Nasr (1998).
# - BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way", *Marketing Science*.
# - Gamma-Gamma: Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves", *JMR*; Fader & Hardie (2013) note on the Gamma-Gamma model.
# - Schmittlein, Morrison & Colombo (1987), the Pareto/NBD model.

# %%
headline(customers=int(tx["customer_id"].nunique()), revenue=float(tx["amount"].sum()),
         gini=f"{value.gini(tx):.3f}", top_20_percent_share=f"{value.top_share(tx, 0.2):.1%}",
         clv_total=float(value_table["clv"].sum()), clv_horizon_weeks=int(horizon))
