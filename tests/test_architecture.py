"""One architecture, written once: docs/explanation/architecture.md is the description, the README
and the import-linter contracts in pyproject.toml follow it, and imports flow one way."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
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


def _chain(text: str) -> list[frozenset[str]]:
    """'core → sources → {a, b} → api' as layers from the bottom: [{core}, {sources}, {a, b}, ...]."""
    layers = []
    for part in text.split("→"):
        names = part.strip().strip("{}").split(",")
        layers.append(frozenset(n.strip() for n in names if n.strip()))
    return layers


def _documented_chain() -> list[frozenset[str]]:
    text = (ROOT / "docs" / "explanation" / "architecture.md").read_text()
    after = text.split("<!-- layers:", 1)[1]
    block = after.split("```", 2)[1]
    return _chain(block.strip())


def _contract_chain() -> list[frozenset[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    out = []
    for layer in reversed(layers):
        names = layer.replace("|", ":").split(":")
        out.append(frozenset(n.strip().removeprefix("regint.") for n in names))
    return out


def test_readme_draws_the_documented_chain():
    readme = (ROOT / "README.md").read_text()
    line = next(x for x in readme.splitlines() if x.strip().startswith("`core →"))
    assert _chain(line.strip().split("`")[1]) == _documented_chain()


def test_import_contract_enforces_the_documented_chain():
    assert _contract_chain() == _documented_chain()


def test_delivery_layers_are_kept_to_api_and_core_by_a_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    delivery = {"regint.cli", "regint.web", "regint.report"}
    forbidden = next(c for c in contracts if set(c.get("source_modules", [])) == delivery)
    packages = {p.name for p in (ROOT / "src" / "regint").iterdir() if (p / "__init__.py").exists()}
    below = {f"regint.{p}" for p in packages} - delivery - {"regint.api", "regint.core"}
    assert below <= set(forbidden["forbidden_modules"])


def test_no_reference_to_a_design_brief_outside_the_tree():
    """The project's own docs carry what the code needs; nothing points outside the repository."""
    offenders = []
    for folder in ("src", "tests", "docs", "benchmarks"):
        for path in (ROOT / folder).rglob("*"):
            if path == Path(__file__).resolve():
                continue
            if path.suffix in {".py", ".md", ".yaml", ".toml"} and "DESIGN.md" in path.read_text():
                offenders.append(str(path.relative_to(ROOT)))
    if "DESIGN.md" in (ROOT / "README.md").read_text():
        offenders.append("README.md")
    assert offenders == []


def test_the_report_owns_its_display_rules():
    """The report's view model and thresholds live in report/, and nothing in api defines them."""
    api_text = "".join(p.read_text() for p in (ROOT / "src" / "regint" / "api").glob("*.py"))
    for name in ("REGION_INDICATORS", "DEFINITION_YEARS", "MIN_PROFILE_COVERAGE", "ReportData"):
        assert name not in api_text, name
    for path in (ROOT / "src" / "regint" / "report").glob("*.py"):
        for line in path.read_text().splitlines():
            if line.startswith("from regint.api"):
                assert "MIN_" not in line, f"{path.name}: {line}"


def test_the_claims_own_their_robustness_policy():
    api_text = "".join(p.read_text() for p in (ROOT / "src" / "regint" / "api").glob("*.py"))
    for name in ("BASES_ALT", "CIF_FOB_ALT", "def build_scenarios", "FIRST_AS_OF"):
        assert name not in api_text, name
