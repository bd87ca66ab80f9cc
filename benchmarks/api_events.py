"""`GET /events` latency on a store of 1 million synthetic merged events.

Usage: .venv/bin/python benchmarks/api_events.py [--events N] [--requests R] [--db FILE] [--rebuild]

The store is filled by a bulk path that bypasses coding: an empty store is created with `Store.open`, then
DuckDB SQL generates N merged-event rows (and their JSON records, complete enough for the API's response
model) straight into its `events` table. The distribution is made to look like a news event dataset:
PLOVER types weighted as coded news is (many ASSAULT, few CONCEDE), 30 countries weighted by how much
they are reported with points scattered around each, dates over five years (2021-2025) thickening towards
the present, 8% with an auxiliary mode, most events reported once and a few many times. The values come
from hashes of the row number, so the same N gives the same store. Mentions and documents are not
generated: `GET /events` reads only the events table.

The server is `eventwire serve` (uvicorn, one process) on a free localhost port; the client sends R
requests per scenario one after another on a keep-alive connection (http.client) and times each from
request to the last byte of the body; the first few of each scenario are a warm-up and not counted.
Query values vary from request to request (type, country, month, box, word), drawn from a seeded RNG.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import duckdb

from eventwire.store import Store
from eventwire.store.pages import Order

REPO = Path(__file__).resolve().parent.parent
WARM_UP = 10
# PLOVER type → weight (share of coded news events)
TYPES = {"ASSAULT": 28, "PROTEST": 12, "CONSULT": 9, "ACCUSE": 7, "THREATEN": 6, "COERCE": 6, "AGREE": 5,
         "REQUEST": 5, "SUPPORT": 4, "MOBILIZE": 4, "REJECT": 3, "COOPERATE": 3, "AID": 3, "SANCTION": 2,
         "RETREAT": 2, "CONCEDE": 1}
# ISO3 → (lat, lon, spread in degrees, weight)
COUNTRIES = {
    "UKR": (48.5, 32.0, 3.5, 18), "PSE": (31.7, 34.9, 0.3, 6), "SYR": (35.0, 38.5, 1.8, 8), "SDN": (14.0, 30.0, 4, 6),
    "MMR": (20.0, 96.0, 3.5, 6), "NGA": (9.5, 8.0, 3.5, 6), "COD": (-2.0, 24.0, 5, 5), "SOM": (4.0, 45.5, 3, 4),
    "YEM": (15.5, 47.5, 2.5, 4), "AFG": (34.0, 66.0, 3, 4), "RUS": (55.7, 37.6, 5, 4), "USA": (39.0, -98.0, 9, 4),
    "IND": (22.0, 79.0, 6, 4), "MLI": (16.0, -2.0, 4, 3), "BFA": (12.3, -1.5, 2, 3), "ETH": (9.0, 39.5, 4, 3),
    "IRQ": (33.0, 43.5, 3, 3), "ISR": (31.5, 34.9, 0.6, 3), "PAK": (30.0, 70.0, 4, 3), "MEX": (23.0, -102.0, 5, 3),
    "COL": (4.5, -74.0, 3, 2), "BRA": (-12.0, -50.0, 8, 2), "FRA": (46.5, 2.5, 3, 2), "GBR": (53.0, -1.5, 2, 2),
    "CHN": (33.0, 105.0, 8, 2), "VEN": (7.0, -66.0, 3, 1), "HTI": (18.9, -72.5, 0.5, 1), "LBN": (33.9, 35.8, 0.4, 1),
    "LBY": (27.0, 17.0, 4, 1), "PHL": (12.0, 122.0, 4, 1),
}
SECTORS = ["GOV", "MIL", "REB", "CVL", "POL", "PTY", "IGO", "MED"]
WORDS = ["forces", "shelled", "drone", "strike", "village", "protesters", "police", "talks", "ceasefire", "border",
         "rebels", "soldiers", "market", "convoy", "capital", "ministers", "election", "aid", "sanctions", "hostages",
         "airport", "checkpoint", "militia", "refugees", "court", "missile", "troops", "rally", "envoy", "port"]
AUX = [("negation", 2), ("future", 4), ("hypothetical", 1), ("historical", 1)]  # the rest (92%): asserted
FIRST_DAY, DAYS = "2021-01-01", 1826


def _pick(values_weights: list[tuple[str, float]], uniform: str) -> str:
    """SQL choosing a value by weight from a uniform [0, 1) expression."""
    total, cumulative, cases = sum(w for _, w in values_weights), 0.0, []
    for value, weight in values_weights[:-1]:
        cumulative += weight / total
        cases.append(f"WHEN {uniform} < {cumulative:.6f} THEN '{value}'")
    return f"CASE {' '.join(cases)} ELSE '{values_weights[-1][0]}' END"


def build(path: Path, n: int) -> None:
    path.unlink(missing_ok=True)
    Store.open(path).close()  # the store's own schema, empty
    con = duckdb.connect(str(path))
    con.execute("CREATE TEMP TABLE countries (code VARCHAR, lat DOUBLE, lon DOUBLE, spread DOUBLE)")
    con.executemany("INSERT INTO countries VALUES (?, ?, ?, ?)", [(c, la, lo, s) for c, (la, lo, s, _) in COUNTRIES.items()])
    u = lambda salt: f"((hash(i, '{salt}') % 1000003) / 1000003.0)"  # noqa: E731 - a uniform [0, 1) per row
    words = "[" + ", ".join(f"'{w}'" for w in WORDS) + "]"
    sentence = " || ' ' || ".join(f"{words}[CAST(1 + hash(i, 'w{k}') % {len(WORDS)} AS BIGINT)]" for k in range(8))
    started = time.perf_counter()
    con.execute(f"""
        CREATE TEMP TABLE base AS
        SELECT i, 'e-' || md5(i::VARCHAR)[:16] AS id,
               {_pick(list(TYPES.items()), u('type'))} AS event,
               {_pick([(c, w) for c, (*_, w) in COUNTRIES.items()], u('country'))} AS country,
               CASE WHEN {u('aux')} < 0.08 THEN {_pick(AUX, u('auxkind'))} END AS aux,
               DATE '{FIRST_DAY}' + CAST(floor(sqrt({u('date')}) * {DAYS}) AS INTEGER) AS day,
               {_pick([('day', 85), ('week', 8), ('month', 5), ('year', 2)], u('precision'))} AS date_precision,
               {_pick([(s, 1) for s in SECTORS], u('asector'))} AS actor_sector,
               {_pick([(s, 1) for s in SECTORS], u('rsector'))} AS recipient_sector,
               {u('lat1')} + {u('lat2')} + {u('lat3')} - 1.5 AS dlat, {u('lon1')} + {u('lon2')} + {u('lon3')} - 1.5 AS dlon,
               1 + CAST(floor(pow({u('mentions')}, 6) * 12) AS INTEGER) AS num_mentions,
               round(0.3 + 0.69 * {u('confidence')}, 3) AS confidence,
               CAST(floor(pow({u('dead')}, 4) * 40) AS INTEGER) AS dead,
               {sentence} AS sentence
        FROM range({n}) r(i)""")
    con.execute("""
        INSERT INTO events BY NAME
        SELECT b.id, b.event, NULL AS mode, b.aux,
               b.country AS actor_code, b.actor_sector, NULL AS actor_name,
               b.country AS recipient_code, b.recipient_sector, NULL AS recipient_name,
               'Place ' || (b.i % 997) AS place_name, 1000000 + b.i % 997 AS geonameid,
               least(89.0, greatest(-89.0, c.lat + b.dlat * c.spread)) AS lat,
               least(179.0, greatest(-179.0, c.lon + b.dlon * c.spread)) AS lon,
               NULL AS admin1, b.country AS country_code, 4 AS resolution,
               b.day AS date, b.date_precision, b.day AS date_start, b.day AS date_end,
               CASE WHEN b.event = 'ASSAULT' THEN b.dead END AS dead, NULL AS injured, NULL AS arrested,
               NULL AS acled_event_type, NULL AS acled_sub_event_type, NULL AS acled_disorder_type, NULL AS cameo,
               b.confidence, b.num_mentions, least(b.num_mentions, 1 + b.i % 3) AS num_sources,
               b.num_mentions AS num_documents, b.day AS first_reported,
               lower(b.sentence || ' place ' || (b.i % 997)) AS search,
               json_object(
                 'id', b.id, 'event', b.event, 'mode', NULL, 'aux', b.aux,
                 'actor', json_object('entity_text', json_object('text', b.country || ' ' || b.actor_sector,
                                      'start', 0, 'end', 8), 'code', b.country, 'sector', b.actor_sector,
                                      'name', NULL, 'identifier_id', NULL),
                 'recipient', json_object('entity_text', json_object('text', 'the ' || lower(b.recipient_sector),
                                          'start', 20, 'end', 27), 'code', b.country, 'sector', b.recipient_sector,
                                          'name', NULL, 'identifier_id', NULL),
                 'event_loc', json_object('extracted_place', json_object('text', 'Place ' || (b.i % 997),
                                          'start', 31, 'end', 40), 'resolved_place', 'Place ' || (b.i % 997),
                                          'geonameid', 1000000 + b.i % 997,
                                          'lat', least(89.0, greatest(-89.0, c.lat + b.dlat * c.spread)),
                                          'lon', least(179.0, greatest(-179.0, c.lon + b.dlon * c.spread)),
                                          'admin1', NULL, 'country_code', b.country, 'feature_code', 'PPL',
                                          'resolution', 4),
                 'date', b.day::VARCHAR, 'date_precision', b.date_precision,
                 'size', json_object('dead', CASE WHEN b.event = 'ASSAULT' THEN b.dead END, 'injured', NULL,
                                     'arrested', NULL),
                 'acled', json_object('event_type', NULL, 'sub_event_type', NULL, 'disorder_type', NULL),
                 'cameo', NULL, 'confidence', b.confidence, 'num_mentions', b.num_mentions,
                 'num_sources', least(b.num_mentions, 1 + b.i % 3), 'num_documents', b.num_mentions,
                 'first_reported', b.day::VARCHAR,
                 'mention_ids', [('m-' || md5(b.i::VARCHAR || '-' || k::VARCHAR)[:16]) FOR k IN range(b.num_mentions)],
                 'sources', ['outlet-' || (b.i % 50)],
                 'evidence', json_object('mention_id', 'm-' || md5(b.i::VARCHAR || '-0')[:16],
                                         'doc_id', 'doc-' || md5(b.i::VARCHAR)[:16], 'sentence', b.sentence)
               ) AS record
        FROM base b JOIN countries c ON c.code = b.country""")
    count, = con.execute("SELECT count(*) FROM events").fetchone()
    con.close()
    print(f"built {path}: {count:,} events in {time.perf_counter() - started:.0f} s, "
          f"{path.stat().st_size / 1e6:,.0f} MB", flush=True)


def scenarios(path: Path, rng: random.Random) -> dict[str, callable]:
    """Scenario name → a function giving the query parameters of one request."""
    types, countries = list(TYPES), list(COUNTRIES)[:12]  # the countries analysts look at most
    months = [f"{y}-{m:02d}" for y in range(2021, 2026) for m in range(1, 13)]
    boxes = [(30, 44, 40, 52), (34, 29, 36, 34), (-5, 10, 5, 20), (40, 0, 50, 12), (90, 15, 100, 25)]
    deep = _deep_cursors(path, rng)

    def month_range() -> dict:
        month = rng.choice(months)
        return {"date_from": f"{month}-01", "date_to": f"{month}-28"}

    return {
        "no filter": lambda: {},
        "type": lambda: {"type": rng.choice(types)},
        "country": lambda: {"country": rng.choice(countries)},
        "date range (a month)": month_range,
        "bbox": lambda: {"bbox": ",".join(map(str, rng.choice(boxes)))},
        "type+country+date": lambda: {"type": rng.choice(types[:6]), "country": rng.choice(countries),
                                      "date_from": f"{rng.choice(range(2021, 2025))}-01-01", "date_to": "2025-12-31"},
        "text search (q)": lambda: {"q": rng.choice(WORDS)},
        "deep cursor page": lambda: {"cursor": rng.choice(deep)},
    }


def _deep_cursors(path: Path, rng: random.Random) -> list[str]:
    """Cursors of the default order (-date) deep into the list (rows 100,000 to 900,000 of 1 million), as
    following next_cursor that far would give (made from the rows, not by fetching thousands of pages)."""
    order = Order("-date")
    con = duckdb.connect(str(path), read_only=True)
    total, = con.execute("SELECT count(*) FROM events WHERE aux IS NULL").fetchone()
    cursors = []
    for _ in range(20):
        offset = rng.randrange(total // 10, total * 9 // 10)
        key, last_id = con.execute(f"SELECT {order.key_columns()}, id FROM events WHERE aux IS NULL "
                                   f"ORDER BY {order.order_by()} LIMIT 1 OFFSET {offset}").fetchone()
        cursors.append(order.cursor(key, last_id))
    con.close()
    return cursors


def measure(url: str, make_params, requests: int) -> tuple[list[float], float]:
    """Latencies (ms) of `requests` GET /events, and the mean number of items returned."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    times, items = [], []
    for n in range(WARM_UP + requests):
        query = urlencode({"limit": 50, **make_params()})
        started = time.perf_counter()
        connection.request("GET", f"/events?{query}")
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"/events?{query}: HTTP {response.status}: {body[:300]!r}")
        if n >= WARM_UP:
            times.append(elapsed)
            items.append(len(json.loads(body)["items"]))
    connection.close()
    return times, statistics.mean(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per scenario")
    parser.add_argument("--db", type=Path, default=REPO / "build" / "bench-events.duckdb")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the store even if it has N events")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
          f"duckdb {duckdb.__version__}; load average before: {os.getloadavg()[0]:.2f}", flush=True)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists() or _count(args.db) != args.events:
        build(args.db, args.events)
    rng = random.Random(5)
    plans = scenarios(args.db, rng)
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(args.db), "--port", "0"],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        url = line[line.index("http://"):].split()[0]
        print(f"GET /events?limit=50&... against `eventwire serve` (uvicorn) at {url}, {args.requests} requests "
              f"per scenario after {WARM_UP} warm-up\n")
        print(f"{'scenario':<22} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'items':>6}")
        for name, make_params in plans.items():
            times, items = measure(url, make_params, args.requests)
            p = statistics.quantiles(times, n=100)
            print(f"{name:<22} {statistics.median(times):8.1f} {p[94]:8.1f} {p[98]:8.1f} {items:6.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


def _count(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM events").fetchone()[0]
    except duckdb.Error:
        return -1
    finally:
        con.close()


if __name__ == "__main__":
    main()
