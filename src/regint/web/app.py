"""The ASGI application: HTML pages, their JSON twins, downloads, OpenAPI, static files.

No ``from __future__ import annotations`` here: FastAPI reads the endpoint annotations, which
name each page's own parameter model, at definition time.
"""

import functools
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from regint.core.version import __version__
from regint.web.apidocs import render_api_docs
from regint.web.errors import ErrorBody, error_response, install_error_handlers
from regint.web.export import FORMATS, dumps, encode_table, frame_records
from regint.web.models import IndexBody, ViewBody
from regint.web.pages import PAGES, Page, Params
from regint.web.runner import CachedViews, Entry, Key, Runner, raw_key
from regint.web.security import SecurityHeaders
from regint.web.shell import render_error, render_page
from regint.web.static_files import read_static_files

API = "/api/v1"
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter names something unknown."},
    422: {"model": ErrorBody, "description": "A parameter is malformed or not allowed."},
    503: {"model": ErrorBody, "description": "The computation took too long; retry."},
}
JSON = "application/json"


def create_app(*, time_limit: float | None = None, warm: bool = True) -> FastAPI:
    """The dashboard application. The warehouse is the api's default (``REGINT_WAREHOUSE``).

    ``time_limit`` (seconds, default ``REGINT_TIME_LIMIT`` or 30) bounds each computation;
    ``warm`` opens the warehouse and starts the default views at startup.
    """
    limit = time_limit or float(os.environ.get("REGINT_TIME_LIMIT", "30"))
    runner = Runner(time_limit=limit)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:  # open the read-only warehouse once for this worker, start the default views
            for page in PAGES:
                runner.submit(view_key(page, page.params()), functools.partial(_default, page))
        yield
        runner.shutdown()

    app = FastAPI(
        title="regint",
        version=__version__,
        description="The regional integration observatory: pages, their JSON twins, downloads.",
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{API}/openapi.json",
        lifespan=lifespan,
    )
    app.add_middleware(CachedViews, runner=runner)
    app.add_middleware(SecurityHeaders)  # added last, so it wraps every response
    install_error_handlers(app)
    app.state.runner = runner
    _add_site_routes(app)
    for page in PAGES:
        _add_page_routes(app, page, runner)
    return app


def _default(page: Page) -> Entry:
    return compute(page, page.params())


def view_key(page: Page, params: Params) -> Key:
    """The cache key: the page, its validated parameters, and today (defaults may mean today)."""
    values = params.model_dump(mode="json")
    return (page.id, (("_today", date.today().isoformat()), *sorted(values.items())))


def canonical_query(params: Params) -> str:
    """The query string of ``params`` (defaults left out): the shareable state of a view."""
    defaults = type(params)().model_dump(mode="json")
    values = params.model_dump(mode="json")
    return urlencode({k: v for k, v in values.items() if v is not None and v != defaults.get(k)})


def compute(page: Page, params: Params) -> Entry:
    """Build ``page``'s view (api calls) and serialise its JSON twin once."""
    view = page.build(params)
    query = canonical_query(params)
    suffix = f"?{query}" if query else ""
    body = {
        "page": page.id,
        "title": page.title,
        "params": params.model_dump(mode="json"),
        "choices": view.choices,
        "tables": {
            name: {"columns": [str(c) for c in frame.columns], "rows": frame_records(frame)}
            for name, frame in view.tables.items()
        },
        "downloads": {
            name: {
                fmt: f"{API}/{page.id}/{name}.{fmt}{suffix}" for fmt in ("csv", "parquet", "json")
            }
            for name in view.tables
        },
        "notes": view.notes,
        "origins": view.origins.to_dict(),
    }
    return Entry(value=view, body=dumps(body))


def _add_page_routes(app: FastAPI, page: Page, runner: Runner) -> None:
    """The page's JSON twin, its table downloads and its HTML page."""
    _add_json_route(app, page, runner)
    for fmt in FORMATS:
        _add_download_route(app, page, runner, fmt)
    _add_html_route(app, page)


def _add_json_route(app: FastAPI, page: Page, runner: Runner) -> None:
    Model = page.params

    async def view(request: Request, params: Annotated[Model, Query()]) -> Response:  # type: ignore[valid-type]
        entry = await runner.get(view_key(page, params), lambda: compute(page, params))
        runner.remember(raw_key(request.scope), entry.body)
        return Response(entry.body, media_type=JSON)

    app.add_api_route(
        f"{API}/{page.id}",
        view,
        methods=["GET"],
        summary=f"{page.title}: the page's JSON twin",
        description=page.summary,
        tags=[page.title],
        response_model=ViewBody,
        responses={200: {"content": {JSON: {}}}, **ERRORS},
        name=f"{page.id}_json",
    )


def _add_download_route(app: FastAPI, page: Page, runner: Runner, fmt: str) -> None:
    Model = page.params
    TableName = Enum(f"{page.id.title()}Table", {t: t for t in page.tables}, type=str)  # type: ignore[misc]

    async def table(
        name: Annotated[TableName, Path(alias="table")],
        params: Annotated[Model, Query()],  # type: ignore[valid-type]
    ) -> Response:
        entry = await runner.get(view_key(page, params), lambda: compute(page, params))
        url = f"{API}/{page.id}/{name.value}.{fmt}"
        body, media = encode_table(fmt, entry.value.tables[name.value], entry.value.origins, url)
        return Response(body, media_type=media)

    app.add_api_route(
        f"{API}/{page.id}/{{table}}.{fmt}",
        table,
        methods=["GET"],
        summary=f"{page.title}: one table as {fmt.upper()} with its provenance",
        tags=[page.title],
        response_class=Response,
        responses={200: {"content": {FORMATS[fmt]: {}}}, **ERRORS},
        name=f"{page.id}_{fmt}",
    )


def _add_html_route(app: FastAPI, page: Page) -> None:
    async def html(request: Request) -> Response:
        try:
            params = page.params.model_validate(dict(request.query_params))
        except ValidationError as err:
            first = err.errors()[0]
            name = str(first["loc"][-1]) if first.get("loc") else "query"
            message = f"{name}: {first.get('msg')}"
            return HTMLResponse(render_error(422, message, PAGES), status_code=422)
        return HTMLResponse(render_page(page, PAGES, canonical_query(params)))

    app.add_api_route(f"/{page.id}", html, methods=["GET"], include_in_schema=False)


def _add_site_routes(app: FastAPI) -> None:
    files = read_static_files()

    @app.get("/", include_in_schema=False)
    async def home() -> RedirectResponse:
        return RedirectResponse(f"/{PAGES[0].id}", status_code=307)

    @app.get(API, response_model=IndexBody, summary="The API's pages and their URLs")
    async def index() -> dict[str, Any]:
        return {
            "name": "regint",
            "version": __version__,
            "api": API,
            "openapi": f"{API}/openapi.json",
            "pages": [
                {
                    "id": p.id,
                    "title": p.title,
                    "summary": p.summary,
                    "html": f"/{p.id}",
                    "json": f"{API}/{p.id}",
                    "tables": list(p.tables),
                }
                for p in PAGES
            ],
        }

    @app.get(f"{API}/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(render_api_docs(app.openapi()))

    @app.get("/static/{path:path}", include_in_schema=False)
    async def static(path: str, request: Request) -> Response:
        found = files.get(path)
        if found is None:
            return error_response(404, f"no static file '{path}'", "path")
        headers = {"ETag": found.etag, "Cache-Control": "no-cache"}
        if request.headers.get("if-none-match") == found.etag:
            return Response(status_code=304, headers=headers)
        return Response(found.body, media_type=found.media_type, headers=headers)
