"""The `eventwire` command line."""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import sys
from collections.abc import Iterator

from tqdm import tqdm

from . import __version__
from .eval import BENCHMARKS, SHARED_BENCHMARKS
from .records import Document, Mention, to_dict

TABLE_COLUMNS = ("doc", "event", "mode", "aux", "actor", "recipient", "place", "date", "dead", "inj", "arr",
                 "conf", "trigger")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eventwire", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    code = commands.add_parser("code", help="code articles into PLOVER event mentions")
    code.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    code.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every document "
                      "(overrides metadata); relative dates stay unresolved without one")
    code.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    code.add_argument("--actors", metavar="FILE", help="YAML file adding to or overriding the actor dictionary")
    code.add_argument("--jobs", type=int, default=1, metavar="N",
                      help="parse in N processes (worth it from a few dozen articles on)")
    evaluate = commands.add_parser("eval", help="score eventwire on our development set or a public test set "
                                                "(../shared/benchmarks)")
    evaluate.add_argument("benchmark", choices=BENCHMARKS)
    evaluate.add_argument("--limit", type=int, metavar="N", help="only the first N items (a fast subset)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--no-model", action="store_true", help="the lexicon and rules alone, without the "
                          "trained event head (to compare)")
    args = parser.parse_args(argv)
    return _eval(args) if args.command == "eval" else _code(args)


def _eval(args: argparse.Namespace) -> int:
    from .eval import benchmarks_dir, runners
    from .pipeline import Coder

    folder = None
    if args.benchmark in SHARED_BENCHMARKS:
        try:
            folder = benchmarks_dir()
        except FileNotFoundError as error:
            print(f"eventwire: {error}", file=sys.stderr)
            return 2
    report = runners()[args.benchmark](Coder.load(model=not args.no_model), folder, limit=args.limit)
    print(json.dumps(dataclasses.asdict(report), indent=2) if args.json else report.text())
    return 0


def _code(args: argparse.Namespace) -> int:
    from .ingest import IngestError, read_documents
    from .pipeline import Coder

    if args.published:
        try:
            datetime.date.fromisoformat(args.published)
        except ValueError:
            print(f"eventwire: --published {args.published!r} is not a date in YYYY-MM-DD form", file=sys.stderr)
            return 2
    try:
        coder = Coder.load(args.actors)
    except (OSError, ValueError) as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 2
    failures = 0

    def documents() -> Iterator[Document]:
        nonlocal failures
        for item in read_documents(args.paths, published=args.published, stdin=sys.stdin.buffer):
            if isinstance(item, IngestError):
                failures += 1
                print(f"eventwire: {item}", file=sys.stderr)
            else:
                yield item

    progress = tqdm(documents(), desc="coding", unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr)
    out = sys.stdout
    if args.format == "table":
        print(_row(TABLE_COLUMNS), file=out)
    for _, mentions in coder.code_many(progress, jobs=args.jobs):
        for mention in mentions:
            line = json.dumps(to_dict(mention), ensure_ascii=False) if args.format == "jsonl" else _table_row(mention)
            print(line, file=out)
    return 1 if failures else 0


def _entity_label(entity) -> str:
    if entity is None:
        return "-"
    label = "/".join(x for x in (entity.code, entity.sector) if x) or "?"
    return f"{label} ({entity.entity_text.text[:24]})"


def _table_row(m: Mention) -> str:
    size = m.size
    cells = (m.doc_id[:18], m.event, m.mode or "-", m.aux or "-", _entity_label(m.actor), _entity_label(m.recipient),
             (m.event_loc.resolved_place if m.event_loc else None) or "-", m.date or "-",
             *(str(v) if v is not None else "-" for v in (size.dead, size.injured, size.arrested)),
             f"{m.confidence:.2f}", m.event_text.text[:30])
    return _row(cells)


def _row(cells) -> str:
    widths = (18, 9, 13, 12, 30, 30, 18, 10, 4, 4, 4, 4, 30)
    return "  ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()


if __name__ == "__main__":
    sys.exit(main())
