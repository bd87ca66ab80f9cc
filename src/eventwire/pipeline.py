"""The one place the stages are composed: Document -> parsed sentences -> event Mentions.

`Coder` holds the loaded resources (spaCy pipeline, lexicon, actor dictionary, gazetteer) and codes
documents with pure per-document functions, so a local run and a distributed run (one Coder per
worker) give the same output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import __version__
from .actors import ActorDictionary
from .actors.de_facto import holder_of, is_local_party
from .actors.resolve import DocumentActors, names_a_person
from .dates import find_date_expressions, resolve_date
from .events.detect import Candidate, find_candidates
from .events.lexicon import Lexicon, acled_for, cameo_for, load_lexicon
from .events.model_evidence import kept_candidates, model_acled, model_mode, proposed_candidate
from .events.modality import Modality, ModalityCues, load_cues, modality, statement_chain
from .events.roles import find_roles
from .events.size import sentence_size
from .events.syntax import attached, lemma
from .geo import Gazetteer
from .geo.places import DocumentPlaces
from .ingest import find_dateline
from .model import DocumentScores, EventModel, SentenceScores
from .model.calibration import Calibrator
from .nlp import build_nlp, model_meta
from .records import Acled, Document, Entity, Mention, Place, Size, Span

PACKAGE = Path(__file__).parent
# Which counts belong to which event types.
SIZE_KINDS = {"ASSAULT": ("dead", "injured"), "COERCE": ("arrested",), "PROTEST": ("dead", "injured", "arrested")}


def _data_version(*folders: Path) -> str:
    """A short hash of the shipped data files, so an output says which tables coded it."""
    digest = hashlib.sha1()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".yml", ".tsv", ".json", ".csv"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


@dataclass(frozen=True)
class CoderSettings:
    """What a Coder was loaded from, so a worker process can load the same one."""

    actors_file: str | None = None
    model: bool = True
    threads: int | None = None  # torch threads for the sentence encoder (None: torch's default)


@dataclass
class Coder:
    nlp: Language
    lexicon: Lexicon
    actors: ActorDictionary
    gazetteer: Gazetteer
    cues: ModalityCues
    calibrator: Calibrator
    model: EventModel | None = None  # None: the lexicon and rules alone
    coder: str = field(default="")
    settings: CoderSettings = field(default_factory=CoderSettings)

    @classmethod
    def load(cls, actors_file: str | None = None, model: bool = True, threads: int | None = None) -> "Coder":
        actors = ActorDictionary.load(actors_file)
        gazetteer = Gazetteer.load()
        meta = model_meta()
        event_model = EventModel.load(threads) if model else None
        calibrator = Calibrator.load()
        coder = (f"eventwire {__version__}; {meta['lang']}_{meta['name']} {meta['version']}; "
                 f"lexicon {_data_version(PACKAGE / 'events' / 'data')}; "
                 f"actors {_data_version(PACKAGE / 'actors' / 'data')}{'+user' if actors_file else ''}; "
                 f"places {_data_version(PACKAGE / 'geo' / 'data')}; "
                 f"{f'event-head {event_model.head.version}' if event_model else 'no event model'}; "
                 f"calibration {calibrator.version}")
        return cls(build_nlp(actors, gazetteer), load_lexicon(), actors, gazetteer, load_cues(), calibrator,
                   event_model, coder, CoderSettings(actors_file, model, threads))

    def code(self, document: Document) -> list[Mention]:
        return self.code_batch([document])[0]

    def code_batch(self, documents: list[Document]) -> list[list[Mention]]:
        """The mentions of each document of a batch: parsed together (much faster than one at a time)
        and their sentences scored together. Every engine codes through this, batch by batch."""
        parsed_docs = list(self.nlp.pipe((nlp_text(d) for d in documents), batch_size=len(documents) or 1))
        scores = self.document_scores(parsed_docs)
        return [code_parsed(d, parsed, self, s) for d, parsed, s in zip(documents, parsed_docs, scores)]

    def code_many(self, documents: Iterable[Document], batch_size: int = 32,
                  jobs: int = 1) -> Iterator[tuple[Document, list[Mention]]]:
        """Code documents in order, in batches of `batch_size`, in `jobs` processes. The batches are the
        same for any `jobs`, so the output is too (the sentence encoder's numbers depend on its batch)."""
        remaining = iter(documents)
        batches = iter(lambda: list(itertools.islice(remaining, batch_size)), [])
        if jobs <= 1:
            for batch in batches:
                yield from zip(batch, self.code_batch(batch))
            return
        yield from _code_in_workers(self.settings, batches, jobs)

    def document_scores(self, parsed_docs: list[Doc]) -> list[DocumentScores | None]:
        """The trained head's scores for each document's lead and every sentence (None without a model)."""
        if self.model is None:
            return [None] * len(parsed_docs)
        return self.model.score_documents([[s.text.strip() for s in doc.sents] for doc in parsed_docs])


_worker_coder: Coder | None = None  # the Coder of a worker process of `_code_in_workers`


def _start_worker(settings: CoderSettings) -> None:
    global _worker_coder
    _worker_coder = Coder.load(settings.actors_file, settings.model, settings.threads)


def _code_in_worker(batch: list[Document]) -> list[list[Mention]]:
    return _worker_coder.code_batch(batch)


def _code_in_workers(settings: CoderSettings, batches: Iterator[list[Document]],
                     jobs: int) -> Iterator[tuple[Document, list[Mention]]]:
    """Each worker process loads its own Coder and codes whole batches (parse, embeddings, rules), so the
    sentence encoder runs in parallel too. Workers are spawned, not forked: torch's thread pool does not
    survive a fork. A few batches are in flight at a time, so a long stream never sits in memory."""
    threads = max(1, (os.cpu_count() or 1) // jobs)
    worker_settings = CoderSettings(settings.actors_file, settings.model, threads)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                             initargs=(worker_settings,)) as pool:
        pending: deque[tuple[list[Document], Future]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_code_in_worker, batch)))
            if len(pending) >= 2 * jobs:
                done, future = pending.popleft()
                yield from zip(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result())


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
    places: DocumentPlaces
    actors: DocumentActors
    lead_scores: SentenceScores | None  # the head's scores for the document's opening (its main event)
    last_date: dt.date | None = None  # the day the story last named, which "two days earlier" counts from


def code_parsed(document: Document, parsed: Doc, coder: Coder, scores: DocumentScores | None = None) -> list[Mention]:
    """All event mentions of one parsed document (`scores`: the trained head's, see `Coder.document_scores`)."""
    published = dt.date.fromisoformat(document.published) if document.published else None
    places = DocumentPlaces.of(parsed, coder.gazetteer, document.dateline)
    actors = DocumentActors(coder.actors, coder.cues.report_verbs, document.text)
    context = _DocumentContext(document, coder, published, places, actors, scores.lead if scores else None)
    mentions: list[Mention] = []
    parsed_text = parsed.text  # built on each access: read it once
    entities = list(parsed.ents)
    previous_end = 0
    sentences = []
    for index, sentence in enumerate(parsed.sents):
        bounds = _sentence_span(sentence, parsed_text, document.text)
        if "\n" in parsed_text[previous_end:bounds.start]:
            places.new_paragraph()
        previous_end = bounds.end
        sentences.append((sentence, bounds))
        mentions.extend(_code_sentence(sentence, bounds, context, scores.sentences[index] if scores else None))
        actors.remember([e for e in entities if sentence.start <= e.start < sentence.end], published)
        places.after_sentence(sentence)
    if scores is not None and not any(m.aux is None for m in mentions):
        mentions.extend(_head_fallback(sentences, scores, context))
    return mentions


def _head_fallback(sentences: list, scores: DocumentScores, context: _DocumentContext) -> list[Mention]:
    """A document where no trigger stated any event (a headline, an alert, a terse incident note) gets the
    one event the head is surest a sentence states, if it is sure enough. Only then: in a longer story a
    sentence without triggers mostly refers back to events stated elsewhere (on the development set the
    head's sentence-level guesses beside triggered events were right 5 times in 12). A sentence that
    states nothing by itself ("4 fatalities.") gives way to the next surest."""
    ranked = sorted(range(len(sentences)), key=lambda i: -scores.sentences[i].best("event")[1])
    for index in ranked:
        sentence, bounds = sentences[index]
        mentions = _code_sentence(sentence, bounds, context, scores.sentences[index], fallback=True)
        if mentions:
            return mentions
    return []


def _code_sentence(sentence: SpacySpan, sentence_span: Span, context: _DocumentContext,
                   scores: SentenceScores | None, fallback: bool = False) -> list[Mention]:
    """The sentence's mentions from its triggers, or (`fallback`) the one event the head proposes."""
    coder = context.coder
    if fallback:
        proposed = proposed_candidate(sentence, scores, coder.model.thresholds, coder.cues.report_verbs)
        candidates = [proposed] if proposed else []
    else:
        candidates = find_candidates(sentence, coder.lexicon)
        if scores is not None:
            candidates = kept_candidates(candidates, scores, coder.model.thresholds)
    if not candidates:
        return []
    date_markers = {}
    offset = sentence.start_char
    for expression in find_date_expressions(sentence.text):
        span = sentence.doc.char_span(offset + expression.start, offset + expression.end, alignment_mode="expand")
        for token in span or ():
            date_markers[token.i] = Span.of(context.document.text, offset + expression.start, offset + expression.end)
    size, size_evidence = sentence_size(sentence)
    event_predicates = {c.head.i for c in candidates} | {c.anchor.i for c in candidates}  # token indices

    def mentions_of(candidate: Candidate) -> list[Mention]:
        return _mentions_of(candidate, sentence, sentence_span, context, date_markers, size, size_evidence,
                            event_predicates, scores)

    return _merge_nested([m for candidate in candidates for m in mentions_of(candidate)])


def _mentions_of(candidate: Candidate, sentence: SpacySpan, sentence_span: Span, context: _DocumentContext,
                 date_markers: dict, size: Size, size_evidence: dict, event_predicates: set,
                 scores: SentenceScores | None) -> list[Mention]:
    coder = context.coder
    mood = modality(candidate.tokens, candidate.anchor, coder.cues)
    roles = find_roles(candidate)
    event_tokens = [*candidate.tokens, candidate.anchor]
    # a date in the event's own statement is the event's; one found higher up dates the report of
    # it, so a future event is not pushed to the next such weekday ("said on Tuesday they will ...")
    own_date = attached([*candidate.tokens, *statement_chain(candidate.anchor)], date_markers, climb=False)
    date_span = own_date or attached(event_tokens, date_markers)
    date, precision, aux = _date_of(date_span, context.published, mood.aux, coder.cues,
                                    future=mood.aux in ("future", "hypothetical") and own_date is not None,
                                    anchor=context.last_date)
    if date_span is not None and date is not None and precision == "day":
        context.last_date = dt.date.fromisoformat(date)
    on_date = dt.date.fromisoformat(date) if date else context.published
    resolved: dict[tuple[int, bool], Entity | None] = {}

    def entity(head: Token | None, as_recipient: bool) -> Entity | None:
        if head is None:
            return None
        if (head.i, as_recipient) not in resolved:
            resolved[head.i, as_recipient] = context.actors.entity(head, on_date, recipient=as_recipient)
        return resolved[head.i, as_recipient]

    weapons = coder.lexicon.mode_cues.get("ASSAULT", {})

    def actor_of(head: Token | None) -> Entity | None:
        found = entity(head, False)
        if found is not None and not (found.code or found.sector) and lemma(head) in weapons:
            resolved[head.i, False] = None  # "a roadside bomb struck": the means, not the actor
        return resolved.get((head.i, False)) if head is not None else None

    pairs = [(actor_of(a), entity(r, True)) for a, r in roles.pairs()]
    place = context.places.event_place(event_tokens, sentence)
    reasons_extra: list[str] = []
    holder = holder_of(place, on_date, coder.actors.tables.partly_recognised)
    for party in resolved.values():
        if party is not None and holder is not None and is_local_party(party, holder, coder.actors.local_markers) \
                and not names_a_person(party, sentence.doc):
            party.code, party.sector, party.name, party.identifier_id = holder.iso3, "PRE", holder.name, holder.wikidata
            reasons_extra.append(f"{party.entity_text.text!r}: {holder.name}'s, which held the event's place "
                                 f"(PLOVER: partly recognised entity = {holder.iso3} PRE)")
        elif party is not None and party.code is None and party.sector and place and place.country_code \
                and not names_a_person(party, sentence.doc):
            # "six civilians", "police": an unnamed domestic actor belongs to the country it is in
            party.code = place.country_code
            reasons_extra.append(f"{party.entity_text.text!r}: country from the event's place")
    mention_size = Size(**{k: getattr(size, k) for k in SIZE_KINDS.get(candidate.event, ())})
    reasons = [*candidate.reasons, f"roles: {roles.how}", *reasons_extra]
    mode = candidate.mode
    if scores is not None:
        reasons.append(f"model: P({candidate.event})={scores.event[candidate.event]:.2f}, "
                       f"P(asserted)={scores.aux['asserted']:.2f}")
        if mode is None:
            mode, why = model_mode(candidate.event, coder.lexicon.modes_of(candidate.event), scores,
                                   coder.model.thresholds)
            reasons += [why] if why else []
    if mood.reason:
        reasons.append(f"{mood.aux}: {mood.reason}")
    reasons += [f"size {k}={getattr(mention_size, k)} from {context.document.text[s:e]!r} [{s}:{e}]"
                for k, (s, e) in size_evidence.items() if getattr(mention_size, k) is not None]
    if candidate.nominal and candidate.anchor.i == candidate.head.i and not any(resolved.values()):
        return []  # a bare event noun ("to avoid the fighting") refers to an event, it does not state one
    event_text = _span_of(candidate.event_words(), context.document.text)
    commitment = _commitment(candidate, mood, aux, event_predicates, coder.cues)
    if commitment is not None:
        c_event, c_mode, said_by, first = commitment
        c_span = attached([said_by], date_markers)
        c_date, c_precision, _ = _date_of(c_span, context.published, None, coder.cues)
        c_text = _span_of([first, *candidate.tokens], context.document.text)
        c_reasons = [*reasons, f"announced commitment to {candidate.event} ('{said_by.text}')"]
    mentions = []
    for actor, recipient in pairs:
        mentions.append(_mention(context, candidate.event, mode, list(candidate.trigger.context), aux,
                                 actor, recipient, place, date, precision, _date_words(date_span, date),
                                 mention_size, event_text, sentence_span, candidate, scores, reasons))
        if commitment is not None:
            mentions.append(_mention(context, c_event, c_mode, [], None, actor, recipient, place, c_date,
                                     c_precision, _date_words(c_span, c_date), Size(), c_text, sentence_span,
                                     candidate, scores, c_reasons))
    return mentions


def _date_words(date_span: Span | None, date: str | None) -> Span | None:
    """The words a date was read from; None when it came from the publication date or did not resolve."""
    return date_span if date_span is not None and date is not None else None


def _date_of(date_span: Span | None, published: dt.date | None, aux: str | None, cues: ModalityCues,
             future: bool = False, anchor: dt.date | None = None) -> tuple[str | None, str, str | None]:
    """The event's date and precision, and the aux mode once the date is known."""
    if date_span is not None:
        resolved = resolve_date(date_span.text, published, future=future, anchor=anchor)
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


def _commitment(candidate: Candidate, mood: Modality, aux: str | None, event_predicates: set[int],
                cues: ModalityCues):
    """(event, mode, announcing word, first word of the commitment) for an announced future event."""
    rule = cues.commitments.get(candidate.event)
    if aux != "future" or rule is None or candidate.by_model:
        return None
    if any(node.i in event_predicates for node in statement_chain(candidate.anchor)[1:]):
        # "agreed to withdraw", "will meet ... to discuss": the governing event carries the commitment
        return None
    governor = mood.governor if mood.governor is not None and lemma(mood.governor) in cues.future_governors else None
    said_by = governor or mood.reported_by
    if said_by is None:
        return None
    # the words of the commitment: "plans to hold talks", "will start talks"
    first = governor or next((c for c in candidate.anchor.children if c.dep_ == "aux"), candidate.anchor)
    return rule["event"], rule.get("mode"), said_by, first


def _span_of(tokens: list[Token], text: str) -> Span:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Span.of(text, start, end)


def _sentence_span(sentence: SpacySpan, parsed: str, text: str) -> Span:
    """The sentence without surrounding whitespace or the blanked dateline (`parsed` is the text
    the parser saw, `text` the document's)."""
    start, end = sentence.start_char, sentence.end_char
    while start < end and parsed[start].isspace():
        start += 1
    while end > start and parsed[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


def _mention(context: _DocumentContext, event: str, mode: str | None, contexts: list[str], aux: str | None,
             actor: Entity | None, recipient: Entity | None, place: Place | None, date: str | None,
             precision: str, date_text: Span | None, size: Size, event_text: Span, sentence: Span,
             candidate: Candidate,
             scores: SentenceScores | None, reasons: list[str]) -> Mention:
    key = f"{context.document.id}|{event}|{mode}|{aux}|{event_text.start}|{event_text.end}|" \
          f"{actor.entity_text.start if actor else ''}"
    acled = acled_for(event, mode, actor.sector if actor else None, recipient.sector if recipient else None)
    if scores is not None:
        learned, why = model_acled(event, scores, context.lead_scores, context.coder.model.thresholds)
        if learned is not None and learned["sub_event_type"] != acled["sub_event_type"]:
            acled = learned
            reasons = [*reasons, why]
    evidence = _confidence_features(event, candidate, actor, recipient, scores)
    return Mention(
        id="m-" + hashlib.sha1(key.encode()).hexdigest()[:16],
        doc_id=context.document.id, event=event, mode=mode, context=contexts, aux=aux, actor=actor,
        recipient=recipient, event_loc=place, date=date, date_precision=precision, size=size,
        event_text=event_text, sentence=sentence, acled=Acled(**acled), cameo=cameo_for(event, mode),
        confidence=round(context.coder.calibrator.probability(evidence), 3), coder=context.coder.coder,
        date_text=date_text, reasons=reasons, scores=evidence,
    )


def _confidence_features(event: str, candidate: Candidate, actor: Entity | None, recipient: Entity | None,
                         scores: SentenceScores | None) -> dict[str, float]:
    """The evidence the calibrated confidence is computed from (`model.calibration.FEATURES`); without
    a trained head its two scores are neutral."""
    return {
        "prior": candidate.trigger.prior,
        "p_type": round(scores.event[event], 4) if scores else 0.5,
        "p_asserted": round(scores.aux["asserted"], 4) if scores else 0.5,
        "actor_coded": float(actor is not None and actor.code is not None),
        "recipient_coded": float(recipient is not None and recipient.code is not None),
        "nominal": float(candidate.nominal),
        "model_only": float(candidate.by_model),
    }


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
    def party(e: Entity | None):
        return (e.code, e.sector) if e else None

    def compatible(x, y) -> bool:
        return x is None or y is None or x == y

    return (a.event == b.event and a.aux == b.aux and party(a.actor) == party(b.actor)
            and compatible(a.mode, b.mode) and compatible(party(a.recipient), party(b.recipient)))
