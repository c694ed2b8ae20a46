"""One in-process application per test module, on the temporary warehouse of the test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from regint.web import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(warm=False), raise_server_exceptions=False) as test_client:
        yield test_client
