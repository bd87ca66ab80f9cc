"""Throughput of `eventwire ingest` against `eventwire code` on the same documents, in one run.

Usage: .venv/bin/python benchmarks/ingest_throughput.py [--published YYYY-MM-DD] [PATH ...]
(default: the example articles and our development set, which are all distinct texts: repeating a text
would only measure the exact-duplicate check). Loads one Coder, codes the documents once (as `eventwire
code` does), then ingests them into a new store in a temporary folder; the difference is what the store
adds: duplicate screening, writing, and merging each mention into the events.
"""
from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from eventwire import __version__
from eventwire.ingest import IngestError, read_documents
from eventwire.pipeline import Coder
from eventwire.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [str(ROOT / "examples" / "articles"), str(ROOT / "src" / "eventwire" / "eval" / "devset")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--published", default="2024-01-10", help="publication date for documents without one")
    args = parser.parse_args()
    documents = [d for d in read_documents(args.paths, published=args.published) if not isinstance(d, IngestError)]
    words = sum(len(d.text.split()) for d in documents)
    print(f"eventwire {__version__} on {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"documents: {len(documents)}; words: {words}")
    coder = Coder.load()
    started = time.perf_counter()
    mentions = sum(len(m) for _, m in coder.code_many(documents))
    coding = time.perf_counter() - started
    print(f"code:   {coding:.2f} s; {words / coding:,.0f} words/s; {mentions} mentions")
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.duckdb") as store:
        started = time.perf_counter()
        report = store.ingest(documents, coder)
        ingesting = time.perf_counter() - started
    print(f"ingest: {ingesting:.2f} s; {words / ingesting:,.0f} words/s; {report.summary()}")
    print(f"store:  {ingesting - coding:.2f} s more, {(ingesting - coding) / max(report.mentions, 1) * 1000:.1f} ms "
          "a mention")


if __name__ == "__main__":
    main()
