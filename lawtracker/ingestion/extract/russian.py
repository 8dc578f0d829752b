"""Russian date words: month names in every case a date uses, and "года"/"г." after a year.

Kept apart from ``dates.py`` so that its patterns stay readable. Month names are
looked up through a ``dateutil`` ``parserinfo`` table, the same mechanism the
English names use, instead of a hand-written mapping.
"""

from __future__ import annotations

from dateutil.parser import parserinfo

_W = r"[^\W\d_]"

# Stems whose endings cover the nominative (январь), genitive (января, "29 марта")
# and prepositional (январе, "в мае") forms that dates are written in.
_STEMS = (
    r"январ[ьяе]",
    r"феврал[ьяе]",
    r"март[ае]?",
    r"апрел[ьяе]",
    r"ма[йяе]",
    r"июн[ьяе]",
    r"июл[ьяе]",
    r"август[ае]?",
    r"сентябр[ьяе]",
    r"октябр[ьяе]",
    r"ноябр[ьяе]",
    r"декабр[ьяе]",
)

RU_MONTH = "(?i:" + "|".join(_STEMS) + rf")(?!{_W})"
"""A Russian month name in the nominative, genitive or prepositional case."""

# "2017 года", "2017 г.", "в 2020 году", "2020-го года", "к 2025-му году"
RU_YEAR_TAIL = (
    rf"(?:[-–](?:го|му|м|й)(?!{_W}))?"
    rf"(?:[ \t\u00a0]*(?:год(?:а|у|ом)?(?!{_W})|гг?\.|г(?!{_W})))"
    rf"|[-–](?:го|му|м|й)(?!{_W})"
)
"""What Russian writes after the digits of a year (the year word or an ordinal ending)."""


class _RussianMonths(parserinfo):
    """``dateutil`` month table for Russian: lookup is case-insensitive."""

    MONTHS = [  # noqa: RUF012 (the attribute parserinfo reads)
        ("январь", "января", "январе"),
        ("февраль", "февраля", "феврале"),
        ("март", "марта", "марте"),
        ("апрель", "апреля", "апреле"),
        ("май", "мая", "мае"),
        ("июнь", "июня", "июне"),
        ("июль", "июля", "июле"),
        ("август", "августа", "августе"),
        ("сентябрь", "сентября", "сентябре"),
        ("октябрь", "октября", "октябре"),
        ("ноябрь", "ноября", "ноябре"),
        ("декабрь", "декабря", "декабре"),
    ]


_INFO = _RussianMonths()


def russian_month(token: str) -> int | None:
    """Month number (1-12) of a Russian month name in any case form, else ``None``."""
    return _INFO.month(token)
