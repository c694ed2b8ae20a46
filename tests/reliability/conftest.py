"""Fixtures of the reliability suite: real DuckDB files and a real ``regint`` process.

The default snapshot (``data/snapshot``, committed) is used where a finding needs real data;
the tiny snapshot of ``tests/tiny.py`` where speed matters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regint.storage.paths import snapshot_dir
from regint.storage.warehouse import build_warehouse
from tests.tiny import write_tiny_snapshot


def regint_command() -> list[str]:
    """The installed ``regint`` program beside this Python, else ``python -m regint.cli.start``."""
    script = Path(sys.executable).with_name("regint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "regint.cli.start"]


def run_regint(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``regint ARGS`` as a real process (the installed entry point's code path)."""
    return subprocess.run(
        [*regint_command(), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def start_regint(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*regint_command(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def tiny_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_snapshot(tmp_path_factory.mktemp("tiny") / "snapshot")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once from the default snapshot; tests copy it, never change it."""
    target = tmp_path_factory.mktemp("built") / "warehouse.duckdb"  # session-wide
    build_warehouse(snapshot_dir(), target)
    return target


def copy_warehouse(source: Path, folder: Path, name: str = "w.duckdb") -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


def invoke(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process (its real error handling): exit code, stdout, stderr."""
    from regint.cli.main import main

    with pytest.raises(SystemExit) as caught:
        main(list(args))
    out = capsys.readouterr()
    return int(caught.value.code or 0), out.out, out.err


def wait_until_regint_runs(pid: int, timeout: float = 60) -> bool:
    """Wait until process ``pid`` catches SIGTERM, i.e. regint's first line has run.

    Before that the Python interpreter is still starting (a signal there is its own business);
    ``regint.cli.start`` installs its SIGTERM handler first thing. Linux only (``/proc``).
    """
    status = Path(f"/proc/{pid}/status")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = next(x for x in status.read_text().splitlines() if x.startswith("SigCgt:"))
        except (OSError, StopIteration):
            return False
        if int(line.split()[1], 16) & (1 << (15 - 1)):
            return True
        time.sleep(0.002)
    return False
