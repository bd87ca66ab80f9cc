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
    mentions = code_text("Police arrested 14 protesters in Nairobi on Tuesday. "
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
