"""One grouping's index with its uncertainty: baseline, replications, intervals, ranks, Sobol.

``compute_run`` is the whole analysis of one grouping (the C5, the EAEU, any region) as a pure
function of its panel and the spec; it is deterministic for a spec and its seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regint.core.vocab import COUNTRY, YEAR
from regint.index.build import IndexResult, compute_index
from regint.index.panel import Panel
from regint.index.spec import Spec
from regint.index.uncertainty import (
    Replications,
    compute_design,
    compute_fixed,
    compute_interval,
    compute_ranks,
    compute_replications,
    compute_sample,
    compute_sobol,
)

REGION = "region"
MAX_IMPUTED = 0.25  # the Sobol target year: no member more than a quarter imputed


@dataclass(frozen=True)
class GroupingRun:
    """The index of one grouping: baseline result, replications and their summaries."""

    grouping: str
    label: str
    result: IndexResult
    replications: Replications
    fixed: tuple[str, ...]
    sobol: pd.DataFrame

    @property
    def varied(self) -> tuple[str, ...]:
        """The assumptions varied, in words, with their options."""
        out = []
        for f in self.replications.design.factors:
            opts = "" if f.options is None else ": " + " | ".join(_word(o) for o in f.options)
            out.append(f"{f.name} ({f.description}){opts}")
        return tuple(out)

    def scores_frame(self) -> pd.DataFrame:
        """One row per member-year: score, 5-95% interval, median rank and its interval."""
        r, spec = self.result, self.result.spec
        low, high = compute_interval(self.replications.scores, *spec.uncertainty.interval)
        ranks = compute_ranks(self.replications.scores, r.prepared.panel.member)
        r_low, r_high = compute_interval(ranks, *spec.uncertainty.interval)
        r_mid, _ = compute_interval(ranks, 0.5, 0.5)
        u, t = np.nonzero(r.prepared.panel.member)
        frame = r.scores_frame()
        frame.insert(0, "grouping", self.grouping)
        frame["lower"], frame["upper"] = low[u, t], high[u, t]
        frame["scored_share"] = np.isfinite(self.replications.scores).mean(axis=-1)[u, t]
        frame["rank_median"], frame["rank_lower"], frame["rank_upper"] = (
            r_mid[u, t],
            r_low[u, t],
            r_high[u, t],
        )
        return frame[frame["score"].notna()].reset_index(drop=True)

    def region_frame(self) -> pd.DataFrame:
        """One row per year: the grouping's score (mean of its members) and its interval."""
        low, high = compute_interval(
            self.replications.region, *self.result.spec.uncertainty.interval
        )
        frame = pd.DataFrame(
            {
                "grouping": self.grouping,
                REGION: self.label,
                YEAR: list(self.result.years),
                "score": self.result.region,
                "lower": low,
                "upper": high,
                "scored_share": np.isfinite(self.replications.region).mean(axis=-1),
            }
        )
        return frame[frame["score"].notna()].reset_index(drop=True)

    def ranks_frame(self) -> pd.DataFrame:
        """country, year, rank, share of replications: the rank distribution of each member."""
        ranks = compute_ranks(self.replications.scores, self.result.prepared.panel.member)
        rows = []
        for u, unit in enumerate(self.result.units):
            for t, year in enumerate(self.result.years):
                vals = ranks[u, t][~np.isnan(ranks[u, t])]
                if not vals.size or np.isnan(self.result.index[u, t]):
                    continue
                for rank, count in zip(*np.unique(vals, return_counts=True), strict=True):
                    rows.append((self.grouping, unit, year, int(rank), count / ranks.shape[-1]))
        return pd.DataFrame(rows, columns=["grouping", COUNTRY, YEAR, "rank", "share"])


def _word(option: object) -> str:
    if option is None:
        return "none"
    if isinstance(option, tuple):
        return "+".join(option) or "no imputation"
    return str(option)


def compute_sobol_frame(run_grouping: str, result: IndexResult, reps: Replications) -> pd.DataFrame:
    """Sobol indices for the grouping's score and each member's score in the target year.

    The target year is the latest in which every replication scores the grouping (Sobol
    estimators need every output), preferring years in which no member's indicator values are
    more than :data:`MAX_IMPUTED` imputed: the sensitivity of a mostly imputed year says more
    about the imputation than about the index.
    """
    cols = ["grouping", "target", YEAR, "factor", "S1", "S1_conf", "ST", "ST_conf"]
    scored = ~np.isnan(result.region) & np.isfinite(reps.region).all(axis=1)
    member = result.prepared.panel.member
    imputed = np.where(member, result.layer.imputed.mean(axis=2), 0.0).max(axis=0)
    candidates = np.flatnonzero(scored & (imputed <= MAX_IMPUTED))
    if not candidates.size:
        candidates = np.flatnonzero(scored)
    if not candidates.size:
        return pd.DataFrame(columns=cols)
    t = int(candidates[-1])
    year = result.years[t]
    targets = [(REGION, reps.region[t])] + [
        (unit, reps.scores[u, t])
        for u, unit in enumerate(result.units)
        if result.prepared.panel.member[u, t]
    ]
    rows = []
    for name, y in targets:
        s = compute_sobol(reps.design, y, result.spec.uncertainty.seed)
        if s is None:
            continue
        for f, factor in enumerate(reps.design.names):
            rows.append(
                (
                    run_grouping,
                    name,
                    year,
                    factor,
                    s["S1"][f],
                    s["S1_conf"][f],
                    s["ST"][f],
                    s["ST_conf"][f],
                )
            )
    return pd.DataFrame(rows, columns=cols)


def compute_run(panel: Panel, spec: Spec, grouping: str, label: str) -> GroupingRun:
    """Baseline index, Monte Carlo replications, intervals and Sobol indices for one grouping."""
    result = compute_index(panel, spec)
    prep = result.prepared
    design = compute_design(prep)
    sample = compute_sample(design, spec.uncertainty.samples, spec.uncertainty.seed)
    reps = compute_replications(prep, design, sample, result.index)
    return GroupingRun(
        grouping=grouping,
        label=label,
        result=result,
        replications=reps,
        fixed=tuple(compute_fixed(prep, design)),
        sobol=compute_sobol_frame(grouping, result, reps),
    )
