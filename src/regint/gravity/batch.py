"""The shipped scenarios for one region, each checked against the alternative domestic-flow rule.

What the report (and ``regint.run_scenarios``) shows: for a region, each shipped scenario run for
the region's members where it applies (:func:`~regint.gravity.scenario.compute_for_region`), or
the reason it does not; and, when asked, the **domestic-flow rule check**: the same scenario's
point estimates under ``half_gdp_minus_exports`` (only half of value added tradable) beside the
default rule's. DOTS has no domestic flows, so the GE rests on a built one; the check says whether
the answer's sign survives that choice.

The rule of the check: a member's real-GDP or exports change *flips* when the two rules give
opposite signs and the larger of the two is at least ``MATERIAL_PCT`` percentage points (smaller
changes are noise around zero). A scenario is ``robust`` to the rule when nothing flips, else
``not determined by these data``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from regint.core.errors import InputError
from regint.core.regions import Region
from regint.gravity.agreements import Agreements
from regint.gravity.run import FitStore, ScenarioResult, compute_scenario_outcomes
from regint.gravity.scenario import Scenario, compute_for_region
from regint.gravity.world import DomesticRule, WorldInputs

ALTERNATIVE_RULE: DomesticRule = "half_gdp_minus_exports"
MATERIAL_PCT = 0.01
CHECKED = (("rgdp_change_pct", "real GDP"), ("exports_change_pct", "exports"))
Progress = Callable[[str], None]


@dataclass(frozen=True)
class RegionRun:
    """One scenario for one region: its result, or why it does not apply; and the rule check."""

    scenario: Scenario
    result: ScenarioResult | None
    not_applicable: str = ""
    rule_check: dict[str, Any] | None = None


def compute_members(region: Region, year: int) -> tuple[str, ...]:
    """The region's members in ``year`` (else in its latest year before it, else ever)."""
    members = region.members(year)
    if not members and region.by_year:
        earlier = [m for y, m in region.by_year if y <= year]
        members = earlier[-1] if earlier else region.all_members()
    return tuple(sorted(members or region.all_members()))


def compute_rule_check(main: ScenarioResult, alt: ScenarioResult) -> dict[str, Any]:
    """Each member's point estimates under both domestic-flow rules, and the verdict."""
    a = main.table.set_index("country")
    b = alt.table.set_index("country")
    rows, flips = [], []
    for country in main.scenario.region:
        for col, label in CHECKED:
            x, y = float(a.loc[country, col]), float(b.loc[country, col])
            flip = x * y < 0 and max(abs(x), abs(y)) >= MATERIAL_PCT
            rows.append(
                {"country": country, "measure": label, "default_rule": x,
                 "alternative_rule": y, "is_sign_flip": flip}
            )  # fmt: skip
            if flip:
                flips.append(f"{country} {label} ({x:+.3g} -> {y:+.3g})")
    verdict = "robust" if not flips else "not determined by these data"
    text = (
        f"Under the alternative rule ({ALTERNATIVE_RULE}) every member's real-GDP and exports "
        "change keeps its sign."
        if not flips
        else f"Under the alternative rule ({ALTERNATIVE_RULE}) the sign flips for "
        + "; ".join(flips)
        + ": read this scenario as not determined by these data."
    )
    return {"rule": ALTERNATIVE_RULE, "verdict": verdict, "text": text, "rows": rows}


def _adapt(s: Scenario, members: tuple[str, ...], label: str) -> tuple[Scenario, str]:
    try:
        return compute_for_region(s, members, label), ""
    except InputError as err:
        return s, err.reason


def compute_region_runs(
    scenarios: Sequence[Scenario],
    region: Region | None,
    inputs: WorldInputs,
    agreements: Agreements,
    rule_check: bool = False,
    progress: Progress | None = None,
    cache_key: Hashable | None = None,
    store: FitStore | None = None,
) -> list[RegionRun]:
    """Run ``scenarios`` for ``region`` (None: each its own); see the module docstring."""
    adapted = [
        (s, "") if region is None else _adapt(s, compute_members(region, s.year), region.label)
        for s in scenarios
    ]
    runnable = [s for s, why in adapted if not why]
    outcomes = compute_scenario_outcomes(runnable, inputs, agreements, progress, cache_key, store)
    results: dict[str, ScenarioResult] = {}
    reasons = {s.name: why for s, why in adapted if why}
    for s, outcome in zip(runnable, outcomes, strict=True):
        if isinstance(outcome, InputError):
            reasons[s.name] = outcome.reason
        else:
            results[s.name] = outcome
    checks: dict[str, dict[str, Any]] = {}
    if rule_check and results:
        alts = [
            replace(s, domestic_rule=ALTERNATIVE_RULE, draws=0)
            for s in runnable
            if s.name in results
        ]
        outcomes = compute_scenario_outcomes(alts, inputs, agreements, progress, cache_key, store)
        for s, alt in zip(alts, outcomes, strict=True):
            checks[s.name] = (
                compute_rule_check(results[s.name], alt)
                if not isinstance(alt, InputError)
                else {"rule": ALTERNATIVE_RULE, "verdict": "not run", "rows": [],
                      "text": f"The check under {ALTERNATIVE_RULE} could not run: {alt.reason}"}
            )  # fmt: skip
    return [
        RegionRun(s, results.get(s.name), reasons.get(s.name, ""), checks.get(s.name))
        for s, _ in adapted
    ]
