"""Exports (eventwire.export): PLOVER JSONL, ACLED CSV (the 31 columns exactly), GeoJSON, Parquet; filters."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import duckdb
import pytest

from eventwire import export
from eventwire.export.acled import acled_row
from eventwire.store import EventFilter, Store

from conftest import SHARED, FakeCoder
from test_store import DOCS, PLAN

DESIGN = SHARED / "design" / "event-record.md"
# The ACLED export's columns, as ../shared/design/event-record.md lists them (checked against it there).
ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
                "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                "fatalities,tags,timestamp")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store.open(tmp_path_factory.mktemp("export") / "test.duckdb") as opened:
        opened.ingest(DOCS, FakeCoder(PLAN))
        yield opened


def exported(store, format: str, filters: EventFilter = EventFilter()) -> bytes:
    stream = io.BytesIO()
    export.write(store, format, filters, stream)
    return stream.getvalue()


def test_acled_header_is_exactly_the_31_columns(store):
    header = exported(store, "acled").decode().split("\n")[0]
    assert header == ACLED_HEADER and len(export.ACLED_COLUMNS) == 31


def test_acled_columns_are_those_of_the_design_document():
    if not DESIGN.exists():
        pytest.skip(f"the design document is read from {DESIGN}, which is not here (../shared exists only in "
                    "development sessions and CI)")
    listed = re.search(r"31 columns in this order: `([^`]*)`", DESIGN.read_text(encoding="utf-8"))
    assert tuple(c.strip() for c in listed.group(1).split(",")) == export.ACLED_COLUMNS


def test_acled_rows_one_per_event(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "acled").decode())))
    assert len(rows) == 4  # the merged events, the negated one left out
    kharkiv = next(r for r in rows if r["event_id_cnty"] == "e-a-0")
    assert kharkiv["event_date"] == "2024-03-01" and kharkiv["year"] == "2024" and kharkiv["time_precision"] == "1"
    assert (kharkiv["actor1"], kharkiv["inter1"]) == ("Military Forces of Russia", "8")  # outside its country
    assert (kharkiv["actor2"], kharkiv["inter2"], kharkiv["interaction"]) == ("Civilians (Ukraine)", "7", "78")
    assert kharkiv["civilian_targeting"] == "Civilian targeting"
    assert (kharkiv["iso"], kharkiv["country"], kharkiv["location"], kharkiv["geo_precision"]) == \
        ("804", "Ukraine", "Kharkiv", "1")
    assert kharkiv["source"] == "Wire A; Wire B" and kharkiv["fatalities"] == "3"
    assert kharkiv["notes"] == "Report a from the front."  # the evidence sentence
    protest = next(r for r in rows if r["event_id_cnty"] == "e-a-1")
    assert (protest["actor1"], protest["inter1"], protest["interaction"]) == ("Protesters (Ukraine)", "6", "60")
    assert protest["fatalities"] == "0" and protest["civilian_targeting"] == ""


@pytest.mark.parametrize(("precision", "resolution", "time_precision", "geo_precision"), [
    ("week", 3, 2, 2), ("month", 2, 3, 3), ("year", 1, 3, 3),
])
def test_acled_precision_codes(precision, resolution, time_precision, geo_precision):
    event = {"id": "e-1", "date": "2024-03-01", "date_precision": precision,
             "event_loc": {"resolution": resolution, "country_code": "UKR"}}
    row = acled_row(event)
    assert (row["time_precision"], row["geo_precision"]) == (time_precision, geo_precision)


def test_plover_lines_are_mentions(store):
    lines = [json.loads(line) for line in exported(store, "plover").decode().splitlines()]
    assert [m["id"] for m in lines] == ["m-a-0", "m-b-0", "m-c-0", "m-a-1", "m-e-0"]
    assert set(lines[0]) >= {"id", "doc_id", "event", "mode", "context", "aux", "actor", "recipient", "event_loc",
                             "date", "date_precision", "size", "event_text", "sentence", "acled", "cameo",
                             "confidence", "coder"}


def test_geojson_has_a_feature_per_placed_event(store):
    collection = json.loads(exported(store, "geojson", EventFilter(aux="negation")))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {"e-a-0", "e-a-1", "e-c-0", "e-d-0", "e-e-0"}
    assert features["e-a-0"]["geometry"] == {"type": "Point", "coordinates": [36.25, 49.98]}
    assert features["e-a-0"]["properties"]["num_sources"] == 2


def test_geojson_of_nothing_is_an_empty_collection(store):
    assert json.loads(exported(store, "geojson", EventFilter(countries="FRA"))) == \
        {"type": "FeatureCollection", "features": []}


def test_parquet_as_a_zip_and_as_a_folder(store, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(exported(store, "parquet", EventFilter(types="PROTEST"))))
    assert sorted(archive.namelist()) == ["documents.parquet", "events.parquet", "mentions.parquet"]
    written = export.write_path(store, "parquet", EventFilter(), tmp_path / "tables")
    events = duckdb.execute(f"SELECT id, num_sources FROM '{written[0]}' ORDER BY id").fetchall()
    assert events == [("e-a-0", 2), ("e-a-1", 1), ("e-c-0", 1), ("e-e-0", 1)]


def test_filters_apply_to_every_export(store, tmp_path):
    only_belarus = EventFilter(actor="BLR")
    assert [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(exported(store, "acled", only_belarus).decode()))] \
        == ["e-e-0"]
    assert [json.loads(line)["id"] for line in exported(store, "plover", only_belarus).decode().splitlines()] \
        == ["m-e-0"]
    out = tmp_path / "belarus.geojson"
    assert export.write_path(store, "geojson", only_belarus, out) == [out]
    assert [f["id"] for f in json.loads(out.read_text())["features"]] == ["e-e-0"]


def test_unknown_format(store):
    with pytest.raises(ValueError, match="unknown text export format 'xml'"):
        exported(store, "xml")
