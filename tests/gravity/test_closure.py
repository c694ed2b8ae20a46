"""The ``fixed_shares`` closure (the system gegravity solves) on "trade without borders"."""

from __future__ import annotations

import numpy as np
import pytest

from regint.gravity import book, compute_ge, compute_ppml
from regint.gravity.book import compute_ppml_two_way

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def twb():
    panel = book.read_book_panel()
    prob = book.compute_twb_problem(panel, compute_ppml(panel, book.DISTANCE_SPEC))
    trade = book.compute_matrices(panel.loc[panel["year"] == 2006])[0].trade
    return prob, trade


def test_fixed_shares_prices_are_the_first_price_update_of_the_books_loop(twb):
    prob, trade = twb
    ref = prob.countries.index(prob.reference)
    # the book's loop, by its own PPML: exporter effects before and after the cost change
    pi0, chi0, _ = compute_ppml_two_way(trade, np.log(prob.tau_baseline), ref)
    pi1, _, _ = compute_ppml_two_way(trade, np.log(prob.tau_counterfactual), ref, (pi0, chi0))
    first = (pi1 / pi0) ** (1.0 / (1.0 - prob.sigma))
    res = compute_ge(prob, closure="fixed_shares")
    assert np.allclose(res.price_hat, first, rtol=1e-8)
    assert (res.price_hat > 0).all()


def test_fixed_shares_keeps_the_conditional_resistances_and_prices_flows(twb):
    prob, _ = twb
    res = compute_ge(prob, closure="fixed_shares")
    assert np.allclose(res.imr_hat_full, res.imr_hat_conditional, rtol=1e-12)
    assert np.allclose(res.omr_hat_full, res.omr_hat_conditional, rtol=1e-12)
    p, y = res.price_hat, res.trade_baseline.sum(axis=1)
    priced = res.trade_conditional * np.outer(p, p) * (y.sum() / (p @ y))
    assert np.allclose(res.trade_full, priced, rtol=1e-12)
    frame = res.to_frame()
    assert frame["rgdp_change_pct"].notna().all()
    assert res.convergence[-1].residual < 1e-10


def test_the_closures_differ_on_trade_without_borders(twb):
    prob, _ = twb
    fixed = compute_ge(prob, closure="fixed_shares").to_frame()
    full = compute_ge(prob, closure="book").to_frame()
    gap = (fixed["rgdp_change_pct"] - full["rgdp_change_pct"]).abs().max()
    assert gap > 0.5  # percentage points: holding shares fixed is not the full equilibrium


def test_the_command_line_runs_the_fixed_shares_closure(capsys):
    import json

    from regint.cli.main import main

    with pytest.raises(SystemExit) as caught:
        main(["gravity", "replicate", "twb", "--closure", "fixed_shares", "--json"])
    assert not caught.value.code
    rows = {r["country"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["NER"]["price_change_pct"] > -100.0  # the positive root, unlike gegravity's hybr
    assert rows["ARG"]["imr_change_pct"] == pytest.approx(rows["ARG"]["imr_change_cdl_pct"])
