"""Scenario fits kept beside the warehouse: exact round trip, own folder only, same bytes."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from regint.api import gravity
from regint.gravity import run
from regint.storage.fitcache import CACHE, build_cache_entry, load_cache_entry
from regint.storage.ownership import own_dir
from regint.storage.paths import resolve_warehouse_path

pytestmark = pytest.mark.filterwarnings("ignore")
KEY = "ab" * 32


def _frames() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(3)
    return {
        "costs": pd.DataFrame(
            {"exporter": ["A", "B"], "tij_bar": rng.random(2) / 3, "is_changed": [True, False]}
        ),
        "totals": pd.DataFrame({"country": ["A", "B"], "output": [np.nan, 1 / 7]}),
    }


def test_entry_round_trips_bit_for_bit_and_leaves_no_temporary(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    frames = _frames()
    assert build_cache_entry(warehouse, "fit", KEY, frames, {"n": 1})
    got, record = load_cache_entry(warehouse, "fit", KEY)
    assert record == {"n": 1}
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(got[name], frame, check_exact=True)
    assert [p.name for p in (own_dir(warehouse) / CACHE).iterdir()] == [f"fit-{KEY}"]


def test_entry_is_read_only_from_regints_marked_folder_and_under_its_key(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    assert load_cache_entry(warehouse, "fit", KEY) is None
    build_cache_entry(warehouse, "fit", KEY, _frames(), {})
    entry = own_dir(warehouse) / CACHE / f"fit-{KEY}" / "entry.json"
    data = json.loads(entry.read_text())
    entry.write_text(json.dumps({**data, "key": "cd" * 32}))
    assert load_cache_entry(warehouse, "fit", KEY) is None  # a file that names another key
    other = tmp_path / "x.duckdb"
    own_dir(other).mkdir()  # a folder regint did not make: never read, never written
    (own_dir(other) / CACHE / f"fit-{KEY}").mkdir(parents=True)
    assert load_cache_entry(other, "fit", KEY) is None
    assert not build_cache_entry(other, "fit", "ef" * 32, _frames(), {})
    with pytest.raises(ValueError):
        build_cache_entry(warehouse, "fit", "../escape", _frames(), {})


def test_scenario_from_the_kept_fit_prints_the_same_bytes(monkeypatch):
    first = gravity.run_scenario("c5-border-costs", draws=3).to_dict()
    folder = own_dir(resolve_warehouse_path(None)) / CACHE
    assert any(p.name.startswith("fit-") for p in folder.iterdir())
    run._CACHE.clear()  # a new process: nothing in memory

    def refit(*_args, **_kwargs):
        raise AssertionError("refitted although the fit is kept beside the warehouse")

    monkeypatch.setattr(run, "compute_estimated", refit)
    again = gravity.run_scenario("c5-border-costs", draws=3).to_dict()
    assert json.dumps(again, default=str) == json.dumps(first, default=str)
