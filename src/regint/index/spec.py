"""The index spec: one declarative YAML file, validated into frozen records.

Every construction step reads its method from the spec; nothing else decides. A bad spec
(unknown indicator or method, a negative weight, weights not summing to one, a dimension with
nothing left after screening) raises :class:`SpecError` naming the file and the key, for example
``framework.yaml: dimensions[2].indicators[0].weight: must not be negative (got -0.5)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from regint.core.errors import DataError

Imputation = Literal["interpolate", "carry", "regional_mean"]
Outliers = Literal["none", "coinr"]
Normalisation = Literal["minmax", "zscore", "goalposts", "rank"]
Scope = Literal["panel", "year"]
Weighting = Literal["equal", "pca", "user"]
Aggregation = Literal["arithmetic", "geometric", "harmonic"]
Direction = Literal[1, -1]

IMPUTATIONS: tuple[str, ...] = get_args(Imputation)
OUTLIERS: tuple[str, ...] = get_args(Outliers)
NORMALISATIONS: tuple[str, ...] = get_args(Normalisation)
SCOPES: tuple[str, ...] = get_args(Scope)
WEIGHTINGS: tuple[str, ...] = get_args(Weighting)
AGGREGATIONS: tuple[str, ...] = get_args(Aggregation)

DEFAULT_SPEC = Path(__file__).with_name("framework.yaml")
DEFAULT_NAME = "regint/index/framework.yaml"
WEIGHT_TOLERANCE = 1e-6


class SpecError(DataError):
    """A spec that cannot be built: names the file and the key."""

    def __init__(self, path: str, key: str, message: str) -> None:
        self.key = key
        super().__init__(path, f"{key}: {message}")


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of a dimension: id, direction (+1 more is more integrated), user weight."""

    id: str
    direction: int = 1
    weight: float | None = None
    goalposts: tuple[float, float] | None = None


@dataclass(frozen=True)
class DimensionSpec:
    """A dimension: its indicators and its user weight."""

    id: str
    title: str
    indicators: tuple[IndicatorSpec, ...]
    weight: float | None = None


@dataclass(frozen=True)
class Uncertainty:
    """What the Monte Carlo varies. The baseline's own choice is always among the options."""

    samples: int = 128
    seed: int = 20181204
    interval: tuple[float, float] = (0.05, 0.95)
    imputation: tuple[tuple[str, ...], ...] = ()
    normalisation: tuple[str, ...] = ()
    weights: tuple[str, ...] = ()
    aggregation: tuple[str, ...] = ()
    exclusion: bool = True
    perturbation: float = 0.25


@dataclass(frozen=True)
class Spec:
    """A validated index spec; ``text`` and ``sha256`` are stored with every result."""

    name: str
    path: str
    dimensions: tuple[DimensionSpec, ...]
    first_year: int = 1995
    min_coverage: float = 0.15
    imputation: tuple[str, ...] = ("interpolate", "carry", "regional_mean")
    carry_limit: int = 3
    outliers: str = "coinr"
    skew: float = 2.0
    kurtosis: float = 3.5
    winmax: int = 5
    normalisation: str = "minmax"
    scope: str = "panel"
    weights: str = "equal"
    aggregation: str = "arithmetic"
    min_weight: float = 0.5
    uncertainty: Uncertainty = Uncertainty()
    text: str = ""
    sha256: str = ""

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator id, dimension by dimension, in spec order."""
        return tuple(i.id for d in self.dimensions for i in d.indicators)

    def dimension_of(self, indicator: str) -> str:
        """The id of the dimension that holds ``indicator``."""
        return next(d.id for d in self.dimensions for i in d.indicators if i.id == indicator)


class _Reader:
    """Typed access to a YAML mapping; every failure names the file and the key."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> SpecError:
        return SpecError(self.path, key, message)

    def mapping(self, raw: Any, key: str) -> Mapping[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            raise self.fail(key, "must be a mapping")
        return raw

    def choice(self, raw: Any, key: str, allowed: Sequence[str], default: str) -> str:
        value = default if raw is None else raw
        if value not in allowed:
            raise self.fail(key, f"unknown method {value!r}; allowed: {', '.join(allowed)}")
        return str(value)

    def number(self, raw: Any, key: str, default: float, low: float, high: float) -> float:
        if raw is None:
            return default
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise self.fail(key, f"must be a number (got {raw!r})")
        if not low <= float(raw) <= high:
            raise self.fail(key, f"must lie in [{low:g}, {high:g}] (got {raw!r})")
        return float(raw)

    def weight(self, raw: Any, key: str) -> float | None:
        if raw is None:
            return None
        value = self.number(raw, key, 0.0, -float("inf"), float("inf"))
        if value < 0:
            raise self.fail(key, f"must not be negative (got {raw!r})")
        return value

    def strings(self, raw: Any, key: str, allowed: Sequence[str]) -> tuple[str, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail(key, "must be a non-empty list")
        return tuple(self.choice(v, f"{key}[{i}]", allowed, "") for i, v in enumerate(raw))


def _indicator(r: _Reader, raw: Any, key: str, known: set[str] | None) -> IndicatorSpec:
    item = r.mapping(raw, key)
    ident = item.get("id")
    if not isinstance(ident, str) or not ident:
        raise r.fail(f"{key}.id", "every indicator needs an id")
    if known is not None and ident not in known:
        raise r.fail(f"{key}.id", f"unknown indicator {ident!r}; known: {', '.join(sorted(known))}")
    direction = item.get("direction", 1)
    if direction not in (1, -1):
        raise r.fail(f"{key}.direction", f"must be 1 or -1 (got {direction!r})")
    goal = item.get("goalposts")
    goalposts = None
    if goal is not None:
        if not isinstance(goal, list) or len(goal) != 2:
            raise r.fail(f"{key}.goalposts", "must be a list [low, high]")
        low, high = (r.number(g, f"{key}.goalposts", 0, -1e300, 1e300) for g in goal)
        if not low < high:
            raise r.fail(f"{key}.goalposts", f"low must be below high (got {goal!r})")
        goalposts = (low, high)
    return IndicatorSpec(
        ident, int(direction), r.weight(item.get("weight"), f"{key}.weight"), goalposts
    )


def _dimension(r: _Reader, raw: Any, key: str, known: set[str] | None) -> DimensionSpec:
    item = r.mapping(raw, key)
    ident = item.get("id")
    if not isinstance(ident, str) or not ident:
        raise r.fail(f"{key}.id", "every dimension needs an id")
    raw_ind = item.get("indicators")
    if not isinstance(raw_ind, list) or not raw_ind:
        raise r.fail(f"{key}.indicators", "a dimension needs at least one indicator")
    indicators = tuple(
        _indicator(r, x, f"{key}.indicators[{i}]", known) for i, x in enumerate(raw_ind)
    )
    return DimensionSpec(
        ident,
        str(item.get("title", ident)),
        indicators,
        r.weight(item.get("weight"), f"{key}.weight"),
    )


def _check_user_weights(r: _Reader, dims: tuple[DimensionSpec, ...]) -> None:
    """User weights: every one given, each set summing to one."""
    _sum_to_one(r, "dimensions[*].weight", [d.weight for d in dims])
    for n, d in enumerate(dims):
        _sum_to_one(r, f"dimensions[{n}].indicators[*].weight", [i.weight for i in d.indicators])


def _sum_to_one(r: _Reader, key: str, weights: list[float | None]) -> None:
    if any(w is None for w in weights):
        raise r.fail(key, "weights.method is 'user', so every weight must be given")
    total = sum(w for w in weights if w is not None)
    if abs(total - 1.0) > WEIGHT_TOLERANCE:
        raise r.fail(key, f"weights must sum to 1 (they sum to {total:.6g})")


def _uncertainty(r: _Reader, raw: Any, spec_key: dict[str, Any]) -> Uncertainty:
    key = "uncertainty"
    u = r.mapping(raw, key)
    vary = r.mapping(u.get("vary"), f"{key}.vary")
    samples = int(r.number(u.get("samples"), f"{key}.samples", 128, 8, 2**16))
    if samples & (samples - 1):
        raise r.fail(f"{key}.samples", f"must be a power of two (got {samples})")
    interval = u.get("interval", [0.05, 0.95])
    if (
        not isinstance(interval, list)
        or len(interval) != 2
        or not 0 <= interval[0] < interval[1] <= 1
    ):
        raise r.fail(
            f"{key}.interval", f"must be [low, high] quantiles in [0, 1] (got {interval!r})"
        )
    imput = vary.get("imputation", [list(spec_key["imputation"])])
    if not isinstance(imput, list) or not all(isinstance(x, list) for x in imput):
        raise r.fail(f"{key}.vary.imputation", "must be a list of step lists")
    return Uncertainty(
        samples=samples,
        seed=int(r.number(u.get("seed"), f"{key}.seed", 20181204, 0, 2**32 - 1)),
        interval=(float(interval[0]), float(interval[1])),
        imputation=_with_first(
            tuple(
                r.strings(x, f"{key}.vary.imputation[{i}]", IMPUTATIONS) if x else ()
                for i, x in enumerate(imput)
            ),
            tuple(spec_key["imputation"]),
        ),
        normalisation=_vary(r, vary, "normalisation", NORMALISATIONS, spec_key),
        weights=_vary(r, vary, "weights", WEIGHTINGS, spec_key),
        aggregation=_vary(r, vary, "aggregation", AGGREGATIONS, spec_key),
        exclusion=bool(vary.get("exclusion", True)),
        perturbation=r.number(vary.get("perturbation"), f"{key}.vary.perturbation", 0.25, 0, 0.99),
    )


def _vary(
    r: _Reader, vary: Mapping[str, Any], name: str, allowed: Sequence[str], base: dict[str, Any]
) -> tuple[str, ...]:
    raw = vary.get(name, [base[name]])
    return _with_first(r.strings(raw, f"uncertainty.vary.{name}", allowed), base[name])


def _with_first(options: tuple[Any, ...], baseline: Any) -> tuple[Any, ...]:
    """The options with the baseline first (added when missing), duplicates dropped."""
    out = [baseline] + [o for o in options if o != baseline]
    return tuple(dict.fromkeys(out))


TOP_KEYS = frozenset(
    {"name", "first_year", "screening", "imputation", "outliers", "normalisation", "weights"}
    | {"aggregation", "dimensions", "uncertainty", "description"}
)


def _methods(r: _Reader, data: Mapping[str, Any]) -> dict[str, Any]:
    """The construction methods (the keys the Monte Carlo may vary) and their parameters."""
    imp = r.mapping(data.get("imputation"), "imputation")
    out = r.mapping(data.get("outliers"), "outliers")
    norm = r.mapping(data.get("normalisation"), "normalisation")
    agg = r.mapping(data.get("aggregation"), "aggregation")
    steps = imp.get("steps", ["interpolate", "carry", "regional_mean"])
    return {
        "min_coverage": r.number(
            r.mapping(data.get("screening"), "screening").get("min_coverage"),
            "screening.min_coverage",
            0.25,
            0,
            1,
        ),
        "imputation": r.strings(steps, "imputation.steps", IMPUTATIONS) if steps else (),
        "carry_limit": int(r.number(imp.get("carry_limit"), "imputation.carry_limit", 3, 0, 100)),
        "outliers": r.choice(out.get("method"), "outliers.method", OUTLIERS, "coinr"),
        "skew": r.number(out.get("skew"), "outliers.skew", 2.0, 0, 1e9),
        "kurtosis": r.number(out.get("kurtosis"), "outliers.kurtosis", 3.5, 0, 1e9),
        "winmax": int(r.number(out.get("winmax"), "outliers.winmax", 5, 0, 1e6)),
        "normalisation": r.choice(
            norm.get("method"), "normalisation.method", NORMALISATIONS, "minmax"
        ),
        "scope": r.choice(norm.get("scope"), "normalisation.scope", SCOPES, "panel"),
        "weights": r.choice(
            r.mapping(data.get("weights"), "weights").get("method"),
            "weights.method",
            WEIGHTINGS,
            "equal",
        ),
        "aggregation": r.choice(
            agg.get("method"), "aggregation.method", AGGREGATIONS, "arithmetic"
        ),
        "min_weight": r.number(agg.get("min_weight"), "aggregation.min_weight", 0.5, 0, 1),
    }


def parse_spec(data: Any, path: str, known: set[str] | None = None, text: str = "") -> Spec:
    """Validate a parsed YAML document into a :class:`Spec`.

    ``known`` is the set of indicator ids data exist for; None skips that check (tests).
    """
    r = _Reader(path)
    top = r.mapping(data, "(top level)")
    unknown = sorted(set(top) - TOP_KEYS)
    if unknown:
        raise r.fail(unknown[0], f"unknown key; allowed: {', '.join(sorted(TOP_KEYS))}")
    raw_dims = top.get("dimensions")
    if not isinstance(raw_dims, list) or not raw_dims:
        raise r.fail("dimensions", "the spec needs a non-empty list of dimensions")
    dims = tuple(_dimension(r, d, f"dimensions[{i}]", known) for i, d in enumerate(raw_dims))
    _check_unique(r, dims)
    methods = _methods(r, top)
    if methods["weights"] == "user":
        _check_user_weights(r, dims)
    if "goalposts" in (methods["normalisation"],):
        _check_goalposts(r, dims, "normalisation.method")
    unc = _uncertainty(r, top.get("uncertainty"), methods)
    if "goalposts" in unc.normalisation:
        _check_goalposts(r, dims, "uncertainty.vary.normalisation")
    if "user" in unc.weights and methods["weights"] != "user":
        _check_user_weights(r, dims)
    first = int(r.number(top.get("first_year"), "first_year", 1995, 1960, 2100))
    return Spec(
        name=str(top.get("name", Path(path).stem)),
        path=path,
        dimensions=dims,
        first_year=first,
        uncertainty=unc,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest() if text else "",
        **methods,
    )


def _check_unique(r: _Reader, dims: tuple[DimensionSpec, ...]) -> None:
    seen: set[str] = set()
    for n, d in enumerate(dims):
        if d.id in seen:
            raise r.fail(f"dimensions[{n}].id", f"duplicate dimension {d.id!r}")
        seen.add(d.id)
    ids = [i.id for d in dims for i in d.indicators]
    for n, d in enumerate(dims):
        for m, i in enumerate(d.indicators):
            if ids.count(i.id) > 1:
                raise r.fail(
                    f"dimensions[{n}].indicators[{m}].id", f"indicator {i.id!r} appears twice"
                )


def _check_goalposts(r: _Reader, dims: tuple[DimensionSpec, ...], key: str) -> None:
    for n, d in enumerate(dims):
        for m, i in enumerate(d.indicators):
            if i.goalposts is None:
                raise r.fail(
                    f"dimensions[{n}].indicators[{m}].goalposts",
                    f"{key} uses goalposts, so {i.id!r} needs goalposts [low, high]",
                )


def read_spec(path: str | Path | None = None, known: set[str] | None = None) -> Spec:
    """Read and validate a spec file (default: the framework shipped with regint)."""
    spec_path = Path(path) if path else DEFAULT_SPEC
    # The shipped spec is named by its place in the package, so outputs do not depend on where
    # regint is installed.
    name = str(spec_path) if path else DEFAULT_NAME
    try:
        text = spec_path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise SpecError(name, "(file)", f"cannot read the index spec: {err}") from None
    return parse_spec(data, name, known, text)
