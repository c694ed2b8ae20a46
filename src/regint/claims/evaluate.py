"""Judge each test against its pre-declared rule, rerun it under alternatives, combine verdicts.

Pure functions: they read :class:`~regint.claims.inputs.Context` objects (one per trade scenario)
and return records. A verdict that changes under a reasonable alternative becomes ``mixed``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from regint.claims.inputs import Context
from regint.claims.metrics import compute_measure
from regint.claims.metrics_trade import not_applicable_note
from regint.claims.model import (
    PREMISE_REGIONS,
    Claim,
    ClaimResult,
    Measure,
    Rule,
    TestResult,
    TestSpec,
    VariantResult,
    Verdict,
    expand_excludes,
)
from regint.core.options import Basis

BASELINE = "baseline"


@dataclass(frozen=True)
class Scenario:
    """One way of defining the trade data: basis, CIF/FOB factor and country set.

    ``dimension`` is the robustness dimension this scenario varies (``baseline`` for the
    reference definition); ``region_key`` names the region variant (``baseline`` for the region).
    """

    id: str
    dimension: str
    label: str
    basis: Basis
    cif_fob: float
    region_key: str = BASELINE


def judge(rule: Rule, measure: Measure) -> Verdict | None:
    """The verdict a measure earns under a rule (None for context-only tests)."""
    if rule.kind == "describe":
        return None
    if measure.value is None:
        return "insufficient_data"
    value, threshold = measure.value, rule.threshold
    contra = threshold if rule.contra is None else rule.contra
    if rule.kind == "at_least":
        return "supported" if value >= threshold else "contradicted" if value < contra else "mixed"
    if rule.kind == "at_most":
        return "supported" if value <= threshold else "contradicted" if value > contra else "mixed"
    # Symmetric: the whole CI on the predicted side supports, the whole CI on the other side
    # contradicts, and a CI that includes the threshold is inconclusive whatever the estimate.
    lo = value if measure.lo is None else measure.lo
    hi = value if measure.hi is None else measure.hi
    above, below = lo > threshold, hi < threshold
    if rule.kind == "ci_below":
        above, below = below, above
    return "supported" if above else "contradicted" if below else "mixed"


def premise_gap(test: TestSpec, ctx: Context) -> str | None:
    """Why ``test`` does not apply to the region of ``ctx`` (None when it applies).

    A test defined on the C5 (their own organisations and formats) applies only to the C5; a
    test about named states applies only to a region that has them all; a test that treats
    outside powers as external applies only to a region that has none of them.
    """
    members = frozenset(ctx.region_members)
    region = test.premise.region
    if region is not None and members != frozenset(PREMISE_REGIONS[region]):
        states = ", ".join(PREMISE_REGIONS[region])
        return not_applicable_note(
            ctx,
            f"the test is defined on the {region.upper()} ({states}), their own organisations "
            "and formats",
        )
    missing = [s for s in test.named_states if s not in members]
    if missing:
        verb = "is not a member" if len(missing) == 1 else "are not members"
        return not_applicable_note(ctx, f"the test is about {', '.join(missing)}, which {verb}")
    return _outside_power_gap(test, ctx, members)


def _outside_power_gap(test: TestSpec, ctx: Context, members: frozenset[str]) -> str | None:
    """A test that treats Russia (say) as an external centre cannot run where Russia is a member."""
    inside = {
        state: group
        for state, group in expand_excludes(test.premise.excludes).items()
        if state in members
    }
    if not inside:
        return None
    named = ", ".join(s if g == s else f"{s} ({g})" for s, g in sorted(inside.items()))
    outside = "an outside power" if len(inside) == 1 else "outside powers"
    verb = "it is a member" if len(inside) == 1 else "they are members"
    return not_applicable_note(ctx, f"the test treats {named} as {outside}, but {verb}")


def combine(verdicts: Iterable[Verdict | None]) -> Verdict:
    """Verdicts that agree stand; any disagreement is mixed; no evidence is insufficient_data."""
    known = {v for v in verdicts if v is not None and v != "insufficient_data"}
    if not known:
        return "insufficient_data"
    return known.pop() if len(known) == 1 else "mixed"


def _variants(
    test: TestSpec, contexts: Mapping[str, Context], scenarios: Iterable[Scenario]
) -> list[VariantResult]:
    params = test.param_dict()
    out = []
    for scenario in scenarios:
        if scenario.dimension not in test.robustness or scenario.region_key in test.skip_regions:
            continue
        measure = compute_measure(test.metric, contexts[scenario.id], params)
        out.append(
            VariantResult(scenario.dimension, scenario.label, measure, judge(test.rule, measure))
        )
    for alt in test.alternatives:
        measure = compute_measure(test.metric, contexts[BASELINE], {**params, **alt.param_dict()})
        out.append(VariantResult(alt.dimension, alt.label, measure, judge(test.rule, measure)))
    return out


def evaluate_test(
    test: TestSpec, contexts: Mapping[str, Context], scenarios: Iterable[Scenario] = ()
) -> TestResult:
    """The baseline verdict, reruns under every applicable alternative, and the final verdict.

    ``contexts`` maps scenario ids to contexts and must hold ``'baseline'``.
    """
    gap = premise_gap(test, contexts[BASELINE])
    if gap is not None:
        # Not applicable: no number, no reruns, never a substantive verdict.
        measure = Measure(None, note=gap, is_applicable=False)
        na_verdict = judge(test.rule, measure)
        return TestResult(test, measure, na_verdict, (), na_verdict)
    baseline = compute_measure(test.metric, contexts[BASELINE], test.param_dict())
    base_verdict = judge(test.rule, baseline)
    variants = _variants(test, contexts, scenarios)
    if base_verdict is None or base_verdict == "insufficient_data":
        return TestResult(test, baseline, base_verdict, tuple(variants), base_verdict)
    flips = tuple(
        v.label for v in variants if v.verdict not in (None, "insufficient_data", base_verdict)
    )
    verdict: Verdict = "mixed" if flips else base_verdict
    return TestResult(test, baseline, base_verdict, tuple(variants), verdict, flips)


def summarise(results: Iterable[TestResult]) -> str:
    """'2 supported, 1 mixed (flips under: mirror basis)' style summary of the tests."""
    judged = [r for r in results if not r.is_context]
    counts = Counter(r.verdict for r in judged)
    parts = [
        f"{n} {str(v).replace('_', ' ')}"
        for v, n in sorted(counts.items(), key=lambda kv: str(kv[0]))
    ]
    text = f"{len(judged)} test(s): " + ", ".join(parts)
    unfit = sum(1 for r in judged if not r.is_applicable)
    if unfit:
        text += f" ({unfit} not applicable to this region)"
    flipped = sorted({label for r in judged for label in r.flips})
    if flipped:
        text += f"; verdicts change under: {', '.join(flipped)}"
    return text


def evaluate_claim(
    claim: Claim, contexts: Mapping[str, Context], scenarios: Iterable[Scenario] = ()
) -> ClaimResult:
    """Evaluate every test of ``claim`` and combine their verdicts.

    The claim's texts are worded for the region (``Claim.for_region``) before evaluation.
    """
    claim = claim.for_region(contexts[BASELINE].region_members)
    scenario_list = list(scenarios)
    results = tuple(evaluate_test(t, contexts, scenario_list) for t in claim.tests)
    verdict = combine(r.verdict for r in results if not r.is_context)
    return ClaimResult(claim=claim, tests=results, verdict=verdict, summary=summarise(results))
