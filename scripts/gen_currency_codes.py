"""Regenerate ``lawtracker/ingestion/extract/currency_codes.py`` from pycountry's ISO 4217 data.

Run by hand in a throwaway environment that has pycountry (LGPL-2.1; not a
dependency of the application): ``pip install pycountry && python
scripts/gen_currency_codes.py``. The output is a plain table of codes and
English names, so the installer does not carry pycountry's whole database.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry  # type: ignore[import-not-found]

TARGET = (
    Path(__file__).resolve().parent.parent
    / "lawtracker"
    / "ingestion"
    / "extract"
    / "currency_codes.py"
)
HEADER = '''"""ISO 4217 currency codes with their English names (generated: do not edit).

Made by ``scripts/gen_currency_codes.py`` from pycountry {version}'s ISO 4217
table, so that the quantity extractor knows every currency code without a
run-time dependency.
"""

from __future__ import annotations

ISO_4217: dict[str, str] = {{
'''


def main() -> None:
    """Write the table, one code a line, sorted."""
    from importlib.metadata import version

    lines = [HEADER.format(version=version("pycountry"))]
    for currency in sorted(pycountry.currencies, key=lambda c: c.alpha_3):
        lines.append(f"    {json.dumps(currency.alpha_3)}: {json.dumps(currency.name)},\n")
    lines.append("}\n")
    TARGET.write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
