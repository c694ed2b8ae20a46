"""The loaded knowledge base: validated records plus the indexes the queries use."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from regint.core.errors import InputError
from regint.core.provenance import Origin, Provenance, make_provenance
from regint.knowledge.model import Agreement, Event, Organisation, Spell

KB_CITATION = (
    "regint knowledge base of Central Asia's integration architecture (data/knowledge), "
    "seeded from the sourced fact base ca-facts.yaml and reviewed; every record cites its evidence"
)


@dataclass(frozen=True)
class Problem:
    """A problem found in a knowledge file: which file, which record, what is wrong."""

    file: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, record {self.record}: {self.message}"


@dataclass(frozen=True)
class KnowledgeBase:
    """Organisations, membership spells, agreements and events, indexed for queries."""

    root: Path
    organisations: tuple[Organisation, ...]
    spells: tuple[Spell, ...]
    agreements: tuple[Agreement, ...]
    events: tuple[Event, ...]
    country_names: dict[str, str]
    fingerprint: str = ""
    _orgs: dict[str, Organisation] = field(default_factory=dict, repr=False, compare=False)
    _aliases: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _by_pair: dict[tuple[str, str], tuple[Spell, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        orgs = {o.id: o for o in self.organisations}
        aliases = {a: o.id for o in self.organisations for a in o.aliases}
        pairs: dict[tuple[str, str], list[Spell]] = defaultdict(list)
        for spell in self.spells:
            pairs[(spell.org, spell.country)].append(spell)
        by_pair = {k: tuple(sorted(v, key=_start_key)) for k, v in pairs.items()}
        # frozen: the indexes are set once here, never changed afterwards
        object.__setattr__(self, "_orgs", orgs)
        object.__setattr__(self, "_aliases", aliases)
        object.__setattr__(self, "_by_pair", by_pair)

    # --- lookups that validate user input --------------------------------------------------
    # The default argument names are the CLI's positional names (ORG, COUNTRY, AGREEMENT), as the
    # help texts spell them, so an error names what the user typed.
    def org(self, org_id: str, argument: str = "org") -> Organisation:
        """The organisation with this id or alias; an unknown id raises InputError listing ids."""
        key = str(org_id).strip().lower()
        key = self._aliases.get(key, key)
        if key in self._orgs:
            return self._orgs[key]
        close = difflib.get_close_matches(key, [*self._orgs, *self._aliases], n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(
            argument,
            f"unknown organisation '{org_id}'{hint}; known ids: {', '.join(sorted(self._orgs))}",
        )

    def has_org(self, org_id: str) -> bool:
        key = str(org_id).strip().lower()
        return self._aliases.get(key, key) in self._orgs

    def country(self, code: str, argument: str = "country") -> str:
        """An ISO3 code checked against the committed country list (case-insensitive)."""
        iso3 = str(code).strip().upper()
        if iso3 not in self.country_names:
            raise InputError(
                argument, f"unknown country code '{code}' (use ISO 3166 alpha-3, e.g. KAZ)"
            )
        return iso3

    def agreement(self, agreement_id: str, argument: str = "agreement") -> Agreement:
        for agreement in self.agreements:
            if agreement.id == agreement_id.strip().lower():
                return agreement
        known = ", ".join(a.id for a in self.agreements)
        raise InputError(argument, f"unknown agreement '{agreement_id}'; known ids: {known}")

    # --- indexes ---------------------------------------------------------------------------
    def spells_for(self, org_id: str, country: str) -> tuple[Spell, ...]:
        return self._by_pair.get((org_id, country), ())

    def countries_in(self, org_id: str) -> tuple[str, ...]:
        """Every country with at least one spell in ``org_id``, sorted."""
        return tuple(sorted(c for (o, c) in self._by_pair if o == org_id))

    def orgs_of(self, country: str) -> tuple[str, ...]:
        """Every organisation in which ``country`` has a spell, in file order."""
        seen = {o for (o, c) in self._by_pair if c == country}
        return tuple(o.id for o in self.organisations if o.id in seen)

    def provenance(
        self, evidence: set[str] | None = None, extra: Sequence[Origin] = ()
    ) -> Provenance:
        """Provenance for a query result: the KB's citation and source record plus evidence URLs.

        ``extra`` adds the origins of other sources the result also rests on (COW IGO, DESTA).
        """
        from regint.knowledge.sources import kb_origin

        return make_provenance(
            sources=[kb_origin().to_dict(), *(o.to_dict() for o in extra)],
            knowledge_base={
                "citation": KB_CITATION,
                "fingerprint": self.fingerprint,
                "root": str(self.root),
            },
            evidence=sorted(evidence or ()),
        )


def _start_key(spell: Spell) -> tuple[int, str]:
    return (0, "") if spell.start is None else (1, spell.start.earliest.isoformat())
