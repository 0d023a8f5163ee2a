"""Benchmark: cohort retention table and retention per period — crmlab vs the same as DuckDB SQL.

No scale is named in issue 7; the default is 2,000,000 transaction rows of 200,000 customers over two
years (a mid-size retailer). Both contenders read the same in-memory pandas frame; results are compared
cell by cell outside the timed section. Each timing is the best of ``--repeat`` runs. Peak memory is the
process's maximum resident set size after each step (it only grows, so it bounds each step from above).

Usage::

    python benchmarks/bench_lifecycle.py               # 2M rows, 200k customers
    python benchmarks/bench_lifecycle.py --scale 0.05  # quick check

Peer: ``pip install duckdb`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS, CUSTOMERS = 2_000_000, 200_000

COHORT_SQL = """
WITH act AS (
    SELECT DISTINCT customer_id, date_trunc('month', order_date) AS p FROM tx
), coh AS (
    SELECT customer_id, min(p) AS cohort FROM act GROUP BY customer_id
)
SELECT cohort, date_diff('month', cohort, p) AS k, count(*) AS n
FROM act JOIN coh USING (customer_id)
GROUP BY cohort, k
"""

RETENTION_SQL = """
WITH act AS (
    SELECT DISTINCT customer_id, date_trunc('quarter', order_date) AS p FROM tx
)
SELECT a.p AS period, count(*) AS retained
FROM act a JOIN act b ON a.customer_id = b.customer_id AND b.p = a.p - INTERVAL 3 MONTH
GROUP BY a.p
"""


def make_frame(rows: int, customers: int, seed: int = 0) -> pd.DataFrame:
    """Customers join over the first year and buy with heavy-tailed rates until the end of year two."""
    rng = np.random.default_rng(seed)
    weights = rng.gamma(0.5, 1.0, customers)
    cust = rng.choice(customers, size=rows, p=weights / weights.sum())
    join = rng.integers(0, 365, customers)
    days = join[cust] + (rng.random(rows) * (730 - join[cust])).astype(int)
    return pd.DataFrame({
        "customer_id": pd.Series(np.char.add("C", np.char.zfill(cust.astype(str), 7)), dtype="string"),
        "order_date": pd.Timestamp("2023-01-01") + pd.to_timedelta(days, unit="D"),
        "amount": np.round(rng.gamma(2.0, 25.0, rows), 2),
    })


def best_of(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    rows, customers = int(ROWS * args.scale), max(int(CUSTOMERS * args.scale), 10)

    from crmlab import lifecycle, loyalty

    tx = make_frame(rows, customers)
    print(f"{rows:,} rows, {tx['customer_id'].nunique():,} customers; peak RSS after data {peak_mb():.0f} MB")
    results = []

    t, ours = best_of(lambda: lifecycle.cohort_table(tx, freq="M", normalize=False), args.repeat)
    results.append(("cohort_table (M)", "crmlab", t, peak_mb()))
    try:
        import duckdb
    except ImportError:
        duckdb = None
        print("duckdb not installed: pip install duckdb (the bench extra)")
    if duckdb is not None:
        con = duckdb.connect()
        con.execute("SET threads TO 2")
        con.register("tx", tx)
        t, theirs = best_of(lambda: con.execute(COHORT_SQL).df(), args.repeat)
        results.append(("cohort_table (M)", "duckdb", t, peak_mb()))
        pivot = theirs.pivot(index="cohort", columns="k", values="n").fillna(0).sort_index()
        mine = ours.fillna(0).to_numpy()
        assert np.array_equal(mine[:, : pivot.shape[1]], pivot.to_numpy()), "cohort tables differ"

    t, ours_r = best_of(lambda: loyalty.retention_by_period(tx, freq="Q"), args.repeat)
    results.append(("retention_by_period (Q)", "crmlab", t, peak_mb()))
    if duckdb is not None:
        t, theirs_r = best_of(lambda: con.execute(RETENTION_SQL).df(), args.repeat)
        results.append(("retention_by_period (Q)", "duckdb", t, peak_mb()))
        got = ours_r["retained"].iloc[1:].to_numpy()
        want = theirs_r.sort_values("period")["retained"].to_numpy()
        assert np.array_equal(got, want), "retained counts differ"

    table = pd.DataFrame(results, columns=["task", "tool", "seconds", "peak_rss_mb"])
    base = table[table["tool"] == "duckdb"].set_index("task")["seconds"]
    table["ratio_vs_duckdb"] = table["seconds"] / table["task"].map(base)
    print(table.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
