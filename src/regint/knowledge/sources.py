"""Source ids of the knowledge base and the Origin every query result carries."""

from __future__ import annotations

from functools import lru_cache

from regint.core.provenance import Origin
from regint.sources.records import make_origin

SRC_SEED_FACTS = "seed_facts"  # ../shared/knowledge/ca-facts.yaml, the seed of data/knowledge
SRC_COW_IGO = "cow_igo"  # Correlates of War IGO data v3 (derived table only)
SRC_DESTA = "desta"  # Design of Trade Agreements (derived table only)


@lru_cache(maxsize=1)
def kb_origin() -> Origin:
    """The Origin of knowledge-base answers (the seed fact base's source record)."""
    return make_origin(SRC_SEED_FACTS, note="records reviewed in data/knowledge; see REVIEW.md")
