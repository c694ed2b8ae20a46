"""A plain HTML rendering of the OpenAPI schema (no outside script, unlike Swagger UI's CDN)."""

from __future__ import annotations

from html import escape
from typing import Any


def _schema_text(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_schema_text(s) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    text = str(schema.get("type", "value"))
    if schema.get("format"):
        text += f" ({schema['format']})"
    if schema.get("pattern"):
        text += f", pattern {schema['pattern']}"
    return text


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    return schema


def _parameters(op: dict[str, Any], spec: dict[str, Any]) -> str:
    rows = []
    for param in op.get("parameters", []):
        schema = _resolve(param.get("schema", {}), spec)
        default = schema.get("default")
        rows.append(
            "<tr>"
            f"<td><code>{escape(param['name'])}</code></td><td>{escape(param['in'])}</td>"
            f"<td>{escape(_schema_text(schema))}</td>"
            f"<td>{'' if default is None else escape(str(default))}</td>"
            f"<td>{escape(param.get('description') or schema.get('description', ''))}</td></tr>"
        )
    if not rows:
        return "<p>No parameters.</p>"
    head = "<tr><th>name</th><th>in</th><th>type</th><th>default</th><th>meaning</th></tr>"
    return f'<div class="table-wrap"><table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def render_api_docs(spec: dict[str, Any]) -> str:
    """The API reference page: every path, its parameters and its responses."""
    sections = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            codes = ", ".join(sorted(op.get("responses", {})))
            sections.append(
                f"<section><h2><code>{escape(method.upper())} {escape(path)}</code></h2>"
                f"<p>{escape(op.get('summary', ''))}. {escape(op.get('description', '') or '')}</p>"
                f"{_parameters(op, spec)}<p>Responses: {escape(codes)}.</p></section>"
            )
    info = spec.get("info", {})
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API · regint dashboard</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/app.css"></head>
<body><header class="top"><a class="brand" href="/">regint</a></header>
<main id="main" class="docs"><h1>{escape(info.get("title", ""))} API {escape(info.get("version", ""))}</h1>
<p>{escape(info.get("description", ""))} The machine-readable schema is
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Every JSON body has an <code>origins</code>
field (sources, licences, build); CSV downloads carry it as <code>#</code> lines and Parquet downloads
in their key-value metadata. Errors are JSON: <code>{{"error": {{"status", "parameter", "message"}}}}</code>.</p>
{"".join(sections)}</main></body></html>
"""
