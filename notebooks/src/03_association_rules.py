# Source of crmlab/notebooks/{en,zh}/03_association_rules.ipynb — edit here, then `make notebooks SRC=notebooks/src/03_association_rules.py`.

# %% [markdown] lang=en
# # Association rules and cross-selling
#
# Which products are bought together, and what should we suggest to a customer who has pasta in the
# basket? **Association rules** (关联规则) turn order lines into "if A then B" statements with a measure of
# how often (support 支持度), how reliably (confidence 置信度) and how much more than chance (lift 提升度).
#
# **Learning goals**
# 1. Compute support, confidence and lift by hand on a five-basket example.
# 2. Build the basket matrix from order lines and find frequent itemsets (频繁项集).
# 3. Mine rules, read their interest measures and find the rules planted in the synthetic retailer.
# 4. Prune redundant rules and ask constrained questions ("what leads to buying X?").
# 5. Turn rules into cross-selling (交叉销售) recommendations, each explained by the rules that fired.

# %% [markdown] lang=zh
# # 关联规则与交叉销售
#
# 哪些商品常被一起购买？客户的购物篮里已经有了意大利面，我们该向他推荐什么？**关联规则**把一行行订单明细变成
# “如果买了 A，那么也会买 B”这样的陈述，并用三个指标来衡量它：规则出现得有多频繁（**支持度**）、
# 有多可靠（**置信度**），以及比随机情况高出多少（**提升度**）。这正是零售企业做**交叉销售**的依据。
#
# **学习目标**
# 1. 在一个只有五个购物篮的小例子上手算支持度、置信度和提升度。
# 2. 由订单明细构造购物篮矩阵，找出频繁项集。
# 3. 挖掘关联规则，解读各项兴趣度指标，检验能否找回模拟零售数据中预设的规则。
# 4. 剪除冗余规则，并带着约束条件提问（“哪些商品会引出对 X 的购买？”）。
# 5. 把规则变成交叉销售推荐，每条推荐都附上触发它的规则作为理由。

# %% [markdown] lang=en
# ## Parameters
# `data`: a bundled name (`"retail"`, `"shop_orders"`), `"synthetic:<seed>"` or a path with its `columns` mapping;
# it needs an order id and a product column. `min_support`, `min_confidence`: rule thresholds (shares, 0–1).
# `max_len`: largest itemset (`None` = no limit). `top`: rules shown in tables and plots.

# %% [markdown] lang=zh
# ## 参数
# `data`：内置数据集名称（`"retail"`、`"shop_orders"`）、`"synthetic:<种子>"`，或者文件路径加上列名映射
# `columns`；数据中必须有订单号和商品两列。`min_support`、`min_confidence`：最小支持度与最小置信度
# （取 0–1 之间的比例）。`max_len`：项集最多包含几种商品（`None` 表示不限）。`top`：表格和图中显示的规则条数。

# %% tags=["parameters"]
data = "retail"
columns = {}
min_support = 0.005
min_confidence = 0.3
max_len = None
top = 15
lang = "en"
seed = 0

# %% [markdown] lang=en
# ## Setup

# %% [markdown] lang=zh
# ## 准备工作

# %%
import pandas as pd

from crmlab import basket, datasets
from crmlab.exercises import check
from crmlab.labels import term
from crmlab.notebook import headline, say, setup

tx = setup(data, columns, lang=lang)

# %% [markdown] lang=en
# ## 1. Five baskets by hand
# For a rule $A \Rightarrow B$ over $N$ baskets, with $n(X)$ the number of baskets holding every item of $X$:
#
# $$\text{support} = \frac{n(A \cup B)}{N},\qquad \text{confidence} = \frac{n(A \cup B)}{n(A)} = P(B\mid A),
# \qquad \text{lift} = \frac{\text{confidence}}{n(B)/N}.$$
#
# Lift above 1 means B is bought more often with A than in general. The classic example
# (Tan, Steinbach & Kumar):

# %% [markdown] lang=zh
# ## 1. 手算示例：五个购物篮
# 设共有 $N$ 个购物篮，$n(X)$ 表示同时包含 $X$ 中全部商品的购物篮个数。对规则 $A \Rightarrow B$：
#
# $$\text{support} = \frac{n(A \cup B)}{N},\qquad \text{confidence} = \frac{n(A \cup B)}{n(A)} = P(B\mid A),
# \qquad \text{lift} = \frac{\text{confidence}}{n(B)/N}.$$
#
# 也就是说，支持度是 A、B 同时出现的比例，置信度是买了 A 的购物篮中也有 B 的比例（条件概率），提升度是置信度
# 与 B 本身出现比例之比：提升度大于 1，说明有了 A 之后 B 出现得比平时更频繁。下面是数据挖掘教材中的经典例子
# （Tan、Steinbach 和 Kumar），商品有 milk（牛奶）、bread（面包）、diapers（尿布）、beer（啤酒）等，
# 让人想起“啤酒与尿布”的故事：

# %%
five = basket.basket_matrix(basket.FIVE_BASKETS, sparse=False)
five.astype(int)

# %% [markdown] lang=en
# By hand (rows are numbered from 0): {milk, diapers} is in rows 2, 3, 4, so $n(A)=3$; {milk, diapers, beer}
# only in rows 2 and 3, so
# $n(A\cup B)=2$. Support $=2/5=0.4$, confidence $=2/3\approx0.67$, and beer is in 3 of 5 baskets, so
# lift $=0.67/0.6\approx1.11$. The same with pandas, then with `mine_rules`:

# %% [markdown] lang=zh
# 以规则 {milk, diapers} ⇒ beer 为例手算（行号从 0 开始）：{milk, diapers} 出现在第 2、3、4 行，$n(A)=3$；
# {milk, diapers, beer} 只出现在第 2、3 行，$n(A\cup B)=2$。于是支持度 $=2/5=0.4$，置信度 $=2/3\approx0.67$；
# beer 出现在 5 个购物篮中的 3 个，提升度 $=0.67/0.6\approx1.11$。下面先用 pandas 验算，再用 `mine_rules` 一次算出：

# %%
n_a = (five["milk"] & five["diapers"]).sum()
n_ab = (five["milk"] & five["diapers"] & five["beer"]).sum()
print(f"{term('support', lang, basket.TERMS)} = {n_ab / len(five):.2f}  "
      f"{term('confidence', lang, basket.TERMS)} = {n_ab / n_a:.2f}  "
      f"{term('lift', lang, basket.TERMS)} = {n_ab / n_a / five['beer'].mean():.2f}")
worked = basket.format_itemsets(basket.mine_rules(basket.FIVE_BASKETS, min_support=0.4, min_confidence=0.6))
worked[worked["antecedents"].isin(["diapers", "diapers, milk", "bread"]) & worked["consequents"].isin(["beer", "milk"])
       ][["antecedents", "consequents", "support", "confidence", "lift"]].round(2)

# %%
pair = worked.set_index(["antecedents", "consequents"])
db, bm = pair.loc[("diapers", "beer")], pair.loc[("bread", "milk")]
say(f"**What this tells a manager:** confidence alone misleads when the consequent is popular anyway; lift "
    f"compares with that base rate. diapers → beer and bread → milk both have confidence {db['confidence']:.2f}, "
    f"but milk is in {five['milk'].sum()} of {len(five)} baskets anyway: diapers → beer (lift {db['lift']:.2f}) "
    f"points to a pairing, bread → milk (lift {bm['lift']:.2f}) does not. "
    "(Five baskets only illustrate the arithmetic; real decisions need many baskets.)",
    f"**对管理者的启示：**如果后项本来就卖得好，只看置信度会被误导，提升度正是把置信度与后项本身的出现比例相比。"
    f"diapers → beer 和 bread → milk 的置信度都是 {db['confidence']:.2f}，但 milk 本来就出现在 {len(five)} "
    f"个购物篮中的 {five['milk'].sum()} 个：diapers → beer 的提升度为 {db['lift']:.2f}，说明两者确有搭配关系；"
    f"bread → milk 的提升度只有 {bm['lift']:.2f}，并无搭配关系。（五个购物篮只用来演示算法，真正的决策需要大量购物篮。）",
    lang=lang)

# %% [markdown] lang=en
# ## 2. The basket matrix
# One row per order, one column per product, `True` when the order holds it. Stored sparse: memory grows
# with the number of order lines, not orders × products.

# %% [markdown] lang=zh
# ## 2. 购物篮矩阵
# 每个订单（购物篮）占一行，每种商品占一列，订单中有该商品时记为 `True`。矩阵以稀疏格式存储，占用的内存随订单
# 明细行数增长，而不是随“订单数 × 商品数”增长。

# %%
matrix = basket.basket_matrix(tx)
freq = matrix.mean().sort_values(ascending=False)
say(f"{matrix.shape[0]:,} baskets × {matrix.shape[1]} products; a basket holds "
    f"{basket.basket_sizes(matrix).mean():.2f} products on average. The most frequent product, "
    f"**{freq.index[0]}**, is in {float(freq.iloc[0]):.1%} of the baskets.",
    f"共有 {matrix.shape[0]:,} 个购物篮、{matrix.shape[1]} 种商品，平均每个购物篮含 "
    f"{basket.basket_sizes(matrix).mean():.2f} 种商品。出现最多的商品是 **{freq.index[0]}**，"
    f"出现在 {float(freq.iloc[0]):.1%} 的购物篮中。", lang=lang)
ax = basket.plot_item_frequency(matrix, top=20, lang=lang)

# %% [markdown] lang=en
# ## 3. Frequent itemsets
# An itemset is frequent when its support is at least `min_support`. Every subset of a frequent itemset is
# frequent too (the Apriori property), which is what makes the search fast (FP-growth, Apriori, Eclat).

# %% [markdown] lang=zh
# ## 3. 频繁项集
# 支持度不低于 `min_support` 的项集称为频繁项集。频繁项集的任何子集也一定是频繁的（Apriori 性质），正是这一点
# 让搜索可以大幅剪枝、跑得很快（FP-growth、Apriori、Eclat 等算法都利用了它）。

# %%
itemsets = basket.frequent_itemsets(matrix, min_support=min_support, max_len=max_len)
by_size = itemsets["length"].value_counts().sort_index()
combos = basket.format_itemsets(itemsets[itemsets["length"] > 1].sort_values("support", ascending=False))
say(f"{len(itemsets):,} frequent itemsets at min_support = {min_support}: "
    + ", ".join(f"{n:,} of size {k}" for k, n in by_size.items()) + ". "
    + (f"The most frequent combination is **{combos['itemset'].iloc[0]}**, in {combos['support'].iloc[0]:.1%} "
       f"of the baskets ({combos['count'].iloc[0]:,})." if len(combos) else "No two products reach it together."),
    f"最小支持度为 {min_support} 时共有 {len(itemsets):,} 个频繁项集，其中 "
    + "、".join(f"{k} 项集 {n:,} 个" for k, n in by_size.items()) + "。"
    + (f"最常一起出现的组合是 **{combos['itemset'].iloc[0]}**，出现在 {combos['support'].iloc[0]:.1%} 的购物篮中"
       f"（{combos['count'].iloc[0]:,} 个）。" if len(combos) else "没有任何两种商品一起出现得足够频繁。"), lang=lang)
combos.head(10).round(3).rename(columns=lambda c: term(c, lang, basket.TERMS))

# %% [markdown] lang=en
# ## 4. Rules
# `single_consequent=True` keeps rules with one product on the right, as R's `arules` does. Rules are listed
# by lift, highest first. Writing $s(\cdot)$ for support, lift $= \frac{s(A\cup B)}{s(A)\,s(B)}$ (1 = independent);
# beyond lift, leverage (杠杆度) $= s(A\cup B) - s(A)s(B)$ (0 = independent) and conviction (确信度)
# $= \frac{1 - s(B)}{1 - \text{confidence}}$ (1 = independent, ∞ for rules that never fail).

# %% [markdown] lang=zh
# ## 4. 关联规则
# `single_consequent=True` 只保留后项为一种商品的规则（与 R 语言 `arules` 包的做法相同），规则按提升度从高到低排列。
# 记 $s(\cdot)$ 为支持度，则提升度 $= \frac{s(A\cup B)}{s(A)\,s(B)}$（等于 1 表示 A 与 B 相互独立）。提升度之外还有
# **杠杆度** $= s(A\cup B) - s(A)s(B)$（等于 0 表示独立）和**确信度** $= \frac{1 - s(B)}{1 - \text{confidence}}$
# （等于 1 表示独立；规则从不落空时为 ∞）。

# %%
rules = basket.mine_rules(itemsets, min_support=min_support, min_confidence=min_confidence,
                          single_consequent=True)
say(f"{len(rules):,} rules reach min_support = {min_support} and min_confidence = {min_confidence}.",
    f"同时达到最小支持度 {min_support} 和最小置信度 {min_confidence} 的规则共有 {len(rules):,} 条。", lang=lang)
if rules.empty:
    best_support = basket.suggest_min_support(matrix, min_confidence=min_confidence, max_len=max_len,
                                              single_consequent=True)
    n_best = round(best_support * len(matrix)) if best_support else 0
    say(f"The best-supported rule at this confidence is in {n_best} of {len(matrix):,} baskets; run with "
        f"min_support={best_support!r} (the largest that yields rules) or lower." if best_support else
        "No rule in two or more baskets reaches this confidence; lower min_confidence.",
        f"在这一置信度下，支持度最高的规则出现在 {len(matrix):,} 个购物篮中的 {n_best} 个；请把 min_support 设为 "
        f"{best_support!r}（能得到规则的最大值）或更低。" if best_support else
        "没有任何出现在两个及以上购物篮中的规则能达到这一置信度，请降低 min_confidence。", lang=lang)

# %%
shown = ["antecedents", "consequents", "support", "confidence", "lift", "leverage", "conviction"]
if len(rules):
    r = rules.iloc[0]
    a, b = ", ".join(r["antecedents"]), r["consequents"][0]
    say(f"The strongest rule is **{a} → {b}**: {r['confidence']:.0%} of the baskets with {a} also hold {b} "
        f"(confidence), while {b} is in {r['consequent_support']:.1%} of all baskets, so lift = {r['lift']:.2f}. "
        f"It holds in {r['count']:,} basket{'s' if r['count'] != 1 else ''} (support {r['support']:.1%}).",
        f"提升度最高的规则是 **{a} → {b}**：含有 {a} 的购物篮中有 {r['confidence']:.0%} 也含有 {b}（置信度），"
        f"而 {b} 在全部购物篮中占 {r['consequent_support']:.1%}，所以提升度 = {r['lift']:.2f}。"
        f"这条规则出现在 {r['count']:,} 个购物篮中（支持度 {r['support']:.1%}）。", lang=lang)
(basket.format_itemsets(rules)[shown].head(top).round(3)
 .rename(columns=lambda c: term(c, lang, basket.TERMS)))

# %%
def shorter(rule):
    """Rules of the table with the same consequent and fewer antecedent items."""
    keep = [c == rule["consequents"] and set(x) < set(rule["antecedents"])
            for x, c in zip(rules["antecedents"], rules["consequents"])]
    return rules[keep]


extended = [(r, shorter(r).iloc[0]) for _, r in rules.head(top).iterrows() if len(shorter(r))]
if extended:
    long, short = extended[0]
    show = [f"{', '.join(x['antecedents'])} → {x['consequents'][0]}" for x in (long, short)]
    say(f"{len(extended)} of the top {min(top, len(rules))} rules only add products to a shorter rule of the table "
        f"(e.g. **{show[0]}**, support {long['support']:.1%}, extends **{show[1]}**, support {short['support']:.1%}): "
        "look at the support before acting on such rules.",
        f"前 {min(top, len(rules))} 条规则中有 {len(extended)} 条只是在表中一条更短的规则上多加了商品（例如 **{show[0]}**，"
        f"支持度 {long['support']:.1%}，是在 **{show[1]}**（支持度 {short['support']:.1%}）上扩展而来）："
        "依据这类规则行动之前，先看看它的支持度。", lang=lang)

# %% [markdown] lang=en
# ### Over baskets or over customers? (course text vs literature)
# The course text (review questions, text 004) counts support and confidence over **customers**: support of
# $a \Rightarrow b$ = customers who bought both $a$ and $b$ / all customers. This chapter, like the
# literature (Agrawal, Imieliński & Swami 1993) and mining software such as R's `arules` and mlxtend, counts
# over **baskets** (orders). A customer who buys $a$ in one order and $b$ in the next counts for the course's
# rule but not for the basket rule. (The course writes $P(a \cap b)$, the event "bought $a$ and bought $b$";
# the literature writes $s(A \cup B)$, the union of the two item sets that a basket must hold — the same
# thing.) `basket_matrix(tx, order="customer_id")` makes one basket per customer; the same strongest rule,
# counted both ways:

# %% [markdown] lang=zh
# ### 按购物篮还是按客户计数？（教材 vs 文献）
# 教材（复习题，文本 004）按**客户人数**定义：支持度 = 同时购买 a 和 b 的客户人数 / 总客户人数，置信度 = 同时购买
# a 和 b 的客户人数 / 购买 a 的客户人数。本章与文献（Agrawal、Imieliński 和 Swami，1993）以及 R 的 `arules`、
# Python 的 mlxtend 等挖掘软件一样，按**购物篮（订单）**计数：一位客户这次买了 a、下次才买 b，在教材的口径下算
# “同时购买”，在购物篮口径下却不算。（教材写作 $P(a \cap b)$，指“买了 a”与“买了 b”两个事件同时发生；文献写作
# $s(A \cup B)$，指购物篮必须包含两个商品集合的并集——说的是同一件事。）`basket_matrix(tx, order="customer_id")`
# 把每位客户的全部购买合成一个购物篮。下面把同一条提升度最高的规则按两种口径各算一遍：

# %%
customers = basket.basket_matrix(tx, order="customer_id")
if len(rules):
    a, b = rules["antecedents"].iloc[0], rules["consequents"].iloc[0]
    # The same rule mined from the customer baskets, restricted to its own items (so it is quick).
    per_customer = basket.mine_rules(customers[list(a + b)], min_support=1 / len(customers), min_confidence=0)
    same = per_customer[[x == a and y == b for x, y in zip(per_customer["antecedents"], per_customer["consequents"])]]
    measures = ["support", "confidence", "lift"]
    both_ways = pd.DataFrame({"baskets": rules.iloc[0][measures].astype(float),
                              "customers": same.iloc[0][measures].astype(float)})
    rule_text = f"{', '.join(a)} → {b[0]}"
(both_ways.round(3).rename(index=lambda k: term(k, lang, basket.TERMS),
                           columns=lambda c: term(f"counted_over_{c}", lang, basket.TERMS))
 if len(rules) else None)

# %%
if len(rules):
    (s_b, s_c), (l_b, l_c) = both_ways.loc["support"], both_ways.loc["lift"]
    cmp_en = "more than" if s_c > s_b else "less than" if s_c < s_b else "the same as"
    cmp_zh = "高于" if s_c > s_b else "低于" if s_c < s_b else "等于"
    say(f"Over {len(customers):,} customers the rule **{rule_text}** has support {s_c:.1%} ({cmp_en} {s_b:.1%} over "
        f"baskets) and lift {l_c:.2f} (against {l_b:.2f} over baskets)."
        + (" A customer can have several baskets and counts as soon as the items appear in any of them, even in "
           "different orders." if s_c > s_b else "")
        + " The course's definition describes who buys both; a basket rule, what goes into one order — the one "
        "to use for a checkout suggestion.",
        f"按 {len(customers):,} 位客户计算，规则 **{rule_text}** 的支持度为 {s_c:.1%}（{cmp_zh}按购物篮计算的 "
        f"{s_b:.1%}），提升度为 {l_c:.2f}（按购物篮为 {l_b:.2f}）。"
        + ("一位客户可以有多个购物篮，只要这些商品在他的任何订单中出现过（哪怕分在不同订单里），就算一次。"
           if s_c > s_b else "")
        + "教材的口径描述“哪些客户两样都买”，购物篮口径描述“哪些商品进了同一张订单”——结账时的推荐应该用后者。",
        lang=lang)

# %% [markdown] lang=en
# ### The planted rules
# The synthetic retailer was generated with a few planted rules (antecedent → consequent with a probability),
# listed in the table below.
# Are they found, and with what confidence and lift? (An empty cell means the rule is not found at these
# thresholds; data sets other than the synthetic ones have no planted rules, so their columns stay empty.)

# %% [markdown] lang=zh
# ### 预设规则
# 模拟零售数据在生成时预设了若干条规则（前项 → 后项，以一定概率发生），条数见下表。挖掘能否把它们找回来？置信度和提升度各是多少？
# （空白单元格表示在当前阈值下没有找到这条规则；模拟数据以外的数据集没有预设规则，这几列会是空的。）

# %%
found = rules.assign(antecedents=rules["antecedents"], consequent=[c[0] for c in rules["consequents"]])
planted = pd.DataFrame(datasets.PLANTED_RULES, columns=["antecedents", "consequent", "planted_probability"])
planted["antecedents"] = [tuple(sorted(a)) for a in planted["antecedents"]]
check_planted = planted.merge(found[["antecedents", "consequent", "confidence", "lift", "consequent_support"]],
                              on=["antecedents", "consequent"], how="left")
basket.format_itemsets(check_planted).round(2).rename(columns=lambda c: term(c, lang, basket.TERMS))

# %%
hit = basket.format_itemsets(check_planted.dropna(subset=["lift"]))
say("None of the planted rules is found here: only the synthetic retailer (`retail`, `synthetic:<seed>`) has them.",
    "这里一条预设规则也没有找到：只有模拟零售数据（`retail`、`synthetic:<种子>`）才有预设规则。",
    lang=lang, when=hit.empty)
if len(hit):
    low, high = hit.loc[hit["lift"].idxmin()], hit.loc[hit["lift"].idxmax()]
    above = int((hit["confidence"] >= hit["planted_probability"]).sum())
    found_en = f"All {len(hit)}" if len(hit) == len(planted) else f"{len(hit)} of the {len(planted)}"
    span_en, span_zh = ((f"from {low['lift']:.2f} to {high['lift']:.2f}", f"在 {low['lift']:.2f} 到 {high['lift']:.2f} 之间")
                        if len(hit) > 1 else (f"{low['lift']:.2f}", f"为 {low['lift']:.2f}"))
    say(f"**What this tells a manager:** {found_en} planted rules {'is' if len(hit) == 1 else 'are'} found, with lift {span_en}; "
        f"{'all' if above == len(hit) else above} of them have a confidence at or above the "
        "planted probability (customers who buy the consequent anyway add to it).",
        f"**对管理者的启示：**{len(planted)} 条预设规则"
        + ("全部找回" if len(hit) == len(planted) else f"找回了 {len(hit)} 条")
        + f"，提升度{span_zh}；"
        + ("它们的" if above == len(hit) else f"其中 {above} 条的")
        + "置信度不低于预设概率（本来就会买后项的客户也计入其中）。", lang=lang)

# %%
if len(hit) > 1 and low["consequent_support"] > high["consequent_support"]:
    say(f"Lift differs a lot: the lowest, {low['antecedents']} → {low['consequent']}, leads to a popular product "
        f"(in {low['consequent_support']:.1%} of the baskets), the highest, {high['antecedents']} → "
        f"{high['consequent']}, to a niche one ({high['consequent_support']:.1%}). However reliable a rule to a "
        "best-seller is, its lift stays low.",
        f"各规则的提升度差别很大：最低的 {low['antecedents']} → {low['consequent']} 指向一种畅销商品（出现在 "
        f"{low['consequent_support']:.1%} 的购物篮中），最高的 {high['antecedents']} → {high['consequent']} 指向一种"
        f"小众商品（{high['consequent_support']:.1%}）。指向畅销品的规则再可靠，提升度也高不起来。", lang=lang)

# %% [markdown] lang=en
# ## 5. Pruning and constraints
# A rule $A \Rightarrow C$ is **redundant** when a more general rule $A' \Rightarrow C$ with $A' \subset A$ is at
# least as confident. **Maximal** itemsets (极大频繁项集) have no frequent superset; **closed** ones (闭频繁项集)
# have no superset with the same support — compact summaries of all frequent itemsets. Closed itemsets
# lose no information, so they shrink the list only when some itemset always comes with another item
# (compare the counts below); maximal itemsets shrink it more but forget the supports.

# %% [markdown] lang=zh
# ## 5. 规则剪枝与约束
# 如果存在一条更一般的规则 $A' \Rightarrow C$（$A' \subset A$），其置信度不低于 $A \Rightarrow C$，那么后者就是
# **冗余规则**。**极大频繁项集**没有任何频繁的超集；**闭频繁项集**没有支持度与它相同的超集——两者都是全部频繁项集的
# 压缩表示。闭频繁项集不丢失任何信息，所以只有当某个项集总是伴随另一种商品出现时，它才会让列表变短（比较下面的个数）；
# 极大频繁项集压缩得更多，但丢掉了支持度。

# %%
pruned = basket.prune_redundant(rules)
n_closed, n_maximal = len(basket.closed_itemsets(itemsets)), len(basket.maximal_itemsets(itemsets))
summary = pd.Series({"rules": len(rules), "non_redundant_rules": len(pruned), "frequent_itemsets": len(itemsets),
                     "closed_itemsets": n_closed, "maximal_itemsets": n_maximal})
say(f"Pruning keeps {len(pruned):,} of {len(rules):,} rules. "
    + ("Every frequent itemset is closed here: no itemset always comes with another product. "
       if n_closed == len(itemsets) else f"{n_closed:,} of {len(itemsets):,} frequent itemsets are closed. ")
    + f"{n_maximal:,} are maximal.",
    f"剪枝后保留了 {len(rules):,} 条规则中的 {len(pruned):,} 条。"
    + ("这里每个频繁项集都是闭的：没有哪个项集总是伴随另一种商品出现。"
       if n_closed == len(itemsets) else f"{len(itemsets):,} 个频繁项集中有 {n_closed:,} 个是闭频繁项集。")
    + f"极大频繁项集有 {n_maximal:,} 个。", lang=lang)
summary.rename(index=lambda k: term(k, lang, basket.TERMS)).to_frame(term("number", lang, basket.TERMS))

# %% [markdown] lang=en
# Constraints answer a business question. What leads to buying the consequent of the strongest (highest-lift)
# rule? Among the non-redundant rules:

# %% [markdown] lang=zh
# 约束条件对应的是业务问题。以提升度最高那条规则的后项为目标：哪些商品会带动它的销售？在非冗余规则中查找：

# %%
target = rules["consequents"].iloc[0][0] if len(rules) else None
say(f"Rules leading to **{target}**:" if target else "No rule, so no consequent to ask about.",
    f"后项为 **{target}** 的规则：" if target else "没有规则，也就没有可以查询的后项。", lang=lang)
(basket.format_itemsets(basket.filter_rules(pruned, consequent=target))[shown].head(10).round(3)
 .rename(columns=lambda c: term(c, lang, basket.TERMS)))

# %% [markdown] lang=en
# ## 6. Seeing the rules
# Support against confidence, coloured by lift: the bright points are the rules with the highest lift; see
# where they sit on the support axis. The matrix and the graph show which products pull which.

# %% [markdown] lang=zh
# ## 6. 规则可视化
# 散点图的横轴是支持度、纵轴是置信度，颜色表示提升度：越亮的点提升度越高，看看它们落在支持度的哪一段。
# 矩阵图和网络图则显示哪些商品带动了哪些商品。

# %%
ax = basket.plot_rules_scatter(rules, lang=lang)

# %%
strong = rules.nlargest(max(1, len(rules) // 10), "lift")
say(f"The {len(strong)} rules with the highest lift (the brightest tenth) have a median support of "
    f"{strong['support'].median():.2%}, against {rules['support'].median():.2%} for all rules.",
    f"提升度最高的 {len(strong)} 条规则（最亮的十分之一）的支持度中位数为 {strong['support'].median():.2%}，"
    f"全部规则则为 {rules['support'].median():.2%}。", lang=lang, when=len(rules) >= 20)

# %%
ax = basket.plot_rule_matrix(pruned, top=top, lang=lang)

# %%
ax = basket.plot_rule_graph(pruned, top=top, lang=lang, seed=seed)

# %% [markdown] lang=en
# ## 7. Cross-selling
# For a basket, every rule whose antecedent is in the basket "fires"; each product not yet in the basket is
# scored by the best confidence among the rules that suggest it, and the rule is the explanation. We take,
# among the first 500 orders, the one with the strongest (highest-lift) suggestion.

# %% [markdown] lang=zh
# ## 7. 交叉销售
# 对一个购物篮来说，凡是前项全部在篮中的规则都会被“触发”；篮中还没有的每种商品，按推荐它的规则中最高的置信度打分，
# 触发的那条规则就是推荐理由。下面在前 500 个订单中，挑出推荐最强（提升度最高）的那个购物篮来演示。

# %%
first_orders = tx["order_id"].drop_duplicates().sort_values().head(500)
orders = tx[tx["order_id"].isin(first_orders)].groupby("order_id", sort=True)["product"].agg(lambda s: sorted(set(s)))


def best_lift(items):
    rec = basket.recommend(pruned, items, top=1)
    return rec["lift"].iloc[0] if len(rec) else 0.0


example = max(orders, key=best_lift) if len(orders) else []
suggestions = basket.recommend(pruned, example, top=5)
say(f"Basket: {', '.join(example)}", f"购物篮：{', '.join(example)}", lang=lang)
(suggestions.round(3).rename(columns=lambda c: term(c, lang, basket.TERMS))
 .rename_axis(term("item", lang, basket.TERMS)))

# %%
if len(suggestions):
    item, first = suggestions.index[0], suggestions.iloc[0]
    why = first["because"].split(" → ")[0]
    weak, w = (suggestions["lift"].idxmin(), suggestions["lift"].min()) if len(suggestions) > 1 else (None, None)
    say(f"**What this tells a manager:** suggest **{item}** next to the checkout or in the \"frequently bought "
        f"together\" box, and say why: {first['confidence']:.0%} of the orders with {why} also held {item} "
        f"(lift {first['lift']:.2f})." + ("" if weak is None else f" The weakest suggestion, {weak}, has lift {w:.2f}: "
        + ("no better than chance — drop it." if w <= 1 else "above 1, but it sells almost as often without the rule."
           if w < 1.5 else "still well above chance.")),
        f"**对管理者的启示：**把 **{item}** 放在收银台旁或“经常一起购买”栏目中推荐，并说明理由：含有 {why} 的订单中有 "
        f"{first['confidence']:.0%} 也买了 {item}（提升度 {first['lift']:.2f}）。" + ("" if weak is None else
        f"最弱的推荐 {weak} 提升度为 {w:.2f}：" + ("不高于随机水平（提升度不大于 1），应当去掉。" if w <= 1 else
        "虽大于 1，但没有这条规则它也卖得差不多。" if w < 1.5 else "仍明显高于随机水平。")), lang=lang)
say("No rule fires on these orders: nothing to suggest.", "这些订单没有触发任何规则，没有可推荐的商品。",
    lang=lang, when=suggestions.empty)

# %% [markdown] lang=en
# Before acting on any rule, check that its lift is above 1: a high-confidence rule to a best-seller adds nothing.

# %% [markdown] lang=zh
# 依据任何规则行动之前，都先确认它的提升度大于 1：指向畅销品的规则置信度再高，也不会带来额外的销售。

# %% [markdown] lang=en
# ## Exercises
# Ten exercises of four kinds: **compute** (on your own `tx`, about a rule the notebook does not print),
# **interpret** (choose the right reading of your result), **decide** (choose the rule for a cross-selling
# campaign and justify it; your instructor marks it with a rubric) and **concept check** (true/false and multiple
# choice on the course's definitions). The compute questions count over **baskets** (orders), as this chapter
# does, except basket.4, which asks for the course text's counting over **customers**. Each card states the
# question; write your answer as `answer = ...` and run the `check(...)` cell: it prints ✓, or names the mistake
# your answer reveals — never the answer.
#
# The compute questions are about the rule **A → B** between the two products in the most baskets of your `tx`:

# %% [markdown] lang=zh
# ## 练习
# 本章共 10 道练习，分四类：**计算题**（用你自己的 `tx` 计算一条上文没有列出的规则）、**解读题**（为你的结果选出正确的
# 解读）、**决策题**（为交叉销售活动选一条规则并说明理由，由老师按评分标准批改）和**概念题**（判断题、选择题，考查教材中的
# 定义）。计算题与本章一样按**购物篮（订单）**计数；只有 basket.4 要求按教材的口径、以**客户人数**计数。每张题卡给出
# 题目；把答案写成 `answer = ...`，再运行下面的 `check(...)`：答对显示 ✓，答错会指出你的答案暴露了什么错误——但不会
# 直接给出答案。
#
# 计算题针对的是你的 `tx` 中出现在最多购物篮里的两种商品之间的规则 **A → B**：

# %%
from crmlab.exercises import show  # the cards (section 4 uses the name `show` for a list)

item_a, item_b = sorted(matrix.columns, key=lambda p: (-int(matrix[p].sum()), p))[:2]
say(f"A = **{item_a}**, B = **{item_b}**", f"A = **{item_a}**，B = **{item_b}**", lang=lang)

# %%
show("basket.1", lang=lang)

# %% tags=["solution"]
answer = (matrix[item_a] & matrix[item_b]).sum() / matrix[item_a].sum()  # P(B | A): divide by the baskets with A

# %%
check("basket.1", answer, data=tx, lang=lang)

# %%
show("basket.2", lang=lang)

# %% tags=["solution"]
answer = (matrix[item_a] & matrix[item_b]).mean() / (matrix[item_a].mean() * matrix[item_b].mean())

# %%
check("basket.2", answer, data=tx, lang=lang)

# %%
show("basket.3", lang=lang)

# %% tags=["solution"]
answer = round(100 * (matrix[item_a] & matrix[item_b]).mean(), 2)  # over baskets (rows of the basket matrix)

# %%
check("basket.3", answer, data=tx, lang=lang)

# %%
show("basket.4", lang=lang)

# %% tags=["solution"]
answer = (customers[item_a] & customers[item_b]).sum() / customers[item_a].sum()  # one basket per customer

# %%
check("basket.4", answer, data=tx, lang=lang)

# %%
show("basket.5", lang=lang)

# %% tags=["solution"]
answer = (lambda lift: "a" if lift > 1.25 else "c" if lift < 0.8 else "b")(
    (matrix[item_a] & matrix[item_b]).mean() / (matrix[item_a].mean() * matrix[item_b].mean()))

# %%
check("basket.5", answer, data=tx, lang=lang)

# %%
show("basket.6", lang=lang)

# %% tags=["solution"]
# c: lift 3.1 — the suggestion makes tomato sauce three times as likely as in general — and 3.5 % support reaches
# about 700 baskets a month. a reaches about 10 baskets; b has lift below 1 (milk sells as well without bread, its
# high confidence only reflects a best-seller); d barely beats chance.
answer = "c"

# %%
check("basket.6", answer, lang=lang)

# %%
show("basket.7", lang=lang)

# %% tags=["solution"]
answer = "false"

# %%
check("basket.7", answer, lang=lang)

# %%
show("basket.8", lang=lang)

# %% tags=["solution"]
answer = "c"

# %%
check("basket.8", answer, lang=lang)

# %%
show("basket.9", lang=lang)

# %% tags=["solution"]
answer = "b"

# %%
check("basket.9", answer, lang=lang)

# %%
show("basket.10", lang=lang)

# %% tags=["solution"]
answer = "true"

# %%
check("basket.10", answer, lang=lang)

# %% [markdown] lang=en
# ## Summary and further reading
# - Support, confidence and lift describe a rule; lift (and leverage, conviction) corrects for popular products.
# - Frequent itemsets come first; rules are split from them. Pruning and constraints keep the list short.
# - Rules become cross-selling suggestions, each with its reason.
# - The course text counts support and confidence over customers; this chapter, like the literature, over baskets.
#
# Agrawal, Imieliński & Swami (1993), *Mining association rules between sets of items in large databases*, SIGMOD ·
# Agrawal & Srikant (1994), *Fast algorithms for mining association rules*, VLDB ·
# Brin, Motwani, Ullman & Tsur (1997), *Dynamic itemset counting and implication rules* (conviction) ·
# Han, Pei & Yin (2000), *Mining frequent patterns without candidate generation* (FP-growth) ·
# Zaki (2000), *Scalable algorithms for association mining* (Eclat) ·
# Hahsler, Grün & Hornik (2005), *arules — a computational environment for mining association rules*, JSS ·
# Tan, Steinbach & Kumar (2005), *Introduction to Data Mining*, ch. 6 (the five-basket example).

# %% [markdown] lang=zh
# ## 小结与延伸阅读
# - 支持度、置信度和提升度共同描述一条规则；提升度（以及杠杆度、确信度）校正了畅销商品带来的假象。
# - 先找频繁项集，再由频繁项集拆分出规则；剪枝和约束条件让规则列表保持精简。
# - 规则可以直接变成交叉销售推荐，每条推荐都有理由可讲。
# - 教材按客户人数计算支持度和置信度，本章与文献一样按购物篮（订单）计算，两种口径回答的是不同的问题。
#
# Agrawal, Imieliński & Swami (1993), *Mining association rules between sets of items in large databases*, SIGMOD ·
# Agrawal & Srikant (1994), *Fast algorithms for mining association rules*, VLDB ·
# Brin, Motwani, Ullman & Tsur (1997), *Dynamic itemset counting and implication rules*（确信度）·
# Han, Pei & Yin (2000), *Mining frequent patterns without candidate generation*（FP-growth）·
# Zaki (2000), *Scalable algorithms for association mining*（Eclat）·
# Hahsler, Grün & Hornik (2005), *arules — a computational environment for mining association rules*, JSS ·
# Tan, Steinbach & Kumar (2005), *Introduction to Data Mining*, 第 6 章（五个购物篮的例子）。

# %%
best = rules.sort_values(["lift", "confidence"], ascending=False).head(1)
if len(best):
    best_rule, best_lift = f"{', '.join(best['antecedents'].iloc[0])} → {', '.join(best['consequents'].iloc[0])}", \
        best["lift"].iloc[0]
    top_rule = f"{best_rule} (lift {best_lift:.2f})" if lang == "en" else f"{best_rule}（提升度 {best_lift:.2f}）"
else:
    top_rule = "none" if lang == "en" else "无"
headline(baskets=int(matrix.shape[0]), rules=len(rules), non_redundant_rules=len(pruned), top_rule=top_rule,
         lang=lang)
