"""Casualty and arrest counts stated in a sentence, in digits or words.

"killing six civilians", "at least two dozen were wounded", "police arrested 14 people",
"the death toll rose to 31", "no one was hurt" (0). Vague amounts ("dozens", "scores") stay null:
the record says null when a number is not stated.
"""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..records import Size
from .syntax import lemma

KIND_WORDS = {
    "dead": frozenset({"kill", "die", "dead", "death", "fatality", "body", "slay", "murder", "behead", "execute",
                       "massacre", "perish", "fatal", "life"}),
    "injured": frozenset({"wound", "injure", "hurt", "injury", "wounded", "injured", "casualty"}),
    "arrested": frozenset({"arrest", "detain", "detention", "apprehend", "jail", "imprison", "round",
                           "custody", "detainee", "arrestee"}),
}
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
NONE_WORDS = frozenset({"no", "none", "nobody"})
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
COUNTED_DEPS = ("dobj", "nsubjpass", "nsubj", "attr", "pobj", "appos")


def parse_number(words: list[str]) -> int | None:
    """'two dozen' -> 24, '1,200' -> 1200, 'twenty-one' -> 21, 'dozens' -> None (vague)."""
    total, current, seen = 0, 0, False
    for raw in words:
        for word in raw.lower().replace("-", " ").split():
            if DIGITS.match(word):
                current += int(word.replace(",", ""))
            elif word in UNITS:
                current += UNITS[word]
            elif word in MULTIPLIERS:
                current = max(current, 1) * MULTIPLIERS[word]
                if MULTIPLIERS[word] >= 1000:
                    total, current = total + current, 0
            elif word == "and":
                continue
            else:
                return None
            seen = True
    return total + current if seen else None


def _number_of(head: Token) -> int | None:
    """The count a noun phrase states: its number words, or 0 for 'no one' / 'nobody'."""
    if head.lower_ in NONE_WORDS or any(c.lower_ in NONE_WORDS and c.dep_ == "det" for c in head.children):
        return 0
    words = [t for t in head.subtree if t.like_num or t.lower_ in MULTIPLIERS or
             (t.lower_ in ("a", "an") and t.head.lower_ in MULTIPLIERS)]
    if head.lower_ in MULTIPLIERS and head not in words:
        words.append(head)
    words = sorted(words, key=lambda t: t.i)
    if not words:
        return None
    # only a contiguous run next to the head counts ("six of the 20 soldiers" -> 6)
    run = [words[0]]
    for token in words[1:]:
        if token.i == run[-1].i + 1 or (token.i == run[-1].i + 2 and token.nbor(-1).text == "-"):
            run.append(token)
        else:
            break
    return parse_number([t.text for t in run])


def _counted_phrases(word: Token) -> list[Token]:
    """The noun phrases a casualty word counts: its object/subject, or the noun it modifies."""
    phrases = [c for c in word.children if c.dep_ in COUNTED_DEPS]
    phrases += [g for c in word.children if c.dep_ == "prep" and c.lower_ in ("to", "at", "of")
                for g in c.children if g.dep_ == "pobj"]
    if word.dep_ in ("amod", "acl", "relcl", "appos") or (word.dep_ == "conj" and word.head.pos_ == "NUM"):
        phrases.append(word.head)
    if lemma(word) == "toll":  # "the death toll rose to 31"
        phrases += [g for c in word.head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if word.like_num:
        phrases.append(word)
    return phrases


def sentence_size(sentence: SpacySpan) -> tuple[Size, dict[str, tuple[int, int]]]:
    """Counts stated in the sentence, with the character span of the words that state each."""
    size = Size()
    evidence: dict[str, tuple[int, int]] = {}
    for word in sentence:
        word_lemma = lemma(word)
        kinds = [k for k, words in KIND_WORDS.items() if word_lemma in words or word.lower_ in words]
        if word_lemma == "toll":
            kinds = ["dead"]
        for kind in kinds:
            for phrase in _counted_phrases(word):
                count = _number_of(phrase)
                if count is None:
                    continue
                if getattr(size, kind) is None or count > getattr(size, kind):
                    setattr(size, kind, count)
                    tokens = sorted([word, phrase], key=lambda t: t.i)
                    evidence[kind] = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return size, evidence
