"""`POST /code`'s coder: loaded on the first request that needs it (several seconds), then kept."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from eventwire.records import Document, Mention

if TYPE_CHECKING:
    from eventwire.pipeline import Coder


def load_coder() -> Coder:
    from eventwire.pipeline import Coder  # spaCy and torch: imported only once a text is posted

    return Coder.load()


class LazyCoder:
    """One Coder for the app, loaded once. Coding holds the lock too: the spaCy pipeline and the
    sentence encoder are not safe to share between the server's worker threads."""

    def __init__(self, load: Callable[[], Coder] = load_coder) -> None:
        self._load = load
        self._coder: Coder | None = None
        self._lock = threading.Lock()

    def code(self, document: Document) -> list[Mention]:
        with self._lock:
            if self._coder is None:
                self._coder = self._load()
            return self._coder.code(document)
