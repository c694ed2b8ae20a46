"""The schema of the knowledge base: organisations, membership spells, agreements, events.

One fact per record; every record carries its evidence (URLs) and a confidence flag. Records
are frozen pydantic models; unknown keys are errors, so a typo in a YAML file is caught and
named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    field_validator,
    model_validator,
)

from regint.knowledge.dates import PartialDate

# --- vocabularies -----------------------------------------------------------------------
Status = Literal[
    "founding_member",
    "member",
    "associate_member",
    "observer",
    "suspended",
    "withdrawn",
    "participant",
    "none",
]
STATUSES: tuple[str, ...] = get_args(Status)
# Statuses that make a state a full member (the region rule and --full-only use these).

Confidence = Literal["verified", "verified_secondary", "recalled", "analytical"]
CONFIDENCES: tuple[str, ...] = get_args(Confidence)

OrgType = Literal["political", "economic", "security", "water", "dialogue"]
ORG_TYPES: tuple[str, ...] = get_args(OrgType)

# Balassa's ladder, shallow to deep; None means the scale does not apply (e.g. a security pact).
Depth = Literal["none", "PTA", "FTA", "customs_union", "common_market", "economic_union"]
DEPTHS: tuple[str, ...] = get_args(Depth)

Coverage = Literal["complete", "c5"]

EventType = Literal[
    "summit",
    "founding",
    "treaty_signing",
    "ratification",
    "accession",
    "status_change",
    "suspension",
    "withdrawal",
    "dissolution",
    "conflict",
    "ceasefire",
    "unrest",
    "base_closure",
    "un_resolution",
    "border_settlement",
    "renaming",
    "postponement",
    "infrastructure",  # a project milestone: groundbreaking, first unit, grid (re)connection
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
# held: took place; planned: announced, not yet due; postponed: moved to a later, maybe unknown
# date; cancelled: called off.
EventStatus = Literal["held", "planned", "postponed", "cancelled"]
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)

AgreementKind = Literal["treaty", "un_resolution"]
# How a UN body adopted a resolution. "unanimous" is kept apart from "without_vote" because
# several sources say only that every member state supported a text, not whether it was put to
# a recorded vote.
Adoption = Literal["without_vote", "recorded_vote", "unanimous"]

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def _to_partial(value: Any) -> PartialDate:
    return PartialDate.parse(value)


Date = Annotated[PartialDate, PlainValidator(_to_partial), PlainSerializer(str, return_type=str)]


def _check_iso3(value: str) -> str:
    if not isinstance(value, str) or not _ISO3.match(value):
        raise ValueError(f"bad country code {value!r}: use an ISO 3166 alpha-3 code such as KAZ")
    return value


Iso3 = Annotated[str, PlainValidator(_check_iso3)]


class Record(BaseModel):
    """Fields every fact shares: evidence, confidence and a free note."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    evidence: tuple[str, ...] = ()
    confidence: Confidence
    note: str = ""

    @field_validator("evidence")
    @classmethod
    def _urls(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"evidence must be URLs; got {url!r}")
        return urls


class Organisation(Record):
    """An organisation, treaty regime or dialogue format; its members come only from spells."""

    id: str
    name_en: str
    name_ru: str = ""
    aliases: tuple[str, ...] = ()
    type: OrgType
    secondary_types: tuple[OrgType, ...] = ()
    depth_declared: Depth | None = None
    depth_achieved: Depth | None = None
    depth_note: str = ""
    has_supranational_bodies: bool | Literal["partial"] = False
    supranational_note: str = ""
    founded: Date
    founded_note: str = ""
    dissolved: Date | None = None
    dissolved_note: str = ""
    predecessor: str | None = None
    successor: str | None = None
    parent: str | None = None
    members_coverage: Coverage = "c5"

    @field_validator("id", "aliases")
    @classmethod
    def _ids(cls, value: Any) -> Any:
        for item in (value,) if isinstance(value, str) else value:
            if not _ID.match(item):
                raise ValueError(f"bad id {item!r}: use lower-case letters, digits and '_'")
        return value


class Spell(Record):
    """A state's status in an organisation over the half-open interval [start, end).

    ``start``/``end`` of None mean unbounded (an ongoing spell has no end). Written ``from``
    and ``to`` in the YAML files.
    """

    id: str
    org: str
    country: Iso3
    status: Status
    start: Date | None = Field(default=None, alias="from")
    end: Date | None = Field(default=None, alias="to")


class Signature(BaseModel):
    """One state's signature, accession, ratification or entry into force of an agreement."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: Iso3
    date: Date | None = None
    by: str = ""
    place: str = ""
    instrument: str = ""
    confidence: Confidence | None = None
    note: str = ""


class Resolution(BaseModel):
    """What a UN resolution adds to an agreement record: symbol, body, adoption and initiator."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    symbol: str
    body: str
    agenda_item: str = ""
    adoption: Adoption | None = None
    vote: str = ""
    initiator: Iso3 | None = None
    sponsors: tuple[Iso3, ...] = ()
    co_sponsors_count: int | None = None
    note: str = ""


class Agreement(Record):
    """A treaty or key document, with its signatories and (where known) entry into force.

    ``kind: un_resolution`` marks a resolution of a UN body: ``signed`` is then its adoption
    date, and ``resolution`` holds its symbol, adoption mode and initiator.
    """

    id: str
    kind: AgreementKind = "treaty"
    title: str
    title_ru: str = ""
    org: str | None = None
    signed: Date | None = None
    place: str = ""
    signatures: tuple[Signature, ...] = ()
    accessions: tuple[Signature, ...] = ()
    ratifications: tuple[Signature, ...] = ()
    in_force: Date | None = None
    in_force_note: str = ""
    in_force_by_country: tuple[Signature, ...] = ()
    terminated: Date | None = None
    not_signed: tuple[Iso3, ...] = ()
    depositary: Iso3 | None = None
    details: dict[str, str] = Field(default_factory=dict)
    resolution: Resolution | None = None

    @model_validator(mode="after")
    def _resolution_matches_kind(self) -> Agreement:
        if (self.kind == "un_resolution") != (self.resolution is not None):
            raise ValueError("a record of kind 'un_resolution' needs 'resolution', and only it")
        return self


class Event(Record):
    """A dated event: a summit, a treaty signing, a border clash or settlement, a base closure.

    ``org`` is the organisation or format the event belongs to (the 4th consultative meeting
    belongs to ``c5_consultative``); ``orgs`` lists every other organisation it concerns (the
    CSTO's 2022 deployment concerns ``cst_csto``); ``agreements`` the agreements it signed,
    ratified or ended.
    """

    id: str
    date: Date
    type: EventType
    title: str
    status: EventStatus = "held"
    org: str | None = None
    orgs: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    number: int | None = None
    host: Iso3 | None = None
    place: str = ""
    countries: tuple[Iso3, ...] = ()
    chair: str = ""
    guests: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()

    @property
    def all_orgs(self) -> tuple[str, ...]:
        """Every organisation the event concerns: ``org`` (the format it belongs to) first."""
        return tuple(dict.fromkeys((*((self.org,) if self.org else ()), *self.orgs)))


KINDS: dict[str, type[Record]] = {
    "organizations": Organisation,
    "memberships": Spell,
    "agreements": Agreement,
    "events": Event,
}

# From strongest to weakest: used to report the weakest confidence behind a combined answer.
_CONFIDENCE_RANK = {"verified": 0, "analytical": 1, "verified_secondary": 2, "recalled": 3}


def weakest(confidences: Iterable[str]) -> str | None:
    """The weakest confidence flag among ``confidences`` (None if empty)."""
    return max(confidences, key=lambda c: _CONFIDENCE_RANK.get(c, 9), default=None)
