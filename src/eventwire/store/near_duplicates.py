"""Near-duplicate articles (a syndicated copy with a new dateline, a trimmed or added sentence, a few words
changed): MinHash signatures over word shingles, and locality-sensitive keys to find candidates.

The resemblance of two texts is the Jaccard similarity of their sets of `SHINGLE` consecutive words,
estimated by the share of equal positions in their signatures. `THRESHOLD` is set between what copies
and independent reports score (tests/test_near_duplicates.py holds both kinds, written by us): copies with
small edits keep 0.7 and more of their shingles, two outlets' own reports of one event share under 0.2.
Candidates are documents sharing one of `BANDS` keys (each a hash of `ROWS` signature values): a pair at
0.6 becomes a candidate with probability 1 - (1 - 0.6^4)^32 = 0.99, a pair at 0.05 with 0.0002.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

SHINGLE = 3
BANDS, ROWS = 32, 4
PERMUTATIONS = BANDS * ROWS
THRESHOLD = 0.6
# Fewer shingles than this and two different alerts ("Blast in Kabul", "Blast in Kandahar") would look
# alike: such a text is only ever an exact duplicate.
MIN_SHINGLES = 12

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a fixed bijective scramble of 64-bit values (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return (values ^ (values >> np.uint64(31))) & _MASK


# One seed per permutation: hash i is mix(shingle ^ seed_i), a different random-looking order each.
_SEEDS = _mix(np.arange(1, PERMUTATIONS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def shingles(text: str) -> set[int]:
    """The 64-bit hashes of the text's runs of `SHINGLE` words (case, accents' composition and
    punctuation ignored)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    return {_hash64(" ".join(words[i:i + SHINGLE]).encode()) for i in range(max(0, len(words) - SHINGLE + 1))}


def signature(text: str) -> list[int] | None:
    """The MinHash signature of `text` (PERMUTATIONS ints), or None when it is too short to compare."""
    hashes = shingles(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    return _mix(values[None, :] ^ _SEEDS[:, None]).min(axis=1).tolist()


def band_keys(sig: list[int]) -> list[int]:
    """One key per band of the signature; documents sharing a key are candidates."""
    return [_hash64(f"{band}:{sig[band * ROWS:(band + 1) * ROWS]}".encode()) for band in range(BANDS)]


def similarity(a: list[int], b: list[int]) -> float:
    """The estimated Jaccard similarity of the shingles behind two signatures."""
    return sum(x == y for x, y in zip(a, b)) / PERMUTATIONS


def is_near_duplicate(a: list[int], b: list[int]) -> bool:
    return similarity(a, b) >= THRESHOLD
