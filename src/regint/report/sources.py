"""Source footers for charts, computed from what each chart used.

A trade chart's footer lists the sources of the years it draws, read from the coverage table
the indicators computed (which sources the intra-regional flows and the trade totals of each
year rest on), so a chart of 2016-2020 cites only the IMF panel and an EAEU chart never cites a
national source of a state outside the EAEU. A chart that rests only on the knowledge base
cites only the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from regint.core.options import BASIS_DEFAULT, CIF_FOB_DEFAULT

if TYPE_CHECKING:
    from regint.report.view import ReportData

_SPLIT = re.compile(r"[+,;\s]+")
_NONE = {"", "none", "nan"}


def _producer(data: ReportData, source_id: str) -> str:
    """The producer of a source and the short name of its dataset ('... Fund DOTS')."""
    base = source_id.removesuffix("_estimate")
    if base != source_id:  # a value the producer estimated itself (from partners' reports)
        return f"{_producer(data, base)}, estimates from partner data"
    producer = data.check.provenance.producer(source_id) or source_id
    for src in data.sources:
        if src.get("source_id") == source_id:
            short = re.search(r"\(([A-Z][A-Za-z]+)\)", str(src.get("title") or ""))
            return f"{producer} {short.group(1)}" if short else producer
    return producer


def chart_source_ids(data: ReportData, years: Iterable[int] | None = None) -> dict[str, list[int]]:
    """Each source id behind the trade of ``years`` (all years by default), with its years."""
    coverage = data.coverage
    wanted = None if years is None else {int(y) for y in years}
    found: dict[str, list[int]] = {}
    for row in coverage.itertuples(index=False):
        year = int(row.year)
        if wanted is not None and year not in wanted:
            continue
        for column in ("flow_sources", "totals_source"):
            for source_id in _SPLIT.split(str(getattr(row, column, "") or "")):
                if source_id not in _NONE:
                    found.setdefault(source_id, []).append(year)
    return found


def _span(years: list[int]) -> str:
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}-{last}"


def trade_source(data: ReportData, years: Iterable[int] | None = None) -> str:
    """'IMF DOTS (1995-2020); KAZ BNS (2021-2023); ...; computed by regint' for trade charts."""
    parts = [
        f"{_producer(data, sid)} ({_span(ys)})" for sid, ys in chart_source_ids(data, years).items()
    ]
    parts.append(
        f"{BASIS_DEFAULT} basis, CIF/FOB {CIF_FOB_DEFAULT}; computed by regint {data.version}"
    )
    return "; ".join(parts)


def kb_source(data: ReportData) -> str:
    """The knowledge base's citation, as a chart footer."""
    fingerprint = data.knowledge_base.get("fingerprint", "")
    return (
        f"regint knowledge base (data/knowledge, version {fingerprint}), seeded from the sourced fact "
        f"base ca-facts.yaml; evidence URLs per record; as of {data.overlap_date.isoformat()}"
    )
