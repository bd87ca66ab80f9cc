"""Dependency-tree helpers shared by the event stages (roles, modality, dates, places, sizes)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

T = TypeVar("T")

# Dependencies that stay inside one clause: following them never enters another predicate's clause
# (relative clauses, adverbial clauses, complements), so what they reach belongs to this event.
CORE_DEPS = frozenset({
    "prep", "pobj", "dobj", "npadvmod", "advmod", "compound", "nmod", "appos", "nummod", "amod",
    "poss", "agent", "attr", "pcomp", "tmod", "obl", "quantmod", "case", "det",
})
# Material trimmed from a noun phrase when it names an actor.
NP_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"})
NP_KEPT_PREPS = frozenset({"of", "in", "from", "for", "at"})  # "representatives of the region"
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
PLACE_LABELS = ("GPE", "LOC", "FAC")
TIME_LABELS = ("DATE", "TIME")  # "on Tuesday" is a time, not a recipient
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom", "whose"})


def core_subtree(token: Token, max_depth: int = 5) -> Iterator[Token]:
    """The token and what hangs from it within its own clause, nearest first."""
    frontier = [token]
    for _ in range(max_depth + 1):
        next_frontier = []
        for node in frontier:
            yield node
            next_frontier.extend(c for c in node.children if c.dep_ in CORE_DEPS)
        frontier = next_frontier
        if not frontier:
            return


def governors(token: Token) -> Iterator[Token]:
    """The token's heads, nearest first, up to the sentence root."""
    while token.head.i != token.i:
        token = token.head
        yield token


def attached(event_tokens: Iterable[Token], markers: dict[int, T], climb: bool = True) -> T | None:
    """The marker (a date, a place) nearest the event in the parse.

    `markers` maps token indices to what they mark. The event's own clause is searched first, then
    the clause of each governing predicate up to the root (unless `climb` is false): "On Tuesday, the
    army unleashed attacks" dates the attacks; a place inside a relative clause about the victims is
    not the event's place.
    """
    if not markers:
        return None
    tokens = list(event_tokens)
    for start in (*tokens, *(governors(tokens[-1]) if climb else ())):
        for node in core_subtree(start):
            if node.i in markers:
                return markers[node.i]
    return None


def subject_of(verb: Token) -> Token | None:
    """The acting subject of a predicate, following control and coordination when it has none."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    if is_passive(verb):
        return agent_of(verb)
    if verb.dep_ == "xcomp":
        # object control: "urged the rebels to withdraw" -> the rebels withdraw
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
        return subject_of(verb.head) if verb.head.pos_ in ("VERB", "AUX", "ADJ") else None
    if verb.dep_ in ("conj", "advcl", "acomp", "attr", "oprd") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)  # "they were ready to free ..."
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):  # "captured Goma before withdrawing"
        governor = verb.head.head
        obj = next((c for c in governor.children if c.dep_ == "dobj"), None)
        if verb.head.lower_ == "of" and obj is not None:  # "accused Rwanda of arming the M23"
            return obj
        return subject_of(governor)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in (*PASSIVE_SUBJECT_DEPS, "auxpass") for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """The 'by X' agent of a passive predicate."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)


def prep_object(token: Token, preps: Iterable[str]) -> Token | None:
    """The object of the first of `preps` ("against", "with", ...) attached to `token`."""
    wanted = tuple(preps)
    by_prep = {}
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in wanted:
            objects = [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in TIME_LABELS]
            # a mis-parse can give two objects ("behind longtime ally Azerbaijan"): prefer the named one
            objects.sort(key=lambda g: not g.ent_type_)
            if objects:
                by_prep.setdefault(child.lower_, objects[0])
    return next((by_prep[p] for p in wanted if p in by_prep), None)


def conjuncts(token: Token) -> list[Token]:
    """A coordinated phrase's heads in text order: "Mali and Niger" -> [Mali, Niger]."""
    return sorted([token, *token.conjuncts], key=lambda t: t.i)


def noun_phrase(token: Token) -> SpacySpan:
    """The phrase a head noun stands for, without relative clauses, appositions or coordination."""
    keep = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in NP_EXCLUDED_DEPS and not (child.dep_ == "prep" and child.lower_ in NP_KEPT_PREPS
                                                   and child.head.i == token.i):
            continue
        keep.append(child)
        stack.extend(child.children)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = token.doc
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def dependent_words(token: Token) -> set[str]:
    """Lemmas of a word's dependents and of its prepositions' objects ("attacked with drones"), and
    "to" for an infinitive complement ("asked them to leave").

    A named place among them also counts as the word "place", so a lexicon can tell "captured Goma"
    (territory) from "captured the gunman" (an arrest); a named person as the word "person".
    """
    words = set()
    for child in token.children:
        nodes = [child]
        if child.dep_ in ("prep", "agent", "dobj", "prt", "compound", "amod"):
            nodes += [g for g in child.children if g.dep_ in ("pobj", "compound", "amod", "dobj")]
        if child.dep_ == "dobj":  # "sent 300 tons of rice", "seized a cache of weapons"
            nodes += [g for of in child.children if of.dep_ == "prep" and of.lower_ == "of"
                      for g in of.children if g.dep_ == "pobj"]
        if child.dep_ == "xcomp":  # "asked X to ...": the infinitive's "to" tells a request from a question
            nodes += [g for g in child.children if g.dep_ == "aux" and g.lower_ == "to"]
        for node in nodes:
            words.add(lemma(node))
            if node.ent_type_ in PLACE_LABELS:
                words.add("place")
            elif node.ent_type_ == "PERSON":
                words.add("person")  # "met Mark Rutte": a named person
    return words
