"""IMF International Trade in Goods by partner country (IMTS): online updater, the DOTS successor.

One SDMX 2.1 REST data query to the IMF data portal, answered as SDMX-CSV::

    GET {base_url}/data/IMF.STA,IMTS/{reporters}.XG_FOB_USD+MG_CIF_USD..A
        ?startPeriod=YYYY&endPeriod=YYYY
    Accept: application/vnd.sdmx.data+csv;version=1.0.0

The key follows the dataflow's dimensions, COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY
(an empty position is a wildcard: every partner). XG_FOB_USD is exports FOB and MG_CIF_USD
imports CIF. Countries carry ISO3 codes; aggregates carry codes such as G001 (World) and
G163 (euro area) and are dropped. OBS_VALUE is in US dollars: the SCALE attribute only says
how the portal displays a figure, so it is not applied. Values become US$ millions.

Assumptions taken from public third-party clients of this API (none could be checked live
from here): the endpoint, the key order, plain-dollar OBS_VALUE, a possible leading
SDMX-CSV 2.0 row with empty keys, and that startPeriod may be ignored (years are filtered
again here). A body that is not SDMX-CSV raises DataError rather than being guessed at.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import requests

from regint.core.errors import DataError, InputError, NetworkError
from regint.core.provenance import FileLock, SourceTable
from regint.core.vocab import SRC_IMTS
from regint.sources.imf_dots import DOTS_COLUMNS
from regint.sources.imf_names import KIND_COUNTRY, read_country_names
from regint.sources.records import make_origin

BASE_URL = "https://api.imf.org/external/sdmx/2.1"
DATAFLOW = "IMF.STA,IMTS"
ACCEPT = "application/vnd.sdmx.data+csv;version=1.0.0"
TIMEOUT = 120.0  # seconds; a many-reporter query is a few MB
INDICATORS: dict[str, str] = {"XG_FOB_USD": "exports_fob", "MG_CIF_USD": "imports_cif"}
# IMF codes for countries whose ISO3 code differs or that have none (Kosovo).
IMF_TO_ISO3: dict[str, str] = {"KOS": "XKX", "UVK": "XKX", "WBG": "PSE"}
REQUIRED = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "TIME_PERIOD", "OBS_VALUE")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_MISSING = {"", "nan", "na", "n/a", "..."}
_KEYS = ["reporter", "partner", "flow", "year"]


def imts_url(reporters: Sequence[str], base_url: str = BASE_URL) -> str:
    """The data query for annual exports and imports of ``reporters`` with every partner."""
    key = f"{'+'.join(reporters)}.{'+'.join(INDICATORS)}..A"
    return f"{base_url.rstrip('/')}/data/{DATAFLOW}/{key}"


def fetch_imts(
    reporters: Sequence[str],
    start_year: int,
    end_year: int,
    session: requests.Session | None = None,
    base_url: str = BASE_URL,
    timeout: float = TIMEOUT,
) -> SourceTable:
    """Annual IMTS trade of ``reporters`` with every country partner, in the shape of ``read_dots``.

    Returns reporter, partner (ISO3), flow ('exports_fob'|'imports_cif'), year,
    value_musd (US$ millions) and is_estimate. Raises NetworkError when the service
    cannot be reached or answers an HTTP error, DataError when its body is not SDMX-CSV.
    """
    codes = _check_request(reporters, start_year, end_year)
    url = imts_url(codes, base_url)
    params = {"startPeriod": str(start_year), "endPeriod": str(end_year)}
    if session is None:
        with requests.Session() as own:
            response = _get(own, url, params, timeout)
    else:
        response = _get(session, url, params, timeout)
    body = response.content
    text = body.decode("utf-8-sig", errors="replace")  # SDMX-CSV is UTF-8 whatever the header says
    frame, notes = _parse(text, response.url, start_year, end_year)
    lock = FileLock(response.url, hashlib.sha256(body).hexdigest(), len(body))
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    origin = make_origin(SRC_IMTS, (lock,), note=f"fetched {stamp} from {response.url}")
    return SourceTable(frame=frame, origin=origin, notes=notes)


def _get(
    session: requests.Session, url: str, params: dict[str, str], timeout: float
) -> requests.Response:
    try:
        response = session.get(url, params=params, headers={"Accept": ACCEPT}, timeout=timeout)
    except requests.Timeout:
        raise NetworkError(f"IMF IMTS did not answer within {timeout:g} s: {url}") from None
    except requests.RequestException as err:
        raise NetworkError(f"cannot reach IMF IMTS at {url}: {err}") from None
    if response.status_code != 200:
        raise NetworkError(f"IMF IMTS answered HTTP {response.status_code} for {response.url}")
    return response


def read_imts_csv(path: str | Path, start_year: int = 1900, end_year: int = 2100) -> SourceTable:
    """An IMTS SDMX-CSV file saved from the API or the portal, read like ``fetch_imts``."""
    csv = Path(path)
    try:
        body = csv.read_bytes()
    except OSError as err:
        raise DataError(str(csv), f"cannot read: {err.strerror}") from None
    frame, notes = _parse(
        body.decode("utf-8-sig", errors="replace"), str(csv), start_year, end_year
    )
    lock = FileLock(csv.name, hashlib.sha256(body).hexdigest(), len(body))
    return SourceTable(frame=frame, origin=make_origin(SRC_IMTS, (lock,)), notes=notes)


def _check_request(reporters: Sequence[str], start_year: int, end_year: int) -> list[str]:
    if isinstance(reporters, str):
        reporters = [reporters]
    codes = [str(code).strip().upper() for code in reporters]
    if not codes:
        raise InputError("reporters", "give at least one ISO3 country code")
    bad = [code for code in codes if not _ISO3.match(code)]
    if bad:
        raise InputError("reporters", f"not ISO3 country codes: {bad}")
    if start_year > end_year:
        raise InputError("start_year", f"{start_year} is after end_year {end_year}")
    return codes


def _parse(
    text: str, where: str, start_year: int, end_year: int
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """SDMX-CSV (1.0 or 2.0) to the DOTS shape; bad bodies raise DataError naming the line."""
    rows = _read_csv(text, where)
    rows = rows[rows["TIME_PERIOD"].str.strip() != ""]  # SDMX-CSV 2.0 may lead with a keyless row
    if "FREQUENCY" in rows.columns:
        rows = rows[rows["FREQUENCY"].str.strip() == "A"]
    rows = rows[rows["INDICATOR"].str.strip().isin(list(INDICATORS))]
    years = _years(rows, where)
    values, known = _values(rows, where)
    frame = pd.DataFrame(
        {
            "reporter": rows["COUNTRY"].str.strip().replace(IMF_TO_ISO3).to_numpy(dtype=object),
            "partner": rows["COUNTERPART_COUNTRY"]
            .str.strip()
            .replace(IMF_TO_ISO3)
            .to_numpy(dtype=object),
            "flow": rows["INDICATOR"].str.strip().map(INDICATORS).to_numpy(dtype=object),
            "year": years,
            "value_musd": values / 1e6,  # US dollars -> US$ millions
            "is_estimate": _estimates(rows),
            "line": rows["line"].to_numpy(),
        }
    )
    frame = frame[known & (frame["year"] >= start_year) & (frame["year"] <= end_year)]
    frame, notes = _countries_only(frame)
    return _deduplicate(frame, where), notes


def _read_csv(text: str, where: str) -> pd.DataFrame:
    if text.lstrip().startswith("<"):
        raise DataError(
            where, "the answer is XML or HTML, not SDMX-CSV (was the Accept header ignored?)"
        )
    try:
        rows = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise DataError(where, f"not SDMX-CSV: {err}") from None
    # With labels=both the header reads 'COUNTRY: Country'; keep the id.
    rows.columns = [str(c).split(":")[0].strip().upper() for c in rows.columns]
    missing = [c for c in REQUIRED if c not in rows.columns]
    if missing:
        raise DataError(
            where, f"not IMTS SDMX-CSV: missing columns {missing} (found {list(rows.columns)[:12]})"
        )
    rows["line"] = np.arange(2, len(rows) + 2)  # line 1 is the header
    return rows


def _years(rows: pd.DataFrame, where: str) -> np.ndarray:
    period = rows["TIME_PERIOD"].str.strip()
    bad = ~period.str.fullmatch(r"\d{4}")
    if bad.any():
        first = rows[bad].iloc[0]
        raise DataError(
            where, f"TIME_PERIOD '{first['TIME_PERIOD']}' is not a year", row=int(first["line"])
        )
    return period.astype(int).to_numpy(dtype=np.int16)


def _values(rows: pd.DataFrame, where: str) -> tuple[np.ndarray, np.ndarray]:
    """OBS_VALUE as floats and a mask of known values: empty or NaN is unknown, not zero."""
    raw = rows["OBS_VALUE"].str.strip()
    known = ~raw.str.lower().isin(_MISSING).to_numpy()
    values = pd.to_numeric(raw.where(known, "nan"), errors="coerce").to_numpy(dtype=float)
    bad = known & ~np.isfinite(values)
    if bad.any():
        i = int(bad.nonzero()[0][0])
        raise DataError(
            where, f"non-numeric OBS_VALUE {raw.iloc[i]!r}", row=int(rows["line"].iloc[i])
        )
    negative = known & (values < 0)
    if negative.any():
        i = int(negative.nonzero()[0][0])
        raise DataError(where, f"negative OBS_VALUE {raw.iloc[i]}", row=int(rows["line"].iloc[i]))
    return values, known


def _estimates(rows: pd.DataFrame) -> np.ndarray:
    """SDMX observation status 'E' (estimated value), where the answer carries a status."""
    for column in ("OBS_STATUS", "STATUS"):
        if column in rows.columns:
            return (rows[column].str.strip().str.upper() == "E").to_numpy(dtype=bool)
    return np.zeros(len(rows), dtype=bool)


def _countries_only(frame: pd.DataFrame) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Keep ISO3 countries; drop aggregates (G001...) and historical entities (SUN, YUG...)."""
    names = read_country_names()
    countries = set(names.loc[names["kind"] == KIND_COUNTRY, "iso3"].dropna())
    not_countries = set(names.loc[names["kind"] != KIND_COUNTRY, "iso3"].dropna())
    codes = pd.unique(pd.concat([frame["reporter"], frame["partner"]]))
    keep = {c for c in codes if _ISO3.match(str(c)) and c not in not_countries}
    dropped = sorted(set(codes) - keep)
    unknown = sorted(keep - countries)
    frame = frame[frame["reporter"].isin(keep) & frame["partner"].isin(keep)]
    notes = [f"{len(frame)} observations kept"]
    if dropped:
        notes.append(f"aggregate or historical codes dropped: {', '.join(map(str, dropped))}")
    if unknown:
        notes.append(f"ISO3 codes absent from the DOTS name map (kept): {', '.join(unknown)}")
    return frame, tuple(notes)


def _deduplicate(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    repeated = frame[frame.duplicated(_KEYS, keep=False)]
    if len(repeated):
        spread = repeated.groupby(_KEYS)["value_musd"].nunique()
        if (spread > 1).any():
            key = spread[spread > 1].index[0]
            lines = repeated.set_index(_KEYS).loc[[key], "line"].tolist()
            what = f"reporter={key[0]} partner={key[1]} flow={key[2]} year={int(key[3])}"
            raise DataError(where, f"conflicting values for {what} on lines {lines}")
    frame = frame.drop_duplicates(_KEYS).sort_values(_KEYS, ignore_index=True)
    out = frame.loc[:, list(DOTS_COLUMNS)]
    for column in ("reporter", "partner", "flow"):
        out[column] = out[column].astype(object).astype("string")
    return out.astype({"year": "int16", "value_musd": "float64", "is_estimate": "bool"})
