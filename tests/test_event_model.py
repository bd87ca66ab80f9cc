"""The trained event head: shipped weights match their recorded hash, load offline, and behave."""
from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire.model import EventModel
from eventwire.model.calibration import expected_calibration_error, fit
from eventwire.model.head import META, WEIGHTS, EventHead
from eventwire.model.training import LABELS, own_examples
from eventwire.records import PLOVER_TYPES


@pytest.fixture(scope="module")
def model(coder) -> EventModel:
    return coder.model


def test_weights_are_small_and_match_their_hash():
    assert WEIGHTS.stat().st_size < 20_000_000
    head = EventHead.load()
    assert set(head.labels["event"]) == {"NONE", *PLOVER_TYPES}
    assert len(head.labels["acled"]) == 26  # NONE + the 25 ACLED sub-event types
    assert head.labels == LABELS


def test_tampered_weights_are_refused(tmp_path):
    raw = bytearray(WEIGHTS.read_bytes())
    raw[-1] ^= 1
    (tmp_path / "w.safetensors").write_bytes(bytes(raw))
    with pytest.raises(ValueError, match="does not match"):
        EventHead.load(tmp_path / "w.safetensors", META)


def test_embedding_of_a_sentence_does_not_depend_on_its_batch(model):
    sentence = "Paramilitary fighters shelled a market in El Fasher on Sunday, killing 12 civilians."
    alone = model.encoder.encode([sentence])[0]
    batched = model.encoder.encode([sentence, "Hundreds marched.", "A much longer sentence " * 12])[0]
    assert float(alone @ batched) > 0.9999


@pytest.mark.parametrize("sentence,event,acled", [
    ("Government forces fired mortars and rockets at the town from nearby hills.", "ASSAULT",
     "Shelling/artillery/missile attack"),
    ("Thousands of nurses marched peacefully through the capital demanding higher pay.", "PROTEST",
     "Peaceful protest"),
    ("Police arrested three suspected members of the militia at their homes on Tuesday.", "COERCE", "Arrests"),
])
def test_head_scores_plain_sentences(model, sentence, event, acled):
    (scores,) = model.score([sentence])
    assert scores.best("event")[0] == event
    assert scores.best("acled", set(LABELS["acled"]) - {"NONE"})[0] == acled


def test_head_tells_denials_and_plans_from_facts(model):
    denied, planned = model.score(["The army denied that its soldiers had fired on the crowd.",
                                   "The two governments will hold talks in Geneva next month."])
    assert denied.best("aux")[0] == "negation"
    assert planned.best("aux")[0] == "future"


def test_a_bad_training_label_names_its_file_and_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text(json.dumps({"text": "x", "event": "ATTACK", "mode": None, "aux": None,
                                                    "acled": None}) + "\n")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: unknown event 'ATTACK'"):
        own_examples(tmp_path)


def test_calibration_fit_and_ece():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 1))
    y = (rng.random(2000) < 1 / (1 + np.exp(-(2 * x[:, 0] - 0.5)))).astype(float)
    w, b = fit(x, y)
    assert abs(w[0] - 2) < 0.3 and abs(b + 0.5) < 0.2
    p = 1 / (1 + np.exp(-(x @ w + b)))
    assert expected_calibration_error(p, y) < 0.05
    assert expected_calibration_error(np.full(4, 0.9), np.array([0.0, 0, 0, 0])) == pytest.approx(0.9)


def test_mentions_say_what_the_head_contributed(code_text):
    mentions = code_text("Government troops shelled rebel positions outside the town on Monday.", "2025-03-04")
    assault = next(m for m in mentions if m.event == "ASSAULT")
    assert any(r.startswith("model: P(ASSAULT)=") for r in assault.reasons)
    assert set(assault.scores) >= {"prior", "p_type", "p_asserted"}
    assert 0.0 < assault.confidence < 1.0
