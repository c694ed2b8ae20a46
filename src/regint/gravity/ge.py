"""General-equilibrium counterfactuals of the structural gravity model (exact hat algebra).

The model is the endowment economy of Anderson and van Wincoop (2003) as chapter 2 of Yotov,
Piermartini, Monteiro and Larch (2016) solves it:

    X_ij = (t_ij / (Pi_i P_j))^(1-sigma) * Y_i E_j / Y,   Y_i = p_i Q_i,   E_j = phi_j Y_j.

``tau`` below is ``t_ij^(1-sigma)``, the exponent of the fitted trade-cost index (what the PPML
coefficients give directly). The book solves the counterfactual by re-estimating a PPML at every
step of a price loop; here the same equilibrium is solved directly:

1. **Baseline.** The fixed effects of a PPML with exporter and importer effects and the cost index
   as an offset solve the multilateral-resistance system exactly (Fally 2015). So the baseline is
   the biproportional fit of ``tau`` to outputs and expenditures (``compute_biproportional``).
2. **Conditional GE.** Outputs and expenditures fixed; only the resistances move: the same fit on
   ``X0 * tau_hat``.
3. **Full endowment GE.** Factory-gate prices ``p_hat`` move, outputs ``p_hat Y`` and expenditures
   ``p_hat E`` (deficit ratios ``phi`` fixed). Market clearing in changes,

       p_i Y_i = sum_j pi_ij tau_hat_ij p_i^(1-sigma) / P_j^(1-sigma) * p_j E_j,
       P_j^(1-sigma) = sum_i pi_ij tau_hat_ij p_i^(1-sigma),

   is solved by the fixed point ``p_i <- (D_i(p) / Y_i)^(1/sigma)`` (with ``D_i`` the demand
   for i's goods per unit of ``p_i^(1-sigma)``), then scaled so the reference importer's price
   index is unchanged, which is the book's normalisation (its importer fixed effect stays 1).

Convergence is reported (iterations, tolerance, residual); a solve that does not converge
raises :class:`GEConvergenceError` naming the parameters to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from regint.core.errors import InputError, RegintError

TOLERANCE = 1e-10
MAX_ITER = 20_000


class GEConvergenceError(RegintError):
    """The GE solver stopped before the tolerance was met."""

    exit_code = 6

    def __init__(self, step: str, iterations: int, residual: float, tolerance: float) -> None:
        self.step, self.iterations, self.residual = step, iterations, residual
        super().__init__(
            f"the {step} solve did not converge: residual {residual:.3g} after {iterations} "
            f"iterations (tolerance {tolerance:.1g}); raise max_iter or tolerance, or check "
            "the trade-cost changes and the elasticity sigma"
        )


@dataclass(frozen=True)
class Convergence:
    """How one solve ended: iterations, the tolerance asked for and the residual reached."""

    step: str
    iterations: int
    tolerance: float
    residual: float
    method: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class GEProblem:
    """Inputs of a counterfactual.

    Parameters
    ----------
    countries
        ISO3 codes, in the order of the arrays.
    output, expenditure
        Baseline values Y_i and E_j (domestic sales included), positive.
    tau_baseline, tau_counterfactual
        ``t_ij^(1-sigma)`` before and after, N x N (rows exporters); NaN where a pair cannot
        trade (it stays at zero in both scenarios).
    sigma
        Elasticity of substitution, > 1.
    reference
        The country whose inward resistance (price index) is the numeraire.
    """

    countries: tuple[str, ...]
    output: np.ndarray
    expenditure: np.ndarray
    tau_baseline: np.ndarray
    tau_counterfactual: np.ndarray
    sigma: float
    reference: str

    def check(self) -> None:
        """Raise :class:`InputError` naming the parameter that is wrong."""
        n = len(self.countries)
        if not np.isfinite(self.sigma) or self.sigma <= 1:
            raise InputError(
                "sigma", f"the elasticity of substitution must be > 1, got {self.sigma}"
            )
        if self.reference not in self.countries:
            raise InputError("reference", f"'{self.reference}' is not among the countries")
        for name in ("output", "expenditure"):
            v = np.asarray(getattr(self, name), dtype=float)
            if v.shape != (n,) or not np.all(np.isfinite(v)) or np.any(v <= 0):
                raise InputError(name, f"needs {n} positive finite values")
        for name in ("tau_baseline", "tau_counterfactual"):
            m = np.asarray(getattr(self, name), dtype=float)
            if m.shape != (n, n) or np.any(m[np.isfinite(m)] <= 0):
                raise InputError(
                    name, f"needs an {n} x {n} matrix of positive values (NaN: no trade)"
                )
        if not np.array_equal(np.isnan(self.tau_baseline), np.isnan(self.tau_counterfactual)):
            raise InputError("tau_counterfactual", "must be missing exactly where tau_baseline is")


@dataclass(frozen=True)
class GEResult:
    """Baseline and counterfactual equilibria, per country and per pair, with convergence."""

    countries: tuple[str, ...]
    trade_baseline: np.ndarray
    trade_conditional: np.ndarray
    trade_full: np.ndarray
    price_hat: np.ndarray
    imr_hat_conditional: np.ndarray
    imr_hat_full: np.ndarray
    omr_hat_conditional: np.ndarray
    omr_hat_full: np.ndarray
    sigma: float
    reference: str
    convergence: tuple[Convergence, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per country: changes in percent (full endowment unless named ``_cdl``).

        ``imr`` and ``omr`` are the resistances P_j and Pi_i themselves (not their 1-sigma
        powers); real GDP is Y_i / P_i.
        """
        return compute_country_changes(self)

    def bilateral_frame(self) -> pd.DataFrame:
        """One row per pair: baseline, conditional and full-endowment flows."""
        c = np.array(self.countries)
        n = len(c)
        return pd.DataFrame(
            {
                "exporter": np.repeat(c, n),
                "importer": np.tile(c, n),
                "trade_baseline": self.trade_baseline.ravel(),
                "trade_conditional": self.trade_conditional.ravel(),
                "trade_full": self.trade_full.ravel(),
            }
        )


def _pct(x: np.ndarray) -> np.ndarray:
    return (x - 1.0) * 100.0


def compute_country_changes(result: GEResult) -> pd.DataFrame:
    """The per-country table of a :class:`GEResult` (see :meth:`GEResult.to_frame`)."""
    power = 1.0 / (1.0 - result.sigma)
    off = ~np.eye(len(result.countries), dtype=bool)
    exports = [
        np.where(off, t, 0.0).sum(axis=1)
        for t in (result.trade_baseline, result.trade_conditional, result.trade_full)
    ]
    imr_full = result.imr_hat_full**power
    return pd.DataFrame(
        {
            "country": list(result.countries),
            "output_baseline": result.trade_baseline.sum(axis=1),
            "exports_baseline": exports[0],
            "exports_change_cdl_pct": _pct(exports[1] / exports[0]),
            "exports_change_pct": _pct(exports[2] / exports[0]),
            "price_change_pct": _pct(result.price_hat),
            "imr_change_cdl_pct": _pct(result.imr_hat_conditional**power),
            "imr_change_pct": _pct(imr_full),
            "omr_change_pct": _pct(result.omr_hat_full**power),
            "rgdp_change_pct": _pct(result.price_hat / imr_full),
        }
    )


def compute_biproportional(
    base: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    ref: int,
    tolerance: float = TOLERANCE,
    max_iter: int = MAX_ITER,
    step: str = "baseline",
) -> tuple[np.ndarray, np.ndarray, Convergence]:
    """Scale ``base`` (zeros allowed) to row sums ``rows`` and column sums ``cols``.

    Returns the row factors ``a`` and column factors ``b`` with ``b[ref] == 1``: exactly the
    exponentiated exporter and importer fixed effects of a PPML with ``log(base)`` as offset,
    normalised like the book (the reference importer's effect is zero).
    """
    b = np.ones(len(cols))
    residual = np.inf
    for it in range(1, max_iter + 1):
        a = rows / (base @ b)
        b = cols / (base.T @ a)
        residual = float(np.max(np.abs(a * (base @ b) - rows) / rows))
        if residual < tolerance:
            scale = b[ref]
            return (
                a * scale,
                b / scale,
                Convergence(step, it, tolerance, residual, "biproportional"),
            )
    raise GEConvergenceError(step, max_iter, residual, tolerance)
