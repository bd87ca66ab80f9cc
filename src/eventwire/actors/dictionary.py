"""Resolve the words naming an actor to a country (or IGO) code, a PLOVER sector and a known person.

The tables (countries, partly recognised entities, seats, organisations, sector words, leaders) are
compiled once into a lookup keyed by token tuples, so `match` costs a few dictionary probes per token
of the phrase. Leaders, organisations and partly recognised entities are dated: `match` reads them as
they stood on the day it is given.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..folding import strip_accents
from .tables import Dated, Leader, Tables, load_tables

# Abbreviations with dots (U.S., U.A.E.), the possessive 's on its own, words (inner apostrophes
# kept: Côte d'Ivoire, Sana'a), and hyphens as tokens so "pro-Russian" is pro + - + Russian.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|['’]s\b|[^\W_]+(?:['’](?!s\b)[^\W_]+)*|-")
_COUNTRY_KINDS = ("country", "demonym", "capital", "seat", "de_facto")


@dataclass
class ActorMatch:
    """What a phrase names; `start`/`end` are offsets in the phrase of the deciding words."""

    code: str | None
    sector: str | None
    name: str | None
    identifier_id: str | None
    kind: str  # "person", "group" or "country"
    start: int
    end: int
    # a country word in the phrase says whom it is backed by or belongs to, not whose it is
    # ("pro-Armenian forces", "ethnic Azeri militia"): not a force of that country, nor the last one named
    qualified: bool = False


@dataclass(frozen=True)
class _Entry:
    kind: str  # country, demonym, capital, seat, de_facto, org, leader, sector, role, blocked
    code: str | None = None
    sector: str | None = None
    name: str | None = None  # canonical name; for sector and role words, the lemma
    leader: Leader | None = None
    dated: Dated | None = None  # the organisation or partly recognised entity, with its dates
    wikidata: str | None = None
    people: bool = False  # a partly recognised entity's demonym: its people, not its authorities
    needs_capital: bool = False  # a name that is also a common English word
    bare_surname: bool = False  # a one-word leader alias


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Span:
    first: int  # token indexes, end exclusive
    last: int
    entries: tuple[_Entry, ...]


def _fold(text: str) -> str:
    """Case- and accent-insensitive form ("Türkiye" -> "turkiye")."""
    return strip_accents(text).casefold()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_all_caps(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _plural(lemma: str) -> str:
    """Regular English plural of a term's last word (the tables hold singular lemmas)."""
    head, _, last = lemma.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


class ActorDictionary:
    """Countries, seats of government, organisations, sector words and leaders, indexed."""

    def __init__(self, tables: Tables):
        self.tables = tables
        words = tables.matching
        self._capitalised_only = frozenset(words.get("capitalised_only", ()))
        self._prefixes = frozenset(words.get("affiliation_prefixes", ()))
        self._suffixes = frozenset(words.get("affiliation_suffixes", ()))
        self._prepositions = frozenset(words.get("prepositions", ()))
        self._honorifics = frozenset(words.get("honorifics", ()))
        self._ethnic_markers = frozenset(words.get("ethnic_markers", ()))
        self.local_markers = frozenset(words.get("local_markers", ()))
        self._folded: dict[tuple[str, ...], list[_Entry]] = {}
        self._exact: dict[tuple[str, ...], list[_Entry]] = {}  # all-caps aliases: US, UK, DRC
        self._build()
        self._longest = max(map(len, (*self._folded, *self._exact)))

    @classmethod
    def load(cls, extra: str | Path | None = None) -> ActorDictionary:
        """The shipped dictionary (cached), or a fresh one with `extra` (a user YAML) merged in."""
        return _default() if extra is None else cls(load_tables(extra))

    # -- index ---------------------------------------------------------------------------------

    def _add(self, alias: str, entry: _Entry) -> None:
        tokens = [t.text for t in _tokens(alias)]
        if not tokens:
            return
        if _is_all_caps(alias):
            self._exact.setdefault(tuple(tokens), []).append(entry)
            return
        key = tuple(_fold(t) for t in tokens)
        if len(key) == 1 and key[0] in self._capitalised_only:
            entry = replace(entry, needs_capital=True)
        self._folded.setdefault(key, []).append(entry)

    def _build(self) -> None:
        t = self.tables
        for phrase in t.blocked:
            self._add(phrase, _Entry("blocked"))
        for iso3, country in t.countries.items():
            for alias in dict.fromkeys([country["name"], *country["names"]]):
                self._add(alias, _Entry("country", code=iso3, wikidata=country["wikidata"]))
            for demonym in country["demonyms"]:
                self._add(demonym, _Entry("demonym", code=iso3))
            for capital in country["capitals"]:
                self._add(capital, _Entry("capital", code=iso3, sector="GOV"))
        for seat in t.seats.values():
            self._add(seat["name"], _Entry("seat", code=seat["iso3"], sector=seat["sector"]))
        for entity in t.partly_recognised:
            entry = _Entry("de_facto", code=entity.iso3, sector="PRE", name=entity.name, dated=entity,
                           wikidata=entity.wikidata)
            for alias in dict.fromkeys([entity.name, *entity.aliases, *entity.seats]):
                self._add(alias, entry)
            for demonym in entity.demonyms:
                self._add(demonym, replace(entry, people=True))
        for org in t.organizations:
            for alias in dict.fromkeys([org.name, *org.aliases]):
                self._add(alias, _Entry("org", code=org.code, sector=org.sector, name=org.name, dated=org,
                                        wikidata=org.wikidata))
        for kind, table in (("role", t.roles), ("sector", t.sectors)):
            for lemma, sector in table.items():
                for form in dict.fromkeys([lemma, _plural(lemma)]):
                    self._add(form, _Entry(kind, sector=sector, name=lemma))
        for leader in t.leaders:
            for alias in dict.fromkeys([leader.name, *leader.aliases]):
                single = len(_tokens(alias)) == 1 and alias != leader.name
                self._add(alias, _Entry("leader", code=leader.iso3, name=leader.name, leader=leader,
                                        bare_surname=single))

    # -- matching ------------------------------------------------------------------------------

    def _lookup(self, tokens: list[_Token], i: int, n: int, on_date: dt.date | None) -> tuple[_Entry, ...]:
        words = tokens[i:i + n]
        found = [*self._exact.get(tuple(t.text for t in words), ()),
                 *self._folded.get(tuple(_fold(t.text) for t in words), ())]
        capitalised = words[0].text[:1].isupper()
        dated = (_as_of(e, on_date) for e in found if capitalised or not e.needs_capital)
        return tuple(e for e in dated if e is not None)

    def _spans(self, tokens: list[_Token], on_date: dt.date | None) -> list[_Span]:
        """Leftmost-longest matches: "Guinea-Bissau" wins over "Guinea", "Latin America" blocks "America"."""
        spans, i = [], 0
        while i < len(tokens):
            for n in range(min(self._longest, len(tokens) - i), 0, -1):
                entries = self._lookup(tokens, i, n, on_date)
                if entries:
                    spans.append(_Span(i, i + n, entries))
                    i += n
                    break
            else:
                i += 1
        return spans

    def _affiliated(self, tokens: list[_Token], span: _Span) -> bool:
        """True for "pro-Russian", "anti-government", "Iran-backed": backed by, not part of."""
        before = [_fold(t.text) for t in tokens[max(0, span.first - 2):span.first]]
        after = [_fold(t.text) for t in tokens[span.last:span.last + 2]]
        return (len(before) == 2 and before[1] == "-" and before[0] in self._prefixes) or (
            len(after) == 2 and after[0] == "-" and after[1] in self._suffixes)

    def _ethnic(self, tokens: list[_Token], span: _Span) -> bool:
        """True for "ethnic Armenian": a people living anywhere, not the country's state."""
        return span.first > 0 and _fold(tokens[span.first - 1].text) in self._ethnic_markers and all(
            e.kind == "demonym" for e in span.entries)

    def _someone_else(self, tokens: list[_Token], span: _Span, covered: set[int]) -> bool:
        """A bare surname after another capitalised name is a namesake ("Hunter Biden")."""
        if span.first == 0:
            return False
        prev = tokens[span.first - 1]
        return (span.first - 1 not in covered and prev.text[:1].isupper()
                and _fold(prev.text).rstrip(".") not in self._honorifics)

    @staticmethod
    def _pick_leader(entries: list[_Entry], on_date: dt.date | None) -> tuple[_Entry, str]:
        """The holder on `on_date` ("in"), else the latest former ("former") or future one."""
        if on_date is None:
            return max(entries, key=lambda e: e.leader.start), "in"
        serving = [e for e in entries if e.leader.holds_on(on_date)]
        if serving:
            return max(serving, key=lambda e: e.leader.start), "in"
        former = [e for e in entries if e.leader.end is not None and e.leader.end <= on_date]
        if former:
            return max(former, key=lambda e: e.leader.end), "former"
        return min(entries, key=lambda e: e.leader.start), "future"

    def match(self, text: str, on_date: dt.date | None = None) -> ActorMatch | None:
        """Resolve a noun phrase ("the Azerbaijan army", "Pashinyan", "protesters") or None."""
        tokens = _tokens(text)
        found = self._spans(tokens, on_date)
        spans = [s for s in found if not self._affiliated(tokens, s) and not self._ethnic(tokens, s)]
        qualified = len(spans) < len(found)
        covered = {i for s in spans for i in range(s.first, s.last)}
        head_end = next((i for i, t in enumerate(tokens) if _fold(t.text) in self._prepositions), len(tokens))

        person = code_span = group = None  # group: an organisation named after its country's word
        words: list[tuple[_Span, _Entry]] = []
        roles: list[tuple[_Span, _Entry]] = []
        for span in spans:
            by_kind: dict[str, list[_Entry]] = {}
            for entry in span.entries:
                by_kind.setdefault(entry.kind, []).append(entry)
            if "leader" in by_kind and person is None:
                namesake = self._someone_else(tokens, span, covered)
                named = [e for e in by_kind["leader"] if not (e.bare_surname and namesake)]
                if named:
                    person = (span, *self._pick_leader(named, on_date))
                    continue
            placed = next((by_kind[k][0] for k in _COUNTRY_KINDS if k in by_kind), None) or (
                max(by_kind["org"], key=lambda e: e.dated.start) if "org" in by_kind else None)  # latest role
            if placed is not None and code_span is None:
                code_span = (span, placed)
            elif placed is not None and placed.kind == "org" and code_span[1].kind != "org" \
                    and placed.code in (None, code_span[1].code):
                group = group or placed  # "Lebanese Hezbollah", "the Syrian Red Crescent"
            elif "sector" in by_kind:
                words.append((span, by_kind["sector"][0]))
            elif "role" in by_kind:
                roles.append((span, by_kind["role"][0]))

        head_words = [w for w in words if w[0].first < head_end]
        word = head_words[-1] if head_words else (words[0] if words else None)
        if person is not None:
            if person[2] != "in" and code_span is not None and code_span[1].kind == "org":
                # "NATO Secretary-General Mark Rutte": a past leader now speaks for the organisation
                org = code_span[1]
                return ActorMatch(code=org.code, sector=org.sector, name=person[1].leader.name,
                                  identifier_id=person[1].leader.wikidata, kind="person",
                                  start=tokens[person[0].first].start, end=tokens[person[0].last - 1].end)
            return self._person_match(tokens, person, word)
        if code_span is None and not word and not roles:
            return None
        place = code_span[1] if code_span else None
        entity = group or place  # who the phrase names; `place` gives the country
        sector = self._sector(entity, word[1] if word else None, roles[-1][1] if roles else None)
        decisive = code_span or word or roles[-1]
        if entity is None or entity.kind not in _COUNTRY_KINDS or word or roles:
            kind = "group"
        else:
            kind = "country"
        # the name is the entity's, not its residents' ("Nagorno-Karabakh residents" are not Artsakh)
        name = entity.name if entity and (entity.kind != "de_facto" or sector == entity.sector) else None
        # the phrase is the entity itself ("Armenia", "Hamas"), not a part or people of it
        named = (kind == "country" and not entity.people) or (name is not None and entity.kind == "org")
        return ActorMatch(
            code=place.code if place else None,
            sector=sector,
            name=name,
            identifier_id=entity.wikidata if named else None,
            kind=kind,
            start=tokens[decisive[0].first].start,
            end=tokens[decisive[0].last - 1].end,
            qualified=qualified,
        )

    def _sector(self, place: _Entry | None, word: _Entry | None, role: _Entry | None) -> str | None:
        """The sector of a phrase from its place or organisation, its sector word and its role word."""
        own = place.sector if place else None
        if place is not None and place.kind == "de_facto":
            # PLOVER: a partly recognised entity's own organs ("Abkhaz officials", "Karabakh forces") are
            # the entity, sector PRE; its residents are residents
            organ = word or role
            if organ is None:
                return None if place.people else own
            return own if organ.sector in self.tables.state_organs else organ.sector
        if own == "GOV" and place.kind == "org" and word is not None and word.sector == "UAF":
            return "MIL"  # "Taliban fighters" after 2021: a governing group's fighters are its forces
        if own is not None and own != "GOV" and not (own == "IGO" and word and word.sector in ("MIL", "COP")):
            return own  # "Pentagon officials" MIL, "UN envoy" IGO; but "UN peacekeepers" MIL
        return (word.sector if word else None) or own or (role.sector if role else None)

    @staticmethod
    def _person_match(tokens: list[_Token], person: tuple[_Span, _Entry, str],
                      word: tuple[_Span, _Entry] | None) -> ActorMatch:
        span, entry, status = person
        if status == "in":
            sector = entry.leader.sector
        elif word is not None and word[1].name != _fold(entry.leader.title):
            sector = word[1].sector  # out of office, the phrase's own words decide: "former president" ELI
        else:
            # the office they held or will hold is no role now: "President Trump" in a 2015 story
            sector = "ELI" if status == "former" else None
        return ActorMatch(
            code=entry.code, sector=sector, name=entry.leader.name, identifier_id=entry.leader.wikidata,
            kind="person", start=tokens[span.first].start, end=tokens[span.last - 1].end,
        )

    # -- spaCy -------------------------------------------------------------------------------

    def ruler_patterns(self) -> list[dict]:
        """EntityRuler phrase patterns: countries and capitals GPE, demonyms NORP, seats and
        organisations ORG, leaders' full names PERSON; each also in its accent-free spelling."""
        t = self.tables
        labelled: list[tuple[str, str]] = []
        for country in t.countries.values():
            labelled += [("GPE", n) for n in (country["name"], *country["names"], *country["capitals"])]
            labelled += [("NORP", d) for d in country["demonyms"]]
        labelled += [("ORG", s["name"]) for s in t.seats.values()]
        labelled += [("ORG", n) for o in t.organizations for n in (o.name, *o.aliases)]
        # partly recognised entities are left to the place tables, which label their regions
        for leader in t.leaders:
            labelled += [("PERSON", n) for n in (leader.name, *leader.aliases) if len(_tokens(n)) > 1]
        patterns: dict[str, dict] = {}
        for label, phrase in labelled:
            for form in (phrase, strip_accents(phrase)):
                patterns.setdefault(form, {"label": label, "pattern": form})
        return list(patterns.values())


def _as_of(entry: _Entry, on_date: dt.date | None) -> _Entry | None:
    """An organisation or partly recognised entity as it stood on the day: an organisation outside its
    dates is no one ("Africa Corps" in 2015); an entity outside them is a region of its country
    ("Karabakh authorities" after Artsakh dissolved are Azerbaijan's)."""
    if entry.dated is None or on_date is None or entry.dated.holds_on(on_date):
        return entry
    if entry.kind == "org":
        return None
    return replace(entry, kind="demonym" if entry.people else "country", sector=None, name=None, dated=None,
                   wikidata=None, people=False)


@lru_cache(maxsize=1)
def _default() -> ActorDictionary:
    return ActorDictionary(load_tables())
