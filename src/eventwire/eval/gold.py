"""Gold events written by us (examples/expected.yaml, the development set) and how a coded mention
is matched against one: every key the gold entry gives must agree."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..geo import distance_km


def load_gold(path: Path) -> list[dict]:
    """Gold entries from one YAML file (a list of entries or one entry) or every *.yaml in a folder."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    entries: list[dict] = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        entries += data if isinstance(data, list) else [data]
    return entries


def _entity_matches(entity, want: dict | None) -> bool:
    if want is None:
        return True
    if entity is None:
        return False
    return all(getattr(entity, key) == value for key, value in want.items())


def matches(mention, want: dict) -> bool:
    checks = [mention.event == want["event"], mention.aux == want.get("aux")]
    if "mode" in want:
        checks.append(mention.mode == want["mode"])
    checks.append(_entity_matches(mention.actor, want.get("actor")))
    checks.append(_entity_matches(mention.recipient, want.get("recipient")))
    for key in ("date", "date_precision"):
        if key in want:
            checks.append(getattr(mention, key) == str(want[key]))
    for key in ("dead", "injured", "arrested"):
        if key in want:
            checks.append(getattr(mention.size, key) == want[key])
    if "near" in want:
        loc, near = mention.event_loc, want["near"]
        checks.append(loc is not None and loc.lat is not None
                      and distance_km(loc.lat, loc.lon, near["lat"], near["lon"]) <= near["km"])
    return all(checks)
