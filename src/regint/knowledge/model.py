"""The schema of the knowledge base: organisations, membership spells, agreements, events.

One fact per record; every record carries its evidence (URLs) and a confidence flag. Records
are frozen pydantic models; unknown keys are errors, so a typo in a YAML file is caught and
named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, field_validator

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
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
EventStatus = Literal["held", "planned", "not_held"]

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


class Agreement(Record):
    """A treaty or key document, with its signatories and (where known) entry into force."""

    id: str
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


class Event(Record):
    """A dated event: a summit, a treaty signing, a border clash or settlement, a base closure."""

    id: str
    date: Date
    type: EventType
    title: str
    status: EventStatus = "held"
    org: str | None = None
    number: int | None = None
    host: Iso3 | None = None
    place: str = ""
    countries: tuple[Iso3, ...] = ()
    chair: str = ""
    guests: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()


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
