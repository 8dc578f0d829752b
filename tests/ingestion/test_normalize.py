"""OCR normalisation: what it repairs, what it leaves, and how spans map back."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from lawtracker.domain.facts import Span
from lawtracker.ingestion.normalize import (
    OCR_DAMAGE_THRESHOLD,
    normalize_ocr,
    ocr_damage_score,
)

AZ_HALF_MARK = " Biznes faaliyyatinize"


def _seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _back(text: str, needle: str) -> str:
    """The original characters behind the first ``needle`` in the normalised text."""
    norm = normalize_ocr(text)
    start = norm.text.index(needle)
    span = norm.original_span(start, start + len(needle))
    return text[span.start : span.end]


# --- repairs -------------------------------------------------------------------


def test_word_broken_at_line_end_is_joined_and_maps_back() -> None:
    text = "The reform was imple-\nmented last spring."
    norm = normalize_ocr(text)
    assert norm.text == "The reform was implemented last spring."
    assert _back(text, "implemented") == "imple-\nmented"
    start = norm.text.index("implemented")
    assert norm.changed(start, start + len("implemented"))
    assert not norm.changed(0, start)


def test_hyphen_of_a_compound_used_inline_elsewhere_stays() -> None:
    text = "The cinayat-hiiquqi tadbir was applied; a later cinayat-\nhiiquqi tadbir too."
    assert normalize_ocr(text).text == text


def test_hyphen_stays_when_the_right_half_is_a_word_of_its_own() -> None:
    text = "They met in the court-\nroom, a room with no windows."
    assert normalize_ocr(text).text == text


def test_hyphen_stays_after_a_compound_prefix() -> None:
    text = "The non-\ngovernmental sector grew."
    assert normalize_ocr(text).text == text


def test_hyphen_stays_before_a_capitalised_line() -> None:
    text = "Bishkek-\nProtocol signatories"
    assert normalize_ocr(text).text == text


def test_letters_misread_inside_digit_runs_are_fixed() -> None:
    norm = normalize_ocr("Adopted in 2O22, with l0 amendments and 1O0 votes.")
    assert norm.text == "Adopted in 2022, with 10 amendments and 100 votes."


def test_mostly_letter_runs_are_not_read_as_digits() -> None:
    # conservative: as many real digits as misread letters are needed
    text = "Code 1OO and lOl"
    assert normalize_ocr(text).text == text


@pytest.mark.parametrize("word", ["CO5", "o6lkeaye", "Olga", "I", "lO", "model0"])
def test_letters_next_to_digits_inside_words_are_kept(word: str) -> None:
    text = f"see {word} here"
    assert normalize_ocr(text).text == text


def test_stray_bullets_are_removed_and_misread_letters_restored() -> None:
    norm = normalize_ocr("Menu ¢+ View all ¢ Our services\n¢ixis ve ©sasnama li¢ ©®mek")
    assert norm.text == "Menu  View all  Our services\nçixis ve Əsasnama liç Əmek"


def test_spaces_and_quotes_are_made_plain() -> None:
    norm = normalize_ocr("the Law \u201cOn Media\u201d and the country\u2019s\u00a0code")
    assert norm.text == 'the Law "On Media" and the country\'s code'
    assert len(norm.text) == len(norm.original)


def test_soft_hyphens_and_ligatures() -> None:
    norm = normalize_ocr("amend\u00adment of the ﬁnal text")
    assert norm.text == "amendment of the final text"
    assert _back(norm.original, "final") == "ﬁnal"
    assert _back(norm.original, "amendment") == "amend\u00adment"


def test_clean_text_is_returned_unchanged() -> None:
    text = "Article 5 of the Law No. 12-IVQ entered into force on 1 March 2021."
    norm = normalize_ocr(text)
    assert norm.text == text
    assert norm.original_span(8, 14) == Span(8, 14)
    assert not norm.changed(0, len(text))


def test_spans_after_edits_map_to_the_same_words() -> None:
    text = "¢+ Media ¢ Key “contacts” in 2O22 and imple-\nmented rules"
    norm = normalize_ocr(text)
    for word in ("Media", "Key", "contacts", "2022", "rules"):
        start = norm.text.index(word)
        span = norm.original_span(start, start + len(word))
        assert text[span.start : span.end].replace("O", "0") == word
    assert not norm.changed(norm.text.index("Media"), norm.text.index("Media") + 5)
    assert norm.changed(norm.text.index("2022"), norm.text.index("2022") + 4)


def test_empty_span_maps_to_a_point() -> None:
    norm = normalize_ocr("x ¢ y")
    span = norm.original_span(2, 2)
    assert span.start == span.end


def test_seed_newsletter_keeps_its_compound_and_repairs_glyphs(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    norm = normalize_ocr(text)
    assert "cinayat-\nhiquqi" in norm.text  # the hyphen belongs to the word
    assert "¢" not in norm.text
    assert "Əsasnama" in norm.text
    assert '"Decree"' in norm.text
    # every edit maps back onto text that still reads the same outside the edits
    for match in re.finditer(r"[A-Za-z]{6,}", norm.text):
        if not norm.changed(*match.span()):
            span = norm.original_span(*match.span())
            assert text[span.start : span.end] == match.group()


def test_normalisation_is_fast(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "003")
    started = time.perf_counter()
    normalize_ocr(text)
    assert time.perf_counter() - started < 0.05


# --- damage score -----------------------------------------------------------------


def test_score_separates_english_from_damaged_azerbaijani(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "001")
    english, azerbaijani = text.split(AZ_HALF_MARK, 1)
    assert ocr_damage_score(english) < 0.1 < OCR_DAMAGE_THRESHOLD
    assert ocr_damage_score(azerbaijani) >= 0.5 > OCR_DAMAGE_THRESHOLD
    # paragraph by paragraph, as the pipeline uses it
    for paragraph in re.split(r"\n\s*\n", english.split("\n", 6)[-1]):
        if paragraph.strip():
            assert ocr_damage_score(paragraph) < OCR_DAMAGE_THRESHOLD, paragraph
    long_az = [p for p in re.split(r"\n\s*\n", azerbaijani) if len(p) > 200]
    assert len(long_az) > 10
    for paragraph in long_az:
        assert ocr_damage_score(paragraph) >= OCR_DAMAGE_THRESHOLD, paragraph


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_clean_seeds_score_low(seeds_dir: Path, prefix: str) -> None:
    text = _seed(seeds_dir, prefix)
    assert ocr_damage_score(text) < OCR_DAMAGE_THRESHOLD
    for paragraph in re.split(r"\n\s*\n", text):
        if len(paragraph) > 80:
            assert ocr_damage_score(paragraph) < OCR_DAMAGE_THRESHOLD, paragraph


def test_clean_azerbaijani_is_not_damage() -> None:
    clean = (
        "Azərbaycan Respublikasının Vergi Məcəlləsinə əsasən hüquqi şəxslər və fərdi "
        "sahibkarlar investisiya təşviqi sənədini aldığı tarixdən yeddi il müddətinə "
        "mənfəət vergisini güzəştlə ödəyirlər."
    )
    assert ocr_damage_score(clean) < OCR_DAMAGE_THRESHOLD


def test_flattened_and_garbled_azerbaijani_is_damage() -> None:
    damaged = (
        "Azarbaycan Respublikasinin Vergi Macallasine asasan hiiquqi saxslar va fardi "
        "sahibkarlar investisiya tasviqi sanadini aldiqi tarixdan yeddi il middatina "
        "manfaat vergisini glizastla 6dayirlar, dévlatin ¢argivesinde."
    )
    assert ocr_damage_score(damaged) >= OCR_DAMAGE_THRESHOLD


@pytest.mark.parametrize("text", ["", "   ", "1234 5678", "¢", "a", "the of and"])
def test_score_is_a_share(text: str) -> None:
    assert 0.0 <= ocr_damage_score(text) <= 1.0
