"""World Bank aggregate codes (regions, income groups, lending groups): a committed, reviewed list.

A WDI row whose code is neither a country of the reference nor one of these fails the read.
The list was taken from the aggregates present in the shipped WDI files (``wb-wdi/indicators``,
their ``Country Name`` column), plus INX ("Not classified"), which the World Bank API returns.
Add a code here, with its name, only after checking it is an aggregate on data.worldbank.org.
"""

from __future__ import annotations

WB_AGGREGATE_NAMES: dict[str, str] = {
    "AFE": "Africa Eastern and Southern",
    "AFW": "Africa Western and Central",
    "ARB": "Arab World",
    "CEB": "Central Europe and the Baltics",
    "CSS": "Caribbean small states",
    "EAP": "East Asia & Pacific (excluding high income)",
    "EAR": "Early-demographic dividend",
    "EAS": "East Asia & Pacific",
    "ECA": "Europe & Central Asia (excluding high income)",
    "ECS": "Europe & Central Asia",
    "EMU": "Euro area",
    "EUU": "European Union",
    "FCS": "Fragile and conflict affected situations",
    "HIC": "High income",
    "HPC": "Heavily indebted poor countries (HIPC)",
    "IBD": "IBRD only",
    "IBT": "IDA & IBRD total",
    "IDA": "IDA total",
    "IDB": "IDA blend",
    "IDX": "IDA only",
    "INX": "Not classified",
    "LAC": "Latin America & Caribbean (excluding high income)",
    "LCN": "Latin America & Caribbean",
    "LDC": "Least developed countries: UN classification",
    "LIC": "Low income",
    "LMC": "Lower middle income",
    "LMY": "Low & middle income",
    "LTE": "Late-demographic dividend",
    "MEA": "Middle East, North Africa, Afghanistan & Pakistan",
    "MIC": "Middle income",
    "MNA": "Middle East, North Africa, Afghanistan & Pakistan (excluding high income)",
    "NAC": "North America",
    "OED": "OECD members",
    "OSS": "Other small states",
    "PRE": "Pre-demographic dividend",
    "PSS": "Pacific island small states",
    "PST": "Post-demographic dividend",
    "SAS": "South Asia",
    "SSA": "Sub-Saharan Africa (excluding high income)",
    "SSF": "Sub-Saharan Africa",
    "SST": "Small states",
    "TEA": "East Asia & Pacific (IDA & IBRD countries)",
    "TEC": "Europe & Central Asia (IDA & IBRD countries)",
    "TLA": "Latin America & the Caribbean (IDA & IBRD countries)",
    "TMN": "Middle East, North Africa, Afghanistan & Pakistan (IDA & IBRD)",
    "TSA": "South Asia (IDA & IBRD)",
    "TSS": "Sub-Saharan Africa (IDA & IBRD countries)",
    "UMC": "Upper middle income",
    "WLD": "World",
}
WB_AGGREGATES: frozenset[str] = frozenset(WB_AGGREGATE_NAMES)
