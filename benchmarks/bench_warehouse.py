"""Benchmark: cold warehouse build, every indicator for the C5 x 1992-2020, and a pandas peer.

Run:  python benchmarks/bench_warehouse.py [--repeat 5]

Prints timings (median of repeats), the ratio against a straightforward pandas implementation
of the same indicators (benchmarks/pandas_baseline.py) and peak memory (max RSS). Targets on a
2-core machine: cold build <= 30 s; one indicator query <= 100 ms once built; peak <= 1 GB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pandas_baseline import baseline_indicators  # noqa: E402

from regint.api import indicators as api  # noqa: E402
from regint.core.vocab import C5  # noqa: E402
from regint.storage.paths import snapshot_dir  # noqa: E402
from regint.storage.warehouse import build_warehouse  # noqa: E402

YEARS = "1992-2020"
CASES = [
    ("intra_regional_share", "region"),
    ("intra_regional_share", "country"),
    ("intra_regional_intensity", "region"),
    ("homogeneous_intensity", "region"),
    ("introversion", "region"),
    ("partner_concentration", "country"),
    ("partner_profile", "country"),
]


def timed(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        build_warehouse(snapshot_dir(), target, force=True)
        print(
            f"cold build from snapshot: {time.perf_counter() - start:.2f} s "
            f"({target.stat().st_size / 1e6:.1f} MB)"
        )
        total = 0.0
        for indicator, level in CASES:
            api.compute(indicator, years=YEARS, level=level, warehouse=target)  # warm-up
            t, _ = timed(
                lambda i=indicator, lv=level: api.compute(
                    i, years=YEARS, level=lv, warehouse=target
                ),
                args.repeat,
            )
            total += t
            print(f"{indicator:>26} {level:>7}: {t * 1000:7.1f} ms")
        flows = pd.read_parquet(snapshot_dir() / "flows.parquet")
        t_peer, _ = timed(
            lambda: baseline_indicators(flows, frozenset(C5), range(1992, 2021)), args.repeat
        )
        t_load, _ = timed(lambda: pd.read_parquet(snapshot_dir() / "flows.parquet"), args.repeat)
        print(f"regint, all {len(CASES)} indicator queries: {total * 1000:.1f} ms")
        print(
            f"pandas peer, same indicators from an in-memory frame: {t_peer * 1000:.1f} ms "
            f"(+ {t_load * 1000:.0f} ms to read the flows)"
        )
        print(
            f"ratio pandas / regint: {t_peer / total:.2f}x "
            f"({(t_peer + t_load) / total:.2f}x with the peer's load)"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
