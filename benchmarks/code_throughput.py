"""Throughput of `eventwire code`: words per second over the example articles.

Usage: .venv/bin/python benchmarks/code_throughput.py [--repeat N] [PATH ...]
Loads each coder once (load time reported separately), then codes every document N times in one
`code_many` stream, as `eventwire code` does, and reports words/s (words = whitespace-separated).
Both coders are measured in the same run: `lexicon` (the issue-2 pipeline: lexicon and rules, no
trained head) and `model` (the default: the same plus sentence embeddings and the trained head).
"""
from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from eventwire import __version__
from eventwire.ingest import IngestError, read_documents
from eventwire.pipeline import Coder

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "examples" / "articles")])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="process counts to measure")
    parser.add_argument("--coders", nargs="+", default=["lexicon", "model"], choices=["lexicon", "model"])
    args = parser.parse_args()
    documents = [d for d in read_documents(args.paths) if not isinstance(d, IngestError)]
    stream = documents * args.repeat
    words = sum(len(d.text.split()) for d in stream)
    print(f"eventwire {__version__} on {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"documents: {len(documents)} x {args.repeat} = {len(stream)}; words: {words}")
    for name in args.coders:
        started = time.perf_counter()
        coder = Coder.load(model=name == "model")
        print(f"{name}: load {time.perf_counter() - started:.2f} s")
        for jobs in args.jobs:
            started = time.perf_counter()
            mentions = sum(len(m) for _, m in coder.code_many(stream, jobs=jobs))
            seconds = time.perf_counter() - started
            print(f"{name} jobs={jobs}: coding {seconds:.2f} s; {words / seconds:,.0f} words/s; "
                  f"{len(stream) / seconds:,.1f} docs/s; {mentions} mentions")


if __name__ == "__main__":
    main()
