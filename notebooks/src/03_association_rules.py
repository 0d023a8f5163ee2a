# Source of crmlab/notebooks/{en,zh}/03_association_rules.ipynb — edit here, then `make notebooks SRC=notebooks/src/03_association_rules.py`.

# %% [markdown]
# # Association rules and cross-selling · 关联规则与交叉销售
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

# %% [markdown]
# ## Parameters
# `data`: a bundled name (`"retail"`), `"synthetic:<seed>"` or a path with its `columns` mapping; it needs an
# order id and a product column. `min_support`, `min_confidence`: rule thresholds (shares, 0–1).
# `max_len`: largest itemset (`None` = no limit). `top`: rules shown in tables and plots.

# %% tags=["parameters"]
data = "retail"
columns = {}
min_support = 0.005
min_confidence = 0.3
max_len = None
top = 15
lang = "en"
seed = 0

# %% [markdown]
# ## Setup

# %%
import pandas as pd

from crmlab import basket, datasets
from crmlab.exercises import check
from crmlab.labels import term
from crmlab.notebook import headline, setup

tx = setup(data, columns, lang=lang)

# %% [markdown]
# ## 1. Five baskets by hand · 手算示例
# For a rule $A \Rightarrow B$ over $N$ baskets, with $n(X)$ the number of baskets holding every item of $X$:
#
# $$\text{support} = \frac{n(A \cup B)}{N},\qquad \text{confidence} = \frac{n(A \cup B)}{n(A)} = P(B\mid A),
# \qquad \text{lift} = \frac{\text{confidence}}{n(B)/N}.$$
#
# Lift above 1 means B is bought more often with A than in general. The classic example
# (Tan, Steinbach & Kumar):

# %%
five = basket.basket_matrix(basket.FIVE_BASKETS, sparse=False)
five.astype(int)

# %% [markdown]
# By hand (rows are numbered from 0): {milk, diapers} is in rows 2, 3, 4, so $n(A)=3$; {milk, diapers, beer}
# only in rows 2 and 3, so
# $n(A\cup B)=2$. Support $=2/5=0.4$, confidence $=2/3\approx0.67$, and beer is in 3 of 5 baskets, so
# lift $=0.67/0.6\approx1.11$. The same with pandas, then with `mine_rules`:

# %%
n_a = (five["milk"] & five["diapers"]).sum()
n_ab = (five["milk"] & five["diapers"] & five["beer"]).sum()
print(f"support={n_ab / len(five):.2f} confidence={n_ab / n_a:.2f} lift={n_ab / n_a / five['beer'].mean():.2f}")
worked = basket.format_itemsets(basket.mine_rules(basket.FIVE_BASKETS, min_support=0.4, min_confidence=0.6))
worked[worked["antecedents"].isin(["diapers", "diapers, milk", "bread"]) & worked["consequents"].isin(["beer", "milk"])
       ][["antecedents", "consequents", "support", "confidence", "lift"]].round(2)

# %% [markdown]
# **What this tells a manager:** confidence alone misleads when the consequent is popular anyway;
# lift compares with that base rate. diapers → beer and bread → milk both have confidence 0.75, but milk is
# in 4 of 5 baskets anyway: diapers → beer (lift 1.25) points to a pairing, bread → milk does not (lift < 1).
# (Five baskets only illustrate the arithmetic; real decisions need many baskets.)

# %% [markdown]
# ## 2. The basket matrix · 购物篮矩阵
# One row per order, one column per product, `True` when the order holds it. Stored sparse: memory grows
# with the number of order lines, not orders × products.

# %%
matrix = basket.basket_matrix(tx)
print(f"{matrix.shape[0]:,} baskets × {matrix.shape[1]} products, "
      f"mean basket size {basket.basket_sizes(matrix).mean():.2f}")
ax = basket.plot_item_frequency(matrix, top=20, lang=lang)

# %% [markdown]
# ## 3. Frequent itemsets · 频繁项集
# An itemset is frequent when its support is at least `min_support`. Every subset of a frequent itemset is
# frequent too (the Apriori property), which is what makes the search fast (FP-growth, Apriori, Eclat).

# %%
itemsets = basket.frequent_itemsets(matrix, min_support=min_support, max_len=max_len)
print(itemsets["length"].value_counts().sort_index().to_dict())
basket.format_itemsets(itemsets[itemsets["length"] > 1]).head(10).round(3)

# %% [markdown]
# ## 4. Rules · 关联规则
# `single_consequent=True` keeps rules with one product on the right, as R's `arules` does. Rules are listed
# by lift, highest first. Writing $s(\cdot)$ for support, lift $= \frac{s(A\cup B)}{s(A)\,s(B)}$ (1 = independent);
# beyond lift, leverage (杠杆度) $= s(A\cup B) - s(A)s(B)$ (0 = independent) and conviction (确信度)
# $= \frac{1 - s(B)}{1 - \text{confidence}}$ (1 = independent, ∞ for rules that never fail).

# %%
rules = basket.mine_rules(itemsets, min_support=min_support, min_confidence=min_confidence,
                          single_consequent=True)
print(len(rules), "rules")
if rules.empty:
    best_support = basket.suggest_min_support(matrix, min_confidence=min_confidence, max_len=max_len,
                                              single_consequent=True)
    print(f"No rule reaches min_support={min_support} and min_confidence={min_confidence}: "
          + (f"the best-supported rule is in {round(best_support * len(matrix))} of {len(matrix):,} baskets; "
             f"run with min_support={best_support!r} (the largest that yields rules) or lower."
             if best_support else "no rule in two or more baskets reaches this confidence; lower min_confidence."))
shown = ["antecedents", "consequents", "support", "confidence", "lift", "leverage", "conviction"]
(basket.format_itemsets(rules)[shown].head(top).round(3)
 .rename(columns=lambda c: term(c, lang, basket.TERMS)))

# %% [markdown]
# ### The planted rules · 预设规则
# The synthetic retailer was generated with five planted rules (antecedent → consequent with a probability).
# Are they found, and with what confidence and lift? (An empty cell means the rule is not found at these
# thresholds; data sets other than the synthetic ones have no planted rules, so their columns stay empty.)

# %%
found = rules.assign(antecedents=rules["antecedents"], consequent=[c[0] for c in rules["consequents"]])
planted = pd.DataFrame(datasets.PLANTED_RULES, columns=["antecedents", "consequent", "planted_probability"])
planted["antecedents"] = [tuple(sorted(a)) for a in planted["antecedents"]]
check_planted = planted.merge(found[["antecedents", "consequent", "confidence", "lift"]],
                              on=["antecedents", "consequent"], how="left")
basket.format_itemsets(check_planted).round(2)

# %% [markdown]
# **What this tells a manager:** the planted pairings are found with lift well above 1, and their
# confidence sits at or somewhat above the planted probability, because some customers buy the consequent
# anyway. Their lift differs a lot: a rule to a popular product (such as tomato sauce or milk) has a lower
# lift than a rule to a niche one, however reliable it is. The top of the rule table above is often the
# same pairing again with one more product added — look at the support before acting on such rules.

# %% [markdown]
# ## 5. Pruning and constraints · 规则剪枝与约束
# A rule $A \Rightarrow C$ is **redundant** when a more general rule $A' \Rightarrow C$ with $A' \subset A$ is at
# least as confident. **Maximal** itemsets (极大频繁项集) have no frequent superset; **closed** ones (闭频繁项集)
# have no superset with the same support — compact summaries of all frequent itemsets. Closed itemsets
# lose no information, so they shrink the list only when some itemset always comes with another item
# (compare the counts below); maximal itemsets shrink it more but forget the supports.

# %%
pruned = basket.prune_redundant(rules)
summary = pd.Series({"rules": len(rules), "non-redundant rules": len(pruned), "frequent itemsets": len(itemsets),
                     "closed itemsets": len(basket.closed_itemsets(itemsets)),
                     "maximal itemsets": len(basket.maximal_itemsets(itemsets))})
summary.to_frame("count")

# %% [markdown]
# Constraints answer a business question. What leads to buying the consequent of the strongest (highest-lift)
# rule? Among the non-redundant rules:

# %%
target = rules["consequents"].iloc[0][0] if len(rules) else None
print("consequent:", target)
basket.format_itemsets(basket.filter_rules(pruned, consequent=target))[shown].head(10).round(3)

# %% [markdown]
# ## 6. Seeing the rules · 规则可视化
# Support against confidence, coloured by lift: the interesting rules are the bright points, often at low
# support. The matrix and the graph show which products pull which.

# %%
ax = basket.plot_rules_scatter(rules, lang=lang)

# %%
ax = basket.plot_rule_matrix(pruned, top=top, lang=lang)

# %%
ax = basket.plot_rule_graph(pruned, top=top, lang=lang, seed=seed)

# %% [markdown]
# ## 7. Cross-selling · 交叉销售
# For a basket, every rule whose antecedent is in the basket "fires"; each product not yet in the basket is
# scored by the best confidence among the rules that suggest it, and the rule is the explanation. We take,
# among the first 500 orders, the one with the strongest (highest-lift) suggestion.

# %%
first_orders = tx["order_id"].drop_duplicates().sort_values().head(500)
orders = tx[tx["order_id"].isin(first_orders)].groupby("order_id", sort=True)["product"].agg(lambda s: sorted(set(s)))


def best_lift(items):
    rec = basket.recommend(pruned, items, top=1)
    return rec["lift"].iloc[0] if len(rec) else 0.0


example = max(orders, key=best_lift) if len(orders) else []
print("basket:", ", ".join(example))
basket.recommend(pruned, example, top=5).round(3)

# %% [markdown]
# **What this tells a manager:** put the suggested product next to the checkout or in the "frequently bought
# together" box, and say why ("customers who buy pasta usually also take tomato sauce"). Check lift > 1
# before acting: a high-confidence rule to a best-seller adds nothing.

# %% [markdown]
# ## Exercises · 练习
# Compute each answer and check it. The check prints ✓ or a hint.
#
# **1.** In the five baskets, what is the confidence of {milk, diapers} → beer?

# %% tags=["solution"]
answer = 2 / 3

# %%
check("basket.1", answer)

# %% [markdown]
# **2.** In the five baskets, what is the lift of diapers → beer?

# %% tags=["solution"]
answer = (3 / 4) / (3 / 5)

# %%
check("basket.2", answer)

# %% [markdown]
# **3.** How many pairs of products reach `min_support` in `tx`?

# %% tags=["solution"]
answer = int((basket.frequent_itemsets(tx, min_support=min_support)["length"] == 2).sum())

# %%
check("basket.3", answer, data=tx, min_support=min_support)

# %% [markdown]
# **4.** How many single-consequent rules are left after removing redundant ones (with this notebook's
# thresholds and `max_len`)?

# %% tags=["solution"]
answer = len(basket.prune_redundant(basket.mine_rules(tx, min_support=min_support, min_confidence=min_confidence,
                                                      max_len=max_len, single_consequent=True)))

# %%
check("basket.4", answer, data=tx, min_support=min_support, min_confidence=min_confidence, max_len=max_len)

# %% [markdown]
# ## Summary and further reading
# - Support, confidence and lift describe a rule; lift (and leverage, conviction) corrects for popular products.
# - Frequent itemsets come first; rules are split from them. Pruning and constraints keep the list short.
# - Rules become cross-selling suggestions, each with its reason.
#
# Agrawal, Imieliński & Swami (1993), *Mining association rules between sets of items in large databases*, SIGMOD ·
# Agrawal & Srikant (1994), *Fast algorithms for mining association rules*, VLDB ·
# Brin, Motwani, Ullman & Tsur (1997), *Dynamic itemset counting and implication rules* (conviction) ·
# Han, Pei & Yin (2000), *Mining frequent patterns without candidate generation* (FP-growth) ·
# Zaki (2000), *Scalable algorithms for association mining* (Eclat) ·
# Hahsler, Grün & Hornik (2005), *arules — a computational environment for mining association rules*, JSS ·
# Tan, Steinbach & Kumar (2005), *Introduction to Data Mining*, ch. 6 (the five-basket example).

# %%
best = rules.sort_values(["lift", "confidence"], ascending=False).head(1)
top_rule = (f"{', '.join(best['antecedents'].iloc[0])} → {', '.join(best['consequents'].iloc[0])} "
            f"(lift {best['lift'].iloc[0]:.2f})") if len(best) else "none"
headline(baskets=int(matrix.shape[0]), rules=len(rules), non_redundant_rules=len(pruned), top_rule=top_rule)
