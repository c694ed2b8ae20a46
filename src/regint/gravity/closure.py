"""The full-endowment counterfactual under three closures.

With deficits in the data (E_j != Y_j), fixing each country's ratio phi_j = E_j / Y_j cannot
keep world spending equal to world output once prices move. The two closures differ only in
where that small gap goes:

- ``book``: the closure implied by the book's iterative PPML loop. Reading the loop
  algebraically, its PPML step refits flows that already have the gravity form, so each step
  multiplies the exporter effects by ``p_hat / OMR_hat`` and the importer effects by
  ``p_hat / IMR_hat``; hence every country's importer effect over its exporter effect stays at
  its conditional-GE value. Its fixed point is: outputs clear at ``p_hat Y`` (up to one world
  scale), with ``exporter effect ~ baseline effect * p_hat^(1-sigma)`` and that ratio held.
- ``balanced``: the textbook system in changes, spending ``p_hat_j E_j`` rescaled by one world
  factor so that world spending equals world output; every market clears exactly.

Both solve a fixed point in ``p_hat`` by ``p <- p * (demand / supply)^(1/sigma)`` and fix the
price level so that the reference country's inward resistance is unchanged.

- ``fixed_shares``: the system USITC's ``gegravity`` 0.3 (``OneSectorGE.simulate``) solves. Its
  resistance equations weight costs by *baseline* output and expenditure shares, and its price
  equation ``(Y_i/Y) / Pi_i^(1-sigma) = beta_i p_i^(1-sigma)`` (``beta`` calibrated on the
  baseline) holds output shares at baseline too; prices never feed back into the resistances.
  So the resistances are the conditional ones and ``p_i = (Pi_i0 / Pi_i1)``, the first price
  update of the book's loop. Flows are then priced at ``p_i Y_i`` and ``p_j E_j``; markets do not
  clear at the new prices. It exists to compare like with like, not as a model of choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regint.gravity.ge import Convergence, GEConvergenceError

STEP = "full endowment"


@dataclass(frozen=True)
class FullSolution:
    """Prices, flows and resistances of the full-endowment equilibrium (in changes)."""

    price_hat: np.ndarray
    trade: np.ndarray
    imr_hat: np.ndarray  # P_j^(1-sigma), new over baseline
    convergence: Convergence
    omr_hat: np.ndarray | None = None  # Pi_i^(1-sigma), new over baseline; None: p_hat^sigma


@dataclass(frozen=True)
class Baseline:
    """What both closures start from: costs, baseline and conditional fixed effects."""

    tau1: np.ndarray  # counterfactual t^(1-sigma), zero where no trade
    tau_hat: np.ndarray
    trade0: np.ndarray
    output: np.ndarray
    expenditure: np.ndarray
    pi0: np.ndarray  # baseline exporter effects
    chi0: np.ndarray  # baseline importer effects (reference 1)
    pi1: np.ndarray  # conditional exporter effects
    chi1: np.ndarray
    sigma: float
    ref: int


def _book_flows(p: np.ndarray, b: Baseline) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pi = b.pi0 * p ** (1.0 - b.sigma)
    chi = pi * b.chi1 / b.pi1
    chi = chi / chi[b.ref]
    flows = b.tau1 * np.outer(pi, chi)
    return flows, pi, chi


def compute_full_book(b: Baseline, tolerance: float, max_iter: int) -> FullSolution:
    """The fixed point of the book's loop, solved directly (see the module docstring)."""
    p = np.ones(len(b.output))
    residual = np.inf
    for it in range(1, max_iter + 1):
        flows, pi, chi = _book_flows(p, b)
        ratio = flows.sum(axis=1) / (p * b.output)
        residual = float(np.max(np.abs(ratio / ratio[b.ref] - 1.0)))
        if not np.isfinite(residual):
            break
        if residual < tolerance:
            return _book_solution(p, b, Convergence(STEP, it, tolerance, residual, "fixed point"))
        p = p * ratio ** (1.0 / b.sigma)
        # the price level: the reference's output at these prices equals its baseline output
        scaled, _, _ = _book_flows(p, b)
        p = p * (b.output[b.ref] / scaled[b.ref].sum()) ** (1.0 / (1.0 - b.sigma))
    raise GEConvergenceError(STEP, it, residual, tolerance)


def _book_solution(p: np.ndarray, b: Baseline, conv: Convergence) -> FullSolution:
    flows, pi, chi = _book_flows(p, b)
    supply = flows.sum(axis=1)
    # the book's X_FULL: Y_FULL E_FULL t / (IMR_FULL OMR_FULL), with E_FULL = phi p Y
    trade = flows * (p * b.output / supply)[None, :]
    imr_hat = (supply / b.output) * (b.chi0 / chi)
    return FullSolution(p, trade, imr_hat, conv)


def _demand(p: np.ndarray, b: Baseline, share: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    weight = share * b.tau_hat * p[:, None] ** (1.0 - b.sigma)
    index = weight.sum(axis=0)  # P_hat_j^(1-sigma)
    spending = p * b.expenditure
    spending = spending * (p @ b.output) / spending.sum()  # world spending = world output
    return weight / index * spending, index


def compute_full_balanced(b: Baseline, tolerance: float, max_iter: int) -> FullSolution:
    """The system in changes with world spending rescaled to world output (module doc)."""
    share = b.trade0 / b.trade0.sum(axis=0)
    p = np.ones(len(b.output))
    residual = np.inf
    for it in range(1, max_iter + 1):
        flows, index = _demand(p, b, share)
        ratio = flows.sum(axis=1) / (p * b.output)
        residual = float(np.max(np.abs(ratio - 1.0)))
        if not np.isfinite(residual):
            break
        if residual < tolerance:
            p = p * index[b.ref] ** (1.0 / (b.sigma - 1.0))  # homogeneous of degree one
            flows, index = _demand(p, b, share)
            return FullSolution(
                p, flows, index, Convergence(STEP, it, tolerance, residual, "fixed point")
            )
        p = p * ratio ** (1.0 / b.sigma)
        p = p / np.exp(np.mean(np.log(p)))
    raise GEConvergenceError(STEP, it, residual, tolerance)


def compute_full_fixed_shares(b: Baseline, tolerance: float, max_iter: int) -> FullSolution:
    """Prices from the conditional resistances, shares held at baseline (module docstring).

    A closed form given the conditional solve: ``p_i^(1-sigma) = pi1_i / pi0_i`` (the change in
    the exporter effect). The residual reported is that of the price equation itself.
    """
    del max_iter  # nothing to iterate: the conditional solve did the work
    ratio = b.pi1 / b.pi0
    p = ratio ** (1.0 / (1.0 - b.sigma))
    residual = float(np.max(np.abs(p ** (1.0 - b.sigma) / ratio - 1.0)))
    if not np.isfinite(residual) or residual >= tolerance:
        raise GEConvergenceError(STEP, 1, residual, tolerance)
    conditional = b.tau1 * np.outer(b.pi1, b.chi1)
    trade = conditional * np.outer(p, p) * (b.output.sum() / (p @ b.output))
    conv = Convergence(STEP, 1, tolerance, residual, "closed form (conditional resistances)")
    return FullSolution(p, trade, b.chi0 / b.chi1, conv, omr_hat=1.0 / ratio)
