"""The study's conclusions as testable claims: pre-declared tests, evidence and verdicts.

``spec.yaml`` declares the claims and their tests; :func:`read_claims` loads them;
:func:`evaluate_claim` judges one claim against frames built by :mod:`regint.claims.inputs`.
"""

from regint.claims.evaluate import Scenario, combine, evaluate_claim, evaluate_test, judge
from regint.claims.inputs import (
    Context,
    KBFrames,
    TradeFrames,
    compute_kb_frames,
    compute_trade_frames,
    region_variants,
)
from regint.claims.metrics import METRICS
from regint.claims.model import VERDICTS, Claim, ClaimResult, Measure, Rule, TestResult, TestSpec
from regint.claims.spec import ClaimSet, read_claims

__all__ = [
    "METRICS",
    "VERDICTS",
    "Claim",
    "ClaimResult",
    "ClaimSet",
    "Context",
    "KBFrames",
    "Measure",
    "Rule",
    "Scenario",
    "TestResult",
    "TestSpec",
    "TradeFrames",
    "combine",
    "compute_kb_frames",
    "compute_trade_frames",
    "evaluate_claim",
    "evaluate_test",
    "judge",
    "read_claims",
    "region_variants",
]
