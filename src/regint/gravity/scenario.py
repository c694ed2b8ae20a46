"""Scenario specs (YAML, shipped in ``regint/gravity/scenarios/``) and their validation.

A scenario names the region, the GE year, the estimation (a :class:`GravitySpec` plus the panel
options), the change in trade costs and the Monte Carlo settings. Every problem names its key
(``scenario.change.dummy``), never a command-line flag.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from regint.core.errors import InputError
from regint.gravity.spec import GravitySpec, compute_spec
from regint.gravity.world import DOMESTIC_RULES, DomesticRule

SCENARIO_DIR = Path(__file__).parent / "scenarios"
ChangeKind = Literal["agreement", "cost_cut"]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)
PANEL_YEARS = (1992, 1996, 2000, 2004, 2008, 2012, 2016, 2020)
MIN_DRAWS = 200  # Monte Carlo draws a scenario needs for its intervals (the default)


@dataclass(frozen=True)
class Change:
    """The counterfactual: switch an agreement dummy on, or cut trade costs by ``cut_pct``.

    ``members`` x ``partners`` are the pairs changed (both directions); with no ``partners``,
    every pair among ``members``.
    """

    kind: ChangeKind
    members: tuple[str, ...]
    partners: tuple[str, ...] = ()
    dummy: str | None = None
    replaces: tuple[str, ...] = ()
    cut_pct: float | None = None

    def pairs(self) -> set[tuple[str, str]]:
        others = self.partners or self.members
        return {(a, b) for a in self.members for b in others if a != b} | {
            (b, a) for a in self.members for b in others if a != b
        }


@dataclass(frozen=True)
class Scenario:
    """A GE scenario for regint's world panel."""

    name: str
    title: str
    region: tuple[str, ...]
    year: int
    estimation: GravitySpec
    change: Change
    sigma: float = 7.0
    reference: str = "USA"
    closure: str = "book"
    domestic_rule: DomesticRule = "gdp_minus_exports"
    top: int | None = 60
    keep: tuple[str, ...] = ()
    draws: int = MIN_DRAWS
    seed: int = 20240601
    source: str = field(default="", compare=False)
    region_title: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "region": list(self.region),
            "year": self.year,
            "estimation": self.estimation.to_dict(),
            "change": {
                k: (list(v) if isinstance(v, tuple) else v) for k, v in self.change.__dict__.items()
            },
            "sigma": self.sigma,
            "reference": self.reference,
            "closure": self.closure,
            "domestic_rule": self.domestic_rule,
            "top": self.top,
            "keep": list(self.keep),
            "draws": self.draws,
            "seed": self.seed,
        }

    @property
    def sha256(self) -> str:
        return hashlib.sha256(yaml.safe_dump(self.to_dict(), sort_keys=True).encode()).hexdigest()


def _tuple(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise InputError(key, "expected a list")
    return tuple(str(v) for v in value)


def _whole(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(key, f"a whole number is needed, got {value!r}")
    return value


def _real(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(key, f"a number is needed, got {value!r}")
    return float(value)


def _change(data: Any) -> Change:
    if not isinstance(data, dict):
        raise InputError("scenario.change", "a mapping with kind, members and dummy or cut_pct")
    kind = data.get("kind")
    if kind not in CHANGE_KINDS:
        raise InputError(
            "scenario.change.kind", f"'{kind}' is not one of {', '.join(CHANGE_KINDS)}"
        )
    cut = data.get("cut_pct")
    if kind == "cost_cut":
        if not isinstance(cut, int | float) or not 0 < float(cut) < 100:
            raise InputError("scenario.change.cut_pct", f"a cut in percent, 0 < x < 100; got {cut}")
    elif not data.get("dummy"):
        raise InputError("scenario.change.dummy", "an agreement change names the dummy it sets")
    return Change(
        kind=kind,
        members=_tuple(data.get("members"), "scenario.change.members"),
        partners=_tuple(data.get("partners"), "scenario.change.partners"),
        dummy=data.get("dummy"),
        replaces=_tuple(data.get("replaces"), "scenario.change.replaces"),
        cut_pct=None if cut is None else float(cut),
    )


KEYS = {
    "name", "title", "region", "year", "estimation", "change", "sigma", "reference", "closure",
    "domestic_rule", "top", "keep", "draws", "seed", "region_title",
}  # fmt: skip


def compute_scenario(data: dict[str, Any], source: str = "") -> Scenario:
    """Validate a scenario mapping (from YAML) into a :class:`Scenario`."""
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise InputError(
            f"scenario.{unknown[0]}", f"unknown key; allowed: {', '.join(sorted(KEYS))}"
        )
    for key in ("name", "region", "year", "estimation", "change"):
        if key not in data:
            raise InputError(f"scenario.{key}", "missing")
    est = dict(data["estimation"])
    est.setdefault("name", f"{data['name']}-estimation")
    est.setdefault("years", list(PANEL_YEARS))
    scenario = Scenario(
        name=str(data["name"]),
        title=str(data.get("title", data["name"])),
        region=_tuple(data["region"], "scenario.region"),
        year=_whole(data["year"], "scenario.year"),
        estimation=compute_spec(est, "scenario.estimation"),
        change=_change(data["change"]),
        sigma=_real(data.get("sigma", 7.0), "scenario.sigma"),
        reference=str(data.get("reference", "USA")),
        closure=str(data.get("closure", "book")),
        domestic_rule=data.get("domestic_rule", "gdp_minus_exports"),
        top=None if data.get("top", 60) is None else _whole(data.get("top", 60), "scenario.top"),
        keep=_tuple(data.get("keep"), "scenario.keep"),
        draws=_whole(data.get("draws", MIN_DRAWS), "scenario.draws"),
        seed=_whole(data.get("seed", 20240601), "scenario.seed"),
        source=source,
        region_title=str(data.get("region_title", "")),
    )
    check_scenario(scenario)
    return scenario


def check_scenario(s: Scenario) -> None:
    """Raise :class:`InputError` naming the key of any inconsistency that needs no data."""
    if not s.sigma > 1:
        raise InputError(
            "scenario.sigma", f"the elasticity of substitution must be > 1, got {s.sigma}"
        )
    if s.domestic_rule not in DOMESTIC_RULES:
        raise InputError(
            "scenario.domestic_rule",
            f"'{s.domestic_rule}' is not one of {', '.join(DOMESTIC_RULES)}",
        )
    if s.draws < 0:
        raise InputError("scenario.draws", f"must be 0 or more, got {s.draws}")
    years = s.estimation.years or ()
    if s.year not in years:
        raise InputError(
            "scenario.year", f"{s.year} is not one of the estimation years {list(years)}"
        )
    if s.change.kind == "agreement" and s.change.dummy not in s.estimation.regressors:
        raise InputError(
            "scenario.change.dummy",
            f"'{s.change.dummy}' is not an estimated regressor {list(s.estimation.regressors)}",
        )
    for r in s.change.replaces:
        if r not in s.estimation.regressors:
            raise InputError("scenario.change.replaces", f"'{r}' is not an estimated regressor")


def list_scenario_files() -> dict[str, Path]:
    """The shipped scenarios, by name."""
    return {p.stem: p for p in sorted(SCENARIO_DIR.glob("*.yaml"))}


def read_scenario(name_or_path: str, params: dict[str, str] | None = None) -> Scenario:
    """A shipped scenario by name, or a YAML file; ``params`` override ``change`` values."""
    shipped = list_scenario_files()
    path = shipped.get(name_or_path) or Path(name_or_path)
    if not path.is_file():
        raise InputError(
            "scenario",
            f"'{name_or_path}' is neither a shipped scenario ({', '.join(shipped)}) nor a file",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise InputError("scenario", f"{path}: not valid YAML ({err})") from None
    if not isinstance(data, dict):
        raise InputError("scenario", f"{path}: a scenario is a mapping")
    for key, value in (params or {}).items():
        if key in ("draws", "seed", "year", "top", "sigma", "domestic_rule", "closure"):
            data[key] = yaml.safe_load(value)
        elif key in data.get("change", {}) or key == "cut_pct":
            data["change"][key] = yaml.safe_load(value)
        else:
            raise InputError("params", f"unknown parameter '{key}'")
    scenario = compute_scenario(data, str(path))
    return replace(scenario, source=str(path))


def compute_for_region(s: Scenario, members: tuple[str, ...], label: str) -> Scenario:
    """``s`` for another region: the states reported are ``members``.

    A change among the scenario's own region (an FTA among the C5, a cut in intra-C5 costs)
    becomes the same change among ``members``; a change between named states (Uzbekistan and
    the EAEU) stays as it is and applies when one of ``members`` is party to it. The scenario
    is returned unchanged for its own region. Raises :class:`InputError` naming ``region``, with
    the reason, when the scenario does not apply.
    """
    members = tuple(sorted(set(members)))
    if set(members) == set(s.region):
        return s
    change = s.change
    if not change.partners and set(change.members) == set(s.region):
        if len(members) < 2:
            raise InputError("region", f"{s.name} changes trade among states; {label} has one")
        change = replace(change, members=members)
        title = (s.region_title or "{region}: " + s.title).format(region=label)
    else:
        party = set(change.members) | set(change.partners)
        if not party & set(members):
            raise InputError(
                "region",
                f"{s.name} changes trade between {', '.join(change.members)} and "
                f"{', '.join(change.partners) or 'each other'}; none of them is in {label}",
            )
        title = s.title
    keep = tuple(dict.fromkeys((*s.keep, *members)))
    return replace(s, region=members, change=change, title=title, keep=keep)
