"""The `eventwire` command line."""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from . import __version__
from .eval import BENCHMARKS, SHARED_BENCHMARKS
from .export import FORMATS as EXPORT_FORMATS
from .records import AUX_MODES, Document, Mention, to_dict
from .store import DEFAULT_PATH as DEFAULT_DB

TOPONYM_COLUMNS = ("doc", "text", "start", "end", "geonameid", "place", "lat", "lon", "admin1", "country", "feature",
                   "res", "score")
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
    ingest = commands.add_parser("ingest", help="code articles and add them to the event store, merging reports "
                                 "of one event (the same content again adds nothing)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (.txt, .html, .jsonl, .csv, "
                        ".rss/.atom/.xml feeds), or - for standard input")
    ingest.add_argument("--db", metavar="FILE", default=DEFAULT_DB, help=f"the store (default: {DEFAULT_DB})")
    ingest.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every document")
    ingest.add_argument("--actors", metavar="FILE", help="YAML file adding to or overriding the actor dictionary")
    ingest.add_argument("--jobs", type=int, default=1, metavar="N", help="code in N processes")
    export = commands.add_parser("export", help="write the store's events in an analyst's format")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="plover: mentions as JSON lines; "
                        "acled: ACLED's 31-column CSV, one row per event; geojson: events with a place; parquet: "
                        "the events, mentions and documents tables")
    export.add_argument("--out", metavar="FILE", help="the file to write (default: standard output); for parquet "
                        "a folder, written as FOLDER/events.parquet, mentions.parquet, documents.parquet")
    export.add_argument("--db", metavar="FILE", default=DEFAULT_DB, help=f"the store (default: {DEFAULT_DB})")
    _add_filter_flags(export)
    serve = commands.add_parser("serve", help="serve the store's HTTP API (OpenAPI at /openapi.json) and the "
                                "dashboard, read-only")
    serve.add_argument("--db", metavar="FILE", default=DEFAULT_DB, help=f"the store (default: {DEFAULT_DB})")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this "
                       "machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free port)")
    geoparse = commands.add_parser("geoparse", help="print every place name of articles with the place it "
                                   "resolves to (one JSON object a name, or a table)")
    geoparse.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for standard input")
    geoparse.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    evaluate = commands.add_parser("eval", help="score eventwire on our development set or a public test set "
                                                "(../shared/benchmarks)")
    evaluate.add_argument("benchmark", choices=BENCHMARKS)
    evaluate.add_argument("--limit", type=int, metavar="N", help="only the first N items (a fast subset)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--no-model", action="store_true", help="the lexicon and rules alone, without the "
                          "trained event head (to compare)")
    gazetteer = commands.add_parser("gazetteer", help="the offline gazetteer: build it, or import the full "
                                                      "GeoNames dump into it")
    actions = gazetteer.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="build it from the installed data packages (`make install` does)")
    build.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    dump = actions.add_parser("import", help="import GeoNames' full dump (streamed), merged with our tables")
    dump.add_argument("dump", metavar="allCountries.zip", help="GeoNames' allCountries.zip (or one country's zip)")
    dump.add_argument("alternate_names", nargs="?", metavar="alternateNamesV2.zip",
                      help="GeoNames' alternate names, for more names in more languages")
    for action in (build, dump):
        action.add_argument("--out", metavar="FILE", help="the file to write (default: the gazetteer eventwire "
                            "reads: $EVENTWIRE_GAZETTEER, else a per-user cache file)")
    args = parser.parse_args(argv)
    return {"eval": _eval, "code": _code, "geoparse": _geoparse, "gazetteer": _gazetteer, "ingest": _ingest,
            "export": _export, "serve": _serve}[args.command](args)


def _add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """The flags of an EventFilter (the HTTP API takes the same filters as query parameters)."""
    group = parser.add_argument_group("filters (auxiliary modes are left out unless included)")
    group.add_argument("--type", action="append", metavar="TYPE", help="PLOVER event type(s), e.g. ASSAULT,PROTEST")
    group.add_argument("--country", action="append", metavar="ISO3", help="country of the event's place, e.g. UKR")
    group.add_argument("--actor", metavar="CODE_OR_NAME", help="actor or recipient: a code (RUS) or part of a name")
    group.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after this day")
    group.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before this day")
    group.add_argument("--bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", help="events placed inside this box")
    group.add_argument("--include-aux", action="append", metavar="MODE", choices=AUX_MODES,
                       help="also events with this auxiliary mode (negation, future, hypothetical, historical)")
    group.add_argument("--q", metavar="WORDS", help="words that must all occur in the evidence or the names")


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


def _gazetteer(args: argparse.Namespace) -> int:
    from .geo.build import build
    from .geo.database import summary
    from .geo.geonames_dump import DumpError, import_dump
    from .geo.settings import gazetteer_path

    out = Path(args.out) if args.out else gazetteer_path()
    started = time.perf_counter()
    if args.action == "build":
        if out.exists() and not args.force:
            print(f"eventwire: gazetteer {out} is built ({summary(out)})", file=sys.stderr)
            return 0
        build(out)
    else:
        try:
            import_dump(Path(args.dump), Path(args.alternate_names) if args.alternate_names else None, out)
        except DumpError as error:
            print(f"eventwire: {error}; the gazetteer {out} is as it was", file=sys.stderr)
            return 1
    print(f"eventwire: gazetteer {out}: {summary(out)}, in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def _load_coder(args: argparse.Namespace):
    """The Coder for `code` and `ingest`, or None after a usage error on stderr."""
    from .pipeline import Coder

    if args.published:
        try:
            datetime.date.fromisoformat(args.published)
        except ValueError:
            print(f"eventwire: --published {args.published!r} is not a date in YYYY-MM-DD form", file=sys.stderr)
            return None
    try:
        return Coder.load(args.actors)
    except (OSError, ValueError) as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return None


def _code(args: argparse.Namespace) -> int:
    coder = _load_coder(args)
    if coder is None:
        return 2
    failures = []
    progress = _progress(_documents(args.paths, args.published, failures), "coding")
    out = sys.stdout
    if args.format == "table":
        print(_row(TABLE_COLUMNS), file=out)
    for _, mentions in coder.code_many(progress, jobs=args.jobs):
        for mention in mentions:
            line = json.dumps(to_dict(mention), ensure_ascii=False) if args.format == "jsonl" else _table_row(mention)
            print(line, file=out)
    return 1 if failures else 0


def _ingest(args: argparse.Namespace) -> int:
    from .ingest import read_documents
    from .store import Store, StoreError

    coder = _load_coder(args)
    if coder is None:
        return 2
    try:
        store = Store.open(args.db)
    except StoreError as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 2
    documents = read_documents(args.paths, published=args.published, stdin=sys.stdin.buffer)
    with store, tqdm(desc="ingesting", unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        report = store.ingest(documents, coder, progress=bar.update, jobs=args.jobs)
    for error in report.errors:
        print(f"eventwire: {error}", file=sys.stderr)
    print(f"eventwire: {args.db}: {report.summary()}")
    return 1 if report.errors else 0


def _export(args: argparse.Namespace) -> int:
    from . import export
    from .store import EventFilter, FilterError, Store, StoreError

    if args.format == "parquet" and not args.out:
        print("eventwire: --format parquet needs --out FOLDER (three tables)", file=sys.stderr)
        return 2
    try:
        filters = EventFilter(types=args.type, countries=args.country, actor=args.actor, date_from=args.since,
                              date_to=args.until, bbox=args.bbox, aux=args.include_aux, q=args.q)
        store = Store.open(args.db, read_only=True)
    except (FilterError, StoreError, FileNotFoundError) as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 2
    with store:
        if args.out:
            written = export.write_path(store, args.format, filters, Path(args.out))
            print(f"eventwire: wrote {', '.join(map(str, written))}", file=sys.stderr)
        else:
            export.write(store, args.format, filters, sys.stdout.buffer)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .api import create_app
    from .api.server import bind, run, url
    from .store import StoreError

    try:
        app = create_app(args.db)
    except (FileNotFoundError, StoreError) as error:
        print(f"eventwire: {error}", file=sys.stderr)
        return 2
    try:
        listening = bind(args.host, args.port)
    except OSError as error:
        print(f"eventwire: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"eventwire: serving {args.db} at {url(listening)} (OpenAPI at /openapi.json); Ctrl-C stops", flush=True)
    run(app, listening)
    return 0


def _geoparse(args: argparse.Namespace) -> int:
    from .geo import Gazetteer
    from .geoparse import FIELDS, geoparse_documents, toponym_record
    from .nlp import load_nlp

    failures = []
    documents = _progress(_documents(args.paths, None, failures), "geoparsing")
    if args.format == "table":
        print(_toponym_row(TOPONYM_COLUMNS))
    for document, resolutions in geoparse_documents(documents, load_nlp(), Gazetteer.load()):
        for resolution in resolutions:
            record = toponym_record(document.id, resolution)
            print(json.dumps(record, ensure_ascii=False) if args.format == "jsonl" else
                  _toponym_row(["-" if record[f] is None else record[f] for f in FIELDS[:-1]]))
    return 1 if failures else 0


def _documents(paths: list[str], published: str | None, failures: list) -> Iterator[Document]:
    """The documents read from `paths`; each bad input is reported on stderr and added to `failures`."""
    from .ingest import IngestError, read_documents

    for item in read_documents(paths, published=published, stdin=sys.stdin.buffer):
        if isinstance(item, IngestError):
            failures.append(item)
            print(f"eventwire: {item}", file=sys.stderr)
        else:
            yield item


def _progress(documents: Iterator[Document], what: str) -> Iterator[Document]:
    return tqdm(documents, desc=what, unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr)


def _toponym_row(cells) -> str:
    widths = (18, 24, 6, 6, 9, 24, 8, 8, 20, 7, 7, 3, 5)
    return "  ".join((f"{c:.4g}" if isinstance(c, float) else str(c))[:w].ljust(w)
                     for c, w in zip(cells, widths)).rstrip()


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
