"""CI quality gate: figures on fixed subsets of the public test sets stay at or above their floors
(eval_baseline.json). The sets are read from ../shared/benchmarks and never copied into the repo."""
import json

import pytest

from conftest import REPO

BASELINE = json.loads((REPO / "eval_baseline.json").read_text(encoding="utf-8"))
BENCHMARKS = [name for name in BASELINE if not name.startswith("_")]


@pytest.fixture(scope="module")
def folder():
    from eventwire.eval import benchmarks_dir

    try:
        return benchmarks_dir()
    except FileNotFoundError as error:
        pytest.skip(f"quality gate needs the public test sets: {error}")


@pytest.mark.parametrize("name", BENCHMARKS)
def test_figures_stay_above_their_floors(coder, folder, name):
    from eventwire.eval import runners

    settings = BASELINE[name]
    report = runners()[name](coder, folder, limit=settings["limit"])
    below = {metric: (round(report.metrics[metric], 4), floor) for metric, floor in settings["floors"].items()
             if report.metrics[metric] < floor}
    assert not below, f"{name}: below the floor (value, floor): {below}\n{report.text()}"
