"""``regint <noun> <verb>``: the command-line entry point."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

import click
from rich.markup import escape

from regint.cli.render import err_console
from regint.core.errors import RegintError

# Subcommand modules, imported only when their command runs, so `regint kb ...` starts fast.
COMMANDS = {
    "data": "regint.cli.data",
    "indicators": "regint.cli.indicators",
    "kb": "regint.cli.kb",
    "claims": "regint.cli.claims",
    "index": "regint.cli.index",
    "report": "regint.cli.report",
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


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every error becomes a one-line message and a meaningful exit code."""
    try:
        cli.main(args=argv, standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except (Exception, KeyboardInterrupt) as err:  # noqa: BLE001 - no stack trace reaches a user
        sys.exit(_report(err))
    sys.exit(0)


def _report(err: BaseException) -> int:
    """Print ``err`` for a user and return the exit code."""
    if isinstance(err, RegintError):
        err_console.print(f"[bold red]error:[/bold red] {escape(str(err))}")
        return err.exit_code
    # DuckDB reports Ctrl-C inside a query as RuntimeError("Query interrupted").
    interrupted = isinstance(err, RuntimeError) and "interrupted" in str(err).lower()
    if interrupted or isinstance(err, KeyboardInterrupt | click.exceptions.Abort):
        err_console.print("interrupted; nothing was changed")
        return 130
    if isinstance(err, OSError):  # a path the user gave cannot be read or written
        where = f"{err.filename}: " if err.filename else ""
        err_console.print(
            f"[bold red]error:[/bold red] {escape(where)}{escape(err.strerror or str(err))}"
        )
        return 2
    if os.environ.get("REGINT_DEBUG"):
        raise err
    err_console.print(
        f"[bold red]internal error:[/bold red] {type(err).__name__}: {escape(str(err))}"
    )
    err_console.print("Please report it; set REGINT_DEBUG=1 to see the traceback.")
    return 70
