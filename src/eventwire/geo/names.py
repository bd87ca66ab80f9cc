"""Place names as the gazetteer indexes them: one rule for building the index and for looking names up."""
from __future__ import annotations

import re

from ..folding import strip_accents

MIN_ALTERNATE_LEN = 4  # shorter GeoNames alternates are mostly codes and abbreviations

_PUNCT = str.maketrans({**dict.fromkeys("'’‘ʼʻ`´ʿʾ", None), **dict.fromkeys("-‐‑–—", " ")})
# GeoNames alternates are indexed only when capitalised and in Latin script, as English news writes
# them; the rest (other scripts, lowercase machine transliterations, codes with digits) would grow the
# name index by half for no match. Our own tables carry the other-script names that matter.
_UNUSED_ALTERNATE = re.compile("[0-9\u0370-\u1DFF\u2070-\U0010FFFF]")


def normalize(name: str) -> str:
    """Index key: casefolded, accents/apostrophes dropped, hyphens as spaces, no leading "the"."""
    return _tidy(_fold(name))


def normalize_many(names: list[str]) -> list[str]:
    """`normalize` for many names: folding their joined text in one pass is several times faster."""
    return [_tidy(key) for key in _fold("\n".join(names)).split("\n")]


def _fold(text: str) -> str:
    # decompose, fold case, decompose again: compatibility forms ("𝐴", "﹣") decompose to cased letters
    # and punctuation, and casefolding can itself add accents ("İ"); the key must be a fixed point
    for _ in range(2):
        if not text.isascii():
            text = strip_accents(text)
        text = text.casefold()
    return text.translate(_PUNCT)


def _tidy(key: str) -> str:
    if not key.isalpha():  # spaces to tidy; single words (most names) skip the split
        key = " ".join(key.split())
    return key[4:] if key.startswith("the ") else key


def one_edit_variants(key: str) -> list[str]:
    """Every string one deletion, insertion or substitution (Levenshtein distance 1) away from `key`,
    over the letters and space that name keys are made of."""
    variants = set()
    for i in range(len(key) + 1):
        variants.update(key[:i] + c + key[i:] for c in _KEY_LETTERS)
        if i < len(key):
            variants.add(key[:i] + key[i + 1:])
            variants.update(key[:i] + c + key[i + 1:] for c in _KEY_LETTERS)
    variants.discard(key)
    return sorted(variants)


_KEY_LETTERS = "abcdefghijklmnopqrstuvwxyz "


def stop_key(name: str) -> str:
    """Stop-list key: like `normalize` but keeps accents, so "Malé" is not the stop word "male"."""
    key = " ".join(name.casefold().split())
    return key[4:] if key.startswith("the ") else key


def is_acronym(name: str) -> bool:
    """US, U.K., DRC: matched only exactly as written, so the word "us" never means the USA."""
    return len(name) >= 2 and name.isupper()


def useful_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing (see `_UNUSED_ALTERNATE`)."""
    return (len(name) >= MIN_ALTERNATE_LEN and name[:1].isupper() and not name.isupper()
            and not _UNUSED_ALTERNATE.search(name))
