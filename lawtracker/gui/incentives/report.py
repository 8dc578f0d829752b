"""The comparison and the scenario result as CSV rows and as a PDF.

One long CSV table (a ``section`` column tells comparison, verdict, reason and
benefit rows apart) so a spreadsheet can filter it. The PDF is HTML laid out by
``QTextDocument`` and written by ``QPdfWriter``; every piece of text from rule
files, sources or the user goes through :func:`html.escape`.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lawtracker.domain.rules import OUTCOME_WORDS, Clause, Comparison, Scenario, Verdict
from lawtracker.gui.incentives.comparison_model import UNVERIFIED_MARK, cell_text
from lawtracker.gui.pdf import write_html_pdf
from lawtracker.private_files import write_private_text

CSV_COLUMNS = (
    "section",
    "regime",
    "criterion",
    "value",
    "detail",
    "quote",
    "source",
    "start",
    "end",
    "verified",
)


@dataclass(frozen=True, slots=True)
class ScenarioReport:
    """A computed scenario: the inputs in words and each regime's verdict."""

    scenario: Scenario
    location_label: str
    verdicts: tuple[Verdict, ...]


def _clause_columns(clause: Clause | None) -> list[str]:
    if clause is None:
        return ["", "", "", "", ""]
    if clause.span is None:
        return [clause.quote, "", "", "", "no"]
    span = clause.span
    return [span.text, span.source_name, str(span.start), str(span.end), "yes"]


def benefit_end_text(verdict: Verdict, index: int) -> tuple[str, str]:
    """``(end date, note)`` of a benefit: the rounding note and a non-working-day flag."""
    result = verdict.benefits[index]
    if result.end is None:
        return "—", result.note
    flags = result.end
    notes = [result.note] if result.note else []
    if flags.clamped:
        notes.append(f"rounded: {flags.rule}")
    if flags.holiday:
        notes.append(f"falls on a holiday ({flags.holiday})")
    elif flags.weekend:
        notes.append("falls on a weekend")
    return flags.date.isoformat(), "; ".join(notes)


def scenario_words(report: ScenarioReport) -> list[tuple[str, str]]:
    s = report.scenario
    amount = f"{s.amount:,.2f} {s.currency.upper()}"
    if s.currency.upper() != "AZN":
        amount += f" at {s.rate} AZN each = {s.amount_azn:,.2f} AZN"
    return [
        ("Investment", amount),
        ("Location", report.location_label),
        ("State share", f"{s.state_share}%"),
        ("Strategic direction", "yes" if s.strategic else "no"),
        ("Application date", s.application_date.isoformat()),
        ("Participants", "not given" if s.participants is None else str(s.participants)),
    ]


def csv_rows(comparison: Comparison | None, report: ScenarioReport | None) -> list[list[str]]:
    rows: list[list[str]] = [list(CSV_COLUMNS)]
    if comparison is not None:
        for row in comparison.rows:
            for title, cell in zip(comparison.titles, row.cells, strict=True):
                detail = "differs" if row.differs else "same"
                rows.append(
                    [
                        "comparison",
                        title,
                        row.criterion,
                        cell_text(cell),
                        detail,
                        *_clause_columns(cell.clause),
                    ]
                )
    if report is not None:
        for name, value in scenario_words(report):
            rows.append(["scenario", "", name, value, "", "", "", "", "", ""])
        for verdict in report.verdicts:
            trust = "" if verdict.verified else UNVERIFIED_MARK
            rows.append(
                [
                    "verdict",
                    verdict.title,
                    "outcome",
                    OUTCOME_WORDS[verdict.outcome],
                    trust,
                    *_clause_columns(None),
                ]
            )
            for reason in verdict.reasons:
                rows.append(
                    [
                        "reason",
                        verdict.title,
                        reason.criterion,
                        OUTCOME_WORDS[reason.outcome],
                        reason.message,
                        *_clause_columns(reason.clause),
                    ]
                )
            for index, result in enumerate(verdict.benefits):
                end, note = benefit_end_text(verdict, index)
                rows.append(
                    [
                        "benefit",
                        verdict.title,
                        result.benefit.label,
                        end,
                        note,
                        *_clause_columns(result.benefit.clause),
                    ]
                )
    return rows


def csv_text(comparison: Comparison | None, report: ScenarioReport | None) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(csv_rows(comparison, report))
    return buffer.getvalue()


def _lines_html(text: str) -> str:
    """Escaped text with its line breaks kept (a comparison cell lists one place a line)."""
    return html.escape(text).replace("\n", "<br/>")


def _quote_html(clause: Clause | None) -> str:
    if clause is None:
        return ""
    if clause.span is None:
        return f"<i>{UNVERIFIED_MARK}:</i> “{html.escape(clause.quote)}”"
    return (
        f"“{html.escape(clause.span.text)}” <small>({html.escape(clause.span.source_name)})</small>"
    )


def report_html(comparison: Comparison | None, report: ScenarioReport | None) -> str:
    e = html.escape
    parts = ["<html><body><h1>Incentive comparison</h1>"]
    if comparison is not None and comparison.rows:
        head = "".join(f"<th>{e(t)}</th>" for t in comparison.titles)
        parts.append(f'<table border="1" cellpadding="3"><tr><th>Criterion</th>{head}</tr>')
        for row in comparison.rows:
            cells = "".join(
                f"<td>{'<b>' if row.differs else ''}{_lines_html(cell_text(c))}"
                f"{'</b>' if row.differs else ''}<br/>{_quote_html(c.clause)}</td>"
                for c in row.cells
            )
            parts.append(f"<tr><td><b>{e(row.criterion)}</b></td>{cells}</tr>")
        parts.append("</table><p>Bold rows differ between regimes.</p>")
    if report is not None:
        parts.append("<h2>Scenario</h2><ul>")
        parts += [f"<li>{e(k)}: {e(v)}</li>" for k, v in scenario_words(report)]
        parts.append("</ul>")
        for verdict in report.verdicts:
            trust = "" if verdict.verified else f" ({UNVERIFIED_MARK})"
            parts.append(
                f"<h3>{e(verdict.title)}: {e(OUTCOME_WORDS[verdict.outcome])}{e(trust)}</h3><ul>"
            )
            for reason in verdict.reasons:
                parts.append(
                    f"<li><b>{e(reason.criterion)}</b> ({e(OUTCOME_WORDS[reason.outcome])}): "
                    f"{e(reason.message)}<br/>{_quote_html(reason.clause)}</li>"
                )
            parts.append("</ul>")
            if verdict.benefits:
                parts.append("<p>Benefits:</p><ul>")
                for index, result in enumerate(verdict.benefits):
                    end, note = benefit_end_text(verdict, index)
                    parts.append(
                        f"<li>{e(result.benefit.label)}: ends {e(end)}"
                        f"{' — ' + e(note) if note else ''}</li>"
                    )
                parts.append("</ul>")
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(path: Path, comparison: Comparison | None, report: ScenarioReport | None) -> None:
    """Lay the report out on A4 portrait pages."""
    write_html_pdf(path, report_html(comparison, report), title="lawtracker incentive comparison")


def write_csv(path: Path, comparison: Comparison | None, report: ScenarioReport | None) -> None:
    write_private_text(path, csv_text(comparison, report), newline="")


def titles_of(verdicts: Sequence[Verdict]) -> list[str]:
    return [v.title for v in verdicts]
