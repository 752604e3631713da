"""The `parse` command's core: every item the checker reads in a document, with positions."""

from __future__ import annotations

from typing import Any

from factcheck.text.document import Document
from factcheck.quantity import read_quantities
from factcheck.quantity.chars import wide_groups


def parse_items(doc: Document, ref_year: int | None = None) -> list[dict[str, Any]]:
    """Items of the `parse` JSON contract, in text order."""
    items = []
    for q in read_quantities(wide_groups(doc.text, doc.norm), ref_year):
        line, col = doc.position(q.start)
        end_line, end_col = doc.position(q.end)
        item = {"line": line, "column": col,
                "end_column": end_col if end_line == line else col + len(q.text)}
        item.update(q.to_item())
        item["text"] = doc.text[q.start:q.end]
        items.append(item)
    return items


def render_items_table(items: list[dict[str, Any]]) -> str:
    """A rich table of parsed items."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table("line:col", "text", "kind", "value", "low", "high", "unit", "qualifier")
    for it in items:
        table.add_row(f"{it['line']}:{it['column']}", it["text"], it["kind"],
                      *(("" if it[k] is None else str(it[k])) for k in ("value", "low", "high")),
                      it["unit"], it["qualifier"])
    buf = io.StringIO()
    Console(file=buf, width=120).print(table)
    return buf.getvalue()
