"""Run page views: one computation at a time per worker, a time limit, a cache of results.

Figures are cached per worker, keyed by the page and its *validated* parameters, so a second
request for the same view costs a dictionary look-up and no warehouse query. A view that takes
longer than ``time_limit`` seconds answers 503 (the computation goes on and lands in the cache,
so a retry finds it). Computations run on one thread per worker: the api's warehouse
connection is shared, and DuckDB parallelises inside a query anyway.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from regint.web.errors import TimeLimitError


@dataclass
class Entry:
    """A computed view with its JSON body (serialised once)."""

    value: Any
    body: bytes


Key = tuple[str, tuple[tuple[str, Any], ...]]


class Runner:
    """A per-worker executor with an LRU cache and a time limit."""

    def __init__(self, time_limit: float = 30.0, size: int = 256) -> None:
        self.time_limit = time_limit
        self.size = size
        self._cache: OrderedDict[Key, Entry] = OrderedDict()
        self._running: dict[Key, Future[Entry]] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regint-view")
        self._raw: OrderedDict[str, bytes] = OrderedDict()

    def cached(self, key: Key) -> Entry | None:
        with self._lock:
            entry = self._cache.get(key)
            if entry is not None:
                self._cache.move_to_end(key)
            return entry

    def submit(self, key: Key, compute: Callable[[], Entry]) -> Future[Entry]:
        """Start ``compute`` for ``key`` unless it is cached or already running."""
        with self._lock:
            if key in self._cache:
                done: Future[Entry] = Future()
                done.set_result(self._cache[key])
                return done
            if key in self._running:
                return self._running[key]
            future = self._pool.submit(compute)
            self._running[key] = future
        future.add_done_callback(lambda f: self._store(key, f))
        return future

    def _store(self, key: Key, future: Future[Entry]) -> None:
        with self._lock:
            self._running.pop(key, None)
            if future.cancelled() or future.exception() is not None:
                return
            self._cache[key] = future.result()
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)

    async def get(self, key: Key, compute: Callable[[], Entry]) -> Entry:
        """The entry for ``key``: cached, or computed within the time limit (else 503)."""
        entry = self.cached(key)
        if entry is not None:
            return entry
        future = self.submit(key, compute)
        try:
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self.time_limit
            )
        except TimeoutError:
            raise TimeLimitError(
                f"the computation took longer than {self.time_limit:g} s; it goes on in the "
                "background: retry in a moment"
            ) from None

    def remember(self, raw: str, body: bytes) -> None:
        """Index a served JSON body by the exact request (path and query string) that validated."""
        with self._lock:
            self._raw[raw] = body
            while len(self._raw) > self.size:
                self._raw.popitem(last=False)

    def served(self, raw: str) -> bytes | None:
        with self._lock:
            return self._raw.get(raw)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def raw_key(scope: Scope) -> str:
    """The exact request a body answered: today, the path and the raw query string."""
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{date.today().isoformat()} {scope.get('path', '')}?{query}"


class CachedViews:
    """ASGI middleware: a GET that repeats a request already answered gets the same bytes.

    Only requests whose exact path and query string once validated and succeeded are in the
    index, so nothing unvalidated is ever answered from it; everything else goes on to FastAPI.
    """

    def __init__(self, app: ASGIApp, runner: Runner) -> None:
        self.app = app
        self.runner = runner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = None
        if scope["type"] == "http" and scope.get("method") == "GET":
            body = self.runner.served(raw_key(scope))
        if body is None:
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
