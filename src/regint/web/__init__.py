"""The web dashboard and REST API (``regint serve``): a delivery layer over ``regint.api``.

It imports only ``regint.api`` and ``regint.core`` (an import-linter contract checks this).
"""

from __future__ import annotations

from regint.web.app import create_app

__all__ = ["create_app"]
