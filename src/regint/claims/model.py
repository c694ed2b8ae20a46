"""Claims, their pre-declared tests, and the records an evaluation returns.

A :class:`Claim` is one of the study's conclusions or factual assertions. Each carries one or
more :class:`TestSpec` records (metric, prediction, verdict rule, robustness), written in
``spec.yaml`` before any data were looked at. Evaluating a test gives a :class:`Measure`
(numbers), a :class:`Verdict` and the same test rerun under alternative definitions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

Verdict = Literal["supported", "contradicted", "mixed", "insufficient_data"]
VERDICTS: tuple[str, ...] = get_args(Verdict)

# How a measured value maps to a verdict (see Rule).
RuleKind = Literal["at_least", "at_most", "ci_above", "ci_below", "describe"]
RULE_KINDS: tuple[str, ...] = get_args(RuleKind)

# Robustness dimensions a trade test may be rerun along.
Dimension = Literal[
    "basis", "cif_fob", "region", "window", "break_year", "measure", "classification"
]
DIMENSIONS: tuple[str, ...] = get_args(Dimension)


@dataclass(frozen=True)
class Rule:
    """Pre-declared verdict rule.

    - ``at_least``: supported if value >= threshold; contradicted if value < contra
      (``contra`` defaults to ``threshold``); mixed in between.
    - ``at_most``: supported if value <= threshold; contradicted if value > contra.
    - ``ci_above``: supported if the CI's lower bound > threshold; contradicted if the point
      estimate <= threshold (the data point the other way); mixed if the CI straddles it.
    - ``ci_below``: the mirror image of ``ci_above``.
    - ``describe``: evidence only, no verdict (context for the reader).
    """

    kind: RuleKind
    threshold: float = 0.0
    contra: float | None = None

    def describe(self) -> str:
        contra = self.threshold if self.contra is None else self.contra
        if self.kind == "at_least":
            extra = f"; contradicted if < {contra:g}" if contra != self.threshold else ""
            return f"supported if >= {self.threshold:g}{extra}"
        if self.kind == "at_most":
            extra = f"; contradicted if > {contra:g}" if contra != self.threshold else ""
            return f"supported if <= {self.threshold:g}{extra}"
        if self.kind == "ci_above":
            return f"supported if the 95% CI lies above {self.threshold:g}"
        if self.kind == "ci_below":
            return f"supported if the 95% CI lies below {self.threshold:g}"
        return "context: no verdict"


@dataclass(frozen=True)
class Alternative:
    """A reasonable alternative definition: a robustness dimension and parameter overrides."""

    dimension: Dimension
    label: str
    params: tuple[tuple[str, Any], ...] = ()

    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)


@dataclass(frozen=True)
class TestSpec:
    """A pre-declared test: what is measured, what the claim predicts, how it is judged."""

    __test__ = False  # not a pytest test class

    id: str
    metric: str
    prediction: str
    rule: Rule
    params: tuple[tuple[str, Any], ...] = ()
    robustness: tuple[Dimension, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    skip_regions: tuple[str, ...] = ()  # region variants that make this test degenerate
    rationale: str = ""

    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)

    @property
    def uses_trade(self) -> bool:
        return bool({"basis", "cif_fob", "region"} & set(self.robustness))


@dataclass(frozen=True)
class Claim:
    """One conclusion of the study (``conclusion`` 1-5) or a factual assertion (None)."""

    id: str
    title: str
    statement: str
    conclusion: int | None
    source: str
    tests: tuple[TestSpec, ...]
    note: str = ""

    @property
    def kind(self) -> str:
        return "conclusion" if self.conclusion is not None else "assertion"


@dataclass(frozen=True)
class Measure:
    """What a metric found: a value (with CI where it has one), the numbers behind it, a note.

    ``value`` is None when the data cannot answer; ``note`` then says why.
    """

    value: float | None
    lo: float | None = None
    hi: float | None = None
    unit: str = ""
    details: tuple[tuple[str, Any], ...] = ()
    note: str = ""
    series: tuple[tuple[str, tuple[Any, ...]], ...] = ()  # named columns for a figure

    @property
    def is_known(self) -> bool:
        return self.value is not None

    def detail_dict(self) -> dict[str, Any]:
        return dict(self.details)

    def series_dict(self) -> dict[str, tuple[Any, ...]]:
        return dict(self.series)


@dataclass(frozen=True)
class VariantResult:
    """One rerun of a test under an alternative definition."""

    dimension: str
    label: str
    measure: Measure
    verdict: Verdict | None


@dataclass(frozen=True)
class TestResult:
    """A test's baseline measure and verdict, its robustness reruns and the final verdict."""

    __test__ = False  # not a pytest test class

    test: TestSpec
    baseline: Measure
    baseline_verdict: Verdict | None
    variants: tuple[VariantResult, ...]
    verdict: Verdict | None
    flips: tuple[str, ...] = ()  # labels of alternatives whose verdict differs

    @property
    def is_context(self) -> bool:
        return self.test.rule.kind == "describe"


@dataclass(frozen=True)
class ClaimResult:
    """A claim with the results of its tests and the verdict they add up to."""

    claim: Claim
    tests: tuple[TestResult, ...]
    verdict: Verdict
    summary: str = ""
    provenance: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.claim.id, "title": self.claim.title, "statement": self.claim.statement,
            "conclusion": self.claim.conclusion, "kind": self.claim.kind,
            "verdict": self.verdict, "summary": self.summary,
            "tests": [_test_dict(t) for t in self.tests],
        }  # fmt: skip


def _test_dict(result: TestResult) -> dict[str, Any]:
    spec = result.test
    return {
        "id": spec.id, "metric": spec.metric, "prediction": spec.prediction,
        "rule": spec.rule.describe(), "params": spec.param_dict(),
        "value": result.baseline.value, "lo": result.baseline.lo, "hi": result.baseline.hi,
        "unit": result.baseline.unit, "details": result.baseline.detail_dict(),
        "note": result.baseline.note, "baseline_verdict": result.baseline_verdict,
        "verdict": result.verdict, "flips": list(result.flips),
        "robustness": [
            {"dimension": v.dimension, "label": v.label, "value": v.measure.value,
             "lo": v.measure.lo, "hi": v.measure.hi, "verdict": v.verdict, "note": v.measure.note}
            for v in result.variants
        ],
    }  # fmt: skip


def spec_dict(claim: Claim) -> dict[str, Any]:
    """A claim and its tests as plain data (for ``regint claims list --json``)."""
    out = asdict(claim)
    for test, raw in zip(claim.tests, out["tests"], strict=True):
        raw["rule"] = test.rule.describe()
        raw["params"] = test.param_dict()
        raw["alternatives"] = [
            {"dimension": a.dimension, "label": a.label, "params": a.param_dict()}
            for a in test.alternatives
        ]
    return out
