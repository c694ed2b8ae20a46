"""Tables as JSON records, CSV (provenance as ``#`` lines) and Parquet (provenance in metadata)."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return _jsonable(value.item())
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-safe dicts: NaN and NA become null, dates ISO strings."""
    columns = [str(c) for c in frame.columns]
    return [
        {c: _jsonable(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def dumps(payload: Any) -> bytes:
    """Compact, deterministic JSON (keys in insertion order, no NaN)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def provenance_lines(origins: dict[str, Any]) -> list[str]:
    """The ``#`` header lines of a CSV download: sources with licences, then the build."""
    lines = []
    for src in origins.get("sources", []):
        lines.append(f"source: {src.get('citation') or src.get('title')} [{src.get('licence')}]")
    build = origins.get("build") or {}
    if build:
        lines.append(
            f"build: regint {build.get('code_version')} at {build.get('built_at')} "
            f"(warehouse {str(build.get('fingerprint', ''))[:12]})"
        )
    for note in origins.get("notes", []):
        lines.append(f"note: {note}")
    return [" ".join(line.split()) for line in lines]


def to_csv(frame: pd.DataFrame, origins: dict[str, Any], url: str) -> bytes:
    """CSV with provenance comment lines first (``pandas.read_csv(..., comment='#')`` reads it)."""
    out = io.StringIO()
    out.write(f"# regint dashboard table {url}\n")
    for line in provenance_lines(origins):
        out.write(f"# {line}\n")
    frame.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue().encode()


def to_parquet(frame: pd.DataFrame, origins: dict[str, Any], url: str) -> bytes:
    """Parquet bytes; the provenance is the ``regint.provenance`` key-value metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[b"regint.provenance"] = dumps({**origins, "url": url})
    out = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), out)
    return out.getvalue()


FORMATS = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
}


def encode_table(
    fmt: str, frame: pd.DataFrame, origins: dict[str, Any], url: str
) -> tuple[bytes, str]:
    """One table as ``fmt`` (csv, parquet or json) with its provenance, and its media type."""
    if fmt == "csv":
        return to_csv(frame, origins, url), "text/csv; charset=utf-8"
    if fmt == "parquet":
        return to_parquet(frame, origins, url), FORMATS["parquet"]
    records = {"columns": [str(c) for c in frame.columns], "rows": frame_records(frame)}
    return dumps({**records, "origins": origins}), FORMATS["json"]
