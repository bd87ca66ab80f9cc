"""Every span of every output indexes the document text exactly (property test over generated text)."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.records import iter_spans

CLAUSES = [
    "Russian forces shelled Kharkiv on Tuesday, killing six civilians",
    "the Azerbaijan army unleashed drone attacks against separatist forces",
    "protesters marched in Nairobi, and police arrested 14 people",
    "Mali and Niger agreed to hold talks next week",
    "the president said he would not attack Kyiv",
    "at least two dozen were wounded by an explosion in Mogadishu",
    "Türkiye threw its weight behind Azerbaijan",
    "Washington will impose sanctions on Caracas",
    "rebels were attacked by government troops near Goma yesterday",
    "if peacekeepers withdraw, the fighting could resume",
    "Israeli airstrikes hit Rafah overnight",
    "KYIV, Ukraine (AP) —",
]
NOISE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
SEPARATORS = st.sampled_from([". ", ".\n\n", "; ", " — ", ".\r\n", " “", "” ", "\u00a0", "\t", "..."])


@st.composite
def articles(draw):
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        parts.append(draw(st.sampled_from(CLAUSES)))
        parts.append(draw(st.one_of(SEPARATORS, NOISE)))
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), published=st.sampled_from([None, "2023-09-20", "2024-02-29"]))
def test_every_span_matches_the_document_text(code_text, text, published):
    from eventwire.ingest import document_from_text

    stored = document_from_text(text).text  # offsets index the text as stored
    for mention in code_text(text, published=published):
        for span in iter_spans(mention):
            assert span.text == stored[span.start:span.end]
            assert 0 <= span.start <= span.end <= len(stored)
