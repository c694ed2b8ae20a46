"""Claims, their pre-declared tests, and the records an evaluation returns.

A :class:`Claim` is one of the study's conclusions or factual assertions. Each carries one or
more :class:`TestSpec` records (metric, prediction, verdict rule, robustness), written in
``spec.yaml`` before any data were looked at. Evaluating a test gives a :class:`Measure`
(numbers), a :class:`Verdict` and the same test rerun under alternative definitions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, get_args

from regint.core.vocab import C5, EU27_ACCESSION

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
    - ``ci_above``: supported if the whole 95% CI lies above the threshold; contradicted if the
      whole CI lies below it; mixed (inconclusive) if the CI includes it, whatever the sign of
      the point estimate.
    - ``ci_below``: the mirror image of ``ci_above``.
    - ``describe``: evidence only, no verdict (context for the reader).
    """

    kind: RuleKind
    threshold: float = 0.0
    contra: float | None = None

    def describe(self) -> str:
        """The rule in words, every branch stated (printed by the CLI and the report)."""
        t = f"{self.threshold:g}"
        contra = self.threshold if self.contra is None else self.contra
        if self.kind in ("at_least", "at_most"):
            good, bad = (">=", "<") if self.kind == "at_least" else ("<=", ">")
            if contra == self.threshold:
                return f"supported if {good} {t}; contradicted otherwise"
            return f"supported if {good} {t}; contradicted if {bad} {contra:g}; mixed in between"
        if self.kind in ("ci_above", "ci_below"):
            good, bad = ("above", "below") if self.kind == "ci_above" else ("below", "above")
            return (
                f"supported if the whole 95% CI lies {good} {t}; contradicted if it lies {bad} "
                f"{t}; mixed (inconclusive) if it includes {t}"
            )
        return "context: no verdict"


# Region premises a test may declare (``applies_to: {region: ...}`` in spec.yaml).
PREMISE_REGIONS: dict[str, tuple[str, ...]] = {"c5": C5}

# Groups ``applies_to: {excludes: [...]}`` may name besides ISO3 codes: the EU-27 is an external
# centre, so a region with any EU member state fails a premise that excludes it.
EXCLUDE_GROUPS: dict[str, tuple[str, ...]] = {"EU27": tuple(sorted(EU27_ACCESSION))}


def expand_excludes(names: tuple[str, ...]) -> dict[str, str]:
    """Each excluded state with the name it was excluded under ({'DEU': 'EU27', 'RUS': 'RUS'})."""
    out: dict[str, str] = {}
    for name in names:
        for state in EXCLUDE_GROUPS.get(name, (name,)):
            out.setdefault(state, name)
    return out


@dataclass(frozen=True)
class Premise:
    """What a test presupposes about the region it is evaluated on.

    - ``region``: the test is defined on that country set only (``c5``: the five states, their
      own organisations and formats); any other region makes it not applicable.
    - ``members``: states the test is about; each must be a member of the region. States named
      in the test's parameters (``actors``, ``actor``, ``members``) count as well.
    - ``excludes``: outside powers the test treats as external (ISO3 codes or ``EU27``); none
      may be a member of the region (with Russia a member, Russia is not an outside power).
    """

    region: str | None = None
    members: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    def merge(self, other: Premise) -> Premise:
        """This premise and ``other`` together (a claim's premise and its test's)."""
        members = tuple(dict.fromkeys((*self.members, *other.members)))
        excludes = tuple(dict.fromkeys((*self.excludes, *other.excludes)))
        return Premise(other.region or self.region, members, excludes)

    def describe(self) -> str:
        parts = []
        if self.region:
            parts.append(f"the {self.region.upper()} only")
        if self.members:
            parts.append(f"regions that include {', '.join(self.members)}")
        if self.excludes:
            parts.append(f"regions without {', '.join(self.excludes)} as members")
        return "; ".join(parts) or "any region"


# Placeholders spec texts use for the region a claim is evaluated on (see render_text).
_STATES_WORDS = {
    "{The_states}": ("The C5 states", "The region's states"),
    "{the_states}": ("the C5 states", "the region's states"),
}


def render_text(text: str, members: tuple[str, ...] | frozenset[str] = C5) -> str:
    """``text`` with its region tokens filled: 'the C5 states' on the C5, else neutral.

    >>> render_text("{The_states} trade", ("KAZ", "UZB"))
    "The region's states trade"
    """
    on_c5 = frozenset(members) == frozenset(C5)
    for token, (c5_words, neutral) in _STATES_WORDS.items():
        text = text.replace(token, c5_words if on_c5 else neutral)
    return text


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
    premise: Premise = Premise()
    amendment: str = ""  # a dated change made after verdicts were published, with its reason

    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)

    @property
    def named_states(self) -> tuple[str, ...]:
        """States the test is about: its premise's and those its parameters name."""
        params = self.param_dict()
        named = [*self.premise.members, *(params.get("actors") or ())]
        named += [params["actor"]] if params.get("actor") else []
        named += list(params.get("members") or ())
        return tuple(dict.fromkeys(str(s) for s in named))

    @property
    def applies_to(self) -> str:
        """The regions this test applies to, in words ('the C5 only', 'regions that include UZB')."""
        return Premise(self.premise.region, self.named_states, self.premise.excludes).describe()

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

    def for_region(self, members: tuple[str, ...] | frozenset[str] = C5) -> Claim:
        """The claim with its texts worded for a region (no 'C5' where the region is not the C5)."""
        tests = tuple(replace(t, prediction=render_text(t.prediction, members)) for t in self.tests)
        return replace(
            self,
            title=render_text(self.title, members),
            statement=render_text(self.statement, members),
            note=render_text(self.note, members),
            tests=tests,
        )


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
    is_applicable: bool = True  # False: the test's premise does not hold for the region

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

    @property
    def is_applicable(self) -> bool:
        return self.baseline.is_applicable


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
            "id": self.claim.id,
            "title": self.claim.title,
            "statement": self.claim.statement,
            "conclusion": self.claim.conclusion,
            "kind": self.claim.kind,
            "verdict": self.verdict,
            "summary": self.summary,
            "tests": [_test_dict(t) for t in self.tests],
        }


def _test_dict(result: TestResult) -> dict[str, Any]:
    spec = result.test
    return {
        "id": spec.id,
        "metric": spec.metric,
        "prediction": spec.prediction,
        "rule": spec.rule.describe(),
        "params": spec.param_dict(),
        "value": result.baseline.value,
        "lo": result.baseline.lo,
        "hi": result.baseline.hi,
        "unit": result.baseline.unit,
        "details": result.baseline.detail_dict(),
        "note": result.baseline.note,
        "applicable": result.is_applicable,
        "applies_to": spec.applies_to,
        "baseline_verdict": result.baseline_verdict,
        "verdict": result.verdict,
        "flips": list(result.flips),
        "amendment": spec.amendment,
        "robustness": [
            {
                "dimension": v.dimension,
                "label": v.label,
                "value": v.measure.value,
                "lo": v.measure.lo,
                "hi": v.measure.hi,
                "verdict": v.verdict,
                "note": v.measure.note,
            }
            for v in result.variants
        ],
    }


def spec_dict(claim: Claim) -> dict[str, Any]:
    """A claim and its tests as plain data (for ``regint claims list --json``)."""
    out = asdict(claim)
    for test, raw in zip(claim.tests, out["tests"], strict=True):
        raw["rule"] = test.rule.describe()
        raw["params"] = test.param_dict()
        raw["applies_to"] = test.applies_to
        raw["alternatives"] = [
            {"dimension": a.dimension, "label": a.label, "params": a.param_dict()}
            for a in test.alternatives
        ]
    return out
