"""Quotes match across line breaks and runs of spaces, and map back to source offsets."""

from __future__ import annotations

from lawtracker.services.rules.quotes import SearchText, find_quote

SOURCE = "Intro.\nThe Decree enters\ninto  force on\n  January 1, 2023.\nEnd."


def test_whitespace_differences_are_ignored_and_offsets_are_the_sources() -> None:
    span = find_quote(
        "The Decree enters into force on January 1, 2023.", [SearchText(7, "s", 0, SOURCE)]
    )
    assert span is not None
    assert SOURCE[span.start : span.end] == span.text
    assert span.text.startswith("The Decree") and span.text.endswith("2023.")
    assert span.source_id == 7


def test_offset_of_a_slice_is_added() -> None:
    piece = SOURCE[7:]
    span = find_quote("into force", [SearchText(1, "s", 7, piece)])
    assert span is not None and SOURCE[span.start : span.end] == "into  force"


def test_a_changed_word_is_not_found() -> None:
    assert (
        find_quote(
            "The Decree enters into force on January 2, 2023.", [SearchText(1, "s", 0, SOURCE)]
        )
        is None
    )
    assert find_quote("   ", [SearchText(1, "s", 0, SOURCE)]) is None
