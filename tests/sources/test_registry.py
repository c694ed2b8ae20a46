"""The source registry is the one list: the snapshot, the schema, the updaters and the source
records all agree with it."""

from __future__ import annotations

from pathlib import Path

from regint.pipeline.snapshot import STEPS
from regint.sources.records import read_source_records
from regint.sources.registry import SOURCES, snapshot_sources, snapshot_tables, updaters
from regint.storage.schema import TABLES
from regint.storage.updaters import UPDATERS

ROOT = Path(__file__).resolve().parents[2]


def test_every_source_has_a_hand_written_record_and_every_record_a_source():
    records = {r["id"] for r in read_source_records()}
    assert {s.id for s in SOURCES} == records


def test_every_snapshot_source_module_has_a_step_and_every_step_a_source():
    modules = {s.module for s in snapshot_sources(include_optional=True)}
    assert modules == set(STEPS)


def test_the_schema_describes_exactly_the_tables_the_sources_feed():
    assert set(snapshot_tables()) == set(TABLES)


def test_each_updater_has_a_runner_in_registry_order():
    assert list(UPDATERS) == list(updaters())


def test_each_source_module_exists():
    for entry in SOURCES:
        if entry.module:
            assert (ROOT / "src" / "regint" / "sources" / f"{entry.module}.py").exists(), entry.id


def test_the_snapshot_reads_the_sources_in_registry_order():
    from regint.pipeline.snapshot import SnapshotRequest  # noqa: F401 - the step contract

    ids = [s.id for s in snapshot_sources()]
    assert ids.index("wb_wdi") < ids.index("eurostat_comext")  # Eurostat needs WDI rates
    assert ids.index("imf_dots") < ids.index("kaz_bns")  # national extends the DOTS flows
