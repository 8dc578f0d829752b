"""The pinned PySide6 wheel keeps Python's reference count of ``None`` intact.

PySide6-Essentials 6.12.0 (abi3, built with CPython 3.13.0-3.13.3 headers,
cpython gh-134989) drops one reference to ``None`` per void call; on Python
3.11 the interpreter aborts after a few thousand calls. We pin 6.11.3; this
test fails loudly if an upgrade brings the faulty build back.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QPointF
point = QPointF()
before = sys.getrefcount(None)
for _ in range(200_000):
    point.setX(1.0)
print(before - sys.getrefcount(None))
"""


def test_void_calls_do_not_leak_none() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 1000
