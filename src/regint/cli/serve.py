"""``regint serve``: the web dashboard and the REST API on a local ASGI server."""

from __future__ import annotations

import os

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; each opens the warehouse read-only once and caches its figures.",
)
@click.option(
    "--time-limit",
    default=30.0,
    show_default=True,
    type=click.FloatRange(1, 600),
    help="Seconds a computation may take before the request answers 503.",
)
@click.pass_context
def group(ctx: click.Context, host: str, port: int, workers: int, time_limit: float) -> None:
    """Serve the dashboard (http://127.0.0.1:8000/) and the JSON API (/api/v1/docs)."""
    import uvicorn

    from regint.api.data import build

    warehouse = ctx.obj.get("warehouse") if ctx.obj else None
    info = build(warehouse)  # build or check once, before the workers open it read-only
    os.environ["REGINT_WAREHOUSE"] = info["warehouse"]
    os.environ["REGINT_TIME_LIMIT"] = str(time_limit)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: serving on {host}: the dashboard is reachable from other machines")
    click.echo(f"regint dashboard on http://{host}:{port}/ (API docs: /api/v1/docs); Ctrl-C stops")
    uvicorn.run(
        "regint.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
    )
