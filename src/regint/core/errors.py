"""Errors a user may see. Each carries a message fit to print and an exit code.

Delivery layers catch :class:`RegintError`, print ``str(err)`` and exit with
``err.exit_code``; nothing else in regint prints a stack trace to a user.
"""

from __future__ import annotations


class RegintError(Exception):
    """Base class of every error regint reports to a user."""

    exit_code = 1


class InputError(RegintError):
    """A bad argument: unknown country, region, indicator, year out of range.

    ``parameter`` is the Python parameter at fault (``cif_fob``, ``years``), never a CLI flag:
    the CLI translates it to its flag (``--cif-fob``) in one place, ``regint.cli.main``.

    >>> str(InputError("cif_fob", "CIF/FOB factor 2.0 is outside [1.0, 1.5]"))
    'cif_fob: CIF/FOB factor 2.0 is outside [1.0, 1.5]'
    """

    exit_code = 2

    def __init__(self, parameter: str, reason: str) -> None:
        self.parameter = parameter
        self.reason = reason
        super().__init__(f"{parameter}: {reason}")

    @property
    def argument(self) -> str:
        """The parameter's name (the older name of :attr:`parameter`)."""
        return self.parameter


class DataError(RegintError):
    """A bad input file: corrupt, truncated, unmapped name, negative value, duplicate row."""

    exit_code = 3

    def __init__(self, path: str, message: str, row: int | None = None) -> None:
        self.path = str(path)
        self.row = row
        where = f"{self.path}, row {row}" if row is not None else self.path
        super().__init__(f"{where}: {message}")


class WarehouseError(RegintError):
    """The warehouse is missing, locked or could not be built."""

    exit_code = 4


class NetworkError(RegintError):
    """An online updater could not reach or understand its service."""

    exit_code = 5
