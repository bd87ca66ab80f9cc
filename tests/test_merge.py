"""The merge rule (eventwire.merge) on mentions built by hand: when two reports are one event, which event a
mention joins, and how the merged fields are chosen."""
from __future__ import annotations

import pytest

from eventwire.ingest import document_from_text
from eventwire.merge import Report, best_event, compatible, date_range, event_id, merged_event
from eventwire.records import to_dict

from conftest import BELGOROD, CHUHUIV, IZIUM, KHARKIV, KHARKIV_OBLAST, ODESA, UKRAINE, mention_record

DOC = document_from_text("Drones struck the city overnight, officials said.\nMore text.", id="d1")
RUS_MIL = ("RUS", "MIL")


def m(mention_id: str = "m-1", doc=DOC, **fields) -> dict:
    fields = {"actor": RUS_MIL, "recipient": ("UKR", "CVL"), "place": KHARKIV, **fields}
    return to_dict(mention_record(doc, mention_id, **fields))


# (why, changes to the second mention, whether it merges with the first, a default ASSAULT by RUS MIL on
# UKR CVL in Kharkiv on 2024-03-01 at day precision)
CASES = [
    ("the same report again", {}, True),
    ("another PLOVER type", {"event": "COERCE"}, False),
    ("a denied attack is not the attack", {"aux": "negation"}, False),
    ("modes are not compared", {"mode": "drone"}, True),
    ("another day at day precision", {"date": "2024-03-02"}, False),
    ("the week of that day", {"date": "2024-02-26", "precision": "week"}, True),
    ("the week before", {"date": "2024-02-19", "precision": "week"}, False),
    ("the month of that day", {"date": "2024-03-01", "precision": "month"}, True),
    ("another month", {"date": "2024-04-01", "precision": "month"}, False),
    ("the year of that day", {"date": "2024-01-01", "precision": "year"}, True),
    ("an undated report never merges", {"date": None}, False),
    ("actor unknown", {"actor": None}, True),
    ("actor country only", {"actor": ("RUS", None)}, True),
    ("another actor country", {"actor": ("BLR", "MIL")}, False),
    ("same country, another sector (army vs rebels)", {"actor": ("RUS", "REB")}, False),
    ("recipient unknown", {"recipient": None}, True),
    ("recipient sector differs (Kyiv as government vs people)", {"recipient": ("UKR", "GOV")}, True),
    ("recipient of another country", {"recipient": ("MDA", "CVL")}, False),
    ("roles reversed: the actor is the other's recipient", {"actor": None, "recipient": RUS_MIL}, False),
    ("a town 35 km away", {"place": CHUHUIV}, True),
    ("a town 110 km away in the same oblast", {"place": IZIUM}, False),
    ("another city the same day", {"place": ODESA}, False),
    ("a town 75 km away across the border", {"place": BELGOROD}, False),
    ("the admin-1 area the city is in", {"place": KHARKIV_OBLAST}, True),
    ("another admin-1 area", {"place": {**KHARKIV_OBLAST, "admin1": "Odeska", "resolved_place": "Odesa Oblast"}},
     False),
    ("the country the city is in", {"place": UKRAINE}, True),
    ("place unknown, a party of that country", {"place": None}, True),
    ("place unknown, no party of that country", {"place": None, "actor": ("BLR", "MIL"), "recipient": None}, False),
]


@pytest.mark.parametrize(("why", "changes", "merges"), CASES, ids=[c[0] for c in CASES])
def test_compatible(why, changes, merges):
    first, second = m("m-1"), m("m-2", **changes)
    assert compatible(first, second) is merges
    assert compatible(second, first) is merges  # the rule is symmetric


def test_both_places_unknown_merge_on_the_rest():
    assert compatible(m("m-1", place=None), m("m-2", place=None))
    assert not compatible(m("m-1", place=None), m("m-2", place=None, date="2024-03-05"))


@pytest.mark.parametrize(("date", "precision", "first", "last"), [
    ("2024-02-14", "day", "2024-02-14", "2024-02-14"),
    ("2024-02-14", "week", "2024-02-12", "2024-02-18"),  # a week is Monday to Sunday
    ("2024-02-01", "month", "2024-02-01", "2024-02-29"),
    ("2024-01-01", "year", "2024-01-01", "2024-12-31"),
])
def test_date_range(date, precision, first, last):
    days = date_range(date, precision)
    assert (days[0].isoformat(), days[1].isoformat()) == (first, last)
    assert date_range(None, "unknown") is None and date_range("2024-01-01", "unknown") is None


def merge_all(mentions: list[dict]) -> list[dict]:
    """Mentions assigned one by one as the store does: join the best event or found one."""
    events: dict[str, dict] = {}
    members: dict[str, list[dict]] = {}
    for mention in mentions:
        joined = best_event(events.values(), mention)
        key = joined["id"] if joined else event_id(mention["id"])
        members.setdefault(key, []).append(mention)
        events[key] = merged_event(key, members[key], [])
    return list(events.values())


def test_two_strikes_same_day_in_different_cities_stay_two():
    events = merge_all([m("m-1", place=KHARKIV), m("m-2", place=ODESA), m("m-3", place=CHUHUIV)])
    assert sorted(e["mention_ids"] for e in events) == [["m-1", "m-3"], ["m-2"]]


def test_a_mention_joins_the_nearest_event_and_events_never_merge_later():
    east = {**KHARKIV, "resolved_place": "a town 80 km east", "lon": 37.37}
    between = {**KHARKIV, "resolved_place": "a village between", "lon": 36.85}  # 43 km and 37 km away
    events = merge_all([m("m-1", place=KHARKIV), m("m-2", place=east), m("m-3", place=between)])
    # it fits both, joins the nearer, and the two events stay apart although it bridges them
    assert sorted(e["mention_ids"] for e in events) == [["m-1"], ["m-2", "m-3"]]
    assert {e["id"] for e in events} == {"e-1", "e-2"}  # the founding mentions' ids


def test_ties_are_broken_by_id_so_the_result_is_deterministic():
    # a report without a place fits both Kharkiv and Odesa events equally: the smaller id wins
    events = merge_all([m("m-b", place=ODESA), m("m-a", place=KHARKIV), m("m-c", place=None)])
    assert {e["id"]: e["mention_ids"] for e in events} == {"e-b": ["m-b"], "e-a": ["m-a", "m-c"]}


def test_merged_fields_are_the_most_precise_and_counts_the_largest():
    doc2 = document_from_text("Another outlet's report of the strike.", id="d2")
    mentions = [
        m("m-1", place=KHARKIV_OBLAST, date="2024-03-01", precision="week", dead=3, actor=("RUS", None),
          confidence=0.6),
        m("m-2", doc=doc2, place=KHARKIV, date="2024-03-01", dead=5, injured=2, confidence=0.5,
          actor=("RUS", "MIL", "Russian Armed Forces")),
        m("m-3", doc=doc2, place=None, date="2024-03-01", precision="month", dead=4, actor=None, confidence=0.9),
    ]
    reports = [Report("d1", "Wire A", "2024-03-02"), Report("d2", "Wire B", "2024-03-01"),
               Report("d3", "Wire B", "2024-03-03")]  # d3: a near-copy of d2 in the same outlet
    event = merged_event("e-1", mentions, reports)
    assert event["event_loc"]["resolved_place"] == "Kharkiv"
    assert (event["date"], event["date_precision"]) == ("2024-03-01", "day")
    assert event["actor"]["code"] == "RUS" and event["actor"]["name"] == "Russian Armed Forces"
    assert event["size"] == {"dead": 5, "injured": 2, "arrested": None}
    assert (event["num_mentions"], event["num_documents"], event["num_sources"]) == (3, 3, 2)
    assert event["first_reported"] == "2024-03-01"
    assert event["mention_ids"] == ["m-1", "m-2", "m-3"]
    assert event["sources"] == ["Wire A", "Wire B"]
    assert event["evidence"]["mention_id"] == "m-3"  # the most confident mention
    # noisy-OR of the best per source: Wire A 0.6, Wire B 0.9
    assert event["confidence"] == pytest.approx(1 - 0.4 * 0.1)


def test_a_document_without_an_outlet_is_its_own_source():
    event = merged_event("e-1", [m("m-1")], [Report("d1", None, None), Report("d9", None, "2024-03-04")])
    assert (event["num_documents"], event["num_sources"], event["first_reported"]) == (2, 2, "2024-03-04")
