"""The generated reference pages match the code (regenerate with python tools/gen_reference.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "gen_reference", ROOT / "tools" / "gen_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current():
    gen = _generator()
    assert gen.CLI_PAGE.read_text() == gen.cli_reference() + "\n", (
        "docs/reference/cli.md is stale: run python tools/gen_reference.py"
    )


def test_indicator_reference_is_current_and_lists_every_indicator():
    from regint.indicators.registry import INDICATORS

    gen = _generator()
    text = gen.INDICATOR_PAGE.read_text()
    assert text == gen.indicator_page(), (
        "docs/reference/indicators.md is stale: run python tools/gen_reference.py"
    )
    assert all(f"### `{indicator_id}`" in text for indicator_id in INDICATORS)
