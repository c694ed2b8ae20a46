"""Property-based test of the REST API with schemathesis, over its own OpenAPI schema.

Run:  pip install -c requirements.lock -e ".[bench]" && python benchmarks/fuzz_api.py [--examples 40]

Starts ``regint serve`` on 127.0.0.1 (temporary warehouse), then runs ``schemathesis run`` on
``/api/v1/openapi.json`` with every phase (examples, coverage, fuzzing, stateful) and these checks:
no server error (5xx), status codes, content types, response headers and response bodies that
conform to the schema, and malformed input rejected. ``positive_data_acceptance`` is left out
on purpose: a well-formed but unknown region, organisation, event type or CIF/FOB factor outside
[1, 1.5] is *meant* to answer 400 naming the parameter, which that check counts as a failure.
Prints schemathesis's summary; exits with its exit code. Loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_serve import HOST, free_port, start_server, wait_until_up  # noqa: E402

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "unsupported_method",
        "allow_header_conformance",
    ]
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=40, help="max cases per operation")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--max-seconds", type=float, default=1500, help="hard bound on the run")
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("st")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="regint-fuzz-") as folder:
        server = start_server(port, 1, Path(folder) / "wh.duckdb")
        try:
            wait_until_up(port, time.monotonic() + 120)
            cmd = [str(exe), "run", f"http://{HOST}:{port}/api/v1/openapi.json"]
            cmd += ["--checks", CHECKS, "--max-examples", str(args.examples)]
            cmd += ["--seed", str(args.seed), "--request-timeout", "60", "--no-color"]
            # In the temporary folder: schemathesis keeps a cache in its working directory.
            result = subprocess.run(cmd, timeout=args.max_seconds, check=False, cwd=folder)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(20)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
