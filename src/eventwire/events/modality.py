"""PLOVER auxiliary modes: is the event asserted, negated, future, hypothetical or historical?

The cues (events/data/modality.yaml) are looked for on the event's predicate and on the predicates
that govern it within the same reported statement: "Armenia wouldn't be drawn into the fighting",
"representatives will start talks", "if peacekeepers have proposed a deal".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Token

from .syntax import governors, lemma

DATA = Path(__file__).parent / "data" / "modality.yaml"
# Links along which a governing predicate's modality reaches the event's predicate ("nsubj": an event
# noun as subject, "strikes could strain ties").
CONTROL_DEPS = frozenset({"xcomp", "conj", "pcomp", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "acomp", "oprd"})


@dataclass(frozen=True)
class ModalityCues:
    negation_words: frozenset[str]
    negation_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_modals: frozenset[str]
    hypothetical_governors: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_words: frozenset[str]
    historical_words: frozenset[str]
    historical_days: int
    historical_distance_units: frozenset[str]
    report_verbs: frozenset[str]
    commitments: dict[str, dict]


@lru_cache(maxsize=1)
def load_cues() -> ModalityCues:
    data = yaml.safe_load(DATA.read_text())
    fs = frozenset
    return ModalityCues(
        negation_words=fs(data["negation"]["words"]),
        negation_verbs=fs(data["negation"]["verbs"]),
        future_auxiliaries=fs(data["future"]["auxiliaries"]),
        future_governors=fs(data["future"]["governors"]),
        hypothetical_modals=fs(data["hypothetical"]["modals"]),
        hypothetical_governors=fs(data["hypothetical"]["governors"]),
        hypothetical_marks=fs(data["hypothetical"]["marks"]),
        hypothetical_words=fs(data["hypothetical"]["words"]),
        historical_words=fs(data["historical"]["words"]),
        historical_days=int(data["historical"]["days_before_publication"]),
        historical_distance_units=fs(data["historical"]["distance_units"]),
        report_verbs=fs(data["report_verbs"]),
        commitments=data["commitments"],
    )


@dataclass(frozen=True)
class Modality:
    aux: str | None
    reported_by: Token | None  # the reporting verb ("said") above the event, if any
    governor: Token | None  # the predicate that set the mode ("agreed", "plans"), if not the event's own
    reason: str | None


def modality(tokens: list[Token], anchor: Token, cues: ModalityCues | None = None) -> Modality:
    """The auxiliary mode of an event given its trigger words and anchor predicate."""
    cues = cues or load_cues()
    found: dict[str, tuple[Token | None, str]] = {}

    def note(aux: str, governor: Token | None, reason: str) -> None:
        found.setdefault(aux, (governor, reason))

    chain = statement_chain(anchor)
    reported_by = next((g for g in governors(chain[-1]) if lemma(g) in cues.report_verbs), None)
    under_report = reported_by is not None
    for word in tokens:  # "no attacks were reported"
        if any(c.dep_ in ("det", "neg") and c.lower_ in cues.negation_words for c in word.children):
            note("negation", None, f"'{word.text}' negated")
    for subject in (c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")):  # "no group claimed"
        if subject.lower_ in ("nobody", "none") or any(
                c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
            note("negation", None, f"subject '{subject.text}' negated")
    for position, node in enumerate(chain):
        governor = node if position else None
        node_lemma = lemma(node)
        # a coordinated predicate ("accused X ... and warned that ...") shares auxiliaries with the
        # event's, but its own meaning does not govern the event
        if position and chain[position - 1].dep_ != "conj":
            if any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
                note("negation", governor, f"'no {node.text}'")  # "had no plans to invade"
            if node_lemma in cues.negation_verbs:
                note("negation", governor, f"under '{node.text}'")
            if node_lemma in cues.hypothetical_governors:
                note("hypothetical", governor, f"under '{node.text}'")
            if node_lemma in cues.future_governors:
                note("future", governor, f"under '{node.text}'")
        for child in node.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "advmod" and word == "never"):
                note("negation", governor, f"'{child.text}' on '{node.text}'")
            elif child.dep_ == "aux":
                if word in cues.future_auxiliaries:
                    note("future", governor, f"'{child.text}' on '{node.text}'")
                elif word == "would":
                    note("future" if under_report else "hypothetical", governor, f"'would' on '{node.text}'")
                elif word in cues.hypothetical_modals:
                    note("hypothetical", governor, f"'{child.text}' on '{node.text}'")
                elif word == "going" or (word == "to" and node_lemma in cues.future_governors):
                    note("future", governor, f"'{child.text}' on '{node.text}'")
            elif child.dep_ == "mark" and word in cues.hypothetical_marks:
                note("hypothetical", governor, f"'{child.text}' clause")
            elif child.dep_ in ("advmod", "amod") and word in cues.hypothetical_words:
                note("hypothetical", governor, f"'{child.text}'")
            elif child.dep_ == "advmod" and word in cues.historical_words:
                note("historical", governor, f"'{child.text}'")
            elif child.dep_ == "npadvmod" and node.lower_ in ("after", "since") \
                    and lemma(child) in cues.historical_distance_units:
                note("historical", governor, f"'{child.text} {node.text}'")
    top = chain[-1]
    if top.dep_ == "ccomp":  # "denied that its forces had opened fire", "alleged that troops fired"
        verb = top.head
        if lemma(verb) in cues.negation_verbs:
            note("negation", verb, f"under '{verb.text} that'")
        elif lemma(verb) in cues.hypothetical_governors:
            note("hypothetical", verb, f"under '{verb.text} that'")
    for aux in ("negation", "hypothetical", "future", "historical"):
        if aux in found:
            governor, reason = found[aux]
            return Modality(aux, reported_by, governor, reason)
    return Modality(None, reported_by, None, None)


def statement_chain(anchor: Token) -> list[Token]:
    """The anchor and the predicates controlling it; a complement or adverbial clause ends it,
    except a purpose infinitive ("will meet ... to discuss"), which is as real as its governor."""
    chain = [anchor]
    node = anchor
    while node.head.i != node.i and (node.dep_ in CONTROL_DEPS or _is_purpose_clause(node)):
        if node.dep_ == "prep" and node.lower_ in BACKGROUND_PREPOSITIONS:
            break  # "agreed to launch patrols after a string of attacks": the attacks happened
        if node.dep_ == "conj" and node.tag_ in FINITE_TAGS and _is_infinitive(node.head) \
                and node.head.head.i != node.head.i:
            # "threatened to attack X and called the deal a theft": a finite verb parsed as coordinated
            # with an infinitive is coordinated with the infinitive's governor
            node = node.head.head
            chain.append(node)
            continue
        node = node.head
        chain.append(node)
    return chain


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
BACKGROUND_PREPOSITIONS = frozenset({"after", "following", "since", "despite", "amid", "before", "during",
                                     "over", "because"})


def _is_purpose_clause(token: Token) -> bool:
    """"will meet ... to discuss"; also an infinitive completing a noun ("plans to invade")."""
    return token.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_infinitive(token: Token) -> bool:
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
