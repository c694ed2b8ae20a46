"""The Python facade every delivery layer (CLI, web, report) calls.

Its modules load on first use, so ``regint.api.indicators`` works after ``import regint.api``
without importing every analysis package up front.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["claims", "data", "gravity", "index", "indicators", "knowledge", "report", "update"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return importlib.import_module(f"regint.api.{name}")
    raise AttributeError(f"module 'regint.api' has no attribute '{name}'")
