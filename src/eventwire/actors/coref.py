"""Pronouns and bare titles ("he", "they", "the president") resolved to the last compatible actor."""
from __future__ import annotations

from dataclasses import dataclass, field

from .dictionary import ActorMatch

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "it", "its"})
# "the agency said ...": a definite group noun points back to the last organisation or group named.
GROUP_NOUNS = frozenset({"agency", "group", "organisation", "organization", "movement", "alliance", "bloc",
                         "body", "coalition"})
# Words between the article and a group noun that do not change what it points to ("the same group").
GROUP_NOUN_MODIFIERS = frozenset({"same", "armed", "militant"})
TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "minister", "leader", "king",
                    "foreign minister", "defence minister", "defense minister", "general", "commander",
                    "spokesman", "spokeswoman", "spokesperson", "governor", "mayor"})
# Head nouns of a phrase naming one person ("Cambodia's prime minister", "a U.S. envoy"): such a
# phrase is an antecedent for "he" and "she" even though the dictionary codes it as a country's sector.
PERSON_HEADS = frozenset({"president", "minister", "premier", "chancellor", "leader", "king", "queen", "emir",
                          "prince", "monarch", "general", "commander", "spokesman", "spokeswoman",
                          "spokesperson", "governor", "mayor", "envoy", "ambassador", "secretary", "chief",
                          "adviser", "advisor", "official", "diplomat", "counterpart", "negotiator"})


@dataclass
class Antecedent:
    match: ActorMatch
    text: str
    person: bool = False  # names one person (a leader, a named or titled official)
    subject: bool = False  # was its clause's subject (or an event's actor): the likelier antecedent
    sentence: int = 0


@dataclass
class ActorHistory:
    """The named actors of one document, in reading order."""

    items: list[Antecedent] = field(default_factory=list)
    sentence: int = 0  # index of the sentence being read

    def add(self, match: ActorMatch, text: str, person: bool = False, subject: bool = False) -> None:
        # an unnamed body ("the military government") counts too: "It also suspended ..." is it,
        # and takes the country it would have taken itself
        if match.code or match.name or match.sector:
            self.items.append(Antecedent(match, text, person or match.kind == "person", subject, self.sentence))

    def mention_again(self, antecedent: Antecedent, subject: bool) -> None:
        """A pronoun or title resolved to `antecedent` keeps it salient: "he met X. He then ..."."""
        self.items.append(Antecedent(antecedent.match, antecedent.text, antecedent.person, subject, self.sentence))

    def next_sentence(self) -> None:
        self.sentence += 1

    def resolve(self, phrase: str) -> Antecedent | None:
        """The antecedent of a pronoun or a bare title phrase, or None if the phrase is neither."""
        words = phrase.lower().split()
        definite = bool(words) and words[0] == "the"
        if words and words[0] in ("the", "a", "an"):
            words = words[1:]
        key = " ".join(words)
        if key in PERSON_PRONOUNS:
            return _salient([item for item in self.items if item.person])
        if key in TITLES or (definite and 0 < len(words) <= 3 and words[-1] in PERSON_HEADS):
            # "the president", "the envoy": the last one so titled, else (a head-of-government title)
            # the last person in government
            persons = [item for item in self.items if item.person]
            found = _salient([item for item in persons if key in item.text.lower()]) \
                or _salient([item for item in persons if words[-1] in item.text.lower().split()])
            if found is None and key in TITLES:
                found = _salient([item for item in persons if item.match.sector == "GOV"])
            return found
        group_key = " ".join(w for w in words if w not in GROUP_NOUN_MODIFIERS)
        if group_key in GROUP_NOUNS and definite:
            return _salient([item for item in self.items if item.match.kind == "group" and not item.person])
        if key in GROUP_PRONOUNS:
            return _salient([item for item in self.items if not item.person])
        return None

    def same_sector(self, sector: str) -> Antecedent | None:
        """The last actor with a country and this sector: "soldiers" after "Israeli troops"."""
        return next((item for item in reversed(self.items)
                     if item.match.code and item.match.sector == sector and not item.person), None)


def _salient(candidates: list[Antecedent]) -> Antecedent | None:
    """The latest candidate, but its sentence's subject when that sentence has one among them:
    "A U.S. envoy met Lebanon's president. She urged ..." points to the envoy."""
    if not candidates:
        return None
    last = candidates[-1]
    if last.subject:
        return last
    return next((c for c in reversed(candidates) if c.subject and c.sentence == last.sentence), last)
