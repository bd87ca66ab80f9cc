"""RSS and Atom feed files: one article per entry, read by feedparser (never fetched: the file's bytes)."""
from __future__ import annotations

import io
import re
from collections.abc import Iterator

import feedparser

from .article import Article
from .errors import InputProblem
from .html import parse_html

_MARKUP = re.compile(r"<[A-Za-z!/]")
# feedparser believes an XML declaration over the bytes; ours were decoded as UTF-8 already.
_HEADERS = {"content-type": "application/xml; charset=utf-8"}


def feed_entries(text: str) -> Iterator[tuple[int, Article | InputProblem]]:
    """(1-based entry number, its article or what is wrong with it) for each entry of the feed.

    InputProblem at once if `text` is not an RSS or Atom feed. An entry's text is its content, else its
    summary, through the HTML extraction when it is markup; its id is the entry's id, else its link; its
    outlet the entry's <source> (a syndicated item names the outlet it came from), else the feed's title.
    """
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_HEADERS)
    if not parsed.version:
        reason = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise InputProblem(f"not an RSS or Atom feed{reason}")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield number, _article(entry, feed_title)
        except InputProblem as error:
            yield number, error


def _article(entry: dict, feed_title: str | None) -> Article:
    detail = (entry.get("content") or [None])[0] or entry.get("summary_detail")
    if not detail or not (detail.get("value") or "").strip():
        raise InputProblem("feed entry without content or summary")
    text = detail["value"]
    if "html" in (detail.get("type") or "") and _MARKUP.search(text):
        # an entry is a fragment, too short for trafilatura to take for an article unless wrapped as one
        text = parse_html(f"<html><body><article>{text}</article></body></html>").text
    source = entry.get("source") or {}
    link = entry.get("link") or None
    return Article(
        text=text,
        id=entry.get("id") or link,
        title=(entry.get("title") or "").strip() or None,
        published=entry.get("published") or entry.get("updated") or None,
        url=link,
        outlet=(source.get("title") or "").strip() or feed_title,
    )
