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



@pytest.mark.parametrize("text,word,actor", [
    # a pronoun prefers the subject of the last sentence to its object
    ("A French envoy met Mali's president in Bamako on Tuesday. "
     "She urged the government to hold elections before the end of the year.", "urged", ("FRA", "GOV")),
    # a titled phrase is an antecedent for the bare title
    ("Egypt's foreign minister said on Tuesday that the talks had failed. "
     "The minister warned that Cairo would respond to any attack on its water supply.", "warned", ("EGY", "GOV")),
    # a pronoun inside a clause points to the subject of the clause governing it
    ("Kenya's president sent an adviser to Juba on Monday, where he met South Sudan's foreign minister.",
     "met", ("KEN", "GOV")),
    # a titled official named without a country is of the dateline's country
    ("NAIROBI, Kenya, May 8, 2024 — Interior Minister Amos Wekesa rejected the demand on Tuesday, "
     "saying the detainees would stay in custody.", "rejected", ("KEN", "GOV")),
    # unnamed soldiers continue the force named before them, not the country they are in
    ("KIDAL, Mali, May 8, 2024 — Algerian troops crossed the border on Monday. "
     "Soldiers arrested 12 men in the town, residents said.", "arrested", ("DZA", "MIL")),
    ("Hamas fighters took four hostages on Monday. On Tuesday, the same group released two of the hostages.",
     "released", ("PSE", "REB")),
    # the means stands for who used it
    ("A fishing boat was hit by water cannon fired by Chinese coast guard ships on Tuesday.", "hit", ("CHN", "MIL")),
])
def test_actor_through_the_document(code_text, text, word, actor):
    mentions = code_text(text, PUBLISHED)
    found = [codes(m.actor) for m in mentions if word in m.event_text.text and m.actor is not None]
    assert actor in found, [(m.event, m.event_text.text, codes(m.actor)) for m in mentions]
