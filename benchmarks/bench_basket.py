"""Benchmark: association rules from a long order-line frame — crmlab vs pyfim (Borgelt's C code).

Issue 5 target: 500,000 baskets over 5,000 items (Zipf popularity, mean basket size 8),
min_support 0.002, min_confidence 0.5, from the long pandas frame (``order_id``, ``product``) to the
rules table: peak memory at most 1.5 GB and time at most 2× pyfim's on the same input in the same run.

Each contender runs in its own subprocess (so its peak memory, VmHWM, is its own), reads the same
Parquet file (not timed), and is timed from the in-memory long frame to a rules DataFrame with
sorted item tuples. Rule sets are compared (single-consequent rules, as pyfim and R's arules give).

Contenders:
- ``crmlab-eclat``: ``basket.mine_rules(tx, ..., algorithm="eclat")`` — sparse basket matrix, numpy bitset
  Eclat, mlxtend ``association_rules``. The default crmlab path for large data.
- ``crmlab-fpgrowth``: the same with mlxtend ``fpgrowth`` on the sparse frame (``--with-mlxtend``; slow).
- ``pyfim``: integer-coded lists of baskets (factorize + split), then ``fim.arules(mode="o")`` (rule support = body & head,
  as in arules and crmlab; ``pip install pyfim``).

Usage::

    python benchmarks/bench_basket.py                 # 500k baskets, 5k items
    python benchmarks/bench_basket.py --scale 0.05    # 25k baskets, quick check
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

BASKETS, ITEMS, MEAN_SIZE = 500_000, 5_000, 8
MIN_SUPPORT, MIN_CONFIDENCE = 0.002, 0.5


def make_parquet(path: Path, baskets: int, items: int, seed: int = 0) -> int:
    """Long frame: basket sizes 1 + Poisson(7); items drawn with Zipf (1/rank) popularity.

    Repeats of an item inside a basket are kept as separate order lines (like a real export);
    every engine must count them once.
    """
    rng = np.random.default_rng(seed)
    sizes = 1 + rng.poisson(MEAN_SIZE - 1, baskets)
    weights = 1.0 / np.arange(1, items + 1)
    product = rng.choice(items, size=int(sizes.sum()), p=weights / weights.sum())
    labels = np.char.add("item_", np.char.zfill(np.arange(items).astype(str), 4))
    frame = pd.DataFrame({"order_id": np.repeat(np.arange(baskets, dtype=np.int64), sizes),
                          "product": pd.Series(labels[product], dtype="string")})
    frame.to_parquet(path, index=False)
    return len(frame)


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(engine: str, path: str, out: str) -> None:
    tx = pd.read_parquet(path)
    after_read = peak_mb()
    extra = {}
    start = time.perf_counter()
    if engine.startswith("crmlab"):
        from crmlab import basket

        rules = basket.mine_rules(tx, min_support=MIN_SUPPORT, min_confidence=MIN_CONFIDENCE,
                                  single_consequent=True, algorithm=engine.split("-")[1])
        table = rules[["antecedents", "consequents", "support", "confidence", "lift"]]
    else:
        import fim

        # the fastest conversion we found: integer codes, split at order boundaries, deduplicated
        order_codes, _ = pd.factorize(tx["order_id"])
        item_codes, labels = pd.factorize(tx["product"])
        pairs = np.unique(order_codes.astype(np.int64) * len(labels) + item_codes)
        bounds = np.flatnonzero(np.diff(pairs // len(labels))) + 1
        baskets = [chunk.tolist() for chunk in np.split(pairs % len(labels), bounds)]
        labels = np.asarray(labels, dtype=object)
        n = len(baskets)
        mine_start = time.perf_counter()
        raw = fim.arules(baskets, supp=-int(np.ceil(MIN_SUPPORT * n - 1e-9)), conf=MIN_CONFIDENCE * 100,
                         zmin=2, report="acl", mode="o")
        table = pd.DataFrame({"antecedents": [tuple(sorted(labels[list(b)])) for _, b, *_ in raw],
                              "consequents": [(labels[h],) for h, *_ in raw],
                              "support": [r[2] / n for r in raw], "confidence": [r[3] for r in raw],
                              "lift": [r[4] for r in raw]})
        extra["pyfim_arules_only_seconds"] = time.perf_counter() - mine_start
    seconds = time.perf_counter() - start
    keys = sorted(f"{', '.join(a)} -> {', '.join(c)}" for a, c in zip(table["antecedents"], table["consequents"]))
    Path(out).write_text(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "after_read_mb": after_read,
                                     "rules": len(table), "keys": keys, **extra}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 500,000 baskets (items stay 5,000)")
    parser.add_argument("--with-mlxtend", action="store_true", help="also time mlxtend fpgrowth on the sparse frame")
    parser.add_argument("--worker", nargs=3, metavar=("ENGINE", "PARQUET", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    engines = ["crmlab-eclat", "pyfim"] + (["crmlab-fpgrowth"] if args.with_mlxtend else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.parquet"
        n_baskets = int(BASKETS * args.scale)
        rows = make_parquet(path, n_baskets, ITEMS)
        print(f"{n_baskets:,} baskets, {ITEMS:,} items, {rows:,} order lines; "
              f"min_support={MIN_SUPPORT}, min_confidence={MIN_CONFIDENCE}")
        results = {}
        for engine in engines:
            out = Path(tmp) / f"{engine}.json"
            proc = subprocess.run([sys.executable, __file__, "--worker", engine, str(path), str(out)],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"{engine}: failed\n{proc.stderr[-2000:]}")
                continue
            results[engine] = json.loads(out.read_text())
    if not results:
        return 0
    base = results.get("pyfim")
    print(f"\n{'engine':<17}{'seconds':>9}{'× pyfim':>9}{'peak MB':>9}{'after read':>11}{'rules':>8}  same rules")
    for engine, res in results.items():
        same = "n/a" if base is None else ("yes" if res["keys"] == base["keys"] else "NO")
        ratio = f"{res['seconds'] / base['seconds']:>9.2f}" if base is not None else f"{'n/a':>9}"
        print(f"{engine:<17}{res['seconds']:>9.2f}{ratio}"
              f"{res['peak_mb']:>9.0f}{res['after_read_mb']:>11.0f}{res['rules']:>8}  {same}")
    if base is None:
        print("pyfim did not run (pip install pyfim, the `bench` extra): the time target and the rule "
              "check against pyfim are not verified.")
        return 1
    if "pyfim_arules_only_seconds" in base:
        print(f"(pyfim: {base['pyfim_arules_only_seconds']:.2f} s of that in fim.arules itself; the rest is "
              "grouping the long frame into lists of baskets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
