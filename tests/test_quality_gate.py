"""CI quality gate: figures on our development set and on fixed subsets of the public test sets stay
at or above their floors, and trap counts at or below their ceilings (eval_baseline.json). The public
sets are read from ../shared/benchmarks and never copied into the repo."""
import json

import pytest

from conftest import REPO

BASELINE = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))
BENCHMARKS = [name for name in BASELINE if not name.startswith("_")]


def _folder(name: str):
    from eventwire.eval import SHARED_BENCHMARKS, benchmarks_dir

    if name not in SHARED_BENCHMARKS:
        return None
    try:
        return benchmarks_dir()
    except FileNotFoundError as error:
        pytest.skip(f"quality gate for {name} needs the public test sets: {error}")


@pytest.mark.parametrize("name", BENCHMARKS)
def test_figures_stay_within_their_bounds(coder, name):
    from eventwire.eval import runners

    settings = BASELINE[name]
    report = runners()[name](coder, _folder(name), limit=settings.get("limit"))
    below = {metric: (round(report.metrics[metric], 4), floor) for metric, floor in settings.get("floors", {}).items()
             if report.metrics[metric] < floor}
    above = {metric: (report.metrics[metric], ceiling) for metric, ceiling in settings.get("ceilings", {}).items()
             if report.metrics[metric] > ceiling}
    assert not below, f"{name}: below the floor (value, floor): {below}\n{report.text()}"
    assert not above, f"{name}: above the ceiling (value, ceiling): {above}\n{report.text()}"
