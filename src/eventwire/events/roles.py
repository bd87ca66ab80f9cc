"""Who acted and on whom: actor and recipient heads from the dependency structure.

Handles active and passive voice ("were attacked by"), "against X", "between X and Y",
coordinated subjects, possessives ("Russia's attack"), demonyms ("Israeli strikes") and event nouns
carried by light verbs.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .detect import Candidate
from .syntax import agent_of, conjuncts, is_passive, passive_subject, prep_object, subject_of

# Events where both parties act together: coordinated subjects become actor and recipient.
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Prepositions that introduce the recipient, by event type (default for the rest).
RECIPIENT_PREPS = {
    "AGREE": ("with", "to"),
    "CONSULT": ("with",),
    "COOPERATE": ("with",),
    "SUPPORT": ("behind", "for", "to"),
    "AID": ("to", "for"),
    "REQUEST": ("on", "from", "to"),
    "ACCUSE": ("of",),
    "PROTEST": ("against", "outside", "at"),
    "RETREAT": ("from",),
    "ASSAULT": ("against", "on", "at", "upon", "into"),
}
DEFAULT_RECIPIENT_PREPS = ("against", "on", "with", "to", "at")
# Verbs whose subject is the recipient and whose giver follows a preposition, by event type:
# "Ukraine received two Patriot batteries from Germany" is AID by Germany to Ukraine.
RECEIVING_VERBS = {"AID": {"receive": ("from",)}}
# Events whose trigger may need its object to be a person, who is then the recipient: "met the U.S.
# ambassador", "hosted his Turkish counterpart".
MEETING_EVENTS = frozenset({"CONSULT"})
ACTOR_LABELS = ("GPE", "NORP", "ORG", "PERSON")


@dataclass
class Roles:
    actors: list[Token]  # heads of the actor phrases (several when the subject is coordinated)
    recipient: Token | None
    how: str
    mutual: bool = False  # two coordinated parties acting together: each is the other's recipient

    def pairs(self) -> list[tuple[Token | None, Token | None]]:
        """(actor, recipient) heads, one pair per mention to code."""
        if self.mutual:
            first, second = self.actors
            return [(first, second), (second, first)]
        return [(actor, self.recipient) for actor in self.actors] or [(None, self.recipient)]


def find_roles(candidate: Candidate) -> Roles:
    actor, recipient, how = (_noun_roles if candidate.nominal and candidate.anchor.i == candidate.head.i
                             else _predicate_roles)(candidate)
    between = prep_object(candidate.head, ("between",)) or prep_object(candidate.anchor, ("between",))
    if between is not None and actor is None:
        parties = conjuncts(between)
        actor, recipient, how = parties[0], (parties[1] if len(parties) > 1 else recipient), "between X and Y"
    actors = conjuncts(actor) if actor is not None else []
    if candidate.event in SYMMETRIC and len(actors) == 2 and recipient is None:
        # "Mali and Niger agreed": each party acts towards the other
        return Roles(actors, None, how + "; coordinated parties", mutual=True)
    return Roles(actors, recipient, how)


def _predicate_roles(candidate: Candidate) -> tuple[Token | None, Token | None, str]:
    verb = candidate.anchor
    preps = RECIPIENT_PREPS.get(candidate.event, DEFAULT_RECIPIENT_PREPS)
    if is_passive(verb):
        patient = passive_subject(verb)
        if candidate.nominal:  # "an attack was launched by X against Y"
            return agent_of(verb), prep_object(candidate.head, preps) or prep_object(verb, preps), "passive light verb"
        return agent_of(verb), patient, "passive voice"
    actor = subject_of(verb)
    giver_preps = RECEIVING_VERBS.get(candidate.event, {}).get(candidate.trigger.words[0])
    if giver_preps and not candidate.nominal:
        return prep_object(verb, giver_preps), actor, "receiving verb"
    if candidate.nominal:
        # "a barrage and drone attacks against X": coordinated event nouns share their arguments
        recipient = next((r for r in (prep_object(n, preps) for n in conjuncts(candidate.head)) if r is not None),
                         None) or prep_object(verb, preps) or _named_object_of(candidate.head)
        return actor or _noun_actor(candidate.head), recipient, "light verb subject"
    recipient = _direct_object(verb, candidate) or prep_object(verb, preps)
    return actor, recipient, "active voice"


def _noun_roles(candidate: Candidate) -> tuple[Token | None, Token | None, str]:
    noun = candidate.head
    preps = RECIPIENT_PREPS.get(candidate.event, DEFAULT_RECIPIENT_PREPS)
    recipient = prep_object(noun, preps) or _named_object_of(noun)
    if noun.dep_ in ("nsubj",) and noun.head.pos_ == "VERB":  # "airstrikes killed six civilians"
        recipient = recipient or next((c for c in noun.head.children if c.dep_ == "dobj"), None)
    return _noun_actor(noun), recipient, "event noun"


def _noun_actor(noun: Token) -> Token | None:
    """"Russia's attack", "the attack by rebels", "Israeli strikes", "Turkish drone strikes"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in ("its", "their", "his", "her", "our"):
            return child
    by = prep_object(noun, ("by",))
    if by is not None:
        return by
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ACTOR_LABELS:
            return child
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    return None


def _named_object_of(noun: Token) -> Token | None:
    """"the invasion of Ukraine": a named party after "of" is what the event noun acts on."""
    named = prep_object(noun, ("of",))
    return named if named is not None and named.ent_type_ in ACTOR_LABELS else None


def _direct_object(verb: Token, candidate: Candidate) -> Token | None:
    """The verb's object, unless it is part of the trigger or a weapon ("fired rockets")."""
    trigger_indices = {t.i for t in candidate.tokens}
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.i not in trigger_indices and child.pos_ in ("NOUN", "PROPN", "PRON"):
            if child.lemma_.lower() in candidate.trigger.with_words and candidate.event not in MEETING_EVENTS:
                continue  # "fired rockets": the word the trigger needs is the means, not the recipient
            return child
    return None
