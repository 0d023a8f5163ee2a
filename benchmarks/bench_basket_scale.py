"""Benchmark: chapter 03's calls at the sizes that overflowed int32 (issue 12).

Two shapes, each in its own subprocess:
- ``wide``: 667,000 baskets × 5,000 products (Zipf popularity, basket size 1 + Poisson(7));
- ``long-tail``: 300,000 baskets with 1,000,000 distinct products (every product bought at least once).

Peak memory is measured from the in-memory long frame on (the peak is reset after generating it), and
includes the frame itself. Timed from the in-memory long frame through what the notebook calls: ``basket_matrix``,
``basket_sizes``, ``plot_item_frequency``, ``frequent_itemsets``, ``mine_rules`` (single consequent),
``prune_redundant``, then ``mine_rules`` straight from the long frame (the exercise check).

Usage::

    python benchmarks/bench_basket_scale.py            # both shapes
    python benchmarks/bench_basket_scale.py wide
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

SHAPES = {"wide": (667_000, 5_000, False), "long-tail": (300_000, 1_000_000, True)}
MIN_SUPPORT, MIN_CONFIDENCE = 0.005, 0.3


def make_lines(baskets: int, items: int, every_item: bool, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sizes = 1 + rng.poisson(7, baskets)
    weights = 1.0 / np.arange(1, items + 1)
    product = rng.choice(items, size=int(sizes.sum()), p=weights / weights.sum())
    if every_item:
        product[:items] = np.arange(items)
    labels = np.char.add("p", np.arange(items).astype(str))
    return pd.DataFrame({"order_id": np.repeat(np.arange(baskets), sizes).astype(str),
                         "product": pd.Series(labels[product], dtype="string")})


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def current_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(shape: str) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    import gc

    from crmlab import basket

    tx = make_lines(*SHAPES[shape])
    gc.collect()
    after_data = current_mb()
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to what is resident now
    times = {}
    start = time.perf_counter()
    matrix = basket.basket_matrix(tx)
    times["basket_matrix"] = time.perf_counter() - start
    sizes = basket.basket_sizes(matrix)
    basket.plot_item_frequency(matrix, top=20)
    times["sizes+plot"] = time.perf_counter() - start - sum(times.values())
    itemsets = basket.frequent_itemsets(matrix, min_support=MIN_SUPPORT)
    times["frequent_itemsets"] = time.perf_counter() - start - sum(times.values())
    rules = basket.mine_rules(itemsets, min_support=MIN_SUPPORT, min_confidence=MIN_CONFIDENCE, single_consequent=True)
    pruned = basket.prune_redundant(rules)
    times["rules+prune"] = time.perf_counter() - start - sum(times.values())
    direct = basket.mine_rules(tx, min_support=MIN_SUPPORT, min_confidence=MIN_CONFIDENCE, single_consequent=True)
    times["mine_rules(long frame)"] = time.perf_counter() - start - sum(times.values())
    return {"shape": list(matrix.shape), "lines": len(tx), "mean_size": float(sizes.mean()),
            "itemsets": len(itemsets), "rules": len(rules), "pruned": len(pruned), "same_rules": direct.equals(rules),
            "seconds": time.perf_counter() - start, "steps": times, "peak_mb": peak_mb(), "data_mb": after_data}


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2])))
        return 0
    for shape in sys.argv[1:] or list(SHAPES):
        proc = subprocess.run([sys.executable, __file__, "--worker", shape], capture_output=True, text=True)
        if proc.returncode:
            print(f"{shape}: failed\n{proc.stderr[-2000:]}")
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in res["steps"].items())
        print(f"{shape}: {res['shape'][0]:,} baskets × {res['shape'][1]:,} products, {res['lines']:,} lines; "
              f"{res['itemsets']} itemsets, {res['rules']} rules ({res['pruned']} non-redundant), "
              f"same rules from the long frame: {res['same_rules']}\n"
              f"  {res['seconds']:.1f} s ({steps}); peak {res['peak_mb']:.0f} MB "
              f"(of which the long frame {res['data_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
