"""The scriptable command line: ingest, list, show, export, annotations, check (rules).

Every command prints plain text or JSON, exits 0 on success, 1 when some input
failed (the rest still done), and 2 on a usage or storage error, with one
clear line on stderr and no traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

from lawtracker import __version__, paths
from lawtracker.domain.catalog import EventView, MeasureFilter, SortColumn
from lawtracker.domain.dates import month_day_text
from lawtracker.domain.enums import DatePrecision, Instrument
from lawtracker.domain.rules import (
    OUTCOME_WORDS,
    CalculationResult,
    DateFlags,
    Location,
    Scenario,
    Verdict,
)
from lawtracker.errors import UserFacingError
from lawtracker.ingestion.pipeline import FileStatus, ingest_paths
from lawtracker.private_files import restrict_umask, write_private_text
from lawtracker.services.annotation_io import import_annotations_file, write_annotations_file
from lawtracker.services.catalog import Catalog
from lawtracker.services.export import export_csv, export_json
from lawtracker.services.rules import (
    GRAVITIES,
    RuleBook,
    amnesty_window,
    clause_dict,
    compare,
    describe,
    evaluate_all,
    money,
    money_transfer,
    never_convicted,
    salary_withholding,
    to_csv,
    tobacco_exemption,
)
from lawtracker.services.store import OpenedStore, open_store

COMMANDS = ("ingest", "list", "show", "export", "annotations", "check")


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
    listing.add_argument(
        "--jurisdiction",
        action="append",
        default=[],
        help=f"ISO code, or '{INTERNATIONAL.lower()}' for international bodies; repeatable",
    )
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

    _add_check_parser(commands)
    commands.add_parser("gui", help="open the window (the default)")
    return parser


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "").replace("_", ""))
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from exc


def _add_check_parser(commands) -> None:
    """``check RULE ...``: evaluate incentive regimes and run the quantified-rule calculators."""
    check = commands.add_parser("check", help="check a scenario against the quantified rules")
    rules = check.add_subparsers(dest="rule", metavar="RULE", required=True)

    def with_json(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--json", action="store_true", help="print JSON with clause spans")
        return parser

    incentive = with_json(rules.add_parser("incentive", help="investment incentive regimes"))
    incentive.add_argument("--amount", type=_decimal, required=True, help="investment amount")
    incentive.add_argument("--location", required=True, choices=[loc.value for loc in Location])
    incentive.add_argument("--state-share", type=_decimal, default=Decimal(0), metavar="PERCENT")
    incentive.add_argument("--strategic", action="store_true", help="in a presidential direction")
    incentive.add_argument("--date", type=_date, help="application date (default: today)")
    incentive.add_argument("--currency", default="AZN", help="currency of --amount")
    incentive.add_argument("--rate", type=_decimal, help="AZN per unit of --currency")
    incentive.add_argument("--participants", type=int, help="SME cluster participants")
    incentive.add_argument("--csv", type=Path, metavar="FILE", help="write comparison + verdicts")

    transfer = with_json(rules.add_parser("money-transfer", help="illegal money-transfer tiers"))
    transfer.add_argument("--amount", type=_decimal, required=True, help="amount in AZN")
    transfer.add_argument("--official", action="store_true", help="by an official using office")

    salary = with_json(rules.add_parser("salary-withholding", help="withholding cap"))
    salary.add_argument("--salary", type=_decimal, required=True)
    salary.add_argument("--withhold", type=_decimal, help="amount the contract withholds")
    salary.add_argument("--law-provides", action="store_true", help="a law allows the 50%% cap")

    convicted = with_json(rules.add_parser("never-convicted", help="legal entity record cleared"))
    convicted.add_argument("--completed", type=_date, required=True, help="measure completed on")
    convicted.add_argument("--gravity", required=True, choices=GRAVITIES)

    tobacco = with_json(rules.add_parser("tobacco-exemption", help="marking duty exemption end"))
    tobacco.add_argument("--notice", type=_date, required=True, help="notification received on")
    tobacco.add_argument("--extensions", type=int, default=0)

    amnesty = with_json(rules.add_parser("amnesty-window", help="amnesty implementation window"))
    amnesty.add_argument("--date", type=_date, help="is this date inside the window?")

    with_json(rules.add_parser("rules", help="list loaded rules and whether their quotes verify"))
    listing = with_json(rules.add_parser("compare", help="compare the incentive regimes"))
    listing.add_argument("--csv", type=Path, metavar="FILE")


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
        problems = {path: problem for path in args.paths if (problem := path_problem(path))}
        for path, problem in problems.items():
            print(f"     failed  {path}: {problem}", file=out)
        report = ingest_paths([p for p in args.paths if p not in problems], engine=store.engine)
        for result in report.results:
            print(result.line(), file=out)
        print(report.summary(), file=out)
        return 1 if report.count(FileStatus.FAILED) or problems else 0
    if args.command == "list":
        flt = MeasureFilter(
            jurisdictions=frozenset(_jurisdiction_code(j) for j in args.jurisdiction),
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
            where = _jurisdiction_name(row.jurisdiction)
            print(f"{row.key}\t{where}\t{signed}\t{in_force}\t{row.title}", file=out)
        print(f"{len(ids)} measures", file=err)
        return 0
    if args.command == "show":
        return _show(catalog, args.key, out, err)
    if args.command == "export":
        text = export_json(store.engine) if args.format == "json" else export_csv(store.engine)
        if args.out:
            write_output(args.out, text)
            print(f"wrote {args.out}", file=err)
        else:
            out.write(text if text.endswith("\n") else text + "\n")
        return 0
    if args.command == "annotations":
        return _annotations(args, store, err)
    if args.command == "check":
        return _check(args, store, out, err)
    raise AssertionError(f"unhandled command {args.command}")


def path_problem(path: Path) -> str | None:
    """Why ``path`` cannot be ingested (one phrase), or ``None`` when it can be looked at.

    ``Path.exists`` raises for anything but "not found" (a 300-byte name, a folder we
    may not enter): one bad argument must not stop the others.
    """
    try:
        path.stat()
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or type(exc).__name__})"
    return None


def write_output(path: Path, text: str, *, newline: str | None = None) -> None:
    """Write an export the user asked for: owner-only, whole, or one clear error."""
    try:
        write_private_text(path, text, newline=newline)
    except OSError as exc:
        raise UserFacingError(f"Cannot write {path}: {exc.strerror or exc}") from exc


def _annotations(args: argparse.Namespace, store: OpenedStore, err: TextIO) -> int:
    if args.action == "export":
        count = write_annotations_file(store.engine, args.out)
        print(f"wrote {count} annotations to {args.out}", file=err)
        return 0
    report = import_annotations_file(store.engine, args.file)
    print(f"{args.file}: {report.summary()}", file=err)
    return 0


# What a measure without a jurisdiction (an international body's own text) is called.
INTERNATIONAL = "International"


def _jurisdiction_name(code: str | None) -> str:
    return code if code is not None else INTERNATIONAL


def _jurisdiction_code(text: str) -> str | None:
    """``--jurisdiction`` as the filter wants it: ``None`` for international bodies."""
    return None if text.strip().casefold() == INTERNATIONAL.casefold() else text.upper()


def _event_date(e: EventView) -> str:
    """Only what the text states: a day and month without a year say so."""
    if e.date is None:
        return "unknown"
    if e.precision is DatePrecision.MONTH_DAY:
        return f"{month_day_text(e.date)} (year not stated)"
    return e.date.isoformat()


def _show(catalog: Catalog, key: str, out: TextIO, err: TextIO) -> int:
    measure_id = catalog.measure_id_for_key(key)
    detail = catalog.measure_detail(measure_id) if measure_id is not None else None
    if detail is None:
        print(f"lawtracker: no measure with key {key!r} (see `lawtracker list`)", file=err)
        return 2
    print(detail.title, file=out)
    print(f"  key: {detail.key}", file=out)
    print(f"  instrument: {detail.instrument.value}   number: {detail.number or '-'}", file=out)
    print(
        f"  jurisdiction: {_jurisdiction_name(detail.jurisdiction)}"
        f"   authority: {detail.authority or '-'}",
        file=out,
    )
    low = "   low confidence: check against the source" if detail.low_confidence else ""
    print(f"  role: {detail.role.value}   confidence: {detail.confidence:.2f}{low}", file=out)
    print("  events:", file=out)
    for e in detail.events:
        date = _event_date(e)
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


def _flags_json(flags: DateFlags | None) -> dict[str, object] | None:
    if flags is None:
        return None
    return {
        "date": flags.date.isoformat(),
        "rule": flags.rule,
        "clamped": flags.clamped,
        "weekend": flags.weekend,
        "holiday": flags.holiday,
    }


def _verdict_json(v: Verdict) -> dict[str, object]:
    return {
        "regime": v.regime_id,
        "title": v.title,
        "outcome": v.outcome.value,
        "verified": v.verified,
        "warnings": list(v.warnings),
        "amount_azn": str(v.amount_azn) if v.amount_azn is not None else None,
        "reasons": [
            {
                "criterion": r.criterion,
                "outcome": r.outcome.value,
                "message": r.message,
                "clause": clause_dict(r.clause),
            }
            for r in v.reasons
        ],
        "benefits": [
            {
                "id": b.benefit.id,
                "label": b.benefit.label,
                "rate_percent": str(b.benefit.rate_percent) if b.benefit.rate_percent else None,
                "years": b.benefit.years,
                "end": _flags_json(b.end),
                "note": b.note,
                "clause": clause_dict(b.benefit.clause),
            }
            for b in v.benefits
        ],
        "thresholds": [
            {
                "location": t.location.value,
                "minimum": str(t.minimum) if t.minimum is not None else None,
                "unclear": t.unclear,
            }
            for t in v.thresholds
        ],
    }


def _result_json(r: CalculationResult) -> dict[str, object]:
    return {
        "rule": r.rule_id,
        "title": r.title,
        "outcome": r.outcome,
        "summary": r.summary,
        "amount_min": str(r.amount_min) if r.amount_min is not None else None,
        "amount_max": str(r.amount_max) if r.amount_max is not None else None,
        "date": _flags_json(r.date),
        "notes": list(r.notes),
        "verified": r.verified,
        "clause": clause_dict(r.clause),
    }


def _print_clause(clause, out: TextIO) -> None:
    where = clause_dict(clause)
    place = (
        f"{where['source']} [{where['start']}:{where['end']}]" if clause.verified else "UNVERIFIED"
    )
    print(f'      clause ({place}): "{clause.quote}"', file=out)


def _check(args: argparse.Namespace, store: OpenedStore, out: TextIO, err: TextIO) -> int:
    book = RuleBook.load(store.engine)
    for problem in book.problems:
        print(f"lawtracker: rule {problem.path}: {problem.message}", file=err)
    if args.rule == "rules":
        rows = [
            {
                "id": r.id,
                "version": r.version,
                "kind": r.kind,
                "provenance": r.provenance.value,
                "verified": r.verified,
                "problems": list(r.problems),
                "path": r.path,
            }
            for r in book.regimes
        ]
        if args.json:
            print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
        for row in [] if args.json else rows:
            state = "verified" if row["verified"] else "UNVERIFIED"
            print(f"{row['id']}\tv{row['version']}\t{row['kind']}\t{state}", file=out)
        return 0
    if args.rule in ("incentive", "compare"):
        return _check_incentive(args, book, out, err)
    return _check_calculator(args, book, out)


def _check_incentive(args: argparse.Namespace, book: RuleBook, out: TextIO, err: TextIO) -> int:
    comparison = compare(book.incentives())
    if args.rule == "compare":
        if args.csv:
            write_output(args.csv, to_csv(comparison), newline="")
            print(f"wrote {args.csv}", file=err)
        elif args.json:
            rows = [
                {
                    "criterion": row.criterion,
                    "differs": row.differs,
                    "cells": {
                        rid: {"text": c.text, "clause": clause_dict(c.clause) if c.clause else None}
                        for rid, c in zip(comparison.regime_ids, row.cells, strict=True)
                    },
                }
                for row in comparison.rows
            ]
            print(json.dumps(rows, indent=2, ensure_ascii=False), file=out)
        else:
            for row in comparison.rows:
                mark = "*" if row.differs else " "
                cells = " | ".join(c.text for c in row.cells)
                print(f"{mark} {row.criterion}: {cells}", file=out)
        return 0
    currency = args.currency.upper()
    if currency != "AZN" and args.rate is None:
        raise UserFacingError(f"give --rate (AZN per {currency}) to convert the amount")
    scenario = Scenario(
        amount=args.amount,
        location=Location(args.location),
        state_share=args.state_share,
        strategic=args.strategic,
        application_date=args.date or dt.date.today(),
        currency=currency,
        rate=args.rate if args.rate is not None else Decimal(1),
        participants=args.participants,
    )
    verdicts = evaluate_all(book, scenario)
    if args.csv:
        write_output(args.csv, to_csv(comparison, scenario=scenario, verdicts=verdicts), newline="")
        print(f"wrote {args.csv}", file=err)
    if args.json:
        document = {
            "scenario": {
                "amount": str(scenario.amount),
                "currency": scenario.currency,
                "rate": str(scenario.rate),
                "amount_azn": str(scenario.amount_azn),
                "location": scenario.location.value,
                "state_share": str(scenario.state_share),
                "strategic": scenario.strategic,
                "application_date": scenario.application_date.isoformat(),
                "participants": scenario.participants,
            },
            "verdicts": [_verdict_json(v) for v in verdicts],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False), file=out)
        return 0
    if currency != "AZN":
        converted = f"{money(scenario.amount)} {currency} x {scenario.rate}"
        print(f"{converted} = {money(scenario.amount_azn)} AZN", file=out)
    for v in verdicts:
        flag = "" if v.verified else "  [UNVERIFIED RULE]"
        print(f"{v.title}: {OUTCOME_WORDS[v.outcome].upper()}{flag}", file=out)
        for r in v.reasons:
            print(f"  - {r.criterion}: {OUTCOME_WORDS[r.outcome]}: {r.message}", file=out)
            _print_clause(r.clause, out)
        for b in v.benefits:
            end = describe(b.end) if b.end else b.note
            print(f"  + {b.benefit.label}: {end}", file=out)
    return 0


def _check_calculator(args: argparse.Namespace, book: RuleBook, out: TextIO) -> int:
    if args.rule == "money-transfer":
        result = money_transfer(
            book.first_of_kind("money_transfer"), args.amount, official=args.official
        )
    elif args.rule == "salary-withholding":
        result = salary_withholding(
            book.first_of_kind("salary_withholding"),
            args.salary,
            withheld=args.withhold,
            law_provides=args.law_provides,
        )
    elif args.rule == "never-convicted":
        result = never_convicted(
            book.first_of_kind("never_convicted"), args.completed, args.gravity
        )
    elif args.rule == "tobacco-exemption":
        result = tobacco_exemption(
            book.first_of_kind("tobacco_exemption"), args.notice, args.extensions
        )
    elif args.rule == "amnesty-window":
        result = amnesty_window(book.first_of_kind("amnesty_window"), args.date)
    else:
        raise AssertionError(f"unhandled rule {args.rule}")
    if args.json:
        print(json.dumps(_result_json(result), indent=2, ensure_ascii=False), file=out)
    else:
        flag = "" if result.verified else "  [UNVERIFIED RULE]"
        print(f"{result.title}: {result.summary}{flag}", file=out)
        for note in result.notes:
            print(f"  note: {note}", file=out)
        _print_clause(result.clause, out)
    return 1 if result.outcome == "refused" else 0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line; a usage error (status 2) for ``--option=--``.

    argparse drops a ``--`` value and hands the option an empty list, which the
    commands would choke on: ``--query=--`` is refused as a usage error instead.
    """
    parser = build_parser()
    tokens = list(sys.argv[1:] if argv is None else argv)
    for token in tokens:
        if token == "--":
            break
        option, equals, value = token.partition("=")
        if token.startswith("-") and equals and value == "--":
            parser.error(f"{option} needs a value, not '--'")
    return parser.parse_args(tokens)


def exit_quietly_on_broken_pipe(status: Callable[[], int]) -> int:
    """Run ``status``; when the reader of stdout goes away (``| head``), stop quietly.

    As the Python documentation's "Note on SIGPIPE" says: point stdout at devnull so
    the interpreter's final flush does not fail again, and exit 141 (128 + SIGPIPE),
    the status a shell reports for a command ended by a closed pipe.
    """
    try:
        code = status()
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


def main(argv: Sequence[str] | None = None) -> int:
    restrict_umask()  # every file the command writes is owner-only
    args = parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    return exit_quietly_on_broken_pipe(lambda: run(args))
