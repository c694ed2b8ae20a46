"""Imports flow one way (DESIGN.md §4), checked with import-linter's contract in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_layers_import_one_way():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    result = subprocess.run(
        [exe, "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_delivery_layers_hold_no_sql_or_pandas_logic():
    """cli/, web/ and report/ render; they never query the warehouse themselves."""
    offenders = []
    for layer in ("cli", "web"):
        for path in (ROOT / "src" / "regint" / layer).rglob("*.py"):
            text = path.read_text()
            if "duckdb" in text or "regint.storage" in text or "regint.pipeline" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders
