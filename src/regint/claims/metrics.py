"""Every metric a test may name in ``spec.yaml``, by id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regint.claims import metrics_drivers as drivers
from regint.claims import metrics_kb as kb
from regint.claims import metrics_profile as profile
from regint.claims import metrics_trade as trade
from regint.claims.inputs import Context
from regint.claims.model import Measure

Metric = Callable[[Context, dict[str, Any]], Measure]

METRICS: dict[str, Metric] = {
    # trade
    "trade_share_involving": trade.compute_share_involving,
    "top_strength_years": trade.compute_top_strength_years,
    "years_above": trade.compute_years_above,
    "mean_value": trade.compute_mean_value,
    "profile_gap_trend": profile.compute_profile_gap_trend,
    "profile_ratio": profile.compute_profile_ratio,
    "dominance_share": profile.compute_dominance_share,
    "states_external_above_region": profile.compute_states_external_above,
    "indicator_trend": trade.compute_indicator_trend,
    "break_test": trade.compute_break,
    "actor_contribution": trade.compute_actor_contribution,
    "product_complementarity": trade.compute_product_complementarity,
    # drivers beyond trade (added 2026-12-06)
    "we_pairs_interdependent": drivers.compute_pairs_interdependent,
    "we_downstream_years": drivers.compute_downstream_years,
    "raw_material_export_share": drivers.compute_raw_material_share,
    "migration_russia_over_region": drivers.compute_russia_over_region,
    "migration_russia_years": drivers.compute_russia_years,
    # knowledge base
    "kb_c5_only_supranational": kb.compute_supranational,
    "kb_c5_only_max_depth": kb.compute_max_depth,
    "kb_c5_only_declared_gap": kb.compute_declared_gap,
    "kb_depth_gap_external": kb.compute_depth_gap_external,
    "kb_c5_only_ladder_failure": kb.compute_ladder_failure,
    "kb_consultative_years": kb.compute_consultative_years,
    "kb_summit_rate_change": kb.compute_summit_rate_change,
    "kb_dissolved_share": kb.compute_dissolved_share,
    "kb_median_lifetime": kb.compute_median_lifetime,
    "kb_shared_memberships": kb.compute_shared_memberships,
}

KB_METRICS = frozenset(m for m in METRICS if m.startswith("kb_"))


def compute_measure(metric: str, ctx: Context, params: dict[str, Any]) -> Measure:
    """Run one metric; a data gap becomes a Measure without a value and with the reason."""
    try:
        return METRICS[metric](ctx, params)
    except trade.NotApplicable as why:
        return Measure(None, note=trade.not_applicable_note(ctx, str(why)), is_applicable=False)
    except trade.Insufficient as gap:
        return Measure(value=None, note=str(gap))
