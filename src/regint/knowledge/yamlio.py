"""Write knowledge records as readable YAML: one block per record, dates quoted, codes in a row."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml


class Quoted(str):
    """A string always written in double quotes (dates, so YAML never turns them into numbers)."""


class FlowList(list[Any]):
    """A list written on one line: ``[KAZ, KGZ, UZB]``."""


class _Dumper(yaml.SafeDumper):
    pass


def _quoted(dumper: yaml.SafeDumper, data: Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


def _flow(dumper: yaml.SafeDumper, data: FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(Quoted, _quoted)
_Dumper.add_representer(FlowList, _flow)


def dump_record(record: Mapping[str, Any]) -> str:
    """One record as a YAML list item."""
    text = yaml.dump(
        [dict(record)],
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=110,
        default_flow_style=False,
    )
    return text


def build_records_file(
    path: Path, header: str, records: Iterable[Mapping[str, Any]], group_by: str | None = None
) -> int:
    """Write records to ``path`` with a comment header; a comment line opens each group."""
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines.append("")
    count = 0
    group = object()
    for record in records:
        if group_by is not None and record.get(group_by) != group:
            group = record.get(group_by)
            lines.append(f"# --- {group} ---")
        lines.append(dump_record(record).rstrip("\n"))
        lines.append("")
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return count
