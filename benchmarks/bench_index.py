"""Benchmark: the index's uncertainty and sensitivity analysis for the C5 (target: >= 1,000
replications with Sobol indices in <= 30 s on 2 cores).

Run:  python benchmarks/bench_index.py [--repeat 3] [--samples 128]

Prints
- the time to gather the C5 panel from the warehouse (built first from the committed snapshot);
- the time of the whole analysis (baseline build, Monte Carlo replications, intervals, ranks,
  Sobol first-order and total indices with SALib's bootstrap), median of ``--repeat`` runs, at the
  spec's sample size and at twice that;
- a peer measured in the same run: the same replications scored one at a time (each rebuilding
  its imputation, outlier treatment, normalisation and weights, as a straightforward loop would),
  timed on a subset and extrapolated, checked to give the same scores;
- the peak of Python allocations during one analysis (tracemalloc) and the peak RSS;
- the top three sources of variance (Sobol total index) of the C5 score.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import numpy as np


def gather(warehouse: Path):
    from regint.api.index import load_grouping_panel, read_index_spec
    from regint.api.knowledge import load_kb
    from regint.api.warehouse import open_warehouse
    from regint.core.regions import C5_REGION
    from regint.index.inputs import members_by_year
    from regint.index.panel import compute_panel
    from regint.storage import queries

    spec = read_index_spec()
    with open_warehouse(warehouse) as con:
        first, last = queries.load_year_range(con)
        years = list(range(max(first, spec.first_year), last + 1))
        start = time.perf_counter()
        frame = load_grouping_panel(con, load_kb(), C5_REGION, years)
        took = time.perf_counter() - start
    panel = compute_panel(frame, spec.indicators, years, members_by_year(C5_REGION, years))
    return spec, panel, took


def analysis(spec, panel):
    from regint.index.run import compute_run

    start = time.perf_counter()
    run = compute_run(panel, spec, "c5", "Central Asia (C5)")
    return run, time.perf_counter() - start


def one_at_a_time(spec, panel, run, subset: int) -> tuple[float, float]:
    """Per-replication seconds of the unbatched loop, and its largest gap to the batched scores."""
    from regint.index.aggregate import compute_scores, compute_shift
    from regint.index.build import compute_layer, compute_prepared
    from regint.index.uncertainty import _choice, _onto_baseline, _options, _weights_for

    reps = run.replications
    design, sample = reps.design, reps.sample
    rows = np.linspace(0, sample.shape[0] - 1, subset).astype(int)
    start = time.perf_counter()
    out = np.full((panel.values.shape[0] * panel.values.shape[1], len(rows)), np.nan)
    for n, r in enumerate(rows):
        prep = compute_prepared(panel, spec)
        picks = {
            name: _choice(design, sample, name, None)
            for name in ("imputation", "normalisation", "weights", "aggregation", "exclusion")
        }
        imp = _options(design, "imputation", spec.imputation)[picks["imputation"][r]]
        norm = _options(design, "normalisation", spec.normalisation)[picks["normalisation"][r]]
        agg = _options(design, "aggregation", spec.aggregation)[picks["aggregation"][r]]
        layer = compute_layer(prep, imp, norm)
        schemes = _options(design, "weights", spec.weights)
        w, v = _weights_for(prep, layer, schemes, picks, np.array([r]), design, sample)
        x = layer.cells()
        _, index, _ = compute_scores(
            x, w, v, prep.membership, agg, spec.min_weight, compute_shift(x)
        )
        out[:, n] = index[:, 0]
    per_rep = (time.perf_counter() - start) / len(rows)
    # The mapping onto the baseline's range is per replication, so the subset maps alike.
    batched = reps.scores.reshape(-1, reps.scores.shape[-1])[:, rows]
    mapped = _onto_baseline(out, run.result.index.ravel())
    both = np.isfinite(batched) & np.isfinite(mapped)
    gap = np.max(np.abs(mapped[both] - batched[both])) if both.any() else float("nan")
    if (np.isfinite(batched) != np.isfinite(mapped)).any():
        gap = float("inf")
    return per_rep, float(gap)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--samples", type=int, default=None)
    parser.add_argument(
        "--subset", type=int, default=60, help="replications timed in the peer loop"
    )
    args = parser.parse_args()
    from regint.api.warehouse import open_warehouse

    folder = Path(tempfile.mkdtemp(prefix="regint-bench-index-"))
    warehouse = folder / "wh.duckdb"
    start = time.perf_counter()
    with open_warehouse(warehouse):
        pass
    print(f"warehouse built from the committed snapshot: {time.perf_counter() - start:.1f} s")
    spec, panel, took = gather(warehouse)
    if args.samples:
        spec = replace(spec, uncertainty=replace(spec.uncertainty, samples=args.samples))
    print(
        f"C5 panel gathered (trade, WDI, knowledge base): {took:.2f} s; "
        f"{len(panel.units)} states x {len(panel.years)} years x {len(panel.indicators)} indicators"
    )
    for samples in (spec.uncertainty.samples, 2 * spec.uncertainty.samples):
        s = replace(spec, uncertainty=replace(spec.uncertainty, samples=samples))
        times = []
        for _ in range(args.repeat):
            run, t = analysis(s, panel)
            times.append(t)
        n = run.replications.sample.shape[0]
        print(
            f"analysis, {n} replications, {len(run.replications.design.factors)} factors "
            f"(Sobol S1 + ST, {len(run.sobol['target'].unique())} targets): "
            f"median {statistics.median(times):.2f} s over {args.repeat} runs "
            f"({1e3 * statistics.median(times) / n:.2f} ms per replication)"
        )
    run, batched = analysis(spec, panel)
    n = run.replications.sample.shape[0]
    per_rep, gap = one_at_a_time(spec, panel, run, args.subset)
    print(
        f"peer, one replication at a time (timed on {args.subset}): {1e3 * per_rep:.1f} ms per "
        f"replication -> {per_rep * n:.1f} s for {n}; batched is {per_rep * n / batched:.1f}x faster "
        f"(largest score gap between the two: {gap:.1e})"
    )
    tracemalloc.start()
    analysis(spec, panel)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak Python allocations in one analysis: {peak / 1e6:.1f} MB; peak RSS of this process: {rss:.0f} MB"
    )
    region = run.sobol[run.sobol["target"] == "region"].sort_values("ST", ascending=False)
    year = int(region["year"].iloc[0]) if len(region) else None
    print(
        f"top sources of variance of the C5 score in {year} (Sobol total index ST, first-order S1):"
    )
    for row in region.head(3).itertuples():
        print(f"  {row.factor}: ST {row.ST:.3f} (+/- {row.ST_conf:.3f}), S1 {row.S1:.3f}")


if __name__ == "__main__":
    main()
