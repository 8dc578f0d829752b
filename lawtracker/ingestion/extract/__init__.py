"""Generic extractors: dates, quantities and references in English and Azerbaijani text.

Each ``find_*`` takes a text and returns facts sorted by position, with spans
into that same text. Run them on ``normalize_ocr(text).text`` and map spans
back with ``NormalizedText.original_span`` (see ``families.context``).
"""

from lawtracker.ingestion.extract.dates import find_dates
from lawtracker.ingestion.extract.quantities import find_quantities
from lawtracker.ingestion.extract.references import find_references

__all__ = ["find_dates", "find_quantities", "find_references"]
