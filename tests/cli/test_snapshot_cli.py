"""`regint data snapshot` on bad raw input: a clear error naming the file, nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tiny import write_tiny_snapshot


def _raw_copy_with(raw_dir: Path, tmp: Path, broken: str, content: bytes) -> Path:
    """A raw folder that links every real source but replaces one file."""
    out = tmp / "raw"
    out.mkdir()
    for entry in raw_dir.iterdir():
        if entry.name != "imf-dots":
            (out / entry.name).symlink_to(entry)
    dots = out / "imf-dots" / "raw"
    dots.mkdir(parents=True)
    for name in ("DOTS_107.xlsx", "DOTS_108.xlsx"):
        (dots / name).symlink_to(raw_dir / "imf-dots" / "raw" / name)
    (dots / broken).write_bytes(content)
    return out


@pytest.mark.rawdata
@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"PK\x03\x04 truncated", "DOTS_1.xlsx"),
        (b"", "DOTS_1.xlsx"),  # empty content: the real file truncated to a third
    ],
)
def test_corrupt_workbook_fails_naming_the_file_and_keeps_the_snapshot(
    raw_dir, tmp_path, content, needle
):
    real = (raw_dir / "imf-dots" / "raw" / "DOTS_1.xlsx").read_bytes()
    raw = _raw_copy_with(raw_dir, tmp_path, "DOTS_1.xlsx", content or real[: len(real) // 3])
    snap = write_tiny_snapshot(tmp_path / "snapshot")
    before = {p.name: p.read_bytes() for p in snap.iterdir()}
    exe = shutil.which("regint") or str(Path(sys.executable).with_name("regint"))
    done = subprocess.run(
        [exe, "data", "snapshot", "--raw", str(raw), "--out", str(snap)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
        timeout=300,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert needle in done.stderr and "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in snap.iterdir()} == before


def test_missing_raw_folder_is_named(tmp_path):
    exe = shutil.which("regint") or str(Path(sys.executable).with_name("regint"))
    done = subprocess.run(
        [exe, "data", "snapshot", "--raw", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--raw" in done.stderr and "nowhere" in done.stderr
