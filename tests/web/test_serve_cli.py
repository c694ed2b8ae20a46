"""``regint serve`` is registered, binds to loopback by default, and refuses a bad port."""

from __future__ import annotations

import pytest

from regint.cli.main import main


def test_serve_help_names_its_options(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in ("--host", "--port", "--workers", "--time-limit", "127.0.0.1"):
        assert option in out


def test_serve_refuses_a_port_out_of_range(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--port", "70000"])
    assert stop.value.code == 2
    assert "--port" in capsys.readouterr().err
