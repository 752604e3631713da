"""The `parse` command's core: every item the checker reads in a document, with positions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from factcheck.jsontext import dumps
from factcheck.quantity import read_quantities
from factcheck.quantity.chars import wide_groups
from factcheck.text.document import Document


def parse_items(doc: Document, ref_year: int | None = None) -> list[dict[str, Any]]:
    """Items of the `parse` JSON contract, in text order."""
    return [dict(zip(FIELDS, row)) for row in parse_rows(doc, ref_year)]


def parse_rows(doc: Document, ref_year: int | None = None) -> list[tuple[Any, ...]]:
    """The values of each `parse` item, in the order of FIELDS, in text order."""
    text, starts = doc.text, doc.line_starts
    last = len(starts) - 1
    line = 0  # index of the line the current quantity starts on (quantities come in order)
    rows = []
    for q in read_quantities(wide_groups(doc.text, doc.norm), ref_year):
        while line < last and starts[line + 1] <= q.start:
            line += 1
        end_line = line
        while end_line < last and starts[end_line + 1] <= q.end:
            end_line += 1
        col = q.start - starts[line] + 1
        value = _number(q.value)
        rows.append((line + 1, col, q.end - starts[end_line] + 1 if end_line == line else col + len(q.text),
                     text[q.start:q.end], q.kind, value,
                     value if q.low is q.value else _number(q.low),
                     value if q.high is q.value else _number(q.high),
                     q.low_open, q.high_open, q.unit, q.qualifier, q.currency))
    return rows


def _number(value: Decimal | str | None) -> int | float | str | None:
    """A Decimal as a JSON number (int when whole), as Quantity.to_item gives it."""
    if type(value) is Decimal:
        return int(value) if value == value.to_integral_value() else float(value)
    return value


#: The fields of an item, in order, and its text nested in {"items": [...]} with indent 2.
FIELDS = ("line", "column", "end_column", "text", "kind", "value", "low", "high", "low_open",
          "high_open", "unit", "qualifier", "currency")
_ITEM = "{\n      " + ",\n      ".join(f'"{k}": %s' for k in FIELDS) + "\n    }"


def items_json(items: list[dict[str, Any]]) -> str:
    """`jsontext.dumps({"items": items})`, about twice as fast for items as parse_items makes them."""
    return "".join(items_json_pieces(items))


def items_json_pieces(items: list[dict[str, Any]], chunk: int = 1000) -> Iterator[str]:
    """items_json in pieces of `chunk` items (rows_json_pieces for items with the fields of
    FIELDS in that order; the general writer for anything else)."""
    if not items or any(type(it) is not dict or tuple(it) != FIELDS for it in items):
        yield dumps({"items": items})
        return
    yield from rows_json_pieces([tuple(it.values()) for it in items], chunk)


def rows_json_pieces(rows: list[tuple[Any, ...]], chunk: int = 1000) -> Iterator[str]:
    """The text of `jsontext.dumps({"items": items})` for the items of parse_rows' rows, in
    pieces of `chunk` items, written as they come (a 1 MB draft's JSON is 4 MB: one piece at
    a time keeps the memory, and the system's time, low).

    The C encoder writes every value of a chunk in one call, separated by line breaks (JSON
    text holds none inside a value); one format puts them into the items' fixed layout.
    """
    flats = []
    width = len(FIELDS)
    if any(len(row) != width for row in rows):  # rows of other lengths whose values add up
        yield dumps({"items": [dict(zip(FIELDS, row)) for row in rows]})
        return
    for i in range(0, len(rows), chunk):
        values = [v for row in rows[i:i + chunk] for v in row]
        flat = json.dumps(values, ensure_ascii=False, check_circular=False, separators=("\n", ": "))
        if not values or flat.count("\n") + 1 != width * min(chunk, len(rows) - i) \
                or flat[1] in "[{" or "\n[" in flat or "\n{" in flat:  # nested, or another length
            yield dumps({"items": [dict(zip(FIELDS, row)) for row in rows]})
            return
        flats.append(flat)
    yield from _pieces(flats, len(rows), chunk) if rows else [dumps({"items": []})]


def _pieces(flats: list[str], count: int, chunk: int) -> Iterator[str]:
    """The items' text, a chunk at a time, from each chunk's values as the C encoder wrote them."""
    layout = ",\n    ".join([_ITEM] * chunk)
    for i, flat in enumerate(flats):
        n = min(chunk, count - i * chunk)
        text = (layout if n == chunk else ",\n    ".join([_ITEM] * n)) % tuple(flat[1:-1].split("\n"))
        yield ('{\n  "items": [\n    ' if i == 0 else ",\n    ") + text
    yield "\n  ]\n}"


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
