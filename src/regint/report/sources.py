"""Source footers for charts, written from the provenance the api returned."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from regint.api.report import ReportData

TRADE_SOURCES = (
    "imf_dots",
    "imf_imts",
    "kaz_bns",
    "uzb_siat",
    "kgz_nsc",
    "eurostat_comext",
    "wb_wdi",
)


def _producer(data: ReportData, source_id: str) -> str | None:
    return data.check.provenance.producer(source_id)


def trade_source(data: ReportData) -> str:
    """'IMF DOTS (to 2020); national statistics ... ; computed by regint' for trade charts."""
    parts = []
    dots = _producer(data, "imf_dots")
    if dots:
        parts.append(f"{dots}, Direction of Trade Statistics (to {data.last_panel_year})")
    national = [p for s in ("kaz_bns", "uzb_siat", "kgz_nsc") if (p := _producer(data, s))]
    if national:
        parts.append(f"national statistics after {data.last_panel_year}: " + "; ".join(national))
    for extra in ("wb_wdi",):  # WDI totals after the panel; Eurostat feeds no trade chart
        producer = _producer(data, extra)
        if producer:
            parts.append(producer)
    parts.append(f"reconciled basis, CIF/FOB 1.06; computed by regint {data.version}")
    return "; ".join(parts)


def kb_source(data: ReportData) -> str:
    """The knowledge base's citation, as a chart footer."""
    fingerprint = data.knowledge_base.get("fingerprint", "")
    return (
        f"regint knowledge base (data/knowledge, version {fingerprint}), seeded from the sourced fact "
        f"base ca-facts.yaml; evidence URLs per record; as of {data.overlap_date.isoformat()}"
    )
