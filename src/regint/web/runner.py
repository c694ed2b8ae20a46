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
from typing import Any

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

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
