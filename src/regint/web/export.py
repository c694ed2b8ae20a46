"""Tables as JSON records, CSV (provenance as ``#`` lines) and Parquet (provenance in metadata)."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

from regint.core.provenance import Provenance, make_provenance


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


def to_csv(frame: pd.DataFrame, origins: Provenance, url: str) -> bytes:
    """CSV with provenance comment lines first (``pandas.read_csv(..., comment='#')`` reads it).

    The lines are the project's one CSV serialisation of provenance (``Provenance.to_lines``),
    each on one line.
    """
    out = io.StringIO()
    out.write(f"# regint dashboard table {url}\n")
    for line in origins.to_lines([f"note: {n}" for n in origins.get("notes", [])]):
        out.write(f"# {' '.join(str(line).split())}\n")
    frame.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue().encode()


def to_parquet(frame: pd.DataFrame, origins: Provenance, url: str) -> bytes:
    """Parquet bytes; the provenance is the ``regint.provenance`` key-value metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    bare = frame.copy(deep=False)
    bare.attrs = {}  # the provenance goes in as regint.provenance, not as pandas attrs
    table = pa.Table.from_pandas(bare, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta.update(make_provenance(url=url, **origins.to_dict()).to_parquet_metadata())
    out = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), out)
    return out.getvalue()


FORMATS = {
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "json": "application/json",
}


def encode_table(fmt: str, frame: pd.DataFrame, origins: Provenance, url: str) -> tuple[bytes, str]:
    """One table as ``fmt`` (csv, parquet or json) with its provenance, and its media type."""
    if fmt == "csv":
        return to_csv(frame, origins, url), "text/csv; charset=utf-8"
    if fmt == "parquet":
        return to_parquet(frame, origins, url), FORMATS["parquet"]
    records = {"columns": [str(c) for c in frame.columns], "rows": frame_records(frame)}
    return dumps({**records, "origins": origins.to_dict()}), FORMATS["json"]
