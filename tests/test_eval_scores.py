"""The scoring functions of `eventwire eval` agree with hand-computed figures."""
import pytest

from eventwire.eval.case2021 import predict
from eventwire.eval.report import classification_scores, prf


def test_prf():
    assert prf(2, 1, 1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_weighted_and_macro_f1():
    gold = ["A", "A", "A", "B"]
    predicted = ["A", "A", "B", "B"]
    scores = classification_scores(gold, predicted, ["A", "B"])
    f1_a, f1_b = 0.8, 2 / 3  # A: p=1, r=2/3; B: p=1/2, r=1
    assert scores["accuracy"] == 0.75
    assert scores["macro_f1"] == pytest.approx((f1_a + f1_b) / 2)
    assert scores["weighted_f1"] == pytest.approx((3 * f1_a + f1_b) / 4)


def test_case2021_prediction_is_the_most_confident_asserted_mention(code_text):
    mentions = code_text("Police arrested 14 suspected smugglers in Mombasa on Tuesday. "
                         "Rebels may shell the town, officials warned.", "2024-05-08")
    assert predict(mentions) == "ARREST"
    assert predict([]) == "OTHER"


@pytest.mark.parametrize("cameo,label", [
    ("010", "0"), ("0211", "0"), ("036", "1"), ("057", "1"), ("0871", "2"), ("111", "3"), ("138", "3"),
    ("145", "4"), ("195", "4"), ("20", "4"), (None, "0"),
])
def test_cameo_quad_classes(cameo, label):
    from eventwire.eval.conflibert_cameo import quad_class

    assert quad_class(cameo) == label


@pytest.mark.parametrize("code,event", [
    ("030", "AGREE"), ("0841", "RETREAT"), ("163", "COERCE"), ("1712", "ASSAULT"), ("190", "ASSAULT"),
    ("1717", "COERCE"), ("174K", "COERCE"), ("08", "CONCEDE"), ("023", None), ("013", None), ("802", None),
    ("903", None), ("212", None), (None, None),
])
def test_cameo_to_plover_crosswalk(code, event):
    from eventwire.events.lexicon import plover_for_cameo

    assert plover_for_cameo(code) == event


def test_petrarch2_scores_record_type_pairs():
    from types import SimpleNamespace as Mention

    from eventwire.eval.petrarch2 import Record, dyads, score

    usa = Mention(code="USA")
    rus = Mention(code="RUS")
    hit = Record("gsr", "a", "", None, False, {"CONSULT": [("USAGOV", "RUS")], "ASSAULT": [("---REB", "SYR")]}, [])
    quiet = Record("gsr", "b", "", None, True, {}, [])
    pairs = [(hit, [Mention(event="CONSULT", actor=usa, recipient=rus), Mention(event="AID", actor=None,
                                                                                recipient=None)]),
             (quiet, [])]
    scores = score(pairs, "gsr_")
    assert scores["gsr_precision"] == 0.5 and scores["gsr_recall"] == 0.5  # tp CONSULT, fp AID, fn ASSAULT
    assert scores["gsr_noevent_accuracy"] == 1.0
    assert dyads(pairs) == (1, 1)  # ASSAULT is unmatched and its source is not a state


def test_petrarch2_runs_on_a_subset(coder):
    from eventwire.eval import benchmarks_dir, runners

    try:
        folder = benchmarks_dir()
    except FileNotFoundError as error:
        pytest.skip(f"the PETRARCH-2 records are read from ../shared/benchmarks: {error}")
    report = runners()["petrarch2"](coder, folder, limit=8)
    assert report.items == 16 and report.details["gsr_records"] == 8
    assert report.details["unit_error_records"] == 7  # the expected-error records are skipped
    assert {"f1", "gsr_f1", "unit_f1", "gsr_dyad_accuracy", "noevent_accuracy"} <= set(report.metrics)
    assert all(0.0 <= value <= 1.0 for value in report.metrics.values())
    assert "expected-error" in report.rule
