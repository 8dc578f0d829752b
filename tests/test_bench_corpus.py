"""The benchmark corpus generator: many layouts, varied, deterministic, in size."""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

CORPUS_PY = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"

# What marks each layout; the generator must produce these shapes.
MARKS = {
    "newsletter_headlines": (r"\A.+ \| \w+ Legal Update\n", r"\bOn [A-Z][a-z]+ \d{1,2}, \d{4}, "),
    "newsletter_labels": (r"^Legal act: ", r"^Effective date: ", r"^Authority: "),
    "newsletter_citation_after": (r"^\d+\. ", r"^(?:\(|\[|Source: )[^\n]*\d{4}\)?\]?$"),
    "newsletter_bullets": (r"^[-•*–] .+;$",),
    "news_item": (r"\b[A-Z][a-z]+ \d{1,2}, \d{4}|\d{2}\.\d{2}\.\d{4}|\d{1,2} [A-Z][a-z]+ \d{4}",),
    "un_document": (
        r"^Distr\.: General\n\d{1,2} [A-Z][a-z]+ \d{4}$",
        r"^Original: ",
        r"\b(?:CCPR|CAT|CEDAW|CERD)/C/[A-Z]{3}/(?:CO|LOI|FCO)/\d|\bE/C\.12/[A-Z]{3}/",
    ),
    "coe_text": (r"\A(?:(?:Resolution|Recommendation) \d{4} \(\d{4}\)|Strasbourg, )",),
    "ministry_page": (r"Skip to|Font size|Version for the visually impaired|Menu|Logo",),
    "ru_news": (r"от \d{1,2} [а-я]+ \d{4} года № \S+",),
    "az_news": (r"\d{4}-c[iıuü] il \d{1,2} [a-zə]+ tarixli \S+ nömrəli",),
}
NUMBER_STYLES = {
    "AZ law": r"\b\d+-VI{0,2}QD?\b",
    "KZ law": r"\bNo\. \d+-V?I{1,3}\b",
    "UZ law": r"\bZRU-\d+\b",
    "UZ resolution": r"\bPP-\d+\b",
    "UZ decree": r"\bUP-\d+\b",
    "AM decision": r"\b\d+-[NL]\b",
    "RU law": r"\b\d+-FZ\b",
    "Cyrillic": r"№ (?:УП|ПП|ЗРУ)-\d+|№ \d+-ФЗ",
}
# The seed-shaped families (kept for bench/gen_corpus.py)
NEWS_FIRST_LINE = re.compile(r"\A date \d{4}-\d{2}-\d{2} \S")
NEWSLETTER_ITEM = re.compile(
    r"^\d{1,2}\. .+?\n\nDocument: .+?\n\nDate of signing: [A-Z][a-z]+ \d{1,2}, \d{4}\n\n"
    r"Commentary: ",
    re.M | re.S,
)
TREATY_RECEIVED = re.compile(r"^\[Date received: \d{1,2} [A-Z][a-z]+ \d{4}\]$", re.M)
DECLARATION_NO = re.compile(r"^\*\*Written declaration No\. \d{3}\*\*$", re.M)
SIGNATORY = re.compile(r"^[^\W\d_][^\n,]*,\s*[^\n,]+,\s*[A-Z][A-Za-z/]*\s*$", re.M)
TOTAL = re.compile(r"^Total = (\d+)$", re.M)


@pytest.fixture(scope="module")
def corpus() -> Iterator[ModuleType]:
    """bench/ is scripts, not a package: load corpus.py from its path."""
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.mark.parametrize("layout", sorted(MARKS))
def test_each_layout_has_its_shape(corpus: ModuleType, layout: str):
    for seed in range(6):
        text = corpus._fit(corpus.LAYOUTS[layout](random.Random(seed)))
        for mark in MARKS[layout]:
            assert re.search(mark, text, re.M), f"{layout}, seed {seed}: no {mark!r}\n{text[:600]}"
        assert corpus.MIN_BYTES <= len(text.encode("utf-8")) <= corpus.MAX_BYTES


def test_news_items_with_and_without_the_date_line_and_datelines(corpus: ModuleType):
    texts = [corpus.LAYOUTS["news_item"](random.Random(seed)) for seed in range(30)]
    assert any(NEWS_FIRST_LINE.match(t) for t in texts)
    assert any(not NEWS_FIRST_LINE.match(t) for t in texts)
    assert any(re.search(r"^[A-Z]{4,}, [A-Z][a-z]+ \d{1,2} \([\w.]+\) – ", t, re.M) for t in texts)


def test_seed_shaped_families_stay_for_gen_corpus(corpus: ModuleType):
    assert set(corpus.GENERATORS) == {"newsletter", "news", "treaty_report", "declaration"}
    rng = random.Random(3)
    assert NEWSLETTER_ITEM.search(corpus.GENERATORS["newsletter"](rng))
    assert NEWS_FIRST_LINE.match(corpus.GENERATORS["news"](rng))
    assert TREATY_RECEIVED.search(corpus.GENERATORS["treaty_report"](rng))
    declaration = corpus.GENERATORS["declaration"](rng)
    assert DECLARATION_NO.search(declaration)
    total = TOTAL.search(declaration)
    assert total is not None and int(total.group(1)) == len(SIGNATORY.findall(declaration))


def test_a_corpus_mixes_every_layout_sizes_and_number_styles(corpus: ModuleType, tmp_path):
    n = 3 * len(corpus.LAYOUTS)
    paths = corpus.make_corpus(tmp_path / "out", n, seed=7)

    assert len(paths) == n
    assert all(path.parent == tmp_path / "out" and path.suffix == ".txt" for path in paths)
    texts = [path.read_text(encoding="utf-8") for path in paths]
    assert len(set(texts)) == n, "every document is different"
    sizes = [path.stat().st_size for path in paths]
    assert all(corpus.MIN_BYTES <= size <= corpus.MAX_BYTES for size in sizes)
    assert min(sizes) < 3_000 and max(sizes) > 10_000, "small and large documents"
    everything = "\n".join(texts)
    for style, pattern in NUMBER_STYLES.items():
        assert re.search(pattern, everything), f"no {style} number ({pattern})"
    for layout, marks in MARKS.items():
        assert any(all(re.search(m, t, re.M) for m in marks) for t in texts), layout
    wrapped = [t for t in texts if max(len(line) for line in t.splitlines()) <= 100]
    assert wrapped and len(wrapped) < n, "hard-wrapped and one-paragraph-a-line texts"


def test_same_seed_same_bytes_other_seed_other_bytes(corpus: ModuleType, tmp_path: Path):
    first = [p.read_bytes() for p in corpus.make_corpus(tmp_path / "a", 20, seed=5)]
    again = [p.read_bytes() for p in corpus.make_corpus(tmp_path / "b", 20, seed=5)]
    other = [p.read_bytes() for p in corpus.make_corpus(tmp_path / "c", 20, seed=6)]
    assert first == again
    assert not set(first) & set(other)


def test_command_line_writes_n_files(corpus: ModuleType, tmp_path: Path, capsys):
    assert corpus.main([str(tmp_path / "cli"), "5", "--seed", "2"]) == 0
    assert len(list((tmp_path / "cli").glob("*.txt"))) == 5
    assert "wrote 5 documents" in capsys.readouterr().out
