"""The CLI's last guard: every error becomes a message and a meaningful exit code."""

from __future__ import annotations

import pytest

from regint.cli.main import _report
from regint.core.errors import DataError, InputError, WarehouseError


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


def test_a_parameter_quoted_in_a_lower_layer_error_reads_as_its_flag(capsys, monkeypatch):
    monkeypatch.delenv("REGINT_DEBUG", raising=False)
    err = WarehouseError("/tmp/x is a folder, not a warehouse file; choose another `warehouse`")
    assert _report(err, ["data", "status"]) == 4
    assert "choose another --warehouse" in capsys.readouterr().err


def test_quoted_words_that_are_no_parameter_stay_as_they_are(capsys, monkeypatch):
    monkeypatch.delenv("REGINT_DEBUG", raising=False)
    _report(WarehouseError("see `meta`"), ["data", "status"])
    assert "see `meta`" in capsys.readouterr().err


def test_python_users_read_parameter_names_not_flags(tmp_path):
    import regint

    with pytest.raises(WarehouseError) as caught:
        regint.warehouse_status(warehouse=tmp_path)  # a folder, not a file
    assert "--" not in str(caught.value)
    assert "`warehouse`" in str(caught.value)
