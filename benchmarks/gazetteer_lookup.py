"""Gazetteer figures: file size and build time, load times, lookups per second, import speed.

Usage: .venv/bin/python benchmarks/gazetteer_lookup.py [--build] [--sample N] [--repeat R] [--import-rows N]

--build: also build a fresh gazetteer from the installed data packages in a scratch folder, timed.
--import-rows N: also time `eventwire gazetteer import` of an invented N-row file in GeoNames' allCountries
format (time, rows per second, the import process's peak memory).
Load times: `Gazetteer.load()` and `eventwire.nlp.load_nlp()` (spaCy model, actor tables, gazetteer and
entity ruler), each in a fresh process with its imports, the median of R runs.
Lookups: a seeded sample of N place names drawn from the gazetteer itself, plus NEWS_TOPONYMS (names as
news writes them, repeated to weigh as much as the sample), each looked up once on a fresh Gazetteer
(cold: every lookup reads the file), then all again (warm: the in-process lookup cache).
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from eventwire.geo import Gazetteer
from eventwire.geo.build import build
from eventwire.geo.database import summary

NEWS_TOPONYMS = [
    "Stepanakert", "Khankendi", "Nagorno-Karabakh", "Baku", "Yerevan", "Kyiv", "Kharkiv", "Donetsk region",
    "Bakhmut", "Avdiivka", "Crimea", "Zaporizhzhia", "Moscow", "Belgorod", "Gaza", "Gaza City", "Khan Younis",
    "Rafah", "West Bank", "Jenin", "Golan Heights", "Beirut", "Damascus", "Idlib", "Aleppo", "Raqqa", "Baghdad",
    "Erbil", "Kirkuk", "Sanaa", "Hodeidah", "Marib", "Khartoum", "El Fasher", "Darfur", "Nyala", "Tigray",
    "Mekelle", "Mogadishu", "Jilib", "Goma", "Sake", "North Kivu", "Bamako", "Gao", "Menaka", "Niamey",
    "Tillaberi region", "Ouagadougou", "Maiduguri", "Borno State", "Kano", "Abuja", "Kabul", "Khost province",
    "Helmand", "Peshawar", "Kashmir", "Yangon", "Rakhine", "Caracas", "Arauca", "Port-au-Prince", "Washington",
    "U.S.", "Britain", "Paris", "Brussels", "the Sahel", "Xyzzyville",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", action="store_true", help="also time a fresh build")
    parser.add_argument("--sample", type=int, default=20_000, help="place names drawn from the gazetteer")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each load-time measurement")
    parser.add_argument("--import-rows", type=int, default=0, help="rows of an invented dump to import")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
          f"sqlite {sqlite3.sqlite_version}")
    if args.import_rows:  # first: its peak memory is read from the children run so far
        _time_import(args.import_rows)
    if args.build:
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "gazetteer.sqlite"
            started = time.perf_counter()
            build(path)
            print(f"build: {time.perf_counter() - started:.1f} s, {summary(path)}")
    path = Gazetteer.load().path  # the one eventwire reads (built first if missing)
    print(f"gazetteer {path}: {summary(path)}")
    for what, code in (("Gazetteer.load()", "from eventwire.geo import Gazetteer; Gazetteer.load()"),
                       ("load_nlp()", "from eventwire.nlp import load_nlp; load_nlp()")):
        times = [_seconds_in_fresh_process(code) for _ in range(args.repeat)]
        print(f"{what}: {statistics.median(times):.2f} s (median of {args.repeat}, imports included)")
    names = _sample_names(path, args.sample)
    names += NEWS_TOPONYMS * (len(names) // len(NEWS_TOPONYMS))
    random.Random(0).shuffle(names)
    gazetteer = Gazetteer(path)  # not the shared one: its lookup cache starts empty
    for label in ("cold", "warm"):
        started = time.perf_counter()
        found = sum(gazetteer.lookup(name) is not None for name in names)
        elapsed = time.perf_counter() - started
        print(f"lookups ({label}): {len(names) / elapsed:,.0f}/s ({len(names):,} names, {found:,} found)")


def _sample_names(path: Path, size: int) -> list[str]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
        (count,) = db.execute("SELECT max(id) FROM place").fetchone()
        ids = random.Random(0).sample(range(1, count + 1), min(size, count))
        return [name for (name,) in db.execute(f"SELECT name FROM place WHERE id IN ({','.join(map(str, ids))})")]


def _time_import(rows: int) -> None:
    """Import an invented dump of `rows` rows in a child process: time and peak memory."""
    random_ = random.Random(1)
    syllables = ["ka", "ro", "mi", "tan", "bel", "or", "zu", "vi", "sha", "pol", "den", "ar", "ku", "ne", "lo"]

    def word(parts: int) -> str:
        return "".join(random_.choice(syllables) for _ in range(parts)).capitalize()

    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "allCountries.zip"
        with zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("allCountries.txt", "w") as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8")
            for n in range(rows):
                feature = random_.choice([("P", "PPL"), ("P", "PPL"), ("H", "STM"), ("S", "HTL"), ("A", "ADM2")])
                text.write("\t".join(map(str, [
                    90_000_000 + n, word(3), word(3), ",".join(word(3) for _ in range(random_.randint(0, 4))),
                    random_.uniform(-60, 60), random_.uniform(-180, 180), *feature,
                    random_.choice(["AZ", "UA", "SY", "SD", "ML", "US", "IN", "NG"]), "",
                    f"{random_.randint(1, 30):02d}", random_.randint(1, 99), "", "",
                    random_.choice([0, 0, 500, 2000, 20000]), "", 0, "UTC", "2024-01-01"])) + "\n")
            text.flush()
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eventwire.cli", "gazetteer", "import", str(dump), "--out",
                        str(Path(scratch) / "imported.sqlite")], check=True)
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"import of {rows:,} rows: {elapsed:.1f} s, {rows / elapsed:,.0f} rows/s, peak memory {peak_mb:.0f} MB")


def _seconds_in_fresh_process(code: str) -> float:
    timed = f"import time; started = time.perf_counter(); {code}; print(time.perf_counter() - started)"
    result = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
