# Source of crmlab/notebooks/{en,zh}/04_satisfaction_loyalty.ipynb — edit here, then `make notebooks SRC=notebooks/src/04_satisfaction_loyalty.py`.
# crmlab: {"data_kind": "survey"}

# %% [markdown] lang=en
# # Satisfaction versus loyalty
#
# Satisfied customers are not necessarily loyal, and dissatisfied customers do not always leave. Jones & Sasser
# ("Why Satisfied Customers Defect", 1995) showed that *how* satisfaction turns into loyalty depends on
# competition. This notebook draws their curves on generated data for five industries, then runs a real survey
# through the same steps.
#
# **Learning goals**
# 1. Read a satisfaction–loyalty curve (满意度—忠诚度曲线) with its confidence intervals, and explain why it
#    differs between competitive and non-competitive markets (竞争性 / 非竞争性领域).
# 2. Sort customers into Jones & Sasser's types — loyalist/apostle (忠诚者/传道者), mercenary (图利者),
#    hostage (人质), defector/terrorist (背叛者/恐怖分子) — and the zones of defection, indifference and affection.
# 3. Compute the Net Promoter Score (净推荐值) with its confidence interval.
# 4. Find the drivers of satisfaction with an importance–performance grid (重要性—表现分析) and check a
#    multi-item scale with Cronbach's alpha (量表信度).

# %% [markdown] lang=zh
# # 顾客满意与顾客忠诚
#
# 满意的顾客不一定忠诚，不满意的顾客也不见得就不会重复购买。满意与忠诚到底是什么关系？什么因素决定满意能否转化为忠诚？美国学者琼斯（Thomas O. Jones）和赛塞（W. Earl Sasser）研究了汽车、商用电脑、医院、航空和本地电话服务五个行业，发现答案取决于行业的**竞争程度**。本章先用按这五个行业生成的调查数据画出他们的曲线，再对一份真实的问卷调查重复同样的步骤。
#
# **学习目标**
# 1. 读懂满意度—忠诚度曲线及其置信区间，解释它在竞争性领域与非竞争性领域为什么不同。
# 2. 按琼斯与赛塞的方法把顾客分为忠诚者/传道者、图利者、人质、背叛者/恐怖分子四类，并划分背离区、冷漠区和情感区。
# 3. 计算净推荐值（NPS）及其置信区间。
# 4. 用重要性—表现分析找出满意度的驱动因素，用 Cronbach's α 系数检验多题项量表的信度。

# %% [markdown] lang=en
# ## Parameters
# `data` is the real survey: `"ecsi"` (bundled: the ECSI survey of a Spanish bank's customers, items 0–10), `"synthetic:<seed>"`
# or a path to your own file, with `columns` mapping your column names onto `satisfaction`, `repurchase_intent`,
# `recommend` and `scale` its answer scale (e.g. `(1, 5)`). The five-industry survey is generated with `seed`.
# The thresholds (`satisfied_at`, `loyal_at`, `defection_below`, `affection_from`) are on the real survey's scale
# and apply to it (section 6); left at `None` they use the defaults explained below. The generated survey
# (sections 1–5, answers 1–5) always uses the defaults, so a 0–10 threshold cannot empty its quadrants.

# %% [markdown] lang=zh
# ## 参数
# `data` 是真实调查：`"ecsi"`（随包附带：西班牙一家银行客户的 ECSI 问卷，题项为 0–10 分）、`"synthetic:<种子>"`，或者你自己的文件路径；`columns` 把你的列名对应到 `satisfaction`（满意度）、`repurchase_intent`（再购意愿）、`recommend`（推荐意愿），`scale` 是答题量表（如 `(1, 5)`）。五个行业的调查数据由 `seed` 生成。阈值 `satisfied_at`、`loyal_at`、`defection_below`、`affection_from` 按真实调查的量表给出，只用于第 6 节；取 `None` 时使用下文说明的默认值。生成数据（第 1–5 节，1–5 分）始终用默认值，免得 0–10 分的阈值把它的象限变空。

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

# %% [markdown] lang=en
# ## Setup
# `label` shows a key (an industry, an attribute, a type) in the chapter's language; `listing` joins several
# labels into one phrase.

# %% [markdown] lang=zh
# ## 准备
# `label` 把一个键（行业、属性、顾客类型）显示为本章所用的语言，`listing` 把几个键连成一个短语。

# %%
import pandas as pd

from crmlab import satisfaction
from crmlab.datasets import ATTRIBUTES, make_survey
from crmlab.exercises import check
from crmlab.labels import term
from crmlab.notebook import headline, say, setup

gen, truth = make_survey(n_respondents, seed=seed, return_truth=True)
survey = setup(data, columns, kind="survey", lang=lang, scales=scale, not_applicable=not_applicable)

# %%
def label(key):
    return term(str(key), lang, satisfaction.TERMS)


def listing(keys):
    return (", " if lang == "en" else "、").join(map(label, keys)) or ("none" if lang == "en" else "无")

# %% [markdown] lang=en
# ## 1. Satisfied ≠ loyal
# For each satisfaction level $s$ the **loyalty curve** (满意度—忠诚度曲线) is the mean loyalty (here repurchase
# intention, 1–5) of the respondents at that level, with a $t$ interval:
#
# $$\bar L(s) = \frac{1}{n_s}\sum_{i:\,S_i = s} L_i, \qquad \bar L(s) \pm t_{0.975,\,n_s-1}\,\frac{s_L}{\sqrt{n_s}}$$
#
# The generator plants the shapes Jones & Sasser describe (`truth.curves`): in the competitive industries
# (automobiles, business PCs) loyalty stays low until customers are *completely* satisfied; with little
# competition (local telephone most clearly; airlines with frequent-flyer programmes and hospitals lean that way)
# it is high anyway. The
# sample drawn from them is noisy; the sentence under the figure reads what this sample shows.

# %% [markdown] lang=zh
# ## 1. 满意不等于忠诚
# 对每个满意度水平 $s$，**满意度—忠诚度曲线**取该水平上全部受访者忠诚度（这里用再购意愿，1–5 分）的平均值，并给出 $t$ 置信区间：
#
# $$\bar L(s) = \frac{1}{n_s}\sum_{i:\,S_i = s} L_i, \qquad \bar L(s) \pm t_{0.975,\,n_s-1}\,\frac{s_L}{\sqrt{n_s}}$$
#
# 生成器按琼斯与赛塞描述的形状埋下了五条“真实”曲线（`truth.curves`）：在竞争性领域（汽车、商用电脑），顾客只有在**完全满意**时才忠诚；在竞争程度低的领域（本地电话服务最典型，有常旅客计划的航空和医院也偏向这一端），不论满意与否忠诚度都较高。样本带有随机误差，图下方的文字说明的是这份样本实际呈现的结果。

# %%
curve = satisfaction.loyalty_curve(gen, by="industry")
curve["mean"].unstack().rename(index=label).round(2)

# %%
ax = satisfaction.plot_loyalty_curves(curve.rename(index=label, level="industry"), lang=lang,
                                      ylabel="repurchase_intent")

# %%
m = curve["mean"].unstack()
top, below = m.columns[-1], m.columns[-2]
step = (m[top] - m[below]).dropna().sort_values(ascending=False)
steep, flat = step.index[0], step.index[-1]
floor = m.loc[flat].dropna().iloc[0]
comp = truth.competitive.reindex(step.index).astype(bool)
split = step[comp].min() > step[~comp].max()
say(f"Loyalty gains most on the last step, from satisfaction {below:g} to {top:g}, in **{steep}** "
    f"(+{step[steep]:.2f}) and least in **{flat}** (+{step[flat]:.2f}), where even the least satisfied already "
    f"answer {floor:.2f} on average. " + ("Every competitive industry gains more on this step than any protected "
    "one: the Jones & Sasser pattern." if split else "On this sample the competitive and the protected industries "
    "overlap on this step: the planted difference is hidden by sampling noise."),
    f"满意度从 {below:g} 升到 {top:g} 的最后一步，忠诚度提高最多的是**{label(steep)}**（+{step[steep]:.2f}），"
    f"最少的是**{label(flat)}**（+{step[flat]:.2f}）——在那个行业，即使满意度最低的顾客，再购意愿平均也已有 {floor:.2f}。"
    + ("每个竞争性行业在这一步的提高都大于任何一个非竞争性行业，这正是琼斯与赛塞发现的规律。" if split else
       "在这份样本里，竞争性与非竞争性行业在这一步上互有重叠：埋下的差别被抽样误差掩盖了。"), lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** In a competitive market, moving customers from "satisfied" to "completely
# satisfied" is worth far more than moving them from "dissatisfied" to "neutral": only the top box is reliably
# loyal. In a protected market the curve is flat — high loyalty hides dissatisfaction, which turns into
# defection as soon as competition arrives.
#
# **Course vs literature.** The course text (001) sorts the five industries into competitive and
# non-competitive fields and names what protects the latter (patents or few substitutes, strong brands, high
# switching costs, loyalty programmes, proprietary technology). Jones & Sasser's own point is sharper: even the
# merely *satisfied* (4 of 5) defect in competitive markets, so "satisfied" is not a safe target.

# %% [markdown] lang=zh
# **对管理者的启示：** 在竞争性领域，把顾客从“满意”提升到“完全满意”，远比把他们从“不满意”提升到“一般”更值得：只有最高一档的顾客才可靠地忠诚。在非竞争性领域，曲线平坦——高忠诚度掩盖了不满，一旦出现竞争者，这些顾客就会流失。
#
# **教材 vs 文献：** 教材（001）把五个行业分为竞争性领域和非竞争性领域，并列出后者的成因：专利保护或替代品很少、强大的品牌资产、转换成本高、强大的客户忠诚计划、专有技术。琼斯与赛塞原文的结论更尖锐：在竞争性市场中，即使是“满意”（5 分制的 4 分）的顾客也会叛逃，所以“满意”本身并不是一个安全的目标，“完全满意”才是。

# %% [markdown] lang=en
# ## 2. Customer types
# Cut satisfaction and loyalty at thresholds (default: the first answer above the scale midpoint, 4 on 1–5 and 6
# on 0–10; "at or above the cut" is high — the cut points used are printed). High–high are **loyalists** (the top
# box of both: **apostles**), satisfied but not loyal are **mercenaries**, loyal but dissatisfied are **hostages**,
# low–low are **defectors** (the bottom box of both: **terrorists**). The table gives each industry's shares.

# %% [markdown] lang=zh
# ## 2. 顾客类型
# 在满意度和忠诚度上各取一个切分点（默认取量表中点以上的第一个答案：1–5 分量表为 4，0–10 分量表为 6；“大于等于切分点”为高，下面显示实际所用的切分点），得到四个象限：满意且忠诚的是**忠诚者**（两项都是最高分的叫**传道者**）；满意但不忠诚的是**图利者**；忠诚但不满意的是**人质**；既不满意也不忠诚的是**背叛者**（两项都是最低分的叫**恐怖分子**）。表中是各行业顾客在四个象限中的占比。

# %%
types = satisfaction.customer_types(gen, lang=lang)
cuts = types.attrs["cut_points"]
say(f"Cut points used: satisfied at {cuts['satisfied_at']:g} or above, loyal at {cuts['loyal_at']:g} or above.",
    f"所用切分点：满意度 ≥ {cuts['satisfied_at']:g} 为满意，忠诚度 ≥ {cuts['loyal_at']:g} 为忠诚。", lang=lang)
pd.crosstab(gen.loc[types.index, "industry"].map(label), types["quadrant"], normalize="index").round(2)

# %%
cars = gen[gen["industry"] == "automobiles"]
ax = satisfaction.plot_customer_types(satisfaction.customer_types(cars, lang=lang), lang=lang)

# %%
share = pd.crosstab(gen.loc[types.index, "industry"], types["quadrant_key"].astype(str), normalize="index")
share = share.reindex(columns=["loyalist", "mercenary", "hostage", "defector"], fill_value=0.0)
merc, host = share["mercenary"], share["hostage"]
comp = truth.competitive.reindex(share.index).astype(bool)
more, held = merc[comp].mean() > merc[~comp].mean(), not comp[host.idxmax()]
say(f"Mercenaries (satisfied, not loyal) are {merc[comp].mean():.0%} of the customers in the competitive "
    f"industries and {merc[~comp].mean():.0%} in the others (most in **{merc.idxmax()}**, {merc.max():.0%})"
    + (": there satisfaction scores alone overstate the loyal base. " if more else ". ")
    + f"Hostages (loyal, not satisfied) are most common in **{host.idxmax()}** ({host.max():.0%})"
    + (", a protected market: they stay because they must, and leave when an alternative appears." if held else "."),
    f"图利者（满意但不忠诚）在竞争性行业的顾客中占 {merc[comp].mean():.0%}，在其他行业占 {merc[~comp].mean():.0%}"
    f"（最多的是**{label(merc.idxmax())}**，{merc.max():.0%}）"
    + ("：在竞争性行业，只看满意度会高估忠诚顾客的比例。" if more else "。")
    + f"人质（忠诚但不满意）在**{label(host.idxmax())}**最常见（{host.max():.0%}）"
    + ("，这是一个非竞争性行业：他们留下是因为别无选择，一旦有了替代者就会离开。" if held else "。"), lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** Mercenaries are the warning that satisfaction scores overstate loyalty; hostages
# the warning that loyalty overstates satisfaction. Neither group shows up in an average.
#
# **Course vs literature.** The course's *monopoly loyalty* and *inertia loyalty* (垄断忠诚, 惰性忠诚: repeat
# buying without attachment, "full of dissatisfaction") are Jones & Sasser's hostages seen from the behaviour side.

# %% [markdown] lang=zh
# **对管理者的启示：** 图利者提醒我们：满意度高估了忠诚；人质提醒我们：忠诚度高估了满意。这两类顾客在平均数里都看不出来。
#
# **教材 vs 文献：** 教材中的“垄断忠诚”和“惰性忠诚”——低依恋、高重复购买，“不是自愿的，而且充满着不满”——从行为一侧描述的正是琼斯与赛塞所说的人质。

# %% [markdown] lang=en
# ## 3. Zones of defection, indifference and affection
# The literature draws these zones only roughly. We put the boundaries at 40 % and 90 % of the scale range
# (on 1–5: defection = 1–2, indifference = 3–4, affection = 5 only; on 0–10: 0–3, 4–8, 9–10). The table gives the
# mean loyalty of the respondents in each zone; `defection_below` and `affection_from` test another reading on
# the real survey (section 6).

# %% [markdown] lang=zh
# ## 3. 背离区、冷漠区与情感区
# 文献对这三个区只有粗略的划分。本章把边界放在量表全距的 40% 和 90% 处（1–5 分量表：背离区 1–2 分，冷漠区 3–4 分，情感区只有 5 分；0–10 分量表：0–3、4–8、9–10 分）。表中是各区受访者的平均忠诚度；参数 `defection_below` 和 `affection_from` 可以在真实调查上（第 6 节）试用另一种划分。

# %%
zones = satisfaction.satisfaction_zones(gen, by="industry", lang=lang)
zones["loyalty_mean"].unstack().rename(index=label).round(2)

# %%
z = zones.set_index("zone_key", append=True)["loyalty_mean"].droplevel("zone").unstack()
low_step, high_step = z["indifference"] - z["defection"], z["affection"] - z["indifference"]
top_heavy, ex, held = high_step[high_step > low_step].index, high_step.idxmax(), z["defection"].idxmax()
say(f"Loyalty gains more from indifference to affection than from defection to indifference in "
    f"{listing(top_heavy)} (most in **{ex}**: +{high_step[ex]:.2f} against +{low_step[ex]:.2f}). In the zone of "
    f"defection loyalty is highest in **{held}** ({z['defection'].max():.2f} of 5): there a loyal answer says "
    "little about how customers feel.",
    f"从冷漠区到情感区的忠诚度提升大于从背离区到冷漠区的行业有：{listing(top_heavy)}（最明显的是**{label(ex)}**："
    f"+{high_step[ex]:.2f}，而前一步只有 +{low_step[ex]:.2f}）。背离区里忠诚度最高的是**{label(held)}**"
    f"（{z['defection'].max():.2f} 分，满分 5 分）：在那里，一个“忠诚”的回答说明不了顾客的真实感受。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** Where the big step is into the zone of affection, raising customers from
# indifference to affection — not from defection to indifference — is what buys loyalty.

# %% [markdown] lang=zh
# **对管理者的启示：** 如果最大的一步出现在进入情感区之时，那么真正换来忠诚的，是把顾客从冷漠区推进到情感区，而不是从背离区拉回到冷漠区。

# %% [markdown] lang=en
# ## 4. Net Promoter Score
# Promoters answer 9–10, passives 7–8 and detractors 0–6 on "how likely are you to recommend us?" (0–10). With
# $p_P$, $p_D$ the shares of promoters and detractors among $n$ answers (each answer scored +1, 0 or −1):
#
# $$NPS = 100\,(p_P - p_D), \qquad SE = 100\sqrt{\frac{p_P + p_D - (p_P - p_D)^2}{n}}, \qquad
#   \text{95\% CI} = NPS \pm 1.96\,SE$$
#
# NPS runs from −100 to 100; the table gives `se` and the interval (`ci_low`, `ci_high`) in the same points.

# %% [markdown] lang=zh
# ## 4. 净推荐值 NPS
# 对“您有多大可能向他人推荐我们？”（0–10 分）这一问题，答 9–10 分的是**推荐者**，7–8 分的是**中立者**，0–6 分的是**贬损者**。设 $n$ 个回答中推荐者和贬损者的比例分别为 $p_P$、$p_D$（每个回答记 +1、0 或 −1 分）：
#
# $$NPS = 100\,(p_P - p_D), \qquad SE = 100\sqrt{\frac{p_P + p_D - (p_P - p_D)^2}{n}}, \qquad
#   \text{95\% CI} = NPS \pm 1.96\,SE$$
#
# NPS 的取值范围是 −100 到 100；表中的 `se`（标准误）和置信区间（`ci_low`、`ci_high`）单位相同。

# %%
by_industry = satisfaction.nps(gen, by="industry")
by_industry.rename(index=label).round(2)

# %%
ranked = by_industry.sort_values("nps", ascending=False)
half = float((ranked["ci_high"] - ranked["ci_low"]).mean() / 2)
pairs = [(a, b) for a, b in zip(ranked.index[:-1], ranked.index[1:]) if ranked.loc[b, "ci_high"] >= ranked.loc[a, "ci_low"]]
best, worst = ranked.index[0], ranked.index[-1]
say(f"NPS runs from {ranked['nps'].iloc[0]:.1f} (**{best}**) down to {ranked['nps'].iloc[-1]:.1f} (**{worst}**). "
    f"With a median of {ranked['n'].median():.0f} answers per industry the 95% interval is ±{half:.1f} points on "
    "average. " + ("Neighbours in this ranking whose intervals overlap, so the data cannot order them: "
    + "; ".join(f"{a} and {b}" for a, b in pairs) + "." if pairs else "No two neighbours in this ranking have "
    "overlapping intervals: every step is larger than the noise."),
    f"NPS 从**{label(best)}**的 {ranked['nps'].iloc[0]:.1f} 到**{label(worst)}**的 {ranked['nps'].iloc[-1]:.1f}。"
    f"每个行业的回答数中位数为 {ranked['n'].median():.0f}，95% 置信区间平均为 ±{half:.1f} 分。"
    + ("排名相邻、置信区间互相重叠、因而数据无法区分先后的有：" + "；".join(f"{label(a)}与{label(b)}" for a, b in pairs)
       + "。" if pairs else "排名相邻的行业置信区间都不重叠：每一级差距都大于抽样误差。"), lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** An NPS from a few hundred answers is uncertain by several points either way: do
# not celebrate or panic over differences inside the interval.
#
# **Course vs literature.** The course text (001) lists "the probability that a customer recommends you" among the
# measures of loyalty; Reichheld (2003) turned it into the one number NPS. Later studies (Keiningham et al., 2007)
# found it predicts growth no better than satisfaction itself, so read it next to the other measures.

# %% [markdown] lang=zh
# **对管理者的启示：** 几百个回答算出的 NPS，上下都有好几分的不确定性：置信区间以内的差别，不值得庆祝，也不必惊慌。
#
# **教材 vs 文献：** 教材（001）把“客户推荐给他人的概率”列为衡量顾客忠诚度的指标之一；Reichheld（2003）把它变成了一个数字 NPS。后来的研究（Keiningham 等，2007）发现它预测增长的能力并不比满意度本身更强，所以应与其他指标一起看。

# %% [markdown] lang=en
# ## 5. Drivers and reliability
# **Importance** is the correlation of each attribute with satisfaction, **performance** its mean rating; the
# grid's cross-hairs are the means of the two. Cronbach's alpha (量表信度) checks that $k$ items meant to measure one
# thing agree, with $s_i^2$ the variance of item $i$ and $s_T^2$ the variance of the summed score:
#
# $$\alpha = \frac{k}{k-1}\Bigl(1 - \frac{\sum_{i=1}^k s_i^2}{s_T^2}\Bigr)$$
#
# (0.7 or more is the usual bar). The generated survey asks satisfaction three ways: overall (`satisfaction`),
# compared with expectations (`sat_expectation`) and compared with the ideal (`sat_ideal`).

# %% [markdown] lang=zh
# ## 5. 驱动因素与量表信度
# **重要性**是各属性评分与满意度的相关系数，**表现**是该属性的平均评分；图中的虚线十字取两者各自的平均值。Cronbach's α 系数检验 $k$ 个本应测量同一事物的题项是否一致（量表信度），其中 $s_i^2$ 是第 $i$ 题的方差，$s_T^2$ 是总分的方差：
#
# $$\alpha = \frac{k}{k-1}\Bigl(1 - \frac{\sum_{i=1}^k s_i^2}{s_T^2}\Bigr)$$
#
# （通常要求 α ≥ 0.7。）生成的调查从三个角度问满意度：总体满意（`satisfaction`）、与期望相比（`sat_expectation`）、与理想相比（`sat_ideal`）。
#
# **教材 vs 文献：** 教材（002）把顾客满意定义为实际消费感受与事前**期望**的对比：超过期望就满意，达不到就不满意。问卷研究（如 ECSI/ACSI 模型）一般不直接计算“感受减期望”，而是把“与期望相比”作为满意度量表中的一个题项，再用 α 系数检验这些题项是否测的是同一个满意度。

# %%
drivers = satisfaction.driver_analysis(gen, list(ATTRIBUTES), lang=lang)
drivers.rename(index=label).round(2)

# %%
ax = satisfaction.plot_importance_performance(drivers.rename(index=label), lang=lang)

# %%
gen_alpha = satisfaction.cronbach_alpha(gen, ["satisfaction", "sat_expectation", "sat_ideal"])
keys = drivers["quadrant_key"]
say(f"Most important: **{label(drivers.index[0])}** (r = {drivers['importance'].iloc[0]:.2f}). Concentrate here: "
    f"{listing(drivers.index[keys == 'concentrate'])}; possible overkill: {listing(drivers.index[keys == 'overkill'])}. "
    f"Cronbach's alpha of the three satisfaction items is {gen_alpha:.3f}, "
    + ("above the usual bar of 0.7: they measure one thing." if gen_alpha >= 0.7 else "below the usual bar of 0.7."),
    f"最重要的属性是**{label(drivers.index[0])}**（r = {drivers['importance'].iloc[0]:.2f}）。重点改进："
    f"{listing(drivers.index[keys == 'concentrate'])}；可能过度投入：{listing(drivers.index[keys == 'overkill'])}。"
    f"三个满意度题项的 α 系数为 {gen_alpha:.3f}，"
    + ("高于通常的 0.7 标准：它们测的是同一个满意度。" if gen_alpha >= 0.7 else "低于通常的 0.7 标准。"), lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** "Concentrate here" attributes matter and are rated low: that is where money
# moves satisfaction. "Possible overkill" attributes are rated high but move little.

# %% [markdown] lang=zh
# **对管理者的启示：** “重点改进”的属性既重要、评分又低，是投入最能提升满意度的地方；“可能过度投入”的属性评分高，但对满意度影响小，可以考虑把资源挪走。

# %% [markdown] lang=en
# ## 6. A real survey
# The same steps on `survey` (by default the bundled ECSI bank survey: `sat1` overall satisfaction, `loy1` choose
# the bank again, `loy3` recommend, all 0–10), with the notebook's thresholds. Read the curve with its `n` column:
# levels answered by a handful of respondents have wide intervals, which can even run past the ends of the scale.

# %% [markdown] lang=zh
# ## 6. 真实调查
# 对 `survey` 重复以上步骤（默认是随包附带的 ECSI 银行调查：`sat1` 总体满意度、`loy1` 是否会再次选择这家银行、`loy3` 推荐意愿，都是 0–10 分），并使用本章参数中的阈值。读曲线时要看 `n` 列：只有寥寥几人回答的水平，置信区间很宽，甚至可能超出量表两端。

# %%
real_curve = satisfaction.loyalty_curve(survey)
real_curve.round(2).head(11)

# %%
ax = satisfaction.plot_loyalty_curves(real_curve, lang=lang, ylabel="repurchase_intent")

# %%
thin = real_curve.index[real_curve["n"] < 10]
r = survey["satisfaction"].corr(survey["repurchase_intent"])
say(f"`survey` has {len(survey):,} respondents. "
    + (f"{len(thin)} of the {len(real_curve)} satisfaction levels have fewer than 10 answers "
     f"({', '.join(f'{v:g}' for v in thin)}): read their points with care. " if len(thin) else
     f"Each of the {len(real_curve)} satisfaction levels has at least 10 answers. ")
    + f"Satisfaction and repurchase intention correlate at r = {r:.2f}.",
    f"`survey` 共有 {len(survey):,} 位受访者。"
    + (f"{len(real_curve)} 个满意度水平中有 {len(thin)} 个不足 10 人回答（{'、'.join(f'{v:g}' for v in thin)}），"
     "这些点要谨慎解读。" if len(thin) else f"{len(real_curve)} 个满意度水平都至少有 10 人回答。")
    + f"满意度与再购意愿的相关系数 r = {r:.2f}。", lang=lang)

# %%
real_types = satisfaction.customer_types(survey, satisfied_at=satisfied_at, loyal_at=loyal_at, lang=lang)
real_cuts = real_types.attrs["cut_points"]
say(f"Cut points used: satisfied at {real_cuts['satisfied_at']:g} or above, loyal at {real_cuts['loyal_at']:g} or above.",
    f"所用切分点：满意度 ≥ {real_cuts['satisfied_at']:g} 为满意，忠诚度 ≥ {real_cuts['loyal_at']:g} 为忠诚。", lang=lang)
real_types["type"].value_counts(sort=False).to_frame(label("respondents"))

# %%
q = real_types["quadrant_key"].value_counts(normalize=True)
largest = real_types["quadrant"].value_counts().idxmax()
mixed = q.get("mercenary", 0.0) + q.get("hostage", 0.0)
say(f"The largest quadrant is **{largest}** ({real_types['quadrant'].value_counts(normalize=True).max():.0%}). "
    f"Mercenaries are {q.get('mercenary', 0.0):.0%} and hostages {q.get('hostage', 0.0):.0%}: for {mixed:.0%} of the "
    "respondents satisfaction and loyalty point in different directions.",
    f"人数最多的象限是**{largest}**（{real_types['quadrant'].value_counts(normalize=True).max():.0%}）。"
    f"图利者占 {q.get('mercenary', 0.0):.0%}，人质占 {q.get('hostage', 0.0):.0%}：对 {mixed:.0%} 的受访者来说，"
    "满意度与忠诚度指向不同的方向。", lang=lang)

# %%
real_zones = satisfaction.satisfaction_zones(survey, defection_below=defection_below, affection_at=affection_from,
                                             lang=lang)
real_zones.round(2)

# %%
zk = real_zones.set_index("zone_key")
means = zk["loyalty_mean"].map(lambda v: "—" if pd.isna(v) else f"{v:.2f}")
say(f"Most respondents ({zk['share'].max():.0%}) are in the {label(zk['share'].idxmax()).lower()}; mean loyalty is "
    f"{means['defection']}, {means['indifference']} and {means['affection']} in the zones of defection, "
    "indifference and affection.",
    f"受访者最多的区是{label(zk['share'].idxmax())}（{zk['share'].max():.0%}）；背离区、冷漠区、情感区的平均忠诚度依次为 "
    f"{means['defection']}、{means['indifference']}、{means['affection']}。", lang=lang)

# %%
satisfaction.nps(survey).round(2)

# %%
real_drivers = satisfaction.driver_analysis(survey, attributes, lang=lang)
ax = satisfaction.plot_importance_performance(real_drivers.rename(index=label), lang=lang)
real_drivers.rename(index=label).round(2)

# %%
rk = real_drivers["quadrant_key"]
say(f"On this survey the strongest driver of satisfaction is **{label(real_drivers.index[0])}** "
    f"(r = {real_drivers['importance'].iloc[0]:.2f}); concentrate here: {listing(real_drivers.index[rk == 'concentrate'])}.",
    f"在这份调查中，满意度最强的驱动因素是**{label(real_drivers.index[0])}**（r = {real_drivers['importance'].iloc[0]:.2f}）；"
    f"重点改进：{listing(real_drivers.index[rk == 'concentrate'])}。", lang=lang)

# %% [markdown] lang=en
# **What this tells a manager.** On a real survey, too, look at the mercenaries and hostages and at the zones, not
# only at the average satisfaction: the average hides the customers whose satisfaction and loyalty disagree.

# %% [markdown] lang=zh
# **对管理者的启示：** 在真实调查中同样要看图利者、人质和三个区，而不只看平均满意度：平均数恰恰掩盖了满意与忠诚不一致的那部分顾客。

# %% [markdown] lang=en
# ## Exercises
# Four kinds: **compute** on your own `survey` (with `data="synthetic:<seed>"` every seed has its own survey, so the
# answers are not on screen above), **interpret** and **concept check** (answer with an option key, e.g. `"b"`), and
# **decide** (choose, and justify in a comment; your instructor marks it with a rubric). `check` names a known
# mistake when it recognises one, never the answer.

# %% [markdown] lang=zh
# ## 练习
# 练习分四类：**计算题**在你自己的 `survey` 上计算（用 `data="synthetic:<seed>"` 时，每个种子号生成一份不同的调查，答案不会出现在上文中）；**解读题**和**概念题**用选项字母作答（如 `"b"`）；**决策题**要做出选择并在注释中说明理由，由老师按评分标准批改。`check` 能识别常见错误时会指出错在哪里，但不会给出答案。

# %%
from crmlab.exercises import show

# %%
show("satisfaction.1", lang=lang)

# %% tags=["solution"]
answer = satisfaction.nps(survey[survey["satisfaction"] == survey.attrs["scales"]["satisfaction"][1]]).loc["all", "nps"]

# %%
check("satisfaction.1", answer, data=survey, lang=lang)

# %%
show("satisfaction.2", lang=lang)

# %% tags=["solution"]
answer = 100 * real_types["quadrant_key"].eq("mercenary").sum() / real_types["quadrant_key"].isin(["mercenary", "loyalist"]).sum()

# %%
check("satisfaction.2", answer, data=survey, satisfied_at=satisfied_at, loyal_at=loyal_at, lang=lang)

# %%
show("satisfaction.3", lang=lang)

# %% tags=["solution"]
answer = satisfaction.cronbach_alpha(survey, satisfaction_items[1:])

# %%
check("satisfaction.3", answer, data=survey, items=satisfaction_items, lang=lang)

# %%
show("satisfaction.4", lang=lang)

# %% tags=["solution"]
answer = 100 * survey["repurchase_intent"].dropna().eq(survey.attrs["scales"]["repurchase_intent"][1]).mean()

# %%
check("satisfaction.4", answer, data=survey, lang=lang)

# %%
show("satisfaction.5", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("satisfaction.5", answer, lang=lang)

# %%
show("satisfaction.6", lang=lang)

# %% tags=["solution"]
answer = "a" if (real_types["quadrant_key"] == "mercenary").sum() > (real_types["quadrant_key"] == "hostage").sum() else "b"

# %%
check("satisfaction.6", answer, data=survey, satisfied_at=satisfied_at, loyal_at=loyal_at, lang=lang)

# %%
show("satisfaction.7", lang=lang)

# %% tags=["solution"]
# a: the most important attribute in "concentrate here" (real_drivers) — it moves satisfaction and is rated low.
answer = "a"

# %%
check("satisfaction.7", answer, lang=lang)

# %%
show("satisfaction.8", lang=lang)

# %% tags=["solution"]
# b: the hostages' loyalty rests on switching costs; it falls away when the market opens,
# so the programme must fix what they are dissatisfied with.
answer = "b"

# %%
check("satisfaction.8", answer, lang=lang)

# %%
show("satisfaction.9", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("satisfaction.9", answer, lang=lang)

# %%
show("satisfaction.10", lang=lang)

# %% tags=["solution"]
answer = "c"

# %%
check("satisfaction.10", answer, lang=lang)

# %%
show("satisfaction.11", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("satisfaction.11", answer, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - Loyalty rises with satisfaction, but the curve's shape depends on competition: in competitive markets only
#   the completely satisfied are reliably loyal; in protected markets loyalty is high whatever the satisfaction.
# - Types (loyalist/apostle, mercenary, hostage, defector/terrorist) and zones make the gap between the two visible;
#   state the thresholds you used.
# - NPS needs its confidence interval; drivers need both importance and performance; scales need reliability.
#
# References:
# - Jones, T. O., & Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business Review*, 73(6), 88–99.
# - Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E., & Schlesinger, L. A. (1994). Putting the
#   service-profit chain to work. *Harvard Business Review*, 72(2), 164–174.
# - Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12), 46–54.
# - Keiningham, T. L., Cooil, B., Andreassen, T. W., & Aksoy, L. (2007). A longitudinal examination of net promoter
#   and firm revenue growth. *Journal of Marketing*, 71(3), 39–51.
# - Martilla, J. A., & James, J. C. (1977). Importance–performance analysis. *Journal of Marketing*, 41(1), 77–79.
# - Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. *Psychometrika*, 16, 297–334.
# - Data: `satisfaction` data set of the R package plspm (Sanchez, G., LIAM, UPC Barcelona; GPL-3).

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - 忠诚度随满意度上升，但曲线的形状取决于竞争程度：在竞争性领域，只有完全满意的顾客才可靠地忠诚；在非竞争性领域，无论满意与否，忠诚度都较高。
# - 顾客类型（忠诚者/传道者、图利者、人质、背叛者/恐怖分子）和三个区让满意与忠诚之间的差距显现出来；报告结果时要写明所用的阈值。
# - NPS 要配上置信区间；驱动因素要同时看重要性和表现；量表要检验信度。
#
# 参考文献：
# - Jones, T. O., & Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business Review*, 73(6), 88–99.
# - Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E., & Schlesinger, L. A. (1994). Putting the service-profit chain to work. *Harvard Business Review*, 72(2), 164–174.
# - Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review*, 81(12), 46–54.
# - Keiningham, T. L., Cooil, B., Andreassen, T. W., & Aksoy, L. (2007). A longitudinal examination of net promoter and firm revenue growth. *Journal of Marketing*, 71(3), 39–51.
# - Martilla, J. A., & James, J. C. (1977). Importance–performance analysis. *Journal of Marketing*, 41(1), 77–79.
# - Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. *Psychometrika*, 16, 297–334.
# - 数据：R 软件包 plspm 中的 `satisfaction` 数据集（Sanchez, G., LIAM, UPC Barcelona；GPL-3 许可）。

# %%
real_nps = satisfaction.nps(survey).loc["all"]
real_alpha = satisfaction.cronbach_alpha(survey, satisfaction_items)
sign = 1 if real_nps["ci_low"] > 0 else -1 if real_nps["ci_high"] < 0 else 0
say(f"On this survey: NPS {real_nps['nps']:.1f} (95% CI {real_nps['ci_low']:.1f} to {real_nps['ci_high']:.1f}, "
    f"{ {1: 'clearly positive', -1: 'clearly negative', 0: 'not distinguishable from 0'}[sign]}); satisfaction-scale alpha {real_alpha:.3f}" + (" (reliable)." if real_alpha >= 0.7 else " (below 0.7)."),
    f"本章的真实调查：NPS 为 {real_nps['nps']:.1f}（95% 置信区间 {real_nps['ci_low']:.1f} 至 {real_nps['ci_high']:.1f}，"
    + {1: "明显为正", -1: "明显为负", 0: "与 0 没有显著差别"}[sign]
    + f"）；满意度量表的 α 系数为 {real_alpha:.3f}" + ("（信度合格）。" if real_alpha >= 0.7 else "（低于 0.7）。"), lang=lang)
headline(respondents=len(survey), nps=round(float(real_nps["nps"]), 1), largest_type=str(largest),
         satisfaction_alpha=f"{real_alpha:.3f}", lang=lang)
