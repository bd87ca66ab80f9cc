"""Event triggers: lexicon words and phrases found in a sentence, typed, with a mode and an anchor.

The anchor is the predicate whose arguments and modifiers belong to the event: the trigger verb
itself, or for an event noun the light verb that takes it ("unleashed drone attacks") or, when the
noun stands alone, the noun.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import Lexicon, Trigger
from .syntax import core_subtree, dependent_words, lemma

DATA = Path(__file__).parent / "data"
NOUN_POS = ("NOUN", "PROPN")
MAX_GAP = 3
ASPECT_VERBS = frozenset({"begin", "start", "continue", "resume", "end", "stop", "proceed", "intensify", "escalate"})
QUANTITY_NOUNS = frozenset({"round", "series", "wave", "spate", "string", "day", "week", "night", "number"})
MODE_CUE_DEPTH = 4  # "attacked Kyiv with dozens of drones"
# (governing event, event in its purpose clause) where the first already covers the second: a
# protest's demands are the protest ("rallied to demand", PLOVER REQUEST excludes protests), and
# "summoned the ambassador to protest" is a diplomatic accusation, no demonstration.
COVERED_PURPOSES = frozenset({("PROTEST", "REQUEST"), ("ACCUSE", "PROTEST")})
# (reacting event, event noun it reacts to): "rejected a Hungarian proposal", "thanked Washington for
# its support" refer to an earlier proposal or support, they do not state one.
COVERED_OBJECTS = frozenset({("REJECT", "AGREE"), ("REJECT", "REQUEST"), ("SUPPORT", "SUPPORT"),
                             ("SUPPORT", "AID"), ("ACCUSE", "ACCUSE")})


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    return frozenset(yaml.safe_load((DATA / "light_verbs.yaml").read_text())["light_verbs"])


@dataclass
class Candidate:
    """A trigger found in a sentence, before roles, dates and places are attached."""

    trigger: Trigger
    tokens: list[Token]  # the trigger's words, in order
    head: Token  # the trigger's syntactic head word
    anchor: Token  # the predicate that carries the event's arguments
    mode: str | None
    nominal: bool  # an event noun rather than a verb
    reasons: list[str] = field(default_factory=list)
    by_model: bool = False  # stated by the trained head, with no lexicon trigger

    @property
    def event(self) -> str:
        return self.trigger.event

    def event_words(self) -> list[Token]:
        """The trigger with the modifiers written right before it: "artillery barrage", "drone attacks"."""
        words = list(self.tokens)
        first = words[0]
        while first.i > 0 and first.nbor(-1).head.i == self.head.i and first.nbor(-1).dep_ in ("compound", "amod") \
                and not first.nbor(-1).is_punct:
            first = first.nbor(-1)
            words.insert(0, first)
        return words


def find_candidates(sentence: SpacySpan, lexicon: Lexicon) -> list[Candidate]:
    """Every trigger in the sentence; where triggers overlap, the longest, then the likeliest, wins."""
    matches: list[tuple[Trigger, list[Token]]] = []
    for token in sentence:
        if token.is_punct or token.is_space:
            continue
        words = {lemma(token), token.lower_}
        for word in words:
            for trigger in lexicon.single(word):
                if _fits(trigger, token):
                    matches.append((trigger, [token]))
            for trigger in lexicon.phrases_starting(word):
                matched = _match_phrase(trigger, sentence, token)
                if matched and _fits(trigger, matched[0], check_pos=False):
                    matches.append((trigger, matched))
    matches.sort(key=lambda m: (-len(m[1]), -m[0].prior, m[1][0].i))
    taken: set[int] = set()
    candidates = []
    for trigger, tokens in matches:
        indices = {t.i for t in tokens}
        if indices & taken:
            continue
        taken |= indices
        candidates.append(_candidate(trigger, tokens, lexicon))
    candidates.sort(key=lambda c: c.tokens[0].i)
    return _drop_covered_purposes(_drop_light_verb_triggers(candidates))


def _fits(trigger: Trigger, token: Token, check_pos: bool = True) -> bool:
    if check_pos and trigger.pos is not None and token.pos_ not in trigger.pos:
        return False
    if token.pos_ == "VERB" and token.dep_ == "amod":
        return False  # a participle describing a noun ("the occupied region") states no new event
    if trigger.with_words or trigger.without_words:
        deps = dependent_words(token)
        if trigger.with_words and not deps & trigger.with_words:
            return False
        if deps & trigger.without_words:
            return False
    return True


def _match_phrase(trigger: Trigger, sentence: SpacySpan, first: Token) -> list[Token] | None:
    """Tokens matching the phrase's words in order from `first`; "*" skips up to MAX_GAP tokens."""
    doc = first.doc
    matched = [first]
    position = first.i + 1
    gap = 0
    for word in trigger.words[1:]:
        if word == "*":
            gap = MAX_GAP
            continue
        found = None
        for i in range(position, min(position + gap + 1, sentence.end)):
            if word in (lemma(doc[i]), doc[i].lower_):
                found = doc[i]
                break
        if found is None:
            return None
        matched.append(found)
        position = found.i + 1
        gap = 0
    return matched


def _candidate(trigger: Trigger, tokens: list[Token], lexicon: Lexicon) -> Candidate:
    head = min(tokens, key=lambda t: _depth(t))
    nominal = head.pos_ in NOUN_POS
    anchor, how = _anchor(head) if nominal else (head, "verb")
    reasons = [f"trigger '{' '.join(t.text for t in tokens)}' ({'/'.join(trigger.words)})", f"anchor: {how}"]
    mode = trigger.mode
    if mode is None:
        mode = _mode_from_cues(trigger.event, tokens, head, anchor, lexicon)
        if mode:
            reasons.append(f"mode cue: {mode}")
    return Candidate(trigger, tokens, head, anchor, mode, nominal, reasons)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token = token.head
        depth += 1
    return depth


def _anchor(noun: Token) -> tuple[Token, str]:
    """The predicate an event noun's arguments hang from."""
    node = noun
    while True:
        if node.dep_ == "conj" and node.head.pos_ in NOUN_POS:
            node = node.head
        elif node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ in NOUN_POS \
                and lemma(node.head.head) in QUANTITY_NOUNS:  # "hold their next round of talks"
            node = node.head.head
        else:
            break
    if node.dep_ in ("dobj", "nsubjpass") and lemma(node.head) in light_verbs():
        return node.head, f"light verb '{node.head.text}'"
    if node.dep_ == "nsubj" and lemma(node.head) in ASPECT_VERBS:  # "the patrols will begin in June"
        return node.head, f"aspect verb '{node.head.text}'"
    return noun, "noun"


def _mode_from_cues(event: str, tokens: list[Token], head: Token, anchor: Token, lexicon: Lexicon) -> str | None:
    """The mode named nearest the trigger: its own words, then its dependents, nearest first."""
    cues = lexicon.mode_cues.get(event, {})
    if not cues:
        return None
    words = [lemma(t) for t in tokens]
    # what is asked for, offered or refused is in the complement ("urged allies to speed up deliveries"),
    # and a weapon may be the subject: "three rockets struck a base"
    complements = [c for c in head.children if c.dep_ in ("xcomp", "ccomp", "nsubj")]
    for start in (head, anchor, *complements):
        words += [lemma(t) for t in core_subtree(start, max_depth=MODE_CUE_DEPTH)]
    return next((cues[w] for w in words if w in cues), None)


def _drop_light_verb_triggers(candidates: list[Candidate]) -> list[Candidate]:
    """"launched attacks": the noun says what happened; a trigger on the light verb is redundant.

    Unless the verb's trigger is defined by its complements ("signed an agreement" is SUPPORT,
    "declared a ceasefire" CONCEDE, "called the deal a theft" ACCUSE, "suspended peace talks"
    SANCTION): then the verb says what happened and the noun is only its object.
    """
    verbs = {c.head.i: c for c in candidates if not c.nominal}

    def object_of_verb_trigger(c: Candidate) -> bool:
        if not c.nominal:
            return False
        if c.anchor.i != c.head.i:
            verb = verbs.get(c.anchor.i)
            return verb is not None and bool(verb.trigger.with_words)
        verb = verbs.get(c.head.head.i) if c.head.dep_ in ("dobj", "nsubjpass") else None
        return verb is not None and lemma(c.head) in verb.trigger.with_words

    def reacted_to(c: Candidate) -> bool:
        """An event noun that is what a reaction is about: its object, or its "for" reason."""
        if not c.nominal or c.anchor.i != c.head.i:
            return False
        node = c.head
        if node.dep_ == "pobj" and node.head.lower_ == "for":
            node = node.head
        elif node.dep_ != "dobj":
            return False
        verb = verbs.get(node.head.i)
        return verb is not None and (verb.event, c.event) in COVERED_OBJECTS

    kept = [c for c in candidates if not object_of_verb_trigger(c) and not reacted_to(c)]
    anchors_of_nouns = {c.anchor.i for c in kept if c.nominal and c.anchor.i != c.head.i}
    return [c for c in kept if c.nominal or c.head.i not in anchors_of_nouns]


def _drop_covered_purposes(candidates: list[Candidate]) -> list[Candidate]:
    """Drop an event stated as the purpose of another event that covers it (`COVERED_PURPOSES`)."""
    events_at: dict[int, set[str]] = {}
    for c in candidates:
        for token in (c.head, c.anchor):
            events_at.setdefault(token.i, set()).add(c.event)
    return [c for c in candidates
            if not (c.anchor.dep_ in ("advcl", "xcomp") and any(
                (governing, c.event) in COVERED_PURPOSES for governing in events_at.get(c.anchor.head.i, ())))]
