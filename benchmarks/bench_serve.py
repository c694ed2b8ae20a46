"""Benchmark: ``regint serve`` under 50 concurrent clients for 30 s, on loopback only.

Run:  python benchmarks/bench_serve.py [--clients 50] [--seconds 30] [--workers 1]

Starts ``regint serve`` on 127.0.0.1 (a free port, a temporary warehouse built from the
committed snapshot), asks every page's JSON twin once to fill the per-worker cache, then runs
``--clients`` keep-alive HTTP/1.1 clients (one asyncio task each, in this process) for
``--seconds`` over the JSON endpoints of every page, round robin. Prints, per endpoint and
overall: requests, errors (any status but 200, or a broken connection), p50/p95/p99 latency
and requests per second; the first (uncached) time of each view against its cached p50 (the
peer measured in the same run); and the server's peak RSS. Target on 2 cores: 0 errors, p95
<= 50 ms for cached figures. The run is bounded: the server is stopped after ``--seconds`` plus
a start-up allowance, whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from regint.web.pages import PAGES

# Every page's JSON twin on its defaults (from the page registry), plus a changed view of each.
VARIANTS = {
    "overview": "indicator=partner_concentration&year=2015",
    "trade": "basis=mirror&cif_fob=1.1",
    "partners": "country=UZB&year=2019",
    "drivers": "dimension=connectivity",
    "institutions": "on=2010-07-01&org=sco",
    "claims": "as_of=2015-01-01",
    "scenarios": "cut_pct=20",
    "index": "year=2010",
}
ENDPOINTS = [f"/api/v1/{p.id}" for p in PAGES] + [
    f"/api/v1/{p.id}?{VARIANTS[p.id]}" for p in PAGES if p.id in VARIANTS
]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(port: int, workers: int, warehouse: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REGINT_WAREHOUSE": str(warehouse)}
    cmd = [sys.executable, "-c", "from regint.cli.main import main; main()", "serve"]
    cmd += ["--host", HOST, "--port", str(port), "--workers", str(workers), "--time-limit", "120"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, start_new_session=True)


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def first_times(port: int) -> dict[str, float]:
    """Each endpoint once, in order: the uncached computation (unless warm-up got there first)."""
    times = {}
    for path in ENDPOINTS:
        start = time.perf_counter()
        while True:  # a slow view (a scenario run) answers 503 until its computation lands
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=300) as resp:
                    resp.read()
                break
            except urllib.error.HTTPError as err:
                if err.code != 503 or time.perf_counter() - start > 600:
                    raise
                time.sleep(1)
        times[path] = time.perf_counter() - start
    return times


async def get(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length")
    )
    await reader.readexactly(length)
    return status


async def client(port: int, start: int, stop_at: float, out: list) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    i = start
    try:
        while time.monotonic() < stop_at:
            path = ENDPOINTS[i % len(ENDPOINTS)]
            i += 1
            t0 = time.perf_counter()
            try:
                status = await get(reader, writer, path)
            except (OSError, asyncio.IncompleteReadError, StopIteration, ValueError):
                out.append((path, time.perf_counter() - t0, 0))
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            out.append((path, time.perf_counter() - t0, status))
    finally:
        writer.close()


async def load(port: int, clients: int, seconds: float) -> tuple[list, float]:
    out: list = []
    began = time.monotonic()
    stop_at = began + seconds
    await asyncio.gather(*(client(port, k, stop_at, out) for k in range(clients)))
    return out, time.monotonic() - began


def quantiles(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


def peak_rss_mb(pid: int) -> float:
    """Peak RSS of the server process and its children (uvicorn workers), in MB."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def report(results: list, elapsed: float, first: dict[str, float]) -> None:
    print(f"{'endpoint':58} {'n':>6} {'err':>4} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for path in ENDPOINTS:
        mine = [r for r in results if r[0] == path]
        lat = [r[1] * 1000 for r in mine]
        errors = sum(1 for r in mine if r[2] != 200)
        p50, p95, p99 = quantiles(lat) if len(lat) > 1 else (float("nan"),) * 3
        print(f"{path:58} {len(mine):>6} {errors:>4} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f}")
    lat = [r[1] * 1000 for r in results]
    errors = sum(1 for r in results if r[2] != 200)
    p50, p95, p99 = quantiles(lat)
    print(f"{'ALL':58} {len(results):>6} {errors:>4} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f}")
    print(f"requests/s: {len(results) / elapsed:.0f} over {elapsed:.1f} s; errors: {errors}")
    print("first request (default views are computed at start-up) vs cached p50, same run:")
    for path in ENDPOINTS:
        cached = statistics.median(r[1] for r in results if r[0] == path) * 1000
        print(
            f"  {path:58} {first[path] * 1000:8.1f} ms vs {cached:6.1f} ms ({first[path] * 1000 / cached:6.0f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="regint-bench-serve-") as folder:
        server = start_server(port, args.workers, Path(folder) / "wh.duckdb")
        try:
            wait_until_up(port, time.monotonic() + 120)
            first = first_times(port)
            results, elapsed = asyncio.run(load(port, args.clients, args.seconds))
            print(
                f"regint serve on {HOST}:{port}, {args.workers} worker(s); "
                f"{args.clients} clients for {args.seconds:g} s, {len(ENDPOINTS)} JSON endpoints"
            )
            report(results, elapsed, first)
            print(f"server peak RSS: {peak_rss_mb(server.pid):.0f} MB")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
