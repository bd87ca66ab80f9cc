"""What the trained head adds to the lexicon's evidence for one sentence: it drops triggers the
sentence does not bear out, states an event where no trigger matched, and gives the ACLED sub-event
type and mode when it is surer than the rules. Every decision is written into the mention's reasons."""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import SentenceScores, Thresholds
from .detect import NOUN_POS, Candidate
from .lexicon import Trigger, acled_sub_types
from .syntax import lemma


def kept_candidates(candidates: list[Candidate], scores: SentenceScores, thresholds: Thresholds) -> list[Candidate]:
    """Triggers whose type the sentence bears out. A strong trigger is kept whatever the head says, and so
    is every trigger of a sentence the head reads as not asserted (its types are learnt from assertions)
    and every trigger in a clause that dates the statement ("... since Russia launched its invasion"): the
    head reads the sentence's main statement, not the events such clauses recall."""
    if scores.aux["asserted"] < 0.5:
        return candidates
    kept = []
    for candidate in candidates:
        p = scores.event[candidate.event]
        if candidate.trigger.prior < thresholds.veto_prior and p < thresholds.veto \
                and not _in_temporal_clause(candidate.anchor):
            continue
        kept.append(candidate)
    return kept


TEMPORAL_MARKERS = frozenset({"since", "after", "before", "when", "until"})


def _in_temporal_clause(token: Token) -> bool:
    """Inside "since Russia launched ...", "after rebels seized ...": a clause dating the main statement."""
    while token.head.i != token.i:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKERS for c in token.children):
            return True
        token = token.head
    return False


def proposed_candidate(sentence: SpacySpan, scores: SentenceScores, thresholds: Thresholds,
                       report_verbs: frozenset[str]) -> Candidate | None:
    """An event the head is sure the sentence states as asserted, anchored on the sentence's main
    predicate (below a reporting verb: "police said gunmen ...")."""
    event, p = scores.best("event")
    if event == "NONE" or p < thresholds.propose or scores.aux["asserted"] < 0.5:
        return None
    anchor = _main_predicate(sentence, report_verbs)
    if anchor is None:
        return None
    trigger = Trigger(event=event, words=(lemma(anchor),), pos=None, mode=None, context=(),
                      with_words=frozenset(), without_words=frozenset(), prior=0.0)
    reasons = [f"model: {event} p={p:.2f}, no event triggered in the document", f"anchor: main predicate '{anchor.text}'"]
    return Candidate(trigger, [anchor], anchor, anchor, None, anchor.pos_ in NOUN_POS, reasons, by_model=True)


def _main_predicate(sentence: SpacySpan, report_verbs: frozenset[str]) -> Token | None:
    node = sentence.root
    while lemma(node) in report_verbs:
        complement = next((c for c in node.children if c.dep_ in ("ccomp", "xcomp")), None)
        if complement is None:
            break
        node = complement
    if node.pos_ in ("VERB", *NOUN_POS):
        return node
    return next((t for t in sentence if t.pos_ == "VERB"), None)


def model_acled(event: str, scores: SentenceScores, lead: SentenceScores | None,
                thresholds: Thresholds) -> tuple[dict | None, str | None]:
    """The head's ACLED sub-event type for a mention of `event`: the likeliest of the sub-types allowed for
    the type, by the sentence's scores weighed with the document lead's (ACLED describes an event with
    what surrounds it, and a report's opening describes its main event best), if its share of their
    probability reaches the threshold (whether ACLED codes the sentence at all is the event's business,
    not the sub-type's)."""
    allowed = acled_sub_types(event)
    weight = thresholds.acled_lead_weight
    sources = [(1 - weight, scores), (weight, lead)] if lead is not None else [(1.0, scores)]
    probability = {sub: sum(w * s.acled[sub] for w, s in sources) for sub in allowed}
    total = sum(probability.values())
    if not allowed or total <= 0:
        return None, None
    sub = max(probability, key=probability.get)
    share = probability[sub] / total
    if share < thresholds.acled:
        return None, None
    return allowed[sub], f"model: ACLED '{sub}' p={probability[sub]:.2f} ({share:.2f} of the sub-types allowed for {event})"


def model_mode(event: str, allowed: frozenset[str], scores: SentenceScores,
               thresholds: Thresholds) -> tuple[str | None, str | None]:
    mode, p = scores.best("mode", allowed)
    if mode == "NONE" or p < thresholds.mode:
        return None, None
    return mode, f"model: mode {mode} p={p:.2f}"
