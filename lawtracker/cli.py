"""The scriptable command line: ingest, list, show, export, annotations export/import.

Every command prints plain text or JSON, exits 0 on success, 1 when some input
failed (the rest still done), and 2 on a usage or storage error, with one
clear line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from lawtracker import __version__, paths
from lawtracker.domain.catalog import MeasureFilter, SortColumn
from lawtracker.domain.enums import Instrument
from lawtracker.errors import UserFacingError
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.services.annotation_io import import_annotations_file, write_annotations_file
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import export_csv, export_json
from lawtracker.services.store import OpenedStore, open_store

COMMANDS = ("ingest", "list", "show", "export", "annotations")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lawtracker",
        description="Track legal measures extracted from legal documents, offline.",
    )
    parser.add_argument("--version", action="version", version=f"lawtracker {__version__}")
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL (default: per-user)"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="keep data, logs and settings here instead of the user dirs"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more to stderr")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="open the window offscreen on seeds, check it, exit",
    )
    parser.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="with --self-check: save PNGs here"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add documents (files or folders) to the store")
    ingest.add_argument("paths", nargs="+", type=Path)

    listing = commands.add_parser("list", help="list measures")
    listing.add_argument("--jurisdiction", action="append", default=[], help="ISO code, repeatable")
    listing.add_argument(
        "--instrument", action="append", default=[], choices=[i.value for i in Instrument]
    )
    listing.add_argument("--since", type=_date, help="with a dated event on or after (YYYY-MM-DD)")
    listing.add_argument("--until", type=_date, help="with a dated event on or before")
    listing.add_argument("--as-of", type=_date, help="only measures in force on this date")
    listing.add_argument("--query", default="", help="full-text search")
    listing.add_argument("--sort", default="title", choices=[c.value for c in SortColumn])
    listing.add_argument("--desc", action="store_true")

    show = commands.add_parser("show", help="show one measure with its facts")
    show.add_argument("key")

    export = commands.add_parser("export", help="export measures as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--out", type=Path, help="write here instead of stdout")

    annotations = commands.add_parser("annotations", help="move annotations between stores as JSON")
    annotation_actions = annotations.add_subparsers(dest="action", metavar="ACTION", required=True)
    annotations_out = annotation_actions.add_parser(
        "export", help="write every annotation, with its history, to a JSON file"
    )
    annotations_out.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    annotations_in = annotation_actions.add_parser(
        "import", help="merge a JSON export; importing twice duplicates nothing"
    )
    annotations_in.add_argument("file", type=Path, metavar="FILE.json")

    commands.add_parser("gui", help="open the window (the default)")
    return parser


def run(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        store = open_store(args.db)
    except UserFacingError as exc:
        print(f"lawtracker: {exc}", file=err)
        return 2
    try:
        if store.migration.backup_path is not None:
            print(f"database upgraded; backup saved at {store.migration.backup_path}", file=err)
        return _dispatch(args, store, out, err)
    except UserFacingError as exc:
        print(f"lawtracker: {exc}", file=err)
        return 2
    finally:
        store.dispose()


def _dispatch(args: argparse.Namespace, store: OpenedStore, out: TextIO, err: TextIO) -> int:
    catalog = Catalog(store.engine)
    if args.command == "ingest":
        missing = [p for p in args.paths if not p.exists()]
        for path in missing:
            print(f"     failed  {path}: no such file or folder", file=out)
        report = ingest_paths([p for p in args.paths if p.exists()], engine=store.engine)
        for result in report.results:
            print(result.line(), file=out)
        print(report.summary(), file=out)
        return 1 if report.count(FileStatus.FAILED) or missing else 0
    if args.command == "list":
        flt = MeasureFilter(
            jurisdictions=frozenset(j.upper() for j in args.jurisdiction),
            instruments=frozenset(Instrument(i) for i in args.instrument),
            since=args.since,
            until=args.until,
            as_of=args.as_of,
            query=args.query,
        )
        ids = catalog.measure_ids(flt, SortColumn(args.sort), args.desc)
        for row in catalog.measure_rows(ids):
            signed = row.signed.isoformat() if row.signed else "-"
            in_force = row.in_force.isoformat() if row.in_force else "unknown"
            print(f"{row.key}\t{signed}\t{in_force}\t{row.title}", file=out)
        print(f"{len(ids)} measures", file=err)
        return 0
    if args.command == "show":
        return _show(catalog, args.key, out, err)
    if args.command == "export":
        text = export_json(store.engine) if args.format == "json" else export_csv(store.engine)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
            print(f"wrote {args.out}", file=err)
        else:
            out.write(text if text.endswith("\n") else text + "\n")
        return 0
    if args.command == "annotations":
        return _annotations(args, store, err)
    raise AssertionError(f"unhandled command {args.command}")


def _annotations(args: argparse.Namespace, store: OpenedStore, err: TextIO) -> int:
    if args.action == "export":
        count = write_annotations_file(store.engine, args.out)
        print(f"wrote {count} annotations to {args.out}", file=err)
        return 0
    report = import_annotations_file(store.engine, args.file)
    print(f"{args.file}: {report.summary()}", file=err)
    return 0


def _show(catalog: Catalog, key: str, out: TextIO, err: TextIO) -> int:
    measure_id = catalog.measure_id_for_key(key)
    detail = catalog.measure_detail(measure_id) if measure_id is not None else None
    if detail is None:
        print(f"lawtracker: no measure with key {key!r} (see `lawtracker list`)", file=err)
        return 2
    print(detail.title, file=out)
    print(f"  key: {detail.key}", file=out)
    print(f"  instrument: {detail.instrument.value}   number: {detail.number or '-'}", file=out)
    print(f"  jurisdiction: {detail.jurisdiction}   authority: {detail.authority or '-'}", file=out)
    print("  events:", file=out)
    for e in detail.events:
        date = e.date.isoformat() if e.date else "unknown"
        extra = f" [derived: {e.rule}]" if e.derived else ""
        review = " (needs review)" if e.needs_review else ""
        print(f"    {e.kind.value:<22} {date:<10} {e.label or ''}{extra}{review}", file=out)
    print("  quantities:", file=out)
    for q in detail.quantities:
        upper = f"–{q.value_max:g}" if q.value_max is not None else ""
        cond = f"  when: {q.condition}" if q.condition else ""
        print(
            f"    {q.kind.value:<9} {q.qualifier.value:<9} {q.value:g}{upper} {q.unit}{cond}",
            file=out,
        )
    print("  references:", file=out)
    for r in detail.references:
        print(f"    {r.kind.value:<16} {r.normalized}", file=out)
    if detail.links:
        print("  links:", file=out)
        for link in detail.links:
            arrow = "->" if link.outgoing else "<-"
            print(
                f"    {arrow} {link.kind.value:<10} {link.other_title} [{link.other_key or '-'}]",
                file=out,
            )
    print(f"  sources: {', '.join(detail.source_names)}", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    return run(args)
