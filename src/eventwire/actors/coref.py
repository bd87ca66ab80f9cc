"""Pronouns and bare titles ("he", "they", "the president") resolved to the last compatible actor."""
from __future__ import annotations

from dataclasses import dataclass, field

from .dictionary import ActorMatch

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "it", "its"})
# "the agency said ...": a definite group noun points back to the last organisation or group named.
GROUP_NOUNS = frozenset({"agency", "group", "organisation", "organization", "movement", "alliance", "bloc",
                         "body", "coalition"})
TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "minister", "leader", "king",
                    "foreign minister", "defence minister", "defense minister", "general", "commander",
                    "spokesman", "spokeswoman", "spokesperson", "governor", "mayor"})


@dataclass
class Antecedent:
    match: ActorMatch
    text: str


@dataclass
class ActorHistory:
    """The named actors of one document, in reading order."""

    items: list[Antecedent] = field(default_factory=list)

    def add(self, match: ActorMatch, text: str) -> None:
        if match.code or match.name:
            self.items.append(Antecedent(match, text))

    def resolve(self, phrase: str) -> Antecedent | None:
        """The antecedent of a pronoun or a bare title phrase, or None if the phrase is neither."""
        words = phrase.lower().split()
        if words and words[0] in ("the", "a", "an"):
            words = words[1:]
        key = " ".join(words)
        if key in PERSON_PRONOUNS or key in TITLES:
            wanted = key if key in TITLES else None
            for item in reversed(self.items):
                if item.match.kind == "person" and (wanted is None or wanted in item.text.lower()
                                                    or item.match.sector == "GOV"):
                    return item
            return None
        if key in GROUP_NOUNS and phrase.lower().startswith("the "):
            return next((item for item in reversed(self.items) if item.match.kind == "group"), None)
        if key in GROUP_PRONOUNS:
            return next((item for item in reversed(self.items) if item.match.kind != "person"), None)
        return None
