"""The claims' robustness policy: the baseline, its alternatives, and the evaluation date.

Every test is judged on the baseline (reconciled basis, CIF/FOB 1.06, the region) and rerun on
one-at-a-time alternatives: each one-sided basis, a low and a high CIF/FOB factor, and
reasonable alternative country sets (:func:`regint.claims.inputs.region_variants`). A verdict
that flips under an alternative becomes "mixed". The policy is the claims' own; the api only
supplies a loader for the trade data.

>>> from regint.core.regions import C5_REGION
>>> [s.id for s in build_scenarios(C5_REGION)][:5]
['baseline', 'basis_reported', 'basis_mirror', 'cif_1.03', 'cif_1.10']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from regint.claims.evaluate import BASELINE, Scenario, evaluate_claim
from regint.claims.inputs import Context, KBFrames, compute_trade_frames, region_variants
from regint.claims.model import Claim, ClaimResult
from regint.claims.spec import ClaimSet
from regint.core.errors import InputError
from regint.core.options import BASIS_DEFAULT, CIF_FOB_DEFAULT, Basis, Progress, parse_date, quiet
from regint.core.regions import Region
from regint.indicators.base import TradeData
from regint.indicators.drivers.base import DriverData

BASES_ALT: tuple[Basis, ...] = ("reported", "mirror")
"""The one-sided bases each test is rerun on."""
CIF_FOB_ALT = (1.03, 1.10)
"""A low and a high CIF/FOB factor: the range of published estimates (Gaulier et al. 2008)."""

TradeLoader = Callable[[Basis, float], TradeData]
"""Loads the region's trade on one basis and CIF/FOB factor (the api reads the warehouse)."""


def build_scenarios(region: Region) -> tuple[Scenario, ...]:
    """The baseline and one-at-a-time alternatives: basis, CIF/FOB factor, country set."""
    baseline_label = f"baseline: {BASIS_DEFAULT}, CIF/FOB {CIF_FOB_DEFAULT}"
    out = [Scenario(BASELINE, BASELINE, baseline_label, BASIS_DEFAULT, CIF_FOB_DEFAULT)]
    out += [Scenario(f"basis_{b}", "basis", f"{b} basis", b, CIF_FOB_DEFAULT) for b in BASES_ALT]
    out += [
        Scenario(f"cif_{f:.2f}", "cif_fob", f"CIF/FOB {f:.2f}", BASIS_DEFAULT, f)
        for f in CIF_FOB_ALT
    ]
    out += [
        Scenario(f"region_{key}", "region", label, BASIS_DEFAULT, CIF_FOB_DEFAULT, key)
        for key, label, _ in region_variants(region)
    ]
    return tuple(out)


def pick_claims(claim_set: ClaimSet, ids: Sequence[str] | str | None) -> list[Claim]:
    """The claims named by ``ids`` ('a,b' or a list), all of them when None or empty."""
    if not ids:
        return list(claim_set.claims)
    wanted = [i.strip() for i in (ids.split(",") if isinstance(ids, str) else ids) if i.strip()]
    known = {c.id for c in claim_set.claims}
    bad = [i for i in wanted if i not in known]
    if bad:
        raise InputError("claims", f"unknown claim '{bad[0]}'; known: {', '.join(sorted(known))}")
    return [c for c in claim_set.claims if c.id in wanted]


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation produced: verdicts, scenarios, contexts and the loaded trade data."""

    results: tuple[ClaimResult, ...]
    scenarios: tuple[Scenario, ...]
    contexts: dict[str, Context]
    data: dict[tuple[Basis, float], TradeData]


def build_contexts(
    region: Region,
    scenarios: Sequence[Scenario],
    load: TradeLoader,
    kb: KBFrames | None,
    progress: Progress = quiet,
    drivers: DriverData | None = None,
) -> tuple[dict[str, Context], dict[tuple[Basis, float], TradeData]]:
    """Load each (basis, CIF/FOB) once and compute the claims' frames for every scenario.

    ``drivers`` (WDI, migrant stocks; the drivers' tests) is shared by every scenario: the
    region variants still apply, since the driver metrics read each scenario's members.
    """
    regions = {BASELINE: region, **{key: reg for key, _, reg in region_variants(region)}}
    loaded: dict[tuple[Basis, float], TradeData] = {}
    members = tuple(sorted(region.all_members()))
    contexts: dict[str, Context] = {}
    for scenario in scenarios:
        key = (scenario.basis, scenario.cif_fob)
        if key not in loaded:
            progress(f"loading trade ({scenario.basis}, CIF/FOB {scenario.cif_fob:.2f})")
            loaded[key] = load(*key)
        frames = compute_trade_frames(loaded[key], regions[scenario.region_key])
        contexts[scenario.id] = Context(
            trade=frames,
            kb=kb,
            region_members=members,
            region_label=region.label,
            drivers=drivers,
        )
    return contexts, loaded


def evaluate_claims(
    region: Region,
    chosen: Sequence[Claim],
    load: TradeLoader,
    kb: KBFrames,
    progress: Progress = quiet,
    *,
    drivers: DriverData | None = None,
) -> Evaluation:
    """Evaluate ``chosen`` claims on every scenario of :func:`build_scenarios`."""
    scenarios = build_scenarios(region)
    contexts, loaded = build_contexts(region, scenarios, load, kb, progress, drivers)
    results = []
    for claim in chosen:
        progress(f"testing {claim.id}")
        results.append(evaluate_claim(claim, contexts, scenarios))
    return Evaluation(tuple(results), scenarios, contexts, loaded)


# The knowledge base starts with the states' independence: the Belovezha Accords of 8 December
# 1991 dissolved the USSR. Before that day, or after today, there is nothing to judge.
FIRST_AS_OF = dt.date(1991, 12, 8)


def check_as_of(value: dt.date | str | None, parameter: str = "as_of") -> dt.date | None:
    """The evaluation date, refused (InputError ``as_of``) outside 1991-12-08..today.

    >>> check_as_of("1900-01-01")
    Traceback (most recent call last):
    ...
    regint.core.errors.InputError: as_of: 1900-01-01 is before 1991-12-08 (the Belovezha Accords): the Central Asian states were not yet independent
    """
    if value is None:
        return None
    day = parse_date(value, parameter)
    today = dt.date.today()
    if day < FIRST_AS_OF:
        raise InputError(
            parameter,
            f"{day.isoformat()} is before {FIRST_AS_OF.isoformat()} (the Belovezha Accords): "
            "the Central Asian states were not yet independent",
        )
    if day > today:
        raise InputError(
            parameter, f"{day.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return day


__all__ = [
    "BASES_ALT",
    "CIF_FOB_ALT",
    "FIRST_AS_OF",
    "Evaluation",
    "TradeLoader",
    "build_contexts",
    "build_scenarios",
    "check_as_of",
    "evaluate_claims",
    "pick_claims",
]
