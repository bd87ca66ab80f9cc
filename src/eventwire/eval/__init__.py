"""`eventwire eval`: scores on public test sets, each printed with its scoring rule.

The sets live in `../shared/benchmarks` during development and CI (never in the repo, never trained
or tuned on); `benchmarks_dir()` finds them or says where they were looked for.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .report import Report

ENV_VAR = "EVENTWIRE_BENCHMARKS"


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
    from . import case2021, conflibert_cameo, indiapoliceevents

    return {"case2021": case2021.run, "indiapoliceevents": indiapoliceevents.run,
            "conflibert-cameo": conflibert_cameo.run}


__all__ = ["Report", "benchmarks_dir", "runners"]
