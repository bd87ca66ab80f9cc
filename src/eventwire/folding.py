"""Accent-insensitive forms of names, one rule for the actor and the place tables."""
from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition leaves alone but news writes both ways.
_SPECIAL_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                                  "’": "'"})
# The combining-mark blocks decomposition leaves behind (a regex: names are folded in bulk at load).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    """"Türkiye" -> "Turkiye", "Łódź" -> "Lodz"; case is kept."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS)))
