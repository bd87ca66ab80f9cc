"""Our development set is complete enough to tune on: 40+ articles, every PLOVER type, the hard cases."""
from collections import Counter

from eventwire.eval.devset import FOLDER
from eventwire.eval.gold import load_gold
from eventwire.ingest import read_documents
from eventwire.records import AUX_MODES, PLOVER_TYPES

GOLD = load_gold(FOLDER)


def test_at_least_40_articles_each_with_its_text():
    assert len(GOLD) >= 40
    for entry in GOLD:
        assert (FOLDER / entry["file"]).exists(), entry["file"]


def test_every_plover_type_is_asserted_and_every_aux_mode_is_a_trap():
    asserted = Counter(e["event"] for entry in GOLD for e in entry["events"] if e.get("aux") is None)
    assert {t for t in PLOVER_TYPES if asserted[t] < 2} == set()
    traps = Counter(t.get("aux") for entry in GOLD for t in entry.get("absent", []))
    assert all(traps[aux] >= 3 for aux in AUX_MODES), traps


def test_the_datelines_give_the_gold_publication_dates():
    for entry in GOLD:
        (document,) = read_documents([str(FOLDER / entry["file"])])
        assert document.published == str(entry["published"]), entry["file"]
