"""Regenerate every formatter golden file (never edit them by hand).

Run: python tests/report/regen_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from sample_report import GOLDEN, GOLDENS, sample_report  # noqa: E402


def main() -> int:
    """Write each golden file as UTF-8 bytes, exactly as rendered."""
    GOLDEN.mkdir(exist_ok=True)
    report = sample_report()
    for name, render in GOLDENS.items():
        (GOLDEN / name).write_bytes(render(report).encode("utf-8"))
        print(f"wrote {GOLDEN / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
