"""`eventwire geoparse`: every place name of documents, resolved: the pipeline's parse and toponym step
alone (no events), for geoparsing and for scoring toponym resolution end to end."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from .geo import Gazetteer
from .geo.resolve import Resolution
from .geo.toponyms import geoparse
from .pipeline import nlp_text
from .records import Document

FIELDS = ("doc_id", "text", "start", "end", "geonameid", "resolved_place", "lat", "lon", "admin1", "country_code",
          "feature_code", "resolution", "score", "matched_by")


def geoparse_documents(documents: Iterable[Document], nlp: Language, gazetteer: Gazetteer,
                       batch_size: int = 32) -> Iterator[tuple[Document, list[Resolution]]]:
    """Each document with its place names (the dateline's first), parsed in batches as the coder does."""
    parsed = nlp.pipe(((nlp_text(d), d) for d in documents), as_tuples=True, batch_size=batch_size)
    for doc, document in parsed:
        yield document, geoparse(doc, gazetteer, document.dateline)


def toponym_record(doc_id: str, resolution: Resolution) -> dict:
    """One output row (`FIELDS`); the place's fields are null when the name did not resolve."""
    place, span = resolution.place, resolution.span
    return dict(zip(FIELDS, (
        doc_id, span.text, span.start, span.end, place and place.geonameid, place and place.name,
        place and place.lat, place and place.lon, place and place.admin1, place and (place.country_code or None),
        place and place.feature_code, place and place.resolution, resolution.score, resolution.matched_by)))
