"""The closed vocabularies the store and the views share.

They are ``StrEnum`` so that their values go into the database and the JSON
export as readable words, and compare equal to those words.
"""

from __future__ import annotations

from enum import StrEnum


class Instrument(StrEnum):
    DECREE = "decree"
    LAW = "law"
    CODE = "code"
    COURT_DECISION = "court_decision"
    AMNESTY_ACT = "amnesty_act"
    RESOLUTION = "resolution"
    ORDER = "order"
    REGULATION = "regulation"
    REPORT = "report"
    DECLARATION = "declaration"
    STATEMENT = "statement"
    OTHER = "other"


class EventKind(StrEnum):
    SIGNED = "signed"
    ADOPTED = "adopted"
    PUBLISHED = "published"
    ISSUED = "issued"
    RECEIVED = "received"
    IN_FORCE = "in_force"
    IMPLEMENTATION_START = "implementation_start"
    IMPLEMENTATION_END = "implementation_end"
    WINDOW_START = "window_start"
    WINDOW_END = "window_end"
    EXPIRES = "expires"
    OTHER = "other"


class DatePrecision(StrEnum):
    """How much of a date the text actually states.

    ``MONTH_DAY`` is a day and month whose year the text does not give and no
    dateline supplies ("On May 25"): the date's year is a placeholder
    (:data:`lawtracker.domain.dates.NO_YEAR`) that is never shown or exported.
    ``UNKNOWN`` marks a date role the text does not give (for instance no
    entry-into-force sentence): the event exists but its date is ``None``.
    """

    DAY = "day"
    MONTH_DAY = "month_day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class QuantityKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"
    DURATION = "duration"
    PEOPLE = "people"
    COUNT = "count"


class Qualifier(StrEnum):
    EXACT = "exact"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    ABOUT = "about"
    UP_TO = "up_to"
    LESS_THAN = "less_than"
    RANGE = "range"


class ReferenceKind(StrEnum):
    ARTICLE = "article"
    LAW = "law"
    DECISION = "decision"
    CASE = "case"
    DOCUMENT_SYMBOL = "document_symbol"
    OTHER = "other"


class LinkKind(StrEnum):
    AMENDS = "amends"
    CITES = "cites"
    REPORTS_ON = "reports_on"
    IMPLEMENTS = "implements"


class DocumentFamily(StrEnum):
    NEWSLETTER = "newsletter"
    NEWS = "news"
    TREATY_BODY_REPORT = "treaty_body_report"
    WRITTEN_DECLARATION = "written_declaration"
    GENERIC = "generic"


class Language(StrEnum):
    EN = "en"
    AZ = "az"
    RU = "ru"


class MeasureRole(StrEnum):
    """What a document does with a measure: about it, cites it, or only names it."""

    PRIMARY = "primary"
    REFERENCED = "referenced"
    MENTIONED = "mentioned"


class ReviewStatus(StrEnum):
    """Where a consultant stands with a measure; kept on annotations."""

    UNREVIEWED = "unreviewed"
    IN_REVIEW = "in_review"
    REVIEWED = "reviewed"
    NEEDS_FOLLOW_UP = "needs_follow_up"
