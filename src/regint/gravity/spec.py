"""A gravity specification: declarative, frozen, validated, stored with its results.

A spec says which flow is explained, by which regressors, with which fixed effects, on which
years, and how the standard errors are computed. ``read_spec`` reads one from YAML; every
problem names the spec key (``spec.regressors``), never a command-line flag.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args

import pandas as pd
import yaml

from regint.core.errors import InputError

FixedEffect = Literal["exporter", "importer", "exporter_year", "importer_year", "pair"]
FIXED_EFFECTS: tuple[str, ...] = get_args(FixedEffect)
Vcov = Literal["cluster_pair", "hetero", "iid"]
VCOVS: tuple[str, ...] = get_args(Vcov)
Separation = Literal["fe", "ir"]
SEPARATIONS: tuple[str, ...] = get_args(Separation)

# Columns a frame must have besides the regressors and the dependent variable.
KEYS = ("exporter", "importer", "year")


@dataclass(frozen=True)
class GravitySpec:
    """A PPML gravity specification.

    Parameters
    ----------
    name
        A short id stored with the results.
    dependent
        The flow column (non-negative; zeros are kept, that is what PPML is for).
    regressors
        Columns whose coefficients are estimated.
    fixed_effects
        Any of ``exporter``, ``importer``, ``exporter_year``, ``importer_year``, ``pair``.
    pair_column
        The column identifying a pair for the pair effects and the clustering. ``None`` builds a
        directed pair id from exporter and importer.
    shared_domestic_pair
        All domestic (i -> i) pairs share one pair effect, as the book does.
    years
        The years kept (``None``: all in the frame).
    international_only
        Drop domestic (i -> i) flows before estimating.
    vcov
        ``cluster_pair`` (clustered by ``pair_column``), ``hetero`` (robust) or ``iid``.
    small_sample
        Apply the usual small-sample corrections to the covariance (off reproduces Stata's ppml).
    separation
        pyfixest separation checks to run: ``fe`` (a fixed effect group with only zero flows)
        and ``ir`` (iterative rectifier).
    """

    name: str
    regressors: tuple[str, ...]
    fixed_effects: tuple[FixedEffect, ...] = ("exporter_year", "importer_year", "pair")
    dependent: str = "trade"
    pair_column: str | None = None
    shared_domestic_pair: bool = True
    years: tuple[int, ...] | None = None
    international_only: bool = False
    vcov: Vcov = "cluster_pair"
    small_sample: bool = True
    separation: tuple[Separation, ...] = ("fe", "ir")

    def __post_init__(self) -> None:
        if not self.name or not isinstance(self.name, str):
            raise InputError("spec.name", "a specification needs a name")
        if not self.regressors:
            raise InputError("spec.regressors", "name at least one regressor")
        if len(set(self.regressors)) != len(self.regressors):
            raise InputError("spec.regressors", "a regressor is listed twice")
        _check_choices("spec.fixed_effects", self.fixed_effects, FIXED_EFFECTS)
        _check_choices("spec.separation", self.separation, SEPARATIONS)
        if self.vcov not in VCOVS:
            raise InputError("spec.vcov", f"'{self.vcov}' is not one of {', '.join(VCOVS)}")
        if self.years is not None and not self.years:
            raise InputError("spec.years", "an empty list of years; omit the key for all years")

    def to_dict(self) -> dict[str, Any]:
        """The spec as plain data (what is stored with the results)."""
        out = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}

    @property
    def sha256(self) -> str:
        """A checksum of the spec, to tell two runs of the same spec apart from two specs."""
        text = json.dumps(self.to_dict(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def check_frame(self, frame: pd.DataFrame) -> None:
        """Raise :class:`InputError` naming the spec key when the frame cannot serve the spec."""
        needed = {"spec.dependent": [self.dependent], "spec.regressors": list(self.regressors)}
        if self.pair_column:
            needed["spec.pair_column"] = [self.pair_column]
        for key, columns in needed.items():
            for col in columns:
                if col not in frame.columns:
                    known = ", ".join(c for c in frame.columns if c not in KEYS)
                    raise InputError(key, f"unknown variable '{col}'; the data have: {known}")
        for col in KEYS:
            if col not in frame.columns:
                raise InputError("data", f"the flow frame has no '{col}' column")
        if self.years is not None:
            missing = sorted(set(self.years) - set(frame["year"].unique()))
            if missing:
                raise InputError("spec.years", f"no data for {', '.join(map(str, missing))}")


def _check_choices(key: str, values: Sequence[str], allowed: tuple[str, ...]) -> None:
    for v in values:
        if v not in allowed:
            raise InputError(key, f"'{v}' is not one of {', '.join(allowed)}")


def compute_spec(data: Mapping[str, Any], where: str = "spec") -> GravitySpec:
    """Build a :class:`GravitySpec` from a mapping, naming any unknown key."""
    allowed = {f.name for f in fields(GravitySpec)}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise InputError(
            f"{where}.{unknown[0]}", f"unknown key; allowed: {', '.join(sorted(allowed))}"
        )
    values = dict(data)
    for key in ("regressors", "fixed_effects", "separation", "years"):
        if key in values and values[key] is not None:
            if isinstance(values[key], str | int):
                values[key] = [values[key]]
            values[key] = tuple(values[key])
    if "years" in values and values["years"] is not None:
        try:
            values["years"] = tuple(int(y) for y in values["years"])
        except (TypeError, ValueError) as err:
            raise InputError(f"{where}.years", f"years must be integers: {err}") from None
    if "name" not in values:
        raise InputError(f"{where}.name", "a specification needs a name")
    if "regressors" not in values:
        raise InputError(f"{where}.regressors", "name at least one regressor")
    return GravitySpec(**values)


def read_spec(path: str | Path) -> GravitySpec:
    """Read a spec from a YAML file (a mapping with the fields of :class:`GravitySpec`)."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise InputError("spec", f"{p}: not valid YAML ({err})") from None
    if not isinstance(data, dict):
        raise InputError("spec", f"{p}: a spec is a mapping of keys to values")
    return compute_spec(data.get("estimation", data))
