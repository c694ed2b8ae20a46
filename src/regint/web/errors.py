"""Every failure becomes a JSON error body naming the parameter; no stack trace reaches a user.

The body is ``{"error": {"status": 400, "parameter": "year", "message": "..."}}``. Errors
raised by ``regint.api`` name a Python parameter (or, from older api code, a CLI flag such as
``--cif-fob``); :func:`parameter_name` turns either into the query parameter of the request.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from regint.core.errors import InputError, RegintError

LOG = logging.getLogger("regint.web")

# An api parameter that a page exposes under another query name.
ALIASES = {
    "start": "on",
    "end": "on",
    "from": "on",
    "to": "on",
    "type": "event_type",
    "years": "year",
    "text": "q",
}


class ErrorDetail(BaseModel):
    status: int
    parameter: str | None = None
    message: str


class ErrorBody(BaseModel):
    """The JSON body of every 4xx and 5xx response."""

    error: ErrorDetail


class TimeLimitError(Exception):
    """A computation did not finish within the server's time limit."""


def parameter_name(argument: str) -> str:
    """The query parameter for an api parameter: ``cif_fob`` -> ``cif_fob``, ``start`` -> ``on``.

    Older api errors named CLI flags (``--cif-fob``); those map the same way.
    """
    name = argument.strip().lstrip("-").replace("-", "_").lower().rsplit(".", 1)[-1]
    return ALIASES.get(name, name)


def error_response(status: int, message: str, parameter: str | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(status=status, parameter=parameter, message=message))
    return JSONResponse(body.model_dump(), status_code=status)


async def _input_error(_: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, InputError)
    return error_response(400, err.reason, parameter_name(err.parameter))


async def _regint_error(_: Request, err: Exception) -> JSONResponse:
    return error_response(503, f"the data are not available: {err}")


async def _validation_error(_: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    first = err.errors()[0] if err.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
    name = loc[-1] if loc else None
    message = str(first.get("msg", "invalid parameter"))
    if first.get("type") == "extra_forbidden":
        message = f"unknown parameter '{name}'"
    return error_response(422, message, name)


async def _http_error(_: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, HTTPException)
    response = error_response(err.status_code, str(err.detail))
    response.headers.update(err.headers or {})  # e.g. Allow on 405
    return response


async def _time_limit(_: Request, err: Exception) -> JSONResponse:
    response = error_response(503, str(err) or "the computation took too long; try again")
    response.headers["Retry-After"] = "10"
    return response


async def _unexpected(_: Request, err: Exception) -> JSONResponse:
    LOG.error("internal error: %s: %s", type(err).__name__, err, exc_info=err)
    return error_response(500, "internal error; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: api input errors 400, validation 422, time limit 503."""
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(RegintError, _regint_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(TimeLimitError, _time_limit)
    app.add_exception_handler(Exception, _unexpected)
