"""The warehouse's tables: where each snapshot table lands and what its columns mean.

These descriptions become DuckDB table and column comments, so provenance and meaning
travel inside the warehouse file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    schema: str
    name: str
    description: str
    columns: dict[str, str] = field(default_factory=dict)
    required: bool = True

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


TABLES: dict[str, TableSpec] = {
    "flows": TableSpec(
        "trade",
        "flows",
        "Directed merchandise flows exporter -> importer by year, both sides' reports side by side. "
        "1992-2020: IMF DOTS world panel (every country pair). 2021 on: C5 national statistics by partner "
        "(KAZ BNS, UZB SIAT; KGZ NSC only when imported). US$ millions, current prices.",
        {
            "exporter": "ISO3 of the exporting country",
            "importer": "ISO3 of the importing country",
            "year": "calendar year",
            "exporter_fob_musd": "exports as reported by the exporter, FOB, US$ m (null: not reported)",
            "importer_cif_musd": "imports as reported by the importer, CIF, US$ m (null: not reported)",
            "exporter_source": "source id behind exporter_fob_musd (see meta.sources)",
            "importer_source": "source id behind importer_cif_musd (see meta.sources)",
        },
    ),
    "reported_totals": TableSpec(
        "trade",
        "reported_totals",
        "Each IMF DOTS reporter's own total with the World next to the sum of its partner-country rows, "
        "1992-2020 (US$ m). The gap is trade not allocated to a partner country.",
        {
            "world_musd": "the reporter's 'World' row (exports FOB or imports CIF), US$ m",
            "country_sum_musd": "sum of the reporter's rows for partner countries, US$ m",
            "unallocated_share": "1 - country_sum / world",
            "is_estimate": "the World value is an IMF estimate",
        },
        required=False,
    ),
    "national": TableSpec(
        "trade",
        "national",
        "C5 national statistics by partner as published (reporter's view), incl. totals and unallocated rows.",
        {
            "value_musd": "US$ m (converted from thousand US$)",
            "partner_kind": "country, total, unallocated or special",
        },
    ),
    "national_totals": TableSpec(
        "trade",
        "national_totals",
        "Each national reporter's total, allocated and unallocated trade by flow and year.",
    ),
    "eu27_exports": TableSpec(
        "trade",
        "eu27_exports",
        "Eurostat Comext: EU-27 (2020 composition) exports to the C5 and neighbours, EUR and US$ m (a mirror of C5 imports).",
        required=False,
    ),
    "wdi": TableSpec(
        "macro",
        "wdi",
        "World Bank WDI indicators, long format (country or WB aggregate code, year, indicator, value).",
    ),
    "countries": TableSpec(
        "ref", "countries", "Country reference: ISO3, ISO numeric, names, region, LLDC."
    ),
    "geodist": TableSpec(
        "geo", "distance", "CEPII GeoDist bilateral distances and ties.", required=False
    ),
    "geo": TableSpec(
        "geo",
        "countries",
        "CEPII country geography (landlocked, capital coordinates).",
        required=False,
    ),
}

# The drivers beyond trade (people). Optional, so a snapshot built before them still loads.
TABLES.update(
    {
        "migrant_stock": TableSpec(
            "people",
            "migrant_stock",
            "UN DESA International Migrant Stock 2020 (inferred; licence CC BY 3.0 IGO not verified): "
            "bilateral stocks of international migrants by destination and origin, 1990-2020 every 5 "
            "years, persons. Blank cells of the source are left out, never stored as 0.",
            {
                "destination": "ISO3 of the country where the migrants live",
                "origin": "ISO3 of the country of birth (or citizenship) of the migrants",
                "year": "mid-year of the estimate (1990, 1995, ..., 2020)",
                "migrants_persons": "migrant stock, persons",
            },
            required=False,
        ),
        "remittances_2017": TableSpec(
            "people",
            "remittances_2017",
            "World Bank/KNOMAD bilateral remittance estimates for 2017 (modelled, not reported; "
            "terms not verified), US$ m. '-' cells of the source (no estimate) are left out.",
            {
                "sender": "ISO3 (or WB code) of the country the remittances are sent from",
                "receiver": "ISO3 (or WB code) of the country receiving them",
                "remittances_musd": "estimated remittances, US$ millions, 2017",
            },
            required=False,
        ),
        "migrants_2017": TableSpec(
            "people",
            "migrants_2017",
            "World Bank/KNOMAD bilateral migrant stock estimates for 2017 (terms not verified), persons.",
            {
                "destination": "ISO3 of the country of residence",
                "origin": "ISO3 of the country of origin",
                "migrants_persons": "estimated migrant stock, persons",
            },
            required=False,
        ),
    }
)

SCHEMAS = ("meta", "trade", "macro", "ref", "geo", "people")
