"""The CLI's last guard: every error becomes a message and a meaningful exit code."""

from __future__ import annotations

import pytest

from regint.cli.main import _report
from regint.core.errors import DataError, InputError


@pytest.mark.parametrize(
    ("error", "code", "needle"),
    [
        (InputError("--years", "1800 is out of range"), 2, "--years: 1800"),
        (DataError("x.xlsx", "truncated", row=3), 3, "x.xlsx, row 3"),
        (RuntimeError("Query interrupted"), 130, "interrupted; nothing was changed"),
        (KeyboardInterrupt(), 130, "interrupted"),
        (
            NotADirectoryError(20, "Not a directory", "/tmp/afile/x"),
            2,
            "/tmp/afile/x: Not a directory",
        ),
        (ValueError("something unexpected"), 70, "internal error"),
    ],
)
def test_errors_map_to_messages_and_exit_codes(error, code, needle, capsys, monkeypatch):
    monkeypatch.delenv("REGINT_DEBUG", raising=False)
    assert _report(error) == code
    assert needle in capsys.readouterr().err


def test_debug_mode_shows_the_traceback(monkeypatch):
    monkeypatch.setenv("REGINT_DEBUG", "1")
    with pytest.raises(ValueError):
        _report(ValueError("boom"))
