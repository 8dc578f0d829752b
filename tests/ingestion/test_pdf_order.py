"""Reading order of PDF lines, on lines made here (no PDF needed)."""

from __future__ import annotations

from lawtracker.ingestion.formats.pdf_order import Line, Page, layout_text


def line(text: str, x0: float, top: float, x1: float) -> Line:
    return Line(text, x0, top, x1, top + 8)


def test_two_columns_under_a_spanning_headline_read_left_then_right() -> None:
    page = Page(
        595,
        842,
        [
            line("Right one.", 320, 100, 540),
            line("Left one.", 50, 100, 270),
            line("A headline across both columns", 50, 60, 540),
            line("Left two.", 50, 130, 270),
            line("Right two.", 320, 130, 540),
        ],
    )
    text, layout = layout_text([page])
    assert text.split("\n\n") == [
        "A headline across both columns",
        "Left one.",
        "Left two.",
        "Right one.",
        "Right two.\n",
    ]
    assert [text[ln.start : ln.end] for ln in layout.pages[0].lines][:2] == [
        "A headline across both columns",
        "Left one.",
    ]


def test_running_heads_go_but_numbered_paragraphs_at_the_top_of_pages_stay() -> None:
    pages = [
        Page(
            595,
            842,
            [
                line("Example Law Firm", 50, 20, 200),
                line(
                    f"{n}. The Committee notes the report number {n} of the State party.",
                    50,
                    60,
                    540,
                ),
                line(f"Page {n} of 3", 50, 800, 120),
            ],
        )
        for n in (1, 2, 3)
    ]
    text, layout = layout_text(pages)
    assert "Example Law Firm" not in text and "Page" not in text
    for n in (1, 2, 3):
        assert f"{n}. The Committee notes the report number {n}" in text
    assert [p.offset for p in layout.pages] == [0, text.index("2."), text.index("3.")]


def test_a_wrapped_paragraph_is_one_line_and_a_hyphen_break_stays_for_the_normaliser() -> None:
    page = Page(
        595,
        842,
        [
            line("The Rules set out how tax-", 50, 100, 300),
            line("payers issue invoices and", 50, 112, 300),
            line("keep them.", 50, 124, 120),
            line("The Rules enter into force on April 1, 2021.", 50, 150, 300),
        ],
    )
    text, _ = layout_text([page])
    assert text == (
        "The Rules set out how tax-\npayers issue invoices and keep them.\n\n"
        "The Rules enter into force on April 1, 2021.\n"
    )
