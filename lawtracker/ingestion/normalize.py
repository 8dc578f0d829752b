"""OCR repair for extraction, with a map back to the characters the user reads.

Extractors run on a repaired copy of the text (joined hyphenated words,
``2O22`` read as ``2022``, straight quotes...), but every fact must point at
the original characters. :class:`NormalizedText` therefore records each edit
and maps spans back through them.

Only unambiguous repairs are made here; the heavy damage of the Azerbaijani
OCR (``ə`` read as ``a``/``s``/``8``...) is left alone and tolerated by the
extractors instead, because guessing letters would corrupt clean text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lawtracker.domain.facts import Span

OCR_DAMAGE_THRESHOLD = 0.25
"""Score from which a text counts as OCR-damaged.

Every clean English paragraph of the seeds scores 0 and clean Azerbaijani
text (with its own letters) stays near 0; every paragraph of more than 200
characters in the damaged Azerbaijani half of the newsletter scores 0.55-1
(the half as a whole 0.86). A quarter sits well inside that gap.
"""

_LETTER = r"[^\W\d_]"

# Compound prefixes whose hyphen survives a line break ("non-\ngovernmental").
_COMPOUND_PREFIXES = frozenset(
    re.findall(
        r"\S+",
        "anti co counter cross ex full half high inter long low mid multi non over part post pre "
        "pro quasi self semi short so sub super under well",
    )
)

_SINGLE_REPLACEMENTS = {
    **dict.fromkeys("\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2009\u200a\u202f\u3000", " "),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‘’‚‛′ʼ`´", "'"),
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬀ": "ff",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
}

_DELETE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# One cheap character-class scan finds every candidate; Python decides.
_CANDIDATE = re.compile(
    "[" + re.escape("".join(_DELETE) + "".join(_SINGLE_REPLACEMENTS) + "¢©") + "]"
    r"|-[ \t]*\r?\n[ \t]*"
)
_DIGIT_RUN = re.compile(r"\d+")
_CONFUSABLE = frozenset("OolI")
_DIGITISH = frozenset("0123456789OolI")
_WORD_BEFORE = re.compile(rf"(?<!-){_LETTER}+$")
_WORD_AT = re.compile(rf"{_LETTER}+")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


@dataclass(frozen=True)
class NormalizedText:
    """A repaired text that remembers where each of its characters came from.

    ``_edits`` holds ``(norm_start, norm_end, orig_start, orig_end)`` for
    every replaced range, sorted; outside them the two texts align 1:1.
    """

    text: str
    original: str
    _edits: tuple[tuple[int, int, int, int], ...] = field(default=(), repr=False)
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(e[0] for e in self._edits))

    @property
    def edit_count(self) -> int:
        return len(self._edits)

    def _to_original(self, pos: int, *, is_end: bool) -> int:
        pos = min(max(pos, 0), len(self.text))
        i = (
            bisect.bisect_left(self._starts, pos)
            if is_end
            else bisect.bisect_right(self._starts, pos)
        ) - 1
        if i < 0:
            return min(pos, len(self.original))
        ns, ne, os_, oe = self._edits[i]
        inside = ns < pos <= ne if is_end else ns <= pos < ne
        if inside:
            if ne - ns == oe - os_:
                return os_ + (pos - ns)
            return oe if is_end else os_
        return pos - ne + oe

    def original_span(self, start: int, end: int) -> Span:
        """The span of the original text that ``text[start:end]`` was made from."""
        if end <= start:
            point = self._to_original(start, is_end=False)
            return Span(point, point)
        begin = self._to_original(start, is_end=False)
        finish = self._to_original(end, is_end=True)
        return Span(begin, max(begin, finish))

    def changed(self, start: int, end: int) -> bool:
        """True if normalisation replaced, inserted or deleted anything inside ``[start, end)``."""
        if end <= start or not self._edits:
            return False
        i = bisect.bisect_left(self._starts, end) - 1
        if i < 0:
            return False
        ns, ne, _, _ = self._edits[i]
        return ne > start if ne > ns else ns > start


def normalize_ocr(text: str) -> NormalizedText:
    """Repair unambiguous OCR damage; see the module docstring for what is touched."""
    try:
        edits = sorted([*_character_edits(text), *_digit_edits(text)])
    except Exception:  # normalisation must never break ingestion
        return NormalizedText(text, text)
    if not edits:
        return NormalizedText(text, text)
    pieces: list[str] = []
    mapped: list[tuple[int, int, int, int]] = []
    last = 0
    norm_pos = 0
    for start, end, replacement in edits:
        if start < last:
            continue
        pieces.append(text[last:start])
        norm_pos += start - last
        pieces.append(replacement)
        mapped.append((norm_pos, norm_pos + len(replacement), start, end))
        norm_pos += len(replacement)
        last = end
    pieces.append(text[last:])
    return NormalizedText("".join(pieces), text, tuple(mapped))


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _character_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    words: _WordIndex | None = None
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        ch = text[start]
        before = text[start - 1] if start else " "
        after = text[end : end + 1] or " "
        if ch in _DELETE:
            edits.append((start, end, ""))
        elif ch in _SINGLE_REPLACEMENTS:
            edits.append((start, end, _SINGLE_REPLACEMENTS[ch]))
        elif ch == "-":
            right = text[end : end + 2]
            candidate = _is_letter(before) and right.isalpha() and right.islower()
            if candidate and len(right) == 2:
                words = words or _WordIndex(text)
                if words.is_broken_word(start, end):
                    edits.append((start, end, ""))
        elif ch == "¢" and (_is_letter(before) or _is_letter(after)):
            edits.append((start, end, "ç"))  # "¢ixis" is "çıxış" read by OCR
        elif (
            ch == "©"
            and not _is_letter(before)
            and (_is_letter(after) or (after == "®" and _is_letter(text[end + 1 : end + 2])))
        ):
            edits.append((start, end + (after == "®"), "Ə"))  # "©sasnama" is "Əsasnamə"
        elif before.isspace() and (after.isspace() or after == "+"):
            plus = text[end : end + 1] == "+" and (text[end + 1 : end + 2] or " ").isspace()
            edits.append((start, end + plus, ""))  # a stray bullet "¢" / "¢+"
    return edits


def _digit_edits(text: str) -> list[tuple[int, int, str]]:
    """ "2O22" -> "2022", "l0" -> "10": letters read inside a run of digits."""
    edits = []
    consumed = 0
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        if start < consumed:
            continue
        if not ((start and text[start - 1] in _CONFUSABLE) or text[end : end + 1] in _CONFUSABLE):
            continue
        while start and text[start - 1] in _DIGITISH:
            start -= 1
        while end < len(text) and text[end] in _DIGITISH:
            end += 1
        consumed = end
        if (start and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha()):
            continue  # part of a word ("CO5", "o6lkeaye")
        token = text[start:end]
        digits = sum(ch.isdigit() for ch in token)
        if digits >= len(token) - digits:
            edits.append((start, end, token.translate(_DIGIT_FIX)))
    return edits


class _WordIndex:
    """Where words occur in a text, to judge a line-end hyphen.

    Look-ups use ``str.find`` on a lower-cased copy (a regex scan per word
    costs milliseconds) and are memoised per word, so that a text full of
    broken lines stays linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        self.lowered = lowered if len(lowered) == len(text) else text  # "İ" grows when lowered
        self._memo: dict[tuple[str, str], int] = {}

    def _count(self, needle: str, mode: str) -> int:
        """Occurrences of ``needle`` starting a word; ``mode`` says what must follow.

        "word": a non-letter (a whole word, not after "-"); "inline": anything
        (used for "left-right"); "prefix": a letter (``needle`` ends with "-").
        """
        key = (needle, mode)
        if key in self._memo:
            return self._memo[key]
        text = self.lowered
        count = 0
        position = text.find(needle)
        while position != -1:
            prev = text[position - 1] if position else " "
            nxt = text[position + len(needle) : position + len(needle) + 1] or " "
            starts_word = not prev.isalpha() and not (mode == "word" and prev == "-")
            ends_ok = mode == "inline" or (nxt.isalpha() if mode == "prefix" else not nxt.isalpha())
            count += starts_word and ends_ok
            position = text.find(needle, position + 1)
        self._memo[key] = count
        return count

    def is_broken_word(self, hyphen: int, right_start: int) -> bool:
        """Whether ``left-\\nright`` is one word split by the line end, not a compound.

        Conservative: the hyphen stays when the text uses ``left-right`` or
        ``left-`` inline elsewhere, when ``left`` is a usual compound prefix,
        or when ``right`` is a word of its own elsewhere; unless the joined
        word is attested, which wins over the last two.
        """
        before = _WORD_BEFORE.search(self.text, max(0, hyphen - 40), hyphen)
        after = _WORD_AT.match(self.text, right_start)
        if before is None or after is None or len(before.group()) < 2:
            return False
        left, right = before.group().lower(), after.group().lower()
        if self._count(f"{left}-{right}", "inline"):
            return False
        if self._count(left + right, "word"):
            return True
        if left in _COMPOUND_PREFIXES or self._count(f"{left}-", "prefix"):
            return False
        # the candidate's own right half is one of the occurrences
        return self._count(right, "word") <= 1


# --- OCR damage score -------------------------------------------------------

_AZ_LOWER_CLASS = "[a-zəıüöçşğ]"
# Each alternative starts with a narrow character class so the scan stays cheap.
_TELLTALE = re.compile(
    r"[¢©®\ufffd\u25a1]"  # junk glyphs
    rf"|\d(?:(?<={_AZ_LOWER_CLASS}\d)|(?={_AZ_LOWER_CLASS}{{3}}))"  # "o6lkeaye", "0dayicisi"
    rf"|ii(?<={_AZ_LOWER_CLASS}ii)(?={_AZ_LOWER_CLASS})"  # "hiiquqi": ü read as ii
    r"|-(?<=\d-)n?c(?![iıuü](?![^\W\d_]))[^\W\d_]{1,2}(?![^\W\d_])"  # "2023-cl": misread ordinal
)
_PUNCTUATION = "\"'.,;:()[]{}*!?-—–«»“”‘’/"
_AZ_SPECIAL = frozenset("əıışçğöüƏİŞÇĞÖÜ")
_AZ_SUFFIXES = (
    "lar", "ler", "lari", "leri", "larin", "lerin", "nin", "sinin", "sini", "nda", "nde",
    "ndan", "nden", "dir", "mis", "mek", "mak", "ilib", "ulub", "maqla", "mekle", "makla",
    "ilir", "unur", "olunub", "edilib",
)  # fmt: skip
_AZ_WORDS = frozenset(
    re.findall(
        r"\S+", "ve va və ile ilə ucun üçün haqqinda haqqında ki bu olan edilir barede barədə"
    )
)
_EN_WORDS = frozenset(
    re.findall(
        r"\S+",
        "the of and to in a is for on that by with as be are was this from or an it at which "
        "their its has have not shall were been will also other such any into",
    )
)


def ocr_damage_score(text: str) -> float:
    """How damaged a text looks, from 0 (clean) to 1; compare with ``OCR_DAMAGE_THRESHOLD``.

    Two signals: OCR tell-tales per word (junk glyphs, digits inside words,
    ``ii`` read for ``ü``, a misread ordinal such as "2023-cl"), and
    Azerbaijani prose that has lost all its own letters (``ə``, ``ı``,
    ``ş``...), which only happens when OCR read it as plain Latin. Short
    lines that happen to need no Azerbaijani letter ("imzalanma tarixi: 20
    dekabr 2022-ci il") score 0: they are not damaged.
    """
    try:
        return _damage_score(text)
    except Exception:  # a score must never break ingestion
        return 0.0


def _damage_score(text: str) -> float:
    counts = [0, 0, 0, 0, 0]
    known = _WORD_KINDS
    for word in text.lower().split():
        kind = known.get(word)
        if kind is None:
            kind = _word_kind(word)
            if len(known) < _WORD_KINDS_MAX:
                known[word] = kind
        counts[kind] += 1
    _, other, english, az_letters, az_like = counts
    words = other + english + az_letters + az_like
    if words == 0:
        return 0.0
    telltales = len(_TELLTALE.findall(text))
    telltale_share = min(1.0, telltales / words)
    # Azerbaijani prose without any Azerbaijani letters was flattened by OCR.
    folded = 0.0
    if az_like >= 2 and az_like > 2 * english:
        folded = (az_like / words) * (1.0 - min(1.0, 4 * az_letters / az_like))
    score = max(min(1.0, 4 * telltale_share), min(1.0, 2.5 * folded))
    if folded > 0:
        score += min(0.3, 2 * telltale_share)
    return round(min(1.0, score), 4)


_AZ_SPELLING = re.compile(r"q[^u]|(?:^|[^e])x[aiıəueo]")
_SKIP, _OTHER, _ENGLISH, _AZ_LETTERS, _AZ_LIKE = range(5)
# Words recur across paragraphs and files: classify each lowered word once per process.
_WORD_KINDS: dict[str, int] = {}
_WORD_KINDS_MAX = 200_000


def _word_kind(word: str) -> int:
    """What one lowered whitespace-separated word says about OCR flattening."""
    token = word.strip(_PUNCTUATION)
    if len(token) <= 1 or not token.isalpha():
        return _SKIP
    if token in _EN_WORDS:
        return _ENGLISH
    if not token.isascii() and not _AZ_SPECIAL.isdisjoint(token):
        return _AZ_LETTERS
    if (
        token in _AZ_WORDS
        or (len(token) >= 5 and token.endswith(_AZ_SUFFIXES))
        or (("q" in token or "x" in token) and _AZ_SPELLING.search(token))
    ):
        return _AZ_LIKE
    return _OTHER
