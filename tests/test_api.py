"""The HTTP API (`eventwire serve`) over a small store: every endpoint, filters, pagination, bad parameters
(4xx naming the parameter, never 500), OpenAPI, read-only."""
from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import urllib.request

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.web import NODE_MODULES, VENDOR
from eventwire.export import ACLED_COLUMNS
from eventwire.ingest import read_documents
from eventwire.store import Store, StoreError

from conftest import EXAMPLES

ARTICLES = ("01-sake-shelling.txt", "02-kyiv-drones.txt", "10-lima-protest.txt")
ARTICLE = "GOMA, Congo —\nRebels shelled the town of Sake on Tuesday, killing six civilians.\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    with Store.open(path) as store:
        report = store.ingest(read_documents([str(EXAMPLES / "articles" / name) for name in ARTICLES]), coder)
    assert report.documents == len(ARTICLES) and not report.errors
    return path


@pytest.fixture(scope="module")
def client(db, coder):
    with TestClient(create_app(db, coder=lambda: coder)) as test_client:
        yield test_client


def get(client, url: str, **params) -> dict:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def all_events(client, **params) -> list[dict]:
    return get(client, "/events", limit=500, **params)["items"]


def test_openapi_documents_every_endpoint(client):
    spec = get(client, "/openapi.json")
    assert {"/events", "/events/{event_id}", "/documents/{doc_id}", "/stats/timeline", "/stats", "/code",
            "/export/{format}"} <= set(spec["paths"])
    events = spec["paths"]["/events"]["get"]
    assert {p["name"] for p in events["parameters"]} >= {"type", "country", "actor", "date_from", "date_to", "bbox",
                                                          "aux", "q", "sort", "cursor", "limit"}
    assert events["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/EventPage")
    assert events["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Problem")
    assert {"Event", "EventDetail", "Mention", "DocumentView", "Timeline"} <= set(spec["components"]["schemas"])


def test_events_are_merged_events_without_auxiliary_modes_by_default(client):
    events = all_events(client)
    assert events and all(e["aux"] is None and e["num_mentions"] >= 1 and e["mention_ids"] for e in events)
    with_aux = all_events(client, aux=["negation", "future", "hypothetical", "historical"])
    assert len(with_aux) > len(events) and {e["aux"] for e in with_aux} > {None}


def test_cursor_pagination_visits_every_event_once(client):
    expected = [e["id"] for e in all_events(client)]
    seen, cursor = [], None
    while True:
        page = get(client, "/events", limit=4, **({"cursor": cursor} if cursor else {}))
        assert len(page["items"]) <= 4
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected and len(expected) > 8


@pytest.mark.parametrize("sort, key, descending", [("date", "date", False), ("-date", "date", True),
                                                   ("-confidence", "confidence", True)])
def test_sort(client, sort, key, descending):
    values = [e[key] for e in all_events(client, sort=sort) if e[key] is not None]
    assert values == sorted(values, reverse=descending)


def test_filters(client):
    events = all_events(client)
    assaults = all_events(client, type="ASSAULT")
    assert assaults and all(e["event"] == "ASSAULT" for e in assaults) and len(assaults) < len(events)
    assert [e["id"] for e in all_events(client, type="assault,PROTEST")] == \
        [e["id"] for e in all_events(client, type=["ASSAULT", "PROTEST"])]
    ukraine = all_events(client, country="UKR")
    assert ukraine and all(e["event_loc"]["country_code"] == "UKR" for e in ukraine)
    day = next(e["date"] for e in events if e["date"])
    assert all(e["date"] == day for e in all_events(client, date_from=day, date_to=day))
    peru = all_events(client, bbox="-82,-19,-68,0")  # around Peru
    assert peru and all(e["event_loc"]["country_code"] == "PER" for e in peru)
    protests = all_events(client, q="protesters")
    assert protests and all("protesters" in json.dumps(get(client, f"/events/{e['id']}")["mentions"]).lower()
                            for e in protests)
    actor = next(e["actor"]["code"] for e in events if e["actor"] and e["actor"]["code"])
    assert all(actor in (e["actor"] or {}).get("code", "") + (e["recipient"] or {}).get("code", "")
               for e in all_events(client, actor=actor))


@pytest.mark.parametrize("url, named", [
    ("/events?type=FIGHT", "event type"),
    ("/events?country=Ukraine", "country"),
    ("/events?date_from=2024-13-01", "date_from"),
    ("/events?date_from=2024-05-02&date_to=2024-05-01", "date_from"),
    ("/events?bbox=1,2,3", "bbox"),
    ("/events?bbox=10,50,5,40", "bbox"),
    ("/events?aux=rumour", "auxiliary mode"),
    ("/events?cursor=not-a-cursor", "cursor"),
    ("/events?limit=0", "limit"),
    ("/events?limit=100000", "limit"),
    ("/events?limit=ten", "limit"),
    ("/events?sort=loudest", "sort"),
    ("/stats/timeline?interval=month", "interval"),
    ("/stats/timeline?type=FIGHT", "event type"),
    ("/export/xml", "format"),
    ("/export/acled?date_to=yesterday", "date_to"),
])
def test_bad_parameters_are_4xx_naming_the_parameter(client, url, named):
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert named in response.json()["detail"]


def test_a_cursor_of_another_sort_is_refused(client):
    cursor = get(client, "/events", limit=1)["next_cursor"]
    response = client.get("/events", params={"cursor": cursor, "sort": "confidence"})
    assert response.status_code == 422 and "cursor" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/events/e-nope", "/documents/doc-nope", "/vendor/jquery.js"])
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404 and url.rsplit("/", 1)[1] in response.json()["detail"]


def test_event_has_its_mentions_and_their_evidence(client):
    event = max(all_events(client), key=lambda e: e["num_mentions"])
    detail = get(client, f"/events/{event['id']}")
    assert sorted(m["id"] for m in detail["mentions"]) == sorted(event["mention_ids"])
    assert detail["documents"] and all(m["event"] == event["event"] for m in detail["mentions"])
    text = get(client, f"/documents/{detail['mentions'][0]['doc_id']}")["text"]
    for mention in detail["mentions"]:
        for span in (mention["event_text"], mention["sentence"]):
            assert text[span["start"]:span["end"]] == span["text"]


def test_document_has_the_spans_of_every_mention(client):
    event = next(e for e in all_events(client, type="ASSAULT") if e["actor"] and e["event_loc"])
    document = get(client, f"/documents/{event['evidence']['doc_id']}")
    assert document["mentions"] and {m["id"] for m in document["mentions"]} >= {event["evidence"]["mention_id"]}
    for span in document["spans"]:
        assert document["text"][span["start"]:span["end"]] == span["text"]
    assert {s["mention_id"] for s in document["spans"] if s["role"] == "trigger"} == \
        {m["id"] for m in document["mentions"]}
    assert {"trigger", "actor", "place", "date"} <= {s["role"] for s in document["spans"]}


def test_timeline_counts_dated_events_per_day_and_week(client):
    dated = [e for e in all_events(client) if e["date"]]
    for interval in ("day", "week"):
        timeline = get(client, "/stats/timeline", interval=interval)
        assert timeline["interval"] == interval
        assert sum(c["count"] for c in timeline["counts"]) == len(dated)
    weeks = get(client, "/stats/timeline", interval="week")["counts"]
    assert all(dt.date.fromisoformat(c["period"]).weekday() == 0 for c in weeks)
    assaults = get(client, "/stats/timeline", type="ASSAULT")["counts"]
    assert {c["event"] for c in assaults} == {"ASSAULT"}


def test_stats(client):
    stats = get(client, "/stats")
    assert stats["documents"] == len(ARTICLES) and stats["events"] >= len(all_events(client))


def test_code_a_posted_text_and_store_nothing(client):
    before = get(client, "/stats")
    response = client.post("/code", json={"text": ARTICLE, "published": "2024-05-01"})
    assert response.status_code == 200, response.text
    coded = response.json()
    assault = next(m for m in coded["mentions"] if m["event"] == "ASSAULT")
    assert assault["date"] == "2024-04-30" and assault["size"]["dead"] == 6
    assert {s["role"] for s in coded["spans"] if s["mention_id"] == assault["id"]} >= {"trigger", "place", "date"}
    assert get(client, "/stats") == before


@pytest.mark.parametrize("body, named", [({"text": "   "}, "text"), ({"text": ARTICLE, "published": "May 1"},
                                                                          "published"), ({}, "text")])
def test_code_refuses_bad_input(client, body, named):
    response = client.post("/code", json=body)
    assert response.status_code == 422 and named in response.json()["detail"]


@pytest.mark.parametrize("format, media, filename", [
    ("plover", "application/x-ndjson", "mentions.jsonl"), ("acled", "text/csv", "events.csv"),
    ("geojson", "application/geo+json", "events.geojson"), ("parquet", "application/zip", "eventwire-parquet.zip")])
def test_export_streams_a_file(client, format, media, filename):
    response = client.get(f"/export/{format}", params={"type": "ASSAULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'
    if format == "acled":
        assert response.text.splitlines()[0] == ",".join(ACLED_COLUMNS)
    if format == "geojson":
        features = json.loads(response.text)["features"]
        assert features and {f["properties"]["event"] for f in features} == {"ASSAULT"}


def test_the_store_is_opened_read_only_and_left_unchanged(client, db):
    store = client.app.state.store
    assert store.read_only
    with pytest.raises(StoreError):
        store.ingest([], None)
    before = db.stat().st_mtime_ns, db.stat().st_size
    for url in ("/events", "/stats", "/stats/timeline", "/export/acled"):
        client.get(url)
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before
    with TestClient(create_app(db)) as second:  # read-only: another reader may open the file meanwhile
        assert get(second, "/stats") == get(client, "/stats")


def test_dashboard_and_its_libraries_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "/vendor/leaflet.js" in page.text and "://" not in page.text  # nothing from elsewhere
    if not (NODE_MODULES / VENDOR["leaflet.js"]).exists():
        pytest.skip(f"{NODE_MODULES} is not installed (make install runs npm ci)")
    for name in VENDOR:
        response = client.get(f"/vendor/{name}")
        assert response.status_code == 200 and response.content, name


def test_serve_prints_its_url_and_serves(db):
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        url = line[line.index("http://"):].split()[0]
        with urllib.request.urlopen(url + "events?limit=1", timeout=30) as response:
            assert json.load(response)["items"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_without_a_store_says_so(tmp_path):
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(tmp_path / "none.duckdb")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "none.duckdb" in result.stderr and "ingest" in result.stderr


def test_serve_on_a_busy_port_says_so(db):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
