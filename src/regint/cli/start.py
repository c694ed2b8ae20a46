"""The ``regint`` program's entry point: signals are handled before anything heavy is imported.

Importing the CLI (click, rich, pandas later) takes a noticeable moment. A Ctrl-C or a SIGTERM
in that moment must not print a traceback: until :func:`regint.cli.main.main` takes over, either
signal ends the program at once with a one-line message and exit code 128 + signal number.
Nothing has been written yet at that point, so there is nothing to clean up.
"""

from __future__ import annotations

import os
import signal


def _leave(signum: int, _frame: object) -> None:
    os.write(2, b"interrupted; nothing was changed\n")
    os._exit(128 + signum)


def main() -> None:
    """Run ``regint``: guard start-up against signals, then hand over to the CLI."""
    previous = {sig: signal.signal(sig, _leave) for sig in (signal.SIGINT, signal.SIGTERM)}
    from regint.cli.main import main as run_cli

    for sig, handler in previous.items():
        signal.signal(sig, handler)
    run_cli()


if __name__ == "__main__":  # pragma: no cover - python -m regint.cli.start
    main()
