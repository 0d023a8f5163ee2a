# Source of crmlab/notebooks/{en,zh}/04_satisfaction_loyalty.ipynb — edit here, then `make notebooks SRC=notebooks/src/04_satisfaction_loyalty.py`.
# crmlab: {"data_kind": "survey"}

# %% [markdown]
# # Satisfaction versus loyalty · 满意与忠诚
#
# Satisfied customers are not necessarily loyal, and dissatisfied customers do not always leave. Jones & Sasser
# ("Why Satisfied Customers Defect", 1995) showed that *how* satisfaction turns into loyalty depends on
# competition. This notebook draws their curves on generated data for five industries, then runs a real survey
# through the same steps.
#
# **Learning goals**
# 1. Read a satisfaction–loyalty curve (满意度—忠诚度曲线) with its confidence intervals, and explain why it
#    differs between competitive and non-competitive markets (竞争程度).
# 2. Sort customers into Jones & Sasser's types — loyalist/apostle (忠诚者/传道者), mercenary (图利者),
#    hostage (人质), defector/terrorist (背叛者/恐怖分子) — and the zones of defection, indifference and affection.
# 3. Compute the Net Promoter Score (净推荐值) with its confidence interval.
# 4. Find the drivers of satisfaction with an importance–performance grid (重要性—表现分析) and check a
#    multi-item scale with Cronbach's alpha (量表信度).

# %% [markdown]
# ## Parameters
# `data` is the real survey: `"ecsi"` (bundled: 250 customers of a Spanish bank, items 0–10), `"synthetic:<seed>"`
# or a path to your own file, with `columns` mapping your column names onto `satisfaction`, `repurchase_intent`,
# `recommend` and `scale` its answer scale (e.g. `(1, 5)`). The five-industry survey is generated with `seed`.
# The thresholds (`satisfied_at`, `loyal_at`, `defection_below`, `affection_from`) are on the real survey's scale
# and apply to it (section 6); left at `None` they use the defaults explained below. The generated survey
# (sections 1–5, answers 1–5) always uses the defaults, so a 0–10 threshold cannot empty its quadrants.

# %% tags=["parameters"]
data = "ecsi"
columns = {}                 # e.g. {"satisfaction": "满意度", "recommend": "推荐意愿"}
scale = None                 # e.g. (1, 5); None: the bundled survey's own scale
not_applicable = None        # e.g. 0 when 0 codes "not applicable"
satisfaction_items = ["satisfaction", "sat2", "sat3", "sat4"]
attributes = ["imag1", "expe1", "qual1", "val1", "val3"]
satisfied_at = None          # satisfaction at or above this is "satisfied"
loyal_at = None              # loyalty at or above this is "loyal"
defection_below = None       # zone boundaries on the satisfaction scale
affection_from = None
n_respondents = 2000
lang = "en"
seed = 0

# %% [markdown]
# ## Setup

# %%
import pandas as pd

from crmlab import satisfaction
from crmlab.datasets import ATTRIBUTES, make_survey
from crmlab.exercises import check
from crmlab.notebook import headline, setup

gen, truth = make_survey(n_respondents, seed=seed, return_truth=True)
survey = setup(data, columns, kind="survey", lang=lang, scales=scale, not_applicable=not_applicable)

# %% [markdown]
# ## 1. Satisfied ≠ loyal · 满意不等于忠诚
# For each satisfaction level $s$ the **loyalty curve** is the mean loyalty (here repurchase intention, 1–5) of the
# respondents at that level, with a $t$ interval:
#
# $$\bar L(s) = \frac{1}{n_s}\sum_{i:\,S_i = s} L_i, \qquad \bar L(s) \pm t_{0.975,\,n_s-1}\,\frac{s_L}{\sqrt{n_s}}$$
#
# The generated survey plants the shapes Jones & Sasser describe in five industries (`truth.curves`): in
# competitive markets (automobiles, business PCs) loyalty stays low until customers are *completely* satisfied;
# with little competition (local telephone, airlines with frequent-flyer programmes, hospitals) it is high anyway.

# %%
curve = satisfaction.loyalty_curve(gen, by="industry")
curve["mean"].unstack().round(2)

# %%
ax = satisfaction.plot_loyalty_curves(curve, lang=lang, ylabel="repurchase_intent")

# %% [markdown]
# **What this tells a manager.** In a competitive market, moving customers from "satisfied" (4) to "completely
# satisfied" (5) is worth far more than moving them from 2 to 3: only the top box is loyal. In a monopoly the
# curve is flat — high loyalty hides dissatisfaction, which turns into defection as soon as competition arrives.

# %% [markdown]
# ## 2. Customer types · 顾客类型
# Cut satisfaction and loyalty at thresholds (default: the first answer above the scale midpoint, 4 on 1–5 and 6
# on 0–10; "at or above the cut" is high — the printed cut points are the ones used). High–high are **loyalists** (the top box of both: **apostles**), satisfied but not loyal are
# **mercenaries**, loyal but dissatisfied are **hostages**, low–low are **defectors** (the bottom box of both:
# **terrorists**).

# %%
types = satisfaction.customer_types(gen, lang=lang)
print("cut points:", {k: types.attrs["cut_points"][k] for k in ("satisfied_at", "loyal_at")})
pd.crosstab(gen.loc[types.index, "industry"], types["quadrant"], normalize="index").round(2)

# %%
cars = gen[gen["industry"] == "automobiles"]
ax = satisfaction.plot_customer_types(satisfaction.customer_types(cars, lang=lang), lang=lang)

# %% [markdown]
# **What this tells a manager.** Read down the columns of the table: mercenaries (satisfied, yet not loyal) are far
# more common in the competitive markets (automobiles, business PCs) than in the others — there satisfaction scores
# alone overstate the loyal base. Hostages (loyal but dissatisfied) are most common where customers cannot easily
# switch (local telephone, airlines): they stay only because they must, and leave when an alternative appears.

# %% [markdown]
# ## 3. Zones of defection, indifference and affection · 背离区、冷漠区、情感区
# The literature draws these zones only roughly. We put the boundaries at 40 % and 90 % of the scale range
# (on 1–5: defection = 1–2, indifference = 3–4, affection = 5 only; on 0–10: 0–3, 4–8, 9–10). The table gives the
# mean loyalty of the respondents in each zone; `defection_below` and `affection_from` test another reading on
# the real survey (section 6).

# %%
zones = satisfaction.satisfaction_zones(gen, by="industry", lang=lang)
zones["loyalty_mean"].unstack().round(2)

# %% [markdown]
# **What this tells a manager.** In the competitive industries loyalty only jumps in the zone of affection: raising
# customers from indifference to affection, not from defection to indifference, is what buys loyalty there. In the
# protected industries loyalty is already fairly high in the lower zones (local telephone most of all): there high
# loyalty says little about how customers feel.

# %% [markdown]
# ## 4. Net Promoter Score · 净推荐值
# Promoters answer 9–10, passives 7–8 and detractors 0–6 on "how likely are you to recommend us?" (0–10). With
# $p_P$, $p_D$ the shares of promoters and detractors among $n$ answers (each answer scored +1, 0 or −1):
#
# $$NPS = 100\,(p_P - p_D), \qquad SE = 100\sqrt{\frac{p_P + p_D - (p_P - p_D)^2}{n}}, \qquad
#   \text{95\% CI} = NPS \pm 1.96\,SE$$
#
# NPS runs from −100 to 100; the table gives `se` and the interval (`ci_low`, `ci_high`) in the same points.

# %%
satisfaction.nps(gen, by="industry").round(2)

# %% [markdown]
# **What this tells a manager.** With a few hundred answers per group (column `n`) an NPS is uncertain by several
# points either way (see `ci_low`–`ci_high`): do not celebrate or panic over differences inside the interval.

# %% [markdown]
# ## 5. Drivers and reliability · 驱动因素与信度
# **Importance** is the correlation of each attribute with satisfaction, **performance** its mean rating; the
# grid's cross-hairs are the means of the two. Cronbach's alpha (量表信度) checks that $k$ items meant to measure one
# thing agree, with $s_i^2$ the variance of item $i$ and $s_T^2$ the variance of the summed score:
#
# $$\alpha = \frac{k}{k-1}\Bigl(1 - \frac{\sum_{i=1}^k s_i^2}{s_T^2}\Bigr)$$
#
# (0.7 or more is the usual bar).

# %%
drivers = satisfaction.driver_analysis(gen, list(ATTRIBUTES), lang=lang)
drivers.round(2)

# %%
ax = satisfaction.plot_importance_performance(drivers, lang=lang)

# %%
print("alpha of the generated satisfaction items:",
      round(satisfaction.cronbach_alpha(gen, ["satisfaction", "sat_expectation", "sat_ideal"]), 3))

# %% [markdown]
# **What this tells a manager.** "Concentrate here" attributes matter and are rated low: that is where money
# moves satisfaction. "Possible overkill" attributes are rated high but move little.

# %% [markdown]
# ## 6. A real survey · 真实调查
# The same steps on `survey` (by default the bundled ECSI bank survey: `sat1` overall satisfaction, `loy1` choose
# the bank again, `loy3` recommend, all 0–10), with the notebook's thresholds. Read the curve with its `n` column:
# levels answered by a handful of respondents have wide intervals, which can even run past the ends of the scale.

# %%
real_curve = satisfaction.loyalty_curve(survey)
real_curve.round(2).head(11)

# %%
ax = satisfaction.plot_loyalty_curves(real_curve, lang=lang, ylabel="repurchase_intent")

# %%
real_types = satisfaction.customer_types(survey, satisfied_at=satisfied_at, loyal_at=loyal_at, lang=lang)
print("cut points:", {k: real_types.attrs["cut_points"][k] for k in ("satisfied_at", "loyal_at")})
real_types["type"].value_counts(sort=False).to_frame("respondents")

# %%
satisfaction.satisfaction_zones(survey, defection_below=defection_below, affection_at=affection_from,
                                 lang=lang).round(2)

# %%
satisfaction.nps(survey).round(2)

# %%
real_drivers = satisfaction.driver_analysis(survey, attributes, lang=lang)
ax = satisfaction.plot_importance_performance(real_drivers, lang=lang)
real_drivers.round(2)

# %% [markdown]
# **What this tells a manager.** Even on a real survey, satisfaction and loyalty are correlated but not the same:
# look at the mercenaries and hostages, not only at the average.

# %% [markdown]
# ## Exercises · 练习
# **1.** What is the Net Promoter Score of `survey`?

# %% tags=["solution"]
answer = satisfaction.nps(survey).loc["all", "nps"]

# %%
check("satisfaction.1", answer, data=survey)

# %% [markdown]
# **2.** In the generated survey, what share of automobile customers are mercenaries (satisfied but not loyal)
# with the default thresholds (the cut points printed in section 2)?

# %% tags=["solution"]
car_types = satisfaction.customer_types(gen[gen["industry"] == "automobiles"])
answer = (car_types["quadrant_key"] == "mercenary").mean()

# %%
check("satisfaction.2", answer, data=gen)

# %% [markdown]
# **3.** What is Cronbach's alpha of the satisfaction items `satisfaction_items` of `survey`?

# %% tags=["solution"]
answer = satisfaction.cronbach_alpha(survey, satisfaction_items)

# %%
check("satisfaction.3", answer, data=survey, items=satisfaction_items)

# %% [markdown]
# ## Summary and further reading
# - Loyalty rises with satisfaction, but the curve's shape depends on competition: in competitive markets only
#   the completely satisfied are loyal; in protected markets loyalty is high whatever the satisfaction.
# - Types (loyalist/apostle, mercenary, hostage, defector/terrorist) and zones make the gap between the two visible;
#   state the thresholds you used.
# - NPS needs its confidence interval; drivers need both importance and performance; scales need reliability.
# - Jones, T. O., & Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business Review*, 73(6), 88–99.
# - Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E., & Schlesinger, L. A. (1994). Putting the
#   service-profit chain to work. *Harvard Business Review*, 72(2), 164–174.
# - Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12), 46–54.
# - Martilla, J. A., & James, J. C. (1977). Importance–performance analysis. *Journal of Marketing*, 41(1), 77–79.
# - Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. *Psychometrika*, 16, 297–334.
# - Data: `satisfaction` data set of the R package plspm (Sanchez, G., LIAM, UPC Barcelona; GPL-3).

# %%
real_nps = satisfaction.nps(survey).loc["all"]
headline(respondents=len(survey), nps=round(float(real_nps["nps"]), 1),
         largest_type=str(real_types["quadrant"].value_counts().idxmax()),
         satisfaction_alpha=f"{satisfaction.cronbach_alpha(survey, satisfaction_items):.3f}")
