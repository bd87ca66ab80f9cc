"""HTML pages → article text, title and publication date via trafilatura and explicit metadata."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

import trafilatura
from lxml.html import HtmlElement

from .errors import InputProblem

# Publication dates only from markup that states them, in this order of trust. trafilatura's own
# metadata goes through htmldate, which may guess from URLs or today's date, so it stays off.
_DATE_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="date"]/@content',
)
_ARTICLE_TIME_XPATH = "//article//time/@datetime"
_TITLE_XPATHS = ('//meta[@property="og:title"]/@content', "//head/title/text()")
# Navigation and footers are never article text; pruning them lets a page without an article
# come out empty instead of as a list of menu links.
_BOILERPLATE = ["//nav", "//footer"]


class HtmlArticle(NamedTuple):
    text: str
    title: str | None
    published: str | None  # as written in the page; normalised later


def parse_html(markup: str) -> HtmlArticle:
    """The article in `markup`; InputProblem if there is no article text."""
    tree = trafilatura.load_html(markup)
    text = None
    if tree is not None:
        text = trafilatura.extract(
            tree,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            prune_xpath=_BOILERPLATE,
        )
    if not text or not text.strip():
        raise InputProblem("no article text found in HTML")
    return HtmlArticle(text, _title(tree), _published(tree))


def _title(tree: HtmlElement) -> str | None:
    for xpath in _TITLE_XPATHS:
        if value := _first(tree.xpath(xpath)):
            return value
    return _first(_json_ld_values(tree, "headline"))


def _published(tree: HtmlElement) -> str | None:
    for xpath in _DATE_XPATHS:
        if value := _first(tree.xpath(xpath)):
            return value
    return _first(_json_ld_values(tree, "datePublished")) or _first(tree.xpath(_ARTICLE_TIME_XPATH))


def _first(values: Any) -> str | None:
    """The first non-blank string of `values`, stripped."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _json_ld_values(tree: HtmlElement, key: str) -> Iterator[Any]:
    """Every value of `key` in the page's JSON-LD blocks (nested objects and @graph included)."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue  # broken JSON-LD is common and only costs us the metadata
        yield from _values_of(data, key)


def _values_of(data: Any, key: str) -> Iterator[Any]:
    if isinstance(data, dict):
        if key in data:
            yield data[key]
        for value in data.values():
            yield from _values_of(value, key)
    elif isinstance(data, list):
        for item in data:
            yield from _values_of(item, key)
