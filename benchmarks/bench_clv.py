"""Benchmark: BG/NBD fitting and the BTYD customer summary — crmlab vs lifetimes 0.11.3.

Issue 4 targets:
1. ``BetaGeo().fit`` on 2,360,000 customers at least 5× faster than lifetimes' ``BetaGeoFitter``
   with identical parameters, on (a) the CDNOW calibration summary replicated 1,000× and (b) a
   synthetic BG/NBD set with mostly distinct (x, t_x, T) histories.
2. ``customer_summary`` on 10,000,000 transaction rows at least 3× faster than lifetimes'
   ``summary_data_from_transaction_data``.

Issue 21 target: ``plot_tracking(model, tx, unit="D")`` on CDNOW (23,570 customers, 546 daily
periods) in ≤ 1 s, against the former every-customer × every-period evaluation (kept here only,
as ``_expected_per_customer``) in the same run, with the same curve.

Each contender runs in its own subprocess so its peak memory (VmHWM, including reading the
Parquet input) is its own.

Usage::

    python benchmarks/bench_clv.py               # full scale (2.36M customers, 10M rows)
    python benchmarks/bench_clv.py --scale 0.01  # quick check
    python benchmarks/bench_clv.py --only-tracking   # just the plot_tracking case (issue 21)

Peer: ``pip install lifetimes==0.11.3`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CDNOW = ROOT / "tests" / "data" / "cdnow_customers_summary_with_transactions.csv"
FIT_CUSTOMERS, ROWS, TX_CUSTOMERS = 2_360_000, 10_000_000, 1_000_000


def cdnow_replicated(n: int) -> pd.DataFrame:
    s = pd.read_csv(CDNOW).rename(columns={"x": "frequency", "t_x": "recency"})[["frequency", "recency", "T"]]
    reps = max(1, round(n / len(s)))
    return pd.concat([s] * reps, ignore_index=True)


def bgnbd_synthetic(n: int, seed: int = 0, r=0.25, alpha=4.0, a=0.8, b=2.5) -> pd.DataFrame:
    """Exact BG/NBD draws with continuous times: given n Poisson events in (0, T) and dropout
    after the G-th purchase, x = min(n, G) and t_x = T · Beta(x, n − x + 1)."""
    rng = np.random.default_rng(seed)
    lam, p = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    T = rng.uniform(1, 78, n)
    events = rng.poisson(lam * T)
    x = np.minimum(events, rng.geometric(p))
    tx = np.where(x > 0, T * rng.beta(np.maximum(x, 1), events - x + 1), 0.0)
    return pd.DataFrame({"frequency": x.astype(float), "recency": tx, "T": T})


def transactions(rows: int, customers: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    weights = rng.gamma(0.5, 1.0, customers)
    cust = rng.choice(customers, size=rows, p=weights / weights.sum())
    days = rng.integers(0, 730, rows)
    return pd.DataFrame({
        "customer_id": np.char.add("C", np.char.zfill(cust.astype(str), 7)).astype(object),
        "order_date": pd.Timestamp("2023-01-01") + pd.to_timedelta(days, unit="D"),
        "amount": np.round(rng.gamma(2.0, 25.0, rows), 2),
    })


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would include the parent's peak,
    which survives fork + exec on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _expected_per_customer(model, birth_days, days_per_unit, ends):
    """The former plot_tracking computation (before issue 21): E[X(t)] for every customer at
    every period end. Benchmark reference only."""
    birth = np.asarray(birth_days) / days_per_unit
    return np.array([model.expected_purchases_new(np.clip(e - birth, 0, None)).sum() for e in ends])


def tracking_worker(tool: str, unit: str) -> dict:
    """Time ``plot_tracking(model, tx, unit=unit)`` on CDNOW; the BG/NBD fit (same unit) and a
    warm-up call (matplotlib's first figure) are outside the timed section."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import crmlab
    from crmlab import clv

    tx = crmlab.datasets.load_cdnow()
    model = clv.BetaGeo().fit(clv.customer_summary(tx, calibration_end="1997-09-30", unit=unit))
    if tool == "old":
        clv._expected_repeats_by_period = _expected_per_customer
    plt.close(clv.plot_tracking(model, tx.iloc[:200], unit=unit).figure)  # warm-up
    rounds = 1 if tool == "old" else 5
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        ax = clv.plot_tracking(model, tx, unit=unit)
        seconds.append(time.perf_counter() - start)
        curve = ax.lines[1].get_ydata().tolist()
        plt.close(ax.figure)
    return {"seconds": float(np.median(seconds)), "rounds": rounds, "curve": curve, "peak_mb": _peak_mb(),
            "customers": int(tx["customer_id"].nunique())}


def tracking_rows() -> list[str]:
    rows = []
    for unit, label in (("D", 'plot_tracking(model, tx, unit="D"), CDNOW'),
                        ("W", "plot_tracking(model, tx) (default weeks), CDNOW")):
        new, old = run("tracking", "crmlab", unit), run("tracking", "old", unit)
        if "error" in new or "error" in old:
            rows.append(f"| {label} | {new.get('seconds', new.get('error'))} | "
                        f"{old.get('seconds', old.get('error'))} | – | | | |")
            continue
        a, b = np.array(new["curve"]), np.array(old["curve"])
        diff = float(np.max(np.abs(a / b - 1)))
        rows.append(f"| {label} ({new['customers']:,} customers, {len(a)} periods) | {new['seconds']:.3f} "
                    f"(median of {new['rounds']}) | {old['seconds']:.2f} | {old['seconds'] / new['seconds']:.0f}× | "
                    f"{new['peak_mb']:.0f} | {old['peak_mb']:.0f} | expected curve max rel diff {diff:.1e} |")
        print(rows[-1], flush=True)
    return rows


def worker(task: str, tool: str, path: str) -> dict:
    if task == "tracking":
        return tracking_worker(tool, path)
    frame = pd.read_parquet(path)
    # Imports outside the timed sections.
    if tool == "crmlab":
        import crmlab.clv  # noqa: F401
    else:
        import lifetimes  # noqa: F401
        import lifetimes.utils  # noqa: F401
    if task == "fit":
        start = time.perf_counter()
        if tool == "crmlab":
            from crmlab.clv import BetaGeo

            params = BetaGeo().fit(frame).params_.tolist()
        else:
            from lifetimes import BetaGeoFitter

            fitter = BetaGeoFitter().fit(frame["frequency"], frame["recency"], frame["T"])
            params = [fitter.params_[k] for k in ("r", "alpha", "a", "b")]
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "params": params, "peak_mb": _peak_mb()}
    start = time.perf_counter()
    if tool == "crmlab":
        from crmlab.clv import customer_summary

        out = customer_summary(frame, observation_end="2024-12-30", freq="D")
    else:
        from lifetimes.utils import summary_data_from_transaction_data

        out = summary_data_from_transaction_data(frame, "customer_id", "order_date", monetary_value_col="amount",
                                                 observation_period_end="2024-12-30", freq="D")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mb": _peak_mb(), "customers": len(out),
            "checksum": [float(out["frequency"].sum()), float(out["recency"].sum()), float(out["T"].sum()),
                         float(out["monetary_value"].sum())]}


def run(task: str, tool: str, path: str) -> dict:
    cmd = [sys.executable, __file__, "--worker", task, tool, path]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--skip-summary", action="store_true")
    parser.add_argument("--skip-tracking", action="store_true")
    parser.add_argument("--only-tracking", action="store_true", help="just the plot_tracking case (issue 21)")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return 0
    tracking = [] if args.skip_tracking else [
        "", "| task | crmlab s | before (every customer × period) s | ratio | crmlab peak MB | before peak MB | check |",
        "|---|---|---|---|---|---|---|", *tracking_rows()]
    if args.only_tracking:
        print("\n".join(tracking))
        return 0
    n_fit = int(FIT_CUSTOMERS * args.scale)
    rows, customers = int(ROWS * args.scale), int(TX_CUSTOMERS * args.scale)
    lines = ["| task | crmlab s | lifetimes s | ratio | crmlab peak MB | lifetimes peak MB | check |",
             "|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("fit", f"BG/NBD fit, CDNOW ×{max(1, round(n_fit / 2357))}", cdnow_replicated(n_fit)),
                 ("fit", "BG/NBD fit, synthetic distinct", bgnbd_synthetic(n_fit))]
        if not args.skip_summary:
            cases.append(("summary", f"customer_summary, {rows:,} rows / {customers:,} customers",
                          transactions(rows, customers)))
        for k, (task, label, frame) in enumerate(cases):
            path = str(Path(tmp) / f"case{k}.parquet")
            frame.to_parquet(path, index=False)
            if task == "fit":
                unique = len(frame.drop_duplicates())
                label += f" ({len(frame):,} customers, {unique:,} unique histories)"
            ours, theirs = run(task, "crmlab", path), run(task, "lifetimes", path)
            if "error" in ours or "error" in theirs:
                lines.append(f"| {label} | {ours.get('seconds', ours.get('error'))} | "
                             f"{theirs.get('seconds', theirs.get('error'))} | – | | | |")
                continue
            if task == "fit":
                diff = np.max(np.abs(np.array(ours["params"]) / np.array(theirs["params"]) - 1))
                check = (f"params crmlab {np.round(ours['params'], 4).tolist()} vs lifetimes "
                         f"{np.round(theirs['params'], 4).tolist()} (max rel diff {diff:.1e})")
            else:
                same = np.allclose(ours["checksum"], theirs["checksum"], rtol=1e-9) and ours["customers"] == theirs["customers"]
                check = f"same sums of frequency/recency/T/monetary: {same}"
            lines.append(f"| {label} | {ours['seconds']:.2f} | {theirs['seconds']:.2f} | "
                         f"{theirs['seconds'] / ours['seconds']:.1f}× | {ours['peak_mb']:.0f} | "
                         f"{theirs['peak_mb']:.0f} | {check} |")
            print(lines[-1], flush=True)
    print("\n".join(lines + tracking))
    return 0


if __name__ == "__main__":
    sys.exit(main())
