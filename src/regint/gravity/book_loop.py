"""The book's iterative PPML procedure for the full-endowment counterfactual.

A line-by-line reading of the loop in the book's Stata code (chapter 2, "Step III.b"): at every
step, update trade with the change in factory-gate prices and resistances, re-estimate a PPML with
exporter and importer effects and the counterfactual costs as offset, recover the new prices from
the exporter effects, and stop when the change in prices between steps is below a tolerance (the
book uses 0.01 for both the standard deviation and the maximum). regint uses it only to prove
that :func:`regint.gravity.ge.compute_ge` reaches the same equilibrium far faster.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.gravity.book import compute_ppml_two_way
from regint.gravity.ge import GEConvergenceError, GEProblem


@dataclass(frozen=True)
class BookRun:
    """The book procedure's per-country results (percent) and its iteration count."""

    frame: pd.DataFrame
    iterations: int


def compute_book_procedure(
    prob: GEProblem, trade: np.ndarray, tolerance: float = 0.01, max_iter: int = 500
) -> BookRun:
    """Run the book's loop on ``prob`` with observed flows ``trade`` (N x N)."""
    n, sig = len(prob.countries), prob.sigma
    ref = prob.countries.index(prob.reference)
    power = 1.0 / (1.0 - sig)
    off_bln = np.log(np.asarray(prob.tau_baseline, dtype=float))
    off_cfl = np.log(np.asarray(prob.tau_counterfactual, dtype=float))
    y0, e0 = trade.sum(axis=1), trade.sum(axis=0)
    phi = e0 / y0
    pi0, chi0, hat_bln = compute_ppml_two_way(trade, off_bln, ref)
    pi1, chi1, hat = compute_ppml_two_way(trade, off_cfl, ref, (pi0, chi0))
    er = [e0[ref], e0[ref]]
    pis = [pi0, pi1]
    omr = [y0 * er[0] / pi0, y0 * er[1] / pi1]
    imr = [e0 / (chi0 * er[0]), e0 / (chi1 * er[1])]
    cp = [np.zeros(n), ((pi1 / pi0) / (er[1] / er[0])) ** power]
    c_omr, c_imr = np.ones(n), np.ones(n)
    chi_last = chi1
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is returned
        flows = hat * np.outer(cp[-1], cp[-1]) / np.outer(c_omr, c_imr)
        pi, chi, hat = compute_ppml_two_way(flows, off_cfl, ref, (pis[-1], chi_last))
        chi_last = chi
        y = hat.sum(axis=1)
        e = phi * y
        er.append(e[ref])
        cp.append(((pi / pis[-1]) / (er[-1] / er[-2])) ** power)
        pis.append(pi)
        omr.append(y * er[-1] / pi)
        imr.append(e / (chi * er[-1]))
        c_omr, c_imr = omr[-1] / omr[-2], imr[-1] / imr[-2]
        dif = cp[-2] - cp[-3]
        if np.std(dif, ddof=1) <= tolerance and np.max(np.abs(dif)) <= tolerance:
            break
    else:
        raise GEConvergenceError("book procedure", max_iter, float(np.max(np.abs(dif))), tolerance)
    p_full = ((pis[-1] / pi0) / (er[-1] / er[0])) ** power
    y_full = p_full * y0
    e_full = phi * y_full
    omr_full = y_full * er[-1] / pis[-1]
    x_full = np.outer(y_full, e_full) * np.exp(off_cfl) / np.outer(omr_full, imr[-1])
    offd = ~np.eye(n, dtype=bool)
    xi_bln = np.where(offd, hat_bln, 0).sum(axis=1)
    xi_full = np.where(offd, x_full, 0).sum(axis=1)
    imr_hat = (imr[-1] / imr[0]) ** power
    frame = pd.DataFrame(
        {
            "country": list(prob.countries),
            "exports_change_pct": (xi_full / xi_bln - 1) * 100,
            "price_change_pct": (p_full - 1) * 100,
            "imr_change_pct": (imr_hat - 1) * 100,
            "rgdp_change_pct": (p_full / imr_hat - 1) * 100,
        }
    )
    return BookRun(frame, iterations)
