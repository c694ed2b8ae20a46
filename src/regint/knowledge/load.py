"""Read the knowledge files, validate every record and build the knowledge base (cached).

Every problem names its file and record (id, or ``#index`` when the id is missing) and the
line the record starts on, so ``regint kb check`` output can be acted on directly.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from regint.core.errors import DataError
from regint.knowledge.base import KnowledgeBase, Problem
from regint.knowledge.model import KINDS, Agreement, Event, Organisation, Spell
from regint.sources.paths import project_data_dir

FILES = {kind: f"{kind}.yaml" for kind in KINDS}
COUNTRIES_FILE = "countries.csv"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_kb_dir() -> Path:
    """The committed knowledge records: ``data/knowledge``."""
    return project_data_dir() / "knowledge"


@dataclass(frozen=True)
class Parsed:
    """Records that passed the schema, with where each came from, and the problems found."""

    records: dict[str, list[BaseModel]]
    origins: dict[int, tuple[str, str]]  # id(record) -> (file, record label)
    country_names: dict[str, str]
    problems: list[Problem]
    fingerprint: str


def read_country_names(kb_dir: Path) -> dict[str, str]:
    """ISO3 -> English name from the committed ``countries.csv``."""
    path = kb_dir / COUNTRIES_FILE
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return {row["iso3"]: row["name"] for row in csv.DictReader(handle)}
    except (OSError, KeyError, csv.Error) as err:
        raise DataError(str(path), f"cannot read the country list: {err}") from None


def _read_yaml_items(path: Path, problems: list[Problem]) -> list[tuple[str, int, Any]]:
    """(label, line, item) for each list item of a YAML file; bad YAML becomes a problem."""
    name = path.name
    try:
        loader = _Loader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else []
        finally:
            loader.dispose()
    except OSError as err:
        problems.append(Problem(name, "-", f"cannot read file: {err}"))
        return []
    except yaml.YAMLError as err:
        problems.append(Problem(name, "-", f"malformed YAML: {str(err).strip()}"))
        return []
    if not isinstance(data, list) or node is None:
        problems.append(Problem(name, "-", "the file must hold a list of records"))
        return []
    items = []
    for index, (item, item_node) in enumerate(zip(data, node.value, strict=True)):
        label = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"#{index}"
        items.append((label, item_node.start_mark.line + 1, item))
    return items


def _error_text(err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"])
        message = str(e["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def parse_kb_files(kb_dir: Path) -> Parsed:
    """Validate every record against the schema; collect problems instead of stopping."""
    problems: list[Problem] = []
    records: dict[str, list[BaseModel]] = {}
    origins: dict[int, tuple[str, str]] = {}
    digest = hashlib.sha256()
    for kind, model in KINDS.items():
        path = kb_dir / FILES[kind]
        if path.exists():
            digest.update(path.read_bytes())
        else:
            problems.append(Problem(FILES[kind], "-", "file not found"))
        records[kind] = []
        for label, line, item in _read_yaml_items(path, problems) if path.exists() else []:
            where = f"{label} (line {line})"
            if not isinstance(item, dict):
                problems.append(Problem(path.name, where, "a record must be a mapping of keys"))
                continue
            try:
                record = model.model_validate(item)
            except ValidationError as err:
                problems.append(Problem(path.name, where, _error_text(err)))
                continue
            records[kind].append(record)
            origins[id(record)] = (path.name, where)
    try:
        names = read_country_names(kb_dir)
    except DataError as err:
        problems.append(Problem(COUNTRIES_FILE, "-", str(err)))
        names = {}  # codes are then left unchecked: the missing list is the problem to fix
    return Parsed(records, origins, names, problems, digest.hexdigest()[:16])


def check_kb(kb_dir: Path | None = None) -> list[Problem]:
    """Every problem in the knowledge files: schema, references, codes, evidence, spells."""
    from regint.knowledge.check import compute_problems

    parsed = parse_kb_files(Path(kb_dir) if kb_dir else default_kb_dir())
    return parsed.problems + compute_problems(parsed)


_CACHE: dict[tuple[str, tuple[tuple[str, int, int], ...]], KnowledgeBase] = {}


def _stamp(kb_dir: Path) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for name in (*FILES.values(), COUNTRIES_FILE):
        path = kb_dir / name
        if path.exists():
            stat = path.stat()
            stamps.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


def read_kb(kb_dir: Path | None = None) -> KnowledgeBase:
    """The validated knowledge base; any problem raises a DataError naming file and record.

    Cached per folder and file version, so repeated calls cost nothing.
    """
    root = Path(kb_dir) if kb_dir else default_kb_dir()
    if not root.is_dir():
        raise DataError(str(root), "knowledge folder not found")
    key = (str(root.resolve()), _stamp(root))
    if key not in _CACHE:
        _CACHE[key] = _build(root)
    return _CACHE[key]


def _build(root: Path) -> KnowledgeBase:
    from regint.knowledge.check import compute_problems

    parsed = parse_kb_files(root)
    problems = parsed.problems + compute_problems(parsed)
    if problems:
        shown = "\n  ".join(str(p) for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise DataError(
            str(root),
            f"{len(problems)} problem(s) in the knowledge base "
            f"(run 'regint kb check'):\n  {shown}{more}",
        )
    r = parsed.records
    return KnowledgeBase(
        root=root,
        organisations=tuple(x for x in r["organizations"] if isinstance(x, Organisation)),
        spells=tuple(x for x in r["memberships"] if isinstance(x, Spell)),
        agreements=tuple(x for x in r["agreements"] if isinstance(x, Agreement)),
        events=tuple(
            sorted(
                (x for x in r["events"] if isinstance(x, Event)),
                key=lambda e: (e.date.earliest, e.id),
            )
        ),
        country_names=parsed.country_names,
        fingerprint=parsed.fingerprint,
    )
