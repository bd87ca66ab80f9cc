"""The event store: ingest (idempotent, near-duplicates, one transaction per batch), merged events, reads,
pagination and filters. Most tests code with FakeCoder (conftest); one uses the real Coder."""
from __future__ import annotations

import json

import duckdb
import pytest

from eventwire.ingest import IngestError, document_from_text
from eventwire.store import EventFilter, FilterError, Store, StoreError
from eventwire.store import writer

from conftest import CHUHUIV, KHARKIV, ODESA, FakeCoder
from test_near_duplicates import COPIES, ORIGINAL

RUS_MIL = ("RUS", "MIL", "Russian Armed Forces")


def doc(doc_id: str, text: str | None = None, published: str = "2024-03-02", outlet: str | None = None):
    # short texts (under near_duplicates.MIN_SHINGLES) are only ever exact duplicates of each other
    return document_from_text(text or f"Report {doc_id} from the front.", id=doc_id, published=published,
                              outlet=outlet)


def strike(place=KHARKIV, **fields) -> dict:
    return {"actor": RUS_MIL, "recipient": ("UKR", "CVL"), "place": place, **fields}


PLAN = {
    "a": [strike(dead=2), {"event": "PROTEST", "actor": ("UKR", "CVL"), "place": ODESA, "date": "2024-03-02",
                           "acled": ("Protests", "Peaceful protest", "Demonstrations")}],
    "b": [strike(CHUHUIV, dead=3, confidence=0.6)],  # the Kharkiv strike again, 35 km off
    "c": [strike(ODESA, date="2024-03-01")],  # another strike the same day in another city
    "d": [strike(aux="negation", date="2024-03-05")],
    "e": [strike(KHARKIV, date="2024-04-10", actor=("BLR", "MIL"))],
}
DOCS = [doc("a", outlet="Wire A"), doc("b", outlet="Wire B"), doc("c", outlet="Wire A"), doc("d"),
        doc("e", published="2024-04-11")]


def counts(store: Store) -> dict:
    stats = store.stats()
    return {k: stats[k] for k in ("documents", "near_duplicates", "mentions", "events")}


def table(store: Store, name: str) -> list:
    return store._connection.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture
def filled(store):
    report = store.ingest(DOCS, FakeCoder(PLAN), batch_size=2)
    assert report.errors == []
    return store


# --- ingest ---------------------------------------------------------------------------------------

def test_ingest_merges_reports_into_events(store):
    report = store.ingest(DOCS, FakeCoder(PLAN), batch_size=2)
    assert (report.documents, report.mentions, report.events_created, report.events_updated) == (5, 6, 5, 0)
    assert counts(store) == {"documents": 5, "near_duplicates": 0, "mentions": 6, "events": 5}
    [kharkiv] = store.events(EventFilter(types="ASSAULT", countries="UKR", date_to="2024-03-01",
                                         bbox="36,49.5,37,50.5")).items
    assert kharkiv["id"] == "e-a-0" and kharkiv["mention_ids"] == ["m-a-0", "m-b-0"]
    assert (kharkiv["num_mentions"], kharkiv["num_documents"], kharkiv["num_sources"]) == (2, 2, 2)
    assert kharkiv["size"]["dead"] == 3 and kharkiv["sources"] == ["Wire A", "Wire B"]
    assert kharkiv["aux"] is None and kharkiv["first_reported"] == "2024-03-02"


def test_same_input_twice_adds_nothing(filled):
    before = {name: table(filled, name) for name in ("documents", "mentions", "events", "event_documents")}
    again = [doc(d.id, d.text, outlet=d.outlet) for d in DOCS]  # new Document objects, same content
    report = filled.ingest(again, FakeCoder(PLAN))
    assert (report.documents, report.exact_duplicates, report.mentions, report.events_created) == (0, 5, 0, 0)
    assert {name: table(filled, name) for name in before} == before


def test_a_later_report_updates_an_event_and_keeps_its_id(filled):
    later = doc("f", "A later report of the strike.", published="2024-03-03", outlet="Wire C")
    report = filled.ingest([later], FakeCoder({"f": [strike(dead=5)]}))
    assert (report.events_created, report.events_updated) == (0, 1)
    event = filled.event("e-a-0")
    assert event["num_sources"] == 3 and event["size"]["dead"] == 5 and len(event["mentions"]) == 3


def test_a_report_without_a_place_joins_an_event_in_its_parties_country(filled):
    unplaced = [doc("g", "A report naming no town."), doc("h", "A report naming no victim.")]
    filled.ingest(unplaced, FakeCoder({"g": [strike(None, recipient=("UKR", None))],
                                       "h": [strike(None, recipient=None)]}))
    assert filled.event("e-a-0")["mention_ids"] == ["m-a-0", "m-b-0", "m-g-0"]
    assert filled.event("e-h-0")["num_mentions"] == 1  # only Russia named: nothing places it in Ukraine


def test_a_near_duplicate_is_linked_not_coded(store):
    original = doc("orig", ORIGINAL, outlet="Delta Wire")
    copy = doc("copy", COPIES["another agency and a reworded clause"], published="2024-03-03", outlet="River Post")
    coder = FakeCoder({"orig": [strike()], "copy": [strike(ODESA)]})
    report = store.ingest([original, copy], coder)
    assert coder.coded == ["orig"]
    assert (report.documents, report.near_duplicates, report.mentions) == (1, 1, 1)
    event = store.event("e-orig-0")
    assert (event["num_mentions"], event["num_documents"], event["num_sources"]) == (1, 2, 2)
    assert [d["id"] for d in event["documents"]] == ["orig", "copy"]
    stored_copy = store.document("copy")
    assert stored_copy["duplicate_of"] == "orig" and stored_copy["status"] == "near-duplicate"
    assert stored_copy["mentions"] == []


def test_a_near_duplicate_in_a_later_run_points_at_the_original(store):
    store.ingest([doc("orig", ORIGINAL)], FakeCoder({"orig": [strike()]}))
    coder = FakeCoder({})
    store.ingest([doc("copy1", COPIES["the last paragraph dropped"])], coder)
    # a copy of the copy points at the original too
    store.ingest([doc("copy2", COPIES["the last paragraph dropped"].replace("Thursday", "Wednesday"))], coder)
    assert coder.coded == []
    assert [store.document(i)["duplicate_of"] for i in ("copy1", "copy2")] == ["orig", "orig"]
    assert store.event("e-orig-0")["num_documents"] == 3


def test_failure_mid_batch_rolls_back_the_batch_and_a_rerun_completes(store, monkeypatch):
    real_write = writer._write

    def failing_write(connection, arrival, *args):
        if arrival.document.id == "d":  # the second document of the second batch
            raise RuntimeError("disk full")
        return real_write(connection, arrival, *args)

    monkeypatch.setattr(writer, "_write", failing_write)
    with pytest.raises(RuntimeError, match="disk full"):
        store.ingest(DOCS, FakeCoder(PLAN), batch_size=2)
    # the first batch (a, b) is stored; c, written before the failure in the same batch, is not
    assert [d for (d,) in store._connection.execute("SELECT id FROM documents ORDER BY id").fetchall()] == ["a", "b"]
    assert counts(store) == {"documents": 2, "near_duplicates": 0, "mentions": 3, "events": 2}

    monkeypatch.setattr(writer, "_write", real_write)
    report = store.ingest(DOCS, FakeCoder(PLAN), batch_size=2)
    assert (report.exact_duplicates, report.documents) == (2, 3)
    assert counts(store) == {"documents": 5, "near_duplicates": 0, "mentions": 6, "events": 5}
    assert store.event("e-a-0")["mention_ids"] == ["m-a-0", "m-b-0"]


def test_errors_are_reported_and_the_rest_is_stored(store):
    clash = doc("a", "Different words under a taken id.")
    report = store.ingest([DOCS[0], IngestError("bad.txt", "empty document"), clash, DOCS[1]], FakeCoder(PLAN))
    assert [str(e) for e in report.errors] == ["bad.txt: empty document",
                                               "a: id 'a' is already stored with different content"]
    assert report.documents == 2


def test_progress_counts_every_document(store):
    done = []
    store.ingest([*DOCS, DOCS[0], IngestError("x", "bad")], FakeCoder(PLAN), batch_size=2, progress=done.append)
    assert sum(done) == 7


# --- reading --------------------------------------------------------------------------------------

def test_event_has_its_mentions_with_evidence(filled):
    event = filled.event("e-a-0")
    assert [m["id"] for m in event["mentions"]] == ["m-a-0", "m-b-0"]
    mention, text = event["mentions"][0], filled.document("a")["text"]
    assert text[mention["sentence"]["start"]:mention["sentence"]["end"]] == mention["sentence"]["text"]
    assert filled.event("e-nope") is None


def test_document_round_trips(filled):
    stored = filled.document("a")
    original = DOCS[0]
    for name in ("id", "text", "content_hash", "published", "title", "source", "outlet", "ingested_at", "language"):
        assert stored[name] == getattr(original, name), name
    assert stored["duplicate_of"] is None and [m["event"] for m in stored["mentions"]] == ["ASSAULT", "PROTEST"]
    assert filled.document("nope") is None


def test_stored_mentions_round_trip(filled):
    from eventwire.records import to_dict
    from conftest import mention_record

    [(record,)] = filled._connection.execute("SELECT record FROM mentions WHERE id = 'm-b-0'").fetchall()
    assert json.loads(record) == to_dict(mention_record(DOCS[1], "m-b-0", **PLAN["b"][0]))


def test_pages_follow_each_other_without_gaps_or_repeats(filled):
    everything = EventFilter(aux="negation")
    for sort in ("date", "-date", "confidence", "-confidence", "num_sources", "-num_mentions", "first_reported"):
        seen, cursor = [], None
        while True:
            page = filled.events(everything, sort=sort, cursor=cursor, limit=2)
            seen.extend(e["id"] for e in page.items)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert sorted(seen) == sorted(e["id"] for e in filled.iter_events(everything)), sort
        assert len(seen) == 5
    dates = [e["date"] for e in filled.events(everything, sort="-date").items]
    assert dates == sorted(dates, reverse=True)


def test_a_page_stays_stable_when_events_arrive(filled):
    first = filled.events(sort="date", limit=2)
    filled.ingest([doc("z", "An early report.", published="2024-01-01")],
                  FakeCoder({"z": [strike(date="2024-01-01")]}))
    rest = filled.events(sort="date", cursor=first.next_cursor, limit=10)
    # the new event sorts before the first page: the next page neither repeats nor skips a row
    assert [e["id"] for e in first.items] == ["e-a-0", "e-c-0"]
    assert [e["id"] for e in rest.items] == ["e-a-1", "e-e-0"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"sort": "size"}, "unknown sort 'size'"),
    ({"limit": 0}, "limit must be a whole number"),
    ({"cursor": "not-a-cursor"}, "invalid cursor"),
])
def test_bad_page_parameters(filled, kwargs, message):
    with pytest.raises(FilterError, match=message):
        filled.events(**kwargs)


def test_a_cursor_belongs_to_its_sort_and_the_page_size_is_capped(filled):
    cursor = filled.events(sort="date", limit=1).next_cursor
    with pytest.raises(FilterError, match="invalid cursor"):
        filled.events(sort="-date", cursor=cursor)
    assert len(filled.events(limit=10_000).items) == 4  # capped at MAX_PAGE_SIZE, not an error


FILTERS = [
    ({}, {"e-a-0", "e-a-1", "e-c-0", "e-e-0"}),  # the denied strike (aux negation) is left out by default
    ({"aux": "negation"}, {"e-a-0", "e-a-1", "e-c-0", "e-d-0", "e-e-0"}),
    ({"types": ["PROTEST"]}, {"e-a-1"}),
    ({"types": "assault,protest", "countries": "ukr"}, {"e-a-0", "e-a-1", "e-c-0", "e-e-0"}),
    ({"actor": "BLR"}, {"e-e-0"}),
    ({"actor": "russian armed"}, {"e-a-0", "e-c-0"}),  # part of a canonical name
    ({"actor": "UKR"}, {"e-a-0", "e-a-1", "e-c-0", "e-e-0"}),  # as actor or recipient
    ({"date_from": "2024-03-02"}, {"e-a-1", "e-e-0"}),
    ({"date_from": "2024-03-01", "date_to": "2024-03-01"}, {"e-a-0", "e-c-0"}),
    ({"bbox": (30, 46, 31, 47)}, {"e-a-1", "e-c-0"}),  # around Odesa
    ({"q": "armed forces"}, {"e-a-0", "e-c-0"}),  # words of a name
    ({"q": "from the front"}, {"e-a-0", "e-a-1", "e-c-0", "e-e-0"}),  # words of the evidence
    ({"q": "odesa"}, {"e-a-1", "e-c-0"}),  # a place name
]


@pytest.mark.parametrize(("kwargs", "expected"), FILTERS, ids=[str(f[0]) for f in FILTERS])
def test_filters(filled, kwargs, expected):
    assert {e["id"] for e in filled.iter_events(EventFilter(**kwargs))} == expected


def test_mentions_follow_the_same_filters(filled):
    assert [m["id"] for m in filled.mentions(EventFilter(types="ASSAULT", countries="UKR"))] == \
        ["m-a-0", "m-b-0", "m-c-0", "m-e-0"]


def test_timeline(filled):
    assert filled.timeline(EventFilter(types="ASSAULT")) == [
        {"period": "2024-03-01", "event": "ASSAULT", "country": "UKR", "count": 2},
        {"period": "2024-04-10", "event": "ASSAULT", "country": "UKR", "count": 1},
    ]
    weekly = filled.timeline(interval="week")
    assert weekly[0] == {"period": "2024-02-26", "event": "ASSAULT", "country": "UKR", "count": 2}
    with pytest.raises(FilterError, match="unknown interval 'month'"):
        filled.timeline(interval="month")


def test_stats(filled):
    stats = filled.stats()
    assert stats["events_by_type"] == {"ASSAULT": 3, "PROTEST": 1}
    assert (stats["first_date"], stats["last_date"], stats["outlets"]) == ("2024-03-01", "2024-04-10", 2)


def test_parquet_tables(filled, tmp_path):
    paths = filled.copy_parquet(tmp_path / "out", EventFilter(types="ASSAULT"))
    assert [p.name for p in paths] == ["events.parquet", "mentions.parquet", "documents.parquet"]
    rows = {p.stem: duckdb.execute(f"SELECT count(*) FROM '{p}'").fetchone()[0] for p in paths}
    assert rows == {"events": 3, "mentions": 4, "documents": 4}


# --- opening --------------------------------------------------------------------------------------

def test_read_only_store(filled, tmp_path):
    with pytest.raises(FileNotFoundError, match="no event store"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    filled.close()
    with Store.open(filled.path, read_only=True) as reader:
        assert reader.stats()["events"] == 5
        with pytest.raises(StoreError, match="read-only"):
            reader.ingest(DOCS, FakeCoder(PLAN))


def test_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store._connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 0"):
        Store.open(path)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        Store.open(other, read_only=True)


# --- with the real Coder --------------------------------------------------------------------------

TWO_OUTLETS = [
    ("Rebels shelled the town of Sake in eastern Congo on Sunday, killing five civilians, local officials said.",
     "Lake Wire"),
    ("Five civilians were killed on Sunday when M23 rebels fired shells into the town of Sake, "
     "a local administrator said.", "Kivu Daily"),
]


def test_two_outlets_reporting_one_shelling_make_one_event(store, coder):
    documents = [document_from_text(text, published="2024-02-19", outlet=outlet) for text, outlet in TWO_OUTLETS]
    report = store.ingest(documents, coder)
    assert report.documents == 2
    [event] = [e for e in store.iter_events(EventFilter(types="ASSAULT")) if e["num_documents"] == 2]
    assert event["date"] == "2024-02-18" and event["sources"] == ["Kivu Daily", "Lake Wire"]
    assert event["event_loc"]["resolved_place"] == "Sake" and event["size"]["dead"] == 5
