"""Solve a counterfactual: baseline, conditional and full-endowment GE in one call."""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np

from regint.core.errors import InputError
from regint.gravity.closure import (
    Baseline,
    compute_full_balanced,
    compute_full_book,
    compute_full_fixed_shares,
)
from regint.gravity.ge import MAX_ITER, TOLERANCE, GEProblem, GEResult, compute_biproportional

Closure = Literal["book", "balanced", "fixed_shares"]
SOLVERS = {
    "book": compute_full_book,
    "balanced": compute_full_balanced,
    "fixed_shares": compute_full_fixed_shares,
}
CLOSURES: tuple[str, ...] = get_args(Closure)


def compute_ge(
    prob: GEProblem,
    closure: Closure = "book",
    tolerance: float = TOLERANCE,
    max_iter: int = MAX_ITER,
) -> GEResult:
    """Solve the baseline, the conditional and the full-endowment counterfactual.

    Parameters
    ----------
    prob
        Costs before and after, outputs, expenditures, sigma and the reference country.
    closure
        ``book`` (the equilibrium the book's iterative PPML procedure converges to),
        ``balanced`` (world spending rescaled to world output) or ``fixed_shares`` (output and
        expenditure shares held at baseline, the system ``gegravity`` solves); see
        :mod:`regint.gravity.closure`.
    tolerance, max_iter
        Stop when the largest relative market-clearing residual is below ``tolerance``;
        raise :class:`~regint.gravity.ge.GEConvergenceError` after ``max_iter`` iterations.

    Examples
    --------
    >>> tau = np.array([[1.0, 0.1], [0.1, 1.0]])
    >>> prob = GEProblem(("A", "B"), np.array([10.0, 5.0]), np.array([10.0, 5.0]),
    ...                  tau, tau * np.array([[1, 2], [2, 1]]), 5.0, "A")
    >>> float(compute_ge(prob).to_frame()["rgdp_change_pct"][1]) > 0
    True
    """
    prob.check()
    if closure not in CLOSURES:
        raise InputError("closure", f"'{closure}' is not one of {', '.join(CLOSURES)}")
    if not np.isfinite(tolerance) or tolerance <= 0:
        raise InputError("tolerance", f"must be a positive number, got {tolerance}")
    if max_iter < 1:
        raise InputError("max_iter", f"must be at least 1, got {max_iter}")
    ref = prob.countries.index(prob.reference)
    tau0 = np.nan_to_num(np.asarray(prob.tau_baseline, dtype=float), nan=0.0)
    tau1 = np.nan_to_num(np.asarray(prob.tau_counterfactual, dtype=float), nan=0.0)
    tau_hat = np.divide(tau1, tau0, out=np.ones_like(tau0), where=tau0 > 0)
    y, e = np.asarray(prob.output, float), np.asarray(prob.expenditure, float)
    a0, b0, conv0 = compute_biproportional(tau0, y, e, ref, tolerance, max_iter)
    x0 = tau0 * np.outer(a0, b0)
    a1, b1, conv1 = compute_biproportional(
        x0 * tau_hat, y, e, ref, tolerance, max_iter, "conditional"
    )
    base = Baseline(tau1, tau_hat, x0, y, e, a0, b0, a0 * a1, b0 * b1, prob.sigma, ref)
    full = SOLVERS[closure](base, tolerance, max_iter)
    return GEResult(
        countries=tuple(prob.countries),
        trade_baseline=x0,
        trade_conditional=x0 * tau_hat * np.outer(a1, b1),
        trade_full=full.trade,
        price_hat=full.price_hat,
        imr_hat_conditional=1.0 / b1,
        imr_hat_full=full.imr_hat,
        omr_hat_conditional=1.0 / a1,
        omr_hat_full=full.price_hat**prob.sigma if full.omr_hat is None else full.omr_hat,
        sigma=prob.sigma,
        reference=prob.reference,
        convergence=(conv0, conv1, full.convergence),
    )
