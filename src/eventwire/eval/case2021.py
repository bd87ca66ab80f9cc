"""CASE 2021 Task 2: ACLED sub-event type of a news snippet (1,019 snippets, test set only).

The document's prediction is the ACLED sub-event type of its most confident asserted mention
(OTHER when it has none), mapped to the task's label names; scored over the 25 ACLED labels the
published results use (snippets with the 5 non-ACLED labels are left out).
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..ingest import document_from_text
from ..pipeline import Coder
from .report import Report, classification_scores

FILE = Path("case2021") / "task2" / "test_set_final_release_with_labels.tsv"
ACLED_TO_CASE = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE",
    "Armed clash": "ARMED_CLASH",
    "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL",
    "Suicide bomb": "SUIC_BOMB",
    "Violent demonstration": "VIOL_DEMONSTR",
}
LABELS = sorted(ACLED_TO_CASE.values())
RULE = ("weighted and macro F1 over the 25 ACLED sub-event labels of CASE 2021 Task 2 (support-weighted, "
        "as the shared task); prediction = acled.sub_event_type of the most confident mention with aux null, "
        "OTHER when there is none; snippets labelled with the 5 non-ACLED types are left out")


def run(coder: Coder, folder: Path, limit: int | None = None) -> Report:
    with open(folder / FILE, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["SubType"] in LABELS]
    rows = rows[:limit] if limit else rows
    documents = [document_from_text(r["EventSnippet"], id=f"case2021-{r['id']}") for r in rows]
    predicted = [predict(mentions) for _, mentions in coder.code_many(documents)]
    gold = [r["SubType"] for r in rows]
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted, strict=True):
        confusion.setdefault(g, {}).setdefault(p, 0)
        confusion[g][p] += 1
    return Report("case2021", RULE, len(rows), classification_scores(gold, predicted, LABELS),
                  {"confusion": confusion})


def predict(mentions) -> str:
    return ACLED_TO_CASE.get(predict_sub_type(mentions), "OTHER")


def predict_sub_type(mentions) -> str | None:
    """The ACLED sub-event type of the most confident asserted mention that has one."""
    asserted = [m for m in mentions if m.aux is None and m.acled.sub_event_type]
    return max(asserted, key=lambda m: m.confidence).acled.sub_event_type if asserted else None
