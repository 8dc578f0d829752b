"""The seeds' whole JSON export, checked against a reviewed golden file.

Extraction is rebuilt for third-party documents; this test makes every change to what the
seeds yield visible in a commit's diff. After a deliberate change, regenerate with
``LAWTRACKER_REGEN_GOLDEN=1 ./test tests/ingestion/test_seed_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "seeds_export.json"


def _canonical(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_seed_export_matches_the_reviewed_golden_file(seed_export: dict) -> None:
    text = _canonical(seed_export)
    if os.environ.get("LAWTRACKER_REGEN_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert text == expected, "seed export changed: regenerate the golden file and review it"


def test_numbered_seed_measures_keep_their_keys(seed_export: dict) -> None:
    """Annotations hang on keys: the numbered seed measures' keys are a promise."""
    keys = {m["key"] for m in seed_export["measures"] if m["number"]}
    for key in (
        "az/decree/1913",
        "az/decree/1905",
        "az/law/619-viqd",
        "az/law/620-viqd",
        "az/court_decision/03-2022",
    ):
        assert key in keys
