"""Compare regint's figures between two git revisions on the default data (the committed snapshot).

A refactoring must not change a number. This script computes, with the code of each revision:
every indicator at each of its levels (C5, reconciled basis and the two one-sided bases, plus
the EAEU by year), the definitions view of 2018 and 2021, every claim's verdict with each test's
value, interval and verdict, and the figures the HTML report shows (its indicator series,
partner profile, country shares, coverage, institutions, overlap and summits). It then compares
the two dumps value by value and prints every difference.

Usage (from the repository root; the revisions are checked out into temporary worktrees)::

    python benchmarks/compare_outputs.py b0a233b HEAD        # two revisions
    python benchmarks/compare_outputs.py b0a233b .           # a revision and the working tree
    python benchmarks/compare_outputs.py --dump out.json     # this checkout's figures only

It exits with 1 when any figure differs. Timings and the build date are not figures: they are
left out. Dates that depend on today (the knowledge base's "as of") are fixed by ``--as-of``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-01-01"
LEVELS = ("region", "country")


def _records(frame: Any) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({str(k): _plain(v) for k, v in row.items()})
    return out


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return value if isinstance(value, int | str | bool) else str(value)


def _indicator_figures(warehouse: Path) -> dict[str, Any]:
    from regint.api import indicators as api

    out: dict[str, Any] = {}
    catalogue = api.list_indicators()
    for indicator_id, levels in zip(catalogue["id"], catalogue["levels"], strict=True):
        for level in levels:
            for basis in ("reconciled", "reported", "mirror"):
                frame = api.compute(indicator_id, basis=basis, level=level, warehouse=warehouse)
                out[f"{indicator_id}/{level}/{basis}/c5"] = _records(frame)
        frame = api.compute(indicator_id, region="eaeu", level=levels[0], warehouse=warehouse)
        out[f"{indicator_id}/{levels[0]}/reconciled/eaeu"] = _records(frame)
    for year in (2018, 2021):
        out[f"definitions/{year}"] = _records(api.definitions(year, warehouse=warehouse))
    return out


def _claims_figures(warehouse: Path, as_of: str) -> dict[str, Any]:
    from regint.api import claims as api

    check = api.check_claims("c5", as_of=as_of, warehouse=warehouse)
    return {
        "claims": _records(check.to_frame()),
        "tests": _records(check.tests_frame()),
    }


def _collect_report(warehouse: Path, as_of: str) -> Any:
    import datetime as dt

    day = dt.date.fromisoformat(as_of)
    try:  # after issue 7 the view model lives with the report
        from regint.report.view import collect_report_data
    except ImportError:
        from regint.api.report import collect_report_data  # type: ignore[no-redef]
    return collect_report_data("c5", as_of=day, warehouse=warehouse)


def _report_figures(warehouse: Path, as_of: str) -> dict[str, Any]:
    data = _collect_report(warehouse, as_of)
    out: dict[str, Any] = {f"indicator/{k}": _records(v) for k, v in data.indicators.items()}
    for name in (
        "country_share",
        "profile_recent",
        "profile_display",
        "intra_display",
        "coverage",
        "institutions",
        "overlap",
        "summits",
    ):
        out[name] = _records(getattr(data, name))
    out["definitions"] = {str(y): _records(v) for y, v in data.definitions.items()}
    out["hidden_years"] = list(data.hidden_years)
    out["years"] = list(data.years)
    out["verdicts"] = {r.claim.id: r.verdict for r in data.check.results}
    out["source_ids"] = sorted(str(s.get("source_id")) for s in data.sources)
    return out


def dump(path: Path, as_of: str) -> None:
    """Compute every figure with the regint importable here and write them as JSON."""
    import regint

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        warehouse = Path(tmp) / "compare.duckdb"
        figures = {
            "indicators": _indicator_figures(warehouse),
            "claims": _claims_figures(warehouse, as_of),
            "report": _report_figures(warehouse, as_of),
        }
    path.write_text(json.dumps(figures, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - start
    print(f"{regint.__file__}: {_count(figures)} figures in {seconds:.1f} s -> {path}")


def _count(node: Any) -> int:
    if isinstance(node, dict):
        return sum(_count(v) for v in node.values())
    if isinstance(node, list):
        return sum(_count(v) for v in node)
    return 1


REL_TOL = 1e-12
"""Two floats are the same figure when they agree to 12 significant digits. Before issue 8's
single-threaded reads DuckDB summed floats in parallel, in no fixed order, so the last bits of a
sum varied from run to run of the same code (thousands of 1-ulp differences between two runs)."""


def _floats(a: Any, b: Any) -> tuple[float, float] | None:
    try:
        return float(a), float(b)
    except (TypeError, ValueError):
        return None


def differences(a: Any, b: Any, where: str = "", worst: list[float] | None = None) -> list[str]:
    """Every place where two dumps differ, as 'path: a != b'; ``worst`` gets the largest
    relative difference between floats that count as equal."""
    worst = worst if worst is not None else [0.0]
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{where}/{key}: only in {'new' if key not in a else 'old'}")
            else:
                out += differences(a[key], b[key], f"{where}/{key}", worst)
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} rows != {len(b)} rows"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, f"{where}[{i}]", worst)
        ]
    if a == b:
        return []
    pair = _floats(a, b) if isinstance(a, str) and isinstance(b, str) else None
    if pair is not None and math.isclose(*pair, rel_tol=REL_TOL, abs_tol=0.0):
        worst[0] = max(worst[0], abs(pair[0] - pair[1]) / max(abs(pair[0]), abs(pair[1])))
        return []
    return [f"{where}: {a!r} != {b!r}"]


def _dump_revision(rev: str, out: Path, as_of: str) -> None:
    """Dump the figures of ``rev`` ('.' is the working tree) with the current Python."""
    if rev == ".":
        src = ROOT
        cleanup = None
    else:
        src = Path(tempfile.mkdtemp(prefix="regint-compare-"))
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(src), rev],
            check=True,
            capture_output=True,
        )
        cleanup = src
    try:
        env = {
            **os.environ,
            "PYTHONPATH": str(src / "src"),
            "REGINT_SNAPSHOT": str(src / "data" / "snapshot"),
        }
        cmd = [sys.executable, str(Path(__file__).resolve()), "--dump", str(out), "--as-of", as_of]
        subprocess.run(cmd, check=True, env=env, cwd=str(src))
    finally:
        if cleanup is not None:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(cleanup)], check=False
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="*", help="two git revisions ('.' = working tree)")
    parser.add_argument("--dump", type=Path, help="write this checkout's figures to a JSON file")
    parser.add_argument("--as-of", default=AS_OF, help=f"knowledge-base date (default {AS_OF})")
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.as_of)
        return 0
    if len(args.revisions) != 2:
        parser.error("give two revisions, or --dump PATH")
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.json", Path(tmp) / "new.json"
        _dump_revision(args.revisions[0], old, args.as_of)
        _dump_revision(args.revisions[1], new, args.as_of)
        a, b = json.loads(old.read_text()), json.loads(new.read_text())
    worst = [0.0]
    found = differences(a, b, worst=worst)
    print(
        f"compared {_count(a)} figures of {args.revisions[0]} with {_count(b)} of {args.revisions[1]}"
    )
    print(
        f"largest relative difference between equal floats: {worst[0]:.1e} (tolerance {REL_TOL:g})"
    )
    for line in found[:50]:
        print("DIFF", line)
    print(
        f"{len(found)} difference(s)"
        if found
        else "no difference: every figure agrees (floats to 12 significant digits)"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
