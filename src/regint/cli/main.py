"""``regint <noun> <verb>``: the command-line entry point."""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from rich.markup import escape

from regint.api.warehouse import on_build
from regint.cli.render import err_console
from regint.core.errors import InputError, RegintError

# Subcommand modules, imported only when their command runs, so `regint kb ...` starts fast.
COMMANDS = {
    "data": "regint.cli.data",
    "indicators": "regint.cli.indicators",
    "kb": "regint.cli.kb",
    "claims": "regint.cli.claims",
    "index": "regint.cli.index",
    "report": "regint.cli.report",
    "serve": "regint.cli.serve",
    "gravity": "regint.cli.gravity",
    "scenario": "regint.cli.scenario",
}


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(
            set(super().list_commands(ctx)) | {n for n, m in COMMANDS.items() if _available(m)}
        )

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and _available(COMMANDS[cmd_name]):
            return importlib.import_module(COMMANDS[cmd_name]).group
        return super().get_command(ctx, cmd_name)


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--warehouse",
    envvar="REGINT_WAREHOUSE",
    type=click.Path(dir_okay=False),
    help="DuckDB warehouse file (default: the user data folder; env REGINT_WAREHOUSE).",
)
@click.version_option(package_name="regint")
@click.pass_context
def cli(ctx: click.Context, warehouse: str | None) -> None:
    """regint: an observatory of regional integration (Central Asia by default)."""
    ctx.ensure_object(dict)
    ctx.obj["warehouse"] = warehouse
    on_build(_say_building)


def _say_building(path: Path) -> None:
    err_console.print(f"building the warehouse at {escape(str(path))} (first use, a few seconds)")


def cli_name(parameter: str, argv: Sequence[str]) -> str:
    """How the command in ``argv`` spells the Python ``parameter``: its flag or its argument.

    The one place where parameter names become CLI names: an error raised below the CLI names
    ``cif_fob``; the user reads ``--cif-fob``. A parameter the command does not declare keeps
    its Python name.

    >>> cli_name("cif_fob", ["indicators", "compute", "intra_regional_share"])
    '--cif-fob'
    >>> cli_name("org", ["kb", "status", "UZB", "cst_csto"])
    'ORG'
    """
    chain: list[click.Command] = [cli]
    ctx = click.Context(cli)
    for token in argv:
        here = chain[-1]
        if isinstance(here, click.Group) and not token.startswith("-"):
            sub = here.get_command(ctx, token)
            if sub is not None:
                chain.append(sub)
    for command in reversed(chain):
        for param in command.params:
            if param.name != parameter:
                continue
            if isinstance(param, click.Option):
                return next((o for o in param.opts if o.startswith("--")), param.opts[0])
            return param.human_readable_name
    return parameter


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: every ``finally`` runs, so temporaries are removed."""


_SIGNALS: list[int] = []  # signals received while a command ran (DuckDB may hide which one)


def _terminate(signum: int, _frame: object) -> None:
    _SIGNALS.append(signum)
    raise Terminated


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every error becomes a one-line message and a meaningful exit code.

    SIGINT and SIGTERM interrupt the command the same way: what it was writing is removed, the
    previous files are kept, a one-line message is printed and the exit code is 130 or 143.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        # Without standalone mode click returns ctx.exit(n)'s code instead of exiting.
        code = cli.main(args=args, standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except (Exception, KeyboardInterrupt) as err:  # noqa: BLE001 - no stack trace reaches a user
        sys.exit(_report(err, args))
    sys.exit(code if isinstance(code, int) else 0)


def _as_damage(err: BaseException, args: Sequence[str]) -> RegintError | None:
    """A corruption error of the database that escaped the api: the damaged-warehouse message."""
    from regint.api.warehouse import damage_of

    given = list(args)
    warehouse = given[given.index("--warehouse") + 1] if "--warehouse" in given[:-1] else None
    return damage_of(err, warehouse)


# A Python parameter named in an error's text, as `warehouse` or `accept_changes`.
_PARAMETER = re.compile(r"`([a-z][a-z_]*)`")


def _flag_or_same(match: re.Match[str], args: Sequence[str]) -> str:
    """The CLI name of a parameter quoted in an error message; other quoted words unchanged."""
    name = cli_name(match.group(1), args)
    return name if name != match.group(1) else match.group(0)


def _report(err: BaseException, args: Sequence[str] = ()) -> int:
    """Print ``err`` for a user and return the exit code."""
    if isinstance(err, InputError):
        where = cli_name(err.parameter, args)
        err_console.print(f"[bold red]error:[/bold red] {escape(where)}: {escape(err.reason)}")
        return err.exit_code
    if isinstance(err, RegintError):
        message = _PARAMETER.sub(lambda m: _flag_or_same(m, args), str(err))
        err_console.print(f"[bold red]error:[/bold red] {escape(message)}")
        return err.exit_code
    # DuckDB reports Ctrl-C inside a query as RuntimeError("Query interrupted").
    interrupted = isinstance(err, RuntimeError) and "interrupted" in str(err).lower()
    if isinstance(err, Terminated) or isinstance(err.__context__, Terminated) or _SIGNALS:
        err_console.print("terminated; nothing was changed")
        return 143
    if interrupted or isinstance(err, KeyboardInterrupt | click.exceptions.Abort):
        err_console.print("interrupted; nothing was changed")
        return 130
    if isinstance(err, OSError):  # a path the user gave cannot be read or written
        where = f"{err.filename}: " if err.filename else ""
        err_console.print(
            f"[bold red]error:[/bold red] {escape(where)}{escape(err.strerror or str(err))}"
        )
        return 2
    damaged = _as_damage(err, args)
    if damaged is not None:
        err_console.print(f"[bold red]error:[/bold red] {escape(str(damaged))}")
        return damaged.exit_code
    if os.environ.get("REGINT_DEBUG"):
        raise err
    err_console.print(
        f"[bold red]internal error:[/bold red] {type(err).__name__}: {escape(str(err))}"
    )
    err_console.print("Please report it; set REGINT_DEBUG=1 to see the traceback.")
    return 70
