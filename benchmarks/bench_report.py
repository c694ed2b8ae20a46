"""Benchmark: ``regint report`` for the C5 once the warehouse exists (target <= 20 s on 2 cores).

Run:  python benchmarks/bench_report.py [--repeat 3]

Prints
- the end-to-end time of ``regint report`` in a fresh interpreter (imports included), median of
  ``--repeat`` runs, and the peak RSS of those runs;
- the phases in one process: imports, claims and data, the drivers-beyond-trade section (its
  data and its charts, also measured alone), rendering, writing;
- the peak of Python allocations during one build (tracemalloc, a separate run because tracing
  slows allocation down).
The warehouse is built first, from the committed snapshot, into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

CLI = "from regint.cli.main import main; main()"


def cold_runs(warehouse: Path, out: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", CLI, "--warehouse", str(warehouse), "report", "--out", str(out)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def phases(warehouse: Path, out: Path) -> dict[str, float]:
    start = time.perf_counter()
    from regint.report import render_report
    from regint.report.drivers_section import collect_drivers, render_drivers
    from regint.report.scenarios_section import collect_scenarios
    from regint.report.svg import report_style
    from regint.report.view import collect_report_data

    imported = time.perf_counter()
    data = collect_report_data("c5", warehouse=warehouse)
    collected = time.perf_counter()
    drivers = collect_drivers(data.region, warehouse)
    drivers_collected = time.perf_counter()
    with report_style():
        render_drivers(drivers)
    drivers_rendered = time.perf_counter()
    scenarios = collect_scenarios(data.region, warehouse)
    scenarios_run = time.perf_counter()
    html = render_report(data, drivers=drivers, scenarios=scenarios)
    rendered = time.perf_counter()
    out.write_text(html, encoding="utf-8")
    written = time.perf_counter()
    return {
        "imports": imported - start,
        "data (incl. claims)": collected - imported,
        "drivers: data": drivers_collected - collected,
        "drivers: charts": drivers_rendered - drivers_collected,
        "GE scenarios (3, shared fit)": scenarios_run - drivers_rendered,
        "render (all)": rendered - scenarios_run,
        "write": written - rendered,
        "total": written - start - (drivers_rendered - drivers_collected),
        "size_mb": len(html.encode()) / 1e6,
    }


def traced_peak(warehouse: Path, out: Path) -> float:
    from regint.report import build_report

    tracemalloc.start()
    build_report("c5", out, warehouse=warehouse)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from regint.storage.paths import snapshot_dir
    from regint.storage.warehouse import build_warehouse

    with tempfile.TemporaryDirectory() as tmp:
        warehouse, out = Path(tmp) / "bench.duckdb", Path(tmp) / "report.html"
        start = time.perf_counter()
        build_warehouse(snapshot_dir(), warehouse, force=True)
        print(f"warehouse (not part of the target): {time.perf_counter() - start:.1f} s")
        times = cold_runs(warehouse, out, args.repeat)
        child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"regint report, fresh interpreter: median {statistics.median(times):.1f} s "
            f"(runs: {', '.join(f'{t:.1f}' for t in times)}); target <= 20 s; "
            f"ratio to target {statistics.median(times) / 20:.2f}"
        )
        print(f"peak RSS of a report run: {child_rss:.0f} MB")
        print(f"load average at start (2 cores shared): {os.getloadavg()[0]:.1f}")
        for name, value in phases(warehouse, out).items():
            unit = "MB" if name == "size_mb" else "s"
            print(f"  {name:>20}: {value:6.2f} {unit}")
        print(f"peak Python allocations (tracemalloc): {traced_peak(warehouse, out):.0f} MB")


if __name__ == "__main__":
    main()
