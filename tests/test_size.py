"""Counts of dead, injured and arrested, in digits and words."""
import pytest

from eventwire.events.size import parse_number


@pytest.mark.parametrize("words,value", [
    (["six"], 6), (["two", "dozen"], 24), (["a", "dozen"], 12), (["1,200"], 1200), (["twenty-one"], 21),
    (["three", "hundred"], 300), (["dozens"], None), (["scores"], None),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("text,kind,count", [
    ("Gunmen attacked the village on Tuesday, killing six civilians.", "dead", 6),
    ("Mortar shells hit the market on Tuesday and at least two dozen were wounded.", "injured", 24),
    ("Police arrested 14 people after the riot on Tuesday.", "arrested", 14),
    ("An airstrike hit the town on Tuesday. Nobody was killed, officials said.", None, None),
    ("Rebels shelled the town on Tuesday; no one was hurt.", "injured", 0),
])
def test_counts_reach_the_mention(code_text, text, kind, count):
    mentions = [m for m in code_text(text, "2024-05-08") if m.event in ("ASSAULT", "COERCE", "PROTEST")]
    assert mentions
    if kind is not None:
        assert any(getattr(m.size, kind) == count for m in mentions), [m.size for m in mentions]


def test_vague_amounts_stay_null(code_text):
    for m in code_text("Troops shelled the town on Tuesday, killing dozens of people.", "2024-05-08"):
        assert m.size.dead is None
