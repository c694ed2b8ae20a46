"""regint.gravity: structural gravity estimation (PPML, pyfixest) and GE counterfactuals.

Follows Yotov, Piermartini, Monteiro & Larch (2016), *An Advanced Guide to Trade Policy
Analysis: The Structural Gravity Model*, chapters 1-2.
"""

from regint.gravity.estimate import GravityFit, compute_ppml
from regint.gravity.ge import Convergence, GEConvergenceError, GEProblem, GEResult
from regint.gravity.solve import CLOSURES, compute_ge
from regint.gravity.spec import GravitySpec, compute_spec, read_spec

__all__ = [
    "CLOSURES",
    "Convergence",
    "GEConvergenceError",
    "GEProblem",
    "GEResult",
    "GravityFit",
    "GravitySpec",
    "compute_ge",
    "compute_ppml",
    "compute_spec",
    "read_spec",
]
