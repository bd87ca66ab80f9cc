"""`eventwire code` from the command line: output format, stdin, version, and bad input; `eventwire gazetteer`."""
import json
import os
import subprocess
import zipfile
import sys

import pytest

from eventwire import __version__
from eventwire.records import Mention

MENTION_FIELDS = set(Mention.__dataclass_fields__)
ARTICLE = "GOMA, Congo —\nRebels shelled the town of Sake on Tuesday, killing six civilians.\n"


def run(*args, stdin: bytes | None = None, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=stdin, capture_output=True,
                          timeout=300, env=env)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    (root / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (root / "latin1.txt").write_bytes("Les rebelles ont attaqué Goma.".encode("latin-1"))
    return root


def test_version():
    result = run("--version")
    assert result.returncode == 0 and __version__ in result.stdout.decode()


def test_jsonl_has_every_mention_field(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("code", str(path), "--published", "2024-05-01")
    assert result.returncode == 0, result.stderr.decode()
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert lines and all(set(line) == MENTION_FIELDS for line in lines)
    assault = next(line for line in lines if line["event"] == "ASSAULT")
    assert assault["date"] == "2024-04-30" and assault["size"]["dead"] == 6


def test_stdin_and_table():
    result = run("code", "-", "--published", "2024-05-01", "--format", "table", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.splitlines()[0].startswith("doc") and "ASSAULT" in out


def test_bad_files_are_reported_and_good_ones_still_coded(folder):
    result = run("code", str(folder), "--published", "2024-05-01")
    assert result.returncode == 1
    err = result.stderr.decode()
    for name, problem in (("empty.txt", "empty"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8")):
        line = next((l for l in err.splitlines() if name in l), "")
        assert problem in line, err
    assert "ASSAULT" in result.stdout.decode()


def test_bad_published_date_is_a_usage_error(tmp_path):
    result = run("code", "-", "--published", "20 Sept", stdin=b"x")
    assert result.returncode == 2 and "--published" in result.stderr.decode()


def test_missing_file_named_in_error(tmp_path):
    result = run("code", str(tmp_path / "nope.txt"))
    assert result.returncode == 1 and "nope.txt" in result.stderr.decode()


def test_actors_file_adds_a_leader(tmp_path):
    extra = tmp_path / "actors.yaml"
    extra.write_text("leaders:\n- {name: Amara Kone, aliases: [Kone], iso3: MLI, title: President,"
                     " start: '2024-01-01', end: null}\n", encoding="utf-8")
    article = b"Amara Kone met Niger's prime minister in Niamey on Tuesday.\n"
    plain = run("code", "-", "--published", "2024-05-08", stdin=article)
    added = run("code", "-", "--published", "2024-05-08", "--actors", str(extra), stdin=article)
    assert added.returncode == 0, added.stderr.decode()
    actor = lambda result: [json.loads(l)["actor"] for l in result.stdout.decode().splitlines()]  # noqa: E731
    assert any(a and a["code"] == "MLI" and a["sector"] == "GOV" for a in actor(added))
    assert not any(a and a["code"] == "MLI" for a in actor(plain))


def test_bad_actors_file_is_a_clear_error(tmp_path):
    extra = tmp_path / "actors.yaml"
    extra.write_text("leaders: [{name: X}]\n", encoding="utf-8")
    result = run("code", "-", "--actors", str(extra), stdin=b"x")
    assert result.returncode == 2 and "actors.yaml" in result.stderr.decode()


def test_ingest_then_export(folder, tmp_path):
    dump = tmp_path / "dump.csv"
    dump.write_text('id,text,source\nw-1,"' + ARTICLE.replace("Tuesday", "Monday") + '",Lake Wire\nw-2,,\n',
                    encoding="utf-8")
    db = tmp_path / "events.duckdb"
    result = run("ingest", str(folder), str(dump), "--db", str(db), "--published", "2024-05-01")
    assert result.returncode == 1  # some inputs failed; the others are stored
    err = result.stderr.decode()
    for name in ("empty.txt", "binary.txt", "latin1.txt", f"{dump}:5"):  # w-1 spans lines 2-4
        assert name in err, err
    assert result.stdout.decode().startswith(f"eventwire: {db}: 2 new documents, 0 exact duplicates skipped")

    out = tmp_path / "events.csv"
    exported = run("export", "--format", "acled", "--db", str(db), "--type", "ASSAULT", "--out", str(out))
    assert exported.returncode == 0, exported.stderr.decode()
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("event_id_cnty,event_date,year,") and len(rows) == 3  # the two shellings
    plover = run("export", "--format", "plover", "--db", str(db), "--country", "COD", "--since", "2024-04-30")
    assert plover.returncode == 0 and all(json.loads(line)["event_loc"]["country_code"] == "COD"
                                          for line in plover.stdout.decode().splitlines())


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "acled", "--bbox", "1,2,3"], "bbox must be four numbers"),
    (["--format", "acled", "--type", "BOMBING"], "unknown event type 'BOMBING'"),
    (["--format", "parquet"], "--format parquet needs --out FOLDER"),
    (["--format", "geojson", "--db", "missing.duckdb"], "no event store at missing.duckdb"),
])
def test_export_usage_errors(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "eventwire.cli", "export", *args], capture_output=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr.decode()


def test_python_api():
    import eventwire

    mentions = eventwire.code("Rebels shelled the town of Sake on Tuesday.", published="2024-05-08")
    assert [m.event for m in mentions] == ["ASSAULT"] and mentions[0].date == "2024-05-07"


def test_example_actor_file_stays_valid():
    from conftest import EXAMPLES

    from eventwire.actors import ActorDictionary

    match = ActorDictionary.load(EXAMPLES / "actors.yaml").match("Governor Amara Kone")
    assert (match.code, match.sector) == ("MLI", "GOV")


def test_gazetteer_import_then_build_finds_it_built(geonames_dump, tmp_path):
    out = tmp_path / "gazetteer.sqlite"
    result = run("gazetteer", "import", *map(str, geonames_dump), "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert str(out) in result.stderr.decode() and "places" in result.stderr.decode()
    built = run("gazetteer", "build", env={**os.environ, "EVENTWIRE_GAZETTEER": str(out)})
    assert built.returncode == 0 and f"gazetteer {out} is built" in built.stderr.decode()


def test_gazetteer_import_of_a_bad_dump_fails_and_keeps_the_gazetteer(geonames_dump, tmp_path):
    out = tmp_path / "gazetteer.sqlite"
    assert run("gazetteer", "import", str(geonames_dump[0]), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    bad = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("allCountries.txt", "146970\tKhankendi\n")
    result = run("gazetteer", "import", str(bad), "--out", str(out))
    assert result.returncode == 1
    assert f"{bad} line 1: expected 19 tab-separated columns, got 2" in result.stderr.decode()
    assert out.read_bytes() == before
