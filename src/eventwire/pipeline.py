"""The one place the stages are composed: Document -> parsed sentences -> event Mentions.

`Coder` holds the loaded resources (spaCy pipeline, lexicon, actor dictionary, gazetteer) and codes
documents with pure per-document functions, so a local run and a distributed run (one Coder per
worker) give the same output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import __version__
from .actors import ActorDictionary, ActorMatch
from .actors.coref import ActorHistory
from .dates import find_date_expressions, resolve_date
from .events.detect import Candidate, find_candidates
from .events.lexicon import Lexicon, acled_for, cameo_for, load_lexicon
from .events.modality import Modality, ModalityCues, load_cues, modality
from .events.roles import find_roles
from .events.size import sentence_size
from .events.syntax import attached, noun_phrase
from .geo import Gazetteer
from .geo.toponyms import Toponym, find_toponyms, main_place
from .ingest import find_dateline
from .nlp import build_nlp, model_meta
from .records import Acled, Document, Entity, Mention, Place, Size, Span

PACKAGE = Path(__file__).parent
# Which counts belong to which event types.
SIZE_KINDS = {"ASSAULT": ("dead", "injured"), "COERCE": ("arrested",), "PROTEST": ("dead", "injured", "arrested")}
ACTOR_ENTITY_LABELS = ("PERSON", "GPE", "NORP", "ORG")


def _data_version(*folders: Path) -> str:
    """A short hash of the shipped data files, so an output says which tables coded it."""
    digest = hashlib.sha1()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".tsv", ".json", ".csv"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


@dataclass
class Coder:
    nlp: Language
    lexicon: Lexicon
    actors: ActorDictionary
    gazetteer: Gazetteer
    cues: ModalityCues
    coder: str = field(default="")

    @classmethod
    def load(cls, actors_file: str | None = None) -> "Coder":
        actors = ActorDictionary.load(actors_file)
        gazetteer = Gazetteer.load()
        meta = model_meta()
        coder = (f"eventwire {__version__}; {meta['lang']}_{meta['name']} {meta['version']}; "
                 f"lexicon {_data_version(PACKAGE / 'events' / 'data')}; "
                 f"actors {_data_version(PACKAGE / 'actors' / 'data')}{'+user' if actors_file else ''}; "
                 f"places {_data_version(PACKAGE / 'geo' / 'data')}")
        return cls(build_nlp(actors, gazetteer), load_lexicon(), actors, gazetteer, load_cues(), coder)

    def code(self, document: Document) -> list[Mention]:
        return code_parsed(document, self.nlp(nlp_text(document)), self)

    def code_many(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[tuple[Document, list[Mention]]]:
        """Code documents in order, parsing them in batches (much faster than one at a time)."""
        pairs = ((nlp_text(d), d) for d in documents)
        for parsed, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, code_parsed(document, parsed, self)


def nlp_text(document: Document) -> str:
    """The text the parser sees: the document's, with the dateline blanked out (offsets unchanged)."""
    dateline = find_dateline(document.text)
    if dateline is None:
        return document.text
    start, end = dateline.span.start, dateline.span.end
    return document.text[:start] + " " * (end - start) + document.text[end:]


@dataclass
class _DocumentContext:
    """What the per-sentence coding needs to know about the whole document."""

    document: Document
    coder: Coder
    published: dt.date | None
    toponyms_by_token: dict[int, Toponym]
    fallback_place: Place | None
    history: ActorHistory = field(default_factory=ActorHistory)


def code_parsed(document: Document, parsed: Doc, coder: Coder) -> list[Mention]:
    """All event mentions of one parsed document."""
    published = dt.date.fromisoformat(document.published) if document.published else None
    dateline = find_dateline(document.text)
    toponyms = find_toponyms(parsed, coder.gazetteer, skip_before=dateline.span.end if dateline else 0)
    by_token = {}
    for toponym in toponyms:
        for token in parsed.char_span(toponym.span.start, toponym.span.end, alignment_mode="expand") or ():
            by_token[token.i] = toponym
    context = _DocumentContext(document, coder, published, by_token, _fallback_place(toponyms, dateline, coder))
    mentions: list[Mention] = []
    for sentence in parsed.sents:
        mentions.extend(_code_sentence(sentence, context))
        _remember_actors(sentence, context)
    return mentions


def _fallback_place(toponyms: list[Toponym], dateline, coder: Coder) -> Place | None:
    """Where an event is when its sentence does not say: the main place, else the dateline."""
    main = main_place(toponyms)
    if main is not None:
        return main.place()
    if dateline is not None:
        name, _, country = dateline.place.text.partition(",")
        hint = coder.actors.match(country.strip()) if country.strip() else None
        match = coder.gazetteer.lookup(name.strip(), country_hint=hint.code if hint else None)
        if match is not None:
            return Toponym(dateline.place, match).place()
    return None


def _code_sentence(sentence: SpacySpan, context: _DocumentContext) -> list[Mention]:
    coder = context.coder
    candidates = find_candidates(sentence, coder.lexicon)
    if not candidates:
        return []
    date_markers = {}
    offset = sentence.start_char
    for expression in find_date_expressions(sentence.text):
        span = sentence.doc.char_span(offset + expression.start, offset + expression.end, alignment_mode="expand")
        for token in span or ():
            date_markers[token.i] = Span.of(context.document.text, offset + expression.start, offset + expression.end)
    size, size_evidence = sentence_size(sentence)
    trigger_heads = {(c.head.i, c.event) for c in candidates}
    mentions = []
    for candidate in candidates:
        mentions.extend(_mentions_of(candidate, sentence, context, date_markers, size, size_evidence, trigger_heads))
    return _merge_nested(mentions)


def _mentions_of(candidate: Candidate, sentence: SpacySpan, context: _DocumentContext, date_markers: dict,
                 size: Size, size_evidence: dict, trigger_heads: set) -> list[Mention]:
    coder = context.coder
    mood = modality(candidate.tokens, candidate.anchor, coder.cues)
    roles = find_roles(candidate)
    event_tokens = [*candidate.tokens, candidate.anchor]
    date_span = attached(event_tokens, date_markers)
    date, precision, aux = _date_of(date_span, context.published, mood.aux, coder.cues)
    on_date = dt.date.fromisoformat(date) if date else context.published
    actors = [_entity(head, context, on_date) for head in roles.actors] or [None]
    recipient = _entity(roles.recipient, context, on_date, recipient=True)
    place = _event_place(candidate, roles, context)
    mention_size = Size(**{k: getattr(size, k) for k in SIZE_KINDS.get(candidate.event, ())})
    reasons = [*candidate.reasons, f"roles: {roles.how}"]
    if mood.reason:
        reasons.append(f"{mood.aux}: {mood.reason}")
    reasons += [f"size {k}={getattr(mention_size, k)} from {context.document.text[s:e]!r} [{s}:{e}]"
                for k, (s, e) in size_evidence.items() if getattr(mention_size, k) is not None]
    if candidate.nominal and candidate.anchor.i == candidate.head.i and actors == [None] and recipient is None:
        return []  # a bare event noun ("to avoid the fighting") refers to an event, it does not state one
    event_text = _span_of(candidate.tokens, context.document.text)
    sentence_span = _sentence_span(sentence, context.document.text)
    mentions = []
    for actor in actors:
        mentions.append(_mention(context, candidate.event, candidate.mode, list(candidate.trigger.context), aux,
                                 actor, recipient, place, date, precision, mention_size, event_text,
                                 sentence_span, candidate.trigger.prior, candidate.nominal, reasons))
        commitment = _commitment(candidate, mood, aux, trigger_heads)
        if commitment is not None:
            event, mode, said_by, first = commitment
            said_date = attached([said_by], date_markers)
            c_date, c_precision, _ = _date_of(said_date, context.published, None, coder.cues)
            c_text = _span_of([first, *candidate.tokens], context.document.text)
            mentions.append(_mention(context, event, mode, [], None, actor, recipient, place, c_date, c_precision,
                                     Size(), c_text, sentence_span, candidate.trigger.prior, candidate.nominal,
                                     [*reasons, f"announced commitment to {candidate.event} ('{said_by.text}')"]))
    return mentions


def _date_of(date_span: Span | None, published: dt.date | None, aux: str | None,
             cues: ModalityCues) -> tuple[str | None, str, str | None]:
    """The event's date and precision, and the aux mode once the date is known."""
    if date_span is not None:
        resolved = resolve_date(date_span.text, published, future=aux == "future")
        date, precision = resolved.date, resolved.precision
    elif published is not None:
        date, precision = published, "day"  # no date words: the wire convention, the day of the report
    else:
        return None, "unknown", aux
    if aux is None and date is not None and published is not None:
        if date > published:
            aux = "future"
        elif (published - date).days > cues.historical_days:
            aux = "historical"
    return (date.isoformat() if date else None), precision, aux


def _commitment(candidate: Candidate, mood: Modality, aux: str | None, trigger_heads: set):
    """(event, mode, announcing word, first word of the commitment) for an announced future event."""
    rule = load_cues().commitments.get(candidate.event)
    if aux != "future" or rule is None:
        return None
    said_by = mood.governor or mood.reported_by
    if said_by is None:
        return None
    if (said_by.i, rule["event"]) in trigger_heads:
        return None  # "agreed to withdraw": the governing verb is already coded as the commitment
    # the words of the commitment: "plans to hold talks", "will start talks"
    first = mood.governor or next((c for c in candidate.anchor.children if c.dep_ == "aux"), candidate.anchor)
    return rule["event"], rule.get("mode"), said_by, first


def _entity(head: Token | None, context: _DocumentContext, on_date: dt.date | None,
            recipient: bool = False) -> Entity | None:
    """The actor named by a phrase: a pronoun or title through the history, else the dictionary."""
    if head is None:
        return None
    phrase = noun_phrase(head)
    span = Span.of(context.document.text, phrase.start_char, phrase.end_char)
    antecedent = context.history.resolve(phrase.text)
    if antecedent is not None:
        m = antecedent.match
        return Entity(span, m.code, m.sector, m.name, m.identifier_id)
    match = context.coder.actors.match(phrase.text, on_date)
    for appositive in (c for c in head.children if c.dep_ == "appos" and match is None):
        match = context.coder.actors.match(noun_phrase(appositive).text, on_date)  # "longtime ally Azerbaijan"
    if match is None:
        # an unknown proper name may still be an actor; "a peace deal" as a recipient is not
        return None if recipient and head.pos_ not in ("PROPN", "PRON") else Entity(span)
    context.history.add(match, phrase.text)
    return Entity(span, match.code, match.sector, match.name, match.identifier_id)


def _remember_actors(sentence: SpacySpan, context: _DocumentContext) -> None:
    """Named actors of a sentence become antecedents for later pronouns and titles."""
    for ent in sentence.ents:
        if ent.label_ in ACTOR_ENTITY_LABELS:
            phrase = noun_phrase(ent.root)
            match = context.coder.actors.match(phrase.text, context.published)
            if match is not None:
                context.history.add(match, phrase.text)


def _event_place(candidate: Candidate, roles, context: _DocumentContext) -> Place | None:
    """The toponym attached to the event in the parse, not one naming its actor; else the fallback."""
    party_tokens = set()
    for head in [*roles.actors, roles.recipient]:
        if head is not None:
            party_tokens.update(t.i for t in noun_phrase(head))
    doc = candidate.head.doc
    markers = {i: t for i, t in context.toponyms_by_token.items()
               if i not in party_tokens and doc[i].dep_ != "poss"}  # "Azerbaijan's sovereignty" names a party
    toponym = attached([*candidate.tokens, candidate.anchor], markers)
    return toponym.place() if toponym is not None else context.fallback_place


def _span_of(tokens: list[Token], text: str) -> Span:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Span.of(text, start, end)


def _sentence_span(sentence: SpacySpan, text: str) -> Span:
    """The sentence without surrounding whitespace or the blanked dateline."""
    start, end = sentence.start_char, sentence.end_char
    parsed = sentence.doc.text
    while start < end and parsed[start].isspace():
        start += 1
    while end > start and parsed[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


def _mention(context: _DocumentContext, event: str, mode: str | None, contexts: list[str], aux: str | None,
             actor: Entity | None, recipient: Entity | None, place: Place | None, date: str | None,
             precision: str, size: Size, event_text: Span, sentence: Span, prior: float, nominal: bool,
             reasons: list[str]) -> Mention:
    key = f"{context.document.id}|{event}|{mode}|{aux}|{event_text.start}|{event_text.end}|" \
          f"{actor.entity_text.start if actor else ''}"
    acled = acled_for(event, mode, actor.sector if actor else None, recipient.sector if recipient else None)
    return Mention(
        id="m-" + hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=context.document.id, event=event, mode=mode, context=contexts, aux=aux, actor=actor,
        recipient=recipient, event_loc=place, date=date, date_precision=precision, size=size,
        event_text=event_text, sentence=sentence, acled=Acled(**acled), cameo=cameo_for(event, mode),
        confidence=_confidence(prior, actor, recipient, nominal), coder=context.coder.coder, reasons=reasons,
    )


def _confidence(prior: float, actor: Entity | None, recipient: Entity | None, nominal: bool) -> float:
    """A first, uncalibrated score from the evidence found (calibration comes with the trained model)."""
    score = prior
    score += 0.1 if actor is not None and actor.code else (-0.1 if actor is None else 0.0)
    score += 0.05 if recipient is not None and recipient.code else 0.0
    score -= 0.05 if nominal else 0.0
    return round(min(0.98, max(0.05, score)), 3)


def _merge_nested(mentions: list[Mention]) -> list[Mention]:
    """One mention per event stated: "shelled the town, killing six" is one ASSAULT, not two.

    Two mentions of one sentence merge when they have the same type, aux and actor and their modes
    do not conflict; the merged one keeps the first trigger and fills what it lacks from the other.
    """
    merged: list[Mention] = []
    for mention in mentions:
        twin = next((m for m in merged if _same_event(m, mention)), None)
        if twin is None:
            merged.append(mention)
            continue
        twin.mode = twin.mode or mention.mode
        twin.recipient = twin.recipient or mention.recipient
        for kind in ("dead", "injured", "arrested"):
            if getattr(twin.size, kind) is None:
                setattr(twin.size, kind, getattr(mention.size, kind))
        twin.reasons = [*twin.reasons, f"merged with trigger '{mention.event_text.text}'"]
    return merged


def _same_event(a: Mention, b: Mention) -> bool:
    code = lambda e: e.code if e else None  # noqa: E731
    return (a.event == b.event and a.aux == b.aux and code(a.actor) == code(b.actor)
            and (a.mode is None or b.mode is None or a.mode == b.mode))
