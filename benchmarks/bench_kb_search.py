"""Benchmark: ``regint kb search`` on the committed knowledge base (target: <= 50 ms warm).

Run:  python benchmarks/bench_kb_search.py [--repeat 200]

Prints, for a fixed set of queries,
- the cold cost: loading the knowledge base and building the in-memory index (once);
- the warm time of one search (median and worst of ``--repeat`` runs per query);
- as a peer measured in the same run, a naive scan that lower-cases every record's text and
  tests substring containment (no ranking), and the ratio search / naive scan;
- the peak of Python allocations while building the index (tracemalloc).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from regint.knowledge.load import read_kb
from regint.knowledge.search import build_index

QUERIES = ("K2", "Manas", "72/283", "peacekeeping", "Kempir", "csto", "customs union", "Tokayev")


def naive_scan(texts: list[str], query: str) -> list[int]:
    needle = query.lower()
    return [i for i, text in enumerate(texts) if needle in text]


def timed(func, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()

    start = time.perf_counter()
    kb = read_kb()
    load_ms = (time.perf_counter() - start) * 1000
    tracemalloc.start()
    start = time.perf_counter()
    index = build_index(kb)
    build_ms = (time.perf_counter() - start) * 1000
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    records = [*kb.organisations, *kb.agreements, *kb.spells, *kb.events]
    texts = [r.model_dump_json().lower() for r in records]

    print(f"records: {len(index.documents)}")
    print(f"cold: load knowledge base {load_ms:.1f} ms, build index {build_ms:.1f} ms")
    print(f"peak Python allocations while building the index: {peak / 1e6:.2f} MB")
    print(f"{'query':<16}{'median ms':>10}{'max ms':>9}{'naive ms':>10}{'ratio':>8}  first hit")
    medians = []
    for query in QUERIES:
        warm = timed(lambda q=query: index.search(q), args.repeat)
        peer = timed(lambda q=query: naive_scan(texts, q), args.repeat)
        first = index.search(query, limit=1)
        med, peer_med = statistics.median(warm), statistics.median(peer)
        medians.append(med)
        print(
            f"{query:<16}{med:>10.2f}{max(warm):>9.2f}{peer_med:>10.2f}{med / peer_med:>8.1f}"
            f"  {first[0].kind + ' ' + first[0].id if first else '-'}"
        )
    print(f"warm search, median over queries: {statistics.median(medians):.2f} ms (target <= 50)")


if __name__ == "__main__":
    main()
