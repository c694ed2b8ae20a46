"""World Bank World Development Indicators: the shipped files and the online updater (API v2).

Both return the same long frame: ``country`` (ISO3 or World Bank aggregate code), ``year``,
``indicator`` (lower-case code, as in the file names: ``ny.gdp.mktp.cd``), ``value`` and
``is_aggregate``. A missing value is unknown: it is left out, never stored as zero.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import requests

from regint.core.errors import DataError, InputError, NetworkError
from regint.core.provenance import SourceTable
from regint.core.vocab import SRC_WDI
from regint.sources.contract import Contents, year_span
from regint.sources.countries import known_codes
from regint.sources.records import lock_files, make_origin
from regint.sources.validate import (
    check_codes,
    parse_numbers,
    parse_years,
    read_csv_checked,
    reject_rows,
)
from regint.sources.wdi_aggregates import WB_AGGREGATES

FOLDER = "wb-wdi/indicators"
WB_API = "https://api.worldbank.org/v2"
FILE_COLUMNS = ("Country Name", "Country Code", "Year", "Value")
OUTPUT_COLUMNS = ("country", "year", "indicator", "value", "is_aggregate")
_CODE = re.compile(r"[A-Z0-9]{3}")
# What the shipped WDI extract must contain (checked when the snapshot is built).
# All 44 shipped series from 1990 hold about 304,000 rows (2026-12-06).
CONTENTS = Contents(min_rows=250_000, years=year_span(1990, 2023), year_column="year")
_INDICATOR = re.compile(r"[a-z0-9]+(\.[a-z0-9]+)+")
# Values a series cannot take by definition: a share of a total lies in [0, 100] and a count, an
# area or a stock is never negative. A value outside fails naming the file and row. Series not
# listed (growth rates, balances, net flows, withdrawals as % of resources, tourism receipts as %
# of exports, which WDI measures on a different basis and can exceed 100) may take any value.
_PERCENT_OF_TOTAL = (
    "eg.elc.rnew.zs",
    "eg.fec.rnew.zs",
    "eg.elc.accs.zs",
    "ag.lnd.irig.ag.zs",
    "tx.val.fuel.zs.un",
    "tx.val.mmtl.zs.un",
    "tx.val.tech.mf.zs",
    "sl.uem.totl.zs",
)
_NON_NEGATIVE = (
    "sp.pop.totl",
    "ny.gdp.mktp.cd",
    "ag.lnd.totl.k2",
    "is.rrs.totl.km",
    "is.air.dprt",
    "it.net.bbnd.p2",
    "it.cel.sets.p2",
    "er.h2o.fwtl.k3",
    "er.h2o.fwtl.zs",
    "er.h2o.intr.pc",
    "eg.use.elec.kh.pc",
    "ms.mil.xpnd.gd.zs",
    "sm.pop.refg.or",
    "sm.pop.totl",
    "lp.lpi.ovrl.xq",
)
BOUNDS: dict[str, tuple[float, float]] = {
    **{code: (0.0, 100.0) for code in _PERCENT_OF_TOTAL},
    **{code: (0.0, float("inf")) for code in _NON_NEGATIVE},
}


def available_indicators(raw_dir: Path) -> tuple[str, ...]:
    """Indicator codes shipped in ``wb-wdi/indicators`` (one CSV per code)."""
    folder = Path(raw_dir) / FOLDER
    if not folder.is_dir():
        raise DataError(str(folder), "WDI folder not found")
    return tuple(sorted(p.name[: -len(".csv")] for p in folder.glob("*.csv")))


def read_wdi(
    raw_dir: Path, indicators: Iterable[str] | None = None, first_year: int = 1990
) -> SourceTable:
    """WDI indicators from the shipped files, from ``first_year`` on, in the long layout.

    >>> gdp = read_wdi(raw_data_dir(), ["ny.gdp.mktp.cd"]).frame  # doctest: +SKIP
    """
    raw_dir = Path(raw_dir)
    shipped = available_indicators(raw_dir)
    wanted = shipped if indicators is None else _normalise_indicators(indicators)
    unknown = [c for c in wanted if c not in shipped]
    if unknown:
        raise InputError(
            "indicators", f"unknown indicator '{unknown[0]}'; available: {', '.join(shipped)}"
        )
    known = known_codes(raw_dir)
    paths = [raw_dir / FOLDER / f"{code}.csv" for code in wanted]
    frames = [
        _read_indicator_file(path, code, first_year, known)
        for path, code in zip(paths, wanted, strict=True)
    ]
    frame = pd.concat(frames, ignore_index=True) if frames else _empty()
    frame["is_aggregate"] = frame["country"].isin(WB_AGGREGATES)
    origin = make_origin(SRC_WDI, lock_files(paths, root=raw_dir))
    return SourceTable(frame[list(OUTPUT_COLUMNS)], origin)


def _read_indicator_file(
    path: Path, code: str, first_year: int, known: frozenset[str]
) -> pd.DataFrame:
    raw = read_csv_checked(path, FILE_COLUMNS)
    reject_rows(
        ~raw["Country Code"].str.fullmatch(_CODE),
        path,
        lambda i: f"malformed country code '{raw.at[i, 'Country Code']}'",
    )
    # A code is a country of the reference or a World Bank aggregate of the committed list;
    # anything else (a typo, a new code) fails here rather than pass as an "aggregate".
    check_codes(raw["Country Code"], known | WB_AGGREGATES, path, "country")
    frame = pd.DataFrame(
        {
            "country": raw["Country Code"],
            "year": parse_years(raw, "Year", path),
            "indicator": code,
            # Growth rates, net migration and balances are negative by nature.
            "value": parse_numbers(raw, "Value", path, allow_negative=True, allow_blank=True),
        }
    )
    reject_rows(
        frame.duplicated(["country", "year"]),
        path,
        lambda i: f"duplicate row for {frame.at[i, 'country']} {frame.at[i, 'year']}",
    )
    low, high = BOUNDS.get(code, (-float("inf"), float("inf")))
    # Only the years loaded are checked: the files hold a few impossible shares from the 1960s
    # (e.g. Lao PDR's fuel exports at 492% in 1962) that regint never reads.
    in_range = frame["year"] >= first_year
    reject_rows(
        in_range & ((frame["value"] < low) | (frame["value"] > high)),
        path,
        lambda i: (
            f"impossible value {frame.at[i, 'value']} for {code} (allowed {low:g} to {high:g})"
        ),
    )
    keep = frame["value"].notna() & (frame["year"] >= first_year)
    return frame[keep]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": pd.Series(dtype=str),
            "year": pd.Series(dtype="int64"),
            "indicator": pd.Series(dtype=str),
            "value": pd.Series(dtype=float),
        }
    )


def _normalise_indicators(indicators: Iterable[str]) -> tuple[str, ...]:
    if isinstance(indicators, str):
        indicators = [indicators]
    codes = tuple(str(c).strip().lower() for c in indicators)
    if not codes:
        raise InputError("indicators", "give at least one indicator code")
    for code in codes:
        if not _INDICATOR.fullmatch(code):
            raise InputError("indicators", f"malformed indicator code '{code}'")
    return codes


# --- the online updater ------------------------------------------------------------------


def fetch_wdi(
    indicators: Iterable[str],
    countries: Sequence[str],
    start_year: int,
    end_year: int,
    session: requests.Session | None = None,
    base_url: str = WB_API,
    *,
    per_page: int = 1000,
    timeout: float = 30.0,
    country_codes: Collection[str] | None = None,
) -> SourceTable:
    """WDI indicators from the World Bank API v2, every page, in the same layout as :func:`read_wdi`.

    One request per indicator and page:
    ``{base_url}/country/KAZ;UZB/indicator/NY.GDP.MKTP.CD?format=json&date=2010:2020&per_page=1000``.
    ``is_aggregate`` needs the country reference (``country_codes``, e.g. ``known_codes(raw)``);
    without it the column is null.
    Raises NetworkError when the service cannot be reached, answers with an HTTP error or an API
    error message, and DataError when its body is not the documented JSON.
    """
    codes = _normalise_indicators(indicators)
    wanted = _check_countries(countries)
    if not 1960 <= int(start_year) <= int(end_year) <= 2100:
        raise InputError(
            "years", f"need 1960 <= start_year <= end_year, got {start_year}:{end_year}"
        )
    session = session or requests.Session()
    frames, urls, skipped = [], [], 0
    for code in codes:
        url = f"{base_url.rstrip('/')}/country/{';'.join(wanted)}/indicator/{code.upper()}"
        frame, n = _fetch_indicator(session, url, code, (start_year, end_year), per_page, timeout)
        frames.append(frame)
        urls.append(url)
        skipped += n
    frame = pd.concat(frames, ignore_index=True) if frames else _empty()
    frame = frame.astype({"year": "int64", "value": float})
    if country_codes is None:
        frame["is_aggregate"] = pd.array([pd.NA] * len(frame), dtype="boolean")
    else:
        frame["is_aggregate"] = ~frame["country"].isin(frozenset(country_codes))
    fetched = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    origin = make_origin(SRC_WDI, note=f"World Bank API v2, fetched {fetched}: {' '.join(urls)}")
    notes = (f"{skipped} API records without a countryiso3code were left out",) if skipped else ()
    return SourceTable(frame[list(OUTPUT_COLUMNS)], origin, notes)


def _check_countries(countries: Sequence[str]) -> list[str]:
    if isinstance(countries, str):
        countries = [countries]
    wanted = [str(c).strip().upper() for c in countries]
    if not wanted:
        raise InputError("countries", "give at least one country code, or 'all'")
    for code in wanted:
        if code != "ALL" and not _CODE.fullmatch(code):
            raise InputError("countries", f"malformed country code '{code}'")
    return [c.lower() if c == "ALL" else c for c in wanted]


def _fetch_indicator(
    session: requests.Session,
    url: str,
    code: str,
    years: tuple[int, int],
    per_page: int,
    timeout: float,
) -> tuple[pd.DataFrame, int]:
    """Every page of one indicator, and how many records lacked a country code."""
    rows: list[dict[str, Any]] = []
    page, pages, skipped = 1, 1, 0
    while page <= pages:
        params = {
            "format": "json",
            "date": f"{years[0]}:{years[1]}",
            "per_page": per_page,
            "page": page,
        }
        body = _get_json(session, url, params, timeout)
        pages, records = parse_wb_page(body, url)
        parsed = [_parse_record(r, url, code) for r in records]
        rows.extend(r for r in parsed if r is not None)
        skipped += parsed.count(None)
        page += 1
    frame = pd.DataFrame(rows, columns=["country", "year", "indicator", "value"])
    frame = frame[frame["value"].notna()]
    if frame.duplicated(["country", "year"]).any():
        raise DataError(url, "the API returned the same country and year twice")
    return frame, skipped


def _get_json(session: requests.Session, url: str, params: dict[str, Any], timeout: float) -> Any:
    try:
        response = session.get(url, params=params, timeout=timeout)
    except requests.Timeout:
        raise NetworkError(f"World Bank API timed out after {timeout:g} s: {url}") from None
    except requests.RequestException as err:
        raise NetworkError(f"cannot reach the World Bank API ({url}): {err}") from None
    if response.status_code >= 400:
        raise NetworkError(f"World Bank API answered HTTP {response.status_code} for {url}")
    try:
        return response.json()
    except ValueError:
        raise DataError(url, "the World Bank API answer is not JSON") from None


def parse_wb_page(body: Any, url: str = "World Bank API") -> tuple[int, list[dict[str, Any]]]:
    """The page count and the records of one API v2 JSON page.

    A page is ``[{"page": 1, "pages": 2, "per_page": 50, "total": 60, ...}, [record, ...]]``;
    the second element is null when nothing matches. An API error is
    ``[{"message": [{"id": "120", "key": "Invalid value", "value": "..."}]}]``.
    """
    if not isinstance(body, list) or not body or not isinstance(body[0], dict):
        raise DataError(url, "expected a JSON array whose first element is the paging metadata")
    if "message" in body[0]:
        messages = body[0]["message"] if isinstance(body[0]["message"], list) else []
        text = "; ".join(
            f"{m.get('id', '?')} {m.get('key', '')}: {m.get('value', '')}".strip()
            for m in messages
            if isinstance(m, dict)
        )
        raise NetworkError(f"World Bank API error for {url}: {text or body[0]['message']}")
    if len(body) != 2:
        raise DataError(url, f"expected [metadata, records], got {len(body)} elements")
    try:
        pages = int(body[0]["pages"])
    except (KeyError, TypeError, ValueError):
        raise DataError(url, "paging metadata lacks a numeric 'pages'") from None
    records = body[1] if body[1] is not None else []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise DataError(url, "the second element must be a list of records")
    return pages, records


def _parse_record(record: dict[str, Any], url: str, code: str) -> dict[str, Any] | None:
    """One API record as a row (None when it has no ISO3-like code); the indicator is ``code``."""
    iso3 = record.get("countryiso3code")
    date, value = str(record.get("date", "")), record.get("value")
    if iso3 == "":
        return None  # a few historical aggregates have no 3-letter code: they cannot be keyed
    if not isinstance(iso3, str) or not _CODE.fullmatch(iso3):
        raise DataError(url, f"record without a valid countryiso3code: {record!r:.120}")
    if not re.fullmatch(r"\d{4}", date):
        raise DataError(url, f"record for {iso3} has a non-annual date '{date}'")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise DataError(url, f"record for {iso3} {date} has a non-numeric value {value!r}")
    return {"country": iso3, "year": int(date), "indicator": code, "value": value}
