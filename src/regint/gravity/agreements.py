"""Dated agreement dummies for the gravity panel: FTAs and the Eurasian customs union.

Each dummy is 1 for an international pair (both directions) in the years the agreement binds
both states, from these dated sources:

- ``cu`` (Eurasian customs union): both members of the EurAsEC Customs Union (``eacu``, 2010-2014)
  or of the EAEU (``eaeu``, from 2015), full members in the knowledge base on 1 July of the year;
- ``fta``: not in the customs union, and either both parties to the CIS FTA (``cis_fta`` in the
  knowledge base, plus the non-C5 parties listed in :data:`CIS_FTA_OTHERS`), or parties to a
  bilateral FTA of DESTA's derived table (in force from DESTA's entry-into-force year, else its
  year of signature), or both EU members (one market: counted as a customs union);
- ``eu``: both EU members (``regint.core.vocab.EU27_ACCESSION``).

Agreements without a C5 party other than the CIS FTA, the Eurasian union and the EU are not
coded: pair fixed effects absorb them only where they do not change within the sample.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from regint.core.errors import DataError
from regint.core.vocab import eu27_members
from regint.knowledge.base import KnowledgeBase
from regint.knowledge.regions import members_on
from regint.sources.paths import project_data_dir

# Non-C5 parties of the 2011 CIS FTA, which the knowledge base records for the C5 only: the year
# it entered into force for each (Treaty on a Free Trade Area, CIS, 18 October 2011).
CIS_FTA_OTHERS: dict[str, int] = {"RUS": 2012, "BLR": 2012, "UKR": 2012, "ARM": 2012, "MDA": 2012}
CIS_FTA_EVIDENCE = (
    "https://en.wikipedia.org/wiki/Commonwealth_of_Independent_States_Free_Trade_Area"
)
# The English short names DESTA uses for bilateral partners of the C5.
DESTA_NAMES: dict[str, str] = {
    "Armenia": "ARM",
    "Azerbaijan": "AZE",
    "Belarus": "BLR",
    "Georgia": "GEO",
    "Kazakhstan": "KAZ",
    "Kyrgyzstan": "KGZ",
    "Moldova": "MDA",
    "Pakistan": "PAK",
    "Russia": "RUS",
    "Serbia": "SRB",
    "Tajikistan": "TJK",
    "Turkmenistan": "TKM",
    "Ukraine": "UKR",
    "Uzbekistan": "UZB",
}
DUMMIES = ("fta", "cu", "eu")
CITATIONS = (
    "Dür, A., Baccini, L. & Elsig, M. (2014), The Design of International Trade Agreements: "
    "Introducing a New Database, Review of International Organizations 9(3): 353-375 (DESTA, "
    "derived table of C5 agreements)",
    "regint knowledge base: membership spells of cis_fta, eacu and eaeu",
    CIS_FTA_EVIDENCE,
)


@dataclass(frozen=True)
class Agreements:
    """Dated memberships and bilateral FTAs, as sets of (year -> members) and pair-years."""

    cu: dict[int, frozenset[str]]
    cis_fta: dict[int, frozenset[str]]
    bilateral: tuple[tuple[str, str, int], ...]  # (a, b, first year in force)


def read_desta_bilaterals(path: Path | None = None) -> tuple[tuple[str, str, int], ...]:
    """Bilateral FTAs with a C5 party from DESTA's derived table: (a, b, year in force)."""
    p = path or project_data_dir() / "knowledge" / "derived" / "desta_c5.csv"
    frame = pd.read_csv(p)
    out = set()
    for row in frame.loc[frame["n_parties"] == 2].itertuples():
        names = str(row.name).split()
        codes = [DESTA_NAMES.get(n) for n in names]
        if len(names) != 2 or None in codes:
            raise DataError(
                str(p), f"cannot map the parties of '{row.name}' to ISO3", row.Index + 2
            )
        year = row.entry_force_year if pd.notna(row.entry_force_year) else row.year_signed
        a, b = sorted(str(c) for c in codes)
        out.add((a, b, int(year)))
    return tuple(sorted(out))


def compute_agreements(kb: KnowledgeBase, years: Iterable[int]) -> Agreements:
    """Members of the customs union and of the CIS FTA on 1 July of each year."""
    cu, cis = {}, {}
    for year in years:
        on = dt.date(year, 7, 1)
        union = members_on(kb, kb.org("eacu"), on) | members_on(kb, kb.org("eaeu"), on)
        cu[year] = frozenset(union) if year >= 2010 else frozenset()
        others = {c for c, y in CIS_FTA_OTHERS.items() if y <= year}
        cis[year] = frozenset(members_on(kb, kb.org("cis_fta"), on) | others)
    return Agreements(cu, cis, read_desta_bilaterals())


def _both(exporter: pd.Series, importer: pd.Series, year: pd.Series, sets: dict) -> np.ndarray:
    return np.array(
        [
            e in sets.get(y, ()) and i in sets.get(y, ())
            for e, i, y in zip(exporter, importer, year, strict=True)
        ]
    )


def compute_dummies(pairs: pd.DataFrame, agreements: Agreements) -> pd.DataFrame:
    """Add ``fta``, ``cu`` and ``eu`` (0/1) to a frame with exporter, importer and year."""
    out = pairs.copy()
    e, i, y = out["exporter"], out["importer"], out["year"].astype(int)
    international = (e != i).to_numpy()
    eu = {yr: eu27_members(yr) for yr in y.unique()}
    out["eu"] = (_both(e, i, y, eu) & international).astype(int)
    out["cu"] = (_both(e, i, y, agreements.cu) & international).astype(int)
    first = {(a, b): yr for a, b, yr in agreements.bilateral}
    key = [tuple(sorted((a, b))) for a, b in zip(e, i, strict=True)]
    bilateral = np.array([first.get(k, 10_000) <= yr for k, yr in zip(key, y, strict=True)])
    cis = _both(e, i, y, agreements.cis_fta)
    fta = (bilateral | cis) & international & (out["cu"].to_numpy() == 0) & (out["eu"] == 0)
    out["fta"] = fta.astype(int)
    return out


def compute_pairs_within(countries: Sequence[str]) -> set[tuple[str, str]]:
    """All directed international pairs among ``countries``."""
    return {(a, b) for a in countries for b in countries if a != b}
