"""Actor and recipient from the dependency structure, and pronouns / titles through coreference."""
import pytest

PUBLISHED = "2024-05-08"  # a Wednesday


def only(mentions, event, aux=None):
    found = [m for m in mentions if m.event == event and m.aux == aux]
    assert found, [(m.event, m.aux, m.event_text.text) for m in mentions]
    return found


def codes(entity):
    return (entity.code, entity.sector) if entity else None


@pytest.mark.parametrize("text,actor,recipient", [
    ("Russian troops shelled Kharkiv on Tuesday.", ("RUS", "MIL"), None),
    # no place named: the villagers' country is not guessed
    ("Villagers were attacked by Sudanese soldiers on Tuesday.", ("SDN", "MIL"), (None, "CVL")),
    ("The Israeli army launched airstrikes against Hamas on Tuesday.", ("ISR", "MIL"), ("PSE", "REB")),
    ("Ukraine's army attacked Russian positions on Tuesday.", ("UKR", "MIL"), None),
    ("Türkiye threw its weight behind Azerbaijan.", ("TUR", None), ("AZE", None)),
])
def test_actor_and_recipient(code_text, text, actor, recipient):
    mention = [m for m in code_text(text, PUBLISHED) if m.aux is None][0]
    assert codes(mention.actor) == actor
    if recipient is not None:
        assert codes(mention.recipient) == recipient


def test_coordinated_parties_act_towards_each_other(code_text):
    agree = only(code_text("Mali and Niger agreed on Monday to share intelligence.", PUBLISHED), "AGREE")
    assert {(m.actor.code, m.recipient.code) for m in agree} == {("MLI", "NER"), ("NER", "MLI")}


def test_between_x_and_y(code_text):
    talks = only(code_text("Talks between Armenia and Azerbaijan were held in Geneva on Monday.", PUBLISHED),
                 "CONSULT")
    assert (talks[0].actor.code, talks[0].recipient.code) == ("ARM", "AZE")


def test_metonymy_and_pronoun_of_the_speaker(code_text):
    text = "The Kremlin said on Monday it had expelled two Estonian diplomats."
    sanction = only(code_text(text, PUBLISHED), "SANCTION")[0]
    assert codes(sanction.actor) == ("RUS", "GOV") and sanction.actor.entity_text.text == "it"


def test_he_and_the_president_resolve_to_the_last_named_leader(code_text):
    text = ("Kenyan President William Ruto arrived in Addis Ababa on Monday. "
            "On Tuesday he met Ethiopia's prime minister. The president later met the mayor of Nairobi.")
    mentions = code_text(text, PUBLISHED)
    met = [m for m in only(mentions, "CONSULT") if "he met" in m.sentence.text]
    assert met and all(m.actor.code == "KEN" and m.actor.name == "William Ruto" for m in met)
    visit = [m for m in mentions if "The president" in m.sentence.text]
    assert visit and all(m.actor.entity_text.text == "The president" and m.actor.name == "William Ruto"
                         for m in visit)
