"""The seed article (../shared/seed/baku.txt, published Wednesday 2023-09-20) is coded right."""
import pytest

from eventwire.geo import distance_km

PUBLISHED = "2023-09-20"
STEPANAKERT = (39.82, 46.75)


@pytest.fixture(scope="module")
def mentions(code_text, seed_text):
    return code_text(seed_text, published=PUBLISHED, id="baku")


def asserted(mentions, event):
    return [m for m in mentions if m.event == event and m.aux is None]


def test_assault_by_azerbaijan_army_on_tuesday_with_artillery_and_drones(mentions):
    assaults = [m for m in asserted(mentions, "ASSAULT")
                if m.actor and m.actor.code == "AZE" and m.actor.sector == "MIL" and m.date == "2023-09-19"]
    assert {m.mode for m in assaults} >= {"heavy-weapons", "drone"}
    for m in assaults:
        assert m.event_loc is not None
        assert distance_km(m.event_loc.lat, m.event_loc.lon, *STEPANAKERT) <= 100


def test_disarm_or_ceasefire_agreement_on_wednesday(mentions):
    found = [m for m in mentions if m.date == PUBLISHED and (
        (m.event == "RETREAT" and m.mode == "disarm") or (m.event == "AGREE" and m.aux is None))]
    assert found


def test_planned_talks_are_a_commitment_not_a_meeting(mentions):
    agree = [m for m in asserted(mentions, "AGREE") if "talks" in m.event_text.text]
    assert agree and all(m.date == PUBLISHED for m in agree)
    for consult in (m for m in mentions if m.event == "CONSULT" and "talks" in m.event_text.text):
        assert consult.aux == "future" and consult.date == "2023-09-21"


def test_negated_statement_codes_nothing_asserted(mentions):
    sentence = "wouldn't be drawn into the fighting"
    assert not [m for m in mentions if sentence in m.sentence.text and m.aux is None]


def test_no_event_of_the_talks_sentence_is_dated_thursday_unless_future(mentions):
    assert all(m.aux == "future" for m in mentions if m.date == "2023-09-21")


def test_without_published_date_no_date_is_invented(code_text, seed_text):
    for m in code_text(seed_text):
        assert m.date is None and m.date_precision == "unknown"


def test_karabakh_forces_are_the_de_facto_authority_not_armenia(mentions):
    """PLOVER: Nagorno-Karabakh's de facto authorities and their forces are AZE with sector PRE."""
    disarming = [m for m in mentions if m.event == "RETREAT" and m.mode == "disarm"]
    assert disarming and all((m.actor.code, m.actor.sector) == ("AZE", "PRE") for m in disarming)
    assert not [m for m in mentions if m.actor and (m.actor.code, m.actor.sector) == ("ARM", "MIL")]
    for m in asserted(mentions, "ASSAULT"):
        assert (m.recipient.code, m.recipient.sector) == ("AZE", "PRE"), m.recipient
