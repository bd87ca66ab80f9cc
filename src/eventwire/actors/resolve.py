"""The actors of one document: phrases resolved through the dictionary, the reporting speaker
("the U.S. military said it ...") and the document's earlier actors ("he", "the president")."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..events.syntax import governors, lemma, noun_phrase, subject_of
from ..records import Entity, Span
from .coref import ActorHistory
from .dictionary import ActorDictionary, ActorMatch

ACTOR_ENTITY_LABELS = ("PERSON", "GPE", "NORP", "ORG")
PRONOUNS_OF_SPEAKERS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her"})


def _entity(span: Span, match: ActorMatch) -> Entity:
    return Entity(span, match.code, match.sector, match.name, match.identifier_id)


@dataclass
class DocumentActors:
    actors: ActorDictionary
    report_verbs: frozenset[str]
    text: str  # the document's text, which entity spans index
    history: ActorHistory = field(default_factory=ActorHistory)

    def entity(self, head: Token | None, on_date: dt.date | None, recipient: bool = False) -> Entity | None:
        """The actor a phrase names: the dictionary's match, else the speaker a pronoun points to,
        else the last compatible actor of the document."""
        if head is None:
            return None
        phrase = noun_phrase(head)
        span = Span.of(self.text, phrase.start_char, phrase.end_char)
        match = None if head.pos_ == "PRON" else self.actors.match(phrase.text, on_date)
        for appositive in (c for c in head.children if c.dep_ == "appos" and match is None):
            match = self.actors.match(noun_phrase(appositive).text, on_date)  # "longtime ally Azerbaijan"
        if match is None or match.code is None:
            speaker = self._speaker(head)
            if speaker is not None:
                speaker_text = noun_phrase(speaker).text
                found = self.actors.match(speaker_text, on_date)
                if found is not None and (found.code or found.sector):
                    return _entity(span, found)
                antecedent = self.history.resolve(speaker_text)  # "the agency said it will ..."
                if antecedent is not None:
                    return _entity(span, antecedent.match)
            antecedent = self.history.resolve(phrase.text)
            if antecedent is not None:
                return _entity(span, antecedent.match)
        if match is None:
            # an unknown proper name may still be an actor; "a peace deal" as a recipient is not
            return None if recipient and head.pos_ not in ("PROPN", "PRON") else Entity(span)
        self.history.add(match, phrase.text)
        return _entity(span, match)

    def _speaker(self, head: Token) -> Token | None:
        """Who a pronoun points back to when a reporting verb governs it: "the U.S. military said it had
        carried out a strike", "the agency said its trucks delivered food"."""
        pronoun = head if head.pos_ == "PRON" else next(
            (c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if pronoun is None or pronoun.lower_ not in PRONOUNS_OF_SPEAKERS:
            return None
        reporter = next((g for g in governors(pronoun) if lemma(g) in self.report_verbs), None)
        speaker = subject_of(reporter) if reporter is not None else None
        return None if speaker is None or speaker.pos_ == "PRON" else speaker

    def remember(self, entities: list[SpacySpan], on_date: dt.date | None) -> None:
        """Named actors of a sentence become antecedents for later pronouns and titles."""
        for ent in entities:
            if ent.label_ not in ACTOR_ENTITY_LABELS:
                continue
            phrase = noun_phrase(ent.root)
            match = self.actors.match(phrase.text, on_date)
            if (match is None or not match.code) and ent.label_ == "PERSON" and ent.root.dep_ == "appos":
                # "Niger's defense minister, General Salifou Mody, said": the title says who he is
                title = self.actors.match(noun_phrase(ent.root.head).text, on_date)
                if title is not None and title.code:
                    match = dataclasses.replace(title, name=ent.text, kind="person")
            if match is not None:
                self.history.add(match, phrase.text)


def names_a_person(entity: Entity, doc: Doc) -> bool:
    """Whether an entity's words hold a person's name ("Defense Secretary Lloyd Austin")."""
    tokens = doc.char_span(entity.entity_text.start, entity.entity_text.end, alignment_mode="expand") or ()
    return any(t.ent_type_ == "PERSON" for t in tokens)
