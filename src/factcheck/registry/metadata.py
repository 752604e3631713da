"""The article's own metadata: title, publisher, author and date."""

from __future__ import annotations

import re

from factcheck.text.document import Document


def detect_metadata(doc: Document) -> dict[str, str]:
    """Title, publisher, author and date read from a news page's text."""
    head = "\n".join(doc.line_text(i + 1) for i in range(min(doc.line_count, 30)))
    meta: dict[str, str] = {}
    m = re.search(r"(20\d\d|19\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2})", head)
    if m:
        meta["date"] = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.search(r"来源[:：]\s*([^\s|]+)", head)
    if m:
        meta["publisher"] = m.group(1)
    m = re.search(r"原标题[:：]\s*(.+?)(（引题）|\(引题\)|$)", head, re.M)
    title = m.group(1).strip() if m else next(
        (ln.strip() for ln in head.splitlines() if len(ln.strip()) >= 8), "")
    meta["title"] = title
    m = re.search(r"记者\s*([\u4e00-\u9fff]{2,4})", head)
    if m:
        meta["author"] = m.group(1)
    return meta
