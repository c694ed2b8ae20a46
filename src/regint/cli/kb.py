"""``regint kb …``: questions to the knowledge base of Central Asia's integration architecture."""

from __future__ import annotations

from typing import Any

import click
import pandas as pd

from regint.api import knowledge as api
from regint.api.knowledge import StatusAnswer, Table
from regint.cli.record import print_record
from regint.cli.render import Layout, echo_json, emit, err_console, output_options
from regint.core.errors import DataError


@click.group("kb")
def group() -> None:
    """The knowledge base: organisations, memberships, agreements and events, in time."""


# Long text columns are left out of the terminal table (they stay in --json and --csv).
_WIDE = ("note", "possible")
# Always shown in full, in any width (the id is what `kb show` and `kb signatories` take).
_KEYS = ("id", "kind", "date", "country")
# Text that may wrap in a narrow terminal.
_FLEX = frozenset({"title", "name", "what", "detail"})


def _show(
    result: Table | StatusAnswer,
    opts: dict[str, Any],
    title: str = "",
    notes: list[str] | None = None,
) -> None:
    evidence = bool(opts.pop("evidence", False))
    wide = bool(opts.pop("wide", False))
    as_table = not (opts.get("as_json") or opts.get("as_csv") or opts.get("parquet_path"))
    if isinstance(result, Table):
        # Scripts get every field the rows carry; the terminal gets the reading columns.
        frame = result.to_frame(evidence=evidence, full=not as_table)
    else:
        frame = result.to_frame(evidence=evidence)
    all_notes = list(getattr(result, "notes", ())) + list(notes or [])
    if as_table and isinstance(result, StatusAnswer):
        frame = _vertical(frame)
    elif as_table:
        all_notes += _uncertain_notes(result)
        frame = frame.drop(columns=[c for c in _WIDE if c in frame.columns])
    layout = Layout(keys=_KEYS, flex=_FLEX, wide=wide)
    emit(
        frame,
        title=title or getattr(result, "title", ""),
        notes=all_notes or None,
        layout=layout,
        **opts,
    )


def _vertical(frame: pd.DataFrame) -> pd.DataFrame:
    """One field per line: a status answer reads better down than across."""
    row = frame.iloc[0]
    out = pd.DataFrame(
        {
            "field": [str(c) for c in frame.columns],
            "value": ["" if pd.isna(v) else str(v) for v in row],
        }
    )
    out.attrs = frame.attrs
    return out


def _uncertain_notes(result: Table | StatusAnswer) -> list[str]:
    if not isinstance(result, Table):
        return []
    key = next((c for c in ("country", "org") if c in result.columns), "")
    return [
        f"{row.get(key, '')}: {row['note']}"
        for row in result.rows
        if row.get("uncertain") and row.get("note")
    ]


def _wide_option(func: Any) -> Any:
    return click.option(
        "--wide", is_flag=True, help="Show every column in the table, however narrow."
    )(func)


def _evidence_option(func: Any) -> Any:
    func = click.option("--evidence", is_flag=True, help="Add a column with the evidence URLs.")(
        func
    )
    return _wide_option(func)


_ON = click.option(
    "--on",
    "on",
    required=True,
    help="Date: YYYY-MM-DD, or YYYY-MM / YYYY (uncertain where the status changes inside it); "
    "not after today.",
)
_FULL = click.option(
    "--full-only", is_flag=True, help="Only full membership (founding member or member)."
)


@group.command("members")
@click.argument("org")
@_ON
@_FULL
@_evidence_option
@output_options
def members_cmd(org: str, on: str, full_only: bool, **opts: Any) -> None:
    """The members of ORG on a date, e.g. `regint kb members eaeu --on 2016-01-01`."""
    _show(api.members(org, on, full_only), opts)


@group.command("status")
@click.argument("country")
@click.argument("org")
@_ON
@_evidence_option
@output_options
def status_cmd(country: str, org: str, on: str, **opts: Any) -> None:
    """COUNTRY's status in ORG on a date (suspension is not membership)."""
    answer = api.status(country, org, on)
    title = f"{answer.country} in {answer.org} on {answer.on}: {answer.status}"
    _show(answer, opts, title=title)


@group.command("memberships")
@click.argument("country")
@_ON
@_FULL
@_evidence_option
@output_options
def memberships_cmd(country: str, on: str, full_only: bool, **opts: Any) -> None:
    """Every organisation COUNTRY belonged to on a date."""
    _show(api.memberships(country, on, full_only), opts)


@group.command("timeline")
@click.argument("org")
@_evidence_option
@output_options
def timeline_cmd(org: str, **opts: Any) -> None:
    """ORG's history: founding, memberships, agreements, events, dissolution."""
    _show(api.timeline(org), opts)


@group.command("overlap")
@_ON
@_wide_option
@click.option("--countries", default=None, help="Comma-separated ISO3 codes (default: the C5).")
@_FULL
@output_options
def overlap_cmd(on: str, countries: str | None, full_only: bool, **opts: Any) -> None:
    """The countries x organisations matrix of statuses on a date."""
    _show(api.overlap(on, countries, full_only), opts)


@group.command("shared")
@click.argument("a")
@click.argument("b")
@_ON
@_FULL
@_evidence_option
@output_options
def shared_cmd(a: str, b: str, on: str, full_only: bool, **opts: Any) -> None:
    """The organisations A and B both belonged to on a date."""
    _show(api.shared(a, b, on, full_only), opts)


@group.command("events")
@click.option(
    "--from",
    "start",
    default=None,
    help="First date: YYYY-MM-DD, or YYYY-MM or YYYY (from its first day).",
)
@click.option(
    "--to", "end", default=None, help="Last date: YYYY-MM-DD, or YYYY-MM or YYYY (to its last day)."
)
@click.option(
    "--type", "type", default=None, help="Event type, e.g. summit, conflict, border_settlement."
)
@click.option("--country", default=None, help="ISO3 code of a state taking part or hosting.")
@click.option("--org", default=None, help="Organisation id, e.g. c5_consultative.")
@_evidence_option
@output_options
def events_cmd(
    start: str | None,
    end: str | None,
    type: str | None,  # noqa: A002 - the api's parameter name, so errors name --type
    country: str | None,
    org: str | None,
    **opts: Any,
) -> None:
    """Events between two dates, filtered by type, country or organisation."""
    _show(api.events(start, end, type, country, org), opts)


@group.command("search")
@_wide_option
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@output_options
def search_cmd(text: tuple[str, ...], limit: int, **opts: Any) -> None:
    """Find records of any kind by words in their ids, titles, names, places, people, notes.

    e.g. `regint kb search Manas`, `regint kb search "72/283"`; `regint kb show ID` shows one.
    """
    _show(api.search(" ".join(text), limit), opts)


@group.command("show")
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with an 'origins' field.")
def show_cmd(record_id: str, as_json: bool) -> None:
    """One record in full (any kind; an organisation alias works): fields, evidence, links."""
    view = api.show(record_id)
    if as_json:
        echo_json({**view.to_dict(), "origins": view.provenance.to_dict()})
        return
    print_record(view)


@group.command("orgs")
@_evidence_option
@output_options
def orgs_cmd(**opts: Any) -> None:
    """Every organisation: type, Balassa depth declared/achieved, supranational bodies."""
    _show(api.organisations(), opts)


@group.command("agreements")
@click.option("--country", default=None, help="Only agreements this state signed or acceded to.")
@_evidence_option
@output_options
def agreements_cmd(country: str | None, **opts: Any) -> None:
    """Every agreement in the knowledge base."""
    _show(api.agreements(country), opts)


@group.command("signatories")
@click.argument("agreement")
@_evidence_option
@output_options
def signatories_cmd(agreement: str, **opts: Any) -> None:
    """Who signed, acceded to or ratified AGREEMENT, and when."""
    _show(api.signatories(agreement), opts)


@group.command("crosscheck")
@_wide_option
@click.option("--source", type=click.Choice(["cow", "desta"]), default="cow", show_default=True)
@click.option("--disagreements-only", is_flag=True, help="Only rows whose verdict is not 'agree'.")
@output_options
def crosscheck_cmd(source: str, disagreements_only: bool, **opts: Any) -> None:
    """Compare the knowledge base with COW IGO v3 (1991-2014) or DESTA (derived tables)."""
    result = api.cross_check(source)  # type: ignore[arg-type]
    if disagreements_only:
        rows = tuple(r for r in result.rows if r["verdict"] != "agree")
        result = Table(result.title, result.columns, rows, result.notes, result.provenance)
    _show(result, opts)


@group.command("check")
@click.option(
    "--path",
    type=click.Path(file_okay=False),
    default=None,
    help="Knowledge folder (default: the committed data/knowledge).",
)
def check_cmd(path: str | None) -> None:
    """Validate the knowledge files; exits non-zero and lists problems (file, record) if any."""
    problems = api.check(path)
    if not problems:
        kb = api.load_kb(path)
        click.echo(
            f"knowledge base OK: {len(kb.organisations)} organisations, {len(kb.spells)} "
            f"membership spells, {len(kb.agreements)} agreements, {len(kb.events)} events"
        )
        return
    for problem in problems:
        click.echo(str(problem))
    err_console.print(f"[bold red]{len(problems)} problem(s)[/bold red] in the knowledge base")
    raise SystemExit(DataError.exit_code)
