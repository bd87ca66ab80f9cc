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
from ..ingest import find_dateline
from ..records import Entity, Span
from .coref import PERSON_HEADS, PERSON_PRONOUNS, ActorHistory
from .dictionary import ActorDictionary, ActorMatch

ACTOR_ENTITY_LABELS = ("PERSON", "GPE", "NORP", "ORG")
PRONOUNS_OF_SPEAKERS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Sectors whose unnamed members ("soldiers", "the police") are, within one story, the same force as
# the last one named with its country ("Israeli troops raided ... The army said soldiers ...").
CONTINUING_FORCES = ("MIL", "COP")
# A named official with a national title but no country ("Interior Minister Mohsin Naqvi") is, by
# wire convention, of the country the story is datelined in: foreign ones are introduced with theirs.
DOMESTIC_TITLE_SECTORS = ("GOV", "MIL", "COP", "LEG", "JUD", "SPY")


def _entity(span: Span, match: ActorMatch) -> Entity:
    return Entity(span, match.code, match.sector, match.name, match.identifier_id)


@dataclass
class DocumentActors:
    actors: ActorDictionary
    report_verbs: frozenset[str]
    text: str  # the document's text, which entity spans index
    history: ActorHistory = field(default_factory=ActorHistory)
    home: str | None = field(default=None, init=False)  # the dateline's country

    def __post_init__(self) -> None:
        dateline = find_dateline(self.text)
        found = self.actors.match(dateline.place.text) if dateline is not None else None
        self.home = found.code if found is not None and found.kind == "country" else None

    def entity(self, head: Token | None, on_date: dt.date | None, recipient: bool = False) -> Entity | None:
        """The actor a phrase names: the dictionary's match, else the speaker a pronoun points to,
        else the last compatible actor of the document."""
        if head is None:
            return None
        phrase = noun_phrase(head)
        span = Span.of(self.text, phrase.start_char, phrase.end_char)
        match = None if head.pos_ == "PRON" else self._match(head, on_date)
        user = _user_of(head) if match is None and not recipient else None
        if user is not None:
            # "water cannon fired by Chinese coast guard ships": the means stands for who used it
            return self.entity(user, on_date)
        if match is None or match.code is None:
            speaker = self._speaker(head)
            if speaker is not None:
                speaker_text = noun_phrase(speaker).text
                found = self._match(speaker, on_date)
                if found is not None and (found.code or found.sector):
                    return _entity(span, found)
                antecedent = self.history.resolve(speaker_text)  # "the agency said it will ..."
                if antecedent is not None:
                    return _entity(span, antecedent.match)
            antecedent = self.history.resolve(phrase.text)
            if antecedent is not None:
                self.history.mention_again(antecedent, subject=not recipient)
                return _entity(span, antecedent.match)
        if match is None:
            # an unknown proper name may still be an actor; "a peace deal" as a recipient is not
            return None if recipient and head.pos_ not in ("PROPN", "PRON") else Entity(span)
        person = _is_person(head, phrase)
        match = self._placed(match, phrase, person)
        if match.code is None and match.sector in CONTINUING_FORCES and not person and not match.qualified:
            force = self.history.same_sector(match.sector)
            if force is not None:
                match = dataclasses.replace(match, code=force.match.code)
        self.history.add(match, phrase.text, person=person, subject=not recipient)
        return _entity(span, match)

    def _match(self, head: Token, on_date: dt.date | None) -> ActorMatch | None:
        """The dictionary's reading of the phrase, else of its apposition ("longtime ally Azerbaijan",
        "the al-Qaeda-linked group al-Shabaab")."""
        match = self.actors.match(noun_phrase(head).text, on_date)
        for appositive in (c for c in head.children if c.dep_ == "appos" and match is None):
            match = self.actors.match(noun_phrase(appositive).text, on_date)
        return match

    def _placed(self, match: ActorMatch, phrase: SpacySpan, person: bool) -> ActorMatch:
        """A titled official named without a country takes the dateline's country."""
        if match.code is None and person and self.home and match.sector in DOMESTIC_TITLE_SECTORS \
                and any(_names_person(t) for t in phrase):
            return dataclasses.replace(match, code=self.home)
        return match

    def _speaker(self, head: Token) -> Token | None:
        """Who a pronoun points back to within its sentence: the subject of a reporting verb governing it
        ("the U.S. military said it had carried out a strike", "the agency said its trucks delivered
        food"), else of another clause governing it that agrees with it."""
        pronoun = head if head.pos_ == "PRON" else next(
            (c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if pronoun is None or pronoun.lower_ not in PRONOUNS_OF_SPEAKERS:
            return None
        reporter = next((g for g in governors(pronoun) if lemma(g) in self.report_verbs), None)
        speaker = subject_of(reporter) if reporter is not None else None
        if speaker is not None and speaker.pos_ != "PRON":
            return speaker
        return _clause_subject(pronoun)

    def remember(self, entities: list[SpacySpan], on_date: dt.date | None) -> None:
        """Named actors of a sentence become antecedents for later pronouns and titles."""
        for ent in entities:
            if ent.label_ not in ACTOR_ENTITY_LABELS:
                continue
            head = ent.root
            if head.dep_ in ("poss", "compound", "amod") and head.head.pos_ == "NOUN":
                head = head.head  # "Israel's foreign minister", "Algerian troops": who acts, not the country
            phrase = noun_phrase(head)
            match = self.actors.match(phrase.text, on_date)
            if (match is None or not match.code) and ent.label_ == "PERSON" and head.dep_ == "appos":
                # "Niger's defense minister, General Salifou Mody, said": the title says who he is
                title = self.actors.match(noun_phrase(head.head).text, on_date)
                if title is not None and title.code:
                    match = dataclasses.replace(title, name=ent.text, kind="person")
            if match is not None:
                person = _is_person(head, phrase)
                self.history.add(self._placed(match, phrase, person), phrase.text, person=person,
                                 subject=head.dep_ in SUBJECT_DEPS)
        self.history.next_sentence()


def names_a_person(entity: Entity, doc: Doc) -> bool:
    """Whether an entity's words hold a person's name ("Defense Secretary Lloyd Austin")."""
    tokens = doc.char_span(entity.entity_text.start, entity.entity_text.end, alignment_mode="expand") or ()
    return any(_names_person(t) for t in tokens)


def _names_person(token: Token) -> bool:
    """A word of a person's name; not a name-like word modifying something else: the tagger's
    PERSON "Riot" in "Riot police", "Biden" in "the Biden administration"."""
    return token.ent_type_ == "PERSON" and not (
        token.dep_ == "compound" and token.head.ent_type_ != "PERSON" and token.head.pos_ == "NOUN")


def _user_of(head: Token) -> Token | None:
    """X in "<thing> fired / launched / planted by X"."""
    for clause in (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            user = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if user is not None and user.pos_ in ("NOUN", "PROPN"):
                return user
    return None


def _clause_subject(pronoun: Token) -> Token | None:
    """The subject of a clause governing the pronoun, named before it and agreeing with it: "Hezbollah
    denied that it had fired", "the president sent his adviser to Port Sudan, where he met ..."."""
    for governor in governors(pronoun):
        if governor.pos_ not in ("VERB", "AUX"):
            continue
        subject = subject_of(governor)
        if subject is None or subject.pos_ == "PRON" or subject.i > pronoun.i:
            continue
        phrase = noun_phrase(subject)
        person = _is_person(subject, phrase)
        plural = subject.tag_ in ("NNS", "NNPS") or any(t.lower_ == "and" for t in phrase)
        if pronoun.lower_ in PERSON_PRONOUNS:
            agrees = person
        elif pronoun.lower_ in ("it", "its"):
            agrees = not person and not plural
        else:
            agrees = not person
        return subject if agrees else None
    return None


def _is_person(head: Token, phrase: SpacySpan) -> bool:
    """Whether a phrase names one person: a person's name, or a singular title ("the envoy")."""
    if _names_person(head):
        return True
    return lemma(head) in PERSON_HEADS and head.tag_ != "NNS" and not any(
        t.lower_ in ("and", "or") for t in phrase)
