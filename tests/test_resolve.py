"""Toponym resolution (geo/candidates.py, geo/resolve.py) on examples we wrote, and the pipeline's
toponym step that uses it."""
import pytest
import yaml
from conftest import REPO

from eventwire.geo import Gazetteer
from eventwire.geo.candidates import find_candidates
from eventwire.geo.resolve import closeness, resolve
from eventwire.records import Span

EXAMPLES = yaml.safe_load((REPO / "tests" / "toponym_examples.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def spans_of(text: str, names) -> list[Span]:
    """Every occurrence of each name (case as written), in text order."""
    found = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            found.append(Span(name, start, start + len(name)))
            start = text.find(name, start + 1)
    return sorted(found, key=lambda s: s.start)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_our_examples_resolve_as_written(gaz, example):
    resolutions = resolve(example["text"], spans_of(example["text"], example["places"]), gaz)
    got = {r.span.text: r.place.geonameid if r.place else "unresolved" for r in resolutions}
    assert got == example["places"]
    assert all(0 < r.score <= 1 for r in resolutions)


def test_an_unresolved_name_never_blanks_the_others(gaz):
    text = "Crews from Xyzzyvillequux reached Springfield, Ill., on Monday."
    unknown, springfield = resolve(text, spans_of(text, ["Xyzzyvillequux", "Springfield"]), gaz)
    assert unknown.place is None and unknown.matched_by is None and unknown.score == 0
    assert springfield.place.admin1 == "Illinois"


def test_candidates_exact_then_normalised_then_fuzzy(gaz):
    assert find_candidates(gaz, "Aleppo").matched_by == "exact"
    assert find_candidates(gaz, "Ankara's").name_length == len("Ankara")
    assert find_candidates(gaz, "Харків").matched_by == "normalised"  # unidecode: "Kharkiv"
    province = find_candidates(gaz, "Helmand governorate")  # only "Helmand" is a name
    assert (province.matched_by, province.name_length) == ("normalised", len("Helmand"))
    assert find_candidates(gaz, "Mariupl").matched_by == "fuzzy"


def test_fuzzy_only_for_five_letters_and_never_beside_an_exact_match(gaz):
    assert find_candidates(gaz, "Kandahr").matched_by == "fuzzy"
    assert find_candidates(gaz, "Mosl").places == ()  # four letters: "Mosul" is one edit away, not tried
    paris = find_candidates(gaz, "Paris")
    assert paris.matched_by == "exact" and all(c.place.name != "Parks" for c in paris.places)


def test_a_fuzzy_match_needs_the_documents_country(gaz):
    alone = "The Mariupl talks ended."
    assert resolve(alone, spans_of(alone, ["Mariupl"]), gaz)[0].place is None
    placed = "Ukraine said shelling hit Mariupl."
    assert resolve(placed, spans_of(placed, ["Ukraine", "Mariupl"]), gaz)[1].place.geonameid == 701822


def test_demonyms_are_context_only(gaz):
    text = "Mariupl was shelled, Ukrainian officials said."
    demonym = spans_of(text, ["Ukrainian"])
    (mariupol,) = resolve(text, spans_of(text, ["Mariupl"]), gaz, context=demonym)
    assert mariupol.place.geonameid == 701822


def test_closeness_is_gritta_et_al_log_scale():
    assert closeness(0) == 1
    assert closeness(161) == pytest.approx(0.486, abs=0.001)
    assert closeness(20_039) == pytest.approx(0, abs=1e-4)


def test_the_pipeline_toponym_step_uses_the_resolver(coder):
    from eventwire.geo.toponyms import find_toponyms, geoparse

    doc = coder.nlp("Flooding closed roads in Springfield, Ill., and in Kharkov, Ukraine, a dam burst.")
    resolutions = geoparse(doc, coder.gazetteer)
    by_text = {r.span.text: r.place for r in resolutions}
    assert by_text["Springfield"].geonameid == 4250542
    assert by_text["Kharkov"].geonameid == 706483
    toponyms = find_toponyms(doc, coder.gazetteer).names
    assert {t.match.geonameid for t in toponyms} >= {4250542, 706483}
    assert all(t.span.text == doc.text[t.span.start:t.span.end] for t in toponyms)


def test_the_dateline_is_context_for_the_document(coder):
    from eventwire.geo.toponyms import find_toponyms
    from eventwire.ingest import document_from_text
    from eventwire.pipeline import nlp_text

    document = document_from_text("PARIS, Texas (AP) — Police in Paris said the fair would go ahead.")
    toponyms = find_toponyms(coder.nlp(nlp_text(document)), coder.gazetteer, document.dateline)
    assert [(t.span.text, t.match.geonameid) for t in toponyms.names] == [("Paris", 4717560)]
    assert (toponyms.dateline.span.text, toponyms.dateline.match.geonameid) == ("PARIS, Texas", 4717560)
