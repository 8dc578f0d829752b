"""The review report: the listed measures, their key dates, quantities and annotations, as PDF.

The HTML is generated here and every piece of document or user text goes
through ``html.escape``; notes are printed as plain text (escaped), not as
Markdown, so nothing in a note can add markup to the report.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lawtracker.domain.annotations import AnnotationView
from lawtracker.domain.catalog import MeasureDetail
from lawtracker.gui.annotations.texts import STATUS_NAMES, local_time
from lawtracker.gui.labels import jurisdiction_name, precise_date, quantity_value, words
from lawtracker.gui.pdf import write_html_pdf


@dataclass(frozen=True, slots=True)
class ReportEntry:
    detail: MeasureDetail
    annotations: Sequence[AnnotationView]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def report_html(entries: Iterable[ReportEntry], *, title: str, generated: dt.datetime) -> str:
    """The report as HTML built only from escaped text and our own tags."""
    parts = [
        "<html><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>Generated {_e(local_time(generated))}.</p>",
    ]
    count = 0
    for entry in entries:
        count += 1
        d = entry.detail
        meta = [words(d.instrument)]
        meta += [f"No. {d.number}"] if d.number else []
        meta += [d.authority] if d.authority else []
        meta.append(jurisdiction_name(d.jurisdiction))
        parts.append(f"<h2>{_e(d.title)}</h2>")
        parts.append(f"<p><i>{_e(' · '.join(meta))}</i> — key {_e(d.key)}</p>")
        dated = [e for e in d.events if e.date is not None]
        if dated:
            parts.append("<p><b>Key dates</b></p><ul>")
            for event in sorted(dated, key=lambda e: e.date or dt.date.max):
                how = " (derived)" if event.derived else ""
                when = precise_date(event.date, event.precision)
                parts.append(f"<li>{_e(words(event.kind))}: {_e(when)}{_e(how)}</li>")
            parts.append("</ul>")
        if d.quantities:
            parts.append("<p><b>Quantities</b></p><ul>")
            for q in d.quantities:
                value = quantity_value(q.value, q.value_max, q.qualifier)
                parts.append(f"<li>{_e(value)} {_e(q.unit)} — “{_e(q.text)}”</li>")
            parts.append("</ul>")
        live = [a for a in entry.annotations if not a.deleted]
        if live:
            parts.append("<p><b>Annotations</b></p>")
            for a in sorted(live, key=lambda a: (a.created_at, a.id)):
                head = [STATUS_NAMES[a.status], f"{a.author}, {local_time(a.updated_at)}"]
                head += ["tags: " + ", ".join(a.tags)] if a.tags else []
                head += [f"matter: {a.matter}"] if a.matter else []
                head += [f"follow up {a.follow_up.isoformat()}"] if a.follow_up else []
                parts.append(f"<p><i>{_e(' · '.join(head))}</i></p>")
                if a.anchor is not None:
                    parts.append(
                        f"<blockquote>“{_e(' '.join(a.anchor.quote.split()))}”</blockquote>"
                    )
                note = "<br/>".join(_e(line) for line in a.note.splitlines())
                parts.append(f"<p>{note}</p>")
    if not count:
        parts.append("<p>No measures are listed.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_pdf(path: Path, body: str, *, title: str) -> None:
    """Lay ``body`` (our HTML) out on A4 pages and write the PDF to ``path``."""
    write_html_pdf(path, body, title=title)
