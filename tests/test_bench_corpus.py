"""The benchmark corpus generator: every seed family, varied, deterministic, in size."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

CORPUS_PY = Path(__file__).resolve().parent.parent / "bench" / "corpus.py"

# What marks each family in the seeds; the generator must reproduce these shapes.
NEWS_FIRST_LINE = re.compile(r"\A date \d{4}-\d{2}-\d{2} \S")
NEWSLETTER_ITEM = re.compile(
    r"^\d{1,2}\. .+?\n\nDocument: .+?\n\nDate of signing: [A-Z][a-z]+ \d{1,2}, \d{4}\n\n"
    r"Commentary: ",
    re.M | re.S,
)
IN_FORCE = re.compile(r"^The (?:Decree|Law|Resolution) (?:enters|entered) into force on "
                      r"[A-Z][a-z]+ \d{1,2}, \d{4}\.$", re.M)  # fmt: skip
TREATY_RECEIVED = re.compile(r"^\[Date received: \d{1,2} [A-Z][a-z]+ \d{4}\]$", re.M)
TREATY_DISTR = re.compile(r"^Distr\.: General\n\d{1,2} [A-Z][a-z]+ \d{4}$", re.M)
DECLARATION_DOC = re.compile(r"^\*\*Doc\. \d{5}\*\*$", re.M)
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


def family_of(text: str) -> str:
    if NEWS_FIRST_LINE.match(text):
        return "news"
    if TREATY_RECEIVED.search(text) and TREATY_DISTR.search(text):
        return "treaty_report"
    if DECLARATION_DOC.search(text) and DECLARATION_NO.search(text):
        return "declaration"
    if NEWSLETTER_ITEM.search(text) and IN_FORCE.search(text):
        return "newsletter"
    return "unknown"


def test_forty_documents_cover_every_family_and_differ(corpus: ModuleType, tmp_path: Path):
    paths = corpus.make_corpus(tmp_path / "out", 40, seed=7)

    assert len(paths) == 40
    assert all(path.parent == tmp_path / "out" and path.suffix == ".txt" for path in paths)
    texts = [path.read_text(encoding="utf-8") for path in paths]
    families = [family_of(text) for text in texts]
    assert set(families) == {"newsletter", "news", "treaty_report", "declaration"}
    assert all(families.count(family) >= 8 for family in set(families))
    assert len(set(texts)) == 40, "every document is different"
    assert len({path.name for path in paths}) == 40
    for path in paths:
        assert corpus.MIN_BYTES <= path.stat().st_size <= corpus.MAX_BYTES, path.name


def test_documents_have_the_facts_the_extractors_look_for(corpus: ModuleType, tmp_path: Path):
    for path in corpus.make_corpus(tmp_path, 40, seed=3):
        text = path.read_text(encoding="utf-8")
        family = family_of(text)
        if family == "newsletter":
            assert "Document: " in text and "Date of signing: " in text
            # (newsletters are hard-wrapped: a line may break inside an amount)
            assert re.search(r"\d[\d,.]*\s+(?:\(\w+\)\s+)?(?:million\s+)?manats?\b", text)
            assert re.search(r"\d+\s+(?:\(\w+\)\s+)?percent\b", text)
        elif family == "news":
            assert re.search(r"over [\d,]+ (?:individuals|convicts)", text)
            assert re.search(r"\b(?:months to implement|within \d+ days)", text)
        elif family == "treaty_report":
            numbers = [int(n) for n in re.findall(r"^(\d{1,3})\. ", text, re.M)]
            assert numbers == list(range(1, len(numbers) + 1)), "paragraphs numbered in order"
            assert re.search(r"Article \d+(?:\.\d+)*", text)
        elif family == "declaration":
            signatories = SIGNATORY.findall(text)
            total = TOTAL.search(text)
            assert total is not None and int(total.group(1)) == len(signatories) >= 20
        else:
            pytest.fail(f"{path.name} belongs to no family:\n{text[:300]}")


def test_same_seed_same_bytes_other_seed_other_bytes(corpus: ModuleType, tmp_path: Path):
    first = [p.read_bytes() for p in corpus.make_corpus(tmp_path / "a", 8, seed=5)]
    again = [p.read_bytes() for p in corpus.make_corpus(tmp_path / "b", 8, seed=5)]
    other = [p.read_bytes() for p in corpus.make_corpus(tmp_path / "c", 8, seed=6)]
    assert first == again
    assert not set(first) & set(other)


def test_command_line_writes_n_files(corpus: ModuleType, tmp_path: Path, capsys):
    assert corpus.main([str(tmp_path / "cli"), "5", "--seed", "2"]) == 0
    assert len(list((tmp_path / "cli").glob("*.txt"))) == 5
    assert "wrote 5 documents" in capsys.readouterr().out
