"""The example articles (examples/articles) code to the events written down in examples/expected.yaml."""
from __future__ import annotations

import pytest

from eventwire.eval.gold import load_gold, matches
from eventwire.ingest import IngestError, read_documents

from conftest import EXAMPLES

EXPECTED = load_gold(EXAMPLES / "expected.yaml")


@pytest.fixture(scope="module")
def coded(coder):
    """{(file, doc_id): (document, mentions)} for every example article."""
    out = {}
    for path in sorted((EXAMPLES / "articles").iterdir()):
        for item in read_documents([str(path)]):
            assert not isinstance(item, IngestError), str(item)
            out[(path.name, item.id)] = (item, coder.code(item))
    return out


def _article(coded, entry):
    for (name, doc_id), value in coded.items():
        if name == entry["file"] and (entry.get("doc_id") is None or doc_id == entry["doc_id"]):
            return value
    raise AssertionError(f"{entry['file']} was not read")


def _case(entry: dict, index: int):
    """A parameter per expected event; a written-down known gap is an expected failure, strict so
    that fixing it makes the test say so."""
    gap = entry["events"][index].get("known_gap")
    marks = [pytest.mark.xfail(strict=True, reason=f"known gap: {gap}")] if gap else []
    return pytest.param(entry, index, marks=marks, id=f"{entry['file']}#{index}")


CASES = [_case(entry, i) for entry in EXPECTED for i in range(len(entry.get("events", [])))]


@pytest.mark.parametrize("entry", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_publication_date_is_read(coded, entry):
    document, _ = _article(coded, entry)
    assert document.published == str(entry["published"])


@pytest.mark.parametrize("entry,index", CASES)
def test_expected_event_is_coded(coded, entry, index):
    want = entry["events"][index]
    _, mentions = _article(coded, entry)
    assert any(matches(m, want) for m in mentions), (want, [
        (m.event, m.mode, m.aux, m.actor and (m.actor.code, m.actor.sector), m.recipient and
         (m.recipient.code, m.recipient.sector), m.date, m.event_text.text) for m in mentions])


ABSENT = [(entry, i) for entry in EXPECTED for i in range(len(entry.get("absent", [])))]


@pytest.mark.parametrize("entry,index", ABSENT, ids=[f"{e['file']}!{i}" for e, i in ABSENT])
def test_trap_is_not_coded_as_asserted(coded, entry, index):
    want = {**entry["absent"][index], "aux": None}
    _, mentions = _article(coded, entry)
    assert not [m.event_text.text for m in mentions if matches(m, want)]
