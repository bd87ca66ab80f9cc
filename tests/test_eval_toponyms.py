"""The scoring of `eventwire eval lgl|gwn|trnews|geovirus|event-location` on hand-computed figures and on
small files in the sets' formats that we wrote."""
import json
import math
import zipfile

import pytest

from eventwire.eval.event_location import held_out, load_entries
from eventwire.eval.toponyms import GoldToponym, auc_of_log_error, read_geovirus, read_lgl_style, resolution_metrics
from eventwire.geo import PlaceMatch
from eventwire.records import Span

LONDON = PlaceMatch("London", 2643743, 51.5085, -0.1257, "England", "GBR", "PPLC", 4, 8961989, None, "P")


def test_auc_is_the_scaled_area_under_the_sorted_log_error_curve():
    assert auc_of_log_error([0, 0, 0]) == 0
    assert auc_of_log_error([20_039, 20_039]) == pytest.approx(1, abs=1e-4)
    errors = [20_039, 0, 100]  # trapezoid over sorted ln(1 + km): (0 + ln 101) / 2 + (ln 101 + ln 20040) / 2
    expected = (math.log(101) + math.log(20_040) / 2) / (2 * math.log(20_039))
    assert auc_of_log_error(errors) == pytest.approx(expected)


def test_resolution_metrics_count_unresolved_names_as_the_largest_error():
    right = GoldToponym(Span("London", 0, 6), 2643743, 51.5074, -0.1278)
    near = GoldToponym(Span("Londres", 10, 17), 999, 51.0, 0.0)  # another id, 57 km away
    missed = GoldToponym(Span("Xyz", 20, 23), 5, 0.0, 0.0)
    metrics = resolution_metrics([(right, LONDON), (near, LONDON), (missed, None)], has_ids=True)
    assert metrics["exact"] == pytest.approx(1 / 3)
    assert metrics["acc161km"] == metrics["acc161km_by_id"] == pytest.approx(2 / 3)
    assert metrics["median_km"] == pytest.approx(57, abs=2)
    assert metrics["mean_km"] == pytest.approx((0.2 + 57 + 20_039) / 3, abs=1)
    assert metrics["resolved"] == pytest.approx(2 / 3)
    assert "exact" not in resolution_metrics([(right, LONDON)], has_ids=False)


def test_a_right_id_counts_zero_km_in_the_by_id_figure():
    far_centre = GoldToponym(Span("London", 0, 6), 2643743, 53.0, -3.0)  # 250 km from our point
    metrics = resolution_metrics([(far_centre, LONDON)], has_ids=True)
    assert (metrics["acc161km"], metrics["acc161km_by_id"], metrics["exact"]) == (0, 1, 1)


def test_lgl_reader_aligns_offsets_and_keeps_ungeocoded_toponyms_unscored(tmp_path):
    text = "Fire in Pineville and on Elm Street."
    path = tmp_path / "lgl.xml"
    path.write_text(f"""<articles><article docid="7"><text><![CDATA[{text}]]></text><toponyms>
      <toponym><start>9</start><end>18</end><phrase>Pineville</phrase>
        <gaztag geonameid="4337291"><name>Pineville</name><lat>31.3</lat><lon>-92.4</lon></gaztag></toponym>
      <toponym><start>25</start><end>35</end><phrase>Elm Street</phrase></toponym>
      <toponym><start>0</start><end>4</end><phrase>Nowhere</phrase><gaztag geonameid="1"><lat>0</lat><lon>0</lon></gaztag></toponym>
    </toponyms></article></articles>""", encoding="utf-8")
    (document,) = read_lgl_style(path)
    assert [(t.span.text, t.span.start, t.geonameid) for t in document.toponyms] == [("Pineville", 8, 4337291)]
    assert [s.text for s in document.unscored] == ["Elm Street"] and document.unaligned == 1


def test_geovirus_reader(tmp_path):
    path = tmp_path / "GeoVirus.xml"
    path.write_text("""<articles><article><source>x</source><text>Cases rose in Goma, North Kivu.</text><locations>
      <location><name>Goma</name><start>15</start><end>19</end><lat>-1.68</lat><lon>29.22</lon><page>p</page></location>
    </locations></article></articles>""", encoding="utf-8")
    (document,) = read_geovirus(path)  # offsets one off, as in GeoVirus
    assert [(t.span.text, t.span.start, t.geonameid, t.lat) for t in document.toponyms] == [("Goma", 14, None, -1.68)]


def test_event_location_held_out_part_is_fixed_and_a_fifth():
    texts = [f"sentence {n}" for n in range(2000)]
    share = sum(map(held_out, texts)) / len(texts)
    assert 0.17 < share < 0.23
    assert [held_out(t) for t in texts[:50]] == [held_out(t) for t in texts[:50]]


def test_event_location_entries_prefer_the_relabelled_annotation(tmp_path):
    text = "Gunmen attacked a market in Kano on Friday."
    verb = {"label": "VERB", "start": 7, "end": 15}
    items = [
        {"_id": 1, "source": "AP", "text": text, "spans": [verb]},
        {"_id": 1, "source": "RELABEL", "text": text, "spans": [verb, {"label": "LOCATION", "start": 28, "end": 32}]},
        {"_id": 2, "source": "AP", "text": text, "spans": []},  # no verb: left out
        {"_id": 3, "source": "AP", "text": "Talks began.", "spans": [{"label": "VERB", "start": 6, "end": 11},
                                                                   {"label": "LOCATION", "start": 3, "end": 3}]},
    ]
    folder = tmp_path / "event-location"
    folder.mkdir()
    with zipfile.ZipFile(folder / "labeled_text.jsonl.zip", "w") as archive:
        archive.writestr("__MACOSX/._labeled_text.jsonl", "junk")
        archive.writestr("labeled_text.jsonl", json.dumps(items))
    kano, talks = load_entries(tmp_path)
    assert kano.verb.text == "attacked" and [s.text for s in kano.locations] == ["Kano"]
    assert talks.locations == ()  # an empty LOCATION span is no location
