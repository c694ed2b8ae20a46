"""Rich progress for steps that take more than about a second."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from regint.cli.render import err_console


@contextmanager
def steps(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner whose text follows the step names the api reports (on a terminal only)."""
    if not err_console.is_terminal:  # a pipe or CI log: no spinner, no stray blank lines
        yield lambda _message: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(title, total=None)

        def say(message: str) -> None:
            bar.update(task, description=f"{title}: {message}")

        yield say
