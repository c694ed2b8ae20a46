"""Small hand-made panels and specs for the index tests (no warehouse)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from regint.index.panel import Panel, compute_panel
from regint.index.spec import Spec, parse_spec

# Three states, one year, two dimensions: D1 = {x1, x2 (direction -1)}, D2 = {x3}.
HAND = {
    "x1": {"A": 1.0, "B": 2.0, "C": 4.0},
    "x2": {"A": 10.0, "B": 30.0, "C": 20.0},
    "x3": {"A": 3.0, "B": 6.0, "C": 5.0},
}


def hand_panel() -> Panel:
    rows = [(u, 2000, k, v) for k, by in HAND.items() for u, v in by.items()]
    frame = pd.DataFrame(rows, columns=["country", "year", "indicator", "value"])
    return compute_panel(frame, list(HAND), [2000])


def hand_spec(**methods: Any) -> Spec:
    """The two-dimension spec with no imputation, no outlier treatment and no screening."""
    doc: dict[str, Any] = {
        "first_year": 2000,
        "screening": {"min_coverage": 0},
        "imputation": {"steps": []},
        "outliers": {"method": "none"},
        "dimensions": [
            {"id": "d1", "indicators": [{"id": "x1"}, {"id": "x2", "direction": -1}]},
            {"id": "d2", "indicators": [{"id": "x3"}]},
        ],
    }
    for key, value in methods.items():
        doc[key] = value
    return parse_spec(doc, "hand.yaml")


def one_indicator_spec(normalisation: str, aggregation: str) -> Spec:
    return parse_spec(
        {
            "first_year": 2000,
            "screening": {"min_coverage": 0},
            "imputation": {"steps": []},
            "outliers": {"method": "none"},
            "normalisation": {"method": normalisation},
            "aggregation": {"method": aggregation, "min_weight": 0},
            "dimensions": [{"id": "d", "indicators": [{"id": "x", "goalposts": [-5, 5]}]}],
        },
        "one.yaml",
    )
