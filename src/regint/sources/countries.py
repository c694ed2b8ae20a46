"""The country reference: ISO 3166 codes, names, UN regions, LLDC status (Datahub country-codes).

Every reader checks its ISO3 codes against this reference, so it also holds the few non-ISO codes
our trade sources use: historical entities (ANT, SUN, YUG, ...) and user-assigned codes (XKX
Kosovo, CHI Channel Islands in the World Bank's data). ``code_status`` says which is which.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from regint.core.provenance import SourceTable
from regint.core.vocab import SRC_COUNTRY_CODES
from regint.sources.records import lock_files, make_origin
from regint.sources.validate import read_csv_checked, reject_rows

FOLDER = "country-codes"
FILE = "country-codes.csv"

COLUMNS = {
    "ISO3166-1-Alpha-3": "iso3",
    "ISO3166-1-numeric": "iso_numeric",
    "ISO3166-1-Alpha-2": "iso2",
    "CLDR display name": "name",
    "UNTERM English Short": "name_unterm",
    "UNTERM Russian Short": "name_ru",
    "official_name_ru": "official_name_ru",
    "Region Name": "region",
    "Sub-region Name": "subregion",
    "Land Locked Developing Countries (LLDC)": "lldc",
    "is_independent": "independence_status",
}

# Non-ISO codes used by DOTS, CEPII, SIAT, NSC and the World Bank. Not in the Datahub file.
# (iso3, iso_numeric, iso2, name, name_ru, region, subregion, independence_status, code_status)
EXTRA_CODES: tuple[tuple[str, ...], ...] = (
    (
        "ANT",
        "530",
        "AN",
        "Netherlands Antilles",
        "Нидерландские Антильские острова",
        "Americas",
        "Latin America and the Caribbean",
        "Part of NL",
        "historical",
    ),
    (
        "XKX",
        "",
        "XK",
        "Kosovo",
        "Косово",
        "Europe",
        "Southern Europe",
        "In contention",
        "user-assigned",
    ),
    (
        "CHI",
        "",
        "",
        "Channel Islands",
        "Нормандские острова",
        "Europe",
        "Northern Europe",
        "Crown dependency of GB",
        "user-assigned",
    ),
    ("SUN", "810", "SU", "USSR", "СССР", "", "", "Yes", "historical"),
    (
        "CSK",
        "200",
        "CS",
        "Czechoslovakia",
        "Чехословакия",
        "Europe",
        "Eastern Europe",
        "Yes",
        "historical",
    ),
    (
        "DDR",
        "278",
        "DD",
        "German Democratic Republic",
        "ГДР",
        "Europe",
        "Western Europe",
        "Yes",
        "historical",
    ),
    (
        "YUG",
        "890",
        "YU",
        "Yugoslavia",
        "Югославия",
        "Europe",
        "Southern Europe",
        "Yes",
        "historical",
    ),
    (
        "SCG",
        "891",
        "CS",
        "Serbia and Montenegro",
        "Сербия и Черногория",
        "Europe",
        "Southern Europe",
        "Yes",
        "historical",
    ),
    (
        "YAR",
        "",
        "",
        "Yemen Arab Republic",
        "Йеменская Арабская Республика",
        "Asia",
        "Western Asia",
        "Yes",
        "historical",
    ),
    (
        "YMD",
        "720",
        "YD",
        "Yemen, Democratic",
        "Народная Демократическая Республика Йемен",
        "Asia",
        "Western Asia",
        "Yes",
        "historical",
    ),
    (
        "BLX",
        "",
        "",
        "Belgium-Luxembourg",
        "Бельгия-Люксембург",
        "Europe",
        "Western Europe",
        "Yes",
        "historical",
    ),
)

OUTPUT_COLUMNS = (
    "iso3",
    "iso_numeric",
    "iso2",
    "name",
    "name_ru",
    "region",
    "subregion",
    "is_lldc",
    "is_independent",
    "independence_status",
    "code_status",
)


def read_country_codes(raw_dir: Path) -> SourceTable:
    """The country reference: one row per ISO3 code, plus the non-ISO codes our sources use.

    >>> ref = read_country_codes(raw_data_dir())  # doctest: +SKIP
    >>> ref.frame.set_index("iso3").loc["KAZ", "subregion"]  # doctest: +SKIP
    'Central Asia'
    """
    path = Path(raw_dir) / FOLDER / FILE
    # keep_default_na=False: Namibia's ISO2 code "NA" must not become missing.
    raw = read_csv_checked(path, COLUMNS)
    frame = raw[list(COLUMNS)].rename(columns=COLUMNS)
    for col, pattern in (("iso3", r"[A-Z]{3}"), ("iso2", r"[A-Z]{2}")):
        reject_rows(
            ~frame[col].str.fullmatch(pattern),
            path,
            lambda i: f"malformed {col} code '{frame.at[i, col]}'",  # noqa: B023 - called at once
        )
    reject_rows(
        frame["iso3"].duplicated(), path, lambda i: f"duplicate ISO3 '{frame.at[i, 'iso3']}'"
    )
    frame = _tidy_reference(frame)
    extra = pd.DataFrame(
        [
            dict(zip(OUTPUT_COLUMNS, (*e[:7], False, e[7] == "Yes", e[7], e[8]), strict=True))
            for e in EXTRA_CODES
        ]
    )
    extra = extra[~extra["iso3"].isin(frame["iso3"])]
    out = pd.concat([frame, extra], ignore_index=True)
    text = [c for c in OUTPUT_COLUMNS if c not in ("is_lldc", "is_independent")]
    out[text] = out[text].replace({"": None}).astype("string")
    out = out.astype({"is_lldc": bool, "is_independent": bool})
    origin = make_origin(SRC_COUNTRY_CODES, lock_files([path], root=Path(raw_dir)))
    notes = (f"{len(extra)} non-ISO codes added by regint: {', '.join(extra['iso3'])}",)
    return SourceTable(out[list(OUTPUT_COLUMNS)], origin, notes)


def _tidy_reference(frame: pd.DataFrame) -> pd.DataFrame:
    """Names, flags and zero-padded numeric codes from the raw Datahub columns."""
    out = frame.copy()
    out["iso_numeric"] = out["iso_numeric"].str.zfill(3)
    # CLDR is filled for every row; UNTERM only for UN members and observers.
    out["name"] = out["name"].where(out["name"] != "", out["name_unterm"])
    # UNTERM marks contested names with a trailing footnote star.
    ru = out["name_ru"].str.replace(r"\s*\*$", "", regex=True)
    out["name_ru"] = ru.where(ru != "", out["official_name_ru"])
    out["is_lldc"] = out["lldc"].str.strip().str.lower() == "x"
    out["is_independent"] = out["independence_status"] == "Yes"
    out["code_status"] = "iso"
    return out


@lru_cache(maxsize=16)
def _known_codes_cached(path: str, mtime: float) -> frozenset[str]:
    return frozenset(read_country_codes(Path(path)).frame["iso3"])


def known_codes(raw_dir: Path) -> frozenset[str]:
    """Every code the reference knows (ISO3 plus the non-ISO codes), cached per file version."""
    path = Path(raw_dir) / FOLDER / FILE
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _known_codes_cached(str(Path(raw_dir)), mtime)
