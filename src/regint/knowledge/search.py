"""Ranked full-text search over every record of the knowledge base.

Each record (organisation, agreement, membership spell, event) becomes a document of weighted
fields. A query is split into terms the same way; a record matches when every term matches
one of its fields, as a whole word or as the start of one (``kempir`` finds "Kempir-Abad").
Other spellings of a name fold to one (``Ashkhabad`` finds Ashgabat).

The score of a record is the sum, over the query terms, of the best field weight the term
matches in (a whole word counts fully, a word start half), times the term's rarity
(``log(1 + N / df)``). Two boosts sit on top, because they say the user typed a name:

- the query is a record's id or alias (``csto``), or equals the id with separators dropped
  (``72/283`` is part of ``unga_72_283``): an **id boost**;
- the query's terms appear next to each other, in order, in one field (``"72/283"`` in the
  title "A/RES/72/283"): a **phrase boost**, times that field's weight.

The weights say which fields name a record (id, title, names, aliases: high), which describe it
(place, people, outcomes, symbol: middle) and which only mention things (notes, details,
countries: low). Nothing is tuned to particular queries. The index is built once per loaded
knowledge base and kept in memory (a few hundred records).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from regint.knowledge.base import KnowledgeBase
from regint.knowledge.model import Agreement, Event, Organisation, Signature, Spell
from regint.knowledge.spellings import canonical

# Field weights: name-like fields first, descriptions next, mentions last.
WEIGHTS: dict[str, float] = {
    "id": 6.0,
    "alias": 6.0,
    "title": 4.0,
    "name": 4.0,
    "symbol": 4.0,
    "place": 2.0,
    "people": 2.0,
    "outcomes": 2.0,
    "org": 1.5,
    "type": 1.5,
    "note": 1.0,
    "details": 1.0,
    "countries": 0.5,
}
ID_BOOST = 12.0
PHRASE_BOOST = 1.0  # times the field weight
PREFIX_SHARE = 0.5
_MIN_PREFIX = 3
_TOKEN = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers of ``text`` (any other character separates).

    Other spellings of a place, state or leader fold to one form
    (:mod:`regint.knowledge.spellings`), in records and queries alike.
    """
    return [canonical(t) for t in _TOKEN.findall(text)]


@dataclass(frozen=True)
class Document:
    """One record as searchable fields: (field name, its words) pairs."""

    kind: str
    id: str
    date: str
    title: str
    fields: tuple[tuple[str, tuple[str, ...]], ...]
    keys: frozenset[str]  # the id and aliases, and their separator-free forms


@dataclass(frozen=True)
class Hit:
    """A search result: the record, its score and the fields the query matched in."""

    kind: str
    id: str
    date: str
    title: str
    score: float
    matched: tuple[str, ...]


@dataclass(frozen=True)
class SearchIndex:
    """The documents of a knowledge base and each word's document frequency."""

    documents: tuple[Document, ...]
    frequency: dict[str, int]

    def search(self, query: str, limit: int | None = 20) -> list[Hit]:
        """The records matching every term of ``query``, best first (ties: file order)."""
        terms = tokens(query)
        if not terms:
            return []
        joined = "".join(terms)
        n = len(self.documents)
        rarity = {t: math.log(1 + n / max(1, self._df(t))) for t in terms}
        hits = []
        for doc in self.documents:
            hit = _score(doc, terms, joined, rarity)
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: -h.score)
        return hits if limit is None else hits[:limit]

    def _df(self, term: str) -> int:
        if term in self.frequency:
            return self.frequency[term]
        if len(term) < _MIN_PREFIX:
            return 0
        return sum(f for word, f in self.frequency.items() if word.startswith(term))


def _score(doc: Document, terms: list[str], joined: str, rarity: dict[str, float]) -> Hit | None:
    score, matched = 0.0, []
    for term in terms:
        best, where = 0.0, ""
        for name, words in doc.fields:
            weight = WEIGHTS[name] * _match(term, words)
            if weight > best:
                best, where = weight, name
        if best == 0.0:
            return None  # every term must match
        score += best * rarity[term]
        matched.append(where)
    if joined in doc.keys:
        score += ID_BOOST * sum(rarity.values())
        matched.insert(0, "id")
    if len(terms) > 1:
        phrase = [WEIGHTS[name] for name, words in doc.fields if _has_phrase(words, terms)]
        score += PHRASE_BOOST * max(phrase, default=0.0) * sum(rarity.values())
    return Hit(
        doc.kind, doc.id, doc.date, doc.title, round(score, 3), tuple(dict.fromkeys(matched))
    )


def _match(term: str, words: tuple[str, ...]) -> float:
    if term in words:
        return 1.0
    if len(term) >= _MIN_PREFIX and any(w.startswith(term) for w in words):
        return PREFIX_SHARE
    return 0.0


def _has_phrase(words: tuple[str, ...], terms: list[str]) -> bool:
    k = len(terms)
    return any(list(words[i : i + k]) == terms for i in range(len(words) - k + 1))


# --- records as documents ---------------------------------------------------------------
def build_index(kb: KnowledgeBase) -> SearchIndex:
    """The search index of ``kb`` (pure; cached by :func:`index_of`)."""
    documents = tuple(_documents(kb))
    frequency: dict[str, int] = {}
    for doc in documents:
        for word in {w for _, words in doc.fields for w in words if w}:
            frequency[word] = frequency.get(word, 0) + 1
    return SearchIndex(documents, frequency)


_CACHE: dict[int, tuple[KnowledgeBase, SearchIndex]] = {}


def index_of(kb: KnowledgeBase) -> SearchIndex:
    """The index of ``kb``, built on first use and kept while ``kb`` lives."""
    cached = _CACHE.get(id(kb))
    if cached is None or cached[0] is not kb:
        if len(_CACHE) > 4:
            _CACHE.clear()
        cached = (kb, build_index(kb))
        _CACHE[id(kb)] = cached
    return cached[1]


def _documents(kb: KnowledgeBase) -> Iterator[Document]:
    names = kb.country_names
    for o in kb.organisations:
        yield _doc(
            "organisation",
            o.id,
            str(o.founded),
            o.name_en,
            (o.id, *o.aliases),
            _org_fields(o),
        )
    for a in kb.agreements:
        yield _doc(
            "agreement", a.id, str(a.signed or ""), a.title, (a.id,), _agreement_fields(a, names)
        )
    for s in kb.spells:
        title = f"{s.country} {s.status} of {s.org} from {s.start or '...'} to {s.end or '...'}"
        yield _doc("membership", s.id, str(s.start or ""), title, (s.id,), _spell_fields(s, names))
    for e in kb.events:
        yield _doc("event", e.id, str(e.date), e.title, (e.id,), _event_fields(e, names))


def _doc(
    kind: str,
    record_id: str,
    date: str,
    title: str,
    keys: Iterable[str],
    fields: Iterable[tuple[str, str]],
) -> Document:
    grouped: dict[str, list[str]] = {}
    for name, text in fields:
        if text:
            grouped.setdefault(name, []).extend([*tokens(text), ""])  # "" breaks phrases
    keyset = {k.lower() for k in keys} | {"".join(tokens(k)) for k in keys}
    # An id such as unga_72_283 is also found by its trailing parts ("72_283", "72/283").
    for key in keys:
        parts = tokens(key)
        keyset.update("".join(parts[i:]) for i in range(1, len(parts)) if len(parts) - i >= 2)
    return Document(
        kind,
        record_id,
        date,
        title,
        tuple((name, tuple(words)) for name, words in grouped.items()),
        frozenset(keyset),
    )


def _org_fields(o: Organisation) -> list[tuple[str, str]]:
    return [
        ("id", o.id),
        *(("alias", a) for a in o.aliases),
        ("name", o.name_en),
        ("name", o.name_ru),
        ("type", " ".join((o.type, *o.secondary_types))),
        ("note", " ".join((o.note, o.depth_note, o.supranational_note, o.founded_note))),
        ("note", o.dissolved_note),
        ("org", " ".join(x for x in (o.predecessor, o.successor, o.parent) if x)),
    ]


def _acts(items: Iterable[Signature]) -> Iterator[tuple[str, str]]:
    for s in items:
        yield ("people", s.by)
        yield ("place", s.place)
        yield ("note", " ".join((s.instrument, s.note)))


def _agreement_fields(a: Agreement, names: dict[str, str]) -> list[tuple[str, str]]:
    fields = [
        ("id", a.id),
        ("title", a.title),
        ("title", a.title_ru),
        ("place", a.place),
        ("org", a.org or ""),
        ("type", a.kind.replace("_", " ")),
        ("note", " ".join((a.note, a.in_force_note))),
        ("details", " ".join(f"{k} {v}" for k, v in a.details.items())),
        *_acts((*a.signatures, *a.accessions, *a.ratifications, *a.in_force_by_country)),
        ("countries", _countries((s.country for s in (*a.signatures, *a.accessions)), names)),
    ]
    if a.resolution is not None:
        r = a.resolution
        fields += [
            ("symbol", r.symbol),
            ("note", " ".join((r.body, r.agenda_item, r.vote, r.note))),
            (
                "countries",
                _countries((*r.sponsors, *((r.initiator,) if r.initiator else ())), names),
            ),
        ]
    return fields


def _spell_fields(s: Spell, names: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("id", s.id),
        ("org", s.org),
        ("type", s.status.replace("_", " ")),
        ("countries", _countries((s.country,), names)),
        ("note", s.note),
    ]


def _event_fields(e: Event, names: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("id", e.id),
        ("title", e.title),
        ("place", e.place),
        ("people", " ".join((e.chair, *e.guests))),
        ("outcomes", " ".join(e.outcomes)),
        ("org", " ".join((*e.all_orgs, *e.agreements))),
        ("type", " ".join((e.type.replace("_", " "), e.status))),
        ("note", e.note),
        ("countries", _countries((*e.countries, *((e.host,) if e.host else ())), names)),
    ]


def _countries(codes: Iterable[str], names: dict[str, str]) -> str:
    return " ".join(f"{c} {names.get(c, '')}" for c in dict.fromkeys(codes))


def hit_row(hit: Hit) -> dict[str, Any]:
    """A search hit as a table row."""
    return {
        "kind": hit.kind,
        "id": hit.id,
        "date": hit.date,
        "title": hit.title,
        "matched": " ".join(hit.matched),
        "score": hit.score,
    }
