"""Fault campaign: attack regint on purpose and count what survives (issue 8).

Run:  python benchmarks/fault_campaign.py [--seed 8] [--quick]

Real processes, real signals, real DuckDB files, no mocks:
- 20 SIGKILLs, 5 SIGINTs and 5 SIGTERMs at random moments of ``regint data build --force``;
- 10 kinds of block damage to a built warehouse, each met by ``data check`` and an indicator,
  then repaired with ``data build --force``;
- 20 kinds of bad raw input fed to the source readers (copies of the test fixtures);
- 50 malformed CLI calls and 30 malformed Python API calls.

Beside every warehouse lie files of "the user's" (a backup named ``W.duckdb.backup-2024``, a
numbered copy, notes); a file lost is one of them gone or changed. A warehouse is intact when
``regint data check`` passes on it afterwards (or, after damage, once rebuilt). A clear error
is a one-line message with a meaningful exit code (CLI) or a ``RegintError`` (API, readers).
Prints one table; "files lost" and "tracebacks" must be 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
USER_FILES = {
    "{w}.backup-2024": b"the user's backup",
    "{w}.copy-20250101": b"the user's numbered copy",
    "{w}.tmp-99999": b"looks like an old temporary, is the user's",
    "notes.txt": b"the user's notes",
}


@dataclass
class Row:
    """One line of the result table."""

    kind: str
    cases: int = 0
    intact: int = 0
    lost: int = 0
    clear: int = 0
    tracebacks: int = 0
    checked_intact: bool = True  # False where "warehouses intact" does not apply


def regint_cmd() -> list[str]:
    script = Path(sys.executable).with_name("regint")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "regint.cli.start"]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*regint_cmd(), *args], capture_output=True, text=True, timeout=timeout)


def plant_user_files(folder: Path, warehouse: Path) -> None:
    for name, data in USER_FILES.items():
        (folder / name.format(w=warehouse.name)).write_bytes(data)


def count_lost(folder: Path, warehouse: Path) -> int:
    lost = 0
    for name, data in USER_FILES.items():
        path = folder / name.format(w=warehouse.name)
        lost += not (path.is_file() and path.read_bytes() == data)
    return lost


def is_intact(warehouse: Path) -> bool:
    return run("--warehouse", str(warehouse), "data", "check").returncode == 0


def has_traceback(text: str) -> bool:
    return "Traceback (most recent call last)" in text or "internal error" in text


# --- signals during builds -----------------------------------------------------------------


def signal_campaign(
    built: Path, work: Path, sig: signal.Signals, n: int, rng: random.Random
) -> Row:
    """``n`` builds each hit by ``sig`` at a random moment within the build's duration."""
    row = Row(f"{sig.name} during data build --force")
    expected = {signal.SIGKILL: -9, signal.SIGINT: 130, signal.SIGTERM: 143}[sig]
    for k in range(n):
        folder = work / f"{sig.name.lower()}-{k}"
        folder.mkdir()
        target = folder / "w.duckdb"
        shutil.copyfile(built, target)
        plant_user_files(folder, target)
        proc = subprocess.Popen(
            [*regint_cmd(), "--warehouse", str(target), "data", "build", "--force"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.0, 4.0))
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=300)
        row.cases += 1
        row.tracebacks += has_traceback(err)
        # A signal that lands after the work is done (during interpreter shutdown) meets
        # Python's default action: the build is complete and said so.
        finished = proc.returncode == 0 or (proc.returncode == -sig and "warehouse built" in out)
        if sig == signal.SIGKILL:
            row.clear += proc.returncode in (expected, 0)
        else:
            clear = finished or (proc.returncode == expected and "nothing was changed" in err)
            row.clear += clear
            if not clear:
                print(f"  {sig.name} case {k}: exit {proc.returncode} {out[-80:]!r} {err[-200:]!r}")
        # A killed build cannot clean up; the next build (a no-op) removes its temporaries.
        run("--warehouse", str(target), "data", "build")
        leftovers = list((folder / f".{target.name}.regint").glob("tmp-*"))
        row.intact += is_intact(target) and not leftovers
        row.lost += count_lost(folder, target)
    return row


# --- block damage --------------------------------------------------------------------------


def _noise(at: float) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with open(path, "r+b") as handle:
            handle.seek(int(path.stat().st_size * at) // 4096 * 4096)
            handle.write(os.urandom(4096))

    return damage


def _zeros(at: float) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with open(path, "r+b") as handle:
            handle.seek(int(path.stat().st_size * at) // 4096 * 4096)
            handle.write(b"\0" * 4096)

    return damage


def _truncate(keep: float) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        os.truncate(path, int(path.stat().st_size * keep))

    return damage


def _swap_blocks(path: Path) -> None:
    data = bytearray(path.read_bytes())
    a, b = len(data) // 3 // 4096 * 4096, 2 * len(data) // 3 // 4096 * 4096
    data[a : a + 4096], data[b : b + 4096] = data[b : b + 4096], data[a : a + 4096]
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "noise in the header": _noise(0.0),
    "noise at 10%": _noise(0.1),
    "noise at 25%": _noise(0.25),
    "noise at 50%": _noise(0.5),
    "noise at 75%": _noise(0.75),
    "noise in the last block": _noise(0.999),
    "zeros at 40%": _zeros(0.4),
    "truncated to half": _truncate(0.5),
    "truncated to zero bytes": _truncate(0.0),
    "two blocks swapped": _swap_blocks,
}


def damage_campaign(built: Path, work: Path) -> Row:
    """Each damage: `data check` and an indicator must say 'damaged' (exit 4) or be unharmed."""
    row = Row("block damage (10 kinds)")
    for k, (name, damage) in enumerate(DAMAGE.items()):
        folder = work / f"damage-{k}"
        folder.mkdir()
        target = folder / "w.duckdb"
        shutil.copyfile(built, target)
        run("--warehouse", str(target), "data", "status")  # records the file as regint's
        plant_user_files(folder, target)
        damage(target)
        outs = [
            run("--warehouse", str(target), "data", "check"),
            run("--warehouse", str(target), "indicators", "compute", "intra_regional_share"),
        ]
        row.cases += 1
        text = "".join(o.stdout + o.stderr for o in outs)
        row.tracebacks += has_traceback(text)
        named = all(o.returncode == 0 or (o.returncode == 4 and "data build --force" in
                    o.stdout + o.stderr) for o in outs)  # fmt: skip
        row.clear += named
        if not named:
            print(f"  unclear after {name}: {[o.returncode for o in outs]} {text[-300:]!r}")
        run("--warehouse", str(target), "data", "build", "--force")
        row.intact += is_intact(target)
        row.lost += count_lost(folder, target)
    return row


# --- bad raw input -------------------------------------------------------------------------


def _raw_tree(work: Path) -> Path:
    raw = work / "raw"
    for part in ("countries", "national", "wdi", "cepii"):
        shutil.copytree(FIXTURES / part, raw, dirs_exist_ok=True)
    return raw


KAZ = "kaz-bns-trade-by-partner/kaz_trade_by_partner_long.csv"
UZB = "uzb-siat-trade-by-partner/uzb_trade_by_partner_long.csv"
WDI = "wb-wdi/indicators/ny.gdp.mktp.cd.csv"
GEO = "cepii-geodist/dist_cepii.csv"


def _edit(rel: str, change: Callable[[list[str]], list[str]]) -> tuple[str, Callable[[Path], None]]:
    def apply(raw: Path) -> None:
        path = raw / rel
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")

    return rel, apply


def _bytes(rel: str, data: bytes) -> tuple[str, Callable[[Path], None]]:
    def apply(raw: Path) -> None:
        (raw / rel).write_bytes(data)

    return rel, apply


def _cell(line: str, index: int, value: str) -> str:
    cells = line.split(",")
    cells[index] = value
    return ",".join(cells)


BAD_RAW: dict[str, tuple[str, Callable[[Path], None]]] = {
    "national: header only": _edit(KAZ, lambda ls: ls[:1]),
    "national: empty file": _bytes(KAZ, b""),
    "national: binary garbage": _bytes(KAZ, os.urandom(2048)),
    "national: a column dropped": _edit(KAZ, lambda ls: [",".join(x.split(",")[1:]) for x in ls]),
    "national: non-numeric value": _edit(KAZ, lambda ls: [ls[0], _cell(ls[1], 6, "n/a"), *ls[2:]]),
    "national: negative value": _edit(KAZ, lambda ls: [ls[0], _cell(ls[1], 6, "-5"), *ls[2:]]),
    "national: bad year": _edit(KAZ, lambda ls: [ls[0], _cell(ls[1], 5, "20x1"), *ls[2:]]),
    "national: unknown partner code": _edit(
        KAZ, lambda ls: [ls[0], *[x.replace(",UZB,", ",XYZ,", 1) for x in ls[1:]]]
    ),
    "national: wrong reporter": _edit(KAZ, lambda ls: [ls[0], _cell(ls[1], 0, "UZB"), *ls[2:]]),
    "national: unknown flow": _edit(KAZ, lambda ls: [ls[0], _cell(ls[1], 4, "transit"), *ls[2:]]),
    "national: duplicated row": _edit(KAZ, lambda ls: [*ls, _cell(ls[-1], 6, "12345.0")]),
    "national: truncated mid-row": _edit(KAZ, lambda ls: [*ls[:-1], ls[-1][: len(ls[-1]) // 3]]),
    "national: preferred flag garbled": _edit(
        UZB, lambda ls: [ls[0], _cell(ls[1], 11, "maybe"), *ls[2:]]
    ),
    "WDI: header only": _edit(WDI, lambda ls: ls[:1]),
    "WDI: unknown country code": _edit(
        WDI, lambda ls: [ls[0], *[x.replace(",KAZ,", ",XYZ,", 1) for x in ls[1:]]]
    ),
    "WDI: malformed country code": _edit(
        WDI, lambda ls: [ls[0], *[x.replace(",KAZ,", ",KZ,", 1) for x in ls[1:]]]
    ),
    "WDI: duplicated row": _edit(WDI, lambda ls: [*ls, ls[-1]]),
    "WDI: latin-1 bytes": _bytes(
        WDI, "Country Name,Country Code,Year,Value\nCôte,CIV,2019,1\n".encode("latin-1")
    ),
    "CEPII: header only": _edit(GEO, lambda ls: ls[:1]),
    "CEPII: non-numeric distance": _edit(GEO, lambda ls: [ls[0], _cell(ls[1], 10, "far"), *ls[2:]]),
}


def _read_all(raw: Path) -> None:
    from regint.sources import cepii, national, wdi

    national.read_kaz_bns(raw)
    national.read_uzb_siat(raw)
    wdi.read_wdi(raw, ["ny.gdp.mktp.cd"])
    cepii.read_geodist(raw)


def raw_campaign(work: Path) -> Row:
    """Each bad input must fail with a DataError naming the damaged file."""
    from regint.core.errors import RegintError

    row = Row("bad raw input (20 kinds)", checked_intact=False)
    for k, (name, (rel, apply)) in enumerate(BAD_RAW.items()):
        raw = _raw_tree(work / f"raw-{k}")
        _read_all(raw)  # the untouched copy reads
        apply(raw)
        row.cases += 1
        try:
            _read_all(raw)
        except RegintError as err:
            row.clear += rel.split("/")[-1] in str(err)
        except Exception as err:  # noqa: BLE001 - counted, not hidden
            row.tracebacks += 1
            print(f"  {name}: {type(err).__name__}: {err}")
        else:
            print(f"  {name}: accepted without a word")
    return row


# --- malformed CLI and API calls -----------------------------------------------------------

BAD_CLI = [
    ["indicators", "compute"], ["indicators", "compute", "nope"],
    ["indicators", "compute", "intra_regional_share", "--years", ""],
    ["indicators", "compute", "intra_regional_share", "--years", "abc"],
    ["indicators", "compute", "intra_regional_share", "--years", "2020-1990"],
    ["indicators", "compute", "intra_regional_share", "--years", "1800"],
    ["indicators", "compute", "intra_regional_share", "--years", "2019,,x"],
    ["indicators", "compute", "intra_regional_share", "--years", "99999"],
    ["indicators", "compute", "intra_regional_share", "--basis", "guess"],
    ["indicators", "compute", "intra_regional_share", "--cif-fob", "0"],
    ["indicators", "compute", "intra_regional_share", "--cif-fob", "-1"],
    ["indicators", "compute", "intra_regional_share", "--cif-fob", "abc"],
    ["indicators", "compute", "intra_regional_share", "--cif-fob", "nan"],
    ["indicators", "compute", "intra_regional_share", "--cif-fob", "inf"],
    ["indicators", "compute", "intra_regional_share", "--region", "atlantis"],
    ["indicators", "compute", "intra_regional_share", "--region", "eaeu@2016-13-01"],
    ["indicators", "compute", "intra_regional_share", "--region", "c5", "--countries", "KAZ,UZB"],
    ["indicators", "compute", "intra_regional_share", "--region", "eaeu", "--countries", "KAZ,UZB"],
    ["indicators", "compute", "intra_regional_share", "--countries", ""],
    ["indicators", "compute", "intra_regional_share", "--countries", "KAZ"],
    ["indicators", "compute", "intra_regional_share", "--countries", "KAZ,XXX"],
    ["indicators", "compute", "intra_regional_share", "--countries", "SUN,KAZ"],
    ["indicators", "compute", "intra_regional_share", "--level", "planet"],
    ["indicators", "compute", "partner_profile", "--level", "region"],
    ["indicators", "compute", "intra_regional_share", "--json", "--csv"],
    ["indicators", "compute", "intra_regional_share", "--parquet", "{w}"],
    ["indicators", "compute", "intra_regional_share", "--parquet", "/proc/nope/x.parquet"],
    ["indicators", "compute", "intra_regional_share", "--parquet", "{d}"],
    ["indicators", "compute", "intra_regional_share", "--bogus"],
    ["indicators", "show", "nope"], ["indicators", "definitions", "--year", "1800"],
    ["indicators", "definitions", "--year", "abc"], ["indicators", "definitions"],
    ["kb", "members", "nope", "--on", "2016-01-01"],
    ["kb", "members", "eaeu", "--on", "2016-02-30"],
    ["kb", "status", "XXX", "cst_csto", "--on", "2010-01-01"],
    ["kb", "status", "UZB", "nope", "--on", "2010-01-01"],
    ["kb", "events", "--from", "2020-01-01", "--to", "2010-01-01"],
    ["kb", "events", "--type", "party"], ["kb", "memberships", "UZB", "--on", "yesterday"],
    ["claims", "check", "--claims", "nope"], ["claims", "check", "--as-of", "1066-13-01"],
    ["claims", "check", "--parquet", "{w}"],
    ["report", "--out", "{w}"], ["report", "--region", "atlantis"], ["report", "--out", "{d}"],
    ["report", "--out", "{d}/notes.txt"], ["data", "sources", "--parquet", "{d}/notes.txt"],
    ["claims", "list", "--parquet", "{w}.backup-2024"],
    ["data", "build", "--nope"], ["data", "update", "--source", "nowhere"],
    ["data", "snapshot", "--raw", "/nonexistent/raw"], ["nope"],
]  # fmt: skip


def cli_campaign(built: Path, work: Path) -> Row:
    """Malformed CLI calls, run through the real entry point in this process."""
    from regint.cli.main import main

    row = Row("malformed CLI arguments", checked_intact=False)
    target = work / "cli" / "w.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built, target)
    plant_user_files(target.parent, target)
    for args in BAD_CLI:
        filled = [a.format(w=target, d=target.parent) for a in args]
        code, text = _invoke(main, ["--warehouse", str(target), *filled])
        row.cases += 1
        row.tracebacks += code is None or has_traceback(text)
        row.clear += code is not None and code != 0 and 0 < len(text.strip().splitlines()) <= 6
        if code == 0 or code is None:
            print(f"  CLI {filled}: exit {code} {text[-200:]!r}")
    row.lost += count_lost(target.parent, target)
    row.intact = row.cases if is_intact(target) else 0
    row.checked_intact = True
    return row


def _invoke(main: Callable[[list[str]], None], argv: list[str]) -> tuple[int | None, str]:
    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as done:
            code = int(done.code or 0) if not isinstance(done.code, str) else 1
        except BaseException as exc:  # noqa: BLE001 - an escaping exception is a traceback
            err.write(f"Traceback (most recent call last): {type(exc).__name__}: {exc}")
    return code, out.getvalue()[-2000:] + err.getvalue()


def api_calls(target: Path) -> list[Callable[[], object]]:
    import regint

    w = str(target)
    c = regint.compute
    return [
        lambda: c("nope", warehouse=w), lambda: c("", warehouse=w),
        lambda: c("intra_regional_share", years="", warehouse=w),
        lambda: c("intra_regional_share", years="abc", warehouse=w),
        lambda: c("intra_regional_share", years=[], warehouse=w),
        lambda: c("intra_regional_share", years=[1800], warehouse=w),
        lambda: c("intra_regional_share", years="2020-1990", warehouse=w),
        lambda: c("intra_regional_share", basis="guess", warehouse=w),  # type: ignore[arg-type]
        lambda: c("intra_regional_share", cif_fob=0, warehouse=w),
        lambda: c("intra_regional_share", cif_fob=float("nan"), warehouse=w),
        lambda: c("intra_regional_share", cif_fob="a", warehouse=w),  # type: ignore[arg-type]
        lambda: c("intra_regional_share", region="atlantis", warehouse=w),
        lambda: c("intra_regional_share", region="eaeu", countries="KAZ,UZB", warehouse=w),
        lambda: c("intra_regional_share", countries="KAZ", warehouse=w),
        lambda: c("intra_regional_share", countries=["KAZ", "XXX"], warehouse=w),
        lambda: c("intra_regional_share", countries="", warehouse=w),
        lambda: c("intra_regional_share", level="planet", warehouse=w),  # type: ignore[arg-type]
        lambda: c("partner_profile", level="region", warehouse=w),
        lambda: c("intra_regional_share", warehouse=str(target.parent)),
        lambda: c("intra_regional_share", warehouse=str(target.parent / "notes.txt")),
        lambda: regint.definitions(1800, warehouse=w),
        lambda: regint.definitions("abc", warehouse=w),  # type: ignore[arg-type]
        lambda: regint.members("nope", on="2016-01-01"),
        lambda: regint.members("eaeu", on="2016-13-01"),
        lambda: regint.status("XXX", "cst_csto", on="2010-01-01"),
        lambda: regint.status("UZB", "nope", on="2010-01-01"),
        lambda: regint.events("2020-01-01", "2010-01-01"),
        lambda: regint.memberships("UZB", on="bad"),
        lambda: regint.check_claims(claims=["nope"], warehouse=w),
        lambda: regint.check_claims(as_of="1066-13-01", warehouse=w),
    ]  # fmt: skip


def api_campaign(built: Path, work: Path) -> Row:
    """Malformed Python API calls: each must raise a RegintError (a clear, named error)."""
    from regint.core.errors import RegintError

    row = Row("malformed Python API calls")
    target = work / "api" / "w.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built, target)
    plant_user_files(target.parent, target)
    for k, call in enumerate(api_calls(target)):
        row.cases += 1
        try:
            call()
        except RegintError:
            row.clear += 1
        except Exception as err:  # noqa: BLE001 - counted, not hidden
            row.tracebacks += 1
            print(f"  API call {k}: {type(err).__name__}: {err}")
        else:
            print(f"  API call {k}: accepted")
    row.lost += count_lost(target.parent, target)
    row.intact = row.cases if is_intact(target) else 0
    return row


# --- the table -----------------------------------------------------------------------------


def print_table(rows: list[Row], seconds: float) -> None:
    head = ("kind", "cases", "warehouses intact", "files lost", "clear errors", "tracebacks")
    print(f"\n| {' | '.join(head)} |\n|{'---|' * len(head)}")
    total = Row("total")
    for r in rows:
        intact = str(r.intact) if r.checked_intact else "n/a"
        print(f"| {r.kind} | {r.cases} | {intact} | {r.lost} | {r.clear} | {r.tracebacks} |")
        for name in ("cases", "lost", "clear", "tracebacks"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
        total.intact += r.intact if r.checked_intact else 0
    print(f"| total | {total.cases} | {total.intact} | {total.lost} | {total.clear} | "
          f"{total.tracebacks} |")  # fmt: skip
    print(f"\n{seconds:.0f} s on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="2 cases per signal (a smoke run)")
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="regint-faults-") as tmp:
        work = Path(tmp)
        built = work / "built.duckdb"
        assert run("--warehouse", str(built), "data", "build").returncode == 0
        n = (2, 1, 1) if opts.quick else (20, 5, 5)
        rows = [
            signal_campaign(built, work, signal.SIGKILL, n[0], rng),
            signal_campaign(built, work, signal.SIGINT, n[1], rng),
            signal_campaign(built, work, signal.SIGTERM, n[2], rng),
            damage_campaign(built, work),
            raw_campaign(work),
            cli_campaign(built, work),
            api_campaign(built, work),
        ]
    print_table(rows, time.perf_counter() - start)


if __name__ == "__main__":
    main()
