"""Findings 6 and 8: a full disk, SIGTERM, SIGINT at start-up, concurrent first use."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from regint.storage.ownership import own_temporaries
from tests.reliability.conftest import (
    copy_warehouse,
    run_regint,
    start_regint,
    wait_until_regint_runs,
)


@pytest.fixture()
def small_disk(tmp_path):
    """A real 48 MB file system (tmpfs): a warehouse fits, a second copy does not."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)])


def test_a_full_disk_names_the_warehouse_not_the_snapshot(built, small_disk):
    target = copy_warehouse(built, small_disk)
    before = target.read_bytes()
    filler = small_disk / "filler"
    free = __import__("shutil").disk_usage(small_disk).free
    filler.write_bytes(b"\0" * max(free - 2_000_000, 0))  # leave 2 MB: not enough for a build
    out = run_regint("--warehouse", str(target), "data", "build", "--force")
    assert out.returncode == 4, out.stderr
    assert f"cannot write the warehouse {target}" in out.stderr
    assert "snapshot" not in out.stderr.split("(")[0] and "Traceback" not in out.stderr
    assert target.read_bytes() == before
    assert not own_temporaries(target)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_a_build_cleans_up_and_keeps_the_warehouse(built, tmp_path, sig, code):
    target = copy_warehouse(built, tmp_path)
    before = target.read_bytes()
    proc = start_regint("--warehouse", str(target), "data", "build", "--force")
    deadline = time.monotonic() + 60
    while not own_temporaries(target) and time.monotonic() < deadline:
        time.sleep(0.02)  # wait until the build is writing its temporary
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert proc.returncode == code, err
    assert "nothing was changed" in err and "Traceback" not in err
    assert target.read_bytes() == before
    assert not own_temporaries(target)


# Before Python runs regint's first line a signal is the interpreter's own business; from then
# on regint handles it. The delays fall in the import phase that follows (~0.1-0.5 s).
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15])
def test_sigint_during_start_up_prints_no_traceback(tmp_path, delay):
    proc = start_regint("--warehouse", str(tmp_path / "w.duckdb"), "kb", "check")
    if not wait_until_regint_runs(proc.pid):
        proc.kill()
        pytest.skip("cannot see the process's signal handlers (/proc)")
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert proc.returncode in (0, 130)


def test_concurrent_first_use_builds_once(tiny_snapshot, tmp_path):
    target = tmp_path / "w.duckdb"
    env = {"REGINT_SNAPSHOT": str(tiny_snapshot)}
    procs = [start_regint("--warehouse", str(target), "data", "build", env=env) for _ in range(3)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0]
    assert sum("warehouse built" in o for o in outs) == 1
    assert sum("already up to date" in o for o in outs) == 2
