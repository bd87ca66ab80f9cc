"""PLOVER JSON Lines: one mention per line, every field of the event record under its PLOVER name (the
same lines as `eventwire code`)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator


def plover_lines(mentions: Iterable[dict]) -> Iterator[str]:
    for mention in mentions:
        yield json.dumps(mention, ensure_ascii=False) + "\n"
