"""Near-duplicate detection (store/near_duplicates.py): the threshold sits between syndicated copies with small
edits and independent reports of the same event. All texts are written here."""
from __future__ import annotations

import pytest

from eventwire.store import near_duplicates as nd

ORIGINAL = """PORT HARCOURT, Nigeria (Delta Wire) — Gunmen attacked a police station in the town of Omoku on Thursday
night, killing four officers and setting two patrol vehicles on fire, a police spokeswoman said on Friday.

The attackers arrived in three pickup trucks shortly before midnight and exchanged fire with officers for
almost an hour, residents said. Several shops near the station were looted during the attack.

No group has claimed responsibility. Police said they had arrested two suspects at a checkpoint on the road
to Port Harcourt and recovered a rifle and ammunition.

The state governor condemned the attack and ordered extra patrols across the Niger Delta region, where
kidnappings and attacks on oil installations have risen this year."""

# What syndication does: another agency tag, a reworded clause, a dropped or added paragraph.
COPIES = {
    "another agency and a reworded clause": ORIGINAL.replace("(Delta Wire)", "(River Post)").replace(
        "a police spokeswoman said on Friday", "police said on Friday"),
    "the last paragraph dropped": ORIGINAL.rsplit("\n\n", 1)[0],
    "an editor's paragraph added": ORIGINAL + "\n\nThe River Post's correspondent in Rivers State contributed "
                                              "reporting from Omoku, where markets stayed shut on Friday.",
    "words changed throughout": ORIGINAL.replace("Gunmen", "Armed men").replace("residents said", "witnesses said")
    .replace("Several shops", "Some shops").replace("condemned", "denounced"),
}

# The same attack in other outlets' own words: separate reports, to be merged as events, not as documents.
OTHER_REPORTS = {
    "another outlet's report": """Four policemen were killed when armed men stormed a divisional police
headquarters in Omoku, Rivers State, late on Thursday, the state police command said. The assailants burned
two vehicles before fleeing. Two people have been detained in connection with the attack, the command said,
adding that a manhunt was under way.""",
    "a short follow-up": """Rivers State's governor on Friday ordered more patrols in the Niger Delta after an
attack on a police station in Omoku that killed four officers. He called the attack cowardly and promised
that those responsible would be caught.""",
}


def similarity(a: str, b: str) -> float:
    return nd.similarity(nd.signature(a), nd.signature(b))


def jaccard(a: str, b: str) -> float:
    x, y = nd.shingles(a), nd.shingles(b)
    return len(x & y) / len(x | y)


@pytest.mark.parametrize("name", COPIES)
def test_syndicated_copies_are_near_duplicates(name):
    assert jaccard(ORIGINAL, COPIES[name]) >= 0.7  # what the threshold is set below
    assert nd.is_near_duplicate(nd.signature(ORIGINAL), nd.signature(COPIES[name]))


@pytest.mark.parametrize("name", OTHER_REPORTS)
def test_other_reports_of_the_same_event_are_not(name):
    assert jaccard(ORIGINAL, OTHER_REPORTS[name]) < 0.2  # what the threshold is set above
    assert similarity(ORIGINAL, OTHER_REPORTS[name]) < nd.THRESHOLD


def test_the_estimate_is_close_to_the_true_resemblance():
    for copy in COPIES.values():
        assert abs(similarity(ORIGINAL, copy) - jaccard(ORIGINAL, copy)) < 0.15


def test_case_punctuation_and_spacing_do_not_matter():
    assert similarity(ORIGINAL, ORIGINAL.upper().replace(",", " ").replace("\n", "  ")) == 1.0


def test_short_texts_are_never_near_duplicates():
    assert nd.signature("Blast reported near the market in Kabul on Monday.") is None


def test_signatures_and_keys_are_the_same_in_every_process():
    # stored signatures are compared with later runs': no per-process salt (like str hashes) may enter them
    sig = nd.signature(ORIGINAL)
    assert len(sig) == nd.PERMUTATIONS and len(nd.band_keys(sig)) == nd.BANDS
    assert sig[:2] == [284793170089590576, 48311865949137559]
    assert nd.band_keys(sig)[0] == 5517450575559256935
