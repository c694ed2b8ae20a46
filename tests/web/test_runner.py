"""The per-worker runner: results cached by validated parameters, slow views answer 503."""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient

from regint.web import create_app
from regint.web.errors import parameter_name
from regint.web.runner import Entry, Runner


def test_a_view_is_computed_once_per_key():
    runner = Runner(time_limit=5)
    calls = []

    def compute() -> Entry:
        calls.append(1)
        return Entry(value=len(calls), body=b"{}")

    import asyncio

    async def twice() -> tuple[Entry, Entry]:
        return await runner.get(("p", ()), compute), await runner.get(("p", ()), compute)

    first, second = asyncio.run(twice())
    assert first is second and calls == [1]
    runner.shutdown()


def test_a_slow_view_answers_503_and_lands_in_the_cache_later():
    release = threading.Event()
    app = create_app(time_limit=0.2, warm=False)
    runner = app.state.runner

    def slow() -> Entry:
        release.wait(5)
        return Entry(value=None, body=b'{"done": true}')

    with TestClient(app, raise_server_exceptions=False) as client:
        # Occupy the single computing thread, then ask for a view that must wait behind it.
        runner.submit(("blocker", ()), slow)
        response = client.get("/api/v1/institutions?on=2001-01-01")
        assert response.status_code == 503
        assert response.json()["error"]["status"] == 503
        assert response.headers["retry-after"] == "10"
        release.set()
        runner.submit(("blocker", ()), slow).result(timeout=5)


@pytest.mark.parametrize(
    ("argument", "name"),
    [
        ("--cif-fob", "cif_fob"),
        ("cif_fob", "cif_fob"),
        ("ORG", "org"),
        ("--as-of", "as_of"),
        ("--type", "event_type"),
        ("--years", "year"),
        ("--on", "on"),
    ],
)
def test_api_arguments_become_query_parameter_names(argument, name):
    assert parameter_name(argument) == name
