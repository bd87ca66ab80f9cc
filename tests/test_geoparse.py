"""`eventwire geoparse`: every place name of the inputs, with its place; bad inputs reported per file."""
import json

from test_cli import run

from eventwire.geoparse import FIELDS

STORY = "SPRINGFIELD, Ill. (AP) — Flooding closed roads in Springfield and in Xyzzyvillequux on Monday.\n"


def test_jsonl_lists_every_toponym_with_its_place_and_keeps_jsonl_ids(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "story-7", "text": STORY}) + "\n", encoding="utf-8")
    result = run("geoparse", str(feed), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert rows and all(tuple(row) == FIELDS and row["doc_id"] == "story-7" for row in rows)
    assert all(STORY[row["start"]:row["end"]] == row["text"] for row in rows)
    by_text = {row["text"]: row for row in rows}
    assert by_text["SPRINGFIELD"]["geonameid"] == by_text["Springfield"]["geonameid"] == 4250542
    springfield = by_text["Springfield"]
    assert (springfield["admin1"], springfield["country_code"], springfield["feature_code"]) == ("Illinois", "USA", "PPL")
    assert springfield["resolution"] == 4 and 0 < springfield["score"] <= 1 and springfield["matched_by"] == "exact"
    unknown = by_text.get("Xyzzyvillequux")
    assert unknown is None or (unknown["geonameid"] is None and unknown["score"] == 0)


def test_table_and_bad_inputs_reported_per_file(tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    result = run("geoparse", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "table")
    assert result.returncode == 1
    err = result.stderr.decode()
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert name in err
    lines = result.stdout.decode().splitlines()
    assert lines[0].split()[:3] == ["doc", "text", "start"]
    assert any("Springfield" in line and "Illinois" in line for line in lines[1:])
