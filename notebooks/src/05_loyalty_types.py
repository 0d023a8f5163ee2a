# Source of crmlab/notebooks/{en,zh}/05_loyalty_types.ipynb — edit here, then `make notebooks SRC=notebooks/src/05_loyalty_types.py`.

# %% [markdown]
# # Loyalty measures and loyalty types · 顾客忠诚的衡量与类型
#
# Loyalty is both **behaviour** (customers buy again) and **attitude** (they feel attached and recommend).
# This notebook measures the behaviour in purchase data, combines it with attitude from a survey, and
# sorts customers into the loyalty types of the course.
#
# **Learning goals**
# 1. Compute the repeat purchase rate (重复购买率), purchase frequency, inter-purchase time and the retention
#    and churn rate per period (顾客保持率 / 流失率) — and choose a period longer than the purchase cycle.
# 2. Measure share of wallet (钱包份额) and cross-buying (交叉购买).
# 3. Place customers in Dick & Basu's attitude × behaviour matrix: 绝对忠诚, 潜在忠诚, 惯性忠诚, 非忠诚.
# 4. Classify the seven loyalty types by their source (垄断, 惰性, 潜在, 习惯性, 价格, 激励, 超值) with rules,
#    and compare their recommendation likelihood (推荐意愿, NPS) and price sensitivity (价格敏感度).
# 5. Read Brown's brand-loyalty patterns from purchase sequences and place customers on the loyalty ladder.

# %% [markdown]
# ## Parameters
# `data` is the purchase log for the behavioural measures (a bundled name, `"synthetic:<seed>"` or a path with
# its `columns` mapping). The survey panel and the brand panel are generated with `seed`; the thresholds are
# the cut-offs of the classifications.

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

# %% [markdown]
# ## Setup

# %%
import pandas as pd

from crmlab import datasets, loyalty
from crmlab.exercises import check
from crmlab.labels import term
from crmlab.notebook import headline, setup

tx = setup(data, columns, lang=lang)

# %% [markdown]
# ## 1. Repeat purchase rate · 重复购买率
# Among the customers who bought in a period, the **repeat purchase rate** is the share who bought at least
# twice; **repeat purchases per customer** counts the purchases after the first. Several lines on one day are
# one purchase occasion.
#
# $$\text{repeat rate} = \frac{\#\{i: n_i \ge 2\}}{\#\{i: n_i \ge 1\}}, \qquad
#   \text{repeat purchases per customer} = \frac{1}{N}\sum_{i:\,n_i \ge 1} (n_i - 1)$$
#
# with $n_i$ the purchase occasions of customer $i$ in the period and $N = \#\{i: n_i \ge 1\}$ the customers who
# bought in it.

# %%
loyalty.repeat_purchase(tx).round(3)

# %% [markdown]
# The period must be **longer than the purchase cycle** (购买周期). Measured over only the first 30 days, customers
# look far less loyal (compare the two columns) — and when such a window is not longer than the median
# inter-purchase time the function warns (the warning is printed above the table):

# %%
import warnings

start = tx["order_date"].min()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    short = loyalty.repeat_purchase(tx, start=start, end=start + pd.Timedelta(days=29))
for w in caught:
    print("Warning:", w.message)
pd.DataFrame({"whole data": loyalty.repeat_purchase(tx), "first 30 days": short}).round(3).loc[
    ["customers", "repeat_rate", "repeat_purchases_per_customer", "period_days"]]

# %% [markdown]
# ## 2. Purchase frequency and inter-purchase time · 购买频率与购买间隔
# Frequency is purchases per month since the customer's first purchase; the inter-purchase time is the gap
# between two consecutive purchases.

# %%
freq_table = loyalty.purchase_frequency(tx)
freq_table[["n_purchases", "frequency", "mean_interpurchase_days", "spend"]].describe().round(2)

# %%
ax = loyalty.plot_interpurchase_times(tx, longest=0.05, lang=lang)

# %% [markdown]
# Two "typical" cycles appear: the median of all gaps (`median_interpurchase_days` in section 1, pulled towards
# the frequent buyers, who contribute many gaps) and the median of each repeat customer's mean gap (the 50 % row
# of `mean_interpurchase_days` above), which is longer.
#
# **What this tells a manager:** the typical purchase cycle sets the rhythm of CRM: a reminder sent long
# before the median gap is wasted, and a customer silent for several cycles is at risk.

# %% [markdown]
# ## 3. Retention and churn per period · 顾客保持率与流失率
# $$r_t = \frac{|A_{t-1} \cap A_t|}{|A_{t-1}|}, \qquad c_t = 1 - r_t$$
# where $A_t$ is the set of customers who bought in period $t$.

# %%
loyalty.retention_by_period(tx, freq=freq).round(3).head(8)

# %% [markdown]
# **What this tells a manager:** read `retention_rate` down the table. For the default data, CDNOW (one cohort of
# first-time buyers from 1997-Q1), about three quarters of customers do not come back in the second quarter, but
# later periods keep a much larger share of the previous period's buyers: the first repeat purchase is the
# hurdle to work on.

# %% [markdown]
# ## 4. Share of wallet and cross-buying · 钱包份额与交叉购买
# **Share of wallet** needs the customer's spend at competitors too — from a survey ("how much do you spend
# on this category in total?") or from a consumer panel that records every brand. Here a generated panel:
# brand `A` is our firm.
#
# $$SOW_i = \frac{\text{spend}_{i,A}}{\sum_b \text{spend}_{i,b}}$$

# %%
brand_panel, brand_truth = loyalty.make_brand_panel(300, panel_length, seed=seed, return_truth=True)
sow = loyalty.share_of_wallet(brand_panel, focal="A")
sow.round(2).head()

# %% [markdown]
# **Cross-buying** counts the categories a customer buys. The default CDNOW log has no product categories, so we
# use a synthetic retailer generated with the same `seed`; the first table compares its repeat rate and purchase
# cycle with those of `tx`, so you know what kind of customers it has:

# %%
retail = datasets.load_data(f"synthetic:{seed}")
pd.DataFrame({
    "repeat rate": [loyalty.repeat_purchase(r)["repeat_rate"] for r in (tx, retail)],
    "median inter-purchase days": [loyalty.repeat_purchase(r)["median_interpurchase_days"] for r in (tx, retail)],
}, index=[str(data), f"synthetic:{seed}"]).round(3)

# %%
cross = loyalty.cross_buying(retail)
spend = loyalty.purchase_frequency(retail)["spend"]
spend.groupby(cross).agg(["count", "mean"]).round(1).rename_axis("categories bought")

# %% [markdown]
# **What this tells a manager:** customers who buy across more categories spend more (the `mean` column rises
# with the number of categories). The table shows an association, not a cause — heavy buyers naturally touch
# more categories — but cross-selling is also the course's way to deepen the relationship and raise the cost
# of leaving.

# %% [markdown]
# ## 5. Attitude × behaviour (Dick & Basu) · 态度与行为
# Behaviour alone cannot tell a devoted customer from one who simply has no choice. Dick & Basu (1994)
# cross **relative attitude** (依恋) with **repeat patronage** (重复购买):
#
# | | repeat high | repeat low |
# |---|---|---|
# | **attitude high** | true loyalty 绝对忠诚 | latent loyalty 潜在忠诚 |
# | **attitude low** | spurious / inertia loyalty 惯性忠诚 | no loyalty 非忠诚 |
#
# The panel below is a generated survey linked to behaviour: attachment on a 1–7 scale, `repeat` = the share
# of the customer's category purchases made with us.

# %%
panel, truth = loyalty.make_loyalty_panel(n_respondents, seed=seed, return_truth=True)
panel.head()

# %%
segments = loyalty.attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold,
                                      lang=lang)
segments["segment"].value_counts()

# %%
ax = loyalty.plot_attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold,
                                     lang=lang)

# %% [markdown]
# **What this tells a manager:** latent-loyal customers like us but buy elsewhere — remove the barrier
# (availability, price, distance); spurious-loyal customers buy without attachment — they leave as soon as a
# competitor is easier, so build attachment before that happens.

# %% [markdown]
# ## 6. The seven loyalty types · 七种忠诚类型
# The course sorts loyal behaviour by its **source**. Each type is a rule: attachment level × repeat level ×
# the driver the customer names. The rules are a table — edit a copy to use another textbook's version.

# %%
loyalty.LOYALTY_TYPE_RULES[["attachment", "repeat", "driver"]]

# %%
types = loyalty.classify_loyalty_types(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold,
                                       lang=lang)
pd.crosstab(types["loyalty_type"], segments["segment"])

# %% [markdown]
# Crossed with Dick & Basu's segments, the seven types split spurious (惯性) loyalty by its source — monopoly,
# inertia, habit (convenience) and incentives — while latent, price and super-value loyalty each sit in one
# segment. A customer whose levels do not fit the driver they named is "unclassified" (with a warning).

# %% [markdown]
# Two survey measures of loyalty complete the picture. **Recommendation likelihood** (推荐意愿, 0–10) is
# summarised as the Net Promoter Score (净推荐值): the share of promoters (9–10) minus the share of detractors
# (0–6). **Price sensitivity** (价格敏感度, 1–5, higher = more sensitive) as its mean and the share answering 4–5.
# Missing answers are left out and counted.
#
# $$NPS = 100\,(p_{9\text{–}10} - p_{0\text{–}6})$$
#
# By loyalty type:

# %%
measures = loyalty.attitudinal_measures(panel.join(types["loyalty_type"]), by="loyalty_type")
shown = ["respondents", "recommend_mean", "nps", "price_sensitivity_mean", "price_sensitive_share"]
measures[shown].round(2).rename(columns=lambda c: term(c, lang, loyalty.TERMS))

# %% [markdown]
# **What this tells a manager:** only super-value loyalty (超值忠诚) rests on attachment *and* behaviour — and
# only the attached types (超值忠诚, 潜在忠诚) have a positive NPS. Price-loyal customers (价格忠诚) are the most
# price-sensitive: a competitor's discount takes them. Monopoly, inertia, convenience, price and incentive
# loyalty vanish when the market changes — treat them as customers still to be won. (The generated panel plants
# these relations; on a real survey, check them in this table.)

# %% [markdown]
# ## 7. Brown's brand-loyalty patterns · 品牌忠诚的行为模式
# From the order of brands a customer buys (Brown 1952–53):
# **undivided** `AAAAAA` (专一), **divided** `ABABAB` (左右逢源), **unstable** `AAABBB` (转移) and
# **no loyalty** `ABCDEF`. One-off brands count as trials; a sequence shorter than `min_length` is
# "insufficient"; ties for the main brand go to the most recent one.

# %%
patterns = loyalty.brand_patterns(brand_panel, min_length=min_length, core_share=core_share, lang=lang)
patterns.groupby("pattern").head(1)[["sequence", "pattern", "main_brand", "switches"]]

# %%
ax = loyalty.plot_brand_patterns(patterns, lang=lang)

# %% [markdown]
# The panel is generated with known patterns (columns): counts off the diagonal are customers the rules read
# differently from the generator, e.g. after changing `min_length` or `core_share`.

# %%
pd.crosstab(patterns["pattern_key"], brand_truth.patterns, margins=True)

# %% [markdown]
# Share of wallet of our brand `A` by pattern, among the customers who bought `A` at least once:

# %%
buyers = sow[sow["focal_spend"] > 0].join(patterns["pattern"])
buyers.groupby("pattern")["share_of_wallet"].agg(["count", "mean"]).round(2)

# %% [markdown]
# **What this tells a manager:** divided-loyal customers already buy us part of the time — the cheapest
# share to win; unstable customers are switching right now, in one direction or the other.

# %% [markdown]
# ## 8. The loyalty ladder · 忠诚阶梯
# 潜在客户 (prospect) → 普通购买者 (first-time buyer) → 客户 (client) → 跟随者 (supporter) → 拥护者
# (advocate) → 忠诚客户 (loyal partner). Purchases move a customer up to supporter (1 purchase: first-time buyer,
# 2–3: client, 4 or more: supporter); advocacy (a recommendation score of 9–10) is needed for the top rungs: a
# supporter who recommends us is an advocate, and an advocate with 8 or more purchases a loyal customer.

# %%
ladder = loyalty.loyalty_ladder(panel, recommend="recommend", lang=lang)
ax = loyalty.plot_loyalty_ladder(ladder, lang=lang)

# %% [markdown]
# From purchases alone (the transaction data has no recommendation score) customers reach at most supporter:

# %%
loyalty.loyalty_ladder(freq_table, lang=lang)["stage"].value_counts(sort=False)

# %% [markdown]
# **What this tells a manager:** the ladder turns loyalty into a next step for each rung — a second purchase for
# first-time buyers, regular purchases for clients, and for supporters a reason to recommend us. Behaviour alone
# cannot show the top rungs: ask for advocacy (a recommendation question) to see them.

# %% [markdown]
# ## Exercises · 练习
# **1.** What is the repeat purchase rate of `tx` over the whole data (a share between 0 and 1)?

# %% tags=["solution"]
answer = loyalty.repeat_purchase(tx)["repeat_rate"]

# %%
check("loyalty.1", answer, data=tx)

# %% [markdown]
# **2.** How many respondents of `panel` are super-value loyal (超值忠诚) with the notebook's thresholds?

# %% tags=["solution"]
labels = loyalty.classify_loyalty_types(panel, attitude_at=attitude_threshold,
                                        behaviour_at=repeat_threshold)["loyalty_type_key"]
answer = (labels == "super_value").sum()

# %%
check("loyalty.2", answer, panel=panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold)

# %% [markdown]
# **3.** What share of the brand panel's customers show divided loyalty (左右逢源)?

# %% tags=["solution"]
answer = (loyalty.brand_patterns(brand_panel, min_length=min_length, core_share=core_share)["pattern_key"]
          == "divided").mean()

# %%
check("loyalty.3", answer, brand_panel=brand_panel, min_length=min_length, core_share=core_share)

# %% [markdown]
# ## Summary and further reading
# - Behavioural loyalty: repeat purchase rate, frequency, inter-purchase time, retention/churn per period,
#   share of wallet, cross-buying — always over a period longer than the purchase cycle. Attitudinal:
#   recommendation likelihood (推荐意愿, NPS) and price sensitivity (价格敏感度) from a survey.
# - Attitude × behaviour separates true loyalty from latent and spurious loyalty; the seven types add the
#   *source* of loyalty; Brown's patterns and the loyalty ladder describe how loyalty shows and grows.
# - Brown, G. H. (1952–53). Brand loyalty — fact or fiction? *Advertising Age*, 23–24.
# - Dick, A. S., & Basu, K. (1994). Customer loyalty: toward an integrated conceptual framework.
#   *Journal of the Academy of Marketing Science*, 22(2), 99–113.
# - Griffin, J. (1995). *Customer Loyalty: How to Earn It, How to Keep It*. Lexington Books.
# - Christopher, M., Payne, A., & Ballantyne, D. (1991). *Relationship Marketing*. Butterworth-Heinemann (the ladder).
# - Oliver, R. L. (1999). Whence consumer loyalty? *Journal of Marketing*, 63, 33–44.

# %%
repeat = loyalty.repeat_purchase(tx)
top_type = str(types["loyalty_type"].value_counts().idxmax())  # the label, in lang
headline(customers=int(repeat["customers"]), repeat_rate=f"{repeat['repeat_rate']:.1%}",
         most_common_loyalty_type=top_type)
