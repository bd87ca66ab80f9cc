"""`eventwire eval`: scores on public test sets, each printed with its scoring rule.

The sets live in `../shared/benchmarks` during development and CI (never in the repo, never trained
or tuned on); `benchmarks_dir()` finds them or says where they were looked for.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from .report import Report

ENV_VAR = "EVENTWIRE_BENCHMARKS"
# the public test sets, read from ../shared/benchmarks; `dev` is our own set and ships with eventwire
SHARED_BENCHMARKS = ("case2021", "indiapoliceevents", "conflibert-cameo", "petrarch2", "lgl", "gwn", "trnews",
                     "geovirus", "event-location")
BENCHMARKS = ("dev", *SHARED_BENCHMARKS)


def benchmarks_dir() -> Path:
    """`$EVENTWIRE_BENCHMARKS`, else `../shared/benchmarks` beside the working folder or the repo."""
    candidates = [Path(os.environ[ENV_VAR])] if ENV_VAR in os.environ else []
    candidates += [Path.cwd().parent / "shared" / "benchmarks",
                   Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("benchmark sets not found; looked in " + ", ".join(map(str, candidates))
                            + f" (set {ENV_VAR} to their folder)")


def runners() -> dict[str, Callable[..., Report]]:
    from . import case2021, conflibert_cameo, devset, event_location, indiapoliceevents, petrarch2, toponyms

    return {"dev": devset.run, "case2021": case2021.run, "indiapoliceevents": indiapoliceevents.run,
            "conflibert-cameo": conflibert_cameo.run, "petrarch2": petrarch2.run,
            **{name: functools.partial(toponyms.run_set, toponym_set) for name, toponym_set in toponyms.SETS.items()},
            "event-location": event_location.run}


__all__ = ["BENCHMARKS", "SHARED_BENCHMARKS", "Report", "benchmarks_dir", "runners"]
