"""Read the pre-declared claims from ``spec.yaml`` into frozen records, validating every field."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from regint.claims.model import (
    DIMENSIONS,
    EXCLUDE_GROUPS,
    PREMISE_REGIONS,
    RULE_KINDS,
    Alternative,
    Claim,
    Premise,
    Rule,
    TestSpec,
)
from regint.core.errors import DataError

SPEC_PATH = Path(__file__).with_name("spec.yaml")

_CLAIM_KEYS = {"id", "conclusion", "title", "statement", "source", "tests", "note", "applies_to"}
_TEST_KEYS = {
    "id",
    "metric",
    "prediction",
    "rule",
    "params",
    "robustness",
    "alternatives",
    "skip_regions",
    "rationale",
    "applies_to",
    "amendment",
}
_PREMISE_KEYS = {"region", "members", "excludes"}


@dataclass(frozen=True)
class ClaimSet:
    """The claims of the study, when they were declared, and a fingerprint of the spec file."""

    claims: tuple[Claim, ...]
    declared_on: str
    citation: str
    path: str
    sha256: str

    def get(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)


def _freeze(value: Any) -> Any:
    """Lists become tuples so params stay hashable inside frozen records."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    return value


def _params(
    raw: Mapping[str, Any] | None, where: str = "", path: str = ""
) -> tuple[tuple[str, Any], ...]:
    # YAML 1.1 reads a bare `on`, `yes` or `no` key as a boolean: refuse it rather than guess.
    bad = [k for k in (raw or {}) if not isinstance(k, str)]
    if bad:
        raise DataError(path, f"{where}: parameter name {bad[0]!r} is not a string (quote it)")
    return tuple((k, _freeze(v)) for k, v in (raw or {}).items())


def _check_keys(raw: Mapping[str, Any], allowed: set[str], where: str, path: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise DataError(path, f"{where}: unknown key(s) {', '.join(unknown)}")


def _rule(raw: Any, where: str, path: str) -> Rule:
    if not isinstance(raw, Mapping) or raw.get("kind") not in RULE_KINDS:
        raise DataError(path, f"{where}: rule.kind must be one of {', '.join(RULE_KINDS)}")
    contra = raw.get("contra")
    return Rule(
        kind=raw["kind"],
        threshold=float(raw.get("threshold", 0.0)),
        contra=None if contra is None else float(contra),
    )


def _dimensions(values: Iterable[Any], where: str, path: str) -> tuple[Any, ...]:
    out = tuple(values)
    bad = [v for v in out if v not in DIMENSIONS]
    if bad:
        raise DataError(
            path,
            f"{where}: unknown robustness dimension {bad[0]!r}; allowed: {', '.join(DIMENSIONS)}",
        )
    return out


def _premise(raw: Any, where: str, path: str) -> Premise:
    """``applies_to: {region: c5, members: [UZB], excludes: [RUS]}``: when a test applies."""
    if raw is None:
        return Premise()
    if not isinstance(raw, Mapping):
        raise DataError(path, f"{where}: applies_to must be a mapping (region, members, excludes)")
    _check_keys(raw, _PREMISE_KEYS, f"{where}.applies_to", path)
    region = raw.get("region")
    if region is not None and region not in PREMISE_REGIONS:
        raise DataError(
            path,
            f"{where}: applies_to.region {region!r} is not one of {', '.join(PREMISE_REGIONS)}",
        )
    members = _states(raw, "members", where, path)
    excludes = _states(raw, "excludes", where, path, groups=tuple(EXCLUDE_GROUPS))
    return Premise(region, members, excludes)


def _states(
    raw: Mapping[str, Any], key: str, where: str, path: str, groups: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """ISO3 codes (or the named groups) listed under ``applies_to.<key>``."""
    states = tuple(str(m) for m in raw.get(key) or ())
    bad = [
        m for m in states if m not in groups and (len(m) != 3 or not m.isalpha() or not m.isupper())
    ]
    if bad:
        allowed = f" or one of {', '.join(groups)}" if groups else ""
        raise DataError(path, f"{where}: applies_to.{key} {bad[0]!r} is not an ISO3 code{allowed}")
    return states


def _test(
    raw: Any, where: str, path: str, metrics: set[str] | None, premise: Premise | None = None
) -> TestSpec:
    if not isinstance(raw, Mapping) or not raw.get("id") or not raw.get("metric"):
        raise DataError(path, f"{where}: a test needs an id and a metric")
    where = f"{where}.{raw['id']}"
    _check_keys(raw, _TEST_KEYS, where, path)
    if metrics is not None and raw["metric"] not in metrics:
        raise DataError(path, f"{where}: unknown metric {raw['metric']!r}")
    alternatives = []
    for alt in raw.get("alternatives") or ():
        (dimension,) = _dimensions([alt.get("dimension")], where, path)
        alternatives.append(
            Alternative(
                dimension, str(alt.get("label", dimension)), _params(alt.get("params"), where, path)
            )
        )
    return TestSpec(
        id=str(raw["id"]),
        metric=str(raw["metric"]),
        prediction=str(raw.get("prediction", "")),
        rule=_rule(raw.get("rule"), where, path),
        params=_params(raw.get("params"), where, path),
        robustness=_dimensions(raw.get("robustness") or (), where, path),
        alternatives=tuple(alternatives),
        skip_regions=tuple(raw.get("skip_regions") or ()),
        rationale=str(raw.get("rationale", "")),
        amendment=" ".join(str(raw.get("amendment", "")).split()),
        premise=(premise or Premise()).merge(_premise(raw.get("applies_to"), where, path)),
    )


def _claim(raw: Any, index: int, path: str, metrics: set[str] | None) -> Claim:
    if not isinstance(raw, Mapping) or not raw.get("id"):
        raise DataError(path, f"claim #{index}: a claim needs an id")
    where = f"claim {raw['id']}"
    _check_keys(raw, _CLAIM_KEYS, where, path)
    # A claim's premise (a claim about Uzbekistan needs Uzbekistan) holds for each of its tests.
    premise = _premise(raw.get("applies_to"), where, path)
    tests = tuple(_test(t, where, path, metrics, premise) for t in raw.get("tests") or ())
    if not tests:
        raise DataError(path, f"{where}: a claim needs at least one test")
    conclusion = raw.get("conclusion")
    return Claim(
        id=str(raw["id"]),
        title=str(raw.get("title", raw["id"])),
        statement=str(raw.get("statement", "")),
        conclusion=None if conclusion is None else int(conclusion),
        source=str(raw.get("source", "")),
        tests=tests,
        note=str(raw.get("note", "")),
    )


def read_claims(path: str | Path | None = None, metrics: set[str] | None = None) -> ClaimSet:
    """Read and validate the claims spec (default: the one shipped with regint).

    ``metrics`` is the set of known metric ids; a test naming another one is an error.
    """
    spec_path = Path(path) if path else SPEC_PATH
    try:
        text = spec_path.read_bytes()
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as err:
        raise DataError(str(spec_path), f"cannot read the claims spec: {err}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("claims"), list):
        raise DataError(str(spec_path), "the spec must hold a 'claims' list")
    claims = tuple(_claim(c, i, str(spec_path), metrics) for i, c in enumerate(data["claims"]))
    ids = [c.id for c in claims] + [t.id for c in claims for t in c.tests]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataError(str(spec_path), f"duplicate id(s): {', '.join(duplicates)}")
    return ClaimSet(
        claims=claims,
        declared_on=str(data.get("declared_on", "")),
        citation=str(data.get("citation", "")).strip(),
        path=str(spec_path),
        sha256=hashlib.sha256(text).hexdigest(),
    )
