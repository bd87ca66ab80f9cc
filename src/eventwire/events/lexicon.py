"""The PLOVER trigger lexicon and its ACLED and CAMEO crosswalks, loaded from `events/data/`.

`data/lexicon/<TYPE>.yaml` holds each event type's trigger words, phrases and mode cues;
`data/plover.yaml` the modes and contexts each type allows; `data/acled.yaml` and
`data/cameo.yaml` the crosswalks. Loading validates everything, because a typo in a data file
would otherwise never match anything and fail silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from eventwire.records import PLOVER_TYPES

DATA = Path(__file__).parent / "data"
DEFAULT_PRIOR = 0.7
GAP = "*"  # in a phrase: 0-3 arbitrary tokens
# spaCy's coarse tags (token.pos_): the Universal Dependencies set plus SPACE.
COARSE_POS = frozenset({
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
    "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE",
})
_FILE_KEYS = frozenset({"event", "description", "triggers", "modes"})
_TRIGGER_KEYS = frozenset({"lemma", "phrase", "pos", "mode", "context", "with", "without", "prior"})
_RULE_KEYS = frozenset({"event", "mode", "actor_sector", "recipient_sector", "acled"})
_ACLED_KEYS = ("event_type", "sub_event_type", "disorder_type")
# A lexicon word is one lowercase token: spaCy splits hyphens off, so no hyphen inside a word.
_WORD = re.compile(r"[^\sA-Z\-]+")
# Phrases are split like spaCy splits the text: at spaces and around hyphens.
_PHRASE_TOKEN = re.compile(r"-|[^\s-]+")
_SECTOR = re.compile(r"[A-Z]{3}")
_CAMEO = re.compile(r"\d{2,4}")


@dataclass(frozen=True)
class Trigger:
    event: str
    words: tuple[str, ...]  # one word for `lemma`, several for `phrase` (GAP kept as a gap marker)
    pos: frozenset[str] | None
    mode: str | None
    context: tuple[str, ...]
    with_words: frozenset[str]
    without_words: frozenset[str]
    prior: float


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    mode_cues: dict[str, dict[str, str]]  # event -> cue word -> mode
    _single: dict[str, tuple[Trigger, ...]] = field(init=False, repr=False, compare=False)
    _phrases: dict[str, tuple[Trigger, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        single: dict[str, list[Trigger]] = {}
        phrases: dict[str, list[Trigger]] = {}
        for trigger in self.triggers:
            index = single if len(trigger.words) == 1 else phrases
            index.setdefault(trigger.words[0], []).append(trigger)
        # Frozen dataclass: the indexes are derived once, here.
        object.__setattr__(self, "_single", {w: tuple(ts) for w, ts in single.items()})
        object.__setattr__(self, "_phrases", {w: tuple(ts) for w, ts in phrases.items()})

    def single(self, word: str) -> tuple[Trigger, ...]:
        """Single-word triggers whose word is `word`."""
        return self._single.get(word, ())

    def phrases_starting(self, word: str) -> tuple[Trigger, ...]:
        """Phrase triggers whose first word is `word`."""
        return self._phrases.get(word, ())

    def modes_of(self, event: str) -> frozenset[str]:
        """The PLOVER modes `event` allows."""
        return _modes_of(event, "Lexicon.modes_of")


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """Every `<TYPE>.yaml` in `folder` (default: the packaged lexicon, loaded once)."""
    if folder is None:
        return _default_lexicon()
    return _load_folder(Path(folder))


def acled_for(event: str, mode: str | None, actor_sector: str | None,
              recipient_sector: str | None) -> dict:
    """ACLED event_type, sub_event_type and disorder_type of a PLOVER event (values may be None)."""
    _check_event_mode(event, mode, "acled_for")
    for rule in _acled_rules():
        if (rule.event == event and rule.mode in (None, mode)
                and _sector_matches(rule.actor_sectors, actor_sector)
                and _sector_matches(rule.recipient_sectors, recipient_sector)):
            return dict(rule.acled)
    return dict.fromkeys(_ACLED_KEYS)


def acled_sub_types(event: str) -> dict[str, dict]:
    """The ACLED sub-event types the trained head may give a mention of `event`, each with its
    event_type / sub_event_type / disorder_type triple."""
    return _acled_head_table().get(event, {})


@cache
def _acled_head_table(path: Path = DATA / "acled.yaml") -> dict[str, dict[str, dict]]:
    data = _read_yaml(path)
    triples = {sub: {"event_type": event_type, "sub_event_type": sub, "disorder_type": disorder}
               for event_type, subs in data["taxonomy"].items() for sub, disorder in subs.items()}
    table = {}
    for event, subs in data["head_sub_types"].items():
        _modes_of(event, str(path))
        unknown = [s for s in subs if s not in triples]
        if unknown:
            raise _error(path, f"head_sub_types: {event}: not ACLED sub-event types: {unknown}")
        table[event] = {s: triples[s] for s in subs}
    return table


def cameo_for(event: str, mode: str | None) -> str | None:
    """Nearest CAMEO code of a PLOVER event and mode; the type's default for other modes."""
    _check_event_mode(event, mode, "cameo_for")
    table = _cameo_table()
    return table.get((event, mode), table.get((event, None)))


def plover_for_cameo(code: str | None) -> str | None:
    """PLOVER event type of a CAMEO code (`data/cameo_to_plover.yaml`), else None (CAMEO 01-02,
    codes outside CAMEO). A code not listed falls back to its 3-digit parent, then its 2-digit root."""
    if not code:
        return None
    code = code.strip()
    codes, roots = _cameo_to_plover()
    return codes.get(code) or codes.get(code[:3]) or roots.get(code[:2])


# --- loading the lexicon -------------------------------------------------------------------

@cache
def _default_lexicon() -> Lexicon:
    return _load_folder(DATA / "lexicon")


def _load_folder(folder: Path) -> Lexicon:
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise ValueError(f"{folder}: no lexicon files (<TYPE>.yaml) found")
    triggers: list[Trigger] = []
    mode_cues: dict[str, dict[str, str]] = {}
    for path in paths:
        event, file_triggers, cues = _load_file(path)
        triggers.extend(file_triggers)
        mode_cues[event] = cues
    return Lexicon(tuple(triggers), mode_cues)


def _load_file(path: Path) -> tuple[str, list[Trigger], dict[str, str]]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise _error(path, "expected a mapping with keys event, description, triggers, modes")
    _no_unknown_keys(path, "file", data, _FILE_KEYS)
    event = data.get("event")
    if event not in PLOVER_TYPES:
        raise _error(path, f"unknown PLOVER event type {event!r}")
    if path.stem != event:
        raise _error(path, f"file name must be {event}.yaml to match event {event!r}")
    if not isinstance(data.get("description"), str) or not data["description"].strip():
        raise _error(path, "missing one-line description")
    raw_triggers = data.get("triggers")
    if not isinstance(raw_triggers, list) or not raw_triggers:
        raise _error(path, "triggers must be a non-empty list")
    triggers: list[Trigger] = []
    seen: set[tuple] = set()
    for number, raw in enumerate(raw_triggers, 1):
        trigger = _parse_trigger(path, number, raw, event)
        key = (trigger.words, trigger.pos, trigger.with_words, trigger.without_words)
        if key in seen:
            phrase = " ".join(trigger.words)
            raise _error(path, f"trigger {number}: duplicate of an earlier trigger {phrase!r}")
        seen.add(key)
        triggers.append(trigger)
    return event, triggers, _parse_mode_cues(path, data.get("modes"), event)


def _parse_trigger(path: Path, number: int, raw: Any, event: str) -> Trigger:
    where = f"trigger {number}"
    if not isinstance(raw, dict):
        raise _error(path, f"{where}: expected a mapping, got {raw!r}")
    _no_unknown_keys(path, where, raw, _TRIGGER_KEYS)
    if ("lemma" in raw) == ("phrase" in raw):
        raise _error(path, f"{where}: give exactly one of lemma or phrase")
    if "lemma" in raw:
        words = (_word(path, where, raw["lemma"]),)
    else:
        words = _phrase(path, where, raw["phrase"])
    where = f"{where} {' '.join(words)!r}"
    pos = raw.get("pos")
    if pos is not None:
        if not isinstance(pos, list) or not pos or not set(pos) <= COARSE_POS:
            raise _error(path, f"{where}: pos must be a list of spaCy coarse tags "
                               f"({', '.join(sorted(COARSE_POS))}), got {pos!r}")
        pos = frozenset(pos)
    mode = raw.get("mode")
    if mode is not None:
        _check_mode(path, where, event, mode)
    context = _list(path, where, "context", raw.get("context"))
    unknown = [c for c in context if c not in _plover()["contexts"]]
    if unknown:
        raise _error(path, f"{where}: unknown context {unknown[0]!r} (see data/plover.yaml)")
    with_words = _words(path, where, "with", raw.get("with"))
    without_words = _words(path, where, "without", raw.get("without"))
    prior = raw.get("prior", DEFAULT_PRIOR)
    if isinstance(prior, bool) or not isinstance(prior, (int, float)) or not 0 <= prior <= 1:
        raise _error(path, f"{where}: prior must be a number from 0 to 1, got {prior!r}")
    return Trigger(event, words, pos, mode, tuple(context), with_words, without_words, float(prior))


def _phrase(path: Path, where: str, phrase: Any) -> tuple[str, ...]:
    if not isinstance(phrase, str):
        raise _error(path, f"{where}: phrase must be a string, got {phrase!r}")
    words = tuple(_PHRASE_TOKEN.findall(phrase))
    if len(words) < 2:
        raise _error(path, f"{where}: phrase {phrase!r} needs at least two words (use lemma)")
    if GAP in (words[0], words[-1]):
        raise _error(path, f"{where}: phrase {phrase!r} may not start or end with {GAP!r}")
    for word in words:
        if word not in (GAP, "-"):
            _word(path, where, word)
    return words


def _parse_mode_cues(path: Path, raw: Any, event: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _error(path, "modes must map a mode to a list of cue words")
    cues: dict[str, str] = {}
    for mode, words in raw.items():
        where = f"modes: {mode}"
        _check_mode(path, where, event, mode)
        for word in _list(path, where, "cues", words):
            word = _word(path, where, word)
            if word in cues:
                raise _error(path, f"{where}: cue {word!r} already set mode {cues[word]!r}")
            cues[word] = mode
    return cues


def _word(path: Path, where: str, word: Any) -> str:
    if not isinstance(word, str) or not _WORD.fullmatch(word):
        raise _error(path, f"{where}: {word!r} is not one lowercase token "
                           "(no spaces or hyphens; use phrase for several words)")
    return word


def _words(path: Path, where: str, key: str, value: Any) -> frozenset[str]:
    return frozenset(_word(path, where, word) for word in _list(path, where, key, value))


def _list(path: Path, where: str, key: str, value: Any) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _error(path, f"{where}: {key} must be a list, got {value!r}")
    return value


def _check_mode(path: Path, where: str, event: str, mode: Any) -> None:
    allowed = _plover()["modes"][event]
    if mode not in allowed:
        choices = ", ".join(sorted(allowed)) or "none"
        raise _error(path, f"{where}: mode {mode!r} is not a mode of {event} (allowed: {choices})")


# --- PLOVER table and crosswalks -----------------------------------------------------------

@dataclass(frozen=True)
class _AcledRule:
    event: str
    mode: str | None
    actor_sectors: frozenset[str] | None  # None = any sector, known or not
    recipient_sectors: frozenset[str] | None
    acled: tuple[tuple[str, str | None], ...]


@cache
def _plover() -> dict[str, Any]:
    path = DATA / "plover.yaml"
    data = _read_yaml(path)
    modes = {event: frozenset(data["modes"].get(event) or ()) for event in PLOVER_TYPES}
    return {"modes": modes, "contexts": frozenset(data["contexts"])}


def _modes_of(event: str, caller: str) -> frozenset[str]:
    if event not in PLOVER_TYPES:
        raise ValueError(f"{caller}: unknown PLOVER event type {event!r}")
    return _plover()["modes"][event]


def _check_event_mode(event: str, mode: str | None, caller: str) -> None:
    modes = _modes_of(event, caller)
    if mode is not None and mode not in modes:
        raise ValueError(f"{caller}: mode {mode!r} is not a mode of {event}")


@cache
def _acled_rules(path: Path = DATA / "acled.yaml") -> tuple[_AcledRule, ...]:
    data = _read_yaml(path)
    taxonomy = data["taxonomy"]  # event_type -> sub_event_type -> disorder_type
    rules = []
    for number, raw in enumerate(data["rules"], 1):
        where = f"rule {number}"
        _no_unknown_keys(path, where, raw, _RULE_KEYS)
        event, mode = raw.get("event"), raw.get("mode")
        if event not in PLOVER_TYPES:
            raise _error(path, f"{where}: unknown PLOVER event type {event!r}")
        if mode is not None:
            _check_mode(path, where, event, mode)
        acled = raw.get("acled") or dict.fromkeys(_ACLED_KEYS)  # null: ACLED does not code it
        if set(acled) != set(_ACLED_KEYS):
            raise _error(path, f"{where}: acled needs exactly {', '.join(_ACLED_KEYS)}")
        if acled["event_type"] is not None:
            disorder = taxonomy.get(acled["event_type"], {}).get(acled["sub_event_type"])
            if disorder is None or disorder != acled["disorder_type"]:
                raise _error(path, f"{where}: {acled} is not an ACLED "
                                   "event/sub-event/disorder type triple")
        rules.append(_AcledRule(event, mode, _sectors(path, where, raw.get("actor_sector")),
                                _sectors(path, where, raw.get("recipient_sector")),
                                tuple((k, acled[k]) for k in _ACLED_KEYS)))
    return tuple(rules)


def _sectors(path: Path, where: str, value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    sectors = [value] if isinstance(value, str) else value
    if not isinstance(sectors, list) or not all(isinstance(s, str) and _SECTOR.fullmatch(s)
                                                for s in sectors):
        raise _error(path, f"{where}: sector must be a PLOVER code like CVL or a list of them, "
                           f"got {value!r}")
    return frozenset(sectors)


def _sector_matches(allowed: frozenset[str] | None, sector: str | None) -> bool:
    return allowed is None or sector in allowed


@cache
def _cameo_table(path: Path = DATA / "cameo.yaml") -> dict[tuple[str, str | None], str]:
    table: dict[tuple[str, str | None], str] = {}
    for number, raw in enumerate(_read_yaml(path), 1):
        where = f"rule {number}"
        _no_unknown_keys(path, where, raw, frozenset({"event", "mode", "cameo"}))
        event, mode, code = raw.get("event"), raw.get("mode"), raw.get("cameo")
        if event not in PLOVER_TYPES:
            raise _error(path, f"{where}: unknown PLOVER event type {event!r}")
        if mode is not None:
            _check_mode(path, where, event, mode)
        if not isinstance(code, str) or not _CAMEO.fullmatch(code):
            raise _error(path, f"{where}: cameo must be a quoted code of 2-4 digits, got {code!r}")
        if (event, mode) in table:
            raise _error(path, f"{where}: {event} {mode or 'default'} is listed twice")
        table[(event, mode)] = code
    missing = [event for event in PLOVER_TYPES if (event, None) not in table]
    if missing:
        raise _error(path, f"no default code for {', '.join(missing)}")
    return table


@cache
def _cameo_to_plover(path: Path = DATA / "cameo_to_plover.yaml") -> tuple[dict[str, str], dict[str, str]]:
    data = _read_yaml(path)
    _no_unknown_keys(path, "file", data, frozenset({"roots", "codes"}))
    tables = []
    for key, pattern in (("codes", re.compile(r"\d{3,4}")), ("roots", re.compile(r"\d{2}"))):
        table = data.get(key)
        if not isinstance(table, dict) or not table:
            raise _error(path, f"{key} must map quoted CAMEO codes to PLOVER event types")
        for code, event in table.items():
            if not isinstance(code, str) or not pattern.fullmatch(code):
                raise _error(path, f"{key}: {code!r} is not a quoted CAMEO code of the right length")
            if event not in PLOVER_TYPES:
                raise _error(path, f"{key}: {code}: unknown PLOVER event type {event!r}")
        tables.append(dict(table))
    return tables[0], tables[1]


# --- shared helpers ------------------------------------------------------------------------

def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise _error(path, f"not valid YAML: {exc}") from exc


def _no_unknown_keys(path: Path, where: str, raw: Any, allowed: frozenset[str]) -> None:
    if not isinstance(raw, dict):
        raise _error(path, f"{where}: expected a mapping, got {raw!r}")
    unknown = sorted(set(raw) - allowed)
    if unknown:
        choices = ", ".join(sorted(allowed))
        raise _error(path, f"{where}: unknown key {unknown[0]!r} (allowed: {choices})")


def _error(path: Path, problem: str) -> ValueError:
    return ValueError(f"{path}: {problem}")
