"""Print one knowledge-base record in full: a field/value table, its evidence, its links."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from regint.api.knowledge import RecordView
from regint.cli.render import console


def _text(value: Any) -> str:
    """A field value as text: nested records one per line, lists joined."""
    if isinstance(value, dict):
        return "\n".join(
            f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, "", [], {})
        )
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return "\n".join(_inline(v) for v in value)
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _inline(item: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in item.items() if v not in (None, "", [], {}))


def print_record(view: RecordView) -> None:
    """Every field (empty ones shown as '–'), then the evidence URLs and the linked records."""
    table = Table(title=f"{view.kind} {view.id}", show_header=True, show_lines=False)
    table.add_column("field", no_wrap=True)
    table.add_column("value", overflow="fold")
    for name, value in view.fields.items():
        text = _text(value)
        table.add_row(name, Text(text if text else "–"))
    console.print(table)
    console.print(Text("evidence:", style="bold"))
    for url in view.evidence or ("(none)",):
        console.print(Text(f"  {url}"))
    for relation, items in view.links.items():
        console.print(Text(f"{relation.replace('_', ' ')} ({len(items)}):", style="bold"))
        for item_id, label in items:
            console.print(Text(f"  {item_id}  {label}"))
    for src in view.provenance.get("sources", []):
        console.print(Text(f"source: {src.get('citation') or src.get('title')}", style="dim"))
